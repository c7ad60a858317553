/* The settings table, walked row by row: names are section.key, unique, sections together;
 * every default passes its own checks and reads back; every number refuses its bounds' outside
 * and takes their inside; every choice list refuses an outsider; every text refuses one
 * character too many; sources are kept (kioskctl may set exactly the live keys, the portal
 * exactly the portal keys, with its tighter bounds); --show-config prints every key once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "app/config.h"
#include "app/runtime/cli.h"

static struct kiosk_config cfg;
static char err[512], out[600];

static int setup(void **state)
{
	(void)state;
	config_defaults(&cfg);
	err[0] = out[0] = '\0';
	return 0;
}

static const struct config_key *rows(size_t *n)
{
	const struct config_key *k = config_keys(n);

	assert_true(*n > 30);
	return k;
}

static void test_names(void **state)
{
	size_t n;
	const struct config_key *k = rows(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const char *dot = strchr(k[i].name, '.');
		assert_non_null(dot);
		assert_true(dot > k[i].name && dot[1]);
		assert_ptr_equal(config_find(k[i].name), &k[i]);
		for (size_t j = 0; j < i; j++) {
			size_t sl = (size_t)(dot - k[i].name);
			assert_string_not_equal(k[i].name, k[j].name);
			/* A section's rows follow each other: --show-config prints it once. */
			if (j + 1 < i && !strncmp(k[j].name, k[i].name, sl + 1))
				assert_int_equal(strncmp(k[i - 1].name, k[i].name, sl + 1), 0);
		}
		assert_true(k[i].sources & CONFIG_FILE); /* every key can be set in kiosk.conf */
		if (k[i].type == CONFIG_INT) {
			assert_true(k[i].min <= k[i].max);
			assert_true(k[i].portal_min >= k[i].min && k[i].portal_min <= k[i].max);
		}
	}
	assert_null(config_find("ui.colour"));
	assert_null(config_find("idle"));
}

static void test_defaults_read_back(void **state)
{
	size_t n;
	const struct config_key *k = rows(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (!k[i].def)
			continue;
		assert_int_equal(config_get_name(&cfg, k[i].name, out, sizeof(out)), 0);
		if (!k[i].secret)
			assert_string_equal(out, k[i].def);
		/* The default passes the row's own checks. */
		struct kiosk_config c = cfg;
		assert_int_equal(
		    config_set_from(&c, k[i].name, k[i].def, CONFIG_FILE, err, sizeof(err)), 0);
	}
	/* The keypad row: every action has its default keys. */
	assert_int_equal(config_get_name(&cfg, "keypad.enter", out, sizeof(out)), 0);
	assert_string_equal(out, "Return, Keypad Enter");
}

/* Sets name to value from kiosk.conf on a copy; the result, with err filled on failure. */
static int set(const char *name, const char *value)
{
	struct kiosk_config c = cfg;
	int rc = config_set_from(&c, name, value, CONFIG_FILE, err, sizeof(err));

	if (rc == 0) {
		assert_int_equal(config_get_name(&c, name, out, sizeof(out)), 0);
	} else {
		assert_non_null(strstr(err, name)); /* the message names the key */
	}
	return rc;
}

static void test_bounds(void **state)
{
	size_t n;
	const struct config_key *k = rows(&n);
	char v[700];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		switch (k[i].type) {
		case CONFIG_INT:
			snprintf(v, sizeof(v), "%ld", k[i].min - 1);
			assert_int_equal(set(k[i].name, v), KIOSK_EINVAL);
			snprintf(v, sizeof(v), "%ld", k[i].max + 1);
			assert_int_equal(set(k[i].name, v), KIOSK_EINVAL);
			assert_int_equal(set(k[i].name, "soon"), KIOSK_EINVAL);
			assert_int_equal(set(k[i].name, "12x"), KIOSK_EINVAL);
			snprintf(v, sizeof(v), "%ld", k[i].min);
			assert_int_equal(set(k[i].name, v), 0);
			assert_string_equal(out, v);
			if (!k[i].check) {
				snprintf(v, sizeof(v), "%ld", k[i].max);
				assert_int_equal(set(k[i].name, v), 0);
				assert_string_equal(out, v);
			}
			break;
		case CONFIG_BOOL:
			assert_int_equal(set(k[i].name, "maybe"), KIOSK_EINVAL);
			assert_int_equal(set(k[i].name, "yes"), 0);
			assert_string_equal(out, "true");
			assert_int_equal(set(k[i].name, "0"), 0);
			assert_string_equal(out, "false");
			break;
		case CONFIG_TEXT:
			memset(v, 'a', k[i].size);
			v[k[i].size] = '\0';
			assert_int_equal(set(k[i].name, v), KIOSK_EINVAL);
			if (k[i].choices) {
				assert_int_equal(set(k[i].name, "fr"), KIOSK_EINVAL);
				for (const char *p = k[i].choices; *p;) {
					size_t w = strcspn(p, "|");
					snprintf(v, sizeof(v), "%.*s", (int)w, p);
					assert_int_equal(set(k[i].name, v), 0);
					assert_string_equal(out, v);
					p += w + (p[w] == '|');
				}
			} else if (!k[i].check && !k[i].secret) {
				memset(v, 'b', k[i].size - 1);
				v[k[i].size - 1] = '\0';
				assert_int_equal(set(k[i].name, v), 0);
				assert_string_equal(out, v);
			}
			break;
		case CONFIG_KEYPAD:
			assert_int_equal(set("keypad.enter", "Retrun"), KIOSK_EINVAL);
			assert_int_equal(set("keypad.enter", "KP_Enter"), 0);
			assert_string_equal(out, "Keypad Enter");
			break;
		}
	}
	/* The rows with a check of their own. */
	assert_int_equal(set("portal.pin", "md5//x"), KIOSK_EINVAL);
	assert_int_equal(set("portal.pin", "sha256//abc="), 0);
	assert_int_equal(set("devices.wedge_readers", "08O1:0001"), KIOSK_EINVAL);
	assert_int_equal(set("devices.wedge_readers", "0801:0001,0acd:0500"), 0);
	/* Printer profiles by name (docs/operations.md); a typo would misprint every slip. */
	assert_int_equal(set("printer.profile", "58mm"), 0);
	assert_int_equal(set("printer.profile", "star-escpos"), 0);
	assert_int_equal(set("printer.profile", ""), 0);
	assert_int_equal(set("printer.profile", "tm-t99"), KIOSK_EINVAL);
	/* The QR code's link: https and "{reference}" once, or "" for the reference alone. */
	assert_int_equal(set("receipt.qr_url", "https://pay.example.gov/payments/{reference}"), 0);
	assert_int_equal(set("receipt.qr_url", ""), 0);
	assert_int_equal(set("receipt.qr_url", "http://pay.example.gov/{reference}"), KIOSK_EINVAL);
	assert_int_equal(set("receipt.qr_url", "https://pay.example.gov/payments"), KIOSK_EINVAL);
	assert_int_equal(set("devices.chip_terminal", "true"), 0);
	assert_int_equal(set("service.pin_hash", "hunter2"), KIOSK_EINVAL);
	/* The card fee (issue 17): flat, or a percentage with two decimals at most, 10 at most. */
	assert_int_equal(set("payments.convenience_fee_cents", "150"), 0);
	assert_int_equal(set("payments.card_fee_percent", "2.95"), 0);
	assert_int_equal(set("payments.card_fee_percent", "10.01"), KIOSK_EINVAL);
	assert_int_equal(set("payments.card_fee_percent", "2.955"), KIOSK_EINVAL);
	assert_int_equal(set("payments.card_fee_percent", "-1"), KIOSK_EINVAL);
	/* Update quiet hours (issue 15): HH:MM-HH:MM, may wrap past midnight, "" = any time. */
	assert_int_equal(set("update.window", "02:00-05:00"), 0);
	assert_string_equal(out, "02:00-05:00");
	assert_int_equal(set("update.window", "22:30-04:00"), 0);
	assert_int_equal(set("update.window", ""), 0);
	assert_int_equal(set("update.window", "2:00-5:00"), KIOSK_EINVAL);
	assert_int_equal(set("update.window", "02:00-24:00"), KIOSK_EINVAL);
	assert_int_equal(set("update.window", "tonight"), KIOSK_EINVAL);
	assert_int_equal(set("ui.colour", "red"), KIOSK_EINVAL);
	assert_string_equal(err, "unknown setting ui.colour");
}

static void test_sources(void **state)
{
	size_t n;
	const struct config_key *k = rows(&n);
	struct kiosk_config c;
	char v[64];

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const char *name = k[i].type == CONFIG_KEYPAD ? "keypad.enter" : k[i].name;
		const char *value = k[i].def ? k[i].def : "Return";
		c = cfg;
		int live = config_set_from(&c, name, value, CONFIG_LIVE, err, sizeof(err));
		int portal = config_set_from(&c, name, value, CONFIG_PORTAL, err, sizeof(err));
		assert_int_equal(live == 0, (k[i].sources & CONFIG_LIVE) != 0);
		assert_int_equal(portal == 0, (k[i].sources & CONFIG_PORTAL) != 0);
		if (!(k[i].sources & CONFIG_LIVE)) {
			config_set_from(&c, name, value, CONFIG_LIVE, err, sizeof(err));
			assert_non_null(strstr(err, "cannot change while the kiosk runs"));
		}
		/* The portal's tighter lower bound. */
		if (k[i].type == CONFIG_INT && k[i].portal_min > k[i].min) {
			snprintf(v, sizeof(v), "%ld", k[i].min);
			assert_int_equal(
			    config_set_from(&c, name, v, CONFIG_PORTAL, err, sizeof(err)),
			    KIOSK_EINVAL);
			assert_int_equal(
			    config_set_from(&c, name, v, CONFIG_FILE, err, sizeof(err)), 0);
		}
	}
	/* What the issue found: these answer truthfully now. */
	c = cfg;
	assert_int_equal(config_set_from(&c, "a11y.volume", "150", CONFIG_LIVE, err, sizeof(err)),
			 0);
	assert_int_equal(config_get_name(&c, "a11y.volume", out, sizeof(out)), 0);
	assert_string_equal(out, "150");
	assert_int_equal(config_set_from(&c, "payments.max_payment_cents", "5000", CONFIG_LIVE, err,
					 sizeof(err)),
			 0);
	assert_int_equal(c.max_payment_cents, 5000);
	assert_int_equal(config_set_from(&c, "kiosk.id", "KIOSK-88", CONFIG_LIVE, err, sizeof(err)),
			 KIOSK_EINVAL);
	assert_int_equal(
	    config_set_from(&c, "portal.url", "https://x", CONFIG_LIVE, err, sizeof(err)),
	    KIOSK_EINVAL);
	assert_string_equal(c.kiosk_id, cfg.kiosk_id);
}

static void test_secret(void **state)
{
	(void)state;
	assert_int_equal(config_get_name(&cfg, "service.pin_hash", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	snprintf(cfg.service_pin_hash, sizeof(cfg.service_pin_hash), "pbkdf2-sha256$1$x$y");
	assert_int_equal(config_get_name(&cfg, "service.pin_hash", out, sizeof(out)), 0);
	assert_string_equal(out, "(set)");
}

/* Every key once in --show-config, under its section. */
static void test_dump(void **state)
{
	size_t n, len = 0;
	const struct config_key *k = rows(&n);
	char *text = NULL, section[32] = "";
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	snprintf(cfg.service_pin_hash, sizeof(cfg.service_pin_hash), "secret-hash");
	config_dump(&cfg, f);
	fclose(f);
	assert_null(strstr(text, "secret-hash"));
	for (size_t i = 0; i < n; i++) {
		const char *dot = strchr(k[i].name, '.');
		char want[600], line[700];
		snprintf(section, sizeof(section), "[%.*s]\n", (int)(dot - k[i].name), k[i].name);
		const char *at = strstr(text, section);
		assert_non_null(at);
		assert_null(strstr(at + 1, section)); /* the section once */
		if (k[i].type == CONFIG_KEYPAD)
			continue;
		config_get_name(&cfg, k[i].name, want, sizeof(want));
		snprintf(line, sizeof(line), "\n%s = %s\n", dot + 1, want);
		const char *next = strstr(at + 1, "\n[");
		const char *hit = strstr(at, line);
		assert_non_null(hit);
		assert_true(!next || hit < next); /* in its own section */
	}
	free(text);
}

static void test_copy(void **state)
{
	struct kiosk_config other;

	(void)state;
	config_defaults(&other);
	other.idle_timeout_s = 7;					   /* portal and live */
	other.warning_s = 9;						   /* live, not portal */
	snprintf(other.receipt_header, sizeof(other.receipt_header), "H"); /* portal only */
	snprintf(other.kiosk_id, sizeof(other.kiosk_id), "K2");		   /* neither */
	config_copy(&cfg, &other, CONFIG_PORTAL | CONFIG_LIVE);
	assert_int_equal(cfg.idle_timeout_s, 7);
	assert_int_equal(cfg.warning_s, 20);
	assert_string_equal(cfg.receipt_header, "");
	config_copy(&cfg, &other, CONFIG_LIVE);
	assert_int_equal(cfg.warning_s, 9);
	assert_string_equal(cfg.kiosk_id, "KIOSK-DEV");
	assert_false(config_differs(&cfg, &other, config_find("ui.warning_s")));
	assert_true(config_differs(&cfg, &other, config_find("kiosk.id")));
}

/* The command line's table against the settings table: every option that sets a setting names
 * a key the command line may set, and every such key has exactly one option. */
static void test_command_line_table(void **state)
{
	size_t n, no;
	const struct config_key *k = rows(&n);
	const struct cli_option *o = cli_options(&no);

	(void)state;
	for (size_t i = 0; i < no; i++) {
		assert_non_null(o[i].help);
		if (o[i].does != CLI_SETTING)
			continue;
		const struct config_key *row = config_find(o[i].setting);
		assert_non_null(row);
		assert_true(row->sources & CONFIG_CMDLINE);
		assert_true(o[i].arg || o[i].value); /* a flag sets a value of its own */
	}
	for (size_t i = 0; i < n; i++) {
		int options = 0;
		for (size_t j = 0; j < no; j++)
			options += o[j].does == CLI_SETTING && !strcmp(o[j].setting, k[i].name);
		assert_int_equal(options, (k[i].sources & CONFIG_CMDLINE) ? 1 : 0);
	}
}

/* --config first whatever its place, then the options in order; what they set is kept. */
static void test_command_line_parse(void **state)
{
	char path[] = "/tmp/test-config.XXXXXX";
	int fd = mkstemp(path);
	struct kiosk_config local;
	struct cli c;
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("[ui]\nidle_timeout_s = 30\nwarning_s = 9\n[portal]\nurl = https://p\n"
	      "ca_file = ca.pem\nseal_key = seal.pem\n",
	      f);
	fclose(f);
	char *argv[] = {
	    "kiosk", "--idle-timeout", "45", "--fullscreen", "--config", path, "--reprint", "K1",
	    NULL};
	assert_int_equal(cli_parse(8, argv, &cfg, &local, &c), 0);
	assert_int_equal(cfg.idle_timeout_s, 45);
	assert_int_equal(cfg.warning_s, 9);
	assert_true(cfg.fullscreen);
	assert_int_equal(local.idle_timeout_s, 30); /* the file's, under the command line */
	assert_false(local.fullscreen);
	assert_non_null(c.staff);
	assert_string_equal(c.staff->option, "reprint");
	assert_string_equal(c.staff_arg, "K1");
	assert_int_equal(c.n_set, 2);
	/* The command line again over something else (a remote configuration). */
	local.idle_timeout_s = 5;
	cli_reapply(&c, &local);
	assert_int_equal(local.idle_timeout_s, 45);
	char *bad[] = {"kiosk", "--idle-timeout", "1", NULL};
	assert_int_equal(cli_parse(3, bad, &cfg, &local, &c), 2);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_names, setup),
	    cmocka_unit_test_setup(test_defaults_read_back, setup),
	    cmocka_unit_test_setup(test_bounds, setup),
	    cmocka_unit_test_setup(test_sources, setup),
	    cmocka_unit_test_setup(test_secret, setup),
	    cmocka_unit_test_setup(test_dump, setup),
	    cmocka_unit_test_setup(test_copy, setup),
	    cmocka_unit_test_setup(test_command_line_table, setup),
	    cmocka_unit_test_setup(test_command_line_parse, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
