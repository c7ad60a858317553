/* The kiosk's configuration: one struct, read once at start from an INI file, then the
 * command line. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct kiosk_config {
	char kiosk_id[64];
	char city_name[96];
	char help_text[160];

	char devices[8]; /* "sim" or "usb" */
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
	char portal_pin[128]; /* "sha256//BASE64", or "" for CA verification alone */
	long portal_timeout_ms;
	long portal_connect_timeout_ms;

	int idle_timeout_s;
	int warning_s;
	char lang[4];
	bool fullscreen;

	/* Staff service mode: the PIN's hash (app/crypto/pin.h), kioskctl's socket, and where else
	 * residents can pay while the kiosk is out of service. */
	char service_pin_hash[160];
	char control_socket[256];
	char elsewhere_text[200];

	/* The update agent's state directory (session flag, health mark); "" = none. */
	char update_state_dir[512];
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

#endif
