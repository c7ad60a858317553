/* The terminal tender (app/payments/terminal_tender) against a real terminal-sim over TLS:
 * the asynchronous start and its reported answer, declines, Abort, a lost answer settled by
 * status, a sale the terminal never saw, Reversal, and a request the terminal refuses. */
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
#include "app/payments/terminal_tender.h"
#include "tests/portal/sim_harness.h"

#define POI_ID "V400m-324688179"

struct fixture {
	const char *const *extra;
	const char *poi_id;
	struct sim sim;
	struct terminal *t;
	struct terminal_tender tt;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int events;
	struct tender_event last;
	char key[40];
};

/* The report function: what the tender's thread says, kept for the test. */
static void on_report(void *ctx, const struct tender_event *ev)
{
	struct fixture *f = ctx;

	pthread_mutex_lock(&f->mu);
	f->last = *ev;
	f->events++;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->mu);
}

static struct tender_event wait_report(struct fixture *f)
{
	struct timespec deadline;
	struct tender_event ev;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 30;
	pthread_mutex_lock(&f->mu);
	while (f->events == 0)
		if (pthread_cond_timedwait(&f->cond, &f->mu, &deadline) != 0)
			break;
	assert_int_equal(f->events, 1);
	ev = f->last;
	f->events = 0;
	pthread_mutex_unlock(&f->mu);
	assert_int_equal(ev.type, TENDER_EV_ANSWER);
	return ev;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f->t) {
		terminal_tender_close(&f->tt);
		terminal_close(f->t);
		f->t = NULL;
	}
	sim_stop(&f->sim);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->mu);
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = *state;
	struct terminal_config cfg;

	f->t = NULL;
	f->events = 0;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cond, NULL);
	snprintf(f->key, sizeof(f->key), "k%ld%08lx", (long)getpid(), (unsigned long)time(NULL));
	if (sim_start_terminal(&f->sim, "server", f->extra) != 0)
		return -1;
	memset(&cfg, 0, sizeof(cfg));
	cfg.url = f->sim.url;
	cfg.ca_file = PKI_DIR "/ca.pem";
	cfg.sale_id = "KIOSK-TEST-2";
	cfg.poi_id = f->poi_id ? f->poi_id : POI_ID;
	cfg.currency = "USD";
	cfg.timeout_ms = 10000;
	cfg.payment_timeout_ms = 20000;
	if (terminal_open(&cfg, &f->t) != 0) {
		teardown(state);
		return -1;
	}
	terminal_tender_init(&f->tt, f->t, on_report, f);
	return 0;
}

static long admin(struct fixture *f, const char *path, const char *body, char *answer)
{
	return sim_admin(&f->sim, path, body, answer, answer ? 512 : 0);
}

static void present(struct fixture *f, const char *entry, const char *pan)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"entry\":\"%s\",\"pan\":\"%s\"}", entry, pan);
	assert_int_equal(admin(f, "/card", body, NULL), 200);
}

static struct tender_event pay(struct fixture *f, int64_t cents)
{
	struct tender_request rq = {
	    .key = f->key, .customer_number = "100200300", .amount_cents = cents};
	struct tender_result out;

	assert_int_equal(terminal_tender.start(&f->tt, &rq, false, &out), 0);
	assert_true(out.pending);
	return wait_report(f);
}

static void approved(void **state)
{
	struct fixture *f = *state;
	struct tender_event ev;

	present(f, "wallet", "5555555555554444");
	ev = pay(f, 8417);
	assert_int_equal(ev.rc, 0);
	assert_int_equal(ev.result.verdict, TENDER_APPROVED);
	assert_int_equal(ev.result.amount_cents, 8417);
	assert_int_equal(ev.result.taken_cents, 8417);
	assert_string_equal(ev.result.brand, "mc");
	assert_string_equal(ev.result.last4, "4444");
	assert_int_equal(strlen(ev.result.reference), 16); /* the acquirer's reference */
}

static void declined(void **state)
{
	struct fixture *f = *state;
	struct tender_event ev;

	present(f, "chip", "4000000000009995");
	ev = pay(f, 5000);
	assert_int_equal(ev.rc, 0);
	assert_int_equal(ev.result.verdict, TENDER_DECLINED);
	assert_int_equal(ev.result.amount_cents, 5000); /* what was asked: nothing differs */
	assert_int_equal(ev.result.taken_cents, 0);
	assert_string_equal(ev.result.message, "Not enough balance");
}

static void aborted(void **state)
{
	struct fixture *f = *state;
	struct tender_request rq = {.key = f->key, .amount_cents = 700};
	struct tender_result out;
	struct tender_event ev;
	char answer[512];

	assert_int_equal(terminal_tender.start(&f->tt, &rq, false, &out), 0);
	for (int i = 0; i < 500; i++) {
		if (admin(f, "/state", NULL, answer) == 200 && strstr(answer, "\"payment\""))
			break;
		usleep(20000);
	}
	assert_int_equal(terminal_tender.abort(&f->tt, &rq, &out), 0);
	assert_true(out.pending);
	ev = wait_report(f);
	assert_int_equal(ev.rc, 0);
	assert_int_equal(ev.result.verdict, TENDER_DECLINED);
	assert_int_equal(ev.result.taken_cents, 0);
}

static void lost_answer_settled_by_status(void **state)
{
	struct fixture *f = *state;
	struct tender_request rq = {.key = f->key, .amount_cents = 1234};
	struct tender_result out;
	struct tender_event ev;

	present(f, "tap", "4111111111111111");
	ev = pay(f, 1234);
	assert_int_equal(ev.rc, KIOSK_ETIMEDOUT);
	assert_int_equal(terminal_tender.status(&f->tt, &rq, &out), 0);
	assert_int_equal(out.verdict, TENDER_APPROVED);
	assert_int_equal(out.amount_cents, 1234);
	assert_string_equal(out.last4, "1111");
}

static void never_seen(void **state)
{
	struct fixture *f = *state;
	struct tender_request rq = {.key = f->key, .amount_cents = 100};
	struct tender_result out;

	assert_int_equal(terminal_tender.status(&f->tt, &rq, &out), KIOSK_ENOTFOUND);
}

static void reversed(void **state)
{
	struct fixture *f = *state;
	struct tender_request rq = {.key = f->key, .amount_cents = 2500};
	struct tender_result out;
	struct tender_event ev;

	present(f, "chip", "4111111111111111");
	ev = pay(f, 2500);
	assert_int_equal(ev.result.verdict, TENDER_APPROVED);
	assert_int_equal(terminal_tender.reverse(&f->tt, &rq, &out), 0);
	assert_int_equal(out.taken_cents, 0);
	assert_string_not_equal(out.reference, ev.result.reference);
	/* a declined sale has nothing to give back */
	snprintf(f->key, sizeof(f->key), "k%ld-declined", (long)getpid());
	rq.key = f->key;
	present(f, "chip", "4000000000000002");
	ev = pay(f, 2500);
	assert_int_equal(ev.result.verdict, TENDER_DECLINED);
	assert_int_equal(terminal_tender.reverse(&f->tt, &rq, &out), KIOSK_EINVAL);
}

/* Each test card's decline reads as its own kind, for the resident's words. */
static void decline_kinds(void **state)
{
	static const struct {
		const char *pan;
		enum tender_decline kind;
	} cards[] = {
	    {"4000000000000002", TENDER_DECLINE_REFUSED},
	    {"4000000000009995", TENDER_DECLINE_FUNDS},
	    {"4000000000000119", TENDER_DECLINE_CARD_REMOVED},
	    {"4000000000000127", TENDER_DECLINE_PIN_TRIES},
	};
	struct fixture *f = *state;
	struct tender_event ev;

	for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		snprintf(f->key, sizeof(f->key), "k%ld-kind%zu", (long)getpid(), i);
		present(f, "chip", cards[i].pan);
		ev = pay(f, 300);
		assert_int_equal(ev.rc, 0);
		assert_int_equal(ev.result.verdict, TENDER_DECLINED);
		assert_int_equal(ev.result.decline, cards[i].kind);
	}
}

/* The terminal in its daily reboot closes connections before TLS: the Payment never left the
 * kiosk, and the tender says so (KIOSK_EOFFLINE), not "outcome unknown"; the terminal's
 * ledger holds nothing for the sale. */
static void rebooting_is_offline(void **state)
{
	struct fixture *f = *state;
	struct tender_request rq = {.key = f->key, .amount_cents = 900};
	struct tender_result out;
	struct tender_event ev = pay(f, 900);

	assert_int_equal(ev.rc, KIOSK_EOFFLINE);
	assert_int_equal(terminal_tender.status(&f->tt, &rq, &out), KIOSK_ENOTFOUND);
}

static void refused_by_terminal(void **state)
{
	struct fixture *f = *state;
	struct tender_event ev = pay(f, 100);

	assert_int_equal(ev.rc, KIOSK_EINVAL); /* rejected (wrong POIID): nothing taken */
}

static void result_partial_and_busy(void **state)
{
	struct nexo_response r;
	struct tender_result out;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.header.category = NEXO_CAT_PAYMENT;
	r.has_payment = 1;
	r.payment.outcome.result = NEXO_RESULT_PARTIAL;
	r.payment.authorized_cents = 400;
	snprintf(r.payment.poi_txn_id, sizeof(r.payment.poi_txn_id), "%s",
		 "abcd001764515045000.9915645187654321");
	assert_int_equal(terminal_tender_result(&r, 1000, &out), 0);
	assert_int_equal(out.verdict, TENDER_APPROVED);
	assert_int_equal(out.amount_cents, 400); /* less than asked: the payment sees it */
	assert_string_equal(out.reference, "9915645187654321");
	r.payment.outcome.result = NEXO_RESULT_FAILURE;
	r.payment.outcome.error = NEXO_ERR_BUSY;
	assert_int_equal(terminal_tender_result(&r, 1000, &out), KIOSK_EINVAL);
	r.has_payment = 0;
	r.header.category = NEXO_CAT_TRANSACTION_STATUS;
	r.outcome.error = NEXO_ERR_IN_PROGRESS;
	assert_int_equal(terminal_tender_result(&r, 1000, &out), KIOSK_EBUSY);
}

static const char *const fault_drop[] = {"--fault", "drop-after-approve:1", NULL};
static const char *const fault_reboot[] = {"--fault", "rebooting:1", NULL};

static struct fixture plain = {0};
static struct fixture drop = {.extra = fault_drop};
static struct fixture reboot = {.extra = fault_reboot};
static struct fixture other_poi = {.poi_id = "P400Plus-1"};

#define TT_TEST(fn, fx) cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, &(fx))

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    TT_TEST(approved, plain),
	    TT_TEST(declined, plain),
	    TT_TEST(aborted, plain),
	    TT_TEST(lost_answer_settled_by_status, drop),
	    TT_TEST(never_seen, plain),
	    TT_TEST(reversed, plain),
	    TT_TEST(refused_by_terminal, other_poi),
	    TT_TEST(decline_kinds, plain),
	    TT_TEST(rebooting_is_offline, reboot),
	    cmocka_unit_test(result_partial_and_busy),
	};

	log_set_level(LOG_ERROR);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return sim_run_tests("terminal_tender", tests, sizeof(tests) / sizeof(tests[0]), argc,
			     argv);
}
