/* portal-sim: the demo and test portal. Parses the command line, opens the store and the
 * sealing key, serves HTTPS until SIGTERM or SIGINT, and announces its port. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"
#include "tools/simhttp/simhttp.h"

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: portal-sim --cert FILE --key FILE --seal-key FILE [--data DIR | --db FILE]\n"
	    "                  [--listen 127.0.0.1] [--port N] [--port-file FILE]\n"
	    "                  [--latency-ms N] [--fault NAME[:N]]... [--verbose]\n"
	    "                  [--mbox FILE] [--sms FILE] [--code-ttl-s N] [--resend-interval-s "
	    "N]\n"
	    "                  [--enroll-ca-cert PEM --enroll-ca-key PEM --enroll-tokens T1,T2]\n"
	    "                  [--client-ca PEM]  (API calls need a kiosk certificate from it)\n"
	    "       portal-sim ledger [--data DIR | --db FILE]\n"
	    "       portal-sim bills [--data DIR | --db FILE] --out DIR  (demo bills' barcodes)\n"
	    "  --port 0 (the default) picks a free port; --port-file receives it once listening.\n"
	    "  --data DIR keeps the database in DIR/portal-sim.db; --db names the file itself\n"
	    "  (default ./portal-sim.db, created and seeded if new).\n"
	    "  --mbox: where mail is appended (default mail.mbox beside the db).\n"
	    "  --sms: where text messages are appended (default sms.mbox beside the db).\n"
	    "  Faults for every call but health: drop, 5xx, malformed, latency:MS.\n"
	    "  Faults for POST /payments only: drop-before-commit, drop-after-commit, http500,\n"
	    "  http422, malformed-json, slow-body, no-approval-code; NAME:N affects only the\n"
	    "  first N such requests.\n"
	    "  ledger prints every recorded payment as one JSON line.\n"
	    "  The API and the faults are described in docs/portal-api.md.\n");
}

/* NAME or NAME:N; for latency the number is the delay in ms, for the others a use count. */
static int parse_fault(const char *s, struct sim_fault *out)
{
	static const struct {
		const char *name;
		struct sim_fault fault;
	} faults[] = {
	    /* The first switches, kept as they were: every call but health, nothing recorded. */
	    {"drop", {SIM_FAULT_DROP_BEFORE, SIM_SCOPE_ALL, 0, -1, 0}},
	    {"5xx", {SIM_FAULT_HTTP_ERROR, SIM_SCOPE_ALL, 503, -1, 0}},
	    {"malformed", {SIM_FAULT_MALFORMED, SIM_SCOPE_ALL, 0, -1, 0}},
	    {"latency", {SIM_FAULT_LATENCY, SIM_SCOPE_ALL, 0, -1, 0}},
	    /* Payment faults: POST /payments only. */
	    {"drop-before-commit", {SIM_FAULT_DROP_BEFORE, SIM_SCOPE_PAYMENT, 0, -1, 0}},
	    {"drop-after-commit", {SIM_FAULT_DROP_AFTER, SIM_SCOPE_PAYMENT, 0, -1, 1}},
	    {"http500", {SIM_FAULT_HTTP_ERROR, SIM_SCOPE_PAYMENT, 500, -1, 0}},
	    /* Refused for good, as when the balance no longer covers it: a terminal's posting
	     * is then reversed at the terminal. */
	    {"http422", {SIM_FAULT_HTTP_ERROR, SIM_SCOPE_PAYMENT, 422, -1, 0}},
	    {"malformed-json", {SIM_FAULT_MALFORMED, SIM_SCOPE_PAYMENT, 0, -1, 1}},
	    {"slow-body", {SIM_FAULT_SLOW_BODY, SIM_SCOPE_PAYMENT, 0, -1, 1}},
	    /* An approval whose answer leaves out its approval code, as a broken portal might. */
	    {"no-approval-code", {SIM_FAULT_NO_APPROVAL, SIM_SCOPE_PAYMENT, 0, -1, 1}},
	};
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		if (!simhttp_fault_is(s, faults[i].name))
			continue;
		*out = faults[i].fault;
		/* latency needs its delay; the others may take a use count */
		return simhttp_fault_arg(s, out->kind == SIM_FAULT_LATENCY, &out->arg, &out->limit);
	}
	return KIOSK_EINVAL;
}

static int add_fault(struct sim_options *opt, const struct sim_fault *f)
{
	if (opt->fault_count == SIM_MAX_FAULTS)
		return KIOSK_EINVAL;
	opt->faults[opt->fault_count++] = *f;
	return 0;
}

static int parse_args(int argc, char **argv, struct sim_options *opt)
{
	static const struct option longopts[] = {
	    {"cert", required_argument, NULL, 'c'},
	    {"key", required_argument, NULL, 'k'},
	    {"seal-key", required_argument, NULL, 's'},
	    {"db", required_argument, NULL, 'd'},
	    {"data", required_argument, NULL, 'D'},
	    {"listen", required_argument, NULL, 'l'},
	    {"port", required_argument, NULL, 'p'},
	    {"port-file", required_argument, NULL, 'f'},
	    {"latency-ms", required_argument, NULL, 'L'},
	    {"fault", required_argument, NULL, 'F'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"mbox", required_argument, NULL, 'm'},
	    {"sms", required_argument, NULL, 1005},
	    {"code-ttl-s", required_argument, NULL, 'T'},
	    {"resend-interval-s", required_argument, NULL, 'R'},
	    {"enroll-ca-cert", required_argument, NULL, 1001},
	    {"enroll-ca-key", required_argument, NULL, 1002},
	    {"enroll-tokens", required_argument, NULL, 1003},
	    {"client-ca", required_argument, NULL, 1004},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	static char db_path[4096];
	struct sim_fault f;
	int c;

	memset(opt, 0, sizeof(*opt));
	opt->db = "portal-sim.db";
	opt->listen = "127.0.0.1";
	opt->code_ttl_s = 900;
	opt->resend_interval_s = 60;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': opt->cert = optarg; break;
		case 'k': opt->key = optarg; break;
		case 's': opt->seal_key = optarg; break;
		case 'd': opt->db = optarg; break;
		case 'D':
			if (simhttp_data_db(optarg, "portal-sim.db", db_path, sizeof(db_path)) != 0)
				return KIOSK_EINVAL;
			opt->db = db_path;
			break;
		case 'l': opt->listen = optarg; break;
		case 'f': opt->port_file = optarg; break;
		case 'v': opt->verbose = 1; break;
		case 'm': opt->mbox = optarg; break;
		case 1005: opt->sms = optarg; break;
		case 1001: opt->enroll_ca_cert = optarg; break;
		case 1002: opt->enroll_ca_key = optarg; break;
		case 1003: opt->enroll_tokens = optarg; break;
		case 1004: opt->client_ca = optarg; break;
		case 'T':
			if (simhttp_parse_unsigned(optarg, 86400, &opt->code_ttl_s) != 0 ||
			    !opt->code_ttl_s)
				return KIOSK_EINVAL;
			break;
		case 'R':
			if (simhttp_parse_unsigned(optarg, 3600, &opt->resend_interval_s) != 0)
				return KIOSK_EINVAL;
			break;
		case 'p':
			if (simhttp_parse_unsigned(optarg, 65535, &opt->port) != 0)
				return KIOSK_EINVAL;
			break;
		case 'L':
			memset(&f, 0, sizeof(f));
			f.kind = SIM_FAULT_LATENCY;
			f.scope = SIM_SCOPE_ALL;
			f.limit = -1;
			if (simhttp_parse_unsigned(optarg, 600000, &f.arg) != 0 ||
			    add_fault(opt, &f) != 0)
				return KIOSK_EINVAL;
			break;
		case 'F':
			if (strcmp(optarg, "none") == 0)
				break;
			if (parse_fault(optarg, &f) != 0 || add_fault(opt, &f) != 0)
				return KIOSK_EINVAL;
			break;
		case 'h': usage(stdout); exit(0);
		default: return KIOSK_EINVAL;
		}
	}
	if (optind != argc || !opt->cert || !opt->key || !opt->seal_key)
		return KIOSK_EINVAL;
	return 0;
}

/* The option's file, or `name` in the database's directory (--mbox: mail.mbox, --sms:
 * sms.mbox). */
static void default_mbox(const struct sim_options *opt, const char *given, const char *name,
			 char *out, size_t n)
{
	const char *slash = strrchr(opt->db, '/');

	if (given)
		snprintf(out, n, "%s", given);
	else if (slash)
		snprintf(out, n, "%.*s/%s", (int)(slash - opt->db), opt->db, name);
	else
		snprintf(out, n, "%s", name);
}

int main(int argc, char **argv)
{
	struct sim_options opt;
	struct sim_db *db = NULL;
	struct sim_unsealer *unsealer = NULL;
	struct sim_api *api = NULL;
	struct sim_server *srv = NULL;
	struct sim_residents *residents = NULL;
	struct resident_options ropt;
	char mbox[4096], sms[4096];
	sigset_t stop_signals;
	unsigned port = 0;
	int sig;
	int rc = 1;

	if (argc > 1 && strcmp(argv[1], "ledger") == 0)
		return ledger_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "bills") == 0)
		return bills_main(argc - 1, argv + 1);
	if (parse_args(argc, argv, &opt) != 0) {
		usage(stderr);
		return 2;
	}
	log_set_level(opt.verbose ? LOG_DEBUG : LOG_WARN);

	simhttp_block_stop_signals(&stop_signals);

	default_mbox(&opt, opt.mbox, "mail.mbox", mbox, sizeof(mbox));
	default_mbox(&opt, opt.sms, "sms.mbox", sms, sizeof(sms));
	ropt = (struct resident_options){.db = opt.db,
					 .mbox = mbox,
					 .sms = sms,
					 .code_ttl_s = opt.code_ttl_s,
					 .resend_interval_s = opt.resend_interval_s};
	if (db_open(opt.db, &db) != 0 || unseal_open(opt.seal_key, &unsealer) != 0 ||
	    enroll_setup(&opt) != 0 || fleet_setup(&opt) != 0 ||
	    api_open(db, unsealer, &api) != 0 ||
	    residents_open(&ropt, db, unsealer, &residents) != 0 ||
	    server_start(&opt, api, residents, &srv, &port) != 0)
		goto out;
	if (opt.port_file && simhttp_write_port_file(opt.port_file, port, "portal-sim") != 0)
		goto out;
	printf("portal-sim: listening on https://%s:%u\n", opt.listen, port);
	fflush(stdout);

	if (sigwait(&stop_signals, &sig) != 0)
		goto out;
	log_info("portal-sim", "signal %d: stopping", sig);
	rc = 0;
out:
	server_stop(srv);
	residents_close(residents);
	api_close(api);
	unseal_close(unsealer);
	db_close(db);
	fleet_close();
	return rc;
}
