/* Barcode scanners in keyboard mode: a scanner that types each scan as a USB boot keyboard
 * and ends it with Enter. Taken only when [devices] scanners names it (a plain keyboard must
 * keep working). Key usages become text, US layout, as for card wedges. Pure. */
#ifndef KIOSK_KBSCAN_H
#define KIOSK_KBSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A scan is typed in a few milliseconds; a scanner set up without Enter ends after this much
 * silence instead. */
#define KBSCAN_TIMEOUT_MS 150
#define KBSCAN_MAX 256

struct kbscan {
	char buf[KBSCAN_MAX + 1];
	size_t len;
	uint8_t held[6]; /* keys down in the last report: a key counts when it goes down */
	int64_t last_ms;
	bool overflow;
};

void kbscan_reset(struct kbscan *k);

/* Feeds one 8-byte boot keyboard report. 1 when a scan ended (out holds its text), 0 when
 * more is to come, KIOSK_EINVAL when the scan was too long for out or KBSCAN_MAX. */
int kbscan_feed(struct kbscan *k, const uint8_t *report, size_t len, int64_t now_ms, char *out,
		size_t cap);

/* Called now and then: a scan that sent no Enter ends after KBSCAN_TIMEOUT_MS. Same returns. */
int kbscan_poll(struct kbscan *k, int64_t now_ms, char *out, size_t cap);

#endif
