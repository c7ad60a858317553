/* Seals card data for the portal: {"pan","exp","name"} encrypted with RSA-OAEP (SHA-256)
 * under the portal's public key, base64 for JSON. The plaintext never outlives the call. */
#include "app/crypto/seal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>

#include "app/common/err.h"
#include "app/common/log.h"

/* 2048-bit keys (kiosk-pki) give 256-byte blocks; 4096 is the most we accept. */
#define SEAL_BLOCK_MAX 512

struct sealer {
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	pthread_mutex_t lock; /* ctr_drbg is not safe to share; payments may run on any worker */
};

int seal_open(const char *pubkey_pem_path, struct sealer **out)
{
	static const char pers[] = "kiosk-seal";
	struct sealer *s;
	int ret;
	int rc = KIOSK_ECRYPTO;

	if (!pubkey_pem_path || !out)
		return KIOSK_EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return KIOSK_ENOMEM;
	mbedtls_pk_init(&s->key);
	mbedtls_entropy_init(&s->entropy);
	mbedtls_ctr_drbg_init(&s->drbg);
	pthread_mutex_init(&s->lock, NULL);

	ret = mbedtls_pk_parse_public_keyfile(&s->key, pubkey_pem_path);
	if (ret != 0) {
		log_error("seal", "cannot load the portal's public key %s (-0x%04x)",
			  pubkey_pem_path, (unsigned)-ret);
		rc = ret == MBEDTLS_ERR_PK_FILE_IO_ERROR ? KIOSK_EIO : KIOSK_ECRYPTO;
		goto out;
	}
	/* OAEP needs room for two hashes: refuse small or non-RSA keys outright. */
	if (mbedtls_pk_get_type(&s->key) != MBEDTLS_PK_RSA ||
	    mbedtls_pk_get_bitlen(&s->key) < 2048 || mbedtls_pk_get_len(&s->key) > SEAL_BLOCK_MAX) {
		log_error("seal", "%s is not an RSA key of 2048 to 4096 bits", pubkey_pem_path);
		goto out;
	}
	mbedtls_rsa_set_padding(mbedtls_pk_rsa(s->key), MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
	ret = mbedtls_ctr_drbg_seed(&s->drbg, mbedtls_entropy_func, &s->entropy,
				    (const unsigned char *)pers, sizeof(pers) - 1);
	if (ret != 0) {
		log_error("seal", "cannot seed the random generator (-0x%04x)", (unsigned)-ret);
		goto out;
	}
	*out = s;
	rc = 0;
out:
	if (rc != 0)
		seal_close(s);
	return rc;
}

void seal_close(struct sealer *s)
{
	if (!s)
		return;
	mbedtls_pk_free(&s->key);
	mbedtls_ctr_drbg_free(&s->drbg);
	mbedtls_entropy_free(&s->entropy);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* Copies a track-1 name as a JSON string body: quotes and backslashes escaped, control and
 * non-ASCII bytes dropped (track 1 is ASCII by definition). */
static int json_escape_name(const char *in, char *out, size_t n)
{
	size_t len = 0;

	for (const unsigned char *c = (const unsigned char *)in; *c; c++) {
		if (*c < 0x20 || *c > 0x7e)
			continue;
		if (len + 3 > n)
			return KIOSK_EINVAL;
		if (*c == '"' || *c == '\\')
			out[len++] = '\\';
		out[len++] = (char)*c;
	}
	out[len] = '\0';
	return 0;
}

/* The JSON is written by hand into a stack buffer rather than with jansson, so that no copy
 * of the card number is left behind in freed heap memory. */
static int format_plaintext(const struct card_data *card, char *out, size_t n, size_t *len)
{
	char name[2 * sizeof(card->name) + 1];
	int w;
	int rc = KIOSK_EINVAL;

	if (!memchr(card->pan, '\0', sizeof(card->pan)) ||
	    !memchr(card->expiry, '\0', sizeof(card->expiry)) ||
	    !memchr(card->name, '\0', sizeof(card->name)))
		goto out;
	if (!all_digits(card->pan, 12, 19) || !all_digits(card->expiry, 4, 4))
		goto out;
	if (json_escape_name(card->name, name, sizeof(name)) != 0)
		goto out;
	w = snprintf(out, n, "{\"pan\":\"%s\",\"exp\":\"%s\",\"name\":\"%s\"}", card->pan,
		     card->expiry, name);
	if (w < 0 || (size_t)w >= n)
		goto out;
	*len = (size_t)w;
	rc = 0;
out:
	mbedtls_platform_zeroize(name, sizeof(name));
	return rc;
}

int seal_card(struct sealer *s, const struct card_data *card, struct card_sealed *out)
{
	char plain[192]; /* 2048-bit OAEP with SHA-256 carries at most 190 bytes */
	unsigned char block[SEAL_BLOCK_MAX];
	size_t plain_len = 0, block_len = 0, b64_len = 0;
	int ret;
	int rc;

	if (!s || !card || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	rc = format_plaintext(card, plain, sizeof(plain), &plain_len);
	if (rc != 0) {
		log_warn("seal", "card data not in the expected form; not sealed");
		goto out;
	}

	pthread_mutex_lock(&s->lock);
	ret = mbedtls_pk_encrypt(&s->key, (const unsigned char *)plain, plain_len, block,
				 &block_len, sizeof(block), mbedtls_ctr_drbg_random, &s->drbg);
	pthread_mutex_unlock(&s->lock);
	if (ret != 0) {
		log_error("seal", "RSA-OAEP encryption failed (-0x%04x)", (unsigned)-ret);
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	ret = mbedtls_base64_encode((unsigned char *)out->sealed_b64, sizeof(out->sealed_b64),
				    &b64_len, block, block_len);
	if (ret != 0) {
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	snprintf(out->brand, sizeof(out->brand), "%.*s", (int)sizeof(card->brand) - 1, card->brand);
	/* Shown and printed: always taken from the number itself, never more than four. */
	snprintf(out->last4, sizeof(out->last4), "%s", card->pan + strlen(card->pan) - 4);
	rc = 0;
out:
	mbedtls_platform_zeroize(plain, sizeof(plain));
	if (rc != 0)
		mbedtls_platform_zeroize(out, sizeof(*out));
	return rc;
}

static void to_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789ABCDEF";

	for (size_t k = 0; k < n; k++) {
		out[2 * k] = digits[p[k] >> 4];
		out[2 * k + 1] = digits[p[k] & 15];
	}
	out[2 * n] = '\0';
}

int seal_encrypted(const struct card_swipe *swipe, struct card_sealed *out)
{
	size_t n;

	if (!swipe || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	n = strnlen(swipe->masked_pan, sizeof(swipe->masked_pan));
	if (!card_swipe_encrypted(swipe) || n < 12 || n >= sizeof(swipe->masked_pan) ||
	    swipe->enc_track1_len > CARD_ENC_TRACK_MAX ||
	    swipe->enc_track2_len > CARD_ENC_TRACK_MAX)
		return KIOSK_ECARD;
	snprintf(out->brand, sizeof(out->brand), "%s", card_brand(swipe->masked_pan));
	memcpy(out->last4, swipe->masked_pan + n - 4, 4);
	out->last4[4] = '\0';
	if (strspn(out->last4, "0123456789") != 4)
		return KIOSK_ECARD;
	snprintf(out->ksn, sizeof(out->ksn), "%s", swipe->ksn);
	to_hex(swipe->enc_track1, swipe->enc_track1_len, out->enc_track1);
	to_hex(swipe->enc_track2, swipe->enc_track2_len, out->enc_track2);
	return 0;
}
