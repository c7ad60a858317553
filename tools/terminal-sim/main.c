/* terminal-sim: a nexo Sale-to-POI payment terminal for the demo and the tests. Parses the
 * command line, opens the ledger, serves until SIGTERM or SIGINT, and announces its ports. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/terminal/nexo.h"
#include "tools/simhttp/simhttp.h"
#include "tools/terminal-sim/tsim.h"

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: terminal-sim --cert FILE --key FILE [--data DIR | --db FILE]\n"
	    "                    [--listen 127.0.0.1] [--port N] [--port-file FILE]\n"
	    "                    [--admin-port N] [--admin-port-file FILE]\n"
	    "                    [--poi-id ID] [--currency USD] [--card-timeout-ms N]\n"
	    "                    [--fault NAME[:N]]... [--verbose]\n"
	    "                    [--display-url URL | --display-port-file FILE --display-ca FILE\n"
	    "                     --display-user USER --display-password PASSWORD]\n"
	    "       terminal-sim ledger [--data DIR | --db FILE]\n"
	    "  Serves nexo Sale-to-POI JSON at POST https://LISTEN:PORT/nexo. Port 0 (the\n"
	    "  default) picks a free port; the port files receive them once listening.\n"
	    "  --data DIR keeps the ledger in DIR/terminal-sim.db (default ./terminal-sim.db).\n"
	    "  The admin side (plain HTTP, 127.0.0.1 only): POST /card {\"entry\":\"chip|tap|"
	    "swipe|wallet\",\n"
	    "  \"pan\":\"...\"}, POST /card/remove, POST /reboot {\"seconds\":N}, GET /state.\n"
	    "  Faults: drop-after-approve[:N] (record the approval, drop the answer),\n"
	    "  rebooting[:N] (close the next N connections as they arrive), slow:MS (every\n"
	    "  answer waits MS), malformed[:N] (cut the next N answers short).\n"
	    "  Display notifications (what its screen shows during a Payment) are POSTed to\n"
	    "  --display-url, or to https://127.0.0.1:PORT/display with PORT read from\n"
	    "  --display-port-file at each one, verified against --display-ca.\n"
	    "  Test cards and faults are described in docs/terminal.md.\n");
}

/* NAME, NAME:N; slow needs its delay in ms, the others take a use count. */
static int parse_fault(const char *s, struct tsim_fault *out)
{
	static const struct {
		const char *name;
		enum tsim_fault_kind kind;
	} faults[] = {{"drop-after-approve", TSIM_FAULT_DROP_AFTER_APPROVE},
		      {"rebooting", TSIM_FAULT_REBOOTING},
		      {"slow", TSIM_FAULT_SLOW},
		      {"malformed", TSIM_FAULT_MALFORMED}};
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		if (!simhttp_fault_is(s, faults[i].name))
			continue;
		memset(out, 0, sizeof(*out));
		out->kind = faults[i].kind;
		out->limit = -1;
		return simhttp_fault_arg(s, out->kind == TSIM_FAULT_SLOW, &out->arg, &out->limit);
	}
	return KIOSK_EINVAL;
}

static int parse_args(int argc, char **argv, struct tsim_options *opt)
{
	static const struct option longopts[] = {
	    {"cert", required_argument, NULL, 'c'},
	    {"key", required_argument, NULL, 'k'},
	    {"db", required_argument, NULL, 'd'},
	    {"data", required_argument, NULL, 'D'},
	    {"listen", required_argument, NULL, 'l'},
	    {"port", required_argument, NULL, 'p'},
	    {"port-file", required_argument, NULL, 'f'},
	    {"admin-port", required_argument, NULL, 'a'},
	    {"admin-port-file", required_argument, NULL, 'A'},
	    {"poi-id", required_argument, NULL, 'i'},
	    {"currency", required_argument, NULL, 'C'},
	    {"card-timeout-ms", required_argument, NULL, 't'},
	    {"fault", required_argument, NULL, 'F'},
	    {"display-url", required_argument, NULL, 'U'},
	    {"display-port-file", required_argument, NULL, 'P'},
	    {"display-ca", required_argument, NULL, 'R'},
	    {"display-user", required_argument, NULL, 'u'},
	    {"display-password", required_argument, NULL, 'w'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	static char db_path[4096];
	int c;

	memset(opt, 0, sizeof(*opt));
	opt->db = "terminal-sim.db";
	opt->listen = "127.0.0.1";
	opt->poi_id = "V400m-324688179";
	opt->currency = "USD";
	opt->card_timeout_ms = 120000;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': opt->cert = optarg; break;
		case 'k': opt->key = optarg; break;
		case 'd': opt->db = optarg; break;
		case 'D':
			if (simhttp_data_db(optarg, "terminal-sim.db", db_path, sizeof(db_path)) !=
			    0)
				return KIOSK_EINVAL;
			opt->db = db_path;
			break;
		case 'l': opt->listen = optarg; break;
		case 'f': opt->port_file = optarg; break;
		case 'A': opt->admin_port_file = optarg; break;
		case 'i': opt->poi_id = optarg; break;
		case 'C': opt->currency = optarg; break;
		case 'v': opt->verbose = 1; break;
		case 'U': opt->display_url = optarg; break;
		case 'P': opt->display_port_file = optarg; break;
		case 'R': opt->display_ca = optarg; break;
		case 'u': opt->display_user = optarg; break;
		case 'w': opt->display_password = optarg; break;
		case 'p':
			if (simhttp_parse_unsigned(optarg, 65535, &opt->port) != 0)
				return KIOSK_EINVAL;
			break;
		case 'a':
			if (simhttp_parse_unsigned(optarg, 65535, &opt->admin_port) != 0)
				return KIOSK_EINVAL;
			break;
		case 't':
			if (simhttp_parse_unsigned(optarg, 3600000, &opt->card_timeout_ms) != 0 ||
			    opt->card_timeout_ms == 0)
				return KIOSK_EINVAL;
			break;
		case 'F':
			if (opt->fault_count == TSIM_MAX_FAULTS ||
			    parse_fault(optarg, &opt->faults[opt->fault_count]) != 0)
				return KIOSK_EINVAL;
			opt->fault_count++;
			break;
		case 'h': usage(stdout); exit(0);
		default: return KIOSK_EINVAL;
		}
	}
	if (optind != argc || !opt->cert || !opt->key || !nexo_id_ok(opt->poi_id) ||
	    strlen(opt->currency) != 3)
		return KIOSK_EINVAL;
	return 0;
}

int main(int argc, char **argv)
{
	struct tsim_options opt;
	struct tsim_ledger *ledger = NULL;
	struct tsim_poi *poi = NULL;
	struct tsim_server *srv = NULL;
	sigset_t stop_signals;
	unsigned port = 0, admin_port = 0;
	int sig, rc = 1;

	if (argc > 1 && strcmp(argv[1], "ledger") == 0)
		return ledger_main(argc - 1, argv + 1);
	if (parse_args(argc, argv, &opt) != 0) {
		usage(stderr);
		return 2;
	}
	log_set_level(opt.verbose ? LOG_DEBUG : LOG_WARN);

	simhttp_block_stop_signals(&stop_signals);

	if (ledger_open(opt.db, &ledger) != 0 || poi_open(&opt, ledger, &poi) != 0 ||
	    server_start(&opt, poi, &srv, &port, &admin_port) != 0)
		goto out;
	if ((opt.port_file && simhttp_write_port_file(opt.port_file, port, "terminal-sim") != 0) ||
	    (opt.admin_port_file &&
	     simhttp_write_port_file(opt.admin_port_file, admin_port, "terminal-sim") != 0))
		goto out;
	printf("terminal-sim: nexo on https://%s:%u/nexo, admin on http://127.0.0.1:%u\n",
	       opt.listen, port, admin_port);
	fflush(stdout);

	if (sigwait(&stop_signals, &sig) != 0)
		goto out;
	log_info("terminal-sim", "signal %d: stopping", sig);
	rc = 0;
out:
	server_stop(srv);
	poi_close(poi);
	ledger_close(ledger);
	return rc;
}
