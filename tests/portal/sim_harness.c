/* Starts and stops portal-sim and terminal-sim for the portal tests. Children die with the test
 * process (PR_SET_PDEATHSIG) so a killed or timed-out test never leaves a portal running. */
#include "tests/portal/sim_harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#define START_WAIT_MS 10000
#define STOP_WAIT_MS 5000

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int read_port(const char *path, unsigned *port)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return 0;
	ok = fscanf(f, "%u", port) == 1 && *port > 0 && *port < 65536;
	fclose(f);
	return ok;
}

static void remove_dir(const char *dir)
{
	static const char *files[] = {"sim.db",
				      "sim.db-wal",
				      "sim.db-shm",
				      "sim.db-journal",
				      "port",
				      "admin-port",
				      "terminal-sim.db",
				      "terminal-sim.db-wal",
				      "terminal-sim.db-shm",
				      "terminal-sim.db-journal"};
	char path[512];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* argv[0] is the program; never returns. */
static void exec_program(const char *const *argv)
{
	/* Dies with the test, even when the test is SIGKILLed by a CTest timeout. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	execv(argv[0], (char *const *)argv);
	fprintf(stderr, "sim_harness: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static void exec_portal(const struct sim *s, const char *cert, const char *const *extra)
{
	char cert_path[512], key_path[512], db_path[512], port_path[512];
	const char *argv[32];
	size_t n = 0;

	snprintf(cert_path, sizeof(cert_path), "%s/%s.pem", PKI_DIR, cert);
	snprintf(key_path, sizeof(key_path), "%s/%s.key", PKI_DIR, cert);
	snprintf(db_path, sizeof(db_path), "%s/sim.db", s->dir);
	snprintf(port_path, sizeof(port_path), "%s/port", s->dir);
	argv[n++] = PORTAL_SIM_BIN;
	argv[n++] = "--cert";
	argv[n++] = cert_path;
	argv[n++] = "--key";
	argv[n++] = key_path;
	argv[n++] = "--seal-key";
	argv[n++] = PKI_DIR "/seal.key";
	argv[n++] = "--db";
	argv[n++] = db_path;
	argv[n++] = "--port-file";
	argv[n++] = port_path;
	argv[n++] = "--verbose";
	for (size_t i = 0; extra && extra[i] && n + 1 < sizeof(argv) / sizeof(argv[0]); i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	exec_program(argv);
}

#ifdef TERMINAL_SIM_BIN
static void exec_terminal(const struct sim *s, const char *cert, const char *const *extra)
{
	char cert_path[512], key_path[512], port_path[512], admin_path[512];
	const char *argv[32];
	size_t n = 0;

	snprintf(cert_path, sizeof(cert_path), "%s/%s.pem", PKI_DIR, cert);
	snprintf(key_path, sizeof(key_path), "%s/%s.key", PKI_DIR, cert);
	snprintf(port_path, sizeof(port_path), "%s/port", s->dir);
	snprintf(admin_path, sizeof(admin_path), "%s/admin-port", s->dir);
	argv[n++] = TERMINAL_SIM_BIN;
	argv[n++] = "--cert";
	argv[n++] = cert_path;
	argv[n++] = "--key";
	argv[n++] = key_path;
	argv[n++] = "--data";
	argv[n++] = s->dir;
	argv[n++] = "--port-file";
	argv[n++] = port_path;
	argv[n++] = "--admin-port-file";
	argv[n++] = admin_path;
	argv[n++] = "--verbose";
	for (size_t i = 0; extra && extra[i] && n + 1 < sizeof(argv) / sizeof(argv[0]); i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	exec_program(argv);
}
#endif

/* Forks the simulator (exec), then waits for its port file(s). */
static int start(struct sim *s, const char *cert, const char *const *extra,
		 void (*exec)(const struct sim *, const char *, const char *const *),
		 const char *url_path, int admin)
{
	char port_path[512], admin_path[512];
	int status;

	memset(s, 0, sizeof(*s));
	s->pid = -1;
	snprintf(s->dir, sizeof(s->dir), "%s/kiosk-portal-test-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(s->dir)) {
		s->dir[0] = '\0';
		return -1;
	}
	snprintf(port_path, sizeof(port_path), "%s/port", s->dir);
	snprintf(admin_path, sizeof(admin_path), "%s/admin-port", s->dir);
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0)
		goto fail;
	if (s->pid == 0)
		exec(s, cert, extra);

	for (long waited = 0; waited < START_WAIT_MS; waited += 20) {
		if (read_port(port_path, &s->port) &&
		    (!admin || read_port(admin_path, &s->admin_port))) {
			snprintf(s->url, sizeof(s->url), "https://127.0.0.1:%u%s", s->port,
				 url_path);
			return 0;
		}
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			fprintf(stderr, "sim_harness: the simulator exited early (status %d)\n",
				status);
			s->pid = -1;
			goto fail;
		}
		sleep_ms(20);
	}
	fprintf(stderr, "sim_harness: the simulator did not write its port within %d ms\n",
		START_WAIT_MS);
fail:
	sim_stop(s);
	return -1;
}

int sim_start(struct sim *s, const char *cert, const char *const *extra)
{
	return start(s, cert, extra, exec_portal, "", 0);
}

#ifdef TERMINAL_SIM_BIN
int sim_start_terminal(struct sim *s, const char *cert, const char *const *extra)
{
	return start(s, cert, extra, exec_terminal, "/nexo", 1);
}
#endif

void sim_stop(struct sim *s)
{
	int status;

	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		for (long waited = 0;; waited += 20) {
			if (waitpid(s->pid, &status, WNOHANG) == s->pid)
				break;
			if (waited >= STOP_WAIT_MS) {
				kill(s->pid, SIGKILL);
				waitpid(s->pid, &status, 0);
				break;
			}
			sleep_ms(20);
		}
		s->pid = -1;
	}
	if (s->dir[0]) {
		remove_dir(s->dir);
		s->dir[0] = '\0';
	}
}

unsigned sim_unused_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	unsigned port = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

int sim_run_tests(const char *group, const struct CMUnitTest *tests, size_t n, int argc,
		  char **argv)
{
	if (argc > 1) {
		size_t found = 0;
		for (size_t i = 0; i < n; i++)
			found += strcmp(tests[i].name, argv[1]) == 0;
		if (found == 0) {
			fprintf(stderr, "no test named %s\n", argv[1]);
			return 2;
		}
		cmocka_set_test_filter(argv[1]);
	}
	return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
}

struct answer {
	char *buf;
	size_t n, len;
};

static size_t collect(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct answer *a = userdata;
	size_t k = size * nmemb;

	if (a->buf && a->len + k < a->n) {
		memcpy(a->buf + a->len, data, k);
		a->len += k;
		a->buf[a->len] = '\0';
	}
	return k;
}

/* One request; the HTTP status, or 0 when the transfer failed. */
static long request(const char *url, const char *ca_file, const char *body, char *answer, size_t n)
{
	struct answer a = {answer, n, 0};
	long status = 0;
	CURL *c = curl_easy_init();

	if (answer && n)
		answer[0] = '\0';
	if (!c)
		return 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
	if (body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	return status;
}

long sim_admin(const struct sim *s, const char *path, const char *body, char *answer, size_t n)
{
	char url[128];

	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", s->admin_port, path);
	return request(url, NULL, body, answer, n);
}

int sim_post(const char *url, const char *ca_file, const char *body, char *answer, size_t n)
{
	return request(url, ca_file, body, answer, n) > 0 ? 0 : -1;
}
