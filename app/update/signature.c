/* ECDSA P-256 signatures for update manifests, on mbedtls 2.28. */
#include "app/update/signature.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"

static void say(char *err, size_t errlen, const char *what, const char *path, int ret)
{
	char buf[128];

	mbedtls_strerror(ret, buf, sizeof(buf));
	snprintf(err, errlen, "%s %s: %s", what, path, buf);
}

void sig_hex(const unsigned char digest[32], char hex[65])
{
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", digest[i]);
	hex[64] = '\0';
}

int sig_file_sha256(const char *path, char hex[65])
{
	FILE *f = fopen(path, "rb");
	unsigned char buf[65536], digest[32];
	mbedtls_sha256_context sha;
	size_t n;

	if (!f)
		return KIOSK_EIO;
	mbedtls_sha256_init(&sha);
	mbedtls_sha256_starts_ret(&sha, 0);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		mbedtls_sha256_update_ret(&sha, buf, n);
	mbedtls_sha256_finish_ret(&sha, digest);
	mbedtls_sha256_free(&sha);
	fclose(f);
	sig_hex(digest, hex);
	return 0;
}

static int seed(mbedtls_entropy_context *ent, mbedtls_ctr_drbg_context *drbg)
{
	static const char pers[] = "kiosk-sign";

	return mbedtls_ctr_drbg_seed(drbg, mbedtls_entropy_func, ent, (const unsigned char *)pers,
				     sizeof(pers) - 1);
}

int sig_keygen(const char *private_path, const char *public_path, char *err, size_t errlen)
{
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_pk_context pk;
	unsigned char pem[2048];
	int ret, rc = KIOSK_ECRYPTO;

	mbedtls_entropy_init(&ent);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_pk_init(&pk);
	ret = seed(&ent, &drbg);
	if (ret == 0)
		ret = mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
	if (ret == 0)
		ret = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(pk),
					  mbedtls_ctr_drbg_random, &drbg);
	if (ret == 0)
		ret = mbedtls_pk_write_key_pem(&pk, pem, sizeof(pem));
	if (ret != 0) {
		say(err, errlen, "cannot make", private_path, ret);
		goto out;
	}
	rc = fs_write_atomic(private_path, pem, strlen((char *)pem), 0600);
	if (rc) {
		snprintf(err, errlen, "cannot write %s", private_path);
		goto out;
	}
	ret = mbedtls_pk_write_pubkey_pem(&pk, pem, sizeof(pem));
	if (ret != 0) {
		say(err, errlen, "cannot encode", public_path, ret);
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	rc = fs_write_atomic(public_path, pem, strlen((char *)pem), 0644);
	if (rc)
		snprintf(err, errlen, "cannot write %s", public_path);
out:
	mbedtls_platform_zeroize(pem, sizeof(pem));
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&ent);
	return rc;
}

static int is_p256(mbedtls_pk_context *pk)
{
	return mbedtls_pk_can_do(pk, MBEDTLS_PK_ECDSA) &&
	       mbedtls_pk_ec(*pk)->grp.id == MBEDTLS_ECP_DP_SECP256R1;
}

int sig_sign(const char *private_path, const void *data, size_t len, unsigned char *sig,
	     size_t *siglen, char *err, size_t errlen)
{
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_pk_context pk;
	unsigned char hash[32];
	unsigned char buf[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
	size_t n = 0;
	int ret, rc = KIOSK_ECRYPTO;

	mbedtls_entropy_init(&ent);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_pk_init(&pk);
	ret = mbedtls_pk_parse_keyfile(&pk, private_path, NULL);
	if (ret != 0) {
		say(err, errlen, "cannot read", private_path, ret);
		goto out;
	}
	if (!is_p256(&pk)) {
		snprintf(err, errlen, "%s is not an EC P-256 key", private_path);
		goto out;
	}
	ret = seed(&ent, &drbg);
	if (ret == 0)
		ret = mbedtls_sha256_ret(data, len, hash, 0);
	if (ret == 0)
		ret = mbedtls_pk_sign(&pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), buf, &n,
				      mbedtls_ctr_drbg_random, &drbg);
	if (ret != 0) {
		say(err, errlen, "cannot sign with", private_path, ret);
		goto out;
	}
	if (n > SIG_MAX_LEN) {
		snprintf(err, errlen, "signature too long");
		goto out;
	}
	memcpy(sig, buf, n);
	*siglen = n;
	rc = 0;
out:
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&ent);
	return rc;
}

int sig_verify(const char *public_path, const void *data, size_t len, const unsigned char *sig,
	       size_t siglen, char *err, size_t errlen)
{
	mbedtls_pk_context pk;
	unsigned char hash[32];
	int ret, rc = KIOSK_ECRYPTO;

	mbedtls_pk_init(&pk);
	ret = mbedtls_pk_parse_public_keyfile(&pk, public_path);
	if (ret != 0) {
		say(err, errlen, "cannot read the public key", public_path, ret);
		goto out;
	}
	if (!is_p256(&pk)) {
		snprintf(err, errlen, "%s is not an EC P-256 public key", public_path);
		goto out;
	}
	ret = mbedtls_sha256_ret(data, len, hash, 0);
	if (ret == 0)
		ret = mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), sig, siglen);
	if (ret != 0) {
		snprintf(err, errlen, "the manifest's signature does not verify against %s",
			 public_path);
		goto out;
	}
	rc = 0;
out:
	mbedtls_pk_free(&pk);
	return rc;
}
