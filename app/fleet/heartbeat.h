/* The heartbeat: every N seconds, on a thread of its own, the kiosk tells the portal how it
 * is (version, slot, uptime, devices, outbox, last error, session) and takes the portal's
 * orders from the answer: out of service on or off, a configuration version to fetch, recent
 * log lines to upload. Orders reach the UI thread through its inbox (INBOX_ORDER); a new
 * configuration is fetched and checked here, applied by the UI thread between sessions, and
 * kept on disk here once applied. An idle kiosk wakes once per interval, nothing more. */
#ifndef KIOSK_FLEET_HEARTBEAT_H
#define KIOSK_FLEET_HEARTBEAT_H

#include <stdbool.h>

#include "app/config.h"
#include "app/core/core.h"
#include "app/portal/portal.h"

struct inbox;

struct heartbeat_config {
	struct portal_config portal; /* its strings must outlive the heartbeat */
	const char *version;	     /* the running firmware's version */
	const char *data_dir;	     /* where the last good remote configuration is kept */
	const char *devices;	     /* "sim" or "usb" */
	const char *outbox_path;     /* its depth is reported (read through a handle of ours) */
	int interval_s;
	/* The local configuration (defaults, kiosk.conf) a remote one is checked against. */
	struct kiosk_config local;
	long config_version; /* the remote configuration in force at start, 0: none */
	/* Called from the heartbeat thread after each beat: did the portal answer, how fast. */
	void (*portal_seen)(void *ctx, bool reachable, int rtt_ms);
	void *portal_seen_ctx;
	/* Where orders go: INBOX_ORDER, a malloc'd struct heartbeat_order (its config too). */
	struct inbox *inbox;
};

/* What the kiosk looks like from the UI thread, as the next heartbeat reports it. */
struct heartbeat_state {
	bool session_active;
	bool out_of_service; /* the out-of-service screen is up */
	enum core_printer printer;
	enum core_cash_problem cash; /* the bill validator; CORE_CASH_NONE: none configured */
	enum core_terminal terminal; /* the payment terminal; CORE_TERMINAL_NONE: none */
	char screen[32];
};

enum heartbeat_order_type { HEARTBEAT_OUT_OF_SERVICE, HEARTBEAT_CONFIG };

struct heartbeat_order {
	enum heartbeat_order_type type;
	bool on;	 /* out of service */
	char reason[96]; /* out of service */
	bool revoked;	 /* out of service: the portal revoked our certificate */
	long version;	 /* configuration */
	char *config;	 /* the checked document (caller frees) */
};

struct heartbeat;

/* Starts the thread; with interval_s 0 it starts nothing and *out is NULL (every function
 * below accepts NULL). */
int heartbeat_start(const struct heartbeat_config *cfg, struct heartbeat **out);
void heartbeat_stop(struct heartbeat *hb);

/* UI thread, cheap: what the next report says. */
void heartbeat_set_state(struct heartbeat *hb, const struct heartbeat_state *st);
/* A new interval (from a remote configuration); takes effect after the next beat. */
void heartbeat_set_interval(struct heartbeat *hb, int interval_s);

/* UI thread: how applying a configuration order went. On success the heartbeat thread keeps
 * the document on disk (taking ownership of doc) and reports the version; on failure the
 * one in force stays and the failure is reported. */
void heartbeat_config_result(struct heartbeat *hb, long version, char *doc, const char *error);

#endif
