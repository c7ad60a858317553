/* What the simulators share: a libmicrohttpd daemon on a loopback address (TLS from PEM files,
 * optionally asking for client certificates), a thread per connection, request bodies
 * collected up to a limit, JSON answers, and the port file tests poll for. */
#ifndef KIOSK_SIMHTTP_H
#define KIOSK_SIMHTTP_H

#include <signal.h>
#include <stddef.h>

#include <jansson.h>
#include <microhttpd.h>

struct simhttp_options {
	const char *listen; /* IPv4 address, "127.0.0.1" */
	unsigned port;	    /* 0: any free port */
	const char *cert;   /* PEM files for TLS; both NULL: plain HTTP */
	const char *key;
	const char *client_ca; /* PEM; ask clients for a certificate from it (optional) */
	const char *name;      /* for log lines: "portal-sim", "terminal-sim" */
	/* Called for each new connection; MHD_NO closes it before TLS (optional). */
	MHD_AcceptPolicyCallback accept;
	void *accept_cls;
};

struct simhttp;

/* Starts the daemon; *port receives the bound port. handler/completed as for MHD. */
int simhttp_start(const struct simhttp_options *opt, MHD_AccessHandlerCallback handler,
		  void *handler_cls, MHD_RequestCompletedCallback completed, void *completed_cls,
		  struct simhttp **out, unsigned *port);
void simhttp_stop(struct simhttp *s);

/* A request body as it arrives: NUL-terminated, too_big set past max (the rest dropped). */
struct simhttp_body {
	char *data;
	size_t len;
	int too_big;
};

/* Appends one upload chunk; 0, or KIOSK_ENOMEM. */
int simhttp_body_append(struct simhttp_body *b, size_t max, const char *data, size_t n);
void simhttp_body_free(struct simhttp_body *b);

/* Queues body (malloc'd, taken) as the answer with the given Content-Type and no-store. */
enum MHD_Result simhttp_send(struct MHD_Connection *conn, unsigned status, const char *content_type,
			     char *body);

/* The whole file as a NUL-terminated string (NULL and a log line on failure). */
char *simhttp_read_file(const char *path, const char *name);

/* Writes the port beside `path` and renames it into place, so a poller never reads half. */
int simhttp_write_port_file(const char *path, unsigned port, const char *name);

/* Blocks SIGTERM and SIGINT (into *stop, for sigwait) before any thread starts, and ignores
 * SIGPIPE, so only the main thread's sigwait ever sees a stop. */
void simhttp_block_stop_signals(sigset_t *stop);

/* --data DIR: DIR/db_name into path, DIR created (0700) if missing; 0, KIOSK_EIO or
 * KIOSK_EINVAL. */
int simhttp_data_db(const char *dir, const char *db_name, char *path, size_t n);

/* `SIM ledger [--data DIR | --db FILE]`: the database path into path (DIR/db_name, or FILE,
 * or ./db_name). 0, or the exit status to return (after a message): 1 when there is no such
 * database (reading never creates one), 2 for a usage error. */
int simhttp_ledger_path(int argc, char **argv, const char *prog, const char *db_name, char *path,
			size_t n);

/* Fault switches, "NAME" or "NAME:N": whether s names `name`; and its N, a delay in ms
 * (required, 0..600000) when is_delay, else a use count (>= 1) into *limit, which stays as it
 * was without ":N". 0 or KIOSK_EINVAL. */
int simhttp_fault_is(const char *s, const char *name);
int simhttp_fault_arg(const char *s, int is_delay, unsigned *ms, int *limit);

/* Prints doc as one compact JSON line on stdout (a ledger row) and frees it. */
int simhttp_print_json_line(json_t *doc);

/* A decimal 0..max, the whole string; 0 or KIOSK_EINVAL. */
int simhttp_parse_unsigned(const char *s, unsigned max, unsigned *out);

#endif
