/* The terminal commands of the journey runner (see runner_terminal.h). terminal-sim's admin
 * side is plain HTTP on 127.0.0.1 (tests only), so a few lines of socket code speak it; the
 * ledger comes from `terminal-sim ledger --data DIR`, one JSON line per transaction. Both are
 * test hooks: the loopback calls take milliseconds, on the UI thread like the runner's other
 * checks. */
#include "app/journey/runner_terminal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "app/common/crashpoint.h"

#define ANSWER_MAX 2048

/* Sends method path (with body) to terminal-sim's admin side; returns the HTTP status (0 when
 * unreachable) with the answer's body in answer. */
static int admin_call(const char *method, const char *path, const char *body, char *answer,
		      size_t n, char *why, size_t whylen)
{
	const char *port = getenv("KIOSK_TEST_TERMINAL_ADMIN");
	struct sockaddr_in sa = {.sin_family = AF_INET};
	struct timeval tv = {.tv_sec = 5};
	char req[512], buf[ANSWER_MAX];
	size_t got = 0;
	int fd, status = 0;
	ssize_t k;

	answer[0] = '\0';
	if (!port || !*port) {
		snprintf(why, whylen,
			 "KIOSK_TEST_TERMINAL_ADMIN is not set (a journey with `#@ payment: "
			 "terminal` under scripts/run-journey sets it)");
		return 0;
	}
	sa.sin_port = htons((unsigned short)atoi(port));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	snprintf(req, sizeof(req),
		 "%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
		 "Content-Length: %zu\r\n\r\n%s",
		 method, path, strlen(body), body);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    write(fd, req, strlen(req)) != (ssize_t)strlen(req)) {
		snprintf(why, whylen, "terminal-sim's admin port %s does not answer", port);
		close(fd);
		return 0;
	}
	while (got + 1 < sizeof(buf) && (k = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)k;
	buf[got] = '\0';
	close(fd);
	if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
		status = 0;
	const char *b = strstr(buf, "\r\n\r\n");
	snprintf(answer, n, "%s", b ? b + 4 : "");
	return status;
}

static enum runner_terminal_result post(const char *path, const char *body, char *why,
					size_t whylen)
{
	char answer[ANSWER_MAX];
	int status = admin_call("POST", path, body, answer, sizeof(answer), why, whylen);

	if (status == 200)
		return RUNNER_TERMINAL_DONE;
	if (status)
		snprintf(why, whylen, "terminal-sim refused %s %s: HTTP %d %.300s", path, body,
			 status, answer);
	return RUNNER_TERMINAL_FAIL;
}

/* The value of "key":"..." or "key":N in one JSON line, as text. */
static void field_of(const char *line, const char *key, char *out, size_t n)
{
	char want[64];
	const char *p;
	size_t len;

	snprintf(want, sizeof(want), "\"%s\":", key);
	out[0] = '\0';
	p = strstr(line, want);
	if (!p)
		return;
	p += strlen(want);
	if (*p == '"')
		p++;
	len = strcspn(p, "\",}");
	snprintf(out, n, "%.*s", (int)len, p);
}

/* The ledger as "state:cents:entry" tokens, space-separated, oldest first. */
static int read_ledger(char *out, size_t n, char *why, size_t whylen)
{
	const char *sim = getenv("KIOSK_TEST_TERMINAL_SIM");
	const char *data = getenv("KIOSK_TEST_TERMINAL_DATA");
	char cmd[1200], line[1024], state[24], cents[24], entry[24];
	size_t len = 0;
	FILE *p;

	out[0] = '\0';
	if (!sim || !data) {
		snprintf(why, whylen, "KIOSK_TEST_TERMINAL_SIM and _DATA are not set");
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "'%s' ledger --data '%s'", sim, data);
	p = popen(cmd, "r");
	if (!p) {
		snprintf(why, whylen, "cannot run %s", cmd);
		return -1;
	}
	while (fgets(line, sizeof(line), p) && len < n) {
		field_of(line, "state", state, sizeof(state));
		field_of(line, "amount_cents", cents, sizeof(cents));
		field_of(line, "entry_mode", entry, sizeof(entry));
		len += (size_t)snprintf(out + len, n - len, "%s%s:%s:%s", len ? " " : "", state,
					cents, entry);
	}
	if (pclose(p) != 0) {
		snprintf(why, whylen, "%s failed", cmd);
		return -1;
	}
	return 0;
}

/* Whether the ledger's transactions are exactly the expected ones, in order; an expected
 * token without its entry mode matches any. */
static bool ledger_matches(const char *ledger, const struct runner_cmd *c)
{
	char copy[2048], *save = NULL, *tok;
	int i = 0;

	snprintf(copy, sizeof(copy), "%s", ledger);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save), i++) {
		size_t want = strlen(c->args[i < c->argc ? i : 0]);
		if (i >= c->argc || strncmp(tok, c->args[i], want) != 0 ||
		    (tok[want] != '\0' && tok[want] != ':'))
			return false;
	}
	return i == c->argc;
}

enum runner_terminal_result runner_terminal_cmd(const struct runner_cmd *c, bool last_try,
						char *why, size_t whylen)
{
	char body[320], ledger[2048];

	if (!strcmp(c->name, "present-card")) {
		/* "locked": a phone wallet its owner has not unlocked (the terminal says "See
		 * phone" and waits for it again). */
		if ((c->argc != 2 && c->argc != 3) ||
		    (c->argc == 3 && strcmp(c->args[2], "locked"))) {
			snprintf(
			    why, whylen,
			    "present-card takes chip|tap|swipe|wallet, a PAN and maybe locked");
			return RUNNER_TERMINAL_FAIL;
		}
		snprintf(body, sizeof(body), "{\"entry\":\"%.16s\",\"pan\":\"%.24s\"%s}",
			 c->args[0], c->args[1], c->argc == 3 ? ",\"locked\":true" : "");
		return post("/card", body, why, whylen);
	}
	if (!strcmp(c->name, "remove-card")) {
		if (c->argc != 0) {
			snprintf(why, whylen, "remove-card takes no arguments");
			return RUNNER_TERMINAL_FAIL;
		}
		return post("/card/remove", "{}", why, whylen);
	}
	if (!strcmp(c->name, "terminal-reboot")) {
		char *end;
		long s = c->argc == 1 ? strtol(c->args[0], &end, 10) : -1;
		if (c->argc != 1 || *end || s < 1 || s > 600) {
			snprintf(why, whylen, "terminal-reboot takes SECONDS (1..600)");
			return RUNNER_TERMINAL_FAIL;
		}
		snprintf(body, sizeof(body), "{\"seconds\":%ld}", s);
		return post("/reboot", body, why, whylen);
	}
	if (!strcmp(c->name, "expect-terminal-ledger")) {
		if (read_ledger(ledger, sizeof(ledger), why, whylen))
			return RUNNER_TERMINAL_FAIL;
		if (ledger_matches(ledger, c))
			return RUNNER_TERMINAL_DONE;
		if (!last_try)
			return RUNNER_TERMINAL_WAIT;
		snprintf(why, whylen, "terminal-sim's ledger is [%s]", ledger);
		return RUNNER_TERMINAL_FAIL;
	}
	if (!strcmp(c->name, "expect-terminal-state")) {
		/* What the terminal is doing (GET /state): "payment" is a Payment waiting. */
		char answer[ANSWER_MAX], state[24];
		if (c->argc != 1) {
			snprintf(why, whylen, "expect-terminal-state takes idle|payment|rebooting");
			return RUNNER_TERMINAL_FAIL;
		}
		if (admin_call("GET", "/state", "", answer, sizeof(answer), why, whylen) != 200)
			return RUNNER_TERMINAL_FAIL;
		field_of(answer, "state", state, sizeof(state));
		if (!strcmp(state, c->args[0]))
			return RUNNER_TERMINAL_DONE;
		if (!last_try)
			return RUNNER_TERMINAL_WAIT;
		snprintf(why, whylen, "terminal-sim's state is %.300s", answer);
		return RUNNER_TERMINAL_FAIL;
	}
	if (!strcmp(c->name, "crashpoint")) {
		/* The crash test's kill at a moment only the journey knows (the terminal waiting
		 * for a card): KIOSK_CRASH_AT=NAME kills the kiosk here, otherwise nothing. */
		if (c->argc != 1) {
			snprintf(why, whylen, "crashpoint takes a NAME");
			return RUNNER_TERMINAL_FAIL;
		}
		crashpoint(c->args[0]);
		return RUNNER_TERMINAL_DONE;
	}
	return RUNNER_TERMINAL_NOT_MINE;
}
