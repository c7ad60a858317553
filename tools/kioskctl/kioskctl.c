/* kioskctl: asks the running kiosk over its UNIX control socket. One JSON request line out,
 * one JSON answer line back; printed as text for people, or as the JSON itself (--json).
 * Exit status: 0 done, 1 the kiosk refused or could not be reached, 2 a usage error. */
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SOCKET "/run/kiosk/control.sock"
#define ANSWER_TIMEOUT_MS 90000

struct command {
	const char *name;
	const char *usage;
	const char *help;
	int min_args, max_args;
};

static const struct command commands[] = {
    {"status", "status", "devices, portal, outbox, version, update slot and out of service", 0, 0},
    {"devices", "devices", "the printer (online, paper, cover) and the card reader", 0, 0},
    {"print-test", "print-test", "print a test page on the receipt printer", 0, 0},
    {"reprint", "reprint REF",
     "print a copy of the receipt of payment REF (K..., Q-... or its key)", 1, 1},
    {"report", "report [--close]",
     "the day's totals since the last close; --close prints and stores them and closes the day", 0,
     1},
    {"cash", "cash [empty|clear]",
     "the cash box: notes by denomination since it was last emptied and the bill validator's "
     "state; empty records that the box was emptied (who and when, with the count expected); "
     "clear clears a cash alarm and the validator's faults",
     0, 1},
    {"out-of-service", "out-of-service on|off",
     "take the kiosk out of service (residents see where else to pay) or back", 1, 1},
    {"config", "config get KEY | config set KEY VALUE",
     "read any setting, or change one the running kiosk applies live (KEY as section.key, "
     "e.g. ui.idle_timeout_s); a change is validated, applied in memory and lost at restart: "
     "edit kiosk.conf to keep it",
     2, 3},
    {"logs", "logs [-n N]", "the kiosk's last N log lines (default 50, at most 200)", 0, 2},
    {"set-pin", "set-pin",
     "set the staff PIN for service mode: 6 to 8 digits, read from standard input (asked "
     "twice on a terminal, never on the command line); it replaces kiosk.conf's pin_hash, "
     "survives restarts and lifts a PIN lock",
     0, 0},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: kioskctl [--socket PATH] [--json] COMMAND [ARGS]\n\n"
		   "Talks to the running kiosk over its control socket (default " DEFAULT_SOCKET
		   ",\nor $KIOSK_CONTROL_SOCKET). Needs membership of the kiosk-staff group.\n\n"
		   "commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-38s %s\n", commands[i].usage, commands[i].help);
	fprintf(f, "\noptions:\n"
		   "  --socket PATH   the kiosk's control socket\n"
		   "  --json          print the kiosk's answer as JSON\n"
		   "  --help          this text; COMMAND --help for one command\n"
		   "\nexit status: 0 done, 1 refused or unreachable, 2 bad usage\n");
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Sends one request line, reads one answer line. */
static int ask(const char *path, const char *request, json_t **answer)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	char buf[65536];
	size_t len = 0;
	json_error_t jerr;
	int fd, rc = 1;

	*answer = NULL;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "kioskctl: socket path too long: %s\n", path);
		return 1;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
		fprintf(stderr, "kioskctl: cannot reach the kiosk at %s: %s%s\n", path,
			strerror(errno),
			errno == EACCES ? " (is this user in the kiosk-staff group?)"
			: errno == ENOENT || errno == ECONNREFUSED ? " (is the kiosk running?)"
								   : "");
		goto out;
	}
	if (write(fd, request, strlen(request)) != (ssize_t)strlen(request) ||
	    write(fd, "\n", 1) != 1) {
		fprintf(stderr, "kioskctl: cannot send to the kiosk: %s\n", strerror(errno));
		goto out;
	}
	while (len + 1 < sizeof(buf)) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t got;

		if (poll(&p, 1, ANSWER_TIMEOUT_MS) <= 0) {
			fprintf(stderr, "kioskctl: the kiosk did not answer\n");
			goto out;
		}
		got = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (got <= 0)
			break;
		len += (size_t)got;
		buf[len] = '\0';
		if (memchr(buf, '\n', len))
			break;
	}
	buf[len] = '\0';
	*answer = json_loads(buf, JSON_DISABLE_EOF_CHECK, &jerr);
	if (!json_is_object(*answer)) {
		fprintf(stderr, "kioskctl: the kiosk's answer is not JSON: %.80s\n", buf);
		json_decref(*answer);
		*answer = NULL;
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static const char *yes(json_t *o, const char *key, const char *y, const char *n)
{
	return json_is_true(json_object_get(o, key)) ? y : n;
}

static void when(json_int_t t, char *buf, size_t n);
static void money(json_int_t cents, char *buf, size_t n);

/* The bill validator's line (nothing when the kiosk has none). */
static void print_validator(json_t *v)
{
	char t[64];
	json_int_t alarm = json_integer_value(json_object_get(v, "alarm_at"));

	if (!v)
		return;
	printf("bill validator: %s, cash box %s, serial %lld\n",
	       json_string_value(json_object_get(v, "state")), yes(v, "box_present", "in", "OUT"),
	       (long long)json_integer_value(json_object_get(v, "serial")));
	if (alarm) {
		when(alarm, t, sizeof(t));
		printf("CASH ALARM since %s: cash is off until staff clear it (service mode: Empty "
		       "cash box, or kioskctl cash clear)\n",
		       t);
	}
}

/* Notes by denomination, then the total. */
static void print_cash(json_t *c)
{
	json_t *list = json_object_get(c, "denominations");
	char label[32], m[32];

	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *d = json_array_get(list, i);
		json_int_t cents = json_integer_value(json_object_get(d, "cents"));
		json_int_t count = json_integer_value(json_object_get(d, "count"));
		if (cents)
			money(cents, label, sizeof(label));
		else
			snprintf(label, sizeof(label), "unknown value");
		money(cents * count, m, sizeof(m));
		printf("  %-14s x %4lld  %12s\n", label, (long long)count, m);
	}
	money(json_integer_value(json_object_get(c, "cents")), m, sizeof(m));
	printf("  %-14s   %4lld  %12s\n", "total",
	       (long long)json_integer_value(json_object_get(c, "notes")), m);
}

static void print_devices(json_t *devices)
{
	json_t *p = json_object_get(devices, "printer");
	json_t *r = json_object_get(devices, "card_reader");

	printf("printer:      %s, paper %s, cover %s\n",
	       !json_is_true(json_object_get(p, "present")) ? "not connected"
							    : yes(p, "online", "online", "offline"),
	       json_is_true(json_object_get(p, "paper_out"))
		   ? "out"
		   : yes(p, "paper_near_end", "near end", "ok"),
	       yes(p, "cover_open", "open", "closed"));
	printf("card reader:  %s\n", yes(r, "ready", "ready", "not ready"));
	print_validator(json_object_get(devices, "bill_validator"));
	if (json_object_get(devices, "payment_terminal"))
		printf("payment terminal: %s\n",
		       json_string_value(
			   json_object_get(json_object_get(devices, "payment_terminal"), "state")));
}

static void when(json_int_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t) {
		snprintf(buf, n, "never");
		return;
	}
	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

static void money(json_int_t cents, char *buf, size_t n)
{
	snprintf(buf, n, "%s$%lld.%02lld", cents < 0 ? "-" : "", (long long)llabs(cents) / 100,
		 (long long)llabs(cents) % 100);
}

static void print_staff_pin(json_t *p)
{
	const char *st = json_string_value(json_object_get(p, "state"));
	bool open = json_is_true(json_object_get(p, "service_mode"));

	if (!st)
		return;
	printf("staff PIN:    %s%s\n",
	       !strcmp(st, "ok")     ? "set"
	       : !strcmp(st, "weak") ? "set, but hashed weakly: set a new one (kioskctl set-pin)"
	       : !strcmp(st, "demo") ? "the demo PIN 2468"
				     : "not set",
	       open ? ""
		    : "; SERVICE MODE IS REFUSED until IT sets one (kioskctl set-pin, or "
		      "[service] pin_hash)");
}

static void print_text(const char *cmd, json_t *a)
{
	char t[64], m[32];

	if (!strcmp(cmd, "status")) {
		json_t *portal = json_object_get(a, "portal"), *ob = json_object_get(a, "outbox");
		printf("kiosk:        %s, version %s, slot %s\n",
		       json_string_value(json_object_get(a, "kiosk_id")),
		       json_string_value(json_object_get(a, "version")),
		       json_string_value(json_object_get(a, "update_slot"))[0]
			   ? json_string_value(json_object_get(a, "update_slot"))
			   : "unknown");
		printf("service:      %s (screen %s)\n",
		       yes(a, "out_of_service", "OUT OF SERVICE", "in service"),
		       json_string_value(json_object_get(a, "screen")));
		print_staff_pin(json_object_get(a, "staff_pin"));
		print_devices(json_object_get(a, "devices"));
		if (json_is_true(json_object_get(portal, "reachable")))
			printf("portal:       reachable, %lld ms\n",
			       (long long)json_integer_value(json_object_get(portal, "rtt_ms")));
		else
			printf("portal:       not reachable (or not checked yet)\n");
		when(json_integer_value(json_object_get(ob, "last_sync")), t, sizeof(t));
		printf("outbox:       %lld waiting, last successful sync %s\n",
		       (long long)json_integer_value(json_object_get(ob, "pending")), t);
	} else if (!strcmp(cmd, "devices")) {
		print_devices(a);
	} else if (!strcmp(cmd, "report")) {
		json_t *r = json_object_get(a, "report");
		static const char *const rows[] = {"approved", "declined", "in_doubt"};
		when(json_integer_value(json_object_get(r, "since")), t, sizeof(t));
		printf("since last close: %s\n", t);
		for (int i = 0; i < 3; i++) {
			json_t *row = json_object_get(r, rows[i]);
			money(json_integer_value(json_object_get(row, "cents")), m, sizeof(m));
			printf("%-9s %4lld  %12s\n", rows[i],
			       (long long)json_integer_value(json_object_get(row, "count")), m);
		}
		if (json_array_size(json_object_get(json_object_get(r, "cash"), "denominations"))) {
			printf("cash by denomination:\n");
			print_cash(json_object_get(r, "cash"));
		}
		if (json_integer_value(json_object_get(r, "closed_at"))) {
			when(json_integer_value(json_object_get(r, "closed_at")), t, sizeof(t));
			printf("day closed at %s\n", t);
		}
		if (json_object_get(a, "print_error"))
			printf("warning: the report was not printed: %s\n",
			       json_string_value(json_object_get(a, "print_error")));
	} else if (!strcmp(cmd, "cash")) {
		json_t *c = json_object_get(a, "cash");
		when(json_integer_value(json_object_get(c, "since")), t, sizeof(t));
		if (json_is_true(json_object_get(a, "emptied")))
			printf("emptying recorded; the box should have held (since %s):\n", t);
		else
			printf("cash box, since it was last emptied (%s):\n", t);
		print_cash(c);
		if (json_is_true(json_object_get(a, "cleared")))
			printf("the cash alarm is cleared\n");
		print_validator(json_object_get(a, "validator"));
	} else if (!strcmp(cmd, "config")) {
		printf("%s = %s\n", json_string_value(json_object_get(a, "key")),
		       json_string_value(json_object_get(a, "value")));
		if (json_object_get(a, "applies"))
			printf("applies %s\n", json_string_value(json_object_get(a, "applies")));
	} else if (!strcmp(cmd, "logs")) {
		json_t *lines = json_object_get(a, "lines");
		for (size_t i = 0; i < json_array_size(lines); i++)
			printf("%s\n", json_string_value(json_array_get(lines, i)));
	} else if (!strcmp(cmd, "out-of-service")) {
		printf("the kiosk is %s\n",
		       yes(a, "out_of_service", "out of service", "in service"));
	} else if (!strcmp(cmd, "set-pin")) {
		printf("the staff PIN is set; service mode is open with it\n");
	} else if (!strcmp(cmd, "reprint")) {
		printf("receipt %s reprinted\n",
		       json_string_value(json_object_get(a, "reference")));
	} else {
		printf("done\n");
	}
}

/* One line from stdin into buf, without its newline; echo off on a terminal. */
static int read_line(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	int rc = 0;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (!fgets(buf, (int)n, stdin))
		rc = -1;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return rc;
}

/* set-pin: the new PIN from stdin, twice on a terminal. The kiosk checks and hashes it. */
static int read_new_pin(json_t *args)
{
	char pin[64] = "", again[64] = "";
	int rc = -1;

	if (read_line("new staff PIN (6 to 8 digits): ", pin, sizeof(pin)))
		goto out;
	if (isatty(STDIN_FILENO) &&
	    (read_line("again: ", again, sizeof(again)) || strcmp(pin, again))) {
		fprintf(stderr, "kioskctl: the two PINs differ\n");
		goto out;
	}
	if (!pin[0])
		goto out;
	json_array_append_new(args, json_string(pin));
	rc = 0;
out:
	explicit_bzero(pin, sizeof(pin));
	explicit_bzero(again, sizeof(again));
	return rc;
}

/* The command's arguments as the kiosk takes them; KIOSK usage errors found here. */
static int check_args(const struct command *c, int argc, char **argv, json_t *args)
{
	if (argc < c->min_args || argc > c->max_args)
		return -1;
	if (!strcmp(c->name, "out-of-service") && strcmp(argv[0], "on") && strcmp(argv[0], "off"))
		return -1;
	if (!strcmp(c->name, "report") && argc == 1 && strcmp(argv[0], "--close"))
		return -1;
	if (!strcmp(c->name, "cash") && argc == 1 && strcmp(argv[0], "empty") &&
	    strcmp(argv[0], "clear"))
		return -1;
	if (!strcmp(c->name, "config") &&
	    !((argc == 2 && !strcmp(argv[0], "get")) || (argc == 3 && !strcmp(argv[0], "set"))))
		return -1;
	if (!strcmp(c->name, "set-pin"))
		return read_new_pin(args);
	if (!strcmp(c->name, "logs")) {
		char *end;
		long n;
		if (argc == 0)
			return 0;
		if (argc != 2 || strcmp(argv[0], "-n"))
			return -1;
		n = strtol(argv[1], &end, 10);
		if (*end || n < 1 || n > 200)
			return -1;
		json_array_append_new(args, json_string(argv[1]));
		return 0;
	}
	for (int i = 0; i < argc; i++)
		json_array_append_new(args, json_string(argv[i]));
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = getenv("KIOSK_CONTROL_SOCKET");
	const struct command *c;
	bool json = false;
	json_t *req, *args, *answer = NULL;
	char *line;
	int i = 1, rc;

	if (!path || !*path)
		path = DEFAULT_SOCKET;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--socket") && i + 1 < argc) {
			path = argv[++i];
		} else {
			fprintf(stderr, "kioskctl: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	c = find_command(argv[i]);
	if (!c) {
		fprintf(stderr, "kioskctl: unknown command '%s'\n", argv[i]);
		usage(stderr);
		return 2;
	}
	i++;
	/* --json and --help may also follow the command. */
	int n = 0;
	char *rest[8];
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			printf("usage: kioskctl [--socket PATH] [--json] %s\n  %s\n", c->usage,
			       c->help);
			return 0;
		}
		if (!strcmp(argv[i], "--json")) {
			json = true;
			continue;
		}
		if (n == 8) {
			n = 99;
			break;
		}
		rest[n++] = argv[i];
	}
	args = json_array();
	if (n > 8 || check_args(c, n, rest, args)) {
		fprintf(stderr, "kioskctl: usage: kioskctl %s\n", c->usage);
		json_decref(args);
		return 2;
	}
	req = json_pack("{s:s, s:o}", "cmd", c->name, "args", args);
	line = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	rc = line ? ask(path, line, &answer) : 1;
	if (line) /* set-pin: the PIN was in it */
		explicit_bzero(line, strlen(line));
	free(line);
	if (rc)
		return 1;
	if (json) {
		char *out = json_dumps(answer, JSON_COMPACT | JSON_PRESERVE_ORDER);
		printf("%s\n", out ? out : "{}");
		free(out);
	}
	if (!json_is_true(json_object_get(answer, "ok"))) {
		fprintf(stderr, "kioskctl: %s\n",
			json_string_value(json_object_get(answer, "error"))
			    ? json_string_value(json_object_get(answer, "error"))
			    : "the kiosk refused");
		json_decref(answer);
		return 1;
	}
	if (!json)
		print_text(c->name, answer);
	json_decref(answer);
	return 0;
}
