/* TDES DUKPT (ANSI X9.24-1:2009), the host's side: from the base derivation key and a
 * reader's key serial number, the transaction key that reader used, and the track it
 * encrypted. portal-sim opens MagneSafe swipes with it; the reader emulation in the tests
 * encrypts with it. Pure, mbedtls DES. */
#ifndef KIOSK_PORTAL_SIM_DUKPT_H
#define KIOSK_PORTAL_SIM_DUKPT_H

#include <stddef.h>
#include <stdint.h>

#define DUKPT_KEY_LEN 16
#define DUKPT_KSN_LEN 10

/* The test base derivation key of ANSI X9.24-1:2009 Annex A. Test use only. */
extern const uint8_t dukpt_test_bdk[DUKPT_KEY_LEN];

/* Which variant of the transaction key encrypts the data. MagTek MagneSafe readers use the
 * PIN variant unless configured for the data variant (MagneSafe V5 reference); the data
 * variant adds X9.24-1:2009's one-way step (each half encrypted under the variant key). */
enum dukpt_variant { DUKPT_VARIANT_PIN, DUKPT_VARIANT_DATA };

/* Initial key (IPEK) from BDK and KSN (counter bits ignored). 0 or KIOSK_ECRYPTO. */
int dukpt_initial_key(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		      uint8_t ik[DUKPT_KEY_LEN]);

/* The transaction key for the KSN's counter, no variant applied (A.4 "transaction key"). */
int dukpt_transaction_key(const uint8_t ik[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
			  uint8_t key[DUKPT_KEY_LEN]);

/* The key data is encrypted with: the transaction key with the variant applied. */
int dukpt_data_key(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		   enum dukpt_variant v, uint8_t key[DUKPT_KEY_LEN]);

/* TDES-CBC with a zero IV over whole 8-byte blocks, as MagneSafe readers encrypt tracks.
 * n must be a multiple of 8; out may equal in. 0, KIOSK_EINVAL or KIOSK_ECRYPTO. */
int dukpt_decrypt(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		  enum dukpt_variant v, const uint8_t *in, size_t n, uint8_t *out);
int dukpt_encrypt(const uint8_t bdk[DUKPT_KEY_LEN], const uint8_t ksn[DUKPT_KSN_LEN],
		  enum dukpt_variant v, const uint8_t *in, size_t n, uint8_t *out);

/* "FFFF9876543210E00008" into 10 bytes. 0 or KIOSK_EINVAL. */
int dukpt_ksn_parse(const char *hex, uint8_t ksn[DUKPT_KSN_LEN]);

#endif
