/* The kiosk program: wires the parts together and runs nothing itself. The command line
 * (app/runtime/cli.c) and the settings (app/config.c) are tables; the staff commands
 * (app/runtime/staff.c) a table too; app/runtime holds the event loop and what the UI thread
 * does; docs/architecture.md draws the layers and threads. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "app/common/log.h"
#include "app/config.h"
#include "app/runtime/app.h"
#include "app/runtime/cli.h"
#include "app/runtime/paths.h"
#include "app/runtime/staff.h"

/* Card data must never end up in a core file, nor be read by another process through ptrace
 * or /proc/PID/mem: not dumpable, unless a developer asked for --debug. */
static void protect_memory(bool debug)
{
	struct rlimit nocore = {0, 0};

	setrlimit(RLIMIT_CORE, &nocore);
	if (!debug && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		log_warn("main", "cannot make the process non-dumpable: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	int rc;

	/* The settings: defaults < kiosk.conf < the portal's (kept) < the command line. */
	config_defaults(&a->cfg);
	rc = cli_parse(argc, argv, &a->cfg, &a->local, &a->cli);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (a->cli.staff && a->cli.staff->needs == STAFF_NOTHING)
		return a->cli.staff->run(&a->cfg, a->cli.staff_arg);
	settings_load_remote(a);
	if (a->cli.show_config) {
		config_dump(&a->cfg, stdout);
		printf("\n# remote configuration version %ld\n", a->rconf_version);
		return 0;
	}
	if (!a->cfg.receipts_dir[0] && paths_join(a->cfg.receipts_dir, sizeof(a->cfg.receipts_dir),
						  a->cfg.data_dir, "receipts")) {
		fprintf(stderr, "kiosk: data directory path too long\n");
		return 2;
	}
	protect_memory(a->cli.debug);
	certificate_use(a);
	if (a->cli.staff)
		return a->cli.staff->run(&a->cfg, a->cli.staff_arg);

	/* The kiosk itself: start everything, run the loop, stop everything. */
	rc = app_start(a);
	if (rc == 0)
		rc = app_run(a);
	app_stop(a);
	return rc < 0 ? 1 : rc;
}
