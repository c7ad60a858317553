/* The kiosk's endpoint for the terminal's display notifications (drivers/terminal/display.h)
 * over real TLS on loopback: a notification with the configured credentials, for this kiosk
 * from its terminal, reaches the callback; one without credentials, with the wrong password,
 * that is not a display notification, or from another terminal does not, and says why. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "app/common/err.h"
#include "drivers/terminal/display.h"

struct seen {
	pthread_mutex_t mu;
	int count;
	struct nexo_display last;
};

static void on_display(void *ctx, const struct nexo_display *d)
{
	struct seen *s = ctx;

	pthread_mutex_lock(&s->mu);
	s->count++;
	s->last = *d;
	pthread_mutex_unlock(&s->mu);
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* POSTs body with user:password (NULL: none); returns the HTTP status. */
static long post(unsigned port, const char *userpwd, const char *body)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	char url[64];
	long status = 0;

	snprintf(url, sizeof(url), "https://127.0.0.1:%u/display", port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, PKI_DIR "/ca.pem");
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
	if (userpwd) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERPWD, userpwd);
	}
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

static char *notification(const char *sale_id, const char *poi_id, const char *text)
{
	struct nexo_ids ids = {sale_id, poi_id, "Ab3d5F7h9J"};
	char *body = NULL;

	assert_int_equal(nexo_build_display(&ids, "1", NEXO_DISPLAY_NONE, NULL, 0, text, &body), 0);
	return body;
}

static void test_endpoint(void **state)
{
	struct terminal_display_config cfg = {
	    .listen = "127.0.0.1",
	    .cert_file = PKI_DIR "/server.pem",
	    .key_file = PKI_DIR "/server.key",
	    .user = "terminal",
	    .password = "s3cret-for-the-test",
	    .sale_id = "KIOSK-0001",
	    .poi_id = "V400m-324688179",
	};
	struct seen seen = {.mu = PTHREAD_MUTEX_INITIALIZER};
	struct terminal_display *td;
	char *ours = notification("KIOSK-0001", "V400m-324688179", "Remove card");
	char *other_poi = notification("KIOSK-0001", "P400-1", "Remove card");
	char *other_sale = notification("KIOSK-0002", "V400m-324688179", "Remove card");
	unsigned port;

	(void)state;
	assert_int_equal(terminal_display_open(&cfg, on_display, &seen, &td), 0);
	port = terminal_display_port(td);
	assert_true(port > 0);

	assert_int_equal(post(port, NULL, ours), 401);
	assert_int_equal(post(port, "terminal:wrong", ours), 401);
	assert_int_equal(post(port, "terminal:s3cret-for-the-test", "{\"not\":\"nexo\"}"), 400);
	assert_int_equal(post(port, "terminal:s3cret-for-the-test", other_poi), 403);
	assert_int_equal(post(port, "terminal:s3cret-for-the-test", other_sale), 403);
	assert_int_equal(seen.count, 0);

	assert_int_equal(post(port, "terminal:s3cret-for-the-test", ours), 200);
	pthread_mutex_lock(&seen.mu);
	assert_int_equal(seen.count, 1);
	assert_string_equal(seen.last.text, "Remove card");
	assert_string_equal(seen.last.service_id, "Ab3d5F7h9J");
	pthread_mutex_unlock(&seen.mu);

	terminal_display_close(td);
	free(ours);
	free(other_poi);
	free(other_sale);
}

/* Missing settings are refused before anything listens. */
static void test_settings(void **state)
{
	struct terminal_display_config cfg = {
	    .listen = "127.0.0.1",
	    .cert_file = PKI_DIR "/server.pem",
	    .key_file = PKI_DIR "/server.key",
	    .user = "terminal",
	    .password = "",
	    .sale_id = "KIOSK-0001",
	    .poi_id = "V400m-324688179",
	};
	struct seen seen = {.mu = PTHREAD_MUTEX_INITIALIZER};
	struct terminal_display *td;

	(void)state;
	assert_int_equal(terminal_display_open(&cfg, on_display, &seen, &td), KIOSK_EINVAL);
	cfg.password = "x";
	cfg.cert_file = "";
	assert_int_equal(terminal_display_open(&cfg, on_display, &seen, &td), KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_endpoint),
	    cmocka_unit_test(test_settings),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
