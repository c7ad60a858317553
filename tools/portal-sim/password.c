/* Password storage as a real portal would do it: PBKDF2-HMAC-SHA256 over a random salt, and a
 * constant-time comparison, so the sim's rules are the ones the kiosk will meet. */
#include <string.h>
#include <sys/random.h>

#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

#include "app/common/err.h"
#include "tools/portal-sim/sim.h"

int password_new_salt(unsigned char salt[PASSWORD_SALT_LEN])
{
	return getrandom(salt, PASSWORD_SALT_LEN, 0) == PASSWORD_SALT_LEN ? 0 : KIOSK_EIO;
}

int password_hash(const char *password, const unsigned char *salt, unsigned iterations,
		  unsigned char hash[PASSWORD_HASH_LEN])
{
	mbedtls_md_context_t md;
	int rc = KIOSK_ECRYPTO;

	mbedtls_md_init(&md);
	if (mbedtls_md_setup(&md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) != 0)
		goto out;
	if (mbedtls_pkcs5_pbkdf2_hmac(&md, (const unsigned char *)password, strlen(password), salt,
				      PASSWORD_SALT_LEN, iterations, PASSWORD_HASH_LEN, hash) != 0)
		goto out;
	rc = 0;
out:
	mbedtls_md_free(&md);
	return rc;
}

int password_verify(const char *password, const unsigned char *salt, unsigned iterations,
		    const unsigned char *hash)
{
	unsigned char got[PASSWORD_HASH_LEN];
	unsigned char diff = 0;
	int rc = password_hash(password, salt, iterations, got);

	if (rc)
		return rc;
	/* Every byte compared, whatever the first difference: no timing hint. */
	for (size_t i = 0; i < PASSWORD_HASH_LEN; i++)
		diff |= got[i] ^ hash[i];
	mbedtls_platform_zeroize(got, sizeof(got));
	return diff == 0 ? 0 : KIOSK_EINVAL;
}
