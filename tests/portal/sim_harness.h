/* Starts and stops a real portal-sim or terminal-sim on loopback for the portal tests: port 0,
 * a private temporary directory for its database and port files, and cleanup even when a test
 * fails. */
#ifndef KIOSK_TEST_SIM_HARNESS_H
#define KIOSK_TEST_SIM_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

struct sim {
	pid_t pid;
	char dir[256];
	unsigned port;
	char url[64];	     /* "https://127.0.0.1:PORT" */
	unsigned admin_port; /* terminal-sim's admin side (plain HTTP on loopback) */
};

/* `cert` is a name in PKI_DIR ("server" or "rogue-server"); `extra` is a NULL-terminated
 * list of further portal-sim arguments, or NULL. Waits up to 10 s for the port file. */
int sim_start(struct sim *s, const char *cert, const char *const *extra);
void sim_stop(struct sim *s);

/* terminal-sim with its ledger in the sim's directory, the certificate `cert` from PKI_DIR and
 * further arguments; url is "https://127.0.0.1:PORT/nexo". */
int sim_start_terminal(struct sim *s, const char *cert, const char *const *extra);

/* terminal-sim's admin side (plain HTTP on loopback): POST path with body, or GET when body is
 * NULL. The HTTP status (0 when nothing answered); the answer into answer (n bytes) if given. */
long sim_admin(const struct sim *s, const char *path, const char *body, char *answer, size_t n);

/* POSTs body to url over https trusting ca_file only; the answer into answer (n bytes).
 * 0, or -1 when the transfer failed. */
int sim_post(const char *url, const char *ca_file, const char *body, char *answer, size_t n);

/* Runs the cmocka group, or only the test named argv[1] (CTest runs each case on its own, so
 * they run in parallel); 2 for an unknown name. */
struct CMUnitTest;
int sim_run_tests(const char *group, const struct CMUnitTest *tests, size_t n, int argc,
		  char **argv);

/* A loopback port nothing listens on (bound, read, closed). */
unsigned sim_unused_port(void);

#endif
