/* Barcode scanners: the HID POS report layout read from a report descriptor, scans put
 * together across reports, and keyboard-mode typing (drivers/scanner/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/card/wedge.h"
#include "drivers/scanner/hidpos.h"
#include "drivers/scanner/kbscan.h"
#include "tests/support/hidpos_scanner.h"

#define BILL "UB11002003002026112000000841776"

/* The makers' layout, from the descriptor: the same numbers as the default. */
static void test_layout_from_descriptor(void **state)
{
	uint8_t desc[256];
	size_t n = hidpos_test_descriptor(desc, sizeof(desc));
	struct hidpos_layout l, d;

	(void)state;
	assert_int_equal(hidpos_layout_parse(desc, n, &l), 0);
	hidpos_layout_default(&d);
	assert_int_equal(l.report_id, 2);
	assert_int_equal(l.report_len, 64);
	assert_int_equal(l.len_off, 1);
	assert_int_equal(l.sym_off, 2);
	assert_int_equal(l.data_off, 5);
	assert_int_equal(l.data_max, 56);
	assert_int_equal(l.cont_bit, 63 * 8);
	/* ... which is the default a scanner without a readable descriptor gets. */
	assert_int_equal(d.report_len, l.report_len);
	assert_int_equal(d.data_off, l.data_off);
	assert_int_equal(d.cont_bit, l.cont_bit);
}

/* Another scanner's descriptor: no report ids, no length byte, 32 data bytes, the continued
 * bit first. The walk finds each field where it is. */
static void test_layout_other_scanner(void **state)
{
	static const uint8_t desc[] = {
	    0x05, 0x8C, 0x09, 0x03, 0xA1, 0x01, /* page 8C, Dumb Bar Code Scanner, app */
	    0x09, 0xFF, 0x75, 0x01, 0x95, 0x01, 0x81, 0x02,		/* continued, 1 bit */
	    0x75, 0x07, 0x81, 0x03,					/* padding */
	    0x75, 0x08, 0x19, 0xFB, 0x29, 0xFD, 0x95, 0x03, 0x81, 0x02, /* ids by range */
	    0x09, 0xFE, 0x95, 0x20, 0x81, 0x02,				/* 32 data bytes */
	    0xC0};
	struct hidpos_layout l;

	(void)state;
	assert_int_equal(hidpos_layout_parse(desc, sizeof(desc), &l), 0);
	assert_int_equal(l.report_id, 0);
	assert_int_equal(l.report_len, 36);
	assert_int_equal(l.len_off, -1);
	assert_int_equal(l.sym_off, 1);
	assert_int_equal(l.data_off, 4);
	assert_int_equal(l.data_max, 32);
	assert_int_equal(l.cont_bit, 0);
}

/* A keyboard, a magstripe reader's vendor page, a cut-off descriptor: no HID POS scanner. */
static void test_layout_refused(void **state)
{
	static const uint8_t keyboard[] = {0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07,
					   0x75, 0x08, 0x95, 0x08, 0x81, 0x00, 0xC0};
	static const uint8_t vendor[] = {0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0x75,
					 0x08, 0x96, 0x4A, 0x01, 0x81, 0x02, 0xC0};
	uint8_t desc[256];
	struct hidpos_layout l;

	(void)state;
	assert_true(hidpos_test_descriptor(desc, sizeof(desc)) > 40);
	assert_int_equal(hidpos_layout_parse(keyboard, sizeof(keyboard), &l), KIOSK_EINVAL);
	assert_int_equal(hidpos_layout_parse(vendor, sizeof(vendor), &l), KIOSK_EINVAL);
	assert_int_equal(hidpos_layout_parse(desc, 40, &l), KIOSK_EINVAL);
	assert_int_equal(hidpos_layout_parse(desc, 2, &l), KIOSK_EINVAL);
}

static void test_scan_one_report(void **state)
{
	uint8_t rep[4][HIDPOS_TEST_REPORT];
	struct hidpos_layout l;
	struct hidpos h;
	char out[HIDPOS_SCAN_MAX + 1];

	(void)state;
	hidpos_layout_default(&l);
	hidpos_init(&h, &l);
	assert_int_equal(hidpos_test_reports("]C0", BILL, rep, 4), 1);
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), 1);
	assert_string_equal(out, BILL);
	/* A report of another id, a short one, an empty one: no scan. */
	rep[0][0] = 3;
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), 0);
	assert_int_equal(hidpos_feed(&h, rep[0], 10, out, sizeof(out)), 0);
	memset(rep[0], 0, sizeof(rep[0]));
	rep[0][0] = 2;
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), 0);
}

/* A QR code longer than one report comes in several, the continued bit set on all but the
 * last; put back together, whole. */
static void test_scan_continued(void **state)
{
	char text[200];
	uint8_t rep[4][HIDPOS_TEST_REPORT];
	struct hidpos_layout l;
	struct hidpos h;
	char out[HIDPOS_SCAN_MAX + 1];
	size_t n;

	(void)state;
	for (size_t k = 0; k < 150; k++)
		text[k] = (char)('A' + k % 26);
	text[150] = '\0';
	hidpos_layout_default(&l);
	hidpos_init(&h, &l);
	n = hidpos_test_reports("]Q1", text, rep, 4);
	assert_int_equal(n, 3);
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), 0);
	assert_int_equal(hidpos_feed(&h, rep[1], sizeof(rep[1]), out, sizeof(out)), 0);
	assert_int_equal(hidpos_feed(&h, rep[2], sizeof(rep[2]), out, sizeof(out)), 1);
	assert_string_equal(out, text);
	/* Too small a buffer: refused whole, and the next scan starts afresh. */
	n = hidpos_test_reports("]Q1", text, rep, 4);
	for (size_t k = 0; k + 1 < n; k++)
		assert_int_equal(hidpos_feed(&h, rep[k], sizeof(rep[k]), out, 100), 0);
	assert_int_equal(hidpos_feed(&h, rep[n - 1], sizeof(rep[0]), out, 100), KIOSK_EINVAL);
	hidpos_test_reports("]C0", BILL, rep, 4);
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), 1);
	assert_string_equal(out, BILL);
}

/* Control bytes are no text of ours: the scan is dropped, not passed on cut. */
static void test_scan_control_bytes(void **state)
{
	uint8_t rep[1][HIDPOS_TEST_REPORT];
	struct hidpos_layout l;
	struct hidpos h;
	char out[HIDPOS_SCAN_MAX + 1];

	(void)state;
	hidpos_layout_default(&l);
	hidpos_init(&h, &l);
	hidpos_test_reports("]C0", BILL, rep, 1);
	rep[0][10] = 0x1B;
	assert_int_equal(hidpos_feed(&h, rep[0], sizeof(rep[0]), out, sizeof(out)), KIOSK_EINVAL);
}

/* Keyboard mode: usages typed as text, Enter ends the scan, a scan without Enter ends on
 * silence, a held key is not typed twice. */
static void type_key(struct kbscan *k, char c, int64_t *t, char *out, size_t cap, int *rc)
{
	uint8_t down[8] = {0}, up[8] = {0};

	for (int u = 0x04; u <= 0x38; u++) {
		for (int s = 0; s < 2; s++) {
			if (wedge_key_char((uint8_t)u, s) == c) {
				down[0] = s ? 0x02 : 0;
				down[2] = (uint8_t)u;
				*rc = kbscan_feed(k, down, 8, (*t)++, out, cap);
				assert_int_equal(*rc, 0);
				*rc = kbscan_feed(k, up, 8, (*t)++, out, cap);
				return;
			}
		}
	}
	fail();
}

static void test_keyboard(void **state)
{
	struct kbscan k;
	char out[KBSCAN_MAX + 1];
	uint8_t enter[8] = {0, 0, 0x28}, up[8] = {0};
	int64_t t = 1000;
	int rc = 0;

	(void)state;
	kbscan_reset(&k);
	for (const char *p = BILL; *p; p++)
		type_key(&k, *p, &t, out, sizeof(out), &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(kbscan_feed(&k, enter, 8, t++, out, sizeof(out)), 1);
	assert_string_equal(out, BILL);
	/* Enter still held: no second, empty scan. */
	assert_int_equal(kbscan_feed(&k, enter, 8, t++, out, sizeof(out)), 0);
	assert_int_equal(kbscan_feed(&k, up, 8, t++, out, sizeof(out)), 0);
	/* No Enter: the silence ends it. */
	for (const char *p = "4006381333931"; *p; p++)
		type_key(&k, *p, &t, out, sizeof(out), &rc);
	assert_int_equal(kbscan_poll(&k, t + 10, out, sizeof(out)), 0);
	assert_int_equal(kbscan_poll(&k, t + KBSCAN_TIMEOUT_MS, out, sizeof(out)), 1);
	assert_string_equal(out, "4006381333931");
	assert_int_equal(kbscan_poll(&k, t + 10 * KBSCAN_TIMEOUT_MS, out, sizeof(out)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout_from_descriptor),
	    cmocka_unit_test(test_layout_other_scanner),
	    cmocka_unit_test(test_layout_refused),
	    cmocka_unit_test(test_scan_one_report),
	    cmocka_unit_test(test_scan_continued),
	    cmocka_unit_test(test_scan_control_bytes),
	    cmocka_unit_test(test_keyboard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
