/* The words for the cash box and the validator's problems: a short name for machines (logs,
 * kioskctl, the heartbeat), plain words for residents (cash is off, card still works) and for
 * staff (what is wrong and what to do). */
#include "app/core/core_internal.h"

static const struct {
	const char *name;
	const char *resident; /* NULL: nothing to tell residents */
	const char *staff;
} problems[] = {
    [CORE_CASH_OK] = {"ok", NULL, N_("Ready")},
    [CORE_CASH_NONE] = {"none", NULL, N_("No bill validator is set up")},
    [CORE_CASH_OFFLINE] = {"offline",
			   N_("Cash cannot be taken right now. You can still pay by card."),
			   N_("Not answering: check its cable and power")},
    [CORE_CASH_STACKER_FULL] = {"stacker_full",
				N_("Cash cannot be taken right now: the cash box is full. You "
				   "can still pay by card."),
				N_("Cash box full: empty it (Empty cash box)")},
    [CORE_CASH_JAM] = {"jam",
		       N_("Cash cannot be taken right now: a note is stuck. You can still pay "
			  "by card."),
		       N_("Note jam: clear the note path, then Clear cash alarm")},
    [CORE_CASH_FRAUD] = {"fraud", N_("Cash cannot be taken right now. You can still pay by card."),
			 N_("Fraud attempt: check the validator, then Clear cash alarm")},
    [CORE_CASH_BOX_REMOVED] = {"cashbox_removed",
			       N_("Cash cannot be taken right now. You can still pay by card."),
			       N_("Cash box removed outside service mode: check it, then Clear "
				  "cash alarm")},
    [CORE_CASH_BOX_OUT] = {"cashbox_out",
			   N_("Cash cannot be taken right now. You can still pay by card."),
			   N_("Cash box out: put it back")},
    [CORE_CASH_SETUP] = {"setup", N_("Cash cannot be taken right now. You can still pay by card."),
			 N_("Wrong currency dataset: load the USD dataset")},
    [CORE_CASH_SWAPPED] = {"validator_swapped",
			   N_("Cash cannot be taken right now. You can still pay by card."),
			   N_("Another validator answered: check it, then Clear cash alarm")},
};

_Static_assert(sizeof(problems) / sizeof(problems[0]) == CORE_CASH_PROBLEM_COUNT,
	       "every enum core_cash_problem needs its words");

const char *core_cash_problem_name(enum core_cash_problem p)
{
	return (unsigned)p < CORE_CASH_PROBLEM_COUNT ? problems[p].name : "unknown";
}

const char *core_cash_problem_resident(enum core_cash_problem p)
{
	return (unsigned)p < CORE_CASH_PROBLEM_COUNT ? problems[p].resident : NULL;
}

bool core_cash_usable(const struct core_state *s)
{
	/* The validator's readiness, and the cash box's word: an alarm outlives the faults the
	 * validator forgets at a restart. */
	return s->cfg.cash && s->cash_ready && s->cash_problem == CORE_CASH_OK;
}

const char *core_cash_problem_staff(enum core_cash_problem p)
{
	return (unsigned)p < CORE_CASH_PROBLEM_COUNT ? problems[p].staff : "?";
}
