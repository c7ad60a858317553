/* Configuration: the settings table, defaults, the INI file (inih), and validated single-key
 * updates. Every reader and writer of a setting goes through the table below. */
#include "app/config.h"
#include "app/config_ini.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/core/money.h"
#include "app/common/weblink.h"
#include "app/core/core.h"
#include "app/crypto/pin.h"
#include "drivers/usb/usbdev.h"

#ifndef KIOSK_ASSETS_DIR
#define KIOSK_ASSETS_DIR "ui-assets"
#endif
#ifndef KIOSK_LOCALE_DIR
#define KIOSK_LOCALE_DIR "build/locale"
#endif

/* One or more sha256//BASE64 hashes joined by ';', as libcurl takes them; a typo must not
 * silently turn pinning off. */
static int check_pin(const char *name, const char *value, char *err, size_t errlen)
{
	if (value[0] && strncmp(value, "sha256//", 8) != 0) {
		snprintf(err, errlen, "%s: '%s' must look like sha256//BASE64", name, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* Checked here so a typo stops the kiosk at start, not at the first swipe. */
static int check_wedge(const char *name, const char *value, char *err, size_t errlen)
{
	struct usbdev_id ids[32];
	size_t n;

	if (usbdev_parse_ids(value, ids, 32, &n)) {
		snprintf(err, errlen,
			 "%s: '%s' must be vid:pid pairs in hex, e.g. 0801:0001,0acd:0500", name,
			 value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* A profile the kiosk does not know would print every receipt at the wrong width. */
static int check_printer_profile(const char *name, const char *value, char *err, size_t errlen)
{
	if (value[0] && !printer_profile_find(value)) {
		snprintf(err, errlen,
			 "%s: '%s' is no printer profile (docs/operations.md lists them)", name,
			 value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* A pattern that cannot make a link would print a QR code that leads nowhere. */
static int check_qr_url(const char *name, const char *value, char *err, size_t errlen)
{
	char url[256];

	if (weblink_fill(value, "K0000000A", url, sizeof(url)) != 0) {
		snprintf(err, errlen,
			 "%s: not an https:// link with \"{reference}\" once in it (for example "
			 "https://pay.example.gov/payments/{reference})",
			 name);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* Checked here: a mistyped hash would lock staff out silently. */
static int check_pin_hash(const char *name, const char *value, char *err, size_t errlen)
{
	if (value[0] && pin_hash_check_format(value)) {
		snprintf(err, errlen, "%s: not a PIN hash (make one with kiosk --hash-pin)", name);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* The card fee's percentage: a number with up to two decimals, at most 10 (percent). */
static int check_percent(const char *name, const char *value, char *err, size_t errlen)
{
	int64_t bp;

	if (money_parse_percent(value, &bp) != 0) {
		snprintf(err, errlen, "%s: '%s' is not a percentage from 0 to 10 (e.g. 2.5)", name,
			 value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* The notes a validator takes: a list of whole-dollar values. */
static int check_denominations(const char *name, const char *value, char *err, size_t errlen)
{
	int64_t cents[8];
	int n;

	if (core_cash_denominations(value, cents, 8, &n) != 0) {
		snprintf(err, errlen,
			 "%s: '%s' is not a list of one to 8 note values in whole dollars (e.g. "
			 "1,5,10,20)",
			 name, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* The eSSP fixed key: 16 hex digits (ITL's default 0123456701234567 unless the city set
 * another in the validator with ITL's tools). */
static int check_fixed_key(const char *name, const char *value, char *err, size_t errlen)
{
	if (strlen(value) != 16 || strspn(value, "0123456789abcdefABCDEF") != 16) {
		snprintf(err, errlen, "%s: '%s' is not 16 hex digits", name, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* Update quiet hours: "" or HH:MM-HH:MM (the agent reads them from the kiosk's marks dir). */
static int check_window(const char *name, const char *value, char *err, size_t errlen)
{
	if (clock_in_window(value, 0) < 0) {
		snprintf(err, errlen, "%s: '%s' is not HH:MM-HH:MM (e.g. 02:00-05:00)", name,
			 value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* ISO 4217: three capital letters ("USD"); the terminal refuses any other currency. */
static int check_currency(const char *name, const char *value, char *err, size_t errlen)
{
	bool ok = strlen(value) == 3;

	for (int i = 0; ok && i < 3; i++)
		ok = value[i] >= 'A' && value[i] <= 'Z';
	if (!ok) {
		snprintf(err, errlen, "%s: '%s' is not an ISO 4217 code such as USD", name, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

#define FIELD(f) offsetof(struct kiosk_config, f), sizeof(((struct kiosk_config *)0)->f)
#define F CONFIG_FILE
#define C CONFIG_CMDLINE
#define P CONFIG_PORTAL
#define L CONFIG_LIVE
#define TEXT(name, f, def, src)                                                                    \
	{                                                                                          \
		name, CONFIG_TEXT, FIELD(f), def, 0, 0, 0, NULL, NULL, src, false                  \
	}
#define CHOICE(name, f, def, choices, src)                                                         \
	{                                                                                          \
		name, CONFIG_TEXT, FIELD(f), def, 0, 0, 0, choices, NULL, src, false               \
	}
#define CHECKED(name, f, def, check, src)                                                          \
	{                                                                                          \
		name, CONFIG_TEXT, FIELD(f), def, 0, 0, 0, NULL, check, src, false                 \
	}
#define INT(name, f, def, min, max, src)                                                           \
	{                                                                                          \
		name, CONFIG_INT, FIELD(f), def, min, max, min, NULL, NULL, src, false             \
	}
#define BOOL(name, f, def, src)                                                                    \
	{                                                                                          \
		name, CONFIG_BOOL, FIELD(f), def, 0, 0, 0, NULL, NULL, src, false                  \
	}

/* Every setting, once. Live (L) means the running kiosk applies a new value at once (or, for
 * what a session uses, when the session in progress ends); the others need a restart, either
 * because another thread holds a copy (the portal client, the worker, the receipts) or because
 * a wrong value there could cut the kiosk off. What the portal may set (P) is deliberately
 * small: not the portal's address, certificates, directories or the kiosk's identity. */
static const struct config_key table[] = {
    TEXT("kiosk.id", kiosk_id, "KIOSK-DEV", F | C),
    TEXT("kiosk.city_name", city_name, "City of Springfield", F),
    TEXT("kiosk.help_text", help_text, "Need help? Ask at the front desk.", F | L),
    TEXT("kiosk.help_text_es", help_text_es, "", F | L),
    CHOICE("kiosk.devices", devices, "sim", "sim|usb", F | C),
    TEXT("kiosk.data_dir", data_dir, "/var/lib/kiosk", F | C),
    TEXT("kiosk.receipts_dir", receipts_dir, "", F | C), /* "": <data_dir>/receipts */
    TEXT("kiosk.assets_dir", assets_dir, KIOSK_ASSETS_DIR, F),
    TEXT("kiosk.locale_dir", locale_dir, KIOSK_LOCALE_DIR, F),
    TEXT("kiosk.out_of_service_message", out_of_service_message,
	 "You can pay online at the city's website or at the cashier's window.", F | P | L),
    TEXT("kiosk.out_of_service_message_es", out_of_service_message_es,
	 "Puede pagar en línea en el sitio web de la ciudad o en la ventanilla de caja.",
	 F | P | L),
    TEXT("kiosk.city_phone", city_phone, "(555) 010-0100", F | P | L),
    TEXT("kiosk.city_website", city_website, "www.springfield.example.gov", F | P | L),
    TEXT("kiosk.city_hours", city_hours, "Monday to Friday, 8 a.m. to 5 p.m.", F | P | L),
    TEXT("kiosk.city_hours_es", city_hours_es, "", F | P | L),
    CHECKED("devices.wedge_readers", wedge_readers, "", check_wedge, F),
    CHECKED("devices.scanners", scanners, "", check_wedge, F),
    BOOL("devices.chip_terminal", chip_terminal, "false", F | C),
    CHECKED("printer.profile", printer_profile, "", check_printer_profile, F),
    TEXT("portal.url", portal_url, "", F | C),
    TEXT("portal.ca_file", portal_ca, "", F | C),
    TEXT("portal.seal_key", seal_key, "", F | C),
    TEXT("portal.client_cert", client_cert, "", F),
    TEXT("portal.client_key", client_key, "", F),
    CHECKED("portal.pin", portal_pin, "", check_pin, F | C),
    INT("portal.timeout_ms", portal_timeout_ms, "15000", 500, 120000, F | C),
    INT("portal.connect_timeout_ms", portal_connect_timeout_ms, "5000", 100, 60000, F),
    CHOICE("ui.lang", lang, "en", "en|es", F | C | L),
    CHOICE("ui.languages", languages, "en,es", "en,es|es,en|en|es", F | P | L),
    BOOL("ui.fullscreen", fullscreen, "false", F | C),
    INT("ui.idle_timeout_s", idle_timeout_s, "60", 2, 3600, F | C | P | L),
    INT("ui.warning_s", warning_s, "20", 1, 600, F | C | L),
    INT("ui.dpi", dpi, "102", 50, 600, F), /* 21.5" 1080x1920 */
    CHOICE("ui.look", look, "default", "default|large|high-contrast|large-high-contrast",
	   F | C | L),
    CHOICE("a11y.speech", speech, "off", "off|on|headphones", F | C | L),
    INT("a11y.volume", speech_volume, "100", 20, 200, F | L),
    INT("a11y.rate", speech_rate, "175", 100, 375, F | L),
    BOOL("a11y.high_contrast", high_contrast, "false", F | L),
    BOOL("a11y.large_text", large_text, "false", F | L),
    {"keypad.*", CONFIG_KEYPAD, FIELD(keypad), NULL, 0, 0, 0, NULL, NULL, F, false},
    {"service.pin_hash", CONFIG_TEXT, FIELD(service_pin_hash), "", 0, 0, 0, NULL, check_pin_hash,
     F | C, true},
    /* The demo and the tests only: a kiosk image refuses the demo PIN 2468 (issue 14). */
    BOOL("service.allow_demo_pin", service_allow_demo_pin, "false", F | C),
    TEXT("service.control_socket", control_socket, "/run/kiosk/control.sock", F | C),
    TEXT("update.state_dir", update_state_dir, "", F),
    CHECKED("update.window", update_window, "", check_window, F | P | L),
    TEXT("fleet.identity_dir", identity_dir, "", F),
    /* 0 turns the heartbeat off locally; from the portal that would cut the kiosk off for
     * good, and more than an hour would hide a dead kiosk. */
    {"fleet.heartbeat_s", CONFIG_INT, FIELD(heartbeat_s), "60", 0, 3600, 1, NULL, NULL,
     F | C | P | L, false},
    INT("payments.convenience_fee_cents", convenience_fee_cents, "0", 0, 500, F | P | L),
    CHECKED("payments.card_fee_percent", card_fee_percent, "0", check_percent, F | P | L),
    INT("payments.card_fee_min_cents", card_fee_min_cents, "0", 0, 500, F | P | L),
    INT("payments.card_fee_max_cents", card_fee_max_cents, "0", 0, 10000, F | P | L),
    INT("payments.max_payment_cents", max_payment_cents, "1000000", 100, 10000000, F | P | L),
    /* Which card tender the kiosk has: the worker holds it, so a change needs a restart. */
    CHOICE("payments.card", payments_card, "reader", "reader|terminal", F | C),
    TEXT("terminal.url", terminal_url, "", F | C),
    TEXT("terminal.ca_file", terminal_ca, "", F | C),
    TEXT("terminal.poi_id", terminal_poi_id, "", F | C),
    TEXT("terminal.sale_id", terminal_sale_id, "", F), /* "": kiosk.id */
    CHECKED("terminal.currency", terminal_currency, "USD", check_currency, F),
    INT("terminal.timeout_ms", terminal_timeout_ms, "15000", 1000, 120000, F),
    /* The terminal itself gives up on a card after about two minutes. */
    INT("terminal.payment_timeout_ms", terminal_payment_timeout_ms, "180000", 30000, 600000, F),
    INT("terminal.connect_timeout_ms", terminal_connect_timeout_ms, "5000", 100, 60000, F),
    TEXT("terminal.display_listen", terminal_display_listen, "", F),
    INT("terminal.display_port", terminal_display_port, "8443", 0, 65535, F),
    TEXT("terminal.display_port_file", terminal_display_port_file, "", F),
    TEXT("terminal.display_cert", terminal_display_cert, "", F),
    TEXT("terminal.display_key", terminal_display_key, "", F),
    TEXT("terminal.display_user", terminal_display_user, "", F),
    {"terminal.display_password", CONFIG_TEXT, FIELD(terminal_display_password), "", 0, 0, 0, NULL,
     NULL, F, true},
    /* The worker prints receipts (one may still be printing as a session ends): a new
     * header or footer is taken at the next start. */
    TEXT("receipt.header", receipt_header, "", F | P), /* "": the city's name */
    TEXT("receipt.footer", receipt_footer, "", F | P),
    /* The QR code on the receipt links to the payment on the city's website. */
    CHECKED("receipt.qr_url", receipt_qr_url, "", check_qr_url, F),
    /* The validator's thread holds the limits: a change is taken at the next start. */
    CHOICE("cash.device", cash_device, "none", "none|itl", F | C),
    CHECKED("cash.denominations", cash_denominations, "1,5,10,20", check_denominations, F),
    INT("cash.max_payment_cents", cash_max_payment_cents, "50000", 100, 1000000, F),
    INT("cash.max_credit_cents", cash_max_credit_cents, "2000", 0, 100000, F),
    CHECKED("cash.fixed_key", cash_fixed_key, "0123456701234567", check_fixed_key, F),
};

#undef F
#undef C
#undef P
#undef L

void config_look(const struct kiosk_config *cfg, bool *high_contrast, bool *large_text)
{
	*high_contrast = cfg->high_contrast || strstr(cfg->look, "high-contrast") != NULL;
	*large_text = cfg->large_text || !strncmp(cfg->look, "large", 5);
}

const struct config_key *config_keys(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

/* The length of a row's section ("ui" of "ui.lang"). */
static size_t section_len(const char *name)
{
	return strcspn(name, ".");
}

static const struct config_key *find(const char *section, const char *key)
{
	size_t sl = strlen(section);

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct config_key *k = &table[i];
		if (section_len(k->name) != sl || strncmp(k->name, section, sl))
			continue;
		if (k->type == CONFIG_KEYPAD || !strcmp(k->name + sl + 1, key))
			return k;
	}
	return NULL;
}

/* "section.key" into its parts; -1 when it is not that shape. */
static int split(const char *name, char *section, size_t sn, char *key, size_t kn)
{
	size_t sl = section_len(name);

	if (!name[sl] || sl == 0 || !name[sl + 1] || sl >= sn || strlen(name + sl + 1) >= kn)
		return -1;
	snprintf(section, sn, "%.*s", (int)sl, name);
	snprintf(key, kn, "%s", name + sl + 1);
	return 0;
}

const struct config_key *config_find(const char *name)
{
	char section[32], key[64];

	if (split(name, section, sizeof(section), key, sizeof(key)))
		return NULL;
	return find(section, key);
}

static void *field(struct kiosk_config *cfg, const struct config_key *k)
{
	return (char *)cfg + k->offset;
}

static const void *cfield(const struct kiosk_config *cfg, const struct config_key *k)
{
	return (const char *)cfg + k->offset;
}

static int parse_long(const char *name, const char *value, long min, long max, long *out, char *err,
		      size_t errlen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max) {
		snprintf(err, errlen, "%s: '%s' is not a whole number from %ld to %ld", name, value,
			 min, max);
		return KIOSK_EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_bool(const char *name, const char *value, bool *out, char *err, size_t errlen)
{
	if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1")) {
		*out = true;
	} else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0")) {
		*out = false;
	} else {
		snprintf(err, errlen, "%s: '%s' is not true or false", name, value);
		return KIOSK_EINVAL;
	}
	return 0;
}

/* Whether value is one of "a|b|c". */
static bool one_of(const char *choices, const char *value)
{
	size_t len = strlen(value);

	for (const char *p = choices; *p;) {
		size_t n = strcspn(p, "|");
		if (n == len && !strncmp(p, value, n))
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

/* The choices for a message: "a|b|c" as "a, b or c". */
static void choices_text(const char *choices, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (const char *p = choices; *p && len < n;) {
		size_t w = strcspn(p, "|");
		const char *sep = !len ? "" : p[w] ? ", " : " or ";
		len += (size_t)snprintf(out + len, n - len, "%s%.*s", sep, (int)w, p);
		p += w + (p[w] == '|');
	}
}

/* Sets key k (its action for [keypad]) from text, with min as the lower bound for numbers. */
static int set_row(struct kiosk_config *cfg, const struct config_key *k, const char *name,
		   const char *key, const char *value, long min, char *err, size_t errlen)
{
	long v;
	bool b;
	int rc;

	switch (k->type) {
	case CONFIG_KEYPAD: return keypad_set(&cfg->keypad, key, value, err, errlen);
	case CONFIG_BOOL:
		rc = parse_bool(name, value, &b, err, errlen);
		if (rc == 0)
			*(bool *)field(cfg, k) = b;
		return rc;
	case CONFIG_INT:
		rc = parse_long(name, value, min, k->max, &v, err, errlen);
		if (rc == 0 && k->check)
			rc = k->check(name, value, err, errlen);
		if (rc)
			return rc;
		if (k->size == sizeof(int))
			*(int *)field(cfg, k) = (int)v;
		else
			*(long *)field(cfg, k) = v;
		return 0;
	case CONFIG_TEXT:
		if (strlen(value) >= k->size) {
			snprintf(err, errlen, "%s: value too long (at most %zu characters)", name,
				 k->size - 1);
			return KIOSK_EINVAL;
		}
		if (k->choices && !one_of(k->choices, value)) {
			char list[96];
			choices_text(k->choices, list, sizeof(list));
			snprintf(err, errlen, "%s: '%s' must be %s", name, value, list);
			return KIOSK_EINVAL;
		}
		if (k->check && (rc = k->check(name, value, err, errlen)))
			return rc;
		snprintf(field(cfg, k), k->size, "%s", value);
		return 0;
	}
	return KIOSK_EINVAL;
}

int config_set(struct kiosk_config *cfg, const char *section, const char *key, const char *value,
	       char *err, size_t errlen)
{
	const struct config_key *k = find(section, key);
	char name[128];

	snprintf(name, sizeof(name), "%s.%s", section, key);
	if (!k) {
		snprintf(err, errlen, "unknown setting %s", name);
		return KIOSK_EINVAL;
	}
	return set_row(cfg, k, name, key, value, k->min, err, errlen);
}

static const char *source_name(enum config_source s)
{
	switch (s) {
	case CONFIG_FILE: return "kiosk.conf";
	case CONFIG_CMDLINE: return "the command line";
	case CONFIG_PORTAL: return "the portal";
	case CONFIG_LIVE: return "kioskctl";
	}
	return "?";
}

int config_set_from(struct kiosk_config *cfg, const char *name, const char *value,
		    enum config_source source, char *err, size_t errlen)
{
	char section[32], key[64];
	const struct config_key *k = NULL;

	if (!split(name, section, sizeof(section), key, sizeof(key)))
		k = find(section, key);
	if (!k) {
		snprintf(err, errlen, "unknown setting %s", name);
		return KIOSK_EINVAL;
	}
	if (!(k->sources & source)) {
		if (source == CONFIG_LIVE)
			snprintf(err, errlen,
				 "%s cannot change while the kiosk runs: set it in kiosk.conf and "
				 "restart the kiosk",
				 name);
		else
			snprintf(err, errlen, "%s: not a setting %s may change", name,
				 source_name(source));
		return KIOSK_EINVAL;
	}
	return set_row(cfg, k, name, key, value, source == CONFIG_PORTAL ? k->portal_min : k->min,
		       err, errlen);
}

/* Key k as text; for [keypad], action `key`. */
static int get_row(const struct kiosk_config *cfg, const struct config_key *k, const char *key,
		   char *out, size_t n)
{
	const void *f = cfield(cfg, k);

	switch (k->type) {
	case CONFIG_KEYPAD: return keypad_get(&cfg->keypad, key, out, n);
	case CONFIG_BOOL: snprintf(out, n, "%s", *(const bool *)f ? "true" : "false"); break;
	case CONFIG_INT:
		snprintf(out, n, "%ld",
			 k->size == sizeof(int) ? (long)*(const int *)f : *(const long *)f);
		break;
	case CONFIG_TEXT:
		/* A secret says only whether there is one: the PIN's hash is not for reading off a
		 * kiosk. */
		snprintf(out, n, "%s",
			 k->secret ? (*(const char *)f ? "(set)" : "") : (const char *)f);
		break;
	}
	return 0;
}

int config_get(const struct kiosk_config *cfg, const char *section, const char *key, char *out,
	       size_t n)
{
	const struct config_key *k = find(section, key);

	if (!k || get_row(cfg, k, key, out, n)) {
		snprintf(out, n, "unknown setting %s.%s", section, key);
		return KIOSK_EINVAL;
	}
	return 0;
}

int config_get_name(const struct kiosk_config *cfg, const char *name, char *out, size_t n)
{
	char section[32], key[64];

	if (split(name, section, sizeof(section), key, sizeof(key))) {
		snprintf(out, n, "unknown setting %s", name);
		return KIOSK_EINVAL;
	}
	return config_get(cfg, section, key, out, n);
}

void config_defaults(struct kiosk_config *cfg)
{
	char err[256];

	memset(cfg, 0, sizeof(*cfg));
	keypad_defaults(&cfg->keypad);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].def)
			set_row(cfg, &table[i], table[i].name, "", table[i].def, table[i].min, err,
				sizeof(err));
}

void config_dump(const struct kiosk_config *cfg, FILE *f)
{
	char value[600];
	size_t prev = 0;

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct config_key *k = &table[i];
		size_t sl = section_len(k->name);
		/* A section is printed once: rows of one section follow each other (tested). */
		if (i == 0 || sl != prev || strncmp(k->name, table[i - 1].name, sl))
			fprintf(f, "%s[%.*s]\n", i ? "\n" : "", (int)sl, k->name);
		prev = sl;
		if (k->type == CONFIG_KEYPAD) {
			for (int a = 0; a < KEYPAD_ACTION_COUNT; a++) {
				keypad_get(&cfg->keypad, keypad_action_name(a), value,
					   sizeof(value));
				fprintf(f, "%s = %s\n", keypad_action_name(a), value);
			}
			continue;
		}
		get_row(cfg, k, "", value, sizeof(value));
		fprintf(f, "%s = %s\n", k->name + sl + 1, value);
	}
}

void config_copy(struct kiosk_config *dst, const struct kiosk_config *src, unsigned sources)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if ((table[i].sources & sources) == sources)
			memcpy(field(dst, &table[i]), cfield(src, &table[i]), table[i].size);
}

bool config_differs(const struct kiosk_config *a, const struct kiosk_config *b,
		    const struct config_key *k)
{
	if (k->type == CONFIG_TEXT)
		return strcmp(cfield(a, k), cfield(b, k)) != 0;
	return memcmp(cfield(a, k), cfield(b, k), k->size) != 0;
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
