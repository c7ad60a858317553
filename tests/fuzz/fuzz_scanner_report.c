/* Fuzz target: what a USB barcode scanner sends. The same bytes as a HID report descriptor
 * (hidpos_layout_parse), then as HID POS reports under the makers' layout and under whatever
 * layout the descriptor gave (hidpos_feed, continued scans included), then as keyboard
 * reports (kbscan_feed), 8 bytes at a time. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/scanner/hidpos.h"
#include "drivers/scanner/kbscan.h"

static void feed_reports(const struct hidpos_layout *l, const uint8_t *data, size_t size)
{
	struct hidpos h;
	char out[HIDPOS_SCAN_MAX + 1];
	size_t step = l->report_len ? l->report_len : 1;

	hidpos_init(&h, l);
	for (size_t at = 0; at < size; at += step)
		hidpos_feed(&h, data + at, size - at < step ? size - at : step, out, sizeof(out));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hidpos_layout l;
	struct kbscan k;
	char out[KBSCAN_MAX + 1];

	hidpos_layout_default(&l);
	feed_reports(&l, data, size);
	if (hidpos_layout_parse(data, size, &l) == 0)
		feed_reports(&l, data, size);
	kbscan_reset(&k);
	for (size_t at = 0; at + 8 <= size; at += 8)
		kbscan_feed(&k, data + at, 8, (int64_t)at, out, sizeof(out));
	kbscan_poll(&k, (int64_t)size + KBSCAN_TIMEOUT_MS, out, sizeof(out));
	return 0;
}
