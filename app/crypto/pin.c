/* Staff PIN hashing with mbedtls' PBKDF2-HMAC-SHA256 and a 16-byte random salt. */
#include "app/crypto/pin.h"

#include <mbedtls/base64.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "app/common/err.h"

#define PREFIX "pbkdf2-sha256$"
#define SALT_LEN 16
#define KEY_LEN 32
#define MIN_ITERATIONS 1000
#define MAX_ITERATIONS 10000000

static int derive(const char *pin, const unsigned char *salt, size_t salt_len, unsigned iterations,
		  unsigned char key[KEY_LEN])
{
	mbedtls_md_context_t md;
	int rc = KIOSK_ECRYPTO;

	mbedtls_md_init(&md);
	if (mbedtls_md_setup(&md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) != 0)
		goto out;
	if (mbedtls_pkcs5_pbkdf2_hmac(&md, (const unsigned char *)pin, strlen(pin), salt, salt_len,
				      iterations, KEY_LEN, key) != 0)
		goto out;
	rc = 0;
out:
	mbedtls_md_free(&md);
	return rc;
}

int pin_hash(const char *pin, unsigned iterations, char *out, size_t n)
{
	unsigned char salt[SALT_LEN], key[KEY_LEN];
	char salt_b64[32], key_b64[64];
	size_t sl, kl;
	int rc, len;

	if (!pin || !*pin || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS)
		return KIOSK_EINVAL;
	if (getrandom(salt, sizeof(salt), 0) != (ssize_t)sizeof(salt))
		return KIOSK_EIO;
	rc = derive(pin, salt, sizeof(salt), iterations, key);
	if (rc)
		goto out;
	if (mbedtls_base64_encode((unsigned char *)salt_b64, sizeof(salt_b64), &sl, salt,
				  sizeof(salt)) ||
	    mbedtls_base64_encode((unsigned char *)key_b64, sizeof(key_b64), &kl, key,
				  sizeof(key))) {
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	len = snprintf(out, n, PREFIX "%u$%s$%s", iterations, salt_b64, key_b64);
	rc = len < 0 || (size_t)len >= n ? KIOSK_EINVAL : 0;
out:
	mbedtls_platform_zeroize(key, sizeof(key));
	return rc;
}

/* Splits the text form; salt and key decoded. */
static int parse(const char *stored, unsigned *iterations, unsigned char *salt, size_t *salt_len,
		 unsigned char key[KEY_LEN])
{
	char buf[PIN_HASH_MAX], *it, *s, *k, *end;
	size_t kl;
	unsigned long v;

	if (!stored || strncmp(stored, PREFIX, strlen(PREFIX)) || strlen(stored) >= sizeof(buf))
		return KIOSK_EINVAL;
	snprintf(buf, sizeof(buf), "%s", stored + strlen(PREFIX));
	it = buf;
	s = strchr(it, '$');
	if (!s)
		return KIOSK_EINVAL;
	*s++ = '\0';
	k = strchr(s, '$');
	if (!k)
		return KIOSK_EINVAL;
	*k++ = '\0';
	v = strtoul(it, &end, 10);
	if (*end || end == it || v < MIN_ITERATIONS || v > MAX_ITERATIONS)
		return KIOSK_EINVAL;
	*iterations = (unsigned)v;
	if (mbedtls_base64_decode(salt, 64, salt_len, (const unsigned char *)s, strlen(s)) ||
	    *salt_len < 8)
		return KIOSK_EINVAL;
	if (mbedtls_base64_decode(key, KEY_LEN, &kl, (const unsigned char *)k, strlen(k)) ||
	    kl != KEY_LEN)
		return KIOSK_EINVAL;
	return 0;
}

int pin_hash_check_format(const char *stored)
{
	unsigned char salt[64], key[KEY_LEN];
	unsigned it;
	size_t sl;

	return parse(stored, &it, salt, &sl, key);
}

int pin_make(const char *pin, char *out, size_t n)
{
	size_t len = pin ? strlen(pin) : 0;

	if (len < PIN_NEW_MIN_DIGITS || len > PIN_NEW_MAX_DIGITS)
		return KIOSK_EINVAL;
	for (size_t i = 0; i < len; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return KIOSK_EINVAL;
	return pin_hash(pin, PIN_DEFAULT_ITERATIONS, out, n);
}

enum pin_state pin_assess(const char *stored)
{
	unsigned char salt[64], key[KEY_LEN];
	unsigned it;
	size_t sl;
	bool demo = false;

	if (!stored || !stored[0])
		return PIN_STATE_MISSING;
	if (parse(stored, &it, salt, &sl, key))
		return PIN_STATE_INVALID;
	if (pin_verify(PIN_DEMO, stored, &demo) == 0 && demo)
		return PIN_STATE_DEMO;
	return it < PIN_DEFAULT_ITERATIONS ? PIN_STATE_WEAK : PIN_STATE_OK;
}

const char *pin_state_name(enum pin_state st)
{
	switch (st) {
	case PIN_STATE_OK: return "ok";
	case PIN_STATE_MISSING: return "missing";
	case PIN_STATE_INVALID: return "invalid";
	case PIN_STATE_DEMO: return "demo";
	case PIN_STATE_WEAK: return "weak";
	}
	return "invalid";
}

int pin_verify(const char *pin, const char *stored, bool *match)
{
	unsigned char salt[64], want[KEY_LEN], got[KEY_LEN];
	unsigned it, diff = 0;
	size_t sl;
	int rc;

	*match = false;
	rc = parse(stored, &it, salt, &sl, want);
	if (rc)
		return rc;
	rc = derive(pin ? pin : "", salt, sl, it, got);
	if (rc)
		goto out;
	/* Constant time: how much of a guess was right must not show in the timing. */
	for (size_t i = 0; i < KEY_LEN; i++)
		diff |= (unsigned)(want[i] ^ got[i]);
	*match = diff == 0;
out:
	mbedtls_platform_zeroize(got, sizeof(got));
	return rc;
}
