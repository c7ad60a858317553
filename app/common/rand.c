/* Randomness (see rand.h). */
#include "app/common/rand.h"

#include <stdio.h>
#include <sys/random.h>

#include "app/common/clock.h"
#include "app/common/err.h"

uint32_t rand_u32(void)
{
	uint32_t r = 0;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint32_t)clock_wall_ms();
	return r;
}

int rand_hex(char *out, size_t n, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof(raw) || n < 2 * nbytes + 1)
		return KIOSK_EINVAL;
	if (getrandom(raw, nbytes, 0) != (ssize_t)nbytes)
		return KIOSK_EIO;
	for (size_t i = 0; i < nbytes; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return 0;
}
