/* The journey runner's commands for the payment terminal (docs/journeys.md): they act on
 * terminal-sim's test-only admin side (present a card, take it away, reboot) and read its
 * ledger, found through the environment scripts/run-journey sets for `#@ payment: terminal`.
 * Internal to the runner. */
#ifndef KIOSK_RUNNER_TERMINAL_H
#define KIOSK_RUNNER_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>

#include "app/journey/runner_parse.h"

enum runner_terminal_result {
	RUNNER_TERMINAL_DONE,
	RUNNER_TERMINAL_WAIT, /* not yet: ask again on the next poll */
	RUNNER_TERMINAL_FAIL, /* why is filled */
	RUNNER_TERMINAL_NOT_MINE,
};

/* Runs c if it is a terminal command: present-card ENTRY PAN, remove-card,
 * terminal-reboot SECONDS, expect-terminal-ledger [STATE:CENTS[:ENTRY]]...,
 * expect-terminal-state STATE, crashpoint NAME (the crash test's hook); last_try: the
 * runner's wait is over, so a check that does not hold fails. */
enum runner_terminal_result runner_terminal_cmd(const struct runner_cmd *c, bool last_try,
						char *why, size_t whylen);

#endif
