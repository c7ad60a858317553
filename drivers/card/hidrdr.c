/* MagTek HID report parsing. The reader decodes the stripe itself and says per track whether
 * the decode worked; a track whose status is bad or whose bytes are not printable is dropped,
 * so card_parse() only ever sees what the reader vouched for. */
#include "drivers/card/hidrdr.h"

#include <string.h>

#include "app/common/err.h"

#define OFF_STATUS 0
#define OFF_LEN 3
#define OFF_DATA 7

/* Copies one track if its status is good and it looks like track text; wraps it in the
 * sentinels when the reader sent the bare data. Returns 1 when copied. */
static int take_track(const uint8_t *report, int t, char start, char *dst, size_t cap)
{
	const uint8_t *p = report + OFF_DATA + (size_t)t * HIDRDR_TRACK_FIELD;
	size_t n = report[OFF_LEN + t], k = 0;

	if (report[OFF_STATUS + t] != 0 || n == 0 || n > HIDRDR_TRACK_FIELD)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E)
			return 0;
	}
	if (p[0] != (uint8_t)start)
		dst[k++] = start;
	if (k + n + 2 > cap)
		return 0;
	memcpy(dst + k, p, n);
	k += n;
	if (p[n - 1] != '?')
		dst[k++] = '?';
	dst[k] = '\0';
	return 1;
}

int hidrdr_parse(const uint8_t *report, size_t len, struct card_swipe *out)
{
	int got = 0;

	if (!report || !out || len < HIDRDR_REPORT_LEN)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	got += take_track(report, 0, '%', out->track1, sizeof(out->track1));
	got += take_track(report, 1, ';', out->track2, sizeof(out->track2));
	return got ? 0 : KIOSK_ECARD;
}
