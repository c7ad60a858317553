/* Randomness from the kernel (getrandom): idempotency keys and retry jitter. */
#ifndef KIOSK_RAND_H
#define KIOSK_RAND_H

#include <stddef.h>
#include <stdint.h>

/* A random number for jitter; falls back to the clock when the pool is not ready yet (a
 * fleet must not retry in step, but jitter is not a secret). */
uint32_t rand_u32(void);

/* nbytes random bytes as lowercase hex into out (2 * nbytes + 1 characters at most n);
 * KIOSK_EIO when the kernel gave none, KIOSK_EINVAL when out is too small. */
int rand_hex(char *out, size_t n, size_t nbytes);

#endif
