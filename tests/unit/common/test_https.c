/* Tests for the one HTTPS policy (app/common/https.c): which URLs it lets through, that it
 * refuses to run without a configured CA, and that the body accumulator stops a peer that
 * answers too much; plus the file helpers and the clock of app/common. The transfers are real
 * (libcurl against a tiny HTTP server on a loopback port the kernel picks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/https.h"

static void test_url_policy(void **state)
{
	struct https_policy strict = {.ca_file = "ca.pem"};
	struct https_policy tests = {.ca_file = "ca.pem", .allow_loopback_http = true};

	(void)state;
	assert_int_equal(https_url_allowed(&strict, "https://portal.city.example/api"), 0);
	assert_int_equal(https_url_allowed(&strict, "https://127.0.0.1:8443/x"), 0);
	/* Plain http only to this machine, and only when a test asked for it. */
	assert_int_equal(https_url_allowed(&strict, "http://127.0.0.1:8080/x"), KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "http://127.0.0.1:8080/x"), 0);
	assert_int_equal(https_url_allowed(&tests, "http://[::1]:8080/x"), 0);
	assert_int_equal(https_url_allowed(&tests, "http://localhost/x"), 0);
	assert_int_equal(https_url_allowed(&tests, "http://portal.city.example/x"), KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "http://127.0.0.1.evil.example/x"),
			 KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "http://user@evil.example/127.0.0.1"),
			 KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "ftp://127.0.0.1/x"), KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "file:///etc/passwd"), KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, "not a url"), KIOSK_EINVAL);
	assert_int_equal(https_url_allowed(&tests, NULL), KIOSK_EINVAL);
}

static void test_needs_a_ca(void **state)
{
	struct https_policy none = {0}, empty = {.ca_file = ""};
	CURL *c;

	(void)state;
	assert_int_equal(https_global_init(), 0);
	c = curl_easy_init();
	assert_non_null(c);
	/* The system's store is never a fallback: no CA configured, no https client. */
	assert_int_equal(https_apply(c, &none), KIOSK_EINVAL);
	assert_int_equal(https_apply(c, &empty), KIOSK_EINVAL);
	curl_easy_cleanup(c);
}

static void test_error_map(void **state)
{
	(void)state;
	assert_int_equal(https_error(CURLE_OK), 0);
	assert_int_equal(https_error(CURLE_OPERATION_TIMEDOUT), KIOSK_ETIMEDOUT);
	assert_int_equal(https_error(CURLE_PEER_FAILED_VERIFICATION), KIOSK_ETLS);
	assert_int_equal(https_error(CURLE_SSL_PINNEDPUBKEYNOTMATCH), KIOSK_ETLS);
	assert_int_equal(https_error(CURLE_SSL_CONNECT_ERROR), KIOSK_ETLS);
	assert_int_equal(https_error(CURLE_WRITE_ERROR), KIOSK_EPROTO);
	assert_int_equal(https_error(CURLE_UNSUPPORTED_PROTOCOL), KIOSK_EINVAL);
	assert_int_equal(https_error(CURLE_COULDNT_CONNECT), KIOSK_ENET);
	assert_int_equal(https_error(CURLE_GOT_NOTHING), KIOSK_ENET);
}

/* A one-shot HTTP server on loopback that answers every request with `size` bytes. */
struct server {
	int fd;
	int port;
	size_t size;
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct server *s = arg;
	int c = accept(s->fd, NULL, NULL);
	char req[2048], head[128];
	char *body;

	if (c < 0)
		return NULL;
	if (read(c, req, sizeof(req)) < 0) {
		close(c);
		return NULL;
	}
	body = malloc(s->size);
	memset(body, 'x', s->size);
	snprintf(head, sizeof(head),
		 "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", s->size);
	if (write(c, head, strlen(head)) > 0)
		(void)!write(c, body, s->size);
	free(body);
	close(c);
	return NULL;
}

static void server_start(struct server *s, size_t size)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);

	s->size = size;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->fd, 1), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&s->thread, NULL, serve, s), 0);
}

static void server_stop(struct server *s)
{
	shutdown(s->fd, SHUT_RDWR);
	close(s->fd);
	pthread_join(s->thread, NULL);
}

/* Fetches the server's answer under the test policy into a body limited to max. */
static int fetch(const struct server *s, size_t max, struct https_body *b)
{
	struct https_policy pol = {.allow_loopback_http = true, .timeout_ms = 10000};
	char url[64];
	CURL *c = curl_easy_init();
	int rc;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x", s->port);
	https_body_reset(b, max);
	rc = https_apply(c, &pol);
	if (rc == 0)
		rc = https_set_url(c, &pol, url);
	if (rc == 0)
		rc = https_body_collect(c, b);
	if (rc == 0)
		rc = https_error(curl_easy_perform(c));
	curl_easy_cleanup(c);
	return rc;
}

static void test_body_within_limit(void **state)
{
	struct server s;
	struct https_body b = {0};

	(void)state;
	server_start(&s, 3000);
	assert_int_equal(fetch(&s, 4096, &b), 0);
	server_stop(&s);
	assert_int_equal(b.len, 3000);
	assert_false(b.overflow);
	assert_int_equal(b.data[2999], 'x');
	assert_int_equal(b.data[3000], '\0');
	https_body_free(&b);
	assert_null(b.data);
}

static void test_body_over_limit(void **state)
{
	struct server s;
	struct https_body b = {0};

	(void)state;
	server_start(&s, 200000);
	/* A peer that answers more than the limit fails the transfer, whatever it says. */
	assert_int_equal(fetch(&s, 65536, &b), KIOSK_EPROTO);
	server_stop(&s);
	assert_true(b.overflow);
	assert_true(b.len <= 65536);
	https_body_free(&b);
}

static void test_strict_policy_refuses_http(void **state)
{
	struct https_policy pol = {.ca_file = "ca.pem"};
	CURL *c = curl_easy_init();

	(void)state;
	assert_int_equal(https_apply(c, &pol), 0);
	assert_int_equal(https_set_url(c, &pol, "http://127.0.0.1:1/x"), KIOSK_EINVAL);
	assert_int_equal(https_set_url(c, &pol, "https://127.0.0.1:1/x"), 0);
	curl_easy_cleanup(c);
}

static void test_files(void **state)
{
	char dir[] = "/tmp/kiosk-common-XXXXXX", deep[128], file[160], *got = NULL;
	struct stat st;
	size_t len = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(deep, sizeof(deep), "%s/a/b/c", dir);
	assert_int_equal(fs_mkdirs_mode(deep, 0750), 0);
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0007, 0);		 /* nothing for the world */
	assert_int_equal(fs_mkdirs_mode(deep, 0750), 0); /* already there: fine */
	snprintf(file, sizeof(file), "%s/note", deep);
	assert_int_equal(fs_write_atomic(file, "one", 3, 0600), 0);
	assert_int_equal(fs_write_atomic(file, "two!", 4, 0600), 0);
	assert_int_equal(fs_read_file(file, 64, &got, &len), 0);
	assert_int_equal(len, 4);
	assert_string_equal(got, "two!");
	free(got);
	/* A file where a directory should be is an error, not success. */
	assert_int_equal(fs_mkdirs_mode(file, 0750), KIOSK_EIO);
	assert_int_equal(fs_remove_tree(dir), 0);
	assert_false(fs_exists(dir));
}

static void test_clock(void **state)
{
	int64_t a = clock_mono_ms(), b, wall = clock_wall_ms();
	struct timespec pause = {0, 20 * 1000000};

	(void)state;
	nanosleep(&pause, NULL);
	b = clock_mono_ms();
	assert_true(b >= a + 19);
	/* The wall clock is Unix milliseconds. */
	assert_true(wall / 1000 >= (int64_t)time(NULL) - 1 && wall / 1000 <= (int64_t)time(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_url_policy),
	    cmocka_unit_test(test_needs_a_ca),
	    cmocka_unit_test(test_error_map),
	    cmocka_unit_test(test_body_within_limit),
	    cmocka_unit_test(test_body_over_limit),
	    cmocka_unit_test(test_strict_policy_refuses_http),
	    cmocka_unit_test(test_files),
	    cmocka_unit_test(test_clock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
