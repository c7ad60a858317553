/* The kiosk's configuration: one struct, read once at start from an INI file, then the
 * command line. */
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

	char devices[8];	 /* "sim" or "usb" */
	char wedge_readers[256]; /* "vvvv:pppp,..." keyboard-wedge readers to take; "" = defaults */
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
	/* Staff service mode: the PIN's hash (app/crypto/pin.h) and kioskctl's socket. */
	char service_pin_hash[160];
	bool service_allow_demo_pin; /* the demo and tests only: 2468 opens service mode */
	char control_socket[256];

	/* The update agent's state directory (session flag, health mark); "" = none. */
	char update_state_dir[512];

	/* Fleet: what the portal may also set remotely (app/fleet/rconf.h names which). */
	int heartbeat_s;		  /* seconds between heartbeats; 0 = none */
	char languages[8];		  /* languages offered: "en,es", "en" or "es" */
	char out_of_service_message[160]; /* where else to pay, shown while out of service */
	long convenience_fee_cents;	  /* 0..500, shown on the bill summary when > 0 */
	long max_payment_cents;		  /* the most one payment at this kiosk may be */
	char receipt_header[64];	  /* "" = the city's name */
	char receipt_footer[64];
};

/* Built-in defaults: paths point into the source and build trees for development. */
void config_defaults(struct kiosk_config *cfg);

/* Reads an INI file over cfg. Returns 0, KIOSK_EIO (unreadable) or KIOSK_EINVAL (bad line or
 * unknown key; err names it). */
int config_load(const char *path, struct kiosk_config *cfg, char *err, size_t errlen);

/* Sets one key ("portal.url", "kiosk.idle_timeout_s", ...) from text, validated. */
int config_set(struct kiosk_config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errlen);

/* The value of one key as text (what config_set takes); KIOSK_EINVAL and a message in out for
 * an unknown key. [service] pin_hash reads as "(set)" or "". */
int config_get(const struct kiosk_config *cfg, const char *section, const char *key, char *out,
	       size_t n);
/* Writes every setting as INI text (section, key = value), e.g. for kiosk --show-config. */
void config_dump(const struct kiosk_config *cfg, FILE *f);

#endif
