/* The kiosk's display endpoint: the payment terminal POSTs its display notifications here
 * (nexo_display.h) while a Payment runs, so the kiosk can mirror the terminal's prompts
 * ("Enter PIN", "Remove card", "See phone") on its own screen, in the resident's language.
 * HTTPS only (libmicrohttpd), with the HTTP Basic credentials the terminal is configured to
 * send; only notifications from this kiosk's terminal (SaleID and POIID) are passed on. Runs
 * on libmicrohttpd's threads: the callback must not block (the worker posts to the UI inbox). */
#ifndef KIOSK_TERMINAL_DISPLAY_H
#define KIOSK_TERMINAL_DISPLAY_H

#include "drivers/terminal/nexo_display.h"

struct terminal_display_config {
	const char *listen;    /* IPv4 address on the terminal's link ("0.0.0.0": all) */
	unsigned port;	       /* 0: any free port (tests) */
	const char *cert_file; /* PEM: the certificate the terminal verifies */
	const char *key_file;
	const char *user; /* HTTP Basic credentials the terminal sends */
	const char *password;
	const char *port_file; /* optional: the bound port is written here (tests) */
	const char *sale_id;   /* only notifications for this kiosk... */
	const char *poi_id;    /* ...from this terminal are taken */
};

typedef void (*terminal_display_fn)(void *ctx, const struct nexo_display *d);

struct terminal_display;

/* Starts listening. KIOSK_EINVAL for a missing setting, KIOSK_EIO when it cannot listen. */
int terminal_display_open(const struct terminal_display_config *cfg, terminal_display_fn fn,
			  void *ctx, struct terminal_display **out);
unsigned terminal_display_port(const struct terminal_display *td);
void terminal_display_close(struct terminal_display *td);

#endif
