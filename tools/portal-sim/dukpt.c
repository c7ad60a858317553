/* ANSI X9.24-1:2009 TDES DUKPT: Annex A.2 (non-reversible key generation), A.6 (initial key),
 * the PIN and data variants. Checked against the standard's A.4 test data and MagTek's
 * published decryption example in tests/unit/drivers/test_dukpt.c. */
#include "tools/portal-sim/dukpt.h"

#include <mbedtls/des.h>
#include <mbedtls/platform_util.h>
#include <string.h>

#include "app/common/err.h"

const uint8_t dukpt_test_bdk[DUKPT_KEY_LEN] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
					       0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10};

static const uint8_t key_mask[DUKPT_KEY_LEN] = {0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0,
						0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0};

static int des_ecb(const uint8_t key[8], const uint8_t in[8], uint8_t out[8])
{
	mbedtls_des_context c;
	int rc;

	mbedtls_des_init(&c);
	rc = mbedtls_des_setkey_enc(&c, key) || mbedtls_des_crypt_ecb(&c, in, out);
	mbedtls_des_free(&c);
	return rc ? KIOSK_ECRYPTO : 0;
}

static int tdes_ecb(const uint8_t key[16], const uint8_t in[8], uint8_t out[8])
{
	mbedtls_des3_context c;
	int rc;

	mbedtls_des3_init(&c);
	rc = mbedtls_des3_set2key_enc(&c, key) || mbedtls_des3_crypt_ecb(&c, in, out);
	mbedtls_des3_free(&c);
	return rc ? KIOSK_ECRYPTO : 0;
}

int dukpt_initial_key(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		      uint8_t ik[DUKPT_KEY_LEN])
{
	uint8_t reg[8], k2[DUKPT_KEY_LEN];
	int rc;

	/* The leftmost 64 bits of the KSN with the 21-bit counter cleared. */
	memcpy(reg, ksn, 8);
	reg[7] &= 0xE0;
	for (int i = 0; i < DUKPT_KEY_LEN; i++)
		k2[i] = bdk[i] ^ key_mask[i];
	rc = tdes_ecb(bdk, reg, ik);
	if (rc == 0)
		rc = tdes_ecb(k2, reg, ik + 8);
	mbedtls_platform_zeroize(k2, sizeof(k2));
	return rc;
}

/* A.2: a new key from the current one and the 64-bit crypto register. */
static int nonreversible(uint8_t key[DUKPT_KEY_LEN], const uint8_t data[8])
{
	uint8_t r1[8], r2[8], k2[DUKPT_KEY_LEN];
	int rc;

	for (int i = 0; i < 8; i++)
		r2[i] = data[i] ^ key[8 + i];
	rc = des_ecb(key, r2, r2);
	for (int i = 0; i < 8; i++)
		r2[i] ^= key[8 + i];
	for (int i = 0; i < DUKPT_KEY_LEN; i++)
		k2[i] = key[i] ^ key_mask[i];
	for (int i = 0; i < 8; i++)
		r1[i] = data[i] ^ k2[8 + i];
	if (rc == 0)
		rc = des_ecb(k2, r1, r1);
	for (int i = 0; i < 8; i++)
		r1[i] ^= k2[8 + i];
	memcpy(key, r1, 8);
	memcpy(key + 8, r2, 8);
	mbedtls_platform_zeroize(k2, sizeof(k2));
	mbedtls_platform_zeroize(r1, sizeof(r1));
	mbedtls_platform_zeroize(r2, sizeof(r2));
	return rc;
}

int dukpt_transaction_key(const uint8_t ik[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
			  uint8_t key[DUKPT_KEY_LEN])
{
	uint8_t reg[8];
	uint32_t counter = ((uint32_t)(ksn[7] & 0x1F) << 16) | ((uint32_t)ksn[8] << 8) | ksn[9];
	int rc = 0;

	/* The rightmost 64 bits of the KSN, counter cleared; then, from the counter's top bit
	 * down, each set bit is added to the register and a key derived from it. */
	memcpy(reg, ksn + 2, 8);
	reg[5] &= 0xE0;
	reg[6] = 0;
	reg[7] = 0;
	memcpy(key, ik, DUKPT_KEY_LEN);
	for (uint32_t bit = 1u << 20; bit && rc == 0; bit >>= 1) {
		if (!(counter & bit))
			continue;
		reg[5] |= (uint8_t)(bit >> 16);
		reg[6] |= (uint8_t)(bit >> 8);
		reg[7] |= (uint8_t)bit;
		rc = nonreversible(key, reg);
	}
	return rc;
}

int dukpt_data_key(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		   enum dukpt_variant v, uint8_t key[DUKPT_KEY_LEN])
{
	uint8_t ik[DUKPT_KEY_LEN], var[DUKPT_KEY_LEN];
	int rc = dukpt_initial_key(bdk, ksn, ik);

	if (rc == 0)
		rc = dukpt_transaction_key(ik, ksn, key);
	if (rc == 0 && v == DUKPT_VARIANT_PIN) {
		key[7] ^= 0xFF;
		key[15] ^= 0xFF;
	} else if (rc == 0) {
		key[5] ^= 0xFF;
		key[13] ^= 0xFF;
		memcpy(var, key, sizeof(var));
		rc = tdes_ecb(var, var, key);
		if (rc == 0)
			rc = tdes_ecb(var, var + 8, key + 8);
	}
	mbedtls_platform_zeroize(ik, sizeof(ik));
	mbedtls_platform_zeroize(var, sizeof(var));
	return rc;
}

static int tdes_cbc(int mode, const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		    enum dukpt_variant v, const uint8_t *in, size_t n, uint8_t *out)
{
	uint8_t key[DUKPT_KEY_LEN], iv[8] = {0};
	mbedtls_des3_context c;
	int rc;

	if (!in || !out || n == 0 || n % 8 != 0)
		return KIOSK_EINVAL;
	rc = dukpt_data_key(bdk, ksn, v, key);
	if (rc)
		return rc;
	mbedtls_des3_init(&c);
	if ((mode == MBEDTLS_DES_ENCRYPT ? mbedtls_des3_set2key_enc(&c, key)
					 : mbedtls_des3_set2key_dec(&c, key)) ||
	    mbedtls_des3_crypt_cbc(&c, mode, n, iv, in, out))
		rc = KIOSK_ECRYPTO;
	mbedtls_des3_free(&c);
	mbedtls_platform_zeroize(key, sizeof(key));
	return rc;
}

int dukpt_decrypt(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		  enum dukpt_variant v, const uint8_t *in, size_t n, uint8_t *out)
{
	return tdes_cbc(MBEDTLS_DES_DECRYPT, bdk, ksn, v, in, n, out);
}

int dukpt_encrypt(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		  enum dukpt_variant v, const uint8_t *in, size_t n, uint8_t *out)
{
	return tdes_cbc(MBEDTLS_DES_ENCRYPT, bdk, ksn, v, in, n, out);
}

int dukpt_ksn_parse(const char *hex, uint8_t ksn[DUKPT_KSN_LEN])
{
	if (!hex || strlen(hex) != 2 * DUKPT_KSN_LEN)
		return KIOSK_EINVAL;
	for (int i = 0; i < DUKPT_KSN_LEN; i++) {
		unsigned v = 0;

		for (int k = 0; k < 2; k++) {
			char c = hex[2 * i + k];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'A' && c <= 'F')
				v |= (unsigned)(c - 'A' + 10);
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else
				return KIOSK_EINVAL;
		}
		ksn[i] = (uint8_t)v;
	}
	return 0;
}
