/* Update signatures: ECDSA P-256 over SHA-256 (mbedtls). Used by kiosk-sign to sign a
 * bundle's manifest and by the agent to verify it against the device's public key. */
#ifndef KIOSK_UPDATE_SIGNATURE_H
#define KIOSK_UPDATE_SIGNATURE_H

#include <stddef.h>

#define SIG_MAX_LEN 160 /* a DER ECDSA P-256 signature is at most 72 bytes */

/* Makes a new P-256 key pair: private PEM (0600) and public PEM (0644). */
int sig_keygen(const char *private_path, const char *public_path, char *err, size_t errlen);

/* Signs SHA-256(data) with the private key; sig gets DER, *siglen its length. */
int sig_sign(const char *private_path, const void *data, size_t len, unsigned char *sig,
	     size_t *siglen, char *err, size_t errlen);

/* 0 when sig is a valid signature of SHA-256(data) by the public key (which must be P-256);
 * KIOSK_ECRYPTO otherwise. */
int sig_verify(const char *public_path, const void *data, size_t len, const unsigned char *sig,
	       size_t siglen, char *err, size_t errlen);

/* Lower-case hex of a 32-byte digest into hex[65]. */
void sig_hex(const unsigned char digest[32], char hex[65]);

/* SHA-256 of a whole file, as lower-case hex. 0 or KIOSK_EIO. */
int sig_file_sha256(const char *path, char hex[65]);

#endif
