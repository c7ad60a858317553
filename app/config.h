/* The kiosk's settings: one table (app/config.c) names every key once with its section, type,
 * default, bounds and where it may come from (kiosk.conf, the command line, the portal's
 * remote configuration, kioskctl while the kiosk runs). Everything that reads or writes a
 * setting goes through the table: the INI file, the command line (app/cli.c), --show-config,
 * remote configuration (app/fleet/rconf.c) and kioskctl.
 *
 * struct kiosk_config is a value: a snapshot of every setting. The UI thread owns the one in
 * force; other threads get copies at start and never see it change under them. A change is a
 * new snapshot built aside (config_set on a copy) and applied by the UI thread. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/a11y/keypad.h"

struct kiosk_config {
	char kiosk_id[64];
	char city_name[96];
	char help_text[160];
	char help_text_es[160]; /* the same in Spanish ("": the catalog's, if it has it) */

	char devices[8];	 /* "sim" or "usb" */
	char wedge_readers[256]; /* "vvvv:pppp,..." keyboard-wedge readers to take; "" = defaults */
	char scanners[256]; /* "vvvv:pppp,..." barcode scanners to take (keyboard mode needs it) */
	char printer_profile[32]; /* [printer] profile: "" = from the device table */
	bool chip_terminal;	  /* [devices] chip_terminal: chip cards are sent to insert */
	char data_dir[512];
	char receipts_dir[512];
	char assets_dir[512];
	char locale_dir[512];

	char portal_url[256];
	char portal_ca[512];
	char seal_key[512];
	char client_cert[512];
	char client_key[512];
	/* [fleet]: device.pem + device.key from kiosk-enroll, used when client_cert and client_key
	 * are not set. */
	char identity_dir[512];
	char portal_pin[128]; /* "sha256//BASE64", or "" for CA verification alone */
	long portal_timeout_ms;
	long portal_connect_timeout_ms;

	int idle_timeout_s;
	int warning_s;
	char lang[4];
	bool fullscreen;

	/* Accessibility (ADA 707): the keypad's key map, speech (off, on, or on when an audio
	 * output is present: "headphones"), its volume and rate, the screen's density for the
	 * 15 mm touch targets, and the look each session starts with. */
	struct keypad_map keypad;
	char speech[12];
	int speech_volume;
	int speech_rate;
	int dpi;
	bool high_contrast;
	bool large_text;
	/* [ui] look: the look each session starts in (default, large, high-contrast,
	 * large-high-contrast); a11y.high_contrast and a11y.large_text each add theirs. */
	char look[24];
	/* Staff service mode: the PIN's hash (app/crypto/pin.h) and kioskctl's socket. */
	char service_pin_hash[160];
	bool service_allow_demo_pin; /* the demo and tests only: 2468 opens service mode */
	char control_socket[256];

	/* The update agent's state directory (session flag, health mark); "" = none. */
	char update_state_dir[512];
	/* Quiet hours for installing and switching updates, "HH:MM-HH:MM"; "" = any time. */
	char update_window[16];

	/* Fleet: what the portal may also set remotely (CONFIG_PORTAL in the table). */
	int heartbeat_s;		     /* seconds between heartbeats; 0 = none */
	char languages[8];		     /* languages offered: "en,es", "en" or "es" */
	char out_of_service_message[160];    /* where else to pay, shown while out of service */
	char out_of_service_message_es[160]; /* the same in Spanish ("": none) */
	/* How residents reach the city: the out-of-service screen and every receipt. */
	char city_phone[32];
	char city_website[64];
	char city_hours[96];	/* when the city's offices are open, in English */
	char city_hours_es[96]; /* the same in Spanish ("": the catalog's, if it has it) */
	/* The card fee (docs/operations.md, "Card fee"): a percentage held between a minimum and
	 * a maximum, or (no percentage) the flat convenience fee. Never on cash. */
	long convenience_fee_cents; /* flat, 0..500 */
	char card_fee_percent[8];   /* "2.5": up to two decimals, at most 10; "0": flat */
	long card_fee_min_cents;
	long card_fee_max_cents; /* 0: no maximum */
	long max_payment_cents;	 /* the most one payment at this kiosk may be */
	char payments_card[12];	 /* [payments] card: "terminal" or "reader" */

	/* [terminal]: the payment terminal on the kiosk's local link (docs/terminal.md). */
	char terminal_url[256];		  /* https://<terminal>:8443/nexo */
	char terminal_ca[512];		  /* the only CA its certificate may chain to */
	char terminal_poi_id[64];	  /* the terminal's POIID ("V400m-324688179") */
	char terminal_sale_id[64];	  /* this kiosk as the terminal knows it; "" = kiosk.id */
	char terminal_currency[4];	  /* ISO 4217 */
	long terminal_timeout_ms;	  /* Abort, TransactionStatus, Reversal, Diagnosis */
	long terminal_payment_timeout_ms; /* a Payment waits for the resident's card */
	long terminal_connect_timeout_ms;
	/* Display notifications from the terminal (docs/operations.md, "Payment terminals"):
	 * the kiosk's HTTPS endpoint the terminal is configured to POST them to. */
	char terminal_display_listen[64];     /* IPv4 address; "" = none */
	long terminal_display_port;	      /* 0: any free port (tests) */
	char terminal_display_port_file[512]; /* tests: the bound port is written here */
	char terminal_display_cert[512];      /* PEM the terminal verifies */
	char terminal_display_key[512];
	char terminal_display_user[64]; /* the HTTP Basic credentials the terminal sends */
	char terminal_display_password[128];
	char receipt_header[64]; /* "" = the city's name */
	char receipt_footer[64];
	char receipt_qr_url[200]; /* the QR code's link, "{reference}" in it; "" = the reference */

	/* [cash]: a bill validator (docs/operations.md, "Cash"). */
	char cash_device[8];	     /* "none", or "itl": an ITL eSSP validator (sim or USB) */
	char cash_denominations[48]; /* notes taken, whole dollars: "1,5,10,20" */
	long cash_max_payment_cents; /* the most notes one payment may take */
	long cash_max_credit_cents;  /* the most over the amount due (credited to the account) */
	char cash_fixed_key[20];     /* the eSSP fixed key the validator was set to, 16 hex */
};

/* Where a setting may come from (a key's `sources`, any combination). */
enum config_source {
	CONFIG_FILE = 1 << 0,	 /* kiosk.conf (every key) */
	CONFIG_CMDLINE = 1 << 1, /* a command-line option (app/cli.c names it) */
	CONFIG_PORTAL = 1 << 2,	 /* the portal's remote configuration (app/fleet/rconf.h) */
	CONFIG_LIVE = 1 << 3,	 /* kioskctl config set: the running kiosk applies it at once */
};

enum config_type {
	CONFIG_TEXT,   /* a string; `choices` ("en|es") limits it when set */
	CONFIG_INT,    /* a whole number from min to max (an int or a long field) */
	CONFIG_BOOL,   /* true/false, yes/no, 1/0 */
	CONFIG_KEYPAD, /* [keypad] ACTION = keys: one row stands for every action */
};

/* One row of the settings table. */
struct config_key {
	const char *name; /* "section.key" as in kiosk.conf, the portal and kioskctl */
	enum config_type type;
	size_t offset, size; /* the field in struct kiosk_config */
	const char *def;     /* the default as text; NULL: the field's module sets it */
	long min, max;	     /* CONFIG_INT */
	long portal_min;     /* CONFIG_INT from the portal: a tighter lower bound, or min */
	const char *choices; /* CONFIG_TEXT: "a|b|c", or NULL for free text */
	/* Extra check of a value already within type and bounds; 0 or KIOSK_EINVAL + err. */
	int (*check)(const char *name, const char *value, char *err, size_t errlen);
	unsigned sources; /* enum config_source bits */
	bool secret;	  /* read back only as "(set)" or "" */
};

/* The table, in the order --show-config prints it; *n receives its length. */
const struct config_key *config_keys(size_t *n);

/* The row of "section.key" (for [keypad], the keypad row), or NULL. */
const struct config_key *config_find(const char *name);

/* Built-in defaults (every row's def): paths point into the source and build trees for
 * development. */
void config_defaults(struct kiosk_config *cfg);

/* Reads an INI file over cfg. Returns 0, KIOSK_EIO (unreadable) or KIOSK_EINVAL (bad line or
 * unknown key; err names it). */
int config_load(const char *path, struct kiosk_config *cfg, char *err, size_t errlen);

/* Sets one key ("portal", "url") from text, validated against its row. */
int config_set(struct kiosk_config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errlen);

/* Sets "section.key" when its row allows `source` (one enum config_source bit). KIOSK_EINVAL
 * with err saying why: an unknown key, a key that source may not set, or a bad value. */
int config_set_from(struct kiosk_config *cfg, const char *name, const char *value,
		    enum config_source source, char *err, size_t errlen);

/* The value of one key as text (what config_set takes); KIOSK_EINVAL and a message in out for
 * an unknown key. A secret reads as "(set)" or "". */
int config_get(const struct kiosk_config *cfg, const char *section, const char *key, char *out,
	       size_t n);
int config_get_name(const struct kiosk_config *cfg, const char *name, char *out, size_t n);

/* Writes every setting as INI text (section, key = value), e.g. for kiosk --show-config. */
void config_dump(const struct kiosk_config *cfg, FILE *f);

/* The look a session starts in: [ui] look, with a11y.high_contrast and a11y.large_text. */
void config_look(const struct kiosk_config *cfg, bool *high_contrast, bool *large_text);

/* Copies into dst the values of every key whose sources include all `sources` bits. */
void config_copy(struct kiosk_config *dst, const struct kiosk_config *src, unsigned sources);

/* Whether a and b differ in key k. */
bool config_differs(const struct kiosk_config *a, const struct kiosk_config *b,
		    const struct config_key *k);

#endif
