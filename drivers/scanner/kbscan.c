/* Keyboard-mode scans put together from raw key usages: the driver took the interface from
 * the kernel, so the scanner's keystrokes never reach the desktop or a field. */
#include "drivers/scanner/kbscan.h"

#include <string.h>

#include "app/common/err.h"
#include "drivers/card/wedge.h"

#define MOD_SHIFT 0x22 /* left and right shift */
#define KEY_ENTER 0x28
#define KEY_KP_ENTER 0x58
#define KEY_TAB 0x2B

void kbscan_reset(struct kbscan *k)
{
	memset(k, 0, sizeof(*k));
}

static int finish(struct kbscan *k, char *out, size_t cap)
{
	int rc = 1;

	if (k->overflow || k->len + 1 > cap)
		rc = KIOSK_EINVAL;
	else
		memcpy(out, k->buf, k->len + 1);
	/* What is held stays held: a key still down after the scan is not typed twice. */
	k->len = 0;
	k->buf[0] = '\0';
	k->overflow = false;
	return rc;
}

int kbscan_poll(struct kbscan *k, int64_t now_ms, char *out, size_t cap)
{
	if ((k->len == 0 && !k->overflow) || now_ms - k->last_ms < KBSCAN_TIMEOUT_MS)
		return 0;
	return finish(k, out, cap);
}

static bool was_held(const struct kbscan *k, uint8_t u)
{
	for (int i = 0; i < 6; i++) {
		if (k->held[i] == u)
			return true;
	}
	return false;
}

int kbscan_feed(struct kbscan *k, const uint8_t *report, size_t len, int64_t now_ms, char *out,
		size_t cap)
{
	bool shift;
	int rc = 0;

	if (len < 8)
		return 0;
	/* A long pause: what came before was a scan without Enter, not the start of this one. */
	if ((k->len || k->overflow) && now_ms - k->last_ms >= KBSCAN_TIMEOUT_MS) {
		rc = finish(k, out, cap);
		if (rc)
			return rc;
	}
	shift = (report[0] & MOD_SHIFT) != 0;
	for (int i = 2; i < 8 && rc == 0; i++) {
		uint8_t u = report[i];
		char c;

		if (u < 0x04 || was_held(k, u))
			continue;
		k->last_ms = now_ms;
		if (u == KEY_ENTER || u == KEY_KP_ENTER || u == KEY_TAB) {
			if (k->len || k->overflow)
				rc = finish(k, out, cap);
			continue;
		}
		c = wedge_key_char(u, shift);
		if (!c)
			continue;
		if (k->len == KBSCAN_MAX) {
			k->overflow = true;
			continue;
		}
		k->buf[k->len++] = c;
		k->buf[k->len] = '\0';
	}
	memcpy(k->held, report + 2, 6);
	return rc;
}
