/* terminal-sim's internal interfaces: options and faults, the ledger (sqlite), the terminal's
 * behaviour (request checks, cards, answers), and the two listeners (nexo over HTTPS, the
 * test admin over plain HTTP on loopback). docs/terminal.md describes what it does. */
#ifndef TERMINAL_SIM_H
#define TERMINAL_SIM_H

#include <stddef.h>
#include <stdint.h>

enum tsim_fault_kind {
	TSIM_FAULT_DROP_AFTER_APPROVE, /* an approval is recorded, then the answer is dropped */
	TSIM_FAULT_REBOOTING,	       /* connections are closed as they arrive (before TLS) */
	TSIM_FAULT_SLOW,	       /* every answer waits arg ms */
	TSIM_FAULT_MALFORMED,	       /* the answer is cut short (after any recording) */
};

struct tsim_fault {
	enum tsim_fault_kind kind;
	unsigned arg; /* ms for slow */
	int limit;    /* how many approvals/connections/answers it takes; -1: all */
};

#define TSIM_MAX_FAULTS 8

struct tsim_options {
	const char *cert;
	const char *key;
	const char *db;
	const char *listen;
	unsigned port;
	const char *port_file;
	unsigned admin_port;
	const char *admin_port_file;
	const char *poi_id;
	const char *currency;
	unsigned card_timeout_ms; /* how long a Payment waits for a card (120000) */
	/* Display notifications to the sale system (display.c): its URL, or a file holding the
	 * port of a test kiosk on 127.0.0.1; the CA its certificate must chain to; the Basic
	 * credentials to send. */
	const char *display_url;
	const char *display_port_file;
	const char *display_ca;
	const char *display_user;
	const char *display_password;
	struct tsim_fault faults[TSIM_MAX_FAULTS];
	int fault_count;
	int verbose;
};

/* ---- display.c: display notifications to the sale system ---- */

#include "drivers/terminal/nexo_display.h"

struct tsim_display;

/* *out NULL (and 0) when no display URL is configured; every call below then does nothing. */
int display_open(const struct tsim_options *opt, struct tsim_display **out);
void display_close(struct tsim_display *d);
/* Queues one notification about the Payment (sale_id, service_id, sale_txn_id): an event, or
 * (event NONE) the terminal's own text. */
void display_send(struct tsim_display *d, const char *sale_id, const char *service_id,
		  const char *sale_txn_id, enum nexo_display_event event, const char *text);
/* Waits up to timeout_ms until everything queued was sent. */
void display_flush(struct tsim_display *d, unsigned timeout_ms);

/* ---- ledger.c: every transaction the terminal finished, in sqlite ---- */

enum tsim_state { TSIM_APPROVED, TSIM_DECLINED, TSIM_ABORTED, TSIM_REVERSED };

/* One finished payment: enough to answer TransactionStatus and Reversal after a restart.
 * No card number: the masked form ("411111 **** 1111", what the terminal prints) only. */
struct tsim_txn {
	char sale_id[65];
	char service_id[11];
	char sale_txn_id[65];
	char sale_txn_ts[40];
	int64_t amount_cents;
	enum tsim_state state;
	char entry[8]; /* chip, tap, swipe, wallet, or "" when no card was read */
	char masked_pan[20];
	char brand[12];
	char poi_txn_id[64];
	char poi_txn_ts[32];
	char approval_code[8];
	char error_condition[24]; /* nexo ErrorCondition, "" when approved */
	char refusal_reason[40];
	char message[40];
	char reversal_poi_txn_id[64];
};

struct tsim_ledger;

int ledger_open(const char *path, struct tsim_ledger **out);
void ledger_close(struct tsim_ledger *l);
/* KIOSK_EINVAL when (sale_id, sale_txn_id) or (sale_id, service_id) is already recorded. */
int ledger_record(struct tsim_ledger *l, const struct tsim_txn *t);
/* 0, KIOSK_ENOTFOUND or KIOSK_ESTORE. */
int ledger_find_service(struct tsim_ledger *l, const char *sale_id, const char *service_id,
			struct tsim_txn *out);
int ledger_find_sale_txn(struct tsim_ledger *l, const char *sale_id, const char *sale_txn_id,
			 struct tsim_txn *out);
int ledger_find_poi_txn(struct tsim_ledger *l, const char *poi_txn_id, struct tsim_txn *out);
/* The most recent payment of sale_id (TransactionStatus without a ServiceID). */
int ledger_find_last(struct tsim_ledger *l, const char *sale_id, struct tsim_txn *out);
/* approved -> reversed, with the reversal's own POI transaction id. */
int ledger_mark_reversed(struct tsim_ledger *l, const char *poi_txn_id,
			 const char *reversal_poi_txn_id);
int ledger_each(struct tsim_ledger *l, int (*fn)(const struct tsim_txn *t, void *ctx), void *ctx);
const char *ledger_state_name(enum tsim_state s);

/* `terminal-sim ledger --data DIR`: one JSON line per transaction. */
int ledger_main(int argc, char **argv);

/* ---- poi.c: the terminal ---- */

struct tsim_poi;

int poi_open(const struct tsim_options *opt, struct tsim_ledger *ledger, struct tsim_poi **out);
void poi_close(struct tsim_poi *p);
/* Wakes every waiting Payment so shutdown is prompt. */
void poi_stop(struct tsim_poi *p);

/* What the nexo listener should do with an answer. */
struct tsim_answer {
	unsigned status; /* HTTP status */
	char *body;	 /* malloc'd; "" for an Abort */
	int approved;	 /* a Payment was approved (drop-after-approve counts these) */
	int drop;	 /* close the connection without an answer (the terminal rebooted) */
};

/* Handles one nexo request (the whole body). May wait for a card. */
void poi_handle(struct tsim_poi *p, const char *body, size_t len, struct tsim_answer *out);

/* The admin side: present a card ("chip", "tap", "swipe", "wallet" and a PAN), remove it,
 * reboot for some seconds, and the terminal's state as JSON. 0 or KIOSK_EINVAL (with *why). */
int poi_present_card(struct tsim_poi *p, const char *entry, const char *pan, int locked,
		     const char **why);
void poi_remove_card(struct tsim_poi *p);
void poi_reboot(struct tsim_poi *p, unsigned seconds);
/* Whether the terminal is rebooting now (connections are refused). */
int poi_rebooting(struct tsim_poi *p);
char *poi_state_json(struct tsim_poi *p);

/* ---- server.c: the nexo listener (HTTPS) and the admin listener (HTTP, loopback) ---- */

struct tsim_server;

int server_start(const struct tsim_options *opt, struct tsim_poi *poi, struct tsim_server **out,
		 unsigned *port, unsigned *admin_port);
void server_stop(struct tsim_server *s);

#endif
