/* Opens sealed card blocks with the portal's private key (RSA-OAEP, SHA-256) and decides
 * like a test issuer: the documented test cards, Luhn, expiry. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <mbedtls/base64.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/dukpt.h"
#include "tools/portal-sim/sim.h"

struct sim_unsealer {
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg; /* RSA blinding needs randomness; shared, so locked */
	pthread_mutex_t lock;
};

int unseal_open(const char *seal_key_path, struct sim_unsealer **out)
{
	static const char pers[] = "portal-sim-unseal";
	struct sim_unsealer *u = calloc(1, sizeof(*u));
	int rc = KIOSK_ECRYPTO;

	if (!u)
		return KIOSK_ENOMEM;
	mbedtls_pk_init(&u->key);
	mbedtls_entropy_init(&u->entropy);
	mbedtls_ctr_drbg_init(&u->drbg);
	pthread_mutex_init(&u->lock, NULL);
	if (mbedtls_pk_parse_keyfile(&u->key, seal_key_path, NULL) != 0 ||
	    !mbedtls_pk_can_do(&u->key, MBEDTLS_PK_RSA)) {
		log_error("portal-sim", "%s is not an RSA private key", seal_key_path);
		goto out;
	}
	mbedtls_rsa_set_padding(mbedtls_pk_rsa(u->key), MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
	if (mbedtls_ctr_drbg_seed(&u->drbg, mbedtls_entropy_func, &u->entropy,
				  (const unsigned char *)pers, sizeof(pers) - 1) != 0)
		goto out;
	rc = 0;
	*out = u;
out:
	if (rc != 0)
		unseal_close(u);
	return rc;
}

void unseal_close(struct sim_unsealer *u)
{
	if (!u)
		return;
	mbedtls_pk_free(&u->key);
	mbedtls_ctr_drbg_free(&u->drbg);
	mbedtls_entropy_free(&u->entropy);
	pthread_mutex_destroy(&u->lock);
	free(u);
}

static int copy_field(json_t *obj, const char *name, char *dst, size_t n, int required)
{
	json_t *v = json_object_get(obj, name);
	const char *s;

	if (!v && !required) {
		dst[0] = '\0';
		return 0;
	}
	s = json_string_value(v);
	if (!s || strlen(s) >= n)
		return KIOSK_ECRYPTO;
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

int unseal_card(struct sim_unsealer *u, const char *sealed_b64, struct sim_card *out)
{
	unsigned char sealed[512];
	unsigned char plain[512];
	size_t sealed_len = 0, plain_len = 0;
	json_t *doc = NULL;
	int rc = KIOSK_ECRYPTO;
	int ret;

	memset(out, 0, sizeof(*out));
	if (mbedtls_base64_decode(sealed, sizeof(sealed), &sealed_len,
				  (const unsigned char *)sealed_b64, strlen(sealed_b64)) != 0)
		goto out;
	pthread_mutex_lock(&u->lock);
	ret = mbedtls_pk_decrypt(&u->key, sealed, sealed_len, plain, &plain_len, sizeof(plain) - 1,
				 mbedtls_ctr_drbg_random, &u->drbg);
	pthread_mutex_unlock(&u->lock);
	if (ret != 0)
		goto out;
	doc = json_loadb((const char *)plain, plain_len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(doc) || copy_field(doc, "pan", out->pan, sizeof(out->pan), 1) != 0 ||
	    copy_field(doc, "exp", out->exp, sizeof(out->exp), 1) != 0 ||
	    copy_field(doc, "name", out->name, sizeof(out->name), 0) != 0)
		goto out;
	if (strlen(out->exp) != 4 || strspn(out->exp, "0123456789") != 4 || strlen(out->pan) < 12 ||
	    strspn(out->pan, "0123456789") != strlen(out->pan))
		goto out;
	rc = 0;
out:
	/* The decrypted block holds a card number: gone before anything else happens. */
	mbedtls_platform_zeroize(plain, sizeof(plain));
	json_decref(doc);
	if (rc != 0)
		mbedtls_platform_zeroize(out, sizeof(*out));
	return rc;
}

/* Reads a decrypted track ("%B<pan>^<name>^<yymm>..." or ";<pan>=<yymm>...", zero padded to
 * the cipher block). 0 or KIOSK_ECRYPTO: garbage means the wrong key or variant. */
static int track_fields(const char *t, size_t n, struct sim_card *out)
{
	size_t i = 0, d = 0;
	char sep;

	if (n > 2 && t[0] == '%' && t[1] == 'B') {
		i = 2;
		sep = '^';
	} else if (n > 1 && t[0] == ';') {
		i = 1;
		sep = '=';
	} else {
		return KIOSK_ECRYPTO;
	}
	while (i < n && t[i] >= '0' && t[i] <= '9' && d + 1 < sizeof(out->pan))
		out->pan[d++] = t[i++];
	out->pan[d] = '\0';
	if (d < 12 || i >= n || t[i] != sep)
		return KIOSK_ECRYPTO;
	i++;
	if (sep == '^') {
		size_t k = 0;

		while (i < n && t[i] != '^' && k + 1 < sizeof(out->name))
			out->name[k++] = t[i++];
		out->name[k] = '\0';
		if (i >= n || t[i] != '^')
			return KIOSK_ECRYPTO;
		i++;
	}
	if (i + 4 > n || strspn(t + i, "0123456789") < 4)
		return KIOSK_ECRYPTO;
	memcpy(out->exp, t + i, 4);
	out->exp[4] = '\0';
	return memchr(t + i, '?', n - i) ? 0 : KIOSK_ECRYPTO;
}

static int from_hex(const char *h, uint8_t *out, size_t cap, size_t *n)
{
	size_t len = h ? strlen(h) : 0;

	if (len == 0 || len % 16 != 0 || len / 2 > cap)
		return KIOSK_ECRYPTO;
	for (size_t k = 0; k < len; k += 2) {
		unsigned v;

		if (!isxdigit((unsigned char)h[k]) || !isxdigit((unsigned char)h[k + 1]) ||
		    sscanf(h + k, "%2x", &v) != 1)
			return KIOSK_ECRYPTO;
		out[k / 2] = (uint8_t)v;
	}
	*n = len / 2;
	return 0;
}

int decrypt_card(json_t *enc, struct sim_card *out)
{
	static const char *const tracks[] = {"track2", "track1"};
	static const enum dukpt_variant variants[] = {DUKPT_VARIANT_PIN, DUKPT_VARIANT_DATA};
	const char *format = json_string_value(json_object_get(enc, "format"));
	uint8_t ksn[DUKPT_KSN_LEN], cipher[128], plain[128];
	size_t n = 0;
	int rc = KIOSK_ECRYPTO;

	memset(out, 0, sizeof(*out));
	if (!format || strcmp(format, "magtek-magnesafe") != 0 ||
	    dukpt_ksn_parse(json_string_value(json_object_get(enc, "ksn")), ksn) != 0)
		return KIOSK_ECRYPTO;
	for (size_t t = 0; t < 2 && rc; t++) {
		const char *hex = json_string_value(json_object_get(enc, tracks[t]));

		if (!hex || !hex[0] || from_hex(hex, cipher, sizeof(cipher), &n) != 0)
			continue;
		for (size_t v = 0; v < 2 && rc; v++) {
			if (dukpt_decrypt(dukpt_test_bdk, ksn, variants[v], cipher, n, plain) == 0)
				rc = track_fields((const char *)plain, n, out);
			mbedtls_platform_zeroize(plain, sizeof(plain));
		}
	}
	if (rc)
		mbedtls_platform_zeroize(out, sizeof(*out));
	return rc;
}

static int luhn_ok(const char *pan)
{
	size_t n = strlen(pan);
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int d = pan[n - 1 - i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return n > 0 && sum % 10 == 0;
}

int card_decide(const struct sim_card *card, int now_yymm, const char **message)
{
	int exp = atoi(card->exp);
	int month = exp % 100;

	/* A card is good through the last day of its expiry month. */
	if (month < 1 || month > 12) {
		*message = "Card expiry date is not valid";
		return 0;
	}
	if (exp < now_yymm) {
		*message = "Card expired";
		return 0;
	}
	if (strcmp(card->pan, "4000000000000002") == 0) {
		*message = "Card declined by the issuer";
		return 0;
	}
	if (!luhn_ok(card->pan)) {
		*message = "Card number is not valid";
		return 0;
	}
	*message = "";
	return 1;
}
