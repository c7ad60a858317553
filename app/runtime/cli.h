/* The kiosk's command line: one table of options (the option, its argument, its help line
 * and the setting it sets, or what else it does), from which getopt's list and --help are
 * made. The staff commands come from their own table (app/runtime/staff.h). */
#ifndef KIOSK_RUNTIME_CLI_H
#define KIOSK_RUNTIME_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/config.h"
#include "app/runtime/staff.h"

enum cli_does {
	CLI_SETTING,	 /* sets `setting` (to the argument, or to `value` for a flag) */
	CLI_CONFIG,	 /* --config FILE: read before every other option */
	CLI_HEADLESS,	 /* no display: SDL's offscreen driver */
	CLI_SCRIPT,	 /* a journey to run */
	CLI_SHOTS,	 /* where its screenshots go */
	CLI_DEBUG,	 /* stay dumpable */
	CLI_SHOW_CONFIG, /* print the settings in force, then exit */
	CLI_VERSION,
	CLI_HELP,
	/* check every frame's layout; a violation fails the run */
	CLI_CHECK_LAYOUT,
};

struct cli_option {
	const char *name; /* "portal": --portal */
	const char *arg;  /* "URL", or NULL for a flag */
	const char *help; /* one line */
	enum cli_does does;
	const char *setting; /* CLI_SETTING: "portal.url" */
	const char *value;   /* CLI_SETTING flag: the value it sets */
};

#define CLI_MAX_OVERRIDES 48

/* What the command line asked for. */
struct cli {
	const char *script, *shots; /* "" and "." when not given */
	bool headless, debug, show_config, check_layout;
	const struct staff_command *staff; /* a staff command instead of the kiosk, or NULL */
	const char *staff_arg;
	/* The settings it set, in order: they go over the remote configuration too. */
	struct {
		const char *name, *value;
	} set[CLI_MAX_OVERRIDES];
	int n_set;
};

const struct cli_option *cli_options(size_t *n);

/* Parses argv: defaults < every --config FILE < the options. *local receives the settings
 * before the options (what a remote configuration goes over). Returns 0 to go on, 1 when it
 * printed what was asked (--help, --version) and the program should exit 0, 2 on a usage
 * error (said on stderr). */
int cli_parse(int argc, char **argv, struct kiosk_config *cfg, struct kiosk_config *local,
	      struct cli *out);

/* Sets the command line's settings over cfg again (after the remote configuration). */
void cli_reapply(const struct cli *c, struct kiosk_config *cfg);

/* --help, from the tables. */
void cli_usage(FILE *f);

#endif
