/* Staff commands: the kiosk program run for one job that prints its result and exits
 * (--list-payments, --reprint REF, ...), instead of the kiosk. One table: the option, its
 * argument, its help line, what it needs and the function that does it; the command line
 * (app/runtime/cli.c) and --help read it. */
#ifndef KIOSK_RUNTIME_STAFF_H
#define KIOSK_RUNTIME_STAFF_H

#include <stddef.h>

#include "app/config.h"

enum staff_needs {
	STAFF_NOTHING, /* runs at once, before the remote configuration is read */
	STAFF_JOURNAL, /* the data directory with the settings in force */
	STAFF_PORTAL,  /* that, and the portal's URL and CA */
};

struct staff_command {
	const char *option; /* "list-payments": --list-payments */
	const char *arg;    /* "REF", or NULL for none */
	const char *help;   /* lines after the first start with "\n" */
	enum staff_needs needs;
	/* The exit status: 0 done, 1 failed, 2 bad input, 3 (--reconcile) some still in doubt. */
	int (*run)(const struct kiosk_config *cfg, const char *arg);
};

const struct staff_command *staff_commands(size_t *n);

#endif
