/* A bill's barcode from the scanner: on the welcome screen and on "Find your bill" it goes
 * straight to the bill. The barcode proves the account as the last bill amount does (the
 * portal printed it), so nothing more is asked. What is not one of our bills is refused here,
 * before anything leaves the kiosk. */
#include <string.h>

#include "app/common/billcode.h"
#include "app/core/core_internal.h"

static const char *const not_ours =
    N_("This barcode is not from one of our utility bills. Scan the barcode on your city "
       "utility bill, or type your customer number.");

/* Starts the lookup from "Find your bill", where its wait and its answer are shown. */
static void start_lookup(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (s->screen != CORE_SCREEN_GUEST_LOOKUP)
		core_go(s, CORE_SCREEN_GUEST_LOOKUP);
	core_clear_notice(s);
	s->request_id++;
	s->busy = CORE_BUSY_LOOKUP;
	s->by_scan = true;
	s->last_activity_ms = now;
	core_add_fx(fx, CORE_FX_LOOKUP_SCANNED, s);
	core_copy(fx->fx[fx->count - 1].text, sizeof(fx->fx[0].text), s->scanned);
}

bool scan_bill(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	struct billcode code;
	bool welcome = s->screen == CORE_SCREEN_WELCOME;

	if ((!welcome && s->screen != CORE_SCREEN_GUEST_LOOKUP) || s->busy || s->scan_pending)
		return false;
	if (billcode_parse(ev->text, &code) != 0) {
		/* Someone is at the kiosk with something to pay: "Find your bill" says what
		 * went wrong and lets them type instead (the idle timeout ends it if not). */
		if (welcome)
			core_go(s, CORE_SCREEN_GUEST_LOOKUP);
		core_set_notice(s, not_ours, NULL, true, 0);
		return true;
	}
	core_copy(s->scanned, sizeof(s->scanned), ev->text);
	if (welcome && !s->reconciled) {
		/* As "Pay a Bill": earlier payments are settled first, then the scan goes on. */
		s->pay_pending = true;
		s->scan_pending = true;
		core_set_notice(s,
				N_("One moment, please: the kiosk is checking earlier payments."),
				NULL, false, 0);
		return true;
	}
	start_lookup(s, fx, ev->now_ms);
	return true;
}

void scan_resume(struct core_state *s, struct core_effects *fx, int64_t now)
{
	s->scan_pending = false;
	start_lookup(s, fx, now);
}

void scan_lookup_done(struct core_state *s, const struct core_event *ev)
{
	s->by_scan = false;
	memset(s->scanned, 0, sizeof(s->scanned));
	switch (ev->failure) {
	case CORE_FAIL_NONE:
		s->bill = ev->bill;
		core_go(s, CORE_SCREEN_BILL_SUMMARY);
		break;
	case CORE_FAIL_NOT_A_BILL: core_set_notice(s, not_ours, NULL, true, 0); break;
	case CORE_FAIL_NOT_FOUND:
		core_set_notice(s,
				N_("We could not find this bill. Type your customer number and the "
				   "last name on your bill instead."),
				NULL, true, 0);
		break;
	case CORE_FAIL_STALE_BILL:
		/* An old bill may have reached someone who has moved in since: it proves
		 * nothing now, and the screen does not say what the newest one holds. */
		core_set_notice(s,
				N_("This is not your latest bill. Scan your newest bill, or type "
				   "your customer number and the last name on your bill."),
				NULL, true, 0);
		break;
	default: core_lookup_failed(s, ev->failure); break;
	}
}
