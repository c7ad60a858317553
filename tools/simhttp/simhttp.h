/* What the simulators share: a libmicrohttpd daemon on a loopback address (TLS from PEM files,
 * optionally asking for client certificates), a thread per connection, request bodies
 * collected up to a limit, JSON answers, and the port file tests poll for. */
#ifndef KIOSK_SIMHTTP_H
#define KIOSK_SIMHTTP_H

#include <stddef.h>

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

/* A decimal 0..max, the whole string; 0 or KIOSK_EINVAL. */
int simhttp_parse_unsigned(const char *s, unsigned max, unsigned *out);

#endif
