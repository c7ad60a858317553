/* The command line as a table (see cli.h). */
#include "app/runtime/cli.h"

#include <getopt.h>
#include <string.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

static const struct cli_option table[] = {
    {"config", "FILE", "read settings from an INI file (see board/generic-x86/kiosk.conf)",
     CLI_CONFIG, NULL, NULL},
    {"portal", "URL", "the portal's base URL (https://...)", CLI_SETTING, "portal.url", NULL},
    {"ca", "FILE", "the CA the portal's certificate must chain to (PEM)", CLI_SETTING,
     "portal.ca_file", NULL},
    {"seal-key", "FILE", "the portal's public key for sealing card data (PEM)", CLI_SETTING,
     "portal.seal_key", NULL},
    {"data-dir", "DIR", "where the payment journal lives", CLI_SETTING, "kiosk.data_dir", NULL},
    {"receipts", "DIR", "where the simulated printer puts receipts", CLI_SETTING,
     "kiosk.receipts_dir", NULL},
    {"devices", "sim|usb", "simulated or real card reader and printer", CLI_SETTING,
     "kiosk.devices", NULL},
    {"kiosk-id", "ID", "this kiosk's name on receipts and in the portal", CLI_SETTING, "kiosk.id",
     NULL},
    {"lang", "en|es", "the language a session starts in", CLI_SETTING, "ui.lang", NULL},
    {"speech", "off|on|headphones", "speak the screens (ADA 707.5; F1 turns it on too)",
     CLI_SETTING, "a11y.speech", NULL},
    {"idle-timeout", "S", "seconds without a touch before the warning (default 60)", CLI_SETTING,
     "ui.idle_timeout_s", NULL},
    {"warning-timeout", "S", "seconds the warning counts down (default 20)", CLI_SETTING,
     "ui.warning_s", NULL},
    {"fullscreen", NULL, "take the whole screen (a real kiosk)", CLI_SETTING, "ui.fullscreen",
     "true"},
    {"cash", "none|itl",
     "a bill validator takes cash (itl: ITL eSSP, simulated with --devices "
     "sim)",
     CLI_SETTING, "cash.device", NULL},
    {"chip-terminal", NULL, "a chip terminal takes chip cards: a swiped chip card is sent there",
     CLI_SETTING, "devices.chip_terminal", "true"},
    {"card", "terminal|reader", "the card tender: a payment terminal or a magstripe reader",
     CLI_SETTING, "payments.card", NULL},
    {"terminal", "URL", "the payment terminal's nexo URL (https://<terminal>:8443/nexo)",
     CLI_SETTING, "terminal.url", NULL},
    {"terminal-ca", "FILE", "the CA the terminal's certificate must chain to (PEM)", CLI_SETTING,
     "terminal.ca_file", NULL},
    {"terminal-poi-id", "ID", "the terminal's POIID", CLI_SETTING, "terminal.poi_id", NULL},
    {"headless", NULL, "no display: SDL's offscreen driver", CLI_HEADLESS, NULL, NULL},
    {"script", "FILE", "run a journey script (docs/journeys.md), exit 0 if it held", CLI_SCRIPT,
     NULL, NULL},
    {"shots", "DIR", "where the journey's screenshots go", CLI_SHOTS, NULL, NULL},
    {"check-layout", NULL,
     "check every frame: each text inside its box, no two boxes over each other, targets\n"
     "of 15 mm; a violation fails the journey naming the screen, text and boxes",
     CLI_CHECK_LAYOUT, NULL, NULL},
    {"look", "default|large|high-contrast|large-high-contrast",
     "the look each session starts in ([ui] look)", CLI_SETTING, "ui.look", NULL},
    {"heartbeat-s", "S", "seconds between heartbeats to the portal (0: none)", CLI_SETTING,
     "fleet.heartbeat_s", NULL},
    {"show-config", NULL, "print the settings in force (file, remote, command line)",
     CLI_SHOW_CONFIG, NULL, NULL},
    {"pin", "sha256//BASE64", "also require the portal's public key to match this pin", CLI_SETTING,
     "portal.pin", NULL},
    {"portal-timeout-ms", "MS", "the whole-request deadline for portal calls (default 15000)",
     CLI_SETTING, "portal.timeout_ms", NULL},
    {"service-pin-hash", "H", "the staff PIN's hash ([service] pin_hash)", CLI_SETTING,
     "service.pin_hash", NULL},
    {"allow-demo-pin", NULL, "let the demo PIN 2468 open service mode (demo and tests only)",
     CLI_SETTING, "service.allow_demo_pin", "true"},
    {"control-socket", "PATH", "kioskctl's socket (default /run/kiosk/control.sock; \"\" none)",
     CLI_SETTING, "service.control_socket", NULL},
    {"debug", NULL, "keep the process dumpable (never on a kiosk in service)", CLI_DEBUG, NULL,
     NULL},
    {"version", NULL, "print the version", CLI_VERSION, NULL, NULL},
    {"help", NULL, "this text", CLI_HELP, NULL, NULL},
};

#define N_OPTIONS (sizeof(table) / sizeof(table[0]))

const struct cli_option *cli_options(size_t *n)
{
	*n = N_OPTIONS;
	return table;
}

/* One help entry: "  --name ARG" padded, then the help, later lines indented to match. */
static void usage_line(FILE *f, const char *name, const char *arg, const char *help)
{
	char head[64];
	const char *p = help;

	snprintf(head, sizeof(head), "--%s%s%s", name, arg ? " " : "", arg ? arg : "");
	if (strlen(head) > 22)
		fprintf(f, "  %s\n  %-22s ", head, "");
	else
		fprintf(f, "  %-22s ", head);
	while (*p) {
		size_t n = strcspn(p, "\n");
		fprintf(f, "%.*s\n", (int)n, p);
		p += n;
		if (*p == '\n' && *++p)
			fprintf(f, "  %-22s ", "");
	}
}

void cli_usage(FILE *f)
{
	size_t n;
	const struct staff_command *staff = staff_commands(&n);

	fprintf(f, "usage: kiosk [options]\n");
	for (size_t i = 0; i < N_OPTIONS; i++)
		usage_line(f, table[i].name, table[i].arg, table[i].help);
	fprintf(f, "staff commands (print, then exit; see docs/operations.md):\n");
	for (size_t i = 0; i < n; i++)
		usage_line(f, staff[i].option, staff[i].arg, staff[i].help);
}

int cli_parse(int argc, char **argv, struct kiosk_config *cfg, struct kiosk_config *local,
	      struct cli *out)
{
	size_t n_staff;
	const struct staff_command *staff = staff_commands(&n_staff);
	struct option opts[N_OPTIONS + 16 + 1];
	char err[512];
	int c;

	memset(out, 0, sizeof(*out));
	out->script = "";
	out->shots = ".";
	/* getopt_long's list: the options' index in val, the staff commands' after them. */
	memset(opts, 0, sizeof(opts));
	for (size_t i = 0; i < N_OPTIONS; i++)
		opts[i] =
		    (struct option){table[i].name, table[i].arg ? required_argument : no_argument,
				    NULL, (int)i + 256};
	for (size_t i = 0; i < n_staff && i < 16; i++)
		opts[N_OPTIONS + i] =
		    (struct option){staff[i].option, staff[i].arg ? required_argument : no_argument,
				    NULL, (int)(N_OPTIONS + i) + 256};

	/* The config files first, so the command line can override them. */
	for (int i = 1; i + 1 < argc; i++) {
		if (!strcmp(argv[i], "--config") &&
		    config_load(argv[i + 1], cfg, err, sizeof(err))) {
			fprintf(stderr, "kiosk: %s\n", err);
			return 2;
		}
	}
	*local = *cfg;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c < 256) {
			cli_usage(stderr);
			return 2;
		}
		if ((size_t)(c - 256) >= N_OPTIONS) {
			out->staff = &staff[c - 256 - (int)N_OPTIONS];
			out->staff_arg = optarg;
			continue;
		}
		const struct cli_option *o = &table[c - 256];
		switch (o->does) {
		case CLI_CONFIG: break;
		case CLI_HEADLESS: out->headless = true; break;
		case CLI_SCRIPT: out->script = optarg; break;
		case CLI_SHOTS: out->shots = optarg; break;
		case CLI_DEBUG: out->debug = true; break;
		case CLI_CHECK_LAYOUT: out->check_layout = true; break;
		case CLI_SHOW_CONFIG: out->show_config = true; break;
		case CLI_VERSION: printf("kiosk %s\n", KIOSK_VERSION); return 1;
		case CLI_HELP: cli_usage(stdout); return 1;
		case CLI_SETTING: {
			const char *value = o->value ? o->value : optarg;
			if (config_set_from(cfg, o->setting, value, CONFIG_CMDLINE, err,
					    sizeof(err))) {
				fprintf(stderr, "kiosk: %s\n", err);
				return 2;
			}
			if (out->n_set < CLI_MAX_OVERRIDES) {
				out->set[out->n_set].name = o->setting;
				out->set[out->n_set++].value = value;
			}
			break;
		}
		}
	}
	if (optind < argc) {
		fprintf(stderr, "kiosk: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (out->show_config || (out->staff && out->staff->needs != STAFF_PORTAL))
		return 0; /* needs no portal */
	if (out->staff && (!cfg->portal_url[0] || !cfg->portal_ca[0])) {
		fprintf(stderr, "kiosk: --%s needs the portal's URL and CA\n", out->staff->option);
		return 2;
	}
	if (!out->staff && (!cfg->portal_url[0] || !cfg->portal_ca[0] || !cfg->seal_key[0])) {
		fprintf(stderr,
			"kiosk: the portal's URL, CA and sealing key are required "
			"(--portal, --ca, --seal-key or the [portal] section of --config)\n");
		return 2;
	}
	return 0;
}

void cli_reapply(const struct cli *c, struct kiosk_config *cfg)
{
	char err[256];

	for (int i = 0; i < c->n_set; i++)
		config_set_from(cfg, c->set[i].name, c->set[i].value, CONFIG_CMDLINE, err,
				sizeof(err));
}
