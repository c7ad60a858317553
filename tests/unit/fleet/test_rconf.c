/* The remote configuration's table: each allowed key takes a good value and refuses a bad one
 * (type, bounds), unknown keys and broken documents are refused whole, the kept file round
 * trips and a kept file that no longer passes is not used. */
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
#include "app/fleet/rconf.h"

static struct kiosk_config base, out;
static char err[256];

static int setup(void **state)
{
	(void)state;
	config_defaults(&base);
	memset(&out, 0, sizeof(out));
	err[0] = '\0';
	return 0;
}

static int parse(const char *json, long *version)
{
	return rconf_parse(json, strlen(json), &base, &out, version, err, sizeof(err));
}

/* One setting in a version-1 document. */
static int one(const char *name, const char *value_json)
{
	char doc[512];
	long v = 0;

	snprintf(doc, sizeof(doc), "{\"version\":1,\"settings\":{\"%s\":%s}}", name, value_json);
	return parse(doc, &v);
}

/* Good and bad values for every key of the table: a key added to the table without a row
 * here fails the test. */
static const struct {
	const char *name;
	const char *good;
	const char *bad[3];
} cases[] = {
    {"ui.idle_timeout_s", "45", {"1", "3601", "\"45\""}},
    {"ui.languages", "\"es\"", {"\"fr\"", "\"\"", "1"}},
    {"payments.convenience_fee_cents", "150", {"-1", "501", "1.5"}},
    {"payments.card_fee_percent", "\"2.5\"", {"\"10.5\"", "\"2.505\"", "2.5"}},
    {"payments.card_fee_min_cents", "100", {"-1", "501", "\"1\""}},
    {"payments.card_fee_max_cents", "500", {"-1", "10001", "1.5"}},
    {"payments.max_payment_cents", "200000", {"99", "10000001", "null"}},
    {"fleet.heartbeat_s", "30", {"0", "3601", "true"}},
    {"kiosk.out_of_service_message", "\"Pay at window 3.\"", {"\"line\\nbreak\"", "5", "[]"}},
    {"kiosk.out_of_service_message_es",
     "\"Pague en la ventanilla 3.\"",
     {"\"line\\nbreak\"", "5", "[]"}},
    {"kiosk.city_phone", "\"(555) 010-0100\"", {"\"tab\\there\"", "5", "[]"}},
    {"kiosk.city_website", "\"www.springfield.example.gov\"", {"\"line\\nbreak\"", "5", "{}"}},
    {"kiosk.city_hours", "\"Monday to Friday\"", {"\"line\\nbreak\"", "5", "[]"}},
    {"kiosk.city_hours_es", "\"De lunes a viernes\"", {"\"line\\nbreak\"", "5", "[]"}},
    {"receipt.header", "\"City of Springfield\"", {"7", "{}", "\"tab\\there\""}},
    {"update.window", "\"02:00-05:00\"", {"\"tonight\"", "\"25:00-05:00\"", "2"}},
    {"receipt.footer",
     "\"Thank you\"",
     {"false",
      "\""
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "\"",
      NULL}},
};

static void test_every_key_has_bounds(void **state)
{
	size_t n, ncases = sizeof(cases) / sizeof(cases[0]), portal = 0;
	const struct config_key *keys = config_keys(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		size_t c;
		if (!(keys[i].sources & CONFIG_PORTAL))
			continue;
		portal++;
		for (c = 0; c < ncases && strcmp(cases[c].name, keys[i].name); c++)
			;
		assert_true(c < ncases); /* the key has test values */
		assert_int_equal(one(cases[c].name, cases[c].good), 0);
		for (int b = 0; b < 3 && cases[c].bad[b]; b++) {
			assert_int_equal(one(cases[c].name, cases[c].bad[b]), KIOSK_EINVAL);
			/* The message names the key. */
			assert_non_null(strstr(err, cases[c].name));
		}
	}
	assert_int_equal(portal, ncases); /* no case for a key the portal may not set */
}

static void test_values_land_in_the_config(void **state)
{
	long v = 0;

	(void)state;
	assert_int_equal(parse("{\"version\":4,\"settings\":{\"ui.idle_timeout_s\":30,"
			       "\"payments.max_payment_cents\":50000,\"ui.languages\":\"es\","
			       "\"kiosk.out_of_service_message\":\"Window 3\"}}",
			       &v),
			 0);
	assert_int_equal(v, 4);
	assert_int_equal(out.idle_timeout_s, 30);
	assert_int_equal(out.max_payment_cents, 50000);
	assert_string_equal(out.languages, "es");
	assert_string_equal(out.out_of_service_message, "Window 3");
	/* Keys not in the document keep the base's values; the base itself is untouched. */
	assert_int_equal(out.heartbeat_s, 60);
	assert_int_equal(base.idle_timeout_s, 60);
}

static void test_refused_whole(void **state)
{
	long v = 77;

	(void)state;
	out.idle_timeout_s = -5;
	/* A good key before a bad one: nothing of it is used. */
	assert_int_equal(parse("{\"version\":2,\"settings\":{\"ui.idle_timeout_s\":30,"
			       "\"ui.warning_s\":5}}",
			       &v),
			 KIOSK_EINVAL);
	assert_non_null(strstr(err, "ui.warning_s"));
	assert_int_equal(out.idle_timeout_s, -5);
	assert_int_equal(v, 77);
	/* Not the portal's to set: where the kiosk reaches the portal, what it trusts. */
	assert_int_equal(one("portal.url", "\"https://evil.example\""), KIOSK_EINVAL);
	assert_int_equal(one("portal.ca_file", "\"/tmp/ca.pem\""), KIOSK_EINVAL);
	assert_int_equal(one("kiosk.data_dir", "\"/tmp\""), KIOSK_EINVAL);
	assert_int_equal(parse("{\"settings\":{}}", &v), KIOSK_EINVAL);
	assert_int_equal(parse("{\"version\":0,\"settings\":{}}", &v), KIOSK_EINVAL);
	assert_int_equal(parse("{\"version\":1}", &v), KIOSK_EINVAL);
	assert_int_equal(parse("{\"version\":1,\"settings\":[]}", &v), KIOSK_EINVAL);
	assert_int_equal(parse("[1]", &v), KIOSK_EINVAL);
	assert_int_equal(parse("{\"version\":1,\"settings\":{\"ui.idle_timeout_s\":30", &v),
			 KIOSK_EINVAL);
	assert_int_equal(parse("{\"version\":1,\"settings\":{\"ui.idle_timeout_s\":30,"
			       "\"ui.idle_timeout_s\":3000}}",
			       &v),
			 KIOSK_EINVAL);
}

static void test_kept_file_round_trips(void **state)
{
	char dir[] = "/tmp/test-rconf.XXXXXX", path[600];
	const char *doc = "{\"settings\":{\"ui.idle_timeout_s\":9},\"version\":5}";
	const char *bad = "{\"settings\":{\"ui.idle_timeout_s\":9999},\"version\":6}";
	struct kiosk_config cfg = base;
	long v = 0;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(rconf_load(dir, &cfg, &v, err, sizeof(err)), KIOSK_ENOTFOUND);
	assert_int_equal(rconf_save(dir, doc, strlen(doc)), 0);
	assert_int_equal(rconf_load(dir, &cfg, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 5);
	assert_int_equal(cfg.idle_timeout_s, 9);
	/* No temporary file left behind. */
	snprintf(path, sizeof(path), "%s/%s.tmp", dir, RCONF_FILE);
	assert_int_not_equal(access(path, F_OK), 0);
	/* A kept file that does not pass (edited by hand, or tighter bounds in new firmware) is
	 * not used, and the configuration stays as it was. */
	snprintf(path, sizeof(path), "%s/%s", dir, RCONF_FILE);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(bad, f);
	fclose(f);
	cfg = base;
	assert_int_equal(rconf_load(dir, &cfg, &v, err, sizeof(err)), KIOSK_EINVAL);
	assert_int_equal(cfg.idle_timeout_s, 60);
	unlink(path);
	rmdir(dir);
}

static void test_core_share(void **state)
{
	struct core_config cc;
	struct kiosk_config cfg = base;

	(void)state;
	core_config_defaults(&cc);
	cc.toast_ms = 1234; /* not the remote configuration's: left alone */
	cfg.idle_timeout_s = 30;
	cfg.convenience_fee_cents = 150;
	cfg.max_payment_cents = 50000;
	snprintf(cfg.languages, sizeof(cfg.languages), "es");
	rconf_core_config(&cfg, &cc);
	assert_int_equal(cc.idle_ms, 30000);
	assert_int_equal(cc.card_fee.flat_cents, 150);
	assert_int_equal(cc.card_fee.basis_points, 0);
	snprintf(cfg.card_fee_percent, sizeof(cfg.card_fee_percent), "2.95");
	cfg.card_fee_min_cents = 100;
	cfg.card_fee_max_cents = 500;
	rconf_core_config(&cfg, &cc);
	assert_int_equal(cc.card_fee.basis_points, 295);
	assert_int_equal(cc.card_fee.min_cents, 100);
	assert_int_equal(cc.card_fee.max_cents, 500);
	assert_int_equal(cc.max_payment_cents, 50000);
	assert_true(cc.single_lang);
	assert_int_equal(cc.default_lang, CORE_LANG_ES);
	assert_int_equal(cc.toast_ms, 1234);
	snprintf(cfg.languages, sizeof(cfg.languages), "en,es");
	rconf_core_config(&cfg, &cc);
	assert_false(cc.single_lang);
	assert_int_equal(cc.default_lang, CORE_LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_every_key_has_bounds, setup),
	    cmocka_unit_test_setup(test_values_land_in_the_config, setup),
	    cmocka_unit_test_setup(test_refused_whole, setup),
	    cmocka_unit_test_setup(test_kept_file_round_trips, setup),
	    cmocka_unit_test_setup(test_core_share, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
