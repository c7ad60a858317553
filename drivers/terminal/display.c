/* The kiosk's display endpoint (display.h) on libmicrohttpd, through the same small server
 * plumbing the simulators use (tools/simhttp): POST, Basic credentials, one JSON body of at
 * most 16 KiB, parsed strictly (nexo_parse_display), answered 200 with no body. */
#include "drivers/terminal/display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/simhttp/simhttp.h"

#define MOD "terminal-display"
#define BODY_MAX (16 * 1024)

struct terminal_display {
	struct simhttp *http;
	unsigned port;
	terminal_display_fn fn;
	void *ctx;
	char expect_auth[160]; /* "user:password" */
	char sale_id[65];
	char poi_id[65];
};

/* Compares without an early exit, so the time says nothing of the password. */
static bool same(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	unsigned char diff = alen != blen;

	for (size_t i = 0; i < alen && i < blen; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

static bool authorized(struct terminal_display *td, struct MHD_Connection *conn)
{
	const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
	unsigned char plain[192];
	size_t n = 0;

	if (!h || strncmp(h, "Basic ", 6) != 0)
		return false;
	if (mbedtls_base64_decode(plain, sizeof(plain) - 1, &n, (const unsigned char *)h + 6,
				  strlen(h + 6)) != 0)
		return false;
	return same((const char *)plain, n, td->expect_auth);
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *text)
{
	char *body = strdup(text);

	if (!body)
		return MHD_NO;
	if (status == MHD_HTTP_UNAUTHORIZED) {
		struct MHD_Response *resp =
		    MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
		enum MHD_Result ret;
		if (!resp)
			return MHD_NO;
		MHD_add_response_header(resp, "WWW-Authenticate", "Basic realm=\"kiosk\"");
		ret = MHD_queue_response(conn, status, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	return simhttp_send(conn, status, "text/plain", body);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **state)
{
	struct terminal_display *td = cls;
	struct simhttp_body *b = *state;
	struct nexo_display d;

	(void)url;
	(void)version;
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			return MHD_NO;
		*state = b;
		return MHD_YES;
	}
	if (*upload_size) {
		if (simhttp_body_append(b, BODY_MAX, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(method, "POST") != 0)
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "POST a display notification\n");
	if (!authorized(td, conn)) {
		log_warn(MOD, "a display notification without the configured credentials");
		return reply(conn, MHD_HTTP_UNAUTHORIZED, "credentials required\n");
	}
	if (b->too_big)
		return reply(conn, MHD_HTTP_CONTENT_TOO_LARGE, "too large\n");
	if (nexo_parse_display(b->data ? b->data : "", b->len, &d) != 0) {
		log_warn(MOD, "a display notification that is not one (%zu bytes)", b->len);
		return reply(conn, MHD_HTTP_BAD_REQUEST, "not a nexo DisplayRequest\n");
	}
	if (strcmp(d.sale_id, td->sale_id) != 0 || strcmp(d.poi_id, td->poi_id) != 0) {
		log_warn(MOD, "a display notification for SaleID %s from POIID %s: not ours",
			 d.sale_id, d.poi_id);
		return reply(conn, MHD_HTTP_FORBIDDEN, "not this kiosk's terminal\n");
	}
	td->fn(td->ctx, &d);
	return reply(conn, MHD_HTTP_OK, "");
}

static void completed(void *cls, struct MHD_Connection *conn, void **state,
		      enum MHD_RequestTerminationCode why)
{
	struct simhttp_body *b = *state;

	(void)cls;
	(void)conn;
	(void)why;
	if (b) {
		simhttp_body_free(b);
		free(b);
		*state = NULL;
	}
}

int terminal_display_open(const struct terminal_display_config *cfg, terminal_display_fn fn,
			  void *ctx, struct terminal_display **out)
{
	struct terminal_display *td;
	struct simhttp_options opt = {0};
	int rc;

	*out = NULL;
	if (!cfg || !fn || !cfg->listen || !cfg->cert_file || !cfg->cert_file[0] ||
	    !cfg->key_file || !cfg->key_file[0] || !cfg->user || !cfg->user[0] || !cfg->password ||
	    !cfg->password[0] || !cfg->sale_id || !cfg->poi_id)
		return KIOSK_EINVAL;
	td = calloc(1, sizeof(*td));
	if (!td)
		return KIOSK_ENOMEM;
	td->fn = fn;
	td->ctx = ctx;
	if ((size_t)snprintf(td->expect_auth, sizeof(td->expect_auth), "%s:%s", cfg->user,
			     cfg->password) >= sizeof(td->expect_auth) ||
	    (size_t)snprintf(td->sale_id, sizeof(td->sale_id), "%s", cfg->sale_id) >=
		sizeof(td->sale_id) ||
	    (size_t)snprintf(td->poi_id, sizeof(td->poi_id), "%s", cfg->poi_id) >=
		sizeof(td->poi_id)) {
		free(td);
		return KIOSK_EINVAL;
	}
	opt.listen = cfg->listen;
	opt.port = cfg->port;
	opt.cert = cfg->cert_file;
	opt.key = cfg->key_file;
	opt.name = MOD;
	rc = simhttp_start(&opt, handle, td, completed, td, &td->http, &td->port);
	if (rc == 0 && cfg->port_file && cfg->port_file[0])
		rc = simhttp_write_port_file(cfg->port_file, td->port, MOD);
	if (rc) {
		terminal_display_close(td);
		return rc;
	}
	log_info(MOD, "display notifications on https://%s:%u/", cfg->listen, td->port);
	*out = td;
	return 0;
}

unsigned terminal_display_port(const struct terminal_display *td)
{
	return td ? td->port : 0;
}

void terminal_display_close(struct terminal_display *td)
{
	if (!td)
		return;
	simhttp_stop(td->http);
	memset(td->expect_auth, 0, sizeof(td->expect_auth));
	free(td);
}
