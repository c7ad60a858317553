/* Configuration: defaults, the INI file (inih), and validated single-key updates. */
#include "app/config.h"
#include "app/config_ini.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/crypto/pin.h"
#include "drivers/usb/usbdev.h"

#ifndef KIOSK_ASSETS_DIR
#define KIOSK_ASSETS_DIR "ui-assets"
#endif
#ifndef KIOSK_LOCALE_DIR
#define KIOSK_LOCALE_DIR "build/locale"
#endif

void config_defaults(struct kiosk_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->kiosk_id, sizeof(cfg->kiosk_id), "KIOSK-DEV");
	snprintf(cfg->city_name, sizeof(cfg->city_name), "City of Springfield");
	snprintf(cfg->help_text, sizeof(cfg->help_text), "Need help? Ask at the front desk.");
	snprintf(cfg->devices, sizeof(cfg->devices), "sim");
	snprintf(cfg->data_dir, sizeof(cfg->data_dir), "/var/lib/kiosk");
	snprintf(cfg->assets_dir, sizeof(cfg->assets_dir), "%s", KIOSK_ASSETS_DIR);
	snprintf(cfg->locale_dir, sizeof(cfg->locale_dir), "%s", KIOSK_LOCALE_DIR);
	cfg->portal_timeout_ms = 15000;
	cfg->portal_connect_timeout_ms = 5000;
	cfg->idle_timeout_s = 60;
	cfg->warning_s = 20;
	snprintf(cfg->lang, sizeof(cfg->lang), "en");
	keypad_defaults(&cfg->keypad);
	snprintf(cfg->speech, sizeof(cfg->speech), "off");
	cfg->speech_volume = 100;
	cfg->speech_rate = 175;
	cfg->dpi = 102; /* 21.5" 1080x1920 */
	snprintf(cfg->control_socket, sizeof(cfg->control_socket), "/run/kiosk/control.sock");
	cfg->heartbeat_s = 60;
	snprintf(cfg->languages, sizeof(cfg->languages), "en,es");
	snprintf(cfg->out_of_service_message, sizeof(cfg->out_of_service_message),
		 "You can pay online at the city's website or at the cashier's window.");
	cfg->max_payment_cents = 1000000; /* $10,000 */
}

static int set_str(char *dst, size_t n, const char *value, char *err, size_t errlen,
		   const char *key)
{
	if (strlen(value) >= n) {
		snprintf(err, errlen, "%s: value too long (at most %zu characters)", key, n - 1);
		return KIOSK_EINVAL;
	}
	snprintf(dst, n, "%s", value);
	return 0;
}

static int set_long(long *dst, const char *value, long min, long max, char *err, size_t errlen,
		    const char *key)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max) {
		snprintf(err, errlen, "%s: '%s' is not a whole number from %ld to %ld", key, value,
			 min, max);
		return KIOSK_EINVAL;
	}
	*dst = v;
	return 0;
}

static int set_int(int *dst, const char *value, long min, long max, char *err, size_t errlen,
		   const char *key)
{
	long v;
	int rc = set_long(&v, value, min, max, err, errlen, key);

	if (rc == 0)
		*dst = (int)v;
	return rc;
}

static int set_bool(bool *dst, const char *value, char *err, size_t errlen, const char *key)
{
	if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1")) {
		*dst = true;
	} else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0")) {
		*dst = false;
	} else {
		snprintf(err, errlen, "%s: '%s' is not true or false", key, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

int config_set(struct kiosk_config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errlen)
{
	char name[128];
	int rc;

	snprintf(name, sizeof(name), "%s.%s", section, key);
#define STR(s, k, field)                                                                           \
	if (!strcmp(section, s) && !strcmp(key, k))                                                \
		return set_str(cfg->field, sizeof(cfg->field), value, err, errlen, name);
	STR("kiosk", "id", kiosk_id)
	STR("kiosk", "city_name", city_name)
	STR("kiosk", "help_text", help_text)
	STR("kiosk", "data_dir", data_dir)
	STR("kiosk", "receipts_dir", receipts_dir)
	STR("kiosk", "assets_dir", assets_dir)
	STR("kiosk", "locale_dir", locale_dir)
	STR("portal", "url", portal_url)
	STR("portal", "ca_file", portal_ca)
	STR("portal", "seal_key", seal_key)
	STR("portal", "client_cert", client_cert)
	STR("portal", "client_key", client_key)
	STR("fleet", "identity_dir", identity_dir)
	STR("update", "state_dir", update_state_dir)
	STR("service", "control_socket", control_socket)
	STR("kiosk", "out_of_service_message", out_of_service_message)
	STR("receipt", "header", receipt_header)
	STR("receipt", "footer", receipt_footer)
#undef STR
	if (!strcmp(section, "portal") && !strcmp(key, "pin")) {
		/* One or more sha256//BASE64 hashes joined by ';', as libcurl takes them; a
		 * typo must not silently turn pinning off. */
		if (value[0] && strncmp(value, "sha256//", 8) != 0) {
			snprintf(err, errlen, "%s: '%s' must look like sha256//BASE64", name,
				 value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->portal_pin, sizeof(cfg->portal_pin), value, err, errlen, name);
	}
	if (!strcmp(section, "kiosk") && !strcmp(key, "devices")) {
		if (strcmp(value, "sim") && strcmp(value, "usb")) {
			snprintf(err, errlen, "%s: '%s' must be sim or usb", name, value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->devices, sizeof(cfg->devices), value, err, errlen, name);
	}
	if (!strcmp(section, "devices") && !strcmp(key, "wedge_readers")) {
		struct usbdev_id ids[32];
		size_t n;

		/* Checked here so a typo stops the kiosk at start, not at the first swipe. */
		if (usbdev_parse_ids(value, ids, 32, &n)) {
			snprintf(err, errlen,
				 "%s: '%s' must be vid:pid pairs in hex, e.g. 0801:0001,0acd:0500",
				 name, value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->wedge_readers, sizeof(cfg->wedge_readers), value, err, errlen,
			       name);
	}
	if (!strcmp(section, "service") && !strcmp(key, "pin_hash")) {
		/* Checked here: a mistyped hash would lock staff out silently. */
		if (value[0] && pin_hash_check_format(value)) {
			snprintf(err, errlen, "%s: not a PIN hash (make one with kiosk --hash-pin)",
				 name);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->service_pin_hash, sizeof(cfg->service_pin_hash), value, err,
			       errlen, name);
	}
	if (!strcmp(section, "service") && !strcmp(key, "allow_demo_pin"))
		return set_bool(&cfg->service_allow_demo_pin, value, err, errlen, name);
	if (!strcmp(section, "ui") && !strcmp(key, "lang")) {
		if (strcmp(value, "en") && strcmp(value, "es")) {
			snprintf(err, errlen, "%s: '%s' must be en or es", name, value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->lang, sizeof(cfg->lang), value, err, errlen, name);
	}
	if (!strcmp(section, "ui") && !strcmp(key, "fullscreen"))
		return set_bool(&cfg->fullscreen, value, err, errlen, name);
	if (!strcmp(section, "ui") && !strcmp(key, "idle_timeout_s"))
		return set_int(&cfg->idle_timeout_s, value, 2, 3600, err, errlen, name);
	if (!strcmp(section, "ui") && !strcmp(key, "warning_s"))
		return set_int(&cfg->warning_s, value, 1, 600, err, errlen, name);
	if (!strcmp(section, "keypad"))
		return keypad_set(&cfg->keypad, key, value, err, errlen);
	if (!strcmp(section, "a11y") && !strcmp(key, "speech")) {
		if (strcmp(value, "off") && strcmp(value, "on") && strcmp(value, "headphones")) {
			snprintf(err, errlen, "%s: '%s' must be off, on or headphones", name,
				 value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->speech, sizeof(cfg->speech), value, err, errlen, name);
	}
	if (!strcmp(section, "a11y") && !strcmp(key, "volume"))
		return set_int(&cfg->speech_volume, value, 20, 200, err, errlen, name);
	if (!strcmp(section, "a11y") && !strcmp(key, "rate"))
		return set_int(&cfg->speech_rate, value, 100, 375, err, errlen, name);
	if (!strcmp(section, "a11y") && !strcmp(key, "high_contrast"))
		return set_bool(&cfg->high_contrast, value, err, errlen, name);
	if (!strcmp(section, "a11y") && !strcmp(key, "large_text"))
		return set_bool(&cfg->large_text, value, err, errlen, name);
	if (!strcmp(section, "ui") && !strcmp(key, "dpi"))
		return set_int(&cfg->dpi, value, 50, 600, err, errlen, name);
	if (!strcmp(section, "portal") && !strcmp(key, "timeout_ms"))
		return set_long(&cfg->portal_timeout_ms, value, 500, 120000, err, errlen, name);
	if (!strcmp(section, "portal") && !strcmp(key, "connect_timeout_ms"))
		return set_long(&cfg->portal_connect_timeout_ms, value, 100, 60000, err, errlen,
				name);
	if (!strcmp(section, "ui") && !strcmp(key, "languages")) {
		if (strcmp(value, "en,es") && strcmp(value, "es,en") && strcmp(value, "en") &&
		    strcmp(value, "es")) {
			snprintf(err, errlen, "%s: '%s' must be en,es or en or es", name, value);
			return KIOSK_EINVAL;
		}
		return set_str(cfg->languages, sizeof(cfg->languages), value, err, errlen, name);
	}
	if (!strcmp(section, "fleet") && !strcmp(key, "heartbeat_s")) {
		/* 0 turns the heartbeat off; more than an hour would hide a dead kiosk. */
		return set_int(&cfg->heartbeat_s, value, 0, 3600, err, errlen, name);
	}
	if (!strcmp(section, "payments") && !strcmp(key, "convenience_fee_cents")) {
		/* A fee the kiosk showed but did not charge would tell residents something
		 * false: until the payment request, journal and receipt carry a fee line, only 0
		 * is accepted. */
		long fee = 0;
		rc = set_long(&fee, value, 0, 500, err, errlen, name);
		if (rc == 0 && fee != 0) {
			snprintf(err, errlen,
				 "%s: this version cannot charge a convenience fee; it must be 0",
				 name);
			return KIOSK_EINVAL;
		}
		if (rc == 0)
			cfg->convenience_fee_cents = 0;
		return rc;
	}
	if (!strcmp(section, "payments") && !strcmp(key, "max_payment_cents"))
		return set_long(&cfg->max_payment_cents, value, 100, 10000000, err, errlen, name);
	snprintf(err, errlen, "unknown setting %s", name);
	return KIOSK_EINVAL;
}

void config_dump(const struct kiosk_config *c, FILE *f)
{
	fprintf(f,
		"[kiosk]\nid = %s\ncity_name = %s\nhelp_text = %s\ndevices = %s\n"
		"data_dir = %s\nreceipts_dir = %s\nout_of_service_message = %s\n",
		c->kiosk_id, c->city_name, c->help_text, c->devices, c->data_dir, c->receipts_dir,
		c->out_of_service_message);
	fprintf(f,
		"\n[portal]\nurl = %s\nca_file = %s\ntimeout_ms = %ld\n"
		"connect_timeout_ms = %ld\n",
		c->portal_url, c->portal_ca, c->portal_timeout_ms, c->portal_connect_timeout_ms);
	fprintf(f, "\n[ui]\nlang = %s\nlanguages = %s\nidle_timeout_s = %d\nwarning_s = %d\n",
		c->lang, c->languages, c->idle_timeout_s, c->warning_s);
	fprintf(f, "\n[payments]\nconvenience_fee_cents = %ld\nmax_payment_cents = %ld\n",
		c->convenience_fee_cents, c->max_payment_cents);
	fprintf(f, "\n[receipt]\nheader = %s\nfooter = %s\n", c->receipt_header, c->receipt_footer);
	fprintf(f, "\n[fleet]\nheartbeat_s = %d\n", c->heartbeat_s);
}

struct load_ctx {
	struct kiosk_config *cfg;
	char *err;
	size_t errlen;
	int rc;
};

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
	struct load_ctx *c = user;

	if (c->rc)
		return 0;
	c->rc = config_set(c->cfg, section, key, value, c->err, c->errlen);
	return c->rc == 0;
}

/* Turns inih's result into ours: a line number names the first bad line. */
static int load_result(int line, const struct load_ctx *c, const char *name)
{
	if (line < 0) {
		snprintf(c->err, c->errlen, "cannot read %s", name);
		return KIOSK_EIO;
	}
	if (line > 0) {
		if (!c->rc)
			snprintf(c->err, c->errlen, "%s:%d: not a valid line", name, line);
		else {
			char inner[256];
			snprintf(inner, sizeof(inner), "%s", c->err);
			snprintf(c->err, c->errlen, "%s:%d: %s", name, line, inner);
		}
		return KIOSK_EINVAL;
	}
	return 0;
}

int config_load(const char *path, struct kiosk_config *cfg, char *err, size_t errlen)
{
	struct load_ctx c = {cfg, err, errlen, 0};

	return load_result(ini_parse(path, on_ini, &c), &c, path);
}

int config_parse_ini(const char *text, const char *name, struct kiosk_config *cfg, char *err,
		     size_t errlen)
{
	struct load_ctx c = {cfg, err, errlen, 0};
	int rc = load_result(ini_parse_string(text, on_ini, &c), &c, name);

	/* From memory there is nothing to fail to read: a negative result is inih's own
	 * out-of-memory, which a caller treats like any bad file. */
	return rc == KIOSK_EIO ? KIOSK_EINVAL : rc;
}

/* One key from config_dump's INI text; KIOSK_ENOTFOUND when it does not write it. */
static int dump_lookup(const struct kiosk_config *cfg, const char *section, const char *key,
		       char *out, size_t n)
{
	char *text = NULL, *line, *save = NULL, cur[32] = "";
	size_t len = 0, klen = strlen(key);
	FILE *f = open_memstream(&text, &len);
	int rc = KIOSK_ENOTFOUND;

	if (!f)
		return KIOSK_ENOMEM;
	config_dump(cfg, f);
	fclose(f);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '[') {
			snprintf(cur, sizeof(cur), "%.*s", (int)strcspn(line + 1, "]"), line + 1);
		} else if (!strcmp(cur, section) && !strncmp(line, key, klen) &&
			   !strncmp(line + klen, " = ", 3)) {
			snprintf(out, n, "%s", line + klen + 3);
			rc = 0;
			break;
		}
	}
	free(text);
	return rc;
}

int config_get(const struct kiosk_config *cfg, const char *section, const char *key, char *out,
	       size_t n)
{
#define STR(s, k, field)                                                                           \
	if (!strcmp(section, s) && !strcmp(key, k)) {                                              \
		snprintf(out, n, "%s", cfg->field);                                                \
		return 0;                                                                          \
	}
#define NUM(s, k, expr)                                                                            \
	if (!strcmp(section, s) && !strcmp(key, k)) {                                              \
		snprintf(out, n, "%ld", (long)(expr));                                             \
		return 0;                                                                          \
	}
	STR("kiosk", "id", kiosk_id)
	STR("kiosk", "city_name", city_name)
	STR("kiosk", "help_text", help_text)
	STR("kiosk", "data_dir", data_dir)
	STR("kiosk", "receipts_dir", receipts_dir)
	STR("kiosk", "assets_dir", assets_dir)
	STR("kiosk", "locale_dir", locale_dir)
	STR("kiosk", "devices", devices)
	STR("devices", "wedge_readers", wedge_readers)
	STR("portal", "url", portal_url)
	STR("portal", "ca_file", portal_ca)
	STR("portal", "seal_key", seal_key)
	STR("portal", "client_cert", client_cert)
	STR("portal", "client_key", client_key)
	STR("fleet", "identity_dir", identity_dir)
	STR("update", "state_dir", update_state_dir)
	STR("service", "control_socket", control_socket)
	STR("ui", "lang", lang)
	NUM("ui", "idle_timeout_s", cfg->idle_timeout_s)
	NUM("ui", "warning_s", cfg->warning_s)
	NUM("ui", "fullscreen", cfg->fullscreen)
	NUM("service", "allow_demo_pin", cfg->service_allow_demo_pin)
	NUM("portal", "timeout_ms", cfg->portal_timeout_ms)
	NUM("portal", "connect_timeout_ms", cfg->portal_connect_timeout_ms)
#undef STR
#undef NUM
	if (!strcmp(section, "service") && !strcmp(key, "pin_hash")) {
		/* Only whether there is one: the hash is not for reading off a kiosk. */
		snprintf(out, n, "%s", cfg->service_pin_hash[0] ? "(set)" : "");
		return 0;
	}
	/* The fleet's settings: read back from what config_dump writes. */
	if (dump_lookup(cfg, section, key, out, n) == 0)
		return 0;
	snprintf(out, n, "unknown setting %s.%s", section, key);
	return KIOSK_EINVAL;
}
