/* The control socket kioskctl talks to: a UNIX stream socket, one JSON request line in, one
 * JSON answer line out (jansson). A thread of its own accepts and reads; read-only queries
 * are answered there from the status snapshot, anything else is handed to the UI loop
 * (submit) and answered by whoever finishes it (ctl_server_answer, any thread). The UI
 * loop never waits on the socket. */
#ifndef KIOSK_CTL_SERVER_H
#define KIOSK_CTL_SERVER_H

#include <jansson.h>

#define CTL_MAX_ARGS 4

struct ctl_request {
	char cmd[32];
	char args[CTL_MAX_ARGS][256];
	int argc;
	/* the server's own */
	int refs;
	json_t *answer;
};

struct ctl_server_ops {
	/* On the server thread: the answer to a read-only request (a new reference), or NULL
	 * when the request must go to the UI loop. */
	json_t *(*query)(void *ctx, const struct ctl_request *req);
	/* On the server thread: hands req to the UI loop, which must answer it exactly once. */
	void (*submit)(void *ctx, struct ctl_request *req);
	void *ctx;
};

struct ctl_server;

/* Creates the socket at path (an old one there is replaced), mode 0660, group kiosk-staff
 * when that group exists (best effort), and starts the thread. */
int ctl_server_start(const char *path, const struct ctl_server_ops *ops, struct ctl_server **out);
/* Stops accepting and joins the thread; requests still out may be answered until _free. */
void ctl_server_stop(struct ctl_server *s);
void ctl_server_free(struct ctl_server *s);

/* Answers a submitted request (takes the reference to answer). Any thread, once. */
void ctl_server_answer(struct ctl_server *s, struct ctl_request *req, json_t *answer);

/* {"ok":false,"error":message} */
json_t *ctl_error(const char *message);

#endif
