/* The payment terminal client (drivers/terminal) against a real terminal-sim over TLS on
 * loopback: every test card's outcome, every entry mode, Abort, TransactionStatus, Reversal,
 * Diagnosis, every fault, a refused certificate, and the simulator's strictness about what it
 * is sent. The terminal's own ledger (`terminal-sim ledger`) is checked after each. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/terminal/terminal.h"
#include "tests/portal/sim_harness.h"

#define POI_ID "V400m-324688179"
#define SALE_ID "KIOSK-TEST-1"

struct fixture {
	const char *cert;	  /* "server" or "rogue-server" */
	const char *const *extra; /* more terminal-sim arguments */
	long timeout_ms;	  /* the client's deadline for everything; 0: 10 s */
	const char *poi_id;	  /* what the kiosk believes the terminal is; NULL: POI_ID */
	int no_sim;
	struct sim sim;
	struct terminal *t;
	int next; /* numbering of sale transaction ids within a test */
};

static int teardown(void **state)
{
	struct fixture *f = *state;

	terminal_close(f->t);
	f->t = NULL;
	if (!f->no_sim)
		sim_stop(&f->sim);
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = *state;
	struct terminal_config cfg;
	char url[80];

	f->sim.pid = -1;
	f->sim.dir[0] = '\0';
	f->t = NULL;
	f->next = 0;
	if (f->no_sim) {
		snprintf(url, sizeof(url), "https://127.0.0.1:%u/nexo", sim_unused_port());
	} else {
		if (sim_start_terminal(&f->sim, f->cert ? f->cert : "server", f->extra) != 0)
			return -1;
		snprintf(url, sizeof(url), "%s", f->sim.url);
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.url = url;
	cfg.ca_file = PKI_DIR "/ca.pem";
	cfg.sale_id = SALE_ID;
	cfg.poi_id = f->poi_id ? f->poi_id : POI_ID;
	cfg.currency = "USD";
	cfg.timeout_ms = f->timeout_ms ? f->timeout_ms : 10000;
	cfg.payment_timeout_ms = f->timeout_ms ? f->timeout_ms : 20000;
	if (terminal_open(&cfg, &f->t) != 0) {
		teardown(state);
		return -1;
	}
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

static long admin(struct fixture *f, const char *path, const char *body, char *answer, size_t n)
{
	return sim_admin(&f->sim, path, body, answer, n);
}

static void present(struct fixture *f, const char *entry, const char *pan)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"entry\":\"%s\",\"pan\":\"%s\"}", entry, pan);
	assert_int_equal(admin(f, "/card", body, NULL, 0), 200);
}

/* Waits until the terminal's state has `state` ("payment", "idle"...), up to 10 s. */
static void wait_state(struct fixture *f, const char *state)
{
	char answer[512], want[64];

	snprintf(want, sizeof(want), "\"state\":\"%s\"", state);
	for (int i = 0; i < 500; i++) {
		if (admin(f, "/state", NULL, answer, sizeof(answer)) == 200 && strstr(answer, want))
			return;
		sleep_ms(20);
	}
	fail_msg("terminal-sim never reached state %s", state);
}

/* The ledger, one JSON line per transaction, into buf; returns the number of lines. */
static int ledger(struct fixture *f, char *buf, size_t n)
{
	char cmd[768];
	FILE *p;
	size_t len = 0;
	int lines = 0;

	snprintf(cmd, sizeof(cmd), "'%s' ledger --data '%s'", TERMINAL_SIM_BIN, f->sim.dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	len = fread(buf, 1, n - 1, p);
	buf[len] = '\0';
	assert_int_equal(pclose(p), 0);
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	return lines;
}

static void new_ids(struct fixture *f, char *service_id, char *sale_txn_id)
{
	assert_int_equal(nexo_service_id_new(service_id, 11), 0);
	snprintf(sale_txn_id, 32, "K%ld-%d", (long)getpid(), ++f->next);
}

/* A payment with a card already presented; returns the client's result. */
static int pay(struct fixture *f, int64_t cents, char *service_id, char *sale_txn_id,
	       struct nexo_response *r)
{
	new_ids(f, service_id, sale_txn_id);
	return terminal_payment(f->t, service_id, sale_txn_id, now_ms(), cents, r);
}

/* ---- outcomes by card and entry mode ---- */

static void approved_as(void **state, const char *entry, const char *pan, enum nexo_entry want,
			const char *brand, const char *last4, const char *ledger_entry)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048], expect[256];

	present(f, entry, pan);
	assert_int_equal(pay(f, 8417, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_true(r.has_payment);
	assert_int_equal(r.payment.authorized_cents, 8417);
	assert_string_equal(r.payment.sale_txn_id, txn);
	assert_int_equal(r.payment.entry, want);
	assert_string_equal(r.payment.brand, brand);
	assert_string_equal(r.payment.last4, last4);
	assert_int_equal(strlen(r.payment.approval_code), 6);
	assert_true(r.payment.poi_txn_id[0] != '\0');
	assert_true(r.payment.aid[0] == 'A');
	assert_true(r.payment.app_name[0] != '\0');
	assert_true(r.payment.receipt_lines > 5);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	snprintf(expect, sizeof(expect),
		 "{\"sale_transaction_id\":\"%s\",\"amount_cents\":8417,\"state\":\"approved\","
		 "\"entry_mode\":\"%s\",\"last4\":\"%s\"",
		 txn, ledger_entry, last4);
	assert_non_null(strstr(line, expect));
	/* the ledger shows no more of the card than the kiosk gets */
	assert_null(strstr(line, pan));
	assert_null(strstr(line, "411111"));
}

static void approve_chip(void **state)
{
	approved_as(state, "chip", "4111111111111111", NEXO_ENTRY_CHIP, "visa", "1111", "chip");
}

static void approve_tap(void **state)
{
	approved_as(state, "tap", "5555555555554444", NEXO_ENTRY_TAP, "mc", "4444", "tap");
}

static void approve_wallet(void **state)
{
	approved_as(state, "wallet", "4111111111111111", NEXO_ENTRY_WALLET, "visa", "1111",
		    "wallet");
}

static void approve_swipe(void **state)
{
	approved_as(state, "swipe", "378282246310005", NEXO_ENTRY_SWIPE, "amex", "0005", "swipe");
}

static void refused_with(void **state, const char *pan, enum nexo_error want, const char *reason,
			 const char *ledger_state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048], expect[160];

	present(f, "chip", pan);
	assert_int_equal(pay(f, 5000, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, want);
	assert_string_equal(r.payment.outcome.refusal_reason, reason);
	assert_string_equal(r.payment.sale_txn_id, txn);
	assert_int_equal(r.payment.authorized_cents, 0);
	assert_string_equal(r.payment.approval_code, "");
	assert_string_equal(r.payment.last4, pan + strlen(pan) - 4);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	snprintf(expect, sizeof(expect), "\"amount_cents\":5000,\"state\":\"%s\"", ledger_state);
	assert_non_null(strstr(line, expect));
}

static void decline(void **state)
{
	refused_with(state, "4000000000000002", NEXO_ERR_REFUSAL, "Refused", "declined");
}

static void insufficient_funds(void **state)
{
	refused_with(state, "4000000000009995", NEXO_ERR_REFUSAL, "Not enough balance", "declined");
}

static void card_removed_early(void **state)
{
	refused_with(state, "4000000000000119", NEXO_ERR_CANCEL, "card removed", "aborted");
}

static void pin_tries_exceeded(void **state)
{
	refused_with(state, "4000000000000127", NEXO_ERR_WRONG_PIN, "PIN tries exceeded",
		     "declined");
}

/* After a declined card the terminal takes the next one at once (a new sale id). */
static void decline_then_another_card(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048];

	present(f, "chip", "4000000000000002");
	assert_int_equal(pay(f, 1200, sid, txn, &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_REFUSAL);
	present(f, "tap", "4111111111111111");
	assert_int_equal(pay(f, 1200, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(ledger(f, line, sizeof(line)), 2);
}

/* ---- a payment in progress: Abort, TransactionStatus, Busy, Diagnosis ---- */

struct pending {
	struct fixture *f;
	char sid[11];
	char txn[32];
	int rc;
	struct nexo_response r;
	pthread_t thread;
};

static void *pending_run(void *arg)
{
	struct pending *p = arg;

	p->rc = terminal_payment(p->f->t, p->sid, p->txn, now_ms(), 3000, &p->r);
	return NULL;
}

/* Starts a payment with no card presented and waits until the terminal is waiting. */
static void start_pending(struct fixture *f, struct pending *p)
{
	memset(p, 0, sizeof(*p));
	p->f = f;
	new_ids(f, p->sid, p->txn);
	assert_int_equal(pthread_create(&p->thread, NULL, pending_run, p), 0);
	wait_state(f, "payment");
}

static void abort_payment(void **state)
{
	struct fixture *f = *state;
	struct pending p;
	struct nexo_response r;
	char line[2048];

	start_pending(f, &p);
	assert_int_equal(terminal_abort(f->t, p.sid, &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_NONE); /* an empty 200 */
	pthread_join(p.thread, NULL);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(p.r.outcome.error, NEXO_ERR_ABORTED);
	assert_string_equal(p.r.payment.sale_txn_id, p.txn);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "\"state\":\"aborted\""));
	/* an Abort must say what it aborts */
	assert_int_equal(terminal_abort(f->t, "", &r), KIOSK_EINVAL);
}

static void status_in_progress_then_done(void **state)
{
	struct fixture *f = *state;
	struct pending p;
	struct nexo_response r, d;

	start_pending(f, &p);
	assert_int_equal(terminal_transaction_status(f->t, p.sid, p.txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, NEXO_ERR_IN_PROGRESS);
	assert_string_equal(r.ref_service_id, p.sid);
	assert_int_equal(terminal_diagnosis(f->t, &d), 0);
	assert_string_equal(d.global_status, "Busy");
	present(f, "tap", "4111111111111111");
	pthread_join(p.thread, NULL);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(terminal_transaction_status(f->t, p.sid, p.txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_true(r.has_payment);
	assert_int_equal(r.payment.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.payment.authorized_cents, 3000);
	assert_string_equal(r.payment.poi_txn_id, p.r.payment.poi_txn_id);
	assert_string_equal(r.payment.approval_code, p.r.payment.approval_code);
	/* the repeat must be this sale's: asked with another sale id, it is refused */
	assert_int_equal(terminal_transaction_status(f->t, p.sid, "K-other", &r), KIOSK_EPROTO);
}

static void status_not_found(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;

	assert_int_equal(terminal_transaction_status(f->t, "Nope000001", "K-none", &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, NEXO_ERR_NOT_FOUND);
	assert_false(r.has_payment);
}

static void busy_while_paying(void **state)
{
	struct fixture *f = *state;
	struct pending p;
	struct nexo_response r;
	char sid[11], txn[32];

	start_pending(f, &p);
	assert_int_equal(pay(f, 100, sid, txn, &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_BUSY);
	present(f, "chip", "4111111111111111");
	pthread_join(p.thread, NULL);
	assert_int_equal(p.r.outcome.result, NEXO_RESULT_SUCCESS);
}

static void no_card_times_out(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048];

	new_ids(f, sid, txn);
	assert_int_equal(terminal_payment(f->t, sid, txn, now_ms(), 700, &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_CANCEL);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "\"state\":\"aborted\""));
}

/* ---- sale ids, reversal, diagnosis ---- */

static void sale_id_never_reused(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], sid2[11], line[2048];

	present(f, "tap", "4111111111111111");
	assert_int_equal(pay(f, 999, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	present(f, "tap", "4111111111111111");
	assert_int_equal(nexo_service_id_new(sid2, sizeof(sid2)), 0);
	assert_int_equal(terminal_payment(f->t, sid2, txn, now_ms(), 999, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, NEXO_ERR_NOT_ALLOWED);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
}

static void reversal(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r, rev, again;
	char sid[11], txn[32], line[2048];

	present(f, "chip", "4111111111111111");
	assert_int_equal(pay(f, 2345, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(terminal_reversal(f->t, r.payment.poi_txn_id, r.payment.poi_txn_ts, &rev),
			 0);
	assert_int_equal(rev.outcome.result, NEXO_RESULT_SUCCESS);
	assert_true(rev.has_reversed_amount);
	assert_int_equal(rev.reversed_cents, 2345);
	assert_true(rev.reversal_poi_txn_id[0] != '\0');
	assert_string_not_equal(rev.reversal_poi_txn_id, r.payment.poi_txn_id);
	/* asked again after a lost answer: the same reversal, not a second one */
	assert_int_equal(
	    terminal_reversal(f->t, r.payment.poi_txn_id, r.payment.poi_txn_ts, &again), 0);
	assert_int_equal(again.outcome.result, NEXO_RESULT_SUCCESS);
	assert_string_equal(again.reversal_poi_txn_id, rev.reversal_poi_txn_id);
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "\"state\":\"reversed\""));
	/* nothing to reverse */
	assert_int_equal(terminal_reversal(f->t, "nope", "2026-01-01T00:00:00.000Z", &again), 0);
	assert_int_equal(again.outcome.error, NEXO_ERR_NOT_FOUND);
	present(f, "chip", "4000000000000002");
	assert_int_equal(pay(f, 100, sid, txn, &r), 0);
	assert_int_equal(
	    terminal_reversal(f->t, r.payment.poi_txn_id, r.payment.poi_txn_ts, &again), 0);
	assert_int_equal(again.outcome.error, NEXO_ERR_NOT_ALLOWED);
}

static void diagnosis(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;

	assert_int_equal(terminal_diagnosis(f->t, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_string_equal(r.global_status, "OK");
}

/* ---- faults ---- */

/* drop-after-approve: the card is charged, the answer lost; TransactionStatus settles it. */
static void dropped_approval_settled_by_status(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048];

	present(f, "tap", "4111111111111111");
	assert_int_equal(pay(f, 8417, sid, txn, &r), KIOSK_ETIMEDOUT);
	assert_int_equal(terminal_transaction_status(f->t, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.payment.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.payment.authorized_cents, 8417);
	assert_string_equal(r.payment.last4, "1111");
	assert_int_equal(ledger(f, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "\"state\":\"approved\""));
}

/* rebooting: the first connections are refused before anything is sent (ENET, never the
 * ambiguous ETIMEDOUT), then the terminal answers again. */
static void rebooting_refuses_then_answers(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048];

	present(f, "tap", "4111111111111111");
	assert_int_equal(pay(f, 500, sid, txn, &r), KIOSK_ENET);
	assert_int_equal(terminal_diagnosis(f->t, &r), KIOSK_ENET);
	assert_int_equal(ledger(f, line, sizeof(line)), 0);
	assert_int_equal(terminal_diagnosis(f->t, &r), 0);
	assert_string_equal(r.global_status, "OK");
	assert_int_equal(pay(f, 500, sid, txn, &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
}

/* A reboot in the middle of a payment: the answer never comes, the terminal kept nothing,
 * and once it is back TransactionStatus says so. */
static void reboot_during_payment(void **state)
{
	struct fixture *f = *state;
	struct pending p;
	struct nexo_response r;
	char line[2048];

	start_pending(f, &p);
	assert_int_equal(admin(f, "/reboot", "{\"seconds\":3}", NULL, 0), 200);
	pthread_join(p.thread, NULL);
	assert_int_equal(p.rc, KIOSK_ETIMEDOUT);
	assert_int_equal(terminal_diagnosis(f->t, &r), KIOSK_ENET);
	/* back after its reboot (polled: no fixed sleep to race a loaded machine) */
	for (int i = 0; i < 100; i++) {
		if (terminal_transaction_status(f->t, p.sid, p.txn, &r) != KIOSK_ENET)
			break;
		sleep_ms(100);
	}
	assert_int_equal(terminal_transaction_status(f->t, p.sid, p.txn, &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_NOT_FOUND);
	assert_int_equal(ledger(f, line, sizeof(line)), 0);
}

static void slow_answer_times_out_then_settles(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32];

	struct terminal_config cfg = {.url = f->sim.url,
				      .ca_file = PKI_DIR "/ca.pem",
				      .sale_id = SALE_ID,
				      .poi_id = POI_ID,
				      .currency = "USD",
				      .timeout_ms = 10000};
	struct terminal *patient = NULL;

	present(f, "chip", "4111111111111111");
	assert_int_equal(pay(f, 4200, sid, txn, &r), KIOSK_ETIMEDOUT);
	/* every answer is slow; a client that waits long enough learns the outcome */
	assert_int_equal(terminal_open(&cfg, &patient), 0);
	assert_int_equal(terminal_transaction_status(patient, sid, txn, &r), 0);
	terminal_close(patient);
	assert_int_equal(r.payment.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.payment.authorized_cents, 4200);
}

static void malformed_answer_then_settles(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32];

	present(f, "tap", "5555555555554444");
	assert_int_equal(pay(f, 777, sid, txn, &r), KIOSK_EPROTO);
	assert_int_equal(terminal_transaction_status(f->t, sid, txn, &r), 0);
	assert_int_equal(r.payment.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.payment.authorized_cents, 777);
}

/* ---- trust and configuration ---- */

static void untrusted_terminal(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32], line[2048];

	present(f, "tap", "4111111111111111");
	assert_int_equal(pay(f, 500, sid, txn, &r), KIOSK_ETLS);
	assert_int_equal(ledger(f, line, sizeof(line)), 0);
}

static void terminal_not_there(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;
	char sid[11], txn[32];

	assert_int_equal(pay(f, 500, sid, txn, &r), KIOSK_ENET);
}

static void wrong_poi_rejected(void **state)
{
	struct fixture *f = *state;
	struct nexo_response r;

	assert_int_equal(terminal_diagnosis(f->t, &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_EVENT);
	assert_string_equal(r.event, "Reject");
	assert_int_equal(r.outcome.error, NEXO_ERR_MESSAGE_FORMAT);
	assert_string_equal(r.event_details, "Invalid POIID");
}

static void https_only(void **state)
{
	struct terminal_config cfg = {.url = "http://127.0.0.1:1/nexo",
				      .ca_file = PKI_DIR "/ca.pem",
				      .sale_id = SALE_ID,
				      .poi_id = POI_ID,
				      .currency = "USD"};
	struct terminal *t = NULL;

	(void)state;
	assert_int_equal(terminal_open(&cfg, &t), KIOSK_EINVAL);
	cfg.url = "https://127.0.0.1:1/nexo";
	cfg.ca_file = NULL;
	assert_int_equal(terminal_open(&cfg, &t), KIOSK_EINVAL);
	assert_null(t);
}

/* ---- the simulator is as strict as a terminal ---- */

/* POSTs raw JSON to /nexo; the answer into buf. */
static void post_raw(struct fixture *f, const char *json, char *buf, size_t n)
{
	assert_int_equal(sim_post(f->sim.url, PKI_DIR "/ca.pem", json, buf, n), 0);
}

#define HEADER(cat, sid)                                                                           \
	"{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","                   \
	"\"MessageClass\":\"Service\",\"MessageCategory\":\"" cat "\",\"MessageType\":"            \
	"\"Request\",\"SaleID\":\"KIOSK-TEST-1\",\"ServiceID\":\"" sid "\",\"POIID\":"             \
	"\"V400m-324688179\"},"
#define SALE                                                                                       \
	"\"SaleData\":{\"SaleTransactionID\":{\"TransactionID\":\"T1\",\"TimeStamp\":"             \
	"\"2026-12-01T10:00:00.000Z\"}}"

static void strict_requests(void **state)
{
	static const struct {
		const char *json;
		const char *expect;
	} cases[] = {
	    {"not json", "\"EventToNotify\":\"Reject\""},
	    {"{\"SaleToPOIRequest\":{}}", "message=Missing%20MessageHeader"},
	    {HEADER("Payment", "S1") "\"PaymentRequest\":{}}}",
	     "\"ErrorCondition\":\"MessageFormat\""},
	    {HEADER("Payment", "S12345678901") "\"PaymentRequest\":{}}}", "Invalid%20ServiceID"},
	    {HEADER("Refund", "S1") "\"RefundRequest\":{}}}", "Unsupported%20MessageCategory"},
	    {HEADER("Payment", "S1") "\"DiagnosisRequest\":{}}}", "Expected%20MessageHeader"},
	    {HEADER("Payment", "S1") "\"PaymentRequest\":{" SALE ",\"PaymentTransaction\":{"
				     "\"AmountsReq\":{\"Currency\":\"USD\",\"RequestedAmount\":"
				     "\"10.00\"}}}}}",
	     "RequestedAmount%20must"},
	    {HEADER("Payment", "S1") "\"PaymentRequest\":{" SALE ",\"PaymentTransaction\":{"
				     "\"AmountsReq\":{\"Currency\":\"USD\",\"RequestedAmount\":"
				     "10.001}}}}}",
	     "RequestedAmount%20must"},
	    {HEADER("Payment", "S1") "\"PaymentRequest\":{" SALE ",\"PaymentTransaction\":{"
				     "\"AmountsReq\":{\"Currency\":\"EUR\",\"RequestedAmount\":"
				     "10}}}}}",
	     "Currency%20is%20not"},
	    {HEADER("Abort", "S2") "\"AbortRequest\":{\"AbortReason\":\"MerchantAbort\"}}}",
	     "\"EventToNotify\":\"Reject\""},
	    {HEADER("Reversal", "S3") "\"ReversalRequest\":{\"ReversalReason\":\"Whim\"}}}",
	     "\"EventToNotify\":\"Reject\""},
	    {HEADER("Diagnosis", "S4") "\"DiagnosisRequest\":{\"HostDiagnosisFlag\":1}}}",
	     "\"EventToNotify\":\"Reject\""},
	    {"{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"2.0\","
	     "\"MessageClass\":\"Service\",\"MessageCategory\":\"Diagnosis\",\"MessageType\":"
	     "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"S5\",\"POIID\":\"V400m-324688179\"},"
	     "\"DiagnosisRequest\":{}}}",
	     "ProtocolVersion%20must"},
	};
	struct fixture *f = *state;
	char answer[512], line[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		post_raw(f, cases[i].json, answer, sizeof(answer));
		if (!strstr(answer, cases[i].expect))
			fail_msg("case %zu: expected %s in %s", i, cases[i].expect, answer);
	}
	assert_int_equal(ledger(f, line, sizeof(line)), 0);
	/* the admin side refuses what is not a test card */
	assert_int_equal(
	    admin(f, "/card", "{\"entry\":\"chip\",\"pan\":\"4111111111111112\"}", NULL, 0), 400);
	assert_int_equal(
	    admin(f, "/card", "{\"entry\":\"magic\",\"pan\":\"4111111111111111\"}", NULL, 0), 400);
}

static const char *const fault_drop[] = {"--fault", "drop-after-approve:1", NULL};
static const char *const fault_reboot[] = {"--fault", "rebooting:2", NULL};
static const char *const fault_slow[] = {"--fault", "slow:1500", NULL};
static const char *const fault_malformed[] = {"--fault", "malformed:1", NULL};
static const char *const short_card_wait[] = {"--card-timeout-ms", "300", NULL};

static struct fixture plain = {0};
static struct fixture drop = {.extra = fault_drop};
static struct fixture reboot = {.extra = fault_reboot};
static struct fixture slow = {.extra = fault_slow, .timeout_ms = 700};
static struct fixture malformed = {.extra = fault_malformed};
static struct fixture short_wait = {.extra = short_card_wait};
static struct fixture rogue = {.cert = "rogue-server"};
static struct fixture down = {.no_sim = 1};
static struct fixture other_poi = {.poi_id = "P400Plus-1"};

#define TERM_TEST(fn, fx) cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, &(fx))

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    TERM_TEST(approve_chip, plain),
	    TERM_TEST(approve_tap, plain),
	    TERM_TEST(approve_wallet, plain),
	    TERM_TEST(approve_swipe, plain),
	    TERM_TEST(decline, plain),
	    TERM_TEST(insufficient_funds, plain),
	    TERM_TEST(card_removed_early, plain),
	    TERM_TEST(pin_tries_exceeded, plain),
	    TERM_TEST(decline_then_another_card, plain),
	    TERM_TEST(abort_payment, plain),
	    TERM_TEST(status_in_progress_then_done, plain),
	    TERM_TEST(status_not_found, plain),
	    TERM_TEST(busy_while_paying, plain),
	    TERM_TEST(no_card_times_out, short_wait),
	    TERM_TEST(sale_id_never_reused, plain),
	    TERM_TEST(reversal, plain),
	    TERM_TEST(diagnosis, plain),
	    TERM_TEST(dropped_approval_settled_by_status, drop),
	    TERM_TEST(rebooting_refuses_then_answers, reboot),
	    TERM_TEST(reboot_during_payment, plain),
	    TERM_TEST(slow_answer_times_out_then_settles, slow),
	    TERM_TEST(malformed_answer_then_settles, malformed),
	    TERM_TEST(untrusted_terminal, rogue),
	    TERM_TEST(terminal_not_there, down),
	    TERM_TEST(wrong_poi_rejected, other_poi),
	    cmocka_unit_test(https_only),
	    TERM_TEST(strict_requests, plain),
	};

	log_set_level(LOG_ERROR);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return sim_run_tests("terminal", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
