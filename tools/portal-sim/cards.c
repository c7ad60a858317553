/* Opens sealed card blocks with the portal's private key (RSA-OAEP, SHA-256) and decides
 * like a test issuer: the documented test cards, Luhn, expiry. */
#include <ctype.h>
#include <pthread.h>
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
