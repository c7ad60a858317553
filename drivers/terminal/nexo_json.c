/* nexo's JSON plumbing without floats: amounts as decimal text <-> integer cents, a loader
 * that keeps every number token's text, a dumper that writes amounts as decimals, and the
 * identifier, timestamp and form-encoding helpers the messages share. */
#include "drivers/terminal/nexo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <mbedtls/sha256.h>

#include "app/common/err.h"

#define MAX_NUMBERS 4096
/* What nexo_json_amount puts in the tree: control characters no validated string holds, so
 * the dumped form ("\u0001amount:1234\u0001") can only come from here. */
#define AMOUNT_TAG "\001amount:"
#define AMOUNT_DUMPED "\"\\u0001amount:"
#define AMOUNT_DUMPED_END "\\u0001\""

int nexo_amount_format(int64_t cents, char *out, size_t n)
{
	int w;

	if (cents < 0 || cents > NEXO_AMOUNT_MAX_CENTS || n < 16)
		return KIOSK_EINVAL;
	w = snprintf(out, n, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
	return w > 0 && (size_t)w < n ? 0 : KIOSK_EINVAL;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? over all of s. */
static int json_number_ok(const char *s, size_t len)
{
	size_t i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || !is_digit(s[i]))
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (i < len && is_digit(s[i]))
			i++;
	if (i < len && s[i] == '.') {
		if (++i >= len || !is_digit(s[i]))
			return 0;
		while (i < len && is_digit(s[i]))
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || !is_digit(s[i]))
			return 0;
		while (i < len && is_digit(s[i]))
			i++;
	}
	return i == len;
}

/* Exact: the number is D x 10^-scale, with D the digits (leading zeros dropped) and scale
 * the fraction's length minus the exponent; cents = D x 10^(2 - scale), which must be whole. */
int nexo_amount_parse(const char *text, size_t len, int64_t *cents)
{
	char digits[40];
	size_t nd = 0, i = 0;
	long scale = 0, exp = 0;
	int exp_neg = 0, frac = 0;
	int64_t v = 0;

	if (!text || !json_number_ok(text, len) || text[0] == '-')
		return KIOSK_EPROTO;
	for (; i < len && text[i] != 'e' && text[i] != 'E'; i++) {
		if (text[i] == '.') {
			frac = 1;
			continue;
		}
		if (frac)
			scale++;
		if (nd == 0 && text[i] == '0')
			continue; /* leading zeros carry no value */
		if (nd >= sizeof(digits))
			return KIOSK_EPROTO;
		digits[nd++] = text[i];
	}
	if (i < len) {
		i++;
		if (text[i] == '+' || text[i] == '-')
			exp_neg = text[i++] == '-';
		for (; i < len; i++) {
			exp = exp * 10 + (text[i] - '0');
			if (exp > 100)
				return KIOSK_EPROTO;
		}
	}
	scale -= exp_neg ? -exp : exp;
	/* Drop trailing digits that scale below a cent; each must be zero. */
	while (scale > 2) {
		if (nd == 0)
			break; /* the value is zero */
		if (digits[nd - 1] != '0')
			return KIOSK_EPROTO; /* a fraction of a cent */
		nd--;
		scale--;
	}
	if (nd == 0) {
		*cents = 0;
		return 0;
	}
	for (size_t k = 0; k < nd; k++) {
		v = v * 10 + (digits[k] - '0');
		if (v > NEXO_AMOUNT_MAX_CENTS)
			return KIOSK_EPROTO;
	}
	for (; scale < 2; scale++) {
		v *= 10;
		if (v > NEXO_AMOUNT_MAX_CENTS)
			return KIOSK_EPROTO;
	}
	*cents = v;
	return 0;
}

void nexo_doc_free(struct nexo_doc *doc)
{
	if (!doc)
		return;
	json_decref(doc->root);
	free(doc->text);
	free(doc->num_off);
	free(doc->num_len);
	memset(doc, 0, sizeof(*doc));
}

/* Copies text into out, replacing each number token outside strings by its index; records
 * where each token was. Strings are copied verbatim (escapes included). */
static int rewrite_numbers(const char *text, size_t len, struct nexo_doc *doc, char *out)
{
	size_t o = 0, i = 0;

	while (i < len) {
		char c = text[i];
		if (c == '"') {
			out[o++] = text[i++];
			while (i < len && text[i] != '"') {
				if (text[i] == '\\' && i + 1 < len)
					out[o++] = text[i++];
				out[o++] = text[i++];
			}
			if (i < len)
				out[o++] = text[i++];
			continue;
		}
		if (c == '-' || is_digit(c)) {
			size_t start = i;
			int w;
			while (i < len && (is_digit(text[i]) || text[i] == '.' || text[i] == '-' ||
					   text[i] == '+' || text[i] == 'e' || text[i] == 'E'))
				i++;
			if (!json_number_ok(text + start, i - start) ||
			    doc->num_count >= MAX_NUMBERS)
				return KIOSK_EPROTO;
			doc->num_off[doc->num_count] = start;
			doc->num_len[doc->num_count] = i - start;
			/* An index is never longer than the token it replaces plus 4 digits;
			 * the output buffer has room for that (see nexo_json_load). */
			w = sprintf(out + o, "%zu", doc->num_count);
			o += (size_t)w;
			doc->num_count++;
			continue;
		}
		out[o++] = text[i++];
	}
	out[o] = '\0';
	return 0;
}

int nexo_json_load(const char *text, size_t len, struct nexo_doc *doc)
{
	json_error_t err;
	char *rewritten = NULL;
	int rc = KIOSK_ENOMEM;

	memset(doc, 0, sizeof(*doc));
	if (!text)
		return KIOSK_EPROTO;
	if (memchr(text, '\0', len))
		return KIOSK_EPROTO;
	doc->text = malloc(len + 1);
	/* Each token of k >= 1 bytes becomes an index of at most 4 digits: k + 4 bounds it. */
	rewritten = malloc(len + 4 * MAX_NUMBERS + 1);
	doc->num_off = calloc(MAX_NUMBERS, sizeof(size_t));
	doc->num_len = calloc(MAX_NUMBERS, sizeof(size_t));
	if (!doc->text || !rewritten || !doc->num_off || !doc->num_len)
		goto out;
	memcpy(doc->text, text, len);
	doc->text[len] = '\0';
	rc = rewrite_numbers(text, len, doc, rewritten);
	if (rc != 0)
		goto out;
	doc->root = json_loads(rewritten, JSON_REJECT_DUPLICATES, &err);
	rc = doc->root ? 0 : KIOSK_EPROTO;
out:
	free(rewritten);
	if (rc != 0)
		nexo_doc_free(doc);
	return rc;
}

int nexo_doc_number(const struct nexo_doc *doc, const json_t *v, const char **text, size_t *len)
{
	json_int_t i;

	if (!json_is_integer(v))
		return KIOSK_EPROTO;
	i = json_integer_value(v);
	if (i < 0 || (size_t)i >= doc->num_count)
		return KIOSK_EPROTO;
	*text = doc->text + doc->num_off[i];
	*len = doc->num_len[i];
	return 0;
}

int nexo_doc_amount(const struct nexo_doc *doc, const json_t *v, int64_t *cents)
{
	const char *t;
	size_t n;
	int rc = nexo_doc_number(doc, v, &t, &n);

	return rc ? rc : nexo_amount_parse(t, n, cents);
}

int nexo_doc_int(const struct nexo_doc *doc, const json_t *v, int *out)
{
	const char *t;
	size_t n;
	long long x = 0;
	int rc = nexo_doc_number(doc, v, &t, &n);

	if (rc)
		return rc;
	if (n == 0 || n > 10)
		return KIOSK_EPROTO;
	for (size_t k = 0; k < n; k++) {
		if (!is_digit(t[k]))
			return KIOSK_EPROTO;
		x = x * 10 + (t[k] - '0');
	}
	if (x > 2147483647LL)
		return KIOSK_EPROTO;
	*out = (int)x;
	return 0;
}

json_t *nexo_json_amount(int64_t cents)
{
	char tag[48];

	if (cents < 0 || cents > NEXO_AMOUNT_MAX_CENTS)
		return NULL;
	snprintf(tag, sizeof(tag), AMOUNT_TAG "%lld\001", (long long)cents);
	return json_string(tag);
}

int nexo_dump(const json_t *doc, char **out)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	char *res, *r;
	const char *p, *hit;

	*out = NULL;
	if (!text)
		return KIOSK_ENOMEM;
	/* The decimal is never longer than its tag, so the text only shrinks. */
	res = malloc(strlen(text) + 1);
	if (!res) {
		free(text);
		return KIOSK_ENOMEM;
	}
	r = res;
	p = text;
	while ((hit = strstr(p, AMOUNT_DUMPED)) != NULL) {
		const char *num = hit + strlen(AMOUNT_DUMPED);
		long long cents = 0;
		char dec[24];
		size_t k = 0;

		memcpy(r, p, (size_t)(hit - p));
		r += hit - p;
		while (k < 12 && is_digit(num[k]))
			cents = cents * 10 + (num[k++] - '0');
		if (strncmp(num + k, AMOUNT_DUMPED_END, strlen(AMOUNT_DUMPED_END)) != 0 ||
		    nexo_amount_format(cents, dec, sizeof(dec)) != 0) {
			free(text);
			free(res);
			return KIOSK_EINVAL;
		}
		memcpy(r, dec, strlen(dec));
		r += strlen(dec);
		p = num + k + strlen(AMOUNT_DUMPED_END);
	}
	strcpy(r, p);
	free(text);
	*out = res;
	return 0;
}

static int id_chars_ok(const char *s, size_t max, int punct)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) ||
			 (punct && (c == '.' || c == '_' || c == '-'));
		if (!ok)
			return 0;
	}
	return 1;
}

int nexo_id_ok(const char *s)
{
	return id_chars_ok(s, 64, 1);
}

int nexo_service_id_ok(const char *s)
{
	return id_chars_ok(s, 10, 0);
}

static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

int nexo_service_id_new(char *buf, size_t n)
{
	unsigned char rnd[10];

	if (n < 11)
		return KIOSK_EINVAL;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return KIOSK_EIO;
	for (size_t i = 0; i < sizeof(rnd); i++)
		buf[i] = base62[rnd[i] % 62];
	buf[10] = '\0';
	return 0;
}

int nexo_service_id_for(const char *key, char *buf, size_t n)
{
	unsigned char hash[32];
	uint64_t v = 0;

	if (n < 11 || !key || !key[0] ||
	    mbedtls_sha256_ret((const unsigned char *)key, strlen(key), hash, 0) != 0)
		return KIOSK_EINVAL;
	/* 62^10 (8.4e17) ids from 64 bits of the hash: collisions among one kiosk's keys are
	 * as unlikely as among random ServiceIDs. */
	for (int i = 0; i < 8; i++)
		v = v << 8 | hash[i];
	for (int i = 0; i < 10; i++) {
		buf[i] = base62[v % 62];
		v /= 62;
	}
	buf[10] = '\0';
	return 0;
}

int nexo_timestamp(int64_t epoch_ms, char *out, size_t n)
{
	time_t secs = (time_t)(epoch_ms / 1000);
	struct tm tm;

	if (epoch_ms < 0 || n < 25 || !gmtime_r(&secs, &tm))
		return KIOSK_EINVAL;
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(epoch_ms % 1000));
	return 0;
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int nexo_url_decode(const char *in, size_t len, char *out, size_t n)
{
	size_t o = 0;

	if (n == 0)
		return KIOSK_EINVAL;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)in[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return KIOSK_EPROTO;
			hi = hex_value(in[i + 1]);
			lo = hex_value(in[i + 2]);
			if (hi < 0 || lo < 0)
				return KIOSK_EPROTO;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+') {
			c = ' ';
		}
		if (c == 0)
			return KIOSK_EPROTO;
		if (o + 1 < n)
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

int nexo_form_get(const char *form, const char *key, char *out, size_t n)
{
	size_t klen = strlen(key);
	const char *p = form;

	while (p && *p) {
		const char *amp = strchr(p, '&');
		const char *end = amp ? amp : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (eq && (size_t)(eq - p) == klen && strncmp(p, key, klen) == 0)
			return nexo_url_decode(eq + 1, (size_t)(end - eq - 1), out, n);
		p = amp ? amp + 1 : NULL;
	}
	return KIOSK_ENOTFOUND;
}
