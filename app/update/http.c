/* libcurl for the update channel. Downloads append to a partial file and ask for the rest
 * with a Range request, so a cut connection costs only what was not yet received. */
#include "app/update/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/https.h"
#include "app/common/log.h"

#define HTTP_MAX_BODY (1024 * 1024)
#define DOWNLOAD_TRIES 4

static struct curl_slist *headers_for(const struct http_config *cfg, int json_body)
{
	struct curl_slist *h = curl_slist_append(NULL, "Accept: application/hal+json");
	char auth[512];

	if (json_body)
		h = curl_slist_append(h, "Content-Type: application/json;charset=UTF-8");
	if (cfg->token && cfg->token[0]) {
		snprintf(auth, sizeof(auth), "Authorization: %s %s",
			 cfg->auth_scheme ? cfg->auth_scheme : "TargetToken", cfg->token);
		h = curl_slist_append(h, auth);
	}
	return h;
}

/* The kiosk's one HTTPS policy (app/common/https.h): the configured CA only (CAPATH cleared:
 * the system's public CAs would vouch for anyone), TLS >= 1.2, no redirects (the token would
 * follow them), https only, except plain http to loopback when the configured server itself
 * is a loopback http URL (tests). */
static int common_opts(CURL *c, const struct http_config *cfg, const char *url)
{
	struct https_policy pol = {
	    .ca_file = cfg->ca_file,
	    .connect_timeout_ms = HTTPS_CONNECT_TIMEOUT_MS,
	    .allow_loopback_http = cfg->allow_loopback_http,
	};
	int rc = https_apply(c, &pol);

	if (rc == 0)
		rc = https_set_url(c, &pol, url);
	return rc;
}

static int status_error(long code)
{
	return code == 404 ? KIOSK_ENOTFOUND : code >= 500 ? KIOSK_ESERVER : KIOSK_EPROTO;
}

int http_transient(int rc, long status)
{
	if (status >= 500 || status == 408 || status == 429)
		return 1;
	if (status >= 400)
		return 0;
	return rc == KIOSK_ENET || rc == KIOSK_ETIMEDOUT || rc == KIOSK_ETLS || rc == KIOSK_ESERVER;
}

static int request(const struct http_config *cfg, const char *method, const char *url,
		   const char *post, struct https_body *b, long *status, char *err, size_t errlen)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = headers_for(cfg, post != NULL);
	long code = 0;
	CURLcode res;
	int rc = KIOSK_ENET;

	if (!c) {
		curl_slist_free_all(h);
		return KIOSK_ENOMEM;
	}
	*status = 0;
	https_body_reset(b, HTTP_MAX_BODY);
	if (common_opts(c, cfg, url) || https_body_collect(c, b)) {
		snprintf(err, errlen, "%s: refused by the HTTPS policy", url);
		rc = KIOSK_EINVAL;
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, cfg->timeout_s > 0 ? cfg->timeout_s : 30L);
	if (post) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	}
	res = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	*status = code;
	if (res != CURLE_OK) {
		snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(res));
		rc = https_error(res);
	} else if (code < 200 || code > 299) {
		snprintf(err, errlen, "%s answered HTTP %ld", url, code);
		rc = status_error(code);
	} else {
		rc = 0;
	}
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

int http_get_json(const struct http_config *cfg, const char *url, json_t **out, long *status,
		  char *err, size_t errlen)
{
	struct https_body b = {0};
	json_error_t jerr;
	int rc = request(cfg, "GET", url, NULL, &b, status, err, errlen);

	*out = NULL;
	if (rc == 0) {
		*out = json_loadb(b.data ? b.data : "", b.len, 0, &jerr);
		if (!*out) {
			snprintf(err, errlen, "%s answered something that is not JSON", url);
			rc = KIOSK_EPROTO;
		}
	}
	https_body_free(&b);
	return rc;
}

int http_send_json(const struct http_config *cfg, const char *method, const char *url,
		   json_t *body, long *status, char *err, size_t errlen)
{
	struct https_body b = {0};
	char *text = json_dumps(body, JSON_COMPACT);
	int rc;

	if (!text)
		return KIOSK_ENOMEM;
	rc = request(cfg, method, url, text, &b, status, err, errlen);
	free(text);
	https_body_free(&b);
	return rc;
}

struct sink {
	FILE *f;
	CURL *c;
	int64_t offset;	 /* bytes already on disk when this attempt began */
	int64_t written; /* by this attempt */
	int64_t size;	 /* the file never grows past this */
	int checked;
	int failed;
	int too_long;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct sink *s = userdata;
	size_t n = size * nmemb;

	if (!s->checked) {
		long code = 0;
		curl_easy_getinfo(s->c, CURLINFO_RESPONSE_CODE, &code);
		/* 200 to a Range request: the server sends the whole file, so start over. */
		if (s->offset > 0 && code == 200) {
			if (fflush(s->f) != 0 || ftruncate(fileno(s->f), 0) != 0 ||
			    fseeko(s->f, 0, SEEK_SET) != 0) {
				s->failed = 1;
				return 0;
			}
			s->offset = 0;
		}
		s->checked = 1;
	}
	/* A server that streams on and on must not fill the disk the payment journal is on. */
	if (s->offset + s->written + (int64_t)n > s->size) {
		s->too_long = 1;
		return 0;
	}
	s->written += (int64_t)n;
	if (fwrite(ptr, 1, n, s->f) != n) {
		s->failed = 1;
		return 0;
	}
	return n;
}

static int64_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int64_t)st.st_size : 0;
}

static int download_once(const struct http_config *cfg, const char *url, const char *path,
			 int64_t size, long *status, char *err, size_t errlen)
{
	struct sink s = {.size = size};
	struct curl_slist *h = headers_for(cfg, 0);
	CURLcode res;
	long code = 0;
	int rc = KIOSK_ENET;

	*status = 0;
	s.offset = file_size(path);
	if (s.offset == size)
		goto done_ok;
	if (s.offset > size) {
		/* Longer than announced: not the file we want; start over. */
		if (truncate(path, 0) != 0)
			return KIOSK_EIO;
		s.offset = 0;
	}
	s.f = fopen(path, "ab");
	s.c = curl_easy_init();
	if (!s.f || !s.c) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		rc = KIOSK_EIO;
		goto out;
	}
	if (s.offset > 0)
		log_info("update", "resuming %s at byte %lld", url, (long long)s.offset);
	if (common_opts(s.c, cfg, url)) {
		snprintf(err, errlen, "%s: refused by the HTTPS policy", url);
		rc = KIOSK_EINVAL;
		goto out;
	}
	curl_easy_setopt(s.c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(s.c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(s.c, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)s.offset);
	/* A stall, not a total deadline: a bundle on a slow line may take long. */
	curl_easy_setopt(s.c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(s.c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(s.c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(s.c, CURLOPT_WRITEDATA, &s);
	res = curl_easy_perform(s.c);
	curl_easy_getinfo(s.c, CURLINFO_RESPONSE_CODE, &code);
	*status = code;
	if (fflush(s.f) != 0 || fsync(fileno(s.f)) != 0) {
		snprintf(err, errlen, "cannot write %s", path);
		rc = KIOSK_EIO;
		goto out;
	}
	if (s.failed) {
		snprintf(err, errlen, "cannot write %s", path);
		rc = KIOSK_EIO;
		goto out;
	}
	if (s.too_long) {
		snprintf(err, errlen, "%s sent more than the %lld bytes the server announced", url,
			 (long long)size);
		rc = KIOSK_EPROTO;
		goto out;
	}
	if (res == CURLE_HTTP_RETURNED_ERROR) {
		snprintf(err, errlen, "%s answered HTTP %ld", url, code);
		rc = status_error(code);
		goto out;
	}
	if (res != CURLE_OK) {
		snprintf(err, errlen, "download of %s stopped at byte %lld of %lld: %s", url,
			 (long long)file_size(path), (long long)size, curl_easy_strerror(res));
		rc = https_error(res);
		goto out;
	}
done_ok:
	if (file_size(path) != size) {
		snprintf(err, errlen, "download of %s has %lld bytes, expected %lld", url,
			 (long long)file_size(path), (long long)size);
		rc = KIOSK_ENET;
		goto out;
	}
	rc = 0;
out:
	if (s.c)
		curl_easy_cleanup(s.c);
	if (s.f)
		fclose(s.f);
	curl_slist_free_all(h);
	return rc;
}

int http_download(const struct http_config *cfg, const char *url, const char *path, int64_t size,
		  long *status, char *err, size_t errlen)
{
	int rc = KIOSK_ENET;

	for (int i = 0; i < DOWNLOAD_TRIES; i++) {
		rc = download_once(cfg, url, path, size, status, err, errlen);
		if (rc == 0 || !http_transient(rc, *status) || rc == KIOSK_ETLS)
			break;
		log_warn("update", "%s; retrying", err);
	}
	return rc;
}
