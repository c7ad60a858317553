/* Remote configuration: the settings table's CONFIG_PORTAL keys, each checked by the table. */
#include "app/fleet/rconf.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/log.h"
#include "app/core/money.h"

/* One setting: whether the portal may set it, its type and bounds, all from the settings table
 * (app/config.c). */
static int apply_one(struct kiosk_config *cfg, const char *name, json_t *value, char *err,
		     size_t errlen)
{
	const struct config_key *k = config_find(name);
	char text[256];

	if (!k || !(k->sources & CONFIG_PORTAL)) {
		snprintf(err, errlen, "%s: not a setting the portal may change", name);
		return KIOSK_EINVAL;
	}
	if (k->type == CONFIG_INT) {
		if (!json_is_integer(value)) {
			snprintf(err, errlen, "%s: must be a whole number", name);
			return KIOSK_EINVAL;
		}
		snprintf(text, sizeof(text), "%" JSON_INTEGER_FORMAT, json_integer_value(value));
	} else if (k->type == CONFIG_BOOL) {
		if (!json_is_boolean(value)) {
			snprintf(err, errlen, "%s: must be true or false", name);
			return KIOSK_EINVAL;
		}
		snprintf(text, sizeof(text), "%s", json_is_true(value) ? "true" : "false");
	} else {
		if (!json_is_string(value)) {
			snprintf(err, errlen, "%s: must be text", name);
			return KIOSK_EINVAL;
		}
		/* Control characters have no place on a screen or a receipt line. */
		for (const char *c = json_string_value(value); *c; c++) {
			if ((unsigned char)*c < 0x20) {
				snprintf(err, errlen, "%s: control characters are not allowed",
					 name);
				return KIOSK_EINVAL;
			}
		}
		if (strlen(json_string_value(value)) >= sizeof(text)) {
			snprintf(err, errlen, "%s: value too long", name);
			return KIOSK_EINVAL;
		}
		snprintf(text, sizeof(text), "%s", json_string_value(value));
	}
	return config_set_from(cfg, name, text, CONFIG_PORTAL, err, errlen);
}

int rconf_parse(const char *json, size_t len, const struct kiosk_config *base,
		struct kiosk_config *out, long *version, char *err, size_t errlen)
{
	struct kiosk_config tmp = *base;
	json_error_t jerr;
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *settings, *v, *value;
	const char *name;
	int rc = KIOSK_EINVAL;

	if (!doc || !json_is_object(doc)) {
		snprintf(err, errlen, "not a JSON object");
		goto out;
	}
	v = json_object_get(doc, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		snprintf(err, errlen, "version: must be a whole number from 1");
		goto out;
	}
	settings = json_object_get(doc, "settings");
	if (!json_is_object(settings)) {
		snprintf(err, errlen, "settings: must be an object");
		goto out;
	}
	json_object_foreach(settings, name, value)
	{
		rc = apply_one(&tmp, name, value, err, errlen);
		if (rc)
			goto out;
	}
	rc = 0;
	*version = (long)json_integer_value(v);
	*out = tmp;
out:
	json_decref(doc);
	return rc;
}

int rconf_save(const char *data_dir, const char *json, size_t len)
{
	char path[600];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", data_dir, RCONF_FILE);
	/* Atomic and durable (the rename too), so a power cut never brings back the old one. */
	rc = fs_write_atomic(path, json, len, 0640);
	if (rc)
		log_error("rconf", "cannot keep the remote configuration in %s: %s", path,
			  kiosk_strerror(rc));
	return rc;
}

int rconf_load(const char *data_dir, struct kiosk_config *cfg, long *version, char *err,
	       size_t errlen)
{
	char path[600];
	char *buf = NULL;
	long size;
	FILE *f;
	int rc = KIOSK_EIO;

	snprintf(path, sizeof(path), "%s/%s", data_dir, RCONF_FILE);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "no remote configuration kept");
		return KIOSK_ENOTFOUND;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > 64 * 1024 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s: unreadable or too large", path);
		goto out;
	}
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, errlen, "%s: unreadable", path);
		goto out;
	}
	rc = rconf_parse(buf, (size_t)size, cfg, cfg, version, err, errlen);
out:
	free(buf);
	fclose(f);
	return rc;
}

void rconf_core_config(const struct kiosk_config *cfg, struct core_config *out)
{
	out->idle_ms = (int64_t)cfg->idle_timeout_s * 1000;
	out->warning_ms = (int64_t)cfg->warning_s * 1000;
	out->default_lang = strcmp(cfg->lang, "es") ? CORE_LANG_EN : CORE_LANG_ES;
	/* One language offered: sessions start in it, whatever ui.lang says. */
	if (!strcmp(cfg->languages, "en"))
		out->default_lang = CORE_LANG_EN;
	else if (!strcmp(cfg->languages, "es"))
		out->default_lang = CORE_LANG_ES;
	out->single_lang = strchr(cfg->languages, ',') == NULL;
	memset(&out->card_fee, 0, sizeof(out->card_fee));
	out->card_fee.flat_cents = cfg->convenience_fee_cents;
	if (money_parse_percent(cfg->card_fee_percent, &out->card_fee.basis_points) != 0)
		out->card_fee.basis_points = 0; /* the table's check refuses it before this */
	out->card_fee.min_cents = cfg->card_fee_min_cents;
	out->card_fee.max_cents = cfg->card_fee_max_cents;
	out->max_payment_cents = cfg->max_payment_cents;
}
