/* kiosk-update: the update agent. One command per run; see usage() and docs/operations.md.
 * Exit status: 0 done, 1 refused or failed (the message says why), 2 bad usage,
 * 75 try again later (a resident is in a session). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/fsutil.h"
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
	    "  poll --ddi URL --tenant T --controller ID (--token-file F | --gateway-token-file "
	    "F)\n"
	    "       [--ca PEM] [--once] [--interval S] [--on-switch CMD] [--window HH:MM-HH:MM]\n"
	    "       [--staff-confirms] [--disk-reserve-mb N]\n"
	    "                      take updates from a hawkBit DDI server (docs/operations.md)\n");
}

static int fail(int rc, const char *err)
{
	fprintf(stderr, "kiosk-update: %s (%s)\n", err[0] ? err : "failed", kiosk_strerror(rc));
	return rc == KIOSK_EBUSY ? EXIT_LATER : 1;
}

/* A token from a file (mode 0600, root's): never on a command line, where ps shows it. */
static int read_token(const char *path, char **out)
{
	size_t len;
	int rc = fs_read_file(path, 4096, out, &len);

	if (rc) {
		fprintf(stderr, "kiosk-update: cannot read the token file %s\n", path);
		return rc;
	}
	(*out)[strcspn(*out, "\r\n")] = '\0';
	if (!(*out)[0]) {
		fprintf(stderr, "kiosk-update: the token file %s is empty\n", path);
		return KIOSK_EINVAL;
	}
	return 0;
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* One poller per root for its whole life (state/poll.lock); the slots' lock it takes only
 * while it changes them. */
static int take_poll_lock(const struct update_agent *ag)
{
	char path[1200];
	int fd;

	snprintf(path, sizeof(path), "%s/state/poll.lock", ag->root);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, "kiosk-update: another poller works on %s\n", ag->root);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int cmd_poll(struct update_agent *ag, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"ddi", required_argument, 0, 'd'},
	    {"tenant", required_argument, 0, 't'},
	    {"controller", required_argument, 0, 'c'},
	    {"token", required_argument, 0, 'k'},
	    {"token-file", required_argument, 0, 'K'},
	    {"gateway-token-file", required_argument, 0, 'G'},
	    {"ca", required_argument, 0, 'a'},
	    {"once", no_argument, 0, 'o'},
	    {"interval", required_argument, 0, 'i'},
	    {"on-switch", required_argument, 0, 's'},
	    {"window", required_argument, 0, 'w'},
	    {"staff-confirms", no_argument, 0, 'S'},
	    {"disk-reserve-mb", required_argument, 0, 'R'},
	    {0, 0, 0, 0},
	};
	struct ddi_config cfg = {.interval_s = 300, .disk_reserve = (int64_t)256 * 1024 * 1024};
	const char *token_file = NULL, *gateway_file = NULL;
	char *token = NULL, *gateway = NULL;
	int c, once = 0, lock_fd = -1, status = 2;
	char err[512] = "";

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.base_url = optarg; break;
		case 't': cfg.tenant = optarg; break;
		case 'c': cfg.controller_id = optarg; break;
		case 'k':
			/* A token in argv is in every `ps` on the machine: refused, not taken. */
			fprintf(stderr,
				"kiosk-update: --token is not taken (a command line is "
				"visible to every user); put the token in a file (mode 0600) "
				"and give --token-file\n");
			goto out;
		case 'K': token_file = optarg; break;
		case 'G': gateway_file = optarg; break;
		case 'a': cfg.ca_file = optarg; break;
		case 'o': once = 1; break;
		case 'i': cfg.interval_s = atoi(optarg); break;
		case 's': cfg.on_switch = optarg; break;
		case 'w': cfg.window = optarg; break;
		case 'S': cfg.staff_confirms = 1; break;
		case 'R': cfg.disk_reserve = (int64_t)atoll(optarg) * 1024 * 1024; break;
		default: usage(stderr); return 2;
		}
	}
	if (!cfg.base_url || !cfg.tenant || !cfg.controller_id) {
		fprintf(stderr, "kiosk-update: poll needs --ddi, --tenant and --controller\n");
		return 2;
	}
	if ((token_file && read_token(token_file, &token)) ||
	    (gateway_file && read_token(gateway_file, &gateway)))
		goto out;
	if (token)
		cfg.token = token;
	cfg.gateway_token = gateway;
	if (cfg.window && clock_in_window(cfg.window, 0) < 0) {
		fprintf(stderr, "kiosk-update: --window must be HH:MM-HH:MM\n");
		goto out;
	}
	if (ddi_check_config(&cfg, err, sizeof(err))) {
		fprintf(stderr, "kiosk-update: %s\n", err);
		goto out;
	}
	lock_fd = take_poll_lock(ag);
	if (lock_fd < 0) {
		status = EXIT_LATER;
		goto out;
	}
	if (!once)
		sleep_ms(ddi_first_delay_ms(&cfg));
	for (;;) {
		int rc = ddi_poll_once(&cfg, ag, err, sizeof(err));
		if (rc && once) {
			status = fail(rc, err);
			break;
		}
		if (rc)
			log_warn("update", "poll: %s", err);
		if (once) {
			status = 0;
			break;
		}
		sleep_ms(ddi_next_sleep_ms(&cfg));
	}
out:
	if (lock_fd >= 0)
		close(lock_fd);
	free(token);
	free(gateway);
	return status;
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
