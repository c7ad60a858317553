/* app/portal against a real portal-sim over TLS on loopback: lookups, payments, idempotency,
 * and every failure the kiosk must survive. Run one test by passing its name as argv[1]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <mbedtls/base64.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>

#include "app/common/billcode.h"
#include "app/common/err.h"
#include "app/crypto/seal.h"
#include "app/portal/portal.h"
#include "app/portal/receipt_msg.h"
#include "drivers/card/hidrdr.h"
#include "drivers/card/wedge.h"
#include "tests/portal/sim_harness.h"
#include "tests/support/magnesafe.h"

/* What a test needs from its portal-sim, and what the fixture hands the test. */
struct fixture {
	const char *cert;	  /* "server" or "rogue-server" */
	const char *const *extra; /* more portal-sim arguments */
	long timeout_ms;	  /* client deadline; 0 = the usual 10 s */
	int no_sim;		  /* nothing listening at all */
	const char *pin;	  /* a fixed pin, or "server" for the real server key's */
	struct sim sim;
	struct portal *portal;
	struct sealer *sealer;
};

/* Runs after a failed test too, so no portal-sim is ever left behind. */
static int teardown(void **state)
{
	struct fixture *f = *state;

	portal_close(f->portal);
	seal_close(f->sealer);
	f->portal = NULL;
	f->sealer = NULL;
	if (!f->no_sim)
		sim_stop(&f->sim);
	return 0;
}

/* "sha256//" + base64(sha256(DER public key)) of a certificate, as curl compares pins. */
static int pin_of(const char *cert_path, char *out, size_t n)
{
	mbedtls_x509_crt crt;
	unsigned char der[1024], hash[32];
	size_t b64len = 0;
	int len, rc = -1;

	mbedtls_x509_crt_init(&crt);
	if (mbedtls_x509_crt_parse_file(&crt, cert_path) != 0)
		goto out;
	len = mbedtls_pk_write_pubkey_der(&crt.pk, der, sizeof(der));
	if (len <= 0 || mbedtls_sha256_ret(der + sizeof(der) - len, (size_t)len, hash, 0) != 0)
		goto out;
	memcpy(out, "sha256//", 8);
	if (mbedtls_base64_encode((unsigned char *)out + 8, n - 8, &b64len, hash, sizeof(hash)) ==
	    0)
		rc = 0;
out:
	mbedtls_x509_crt_free(&crt);
	return rc;
}

static int setup(void **state)
{
	static char server_pin[128];
	struct fixture *f = *state;
	char url[64];
	struct portal_config cfg;

	f->sim.pid = -1;
	f->sim.dir[0] = '\0';
	f->portal = NULL;
	f->sealer = NULL;
	if (f->no_sim) {
		snprintf(url, sizeof(url), "https://127.0.0.1:%u", sim_unused_port());
	} else {
		if (sim_start(&f->sim, f->cert ? f->cert : "server", f->extra) != 0)
			return -1;
		snprintf(url, sizeof(url), "%s", f->sim.url);
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.base_url = url;
	cfg.ca_file = PKI_DIR "/ca.pem";
	cfg.kiosk_id = "test-kiosk-1";
	cfg.timeout_ms = f->timeout_ms ? f->timeout_ms : 10000;
	cfg.connect_timeout_ms = 5000;
	if (f->pin && strcmp(f->pin, "server") == 0) {
		if (pin_of(PKI_DIR "/server.pem", server_pin, sizeof(server_pin)) != 0)
			return -1;
		cfg.pin = server_pin;
	} else {
		cfg.pin = f->pin;
	}
	if (portal_open(&cfg, &f->portal) != 0 || seal_open(PKI_DIR "/seal.pem", &f->sealer) != 0) {
		teardown(state); /* cmocka skips teardown when setup fails */
		return -1;
	}
	return 0;
}

static void seal_test_card(struct fixture *f, const char *pan, const char *exp,
			   struct card_sealed *out)
{
	struct card_data card;

	memset(&card, 0, sizeof(card));
	snprintf(card.pan, sizeof(card.pan), "%s", pan);
	snprintf(card.expiry, sizeof(card.expiry), "%s", exp);
	snprintf(card.name, sizeof(card.name), "RIVERA/ANA");
	snprintf(card.brand, sizeof(card.brand), "%s", pan[0] == '5' ? "Mastercard" : "Visa");
	snprintf(card.last4, sizeof(card.last4), "%s", pan + strlen(pan) - 4);
	assert_int_equal(seal_card(f->sealer, &card, out), 0);
	memset(&card, 0, sizeof(card));
}

static int64_t balance_of(struct fixture *f, const char *number, const char *name)
{
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, number, name, -1, &bill), 0);
	return bill.balance_cents;
}

/* ---- lookups ---- */

static void lookup_by_name(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill), 0);
	assert_string_equal(bill.customer_number, "100200300");
	assert_string_equal(bill.display_number, "100-200-300");
	assert_string_equal(bill.last_name, "Rivera");
	assert_int_equal(bill.balance_cents, 8417);
	assert_int_equal(bill.last_bill_cents, 8417);
	assert_string_equal(bill.due_date, "2026-12-15");
	assert_string_equal(bill.last_payment_date, "2026-10-14");
	assert_int_equal(bill.last_payment_cents, 7922);
}

static void lookup_by_amount(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100-200-300", NULL, 8417, &bill), 0);
	assert_string_equal(bill.last_name, "Rivera");
	/* A paid-up account: zero bill, no dates. */
	assert_int_equal(portal_lookup_bill(f->portal, "555-000-111", NULL, 0, &bill), 0);
	assert_string_equal(bill.last_name, "Nguyen");
	assert_int_equal(bill.balance_cents, 0);
	assert_string_equal(bill.due_date, "");
	assert_string_equal(bill.last_payment_date, "");
}

static void lookup_not_found(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Smith", -1, &bill),
			 KIOSK_ENOTFOUND);
	assert_int_equal(portal_lookup_bill(f->portal, "999999999", "Rivera", -1, &bill),
			 KIOSK_ENOTFOUND);
	assert_int_equal(portal_lookup_bill(f->portal, "100200300", NULL, 8418, &bill),
			 KIOSK_ENOTFOUND);
	/* Letters in a customer number never reach the portal. */
	assert_int_equal(portal_lookup_bill(f->portal, "100A00300", "Rivera", -1, &bill),
			 KIOSK_EINVAL);
}

static void lookup_forgiving_input(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, " 100 200 300 ", "  rivera  ", -1, &bill),
			 0);
	assert_int_equal(portal_lookup_bill(f->portal, "100.200.300", "RIVERA", -1, &bill), 0);
	assert_int_equal(portal_lookup_bill(f->portal, "300-400-500", "PEÑA", -1, &bill), 0);
	assert_string_equal(bill.last_name, "Peña");
	assert_int_equal(portal_lookup_bill(f->portal, "300400500", "pena", -1, &bill), 0);
	assert_int_equal(portal_lookup_bill(f->portal, "700-800-900", NULL, 482315, &bill), 0);
	assert_int_equal(bill.balance_cents, 482315);
}

/* A scanned bill: the barcode names the account and proves it; the portal checks the text
 * again, knows the bill, and refuses one that is not the account's newest. */
static void lookup_scanned(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;
	char code[BILLCODE_LEN + 1], latest[11];

	assert_int_equal(billcode_make("100200300", "2026-11-20", 8417, code, sizeof(code)), 0);
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), 0);
	assert_string_equal(bill.customer_number, "100200300");
	assert_string_equal(bill.last_name, "Rivera");
	assert_int_equal(bill.balance_cents, 8417);
	/* With the scanner's AIM prefix and CR, as a scanner may send it. */
	assert_int_equal(billcode_make("120340560", "2026-11-10", 11260, code, sizeof(code)), 0);
	{
		char aim[BILLCODE_LEN + 8];

		snprintf(aim, sizeof(aim), "]C0%s\r", code);
		assert_int_equal(portal_lookup_scanned(f->portal, aim, &bill, NULL), 0);
		assert_string_equal(bill.last_name, "O'Brien");
	}
	/* Rivera's October bill: a newer one was issued. */
	assert_int_equal(billcode_make("100200300", "2026-10-20", 7922, code, sizeof(code)), 0);
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), KIOSK_ESTATE);
	assert_string_equal(latest, "2026-11-20");
	/* Well formed, but no such bill: a date, an amount or an account the city never billed. */
	assert_int_equal(billcode_make("100200300", "2026-11-21", 8417, code, sizeof(code)), 0);
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), KIOSK_ENOTFOUND);
	assert_int_equal(billcode_make("100200300", "2026-11-20", 8418, code, sizeof(code)), 0);
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), KIOSK_ENOTFOUND);
	assert_int_equal(billcode_make("999999999", "2026-11-20", 8417, code, sizeof(code)), 0);
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), KIOSK_ENOTFOUND);
	/* Not one of the city's bills at all: the portal says so itself. */
	assert_int_equal(portal_lookup_scanned(f->portal, "4006381333931", &bill, latest),
			 KIOSK_EINVAL);
	assert_string_equal(portal_last_error(f->portal), "not_a_bill");
	code[BILLCODE_LEN - 1] = code[BILLCODE_LEN - 1] == '0' ? '1' : '0';
	assert_int_equal(portal_lookup_scanned(f->portal, code, &bill, latest), KIOSK_EINVAL);
}

/* ---- payments ---- */

static void pay_approved(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay;
	char first_code[16];

	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "pay-approved-1", "100-200-300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_APPROVED);
	assert_int_equal(pay.amount_cents, 1000);
	assert_int_equal(strlen(pay.reference), 9);
	assert_int_equal(pay.reference[0], 'K');
	assert_string_equal(pay.message, "");
	/* The issuer's approval code: 6 letters and digits, the receipt's "Approval code". */
	assert_int_equal(strlen(pay.approval_code), 6);
	assert_int_equal(strspn(pay.approval_code, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"), 6);
	snprintf(first_code, sizeof(first_code), "%s", pay.approval_code);

	seal_test_card(f, "5555555555554444", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "pay-approved-2", "100200300", 417, &card, &pay), 0);
	assert_int_equal(pay.status, PORTAL_PAY_APPROVED);
	/* Made for each payment, not a constant. */
	assert_int_equal(strlen(pay.approval_code), 6);
	assert_string_not_equal(pay.approval_code, first_code);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 1000 - 417);
}

/* An encrypting reader end to end: the MagneSafe report as the Dynamag sends it, parsed by
 * the HID driver's parser, passed on by seal_encrypted without a readable byte, opened by
 * portal-sim with DUKPT and decided like any card. */
static void pay_encrypted_magnesafe(void **state)
{
	struct fixture *f = *state;
	uint8_t rep[HIDRDR_MAGNESAFE_MAX];
	char typed[1024];
	struct card_swipe swipe;
	struct card_sealed card;
	struct portal_payment pay;

	magnesafe_report("%B4111222222281113^PENA/ANA^3012101000000123000?",
			 ";4111222222281113=3012101000001230?", MAGNESAFE_TEST_KSN, sizeof(rep),
			 rep);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &swipe), 0);
	assert_int_equal(seal_encrypted(&swipe, &card), 0);
	assert_string_equal(card.brand, "Visa");
	assert_string_equal(card.last4, "1113");
	assert_string_equal(card.sealed_b64, "");
	assert_null(strstr(card.enc_track2, "4111222222281113"));
	assert_int_equal(portal_pay(f->portal, "pay-magnesafe-1", "100200300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_APPROVED);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 1000);

	/* The declined test card, typed by a MagneSafe in keyboard mode, track 1 only. */
	magnesafe_keyboard("%B4000000000000002^PENA/ANA^3012101000000123000?", NULL,
			   "FFFF9876543210E00015", typed, sizeof(typed));
	assert_int_equal(wedge_split(typed, &swipe), 0);
	assert_int_equal(seal_encrypted(&swipe, &card), 0);
	assert_string_equal(card.enc_track2, "");
	assert_int_equal(portal_pay(f->portal, "pay-magnesafe-2", "100200300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_DECLINED);
	assert_string_equal(pay.message, "Card declined by the issuer");

	/* Another reader's key (a KSN whose data does not open) or a last4 that does not
	 * match what the track holds: refused as bad card data, never approved blind. */
	hidrdr_parse(rep, sizeof(rep), &swipe);
	seal_encrypted(&swipe, &card);
	memcpy(card.ksn, "FFFF9876543211E00008", 20);
	assert_int_equal(portal_pay(f->portal, "pay-magnesafe-3", "100200300", 1000, &card, &pay),
			 KIOSK_EINVAL);
	hidrdr_parse(rep, sizeof(rep), &swipe);
	seal_encrypted(&swipe, &card);
	memcpy(card.last4, "1111", 4);
	assert_int_equal(portal_pay(f->portal, "pay-magnesafe-4", "100200300", 1000, &card, &pay),
			 KIOSK_EINVAL);
	card_swipe_wipe(&swipe);
}

static void pay_declined(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay;

	seal_test_card(f, "4000000000000002", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "pay-declined-1", "100200300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_DECLINED);
	assert_string_equal(pay.message, "Card declined by the issuer");
	assert_int_equal(pay.reference[0], 'K');
	assert_string_equal(pay.approval_code, ""); /* a decline has none */

	seal_test_card(f, "4111111111111111", "2001", &card);
	assert_int_equal(portal_pay(f->portal, "pay-declined-2", "100200300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_DECLINED);
	assert_string_equal(pay.message, "Card expired");

	seal_test_card(f, "4111111111111112", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "pay-declined-3", "100200300", 1000, &card, &pay),
			 0);
	assert_int_equal(pay.status, PORTAL_PAY_DECLINED);

	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417);
}

static void pay_idempotent_retry(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment first, again;

	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "retry-key-1", "100200300", 2000, &card, &first), 0);
	assert_int_equal(first.status, PORTAL_PAY_APPROVED);
	/* The kiosk lost the answer and sends the same payment again, resealed. */
	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "retry-key-1", "100200300", 2000, &card, &again), 0);
	assert_int_equal(again.status, PORTAL_PAY_APPROVED);
	assert_string_equal(again.reference, first.reference);
	assert_string_equal(again.approval_code, first.approval_code);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 2000);
	/* The same key for a different payment is refused, not charged. */
	assert_int_equal(portal_pay(f->portal, "retry-key-1", "100200300", 3000, &card, &again),
			 KIOSK_EINVAL);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 2000);
}

/* ---- payments a card terminal took, posted to the portal (docs/portal-api.md) ---- */

static struct portal_posting posting(const char *key, int64_t cents, int64_t fee, const char *txn)
{
	struct portal_posting pp = {.idempotency_key = key,
				    .customer_number = "100-200-300",
				    .amount_cents = cents,
				    .fee_cents = fee,
				    .tender = "terminal",
				    .transaction_id = txn,
				    .approval_code = "087493",
				    .brand = "Visa",
				    .last4 = "1111",
				    .entry_mode = "tap"};
	return pp;
}

static int post(struct fixture *f, const struct portal_posting *pp, struct portal_payment *out)
{
	char body[512];

	assert_int_equal(portal_posting_json(pp, body, sizeof(body)), 0);
	return portal_post_payment(f->portal, pp->idempotency_key, body, out);
}

/* portal-sim's ledger, one JSON line per payment, into buf. */
static void ledger_of(struct fixture *f, char *buf, size_t n)
{
	char cmd[600];
	size_t len;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "%s ledger --db %s/sim.db", PORTAL_SIM_BIN, f->sim.dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	len = fread(buf, 1, n - 1, p);
	buf[len] = '\0';
	assert_int_equal(pclose(p), 0);
}

/* Posted once, whatever the retries: the same answer, one charge on the bill, the fee its own
 * line in the ledger; the status query knows it. */
static void post_terminal_payment(void **state)
{
	struct fixture *f = *state;
	struct portal_posting pp = posting("sale-0001", 2000, 150, "BV0q0017658.8515131751004933");
	struct portal_payment first, again, status;
	char ledger[4096];

	assert_int_equal(post(f, &pp, &first), 0);
	assert_int_equal(first.status, PORTAL_PAY_APPROVED);
	assert_int_equal(first.amount_cents, 2000);
	assert_int_equal(first.reference[0], 'K');
	assert_int_equal(post(f, &pp, &again), 0); /* the outbox sends it again */
	assert_string_equal(again.reference, first.reference);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 2000); /* the fee is not */
	assert_int_equal(portal_payment_status(f->portal, "sale-0001", &status), 0);
	assert_string_equal(status.reference, first.reference);
	ledger_of(f, ledger, sizeof(ledger));
	assert_non_null(strstr(ledger, "\"idempotency_key\":\"sale-0001\""));
	assert_non_null(strstr(ledger, "\"tender\":\"terminal\""));
	assert_non_null(strstr(ledger, "\"fee_cents\":150"));
	assert_non_null(strstr(ledger, "\"transaction_id\":\"BV0q0017658.8515131751004933\""));
	assert_non_null(strstr(ledger, "\"entry_mode\":\"tap\""));
	assert_null(strstr(strstr(ledger, "sale-0001"), "\n{")); /* one line, one charge */
}

/* What portal-sim refuses, and how the kiosk hears it: a refusal is for good (the kiosk then
 * reverses the charge), and nothing refused is charged. */
static void post_terminal_refusals(void **state)
{
	struct fixture *f = *state;
	struct portal_posting pp = posting("sale-0002", 1000, 0, "TXN-2");
	struct portal_posting other;
	struct portal_payment out;
	char body[512], answer[512];
	static const char *const bad[] = {
	    /* an unknown field, a card block next to the terminal's, a bad entry mode, a fee
	     * missing, a full card number for last4, digits in the brand */
	    "{\"idempotency_key\":\"b1\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"fee_cents\":0,\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"T\","
	    "\"approval_code\":\"1\",\"brand\":\"Visa\",\"last4\":\"1111\",\"entry_mode\":\"tap\","
	    "\"pan\":\"4111111111111111\"}}",
	    "{\"idempotency_key\":\"b2\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"fee_cents\":0,\"tender\":\"terminal\",\"card\":{},\"terminal\":{\"transaction_id\":"
	    "\"T\",\"approval_code\":\"1\",\"brand\":\"Visa\",\"last4\":\"1111\",\"entry_mode\":"
	    "\"tap\"}}",
	    "{\"idempotency_key\":\"b3\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"fee_cents\":0,\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"T\","
	    "\"approval_code\":\"1\",\"brand\":\"Visa\",\"last4\":\"1111\",\"entry_mode\":"
	    "\"magic\"}}",
	    "{\"idempotency_key\":\"b4\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"T\",\"approval_code\":"
	    "\"1\","
	    "\"brand\":\"Visa\",\"last4\":\"1111\",\"entry_mode\":\"tap\"}}",
	    "{\"idempotency_key\":\"b5\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"fee_cents\":0,\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"T\","
	    "\"approval_code\":\"1\",\"brand\":\"Visa\",\"last4\":\"4111111111111111\","
	    "\"entry_mode\":\"tap\"}}",
	    "{\"idempotency_key\":\"b6\",\"customer_number\":\"100200300\",\"amount_cents\":100,"
	    "\"fee_cents\":0,\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"T\","
	    "\"approval_code\":\"1\",\"brand\":\"4111\",\"last4\":\"1111\",\"entry_mode\":\"tap\"}"
	    "}",
	};
	char url[128];

	snprintf(url, sizeof(url), "%s/api/kiosk/v1/payments", f->sim.url);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sim_post(url, PKI_DIR "/ca.pem", bad[i], answer, sizeof(answer)),
				 0);
		assert_non_null(strstr(answer, "invalid_request"));
		assert_int_equal(portal_post_payment(f->portal, "b1", bad[i], &out), KIOSK_EINVAL);
	}
	assert_int_equal(post(f, &pp, &out), 0);
	/* The same key for another amount or another terminal transaction: 409. */
	other = posting("sale-0002", 1100, 0, "TXN-2");
	assert_int_equal(post(f, &other, &out), KIOSK_EINVAL);
	other = posting("sale-0002", 1000, 0, "TXN-9");
	assert_int_equal(post(f, &other, &out), KIOSK_EINVAL);
	/* The same terminal transaction under another key would charge the bill twice: 409. */
	other = posting("sale-0003", 1000, 0, "TXN-2");
	assert_int_equal(portal_posting_json(&other, body, sizeof(body)), 0);
	assert_int_equal(sim_post(url, PKI_DIR "/ca.pem", body, answer, sizeof(answer)), 0);
	assert_non_null(strstr(answer, "transaction_already_posted"));
	assert_int_equal(post(f, &other, &out), KIOSK_EINVAL);
	/* More than the balance (paid elsewhere meanwhile): 422; an unknown account: 404. */
	other = posting("sale-0004", 8417, 0, "TXN-4");
	assert_int_equal(post(f, &other, &out), KIOSK_EINVAL);
	other = posting("sale-0005", 100, 0, "TXN-5");
	other.customer_number = "999999999";
	assert_int_equal(post(f, &other, &out), KIOSK_ENOTFOUND);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 1000);
	/* The kiosk never builds what the portal would refuse. */
	other = posting("sale-0006", 100, -1, "TXN-6");
	assert_int_equal(portal_posting_json(&other, body, sizeof(body)), KIOSK_EINVAL);
	other = posting("sale-0006", 100, 0, "TXN-6");
	other.last4 = "41111111";
	assert_int_equal(portal_posting_json(&other, body, sizeof(body)), KIOSK_EINVAL);
	other = posting("sale-0006", 100, 0, "TXN-6");
	assert_int_equal(portal_posting_json(&other, body, 40), KIOSK_EINVAL);
}

/* ---- cash a kiosk's validator took, posted to the portal (docs/portal-api.md, "Cash") ---- */

static int post_cash(struct fixture *f, const char *key, int64_t due,
		     const struct portal_cash_note *notes, int n, struct portal_payment *out)
{
	char body[512];

	assert_int_equal(portal_cash_body(key, "100-200-300", due, notes, n, body, sizeof(body)),
			 0);
	return portal_post_payment(f->portal, key, body, out);
}

/* Over the amount due and over the balance: never refused (the notes are in the box), the
 * balance goes to zero and the rest is credit; posted once whatever the retries, and the
 * ledger shows the notes, the amount due and the credit. */
static void post_cash_payment(void **state)
{
	struct fixture *f = *state;
	const struct portal_cash_note notes[] = {{2000, 4}, {10000, 1}};
	struct portal_payment first, again;
	char ledger[4096];

	assert_int_equal(post_cash(f, "cash-0001", 8000, notes, 2, &first), 0);
	assert_int_equal(first.status, PORTAL_PAY_APPROVED);
	assert_int_equal(first.amount_cents, 18000);
	assert_int_equal(first.reference[0], 'K');
	assert_int_equal(post_cash(f, "cash-0001", 8000, notes, 2, &again), 0);
	assert_string_equal(again.reference, first.reference);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 0);
	ledger_of(f, ledger, sizeof(ledger));
	assert_non_null(strstr(ledger, "\"tender\":\"cash\",\"notes\":\"2000x4,10000x1\","
				       "\"amount_due_cents\":8000,\"credit_cents\":10000"));
	assert_null(strstr(strstr(ledger, "cash-0001"), "\n{")); /* one line, one payment */
}

/* What portal-sim refuses of cash, as strictly as a cash office counts. */
static void post_cash_refusals(void **state)
{
	struct fixture *f = *state;
	const struct portal_cash_note notes[] = {{500, 1}};
	const struct portal_cash_note other[] = {{100, 5}};
	struct portal_payment out;
	char answer[512], url[128];
	static const char *const bad[] = {
	    /* a $3 note, notes out of order, a card block, an unknown field in cash, a credit
	     * that is not what went over, a sum that is not the amount */
	    "{\"idempotency_key\":\"c1\",\"customer_number\":\"100200300\",\"amount_cents\":300,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":300,\"credit_cents\":0,"
	    "\"notes\":[{\"cents\":300,\"count\":1}]}}",
	    "{\"idempotency_key\":\"c2\",\"customer_number\":\"100200300\",\"amount_cents\":600,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":600,\"credit_cents\":0,"
	    "\"notes\":[{\"cents\":500,\"count\":1},{\"cents\":100,\"count\":1}]}}",
	    "{\"idempotency_key\":\"c3\",\"customer_number\":\"100200300\",\"amount_cents\":500,"
	    "\"tender\":\"cash\",\"card\":{},\"cash\":{\"amount_due_cents\":500,"
	    "\"credit_cents\":0,\"notes\":[{\"cents\":500,\"count\":1}]}}",
	    "{\"idempotency_key\":\"c4\",\"customer_number\":\"100200300\",\"amount_cents\":500,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":500,\"credit_cents\":0,"
	    "\"fee_cents\":0,\"notes\":[{\"cents\":500,\"count\":1}]}}",
	};
	static const char *const wrong_sum[] = {
	    "{\"idempotency_key\":\"c5\",\"customer_number\":\"100200300\",\"amount_cents\":500,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":400,\"credit_cents\":0,"
	    "\"notes\":[{\"cents\":500,\"count\":1}]}}",
	    "{\"idempotency_key\":\"c6\",\"customer_number\":\"100200300\",\"amount_cents\":700,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":700,\"credit_cents\":0,"
	    "\"notes\":[{\"cents\":500,\"count\":1}]}}",
	};

	snprintf(url, sizeof(url), "%s/api/kiosk/v1/payments", f->sim.url);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sim_post(url, PKI_DIR "/ca.pem", bad[i], answer, sizeof(answer)),
				 0);
		assert_non_null(strstr(answer, "invalid_request"));
	}
	for (size_t i = 0; i < sizeof(wrong_sum) / sizeof(wrong_sum[0]); i++) {
		assert_int_equal(
		    sim_post(url, PKI_DIR "/ca.pem", wrong_sum[i], answer, sizeof(answer)), 0);
		assert_non_null(strstr(answer, "invalid_amount"));
	}
	assert_int_equal(post_cash(f, "cash-0002", 500, notes, 1, &out), 0);
	/* The same key with other notes: 409, refused for good. */
	assert_int_equal(post_cash(f, "cash-0002", 500, other, 1, &out), KIOSK_EINVAL);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417 - 500);
	/* The kiosk never builds what the portal would refuse. */
	assert_int_equal(
	    portal_cash_body("cash-0003", "100-200-300", 500, notes, 0, answer, sizeof(answer)),
	    KIOSK_EINVAL);
	assert_int_equal(portal_cash_body("cash-0003", "100-200-300", 500, notes, 1, answer, 40),
			 KIOSK_EINVAL);
}

/* ---- baskets through a terminal or with cash (docs/portal-api.md, "A basket through a
 * terminal or with cash") ---- */

static const struct portal_bill_share two_bills[] = {{"100-200-300", 8417, 0},
						     {"300400500", 12850, 0}};

/* A terminal's posting of two bills: applied whole, each bill with its balance after; once
 * whatever the retries; the same key with the bills in another order is refused for good. */
static void post_basket_terminal(void **state)
{
	struct fixture *f = *state;
	const struct portal_bill_share swapped[] = {two_bills[1], two_bills[0]};
	struct portal_posting pp = posting("basket-t1", 8417 + 12850, 250, "TXN-B1");
	struct portal_payment first, again;
	char body[1024], answer[512], url[128], ledger[4096];

	pp.n_bills = 2;
	pp.bills = two_bills;
	assert_int_equal(post(f, &pp, &first), 0);
	assert_int_equal(first.status, PORTAL_PAY_APPROVED);
	assert_int_equal(first.n_bills, 2);
	assert_string_equal(first.bills[1].customer_number, "300400500");
	assert_int_equal(first.bills[1].balance_cents, 0);
	assert_int_equal(post(f, &pp, &again), 0);
	assert_string_equal(again.reference, first.reference);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 0);
	assert_int_equal(balance_of(f, "300400500", "Peña"), 0);
	ledger_of(f, ledger, sizeof(ledger));
	assert_non_null(strstr(ledger, "\"fee_cents\":250,\"transaction_id\":\"TXN-B1\""));
	assert_non_null(strstr(ledger, "\"allocations\":[{\"customer_number\":\"100200300\","
				       "\"amount_cents\":8417,\"balance_cents\":0},"));
	pp.bills = swapped;
	assert_int_equal(post(f, &pp, &again), KIOSK_EINVAL);
	/* The bills must add up to the amount: the kiosk never builds it, the portal refuses. */
	pp.bills = two_bills;
	pp.amount_cents = 100;
	assert_int_equal(portal_posting_json(&pp, body, sizeof(body)), KIOSK_EINVAL);
	snprintf(url, sizeof(url), "%s/api/kiosk/v1/payments", f->sim.url);
	assert_int_equal(
	    sim_post(url, PKI_DIR "/ca.pem",
		     "{\"idempotency_key\":\"basket-t2\",\"amount_cents\":100,\"fee_cents\":0,"
		     "\"allocations\":[{\"customer_number\":\"120340560\",\"amount_cents\":50},"
		     "{\"customer_number\":\"700800900\",\"amount_cents\":60}],"
		     "\"tender\":\"terminal\",\"terminal\":{\"transaction_id\":\"TXN-B2\","
		     "\"approval_code\":\"1\",\"brand\":\"Visa\",\"last4\":\"1111\","
		     "\"entry_mode\":\"tap\"}}",
		     answer, sizeof(answer)),
	    0);
	assert_non_null(strstr(answer, "invalid_amount"));
}

static int post_cash_basket(struct fixture *f, const char *key, int credit_to,
			    struct portal_payment *out)
{
	static const struct portal_bill_share bills[] = {{"700800900", 500, 0},
							 {"120-340-560", 1000, 0}};
	const struct portal_cash_note notes[] = {{2000, 1}};
	struct portal_cash_basket basket = {bills, 2, credit_to};
	char body[1024];

	assert_int_equal(portal_cash_basket_body(key, &basket, 1500, notes, 1, body, sizeof(body)),
			 0);
	return portal_post_payment(f->portal, key, body, out);
}

/* Cash for two bills, $5.00 over: each bill takes its share, the account the resident chose
 * takes the credit too; once; the same key with the credit elsewhere is refused for good. */
static void post_basket_cash(void **state)
{
	struct fixture *f = *state;
	struct portal_payment first, again;
	char answer[512], url[128], ledger[4096];
	static const char *const bad[] = {
	    /* credit_to not one of the bills, none in a basket, one beside one bill */
	    "{\"idempotency_key\":\"cb1\",\"amount_cents\":2000,\"tender\":\"cash\","
	    "\"allocations\":[{\"customer_number\":\"700800900\",\"amount_cents\":500},"
	    "{\"customer_number\":\"120340560\",\"amount_cents\":1000}],"
	    "\"cash\":{\"amount_due_cents\":1500,\"credit_cents\":500,\"credit_to\":\"100200300\","
	    "\"notes\":[{\"cents\":2000,\"count\":1}]}}",
	    "{\"idempotency_key\":\"cb2\",\"amount_cents\":2000,\"tender\":\"cash\","
	    "\"allocations\":[{\"customer_number\":\"700800900\",\"amount_cents\":500},"
	    "{\"customer_number\":\"120340560\",\"amount_cents\":1000}],"
	    "\"cash\":{\"amount_due_cents\":1500,\"credit_cents\":500,"
	    "\"notes\":[{\"cents\":2000,\"count\":1}]}}",
	    "{\"idempotency_key\":\"cb3\",\"customer_number\":\"100200300\",\"amount_cents\":500,"
	    "\"tender\":\"cash\",\"cash\":{\"amount_due_cents\":500,\"credit_cents\":0,"
	    "\"credit_to\":\"100200300\",\"notes\":[{\"cents\":500,\"count\":1}]}}",
	};

	assert_int_equal(post_cash_basket(f, "cash-b1", 1, &first), 0);
	assert_int_equal(first.status, PORTAL_PAY_APPROVED);
	assert_int_equal(first.amount_cents, 2000);
	assert_int_equal(first.n_bills, 2);
	assert_int_equal(post_cash_basket(f, "cash-b1", 1, &again), 0);
	assert_string_equal(again.reference, first.reference);
	assert_int_equal(balance_of(f, "700800900", "Okafor"), 482315 - 500);
	assert_int_equal(balance_of(f, "120340560", "O'Brien"), 11260 - 1000 - 500);
	ledger_of(f, ledger, sizeof(ledger));
	assert_non_null(strstr(ledger, "\"amount_due_cents\":1500,\"credit_cents\":500,"));
	assert_non_null(strstr(ledger, "\"credit_to\":\"120340560\""));
	assert_int_equal(post_cash_basket(f, "cash-b1", 0, &again), KIOSK_EINVAL);
	snprintf(url, sizeof(url), "%s/api/kiosk/v1/payments", f->sim.url);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sim_post(url, PKI_DIR "/ca.pem", bad[i], answer, sizeof(answer)),
				 0);
		assert_non_null(strstr(answer, "invalid_request"));
	}
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417);
}

static void pay_status(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay, status;

	assert_int_equal(portal_payment_status(f->portal, "never-sent", &status), KIOSK_ENOTFOUND);
	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "status-key-1", "100200300", 500, &card, &pay), 0);
	assert_int_equal(portal_payment_status(f->portal, "status-key-1", &status), 0);
	assert_int_equal(status.status, PORTAL_PAY_APPROVED);
	assert_string_equal(status.reference, pay.reference);
	assert_int_equal(status.amount_cents, 500);
	assert_string_equal(status.approval_code, pay.approval_code);
}

static void pay_invalid_amount(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay;

	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "too-much-1", "100200300", 8418, &card, &pay),
			 KIOSK_EINVAL);
	assert_int_equal(portal_pay(f->portal, "paid-up-1", "555000111", 100, &card, &pay),
			 KIOSK_EINVAL);
	assert_int_equal(portal_pay(f->portal, "zero-1", "100200300", 0, &card, &pay),
			 KIOSK_EINVAL);
	assert_int_equal(portal_pay(f->portal, "no-account-1", "999999999", 100, &card, &pay),
			 KIOSK_ENOTFOUND);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417);
}

/* ---- failures ---- */

static void portal_down(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_ENET);
}

static void untrusted_portal(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_ETLS);
}

/* The right CA but not the pinned key: refused like an untrusted portal, nothing sent. */
static void wrong_pin(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;
	struct card_sealed card;
	struct portal_payment pay;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_ETLS);
	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "pinned-1", "100200300", 100, &card, &pay),
			 KIOSK_ETLS);
}

/* The server's real key pinned: everything works as without a pin. */
static void right_pin(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill), 0);
	assert_int_equal(bill.balance_cents, 8417);
}

static void malformed_answer(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;
	struct card_sealed card;
	struct portal_payment pay;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_EPROTO);
	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "malformed-1", "100200300", 100, &card, &pay),
			 KIOSK_EPROTO);
}

/* An approval whose answer leaves out its approval code is not taken: the kiosk cannot name
 * it on the receipt, so the payment stays in doubt until the portal's record (GET) has it. */
static void approval_without_code(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay, status;

	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "no-code-1", "100200300", 100, &card, &pay),
			 KIOSK_EPROTO);
	assert_int_equal(portal_payment_status(f->portal, "no-code-1", &status), 0);
	assert_int_equal(status.status, PORTAL_PAY_APPROVED);
	assert_int_equal(strlen(status.approval_code), 6);
}

static void server_error(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;
	struct portal_payment pay;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_ESERVER);
	assert_int_equal(portal_payment_status(f->portal, "any-key", &pay), KIOSK_ESERVER);
}

static void dropped_answer(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay;
	int rc;

	seal_test_card(f, "4111111111111111", "3012", &card);
	rc = portal_pay(f->portal, "dropped-1", "100200300", 100, &card, &pay);
	assert_true(rc == KIOSK_ENET || rc == KIOSK_ETIMEDOUT);
}

static void slow_portal_times_out(void **state)
{
	struct fixture *f = *state;
	struct portal_bill bill;

	assert_int_equal(portal_lookup_bill(f->portal, "100200300", "Rivera", -1, &bill),
			 KIOSK_ETIMEDOUT);
}

/* ---- several bills in one payment ---- */

static void pay_basket(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay, again, status;
	struct portal_bill_share bills[2] = {{"100-200-300", 8417, 0}, {"300400500", 2850, 0}};
	struct portal_bill_share too_much[2] = {{"100200300", 1, 0}, {"300400500", 20000, 0}};
	struct portal_bill_share other[2] = {{"100200300", 8417, 0}, {"300400500", 2000, 0}};

	seal_test_card(f, "4111111111111111", "3012", &card);
	/* One bill more than it owes: refused whole, neither account touched. */
	assert_int_equal(portal_pay_bills(f->portal, "basket-0", too_much, 2, 20001, &card, &pay),
			 KIOSK_EINVAL);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 8417);
	/* A total that is not the sum never leaves the kiosk. */
	assert_int_equal(portal_pay_bills(f->portal, "basket-1", bills, 2, 1, &card, &pay),
			 KIOSK_EINVAL);

	assert_int_equal(portal_pay_bills(f->portal, "basket-1", bills, 2, 11267, &card, &pay), 0);
	assert_int_equal(pay.status, PORTAL_PAY_APPROVED);
	assert_int_equal(pay.amount_cents, 11267);
	assert_int_equal(strlen(pay.approval_code), 6); /* one card, one approval code */
	assert_int_equal(pay.n_bills, 2);
	assert_string_equal(pay.bills[0].customer_number, "100200300");
	assert_int_equal(pay.bills[0].balance_cents, 0);
	assert_string_equal(pay.bills[1].customer_number, "300400500");
	assert_int_equal(pay.bills[1].balance_cents, 12850 - 2850);
	assert_int_equal(balance_of(f, "100200300", "Rivera"), 0);

	/* The same basket again: the first answer, nothing applied twice. */
	assert_int_equal(portal_pay_bills(f->portal, "basket-1", bills, 2, 11267, &card, &again),
			 0);
	assert_string_equal(again.reference, pay.reference);
	assert_int_equal(again.bills[1].balance_cents, 12850 - 2850);
	assert_int_equal(balance_of(f, "300400500", "Peña"), 12850 - 2850);
	assert_int_equal(portal_payment_status(f->portal, "basket-1", &status), 0);
	assert_int_equal(status.n_bills, 2);
	assert_int_equal(status.bills[0].amount_cents, 8417);
	/* The same key for another basket: refused. */
	assert_int_equal(portal_pay_bills(f->portal, "basket-1", other, 2, 10417, &card, &again),
			 KIOSK_EINVAL);
	assert_int_equal(balance_of(f, "300400500", "Peña"), 12850 - 2850);
}

/* ---- receipts by email and text message (POST /receipts) ---- */

/* How many messages to `to` the sim's mbox file `name` holds. */
static int messages_to(struct fixture *f, const char *name, const char *to)
{
	char path[320], line[512], want[300];
	int n = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->sim.dir, name);
	snprintf(want, sizeof(want), "To: %s\n", to);
	fp = fopen(path, "r");
	if (!fp)
		return 0;
	while (fgets(line, sizeof(line), fp))
		n += strcmp(line, want) == 0;
	fclose(fp);
	return n;
}

static void receipt_messages(void **state)
{
	struct fixture *f = *state;
	struct card_sealed card;
	struct portal_payment pay, declined;
	struct portal_receipt_msg m;

	seal_test_card(f, "4111111111111111", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "receipt-1", "100200300", 1000, &card, &pay), 0);
	assert_int_equal(pay.status, PORTAL_PAY_APPROVED);
	memset(&m, 0, sizeof(m));
	snprintf(m.message_id, sizeof(m.message_id), "%s", "0123456789abcdef0123456789abcdef");
	snprintf(m.reference, sizeof(m.reference), "%s", pay.reference);
	m.channel = PORTAL_CHANNEL_EMAIL;
	m.to = "ana.rivera@example.org";
	m.lang = "es";
	assert_int_equal(portal_send_receipt(f->portal, &m), 0);
	assert_int_equal(messages_to(f, "mail.mbox", "ana.rivera@example.org"), 1);
	/* The same message again (a retry after a lost answer): answered, not sent twice. */
	assert_int_equal(portal_send_receipt(f->portal, &m), 0);
	assert_int_equal(messages_to(f, "mail.mbox", "ana.rivera@example.org"), 1);
	/* The same id for another message: refused. */
	m.to = "someone.else@example.org";
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_EINVAL);
	assert_int_equal(messages_to(f, "mail.mbox", "someone.else@example.org"), 0);

	/* A text message, to a NANP number in E.164 only. */
	snprintf(m.message_id, sizeof(m.message_id), "%s", "fedcba9876543210fedcba9876543210");
	m.channel = PORTAL_CHANNEL_SMS;
	m.lang = "en";
	m.to = "3125550147";
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_EINVAL);
	m.to = "+15550100123"; /* exchange 010: no such number */
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_EINVAL);
	m.to = "+13125550147";
	assert_int_equal(portal_send_receipt(f->portal, &m), 0);
	assert_int_equal(messages_to(f, "sms.mbox", "+13125550147"), 1);
	assert_int_equal(messages_to(f, "mail.mbox", "+13125550147"), 0);

	/* No approved payment by that reference: a declined one, or none at all. */
	seal_test_card(f, "4000000000000002", "3012", &card);
	assert_int_equal(portal_pay(f->portal, "receipt-2", "100200300", 500, &card, &declined), 0);
	assert_int_equal(declined.status, PORTAL_PAY_DECLINED);
	snprintf(m.message_id, sizeof(m.message_id), "%s", "00000000000000000000000000000001");
	snprintf(m.reference, sizeof(m.reference), "%s", declined.reference);
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_ENOTFOUND);
	snprintf(m.reference, sizeof(m.reference), "%s", "K00000000");
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_ENOTFOUND);
	/* A message id that is not 32 hex digits, and a language the portal does not write. */
	snprintf(m.reference, sizeof(m.reference), "%s", pay.reference);
	snprintf(m.message_id, sizeof(m.message_id), "%s", "not-an-id");
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_EINVAL);
	snprintf(m.message_id, sizeof(m.message_id), "%s", "00000000000000000000000000000002");
	m.lang = "fr";
	assert_int_equal(portal_send_receipt(f->portal, &m), KIOSK_EINVAL);
	assert_int_equal(messages_to(f, "sms.mbox", "+13125550147"), 1);
}

static const char *const fault_malformed[] = {"--fault", "malformed", NULL};
static const char *const fault_5xx[] = {"--fault", "5xx", NULL};
static const char *const fault_drop[] = {"--fault", "drop", NULL};
static const char *const slow[] = {"--latency-ms", "4000", NULL};
static const char *const fault_no_code[] = {"--fault", "no-approval-code:1", NULL};

static struct fixture plain = {0};
static struct fixture down = {.no_sim = 1};
static struct fixture rogue = {.cert = "rogue-server"};
static struct fixture pinned_wrong = {.pin =
					  "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="};
static struct fixture pinned_right = {.pin = "server"};
static struct fixture malformed = {.extra = fault_malformed};
static struct fixture five_xx = {.extra = fault_5xx};
static struct fixture drop = {.extra = fault_drop};
static struct fixture no_code = {.extra = fault_no_code};
static struct fixture latency = {.extra = slow, .timeout_ms = 1000};

#define SIM_TEST(fn, fx) cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, &(fx))

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    SIM_TEST(lookup_by_name, plain),
	    SIM_TEST(lookup_by_amount, plain),
	    SIM_TEST(lookup_not_found, plain),
	    SIM_TEST(lookup_forgiving_input, plain),
	    SIM_TEST(lookup_scanned, plain),
	    SIM_TEST(pay_approved, plain),
	    SIM_TEST(pay_declined, plain),
	    SIM_TEST(pay_encrypted_magnesafe, plain),
	    SIM_TEST(pay_idempotent_retry, plain),
	    SIM_TEST(pay_status, plain),
	    SIM_TEST(post_terminal_payment, plain),
	    SIM_TEST(post_terminal_refusals, plain),
	    SIM_TEST(post_cash_payment, plain),
	    SIM_TEST(post_cash_refusals, plain),
	    SIM_TEST(post_basket_terminal, plain),
	    SIM_TEST(post_basket_cash, plain),
	    SIM_TEST(pay_invalid_amount, plain),
	    SIM_TEST(receipt_messages, plain),
	    SIM_TEST(pay_basket, plain),
	    SIM_TEST(portal_down, down),
	    SIM_TEST(untrusted_portal, rogue),
	    SIM_TEST(wrong_pin, pinned_wrong),
	    SIM_TEST(right_pin, pinned_right),
	    SIM_TEST(malformed_answer, malformed),
	    SIM_TEST(approval_without_code, no_code),
	    SIM_TEST(server_error, five_xx),
	    SIM_TEST(dropped_answer, drop),
	    SIM_TEST(slow_portal_times_out, latency),
	};

	return sim_run_tests("portal", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
