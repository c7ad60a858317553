/* Receipt printers as they really are: the profiles' widths, code pages, QR and cutter, the
 * golden receipts in Spanish for 32, 42 and 48 columns (text and printer bytes), PC850
 * checked against glibc's iconv, and the status stream with Automatic Status Back on.
 * KIOSK_UPDATE_GOLDEN=1 rewrites the golden files (then read them before committing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "drivers/printer/escpos.h"
#include "drivers/printer/profile.h"
#include "drivers/printer/receipt.h"

/* The receipt's strings as ui-assets/po/es.po translates them. */
static const char *spanish(const char *msgid)
{
	static const char *const es[][2] = {
	    {"Payment receipt", "Recibo de pago"},
	    {"Date", "Fecha"},
	    {"Kiosk", "Quiosco"},
	    {"Customer number", "Número de cliente"},
	    {"Amount paid", "Monto pagado"},
	    {"Card", "Tarjeta"},
	    {"Reference", "Referencia"},
	    {"Status", "Estado"},
	    {"APPROVED", "APROBADO"},
	    {"Keep this receipt for your records.", "Conserve este recibo como comprobante."},
	    {"Thank you", "Gracias"},
	};

	for (size_t k = 0; k < sizeof(es) / sizeof(es[0]); k++) {
		if (strcmp(es[k][0], msgid) == 0)
			return es[k][1];
	}
	return NULL;
}

static struct receipt sample(void)
{
	struct receipt r;

	memset(&r, 0, sizeof(r));
	snprintf(r.header, sizeof(r.header), "Ciudad de Springfield - Servicios");
	snprintf(r.kiosk_id, sizeof(r.kiosk_id), "KIOSK-017");
	snprintf(r.when, sizeof(r.when), "2026-11-27 17:05");
	snprintf(r.customer_display, sizeof(r.customer_display), "300-400-500");
	r.amount_cents = 12850;
	snprintf(r.brand, sizeof(r.brand), "Visa");
	snprintf(r.last4, sizeof(r.last4), "1111");
	snprintf(r.reference, sizeof(r.reference), "K7Q2M9XH4");
	snprintf(r.footer, sizeof(r.footer), "Peña, Muñoz y Gómez: ¡gracias!");
	r.outcome = RECEIPT_APPROVED;
	return r;
}

/* Compares with (or, with KIOSK_UPDATE_GOLDEN, writes) tests/unit/drivers/golden/<name>. */
static void golden(const char *name, const void *data, size_t len)
{
	char path[512];
	char *want;
	long n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", KIOSK_GOLDEN_DIR, name);
	if (getenv("KIOSK_UPDATE_GOLDEN")) {
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(data, 1, len, f), len);
		fclose(f);
	}
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	want = malloc((size_t)n + 1);
	assert_non_null(want);
	assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if ((size_t)n != len || memcmp(want, data, len) != 0)
		fail_msg("%s differs from what the code makes now (%zu bytes, golden %ld)", path,
			 len, n);
	free(want);
}

/* Code points per line, at most cols, and at least one line exactly cols (the rules). */
static void check_columns(const char *text, int cols)
{
	int w = 0, widest = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\n') {
			w = 0;
			continue;
		}
		if ((*p & 0xC0) != 0x80)
			w++;
		assert_true(w <= cols);
		if (w > widest)
			widest = w;
	}
	assert_int_equal(widest, cols);
}

static void test_golden_text_per_width(void **state)
{
	static const int widths[] = {32, 42, 48};
	struct receipt r = sample();
	char text[4096], name[64];

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(receipt_layout_text(&r, spanish, widths[k], text, sizeof(text)),
				 0);
		check_columns(text, widths[k]);
		assert_non_null(strstr(text, "Número de cliente"));
		snprintf(name, sizeof(name), "receipt-es-%d.txt", widths[k]);
		golden(name, text, strlen(text));
	}
}

static void test_golden_bytes_per_profile(void **state)
{
	static const char *const names[] = {"58mm", "tm-t88", "tm-t20", "star-escpos"};
	struct receipt r = sample();
	static uint8_t out[32768];
	char name[64];
	size_t len = 0;

	(void)state;
	for (size_t k = 0; k < 4; k++) {
		const struct printer_profile *p = printer_profile_find(names[k]);

		assert_non_null(p);
		assert_int_equal(escpos_receipt(&r, spanish, p, out, sizeof(out), &len), 0);
		snprintf(name, sizeof(name), "receipt-es-%s.escpos", names[k]);
		golden(name, out, len);
	}
}

static void test_profiles_from_the_references(void **state)
{
	const struct printer_profile *t88 = printer_profile_find("tm-t88");
	const struct printer_profile *t20 = printer_profile_find("tm-t20");
	const struct printer_profile *p58 = printer_profile_find("58mm");
	const struct printer_profile *star = printer_profile_find("star-escpos");

	(void)state;
	assert_int_equal(t88->cols, 42);
	assert_int_equal(t20->cols, 48);
	assert_int_equal(p58->cols, 32);
	assert_int_equal(p58->paper_mm, 58);
	/* ESC t 16 is WPC1252 on Epson, Greek (CP851) on Star: there 1252 is 32. */
	assert_int_equal(t88->codepage_n, 16);
	assert_int_equal(star->codepage_n, 32);
	assert_int_equal(p58->charset, PRINTER_CP850);
	assert_int_equal(p58->codepage_n, 2);
	assert_null(printer_profile_find("tm-t1000"));
	assert_ptr_equal(printer_profile_default(), t88);
}

/* The Spanish letters must come out as the printer's table has them: checked against
 * glibc's own CP850 and WINDOWS-1252 converters. */
static void check_against_iconv(enum printer_charset cs, const char *iconv_name)
{
	const char *text =
	    "Peña Muñoz Gómez Díaz Núñez ¿Cuánto? ¡Sí! Ángel Éxito Ídolo Óscar Úrsula Ü";
	char ours[256], theirs[256], in[256];
	char *ip = in, *op = theirs;
	size_t il = strlen(text), ol = sizeof(theirs) - 1;
	iconv_t cd = iconv_open(iconv_name, "UTF-8");

	assert_true(cd != (iconv_t)-1);
	memcpy(in, text, il + 1);
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	*op = '\0';
	iconv_close(cd);
	assert_int_equal(escpos_utf8_to(cs, text, ours, sizeof(ours)), 0);
	assert_string_equal(ours, theirs);
}

static void test_code_pages(void **state)
{
	(void)state;
	check_against_iconv(PRINTER_CP850, "CP850");
	check_against_iconv(PRINTER_CP1252, "WINDOWS-1252");
}

static void test_qr_native_or_raster(void **state)
{
	struct receipt r = sample();
	static uint8_t out[32768];
	size_t len = 0;
	const struct printer_profile *p58 = printer_profile_find("58mm");
	const uint8_t *gsv;

	(void)state;
	assert_int_equal(
	    escpos_receipt(&r, NULL, printer_profile_find("tm-t20"), out, sizeof(out), &len), 0);
	assert_non_null(memmem(out, len, "\x1D(k", 3));
	assert_null(memmem(out, len, "\x1Dv0", 3));
	/* No GS ( k on a 58 mm printer: the QR comes as a raster image no wider than the head,
	 * and without a cutter the slip is fed past the tear bar instead. */
	assert_int_equal(escpos_receipt(&r, NULL, p58, out, sizeof(out), &len), 0);
	assert_null(memmem(out, len, "\x1D(k", 3));
	gsv = memmem(out, len, "\x1Dv0\x00", 4);
	assert_non_null(gsv);
	assert_true(gsv[4] + 256 * gsv[5] <= p58->dots / 8);
	assert_true(gsv[6] + 256 * gsv[7] > 21);
	assert_null(memmem(out, len, "\x1DV", 2));
	assert_memory_equal(out + len - 3, "\x1B\x64\x04", 3);
}

static void test_status_stop_bit_and_error_cause(void **state)
{
	struct printer_status st;

	(void)state;
	/* Stopped by the (near-)end sensor: offline, n = 2 bit 5, n = 4 near-end only. */
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(1, 0x1A, &st), 0);
	assert_int_equal(escpos_status_parse(2, 0x32, &st), 0);
	assert_int_equal(escpos_status_parse(3, 0x12, &st), 0);
	assert_int_equal(escpos_status_parse(4, 0x1E, &st), 0);
	assert_true(st.paper_out);
	assert_true(st.paper_near_end);
	/* DLE EOT 3 tells a cutter jam from an unrecoverable error. */
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(3, 0x1A, &st), 0);
	assert_true(st.cutter_error);
	assert_false(st.unrecoverable_error);
	assert_true(st.error);
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(3, 0x32, &st), 0);
	assert_false(st.cutter_error);
	assert_true(st.unrecoverable_error);
	memset(&st, 0, sizeof(st));
	assert_int_equal(escpos_status_parse(3, 0x52, &st), 0);
	assert_true(st.recoverable_error);
	assert_false(st.error);
}

static void test_asb_told_apart(void **state)
{
	/* ASB: online, no error, roll near end (byte 3 bits 0-1), reserved. */
	static const uint8_t asb[4] = {0x10, 0x00, 0x03, 0x00};
	struct escpos_rx rx;
	struct printer_status st;
	uint8_t in[8];
	int answer, count = 0;

	(void)state;
	memset(&rx, 0, sizeof(rx));
	memset(&st, 0, sizeof(st));
	memcpy(in, asb, 4);
	in[4] = 0x1E; /* then the answer to DLE EOT 4 */
	escpos_rx_scan(&rx, in, 5, &answer, &st, &count);
	assert_int_equal(answer, 0x1E);
	assert_int_equal(count, 1);
	assert_true(st.online);
	assert_true(st.paper_near_end);
	/* Only an ASB packet: no answer yet, and the packet is not taken for one. */
	count = 0;
	escpos_rx_scan(&rx, asb, 4, &answer, &st, &count);
	assert_int_equal(answer, -1);
	assert_int_equal(count, 1);
	/* A packet split over two reads. */
	count = 0;
	escpos_rx_scan(&rx, asb, 2, &answer, &st, &count);
	assert_int_equal(answer, -1);
	assert_int_equal(count, 0);
	in[0] = asb[2];
	in[1] = asb[3];
	in[2] = 0x12;
	escpos_rx_scan(&rx, in, 3, &answer, &st, &count);
	assert_int_equal(count, 1);
	assert_int_equal(answer, 0x12);
	/* Cutter jam and cover open in an ASB packet. */
	in[0] = 0x38;
	in[1] = 0x08;
	in[2] = 0x00;
	in[3] = 0x00;
	escpos_rx_scan(&rx, in, 4, &answer, &st, &count);
	assert_true(st.cover_open);
	assert_false(st.online);
	assert_true(st.cutter_error);
}

static void test_table_row_counts_characters(void **state)
{
	char en[160], es[160];

	(void)state;
	assert_int_equal(receipt_table_row("Approved", "3", "$252.51", 32, en, sizeof(en)), 0);
	assert_int_equal(receipt_table_row("Año fiscal", "3", "$252.51", 32, es, sizeof(es)), 0);
	/* Same width in characters: the amounts end in the same column. */
	check_columns(en, 32);
	check_columns(es, 32);
	assert_int_equal(strlen(es), strlen(en) + 1); /* ñ is two bytes, one column */
	assert_int_equal(receipt_table_row("x", "1", "$1.00", 20, en, sizeof(en)), KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden_text_per_width),
	    cmocka_unit_test(test_golden_bytes_per_profile),
	    cmocka_unit_test(test_profiles_from_the_references),
	    cmocka_unit_test(test_code_pages),
	    cmocka_unit_test(test_qr_native_or_raster),
	    cmocka_unit_test(test_status_stop_bit_and_error_cause),
	    cmocka_unit_test(test_asb_told_apart),
	    cmocka_unit_test(test_table_row_counts_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
