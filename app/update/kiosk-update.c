/* kiosk-update: the update agent. One command per run; see usage() and docs/operations.md.
 * Exit status: 0 done, 1 refused or failed (the message says why), 2 bad usage,
 * 75 try again later (a resident is in a session). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/update/agent.h"
#include "app/update/ddi.h"

#define EXIT_LATER 75

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: kiosk-update --root DIR [--pubkey PEM] [--marks DIR] COMMAND [ARGS]\n"
	    "  --marks DIR         where the kiosk leaves session-active and healthy\n"
	    "                      (default DIR/state)\n"
	    "  install FILE        verify a bundle and install it into the inactive slot,\n"
	    "                      then switch to it unless --no-switch or a session is active\n"
	    "  switch              switch to the installed inactive slot (when no session)\n"
	    "  status              print slots, versions and the active slot as JSON\n"
	    "  boot                before each kiosk start: count the trial, roll back after\n"
	    "                      3 unconfirmed starts\n"
	    "  confirm [--timeout S]  wait for the kiosk's health mark, then mark-good\n"
	    "  mark-good           confirm the slot on trial\n"
	    "  rollback            go back to the previous good slot\n"
	    "  poll --ddi URL --tenant T --controller ID [--token TOKEN] [--ca PEM] [--once]\n"
	    "       [--interval S] [--on-switch CMD]   take updates from a hawkBit DDI server\n");
}

static int fail(int rc, const char *err)
{
	fprintf(stderr, "kiosk-update: %s (%s)\n", err[0] ? err : "failed", kiosk_strerror(rc));
	return rc == KIOSK_EBUSY ? EXIT_LATER : 1;
}

static int cmd_poll(struct update_agent *ag, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"ddi", required_argument, 0, 'd'},
	    {"tenant", required_argument, 0, 't'},
	    {"controller", required_argument, 0, 'c'},
	    {"token", required_argument, 0, 'k'},
	    {"ca", required_argument, 0, 'a'},
	    {"once", no_argument, 0, 'o'},
	    {"interval", required_argument, 0, 'i'},
	    {"on-switch", required_argument, 0, 's'},
	    {0, 0, 0, 0},
	};
	struct ddi_config cfg = {.interval_s = 300};
	int c, once = 0;
	char err[512] = "";

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.base_url = optarg; break;
		case 't': cfg.tenant = optarg; break;
		case 'c': cfg.controller_id = optarg; break;
		case 'k': cfg.token = optarg; break;
		case 'a': cfg.ca_file = optarg; break;
		case 'o': once = 1; break;
		case 'i': cfg.interval_s = atoi(optarg); break;
		case 's': cfg.on_switch = optarg; break;
		default: usage(stderr); return 2;
		}
	}
	if (!cfg.base_url || !cfg.tenant || !cfg.controller_id) {
		fprintf(stderr, "kiosk-update: poll needs --ddi, --tenant and --controller\n");
		return 2;
	}
	for (;;) {
		int rc = ddi_poll_once(&cfg, ag, err, sizeof(err));
		if (rc && once)
			return fail(rc, err);
		if (rc)
			log_warn("update", "poll: %s", err);
		if (once)
			return 0;
		ddi_sleep(&cfg);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"root", required_argument, 0, 'r'},
	    {"pubkey", required_argument, 0, 'p'},
	    {"no-switch", no_argument, 0, 'n'},
	    {"timeout", required_argument, 0, 'T'},
	    {"marks", required_argument, 0, 'm'},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0},
	};
	const char *root = NULL, *pubkey = NULL, *marks = NULL, *cmd;
	struct update_agent ag;
	char err[512] = "";
	int c, rc, no_switch = 0, timeout_s = 120, status = 0;

	/* Options stop at the command, so the command's own options stay its own. */
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'r': root = optarg; break;
		case 'p': pubkey = optarg; break;
		case 'n': no_switch = 1; break;
		case 'T': timeout_s = atoi(optarg); break;
		case 'm': marks = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!root || optind >= argc) {
		usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	rc = agent_open(root, pubkey, &ag, err, sizeof(err));
	if (rc)
		return fail(rc, err);
	if (marks)
		agent_set_marks(&ag, marks);

	if (!strcmp(cmd, "install") && optind + 1 < argc) {
		rc = agent_install(&ag, argv[optind + 1], err, sizeof(err));
		if (rc == 0) {
			printf("kiosk-update: installed %s\n",
			       ag.st.slots[1 - ag.st.active].version);
			if (!no_switch) {
				rc = agent_switch(&ag, err, sizeof(err));
				if (rc == KIOSK_EBUSY) {
					printf("kiosk-update: %s\n", err);
					rc = 0;
				} else if (rc == 0) {
					printf("kiosk-update: switched to slot %c\n",
					       slot_letter(ag.st.active));
				}
			}
		}
	} else if (!strcmp(cmd, "switch")) {
		rc = agent_switch(&ag, err, sizeof(err));
	} else if (!strcmp(cmd, "status")) {
		char *text = agent_status_json(&ag);
		rc = text ? 0 : KIOSK_ENOMEM;
		if (text)
			printf("%s\n", text);
		free(text);
	} else if (!strcmp(cmd, "boot")) {
		enum boot_outcome out;
		rc = agent_boot(&ag, &out, err, sizeof(err));
		if (rc == 0 && out == BOOT_TRYING)
			printf("kiosk-update: slot %c on trial, start %d of %d\n",
			       slot_letter(ag.st.active), ag.st.boot_attempts, ag.st.max_attempts);
		else if (rc == 0 && out == BOOT_ROLLED_BACK)
			printf("kiosk-update: rolled back to slot %c (%s)\n",
			       slot_letter(ag.st.active), ag.st.slots[ag.st.active].version);
	} else if (!strcmp(cmd, "confirm")) {
		if (optind + 2 < argc && !strcmp(argv[optind + 1], "--timeout"))
			timeout_s = atoi(argv[optind + 2]);
		rc = agent_confirm(&ag, timeout_s, err, sizeof(err));
	} else if (!strcmp(cmd, "mark-good")) {
		rc = agent_mark_good(&ag, err, sizeof(err));
	} else if (!strcmp(cmd, "rollback")) {
		rc = agent_rollback(&ag, err, sizeof(err));
	} else if (!strcmp(cmd, "poll")) {
		status = cmd_poll(&ag, argc - optind, argv + optind);
		agent_close(&ag);
		return status;
	} else {
		agent_close(&ag);
		usage(stderr);
		return 2;
	}
	agent_close(&ag);
	return rc ? fail(rc, err) : 0;
}
