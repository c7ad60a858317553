/* Tests for drivers/printer/receipt: layout, widths in code points, money, no card numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/printer/receipt.h"

#include <stdio.h>
#include <string.h>

static struct receipt sample(enum receipt_outcome outcome)
{
	struct receipt r;

	memset(&r, 0, sizeof(r));
	snprintf(r.header, sizeof(r.header), "City of Springfield - Utilities");
	snprintf(r.kiosk_id, sizeof(r.kiosk_id), "KIOSK-017");
	snprintf(r.when, sizeof(r.when), "2026-11-27 17:05");
	snprintf(r.customer_display, sizeof(r.customer_display), "100-200-300");
	r.amount_cents = 8417;
	snprintf(r.brand, sizeof(r.brand), "Visa");
	snprintf(r.last4, sizeof(r.last4), "1111");
	snprintf(r.reference, sizeof(r.reference), "K12345678");
	r.outcome = outcome;
	return r;
}

/* Every line's width in code points is at most cols; returns the widest. */
static int check_widths(const char *text, int cols)
{
	int w = 0, widest = 0;

	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			w = 0;
			continue;
		}
		if (((unsigned char)*p & 0xC0) != 0x80)
			w++;
		assert_true(w <= cols);
		if (w > widest)
			widest = w;
	}
	return widest;
}

/* No run of more than 12 digits (separators allowed) anywhere: no card number. */
static void assert_no_pan(const char *text)
{
	int run = 0;

	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			run++;
		else if (!((*p == ' ' || *p == '-') && p[1] >= '0' && p[1] <= '9'))
			run = 0;
		assert_true(run <= 12);
	}
}

/* The line holding `needle`, for checking alignment. */
static void line_of(const char *text, const char *needle, char *out, size_t n)
{
	const char *hit = strstr(text, needle), *start, *end;

	assert_non_null(hit);
	start = hit;
	while (start > text && start[-1] != '\n')
		start--;
	end = strchr(hit, '\n');
	assert_non_null(end);
	snprintf(out, n, "%.*s", (int)(end - start), start);
}

static void test_money(void **state)
{
	char b[40];

	(void)state;
	assert_int_equal(receipt_format_money(0, b, sizeof(b)), 0);
	assert_string_equal(b, "$0.00");
	receipt_format_money(5, b, sizeof(b));
	assert_string_equal(b, "$0.05");
	receipt_format_money(100, b, sizeof(b));
	assert_string_equal(b, "$1.00");
	receipt_format_money(8417, b, sizeof(b));
	assert_string_equal(b, "$84.17");
	receipt_format_money(99999, b, sizeof(b));
	assert_string_equal(b, "$999.99");
	receipt_format_money(123456, b, sizeof(b));
	assert_string_equal(b, "$1,234.56");
	receipt_format_money(100000000, b, sizeof(b));
	assert_string_equal(b, "$1,000,000.00");
	receipt_format_money(-5, b, sizeof(b));
	assert_string_equal(b, "-$0.05");
	receipt_format_money(-123456, b, sizeof(b));
	assert_string_equal(b, "-$1,234.56");
	receipt_format_money(INT64_MAX, b, sizeof(b));
	assert_string_equal(b, "$92,233,720,368,547,758.07");
	receipt_format_money(INT64_MIN, b, sizeof(b));
	assert_string_equal(b, "-$92,233,720,368,547,758.08");
	assert_int_equal(receipt_format_money(123456, b, 9), KIOSK_EINVAL);
	assert_string_equal(b, "");
	assert_int_equal(receipt_format_money(123456, b, 10), 0);
	assert_string_equal(b, "$1,234.56");
}

static void test_approved(void **state)
{
	struct receipt r = sample(RECEIPT_APPROVED);
	char buf[4096], line[128];

	(void)state;
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_int_equal(check_widths(buf, 42), 42);
	assert_non_null(strstr(buf, "Payment receipt"));
	line_of(buf, "City of Springfield", line, sizeof(line));
	/* Centred: 31 characters in 42 columns leave 5 spaces in front. */
	assert_string_equal(line, "     City of Springfield - Utilities");
	line_of(buf, "Customer number", line, sizeof(line));
	assert_string_equal(line, "Customer number                100-200-300");
	line_of(buf, "Amount paid", line, sizeof(line));
	assert_string_equal(line, "Amount paid                         $84.17");
	line_of(buf, "Card", line, sizeof(line));
	assert_string_equal(line, "Card                         Visa ****1111");
	assert_non_null(strstr(buf, "K12345678"));
	assert_non_null(strstr(buf, "APPROVED"));
	assert_non_null(strstr(buf, "2026-11-27 17:05"));
	assert_non_null(strstr(buf, "KIOSK-017"));
	assert_non_null(strstr(buf, "Keep this receipt for your records."));
	assert_non_null(strstr(buf, "Thank you"));
	assert_null(strstr(buf, "No money"));
	assert_no_pan(buf);
	assert_int_equal(buf[strlen(buf) - 1], '\n');
}

/* The footer from remote configuration is the last line, centred; none by default. */
static void test_footer(void **state)
{
	struct receipt r = sample(RECEIPT_APPROVED);
	char buf[4096], line[128];

	(void)state;
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "Questions?"));
	snprintf(r.footer, sizeof(r.footer), "Questions? 555-0100");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	line_of(buf, "Questions?", line, sizeof(line));
	assert_string_equal(line, "           Questions? 555-0100");
	assert_true(strstr(buf, "Questions?") > strstr(buf, "Thank you"));
}

static void test_declined_and_in_doubt(void **state)
{
	struct receipt r = sample(RECEIPT_DECLINED);
	char buf[4096];

	(void)state;
	r.reference[0] = '\0';
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "Amount paid"));
	assert_non_null(strstr(buf, "Amount "));
	assert_non_null(strstr(buf, "DECLINED"));
	assert_non_null(strstr(buf, "No money was taken."));
	assert_null(strstr(buf, "Reference"));
	check_widths(buf, 42);

	r = sample(RECEIPT_IN_DOUBT);
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "Amount paid"));
	assert_non_null(strstr(buf, "IN DOUBT - we will confirm"));
	assert_non_null(strstr(buf, "We will confirm this payment."));
	assert_non_null(strstr(buf, "Do not pay")); /* wrapped at 42 */
	assert_non_null(strstr(buf, "again."));
	check_widths(buf, 42);
}

/* Card numbers passed in any field by mistake never reach the paper. */
static void test_no_full_pan(void **state)
{
	struct receipt r = sample(RECEIPT_APPROVED);
	char buf[4096];

	(void)state;
	snprintf(r.reference, sizeof(r.reference), "4111111111111111");
	snprintf(r.customer_display, sizeof(r.customer_display), "4111 1111 1111 1111");
	snprintf(r.kiosk_id, sizeof(r.kiosk_id), "5555-5555-5555-4444");
	snprintf(r.brand, sizeof(r.brand), "411111111111111");
	snprintf(r.last4, sizeof(r.last4), "1111");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "4111111111111111"));
	assert_null(strstr(buf, "4111 1111 1111"));
	assert_no_pan(buf);
	assert_non_null(strstr(buf, "****1111"));
}

static void test_narrow_and_small(void **state)
{
	struct receipt r = sample(RECEIPT_IN_DOUBT);
	char buf[4096], tiny[64];

	(void)state;
	for (int cols = 12; cols <= 64; cols++) {
		assert_int_equal(receipt_layout_text(&r, NULL, cols, buf, sizeof(buf)), 0);
		check_widths(buf, cols);
		assert_non_null(strstr(buf, "$84.17"));
	}
	assert_int_equal(receipt_layout_text(&r, NULL, 42, tiny, sizeof(tiny)), KIOSK_EINVAL);
	assert_string_equal(tiny, "");
	assert_int_equal(receipt_layout_text(&r, NULL, 5, buf, sizeof(buf)), KIOSK_EINVAL);
	assert_int_equal(receipt_layout_text(NULL, NULL, 42, buf, sizeof(buf)), KIOSK_EINVAL);
}

static const char *tr_es(const char *id)
{
	static const char *map[][2] = {
	    {"Payment receipt", "Recibo de pago"},
	    {"Customer number", "Número de cliente"},
	    {"Amount paid", "Monto pagado"},
	    {"Amount", "Monto"},
	    {"Card", "Tarjeta"},
	    {"Reference", "Referencia"},
	    {"Status", "Estado"},
	    {"APPROVED", "APROBADO"},
	    {"DECLINED", "RECHAZADO"},
	    {"IN DOUBT - we will confirm", "PENDIENTE - lo confirmaremos"},
	    {"Date", "Fecha"},
	    {"Kiosk", "Quiosco"},
	    {"Keep this receipt for your records.", "Conserve este recibo para sus registros."},
	    {"Thank you", "Gracias"},
	    {"No money was taken.", "No se cobró ningún dinero."},
	    {"We will confirm this payment. Do not pay again.",
	     "Confirmaremos este pago. No vuelva a pagar."},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(map[i][0], id) == 0)
			return map[i][1];
	}
	return NULL; /* untranslated: the English text prints */
}

static void test_spanish(void **state)
{
	struct receipt r = sample(RECEIPT_APPROVED);
	char buf[4096], line[128];

	(void)state;
	assert_int_equal(receipt_layout_text(&r, tr_es, 42, buf, sizeof(buf)), 0);
	assert_int_equal(check_widths(buf, 42), 42);
	/* "Número" is 6 code points but 7 bytes: the value still ends at column 42. */
	line_of(buf, "Número de cliente", line, sizeof(line));
	assert_string_equal(line, "Número de cliente              100-200-300");
	assert_non_null(strstr(buf, "Monto pagado"));
	assert_non_null(strstr(buf, "Tarjeta"));
	assert_non_null(strstr(buf, "APROBADO"));
	assert_non_null(strstr(buf, "Recibo de pago"));
	assert_null(strstr(buf, "Amount"));

	r = sample(RECEIPT_DECLINED);
	assert_int_equal(receipt_layout_text(&r, tr_es, 42, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "No se cobró ningún dinero."));
	for (int cols = 12; cols <= 50; cols++) {
		assert_int_equal(receipt_layout_text(&r, tr_es, cols, buf, sizeof(buf)), 0);
		check_widths(buf, cols);
	}
}

/* A card terminal's payment: the fee and the total charged as their own lines, the EMV lines
 * from the terminal's answer, and the note that the account catches up shortly when the
 * portal hears of it later; in every printer's width. */
static void test_terminal_lines(void **state)
{
	struct receipt r = sample(RECEIPT_APPROVED);
	char buf[4096], line[128];

	(void)state;
	r.fee_cents = 250;
	snprintf(r.app_label, sizeof(r.app_label), "VISA CREDIT");
	snprintf(r.aid, sizeof(r.aid), "A0000000031010");
	snprintf(r.entry_mode, sizeof(r.entry_mode), "tap");
	snprintf(r.approval_code, sizeof(r.approval_code), "087493");
	snprintf(r.terminal_txn, sizeof(r.terminal_txn), "V400m-3246.49120");
	r.posting_later = true;
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	line_of(buf, "Amount paid", line, sizeof(line));
	assert_string_equal(line, "Amount paid                         $84.17");
	line_of(buf, "Card fee", line, sizeof(line));
	assert_string_equal(line, "Card fee                             $2.50");
	line_of(buf, "Total charged", line, sizeof(line));
	assert_string_equal(line, "Total charged                       $86.67");
	line_of(buf, "Application", line, sizeof(line));
	assert_string_equal(line, "Application                    VISA CREDIT");
	line_of(buf, "AID", line, sizeof(line));
	assert_string_equal(line, "AID                         A0000000031010");
	line_of(buf, "Entry", line, sizeof(line));
	assert_string_equal(line, "Entry                          Contactless");
	line_of(buf, "Approval code", line, sizeof(line));
	assert_string_equal(line, "Approval code                       087493");
	line_of(buf, "Terminal transaction", line, sizeof(line));
	assert_string_equal(line, "Terminal transaction      V400m-3246.49120");
	assert_non_null(strstr(buf, "shortly."));
	/* The AID is digit-heavy by nature (A0000000031010); nothing else may be. An AID that
	 * is not one (no provider letter, not hex) is left out. */
	snprintf(r.aid, sizeof(r.aid), "4111111111111111");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "AID"));
	assert_no_pan(buf);
	snprintf(r.aid, sizeof(r.aid), "A0000000031010");
	for (int cols = 32; cols <= 48; cols += 2) {
		assert_int_equal(receipt_layout_text(&r, NULL, cols, buf, sizeof(buf)), 0);
		check_widths(buf, cols);
		assert_non_null(strstr(buf, "087493"));
	}
	/* Each entry mode in the words card brands ask for; an unknown one is left out. */
	snprintf(r.entry_mode, sizeof(r.entry_mode), "chip");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	line_of(buf, "Entry", line, sizeof(line));
	assert_string_equal(line, "Entry                                 Chip");
	snprintf(r.entry_mode, sizeof(r.entry_mode), "wallet");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "Mobile wallet"));
	snprintf(r.entry_mode, sizeof(r.entry_mode), "swipe");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "Swiped"));
	snprintf(r.entry_mode, sizeof(r.entry_mode), "teleport");
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "Entry"));

	/* No fee, no fee lines; a declined payment never says it will appear on the account. */
	r = sample(RECEIPT_DECLINED);
	r.posting_later = true;
	assert_int_equal(receipt_layout_text(&r, NULL, 42, buf, sizeof(buf)), 0);
	assert_null(strstr(buf, "Card fee"));
	assert_null(strstr(buf, "Total charged"));
	assert_null(strstr(buf, "shortly"));
	assert_null(strstr(buf, "Application"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_money),	cmocka_unit_test(test_approved),
	    cmocka_unit_test(test_footer),	cmocka_unit_test(test_declined_and_in_doubt),
	    cmocka_unit_test(test_no_full_pan), cmocka_unit_test(test_narrow_and_small),
	    cmocka_unit_test(test_spanish),	cmocka_unit_test(test_terminal_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
