/* Tests for drivers/printer/escpos: command bytes, Windows-1252 transcoding, QR framing,
 * the receipt's frame, and real-time status bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/printer/escpos.h"

#include <stdio.h>
#include <string.h>

static void test_commands(void **state)
{
	uint8_t mem[64];
	struct escpos_buf b;
	static const uint8_t want[] = {0x1B, '@', 0x1B, 't',  16,  0x1B, 'a',  1,   0x1B, 'E', 1,
				       0x1D, '!', 0x11, 0x1B, 'd', 3,	 0x1D, 'V', 66,	  0};

	(void)state;
	escpos_begin(&b, mem, sizeof(mem));
	escpos_init(&b);
	escpos_codepage(&b, printer_profile_find("tm-t88"));
	escpos_align(&b, ESCPOS_CENTER);
	escpos_bold(&b, 1);
	escpos_double(&b, 1);
	escpos_feed(&b, 3);
	escpos_cut_partial(&b);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, sizeof(want));
	assert_memory_equal(mem, want, sizeof(want));
}

static void test_overflow_latches(void **state)
{
	uint8_t mem[4];
	struct escpos_buf b;

	(void)state;
	escpos_begin(&b, mem, sizeof(mem));
	escpos_init(&b);
	escpos_codepage(&b, printer_profile_default());
	assert_int_equal(b.err, KIOSK_EINVAL);
}

static void test_1252(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(escpos_utf8_to_1252("Número añadido ¿€?", out, sizeof(out)), 0);
	assert_string_equal(out, "N\xFAmero a\xF1"
				 "adido \xBF\x80?");
	/* Outside 1252: a question mark; a control byte: dropped; broken UTF-8: '?'. */
	assert_int_equal(escpos_utf8_to_1252("a\xE2\x82\xBF"
					     "b\x1B"
					     "c\xC3",
					     out, sizeof(out)),
			 0);
	assert_string_equal(out, "a?bc?");
	assert_int_equal(escpos_utf8_to_1252("abcdef", out, 4), KIOSK_EINVAL);
}

static void test_qr(void **state)
{
	uint8_t mem[128];
	struct escpos_buf b;
	static const uint8_t store[] = {0x1D, '(', 'k', 6, 0, 49, 80, 48, 'P', '-', '1'};

	(void)state;
	escpos_begin(&b, mem, sizeof(mem));
	escpos_qr(&b, "P-1");
	assert_int_equal(b.err, 0);
	/* model (9) + size (8) + error correction (8) come first, then the data: pL counts
	 * cn fn m and the data (Epson: k + 3). */
	assert_memory_equal(mem + 25, store, sizeof(store));
	assert_int_equal(b.len, 25 + sizeof(store) + 8);
}

static void test_receipt_frame(void **state)
{
	struct receipt r;
	uint8_t out[4096];
	size_t len = 0;

	(void)state;
	memset(&r, 0, sizeof(r));
	snprintf(r.header, sizeof(r.header), "City");
	r.amount_cents = 100;
	snprintf(r.reference, sizeof(r.reference), "P-9");
	snprintf(r.last4, sizeof(r.last4), "1111");
	r.outcome = RECEIPT_APPROVED;
	assert_int_equal(
	    escpos_receipt(&r, NULL, printer_profile_find("tm-t88"), out, sizeof(out), &len), 0);
	assert_memory_equal(out, "\x1B@\x1Bt\x10", 5);
	assert_memory_equal(out + len - 4, "\x1DV\x42\x00", 4);
	/* GS V 66 feeds to the cutter itself: no feed of its own before it. */
	assert_memory_not_equal(out + len - 7, "\x1B\x64", 2);
	assert_non_null(memmem(out, len, "$1.00", 5));
	assert_int_equal(escpos_receipt(&r, NULL, printer_profile_default(), out, 64, &len),
			 KIOSK_EINVAL);
}

static void test_status(void **state)
{
	struct printer_status st;
	uint8_t req[3];

	(void)state;
	memset(&st, 0, sizeof(st));
	escpos_status_request(4, req);
	assert_memory_equal(req, "\x10\x04\x04", 3);
	assert_int_equal(escpos_status_parse(1, 0x12, &st), 0);
	assert_true(st.online);
	assert_int_equal(escpos_status_parse(1, 0x1A, &st), 0);
	assert_false(st.online);
	assert_int_equal(escpos_status_parse(2, 0x16, &st), 0);
	assert_true(st.cover_open);
	assert_int_equal(escpos_status_parse(4, 0x1E, &st), 0);
	assert_true(st.paper_near_end);
	assert_false(st.paper_out);
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(4, 0x72, &st), 0);
	assert_true(st.paper_out);
	/* Not a status byte: ignored, state kept. */
	assert_int_equal(escpos_status_parse(4, 0x41, &st), KIOSK_EPROTO);
	assert_true(st.paper_out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_commands),	  cmocka_unit_test(test_overflow_latches),
	    cmocka_unit_test(test_1252),	  cmocka_unit_test(test_qr),
	    cmocka_unit_test(test_receipt_frame), cmocka_unit_test(test_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
