/* The encryption layer of SSP (eSSP): the Diffie-Hellman key exchange with the manual's
 * modular exponentiation, and encrypted packets (STEX, eLENGTH, 4-byte eCOUNT, data, random
 * packing, eCRC, all AES-128 ECB) with their counter. Both sides use it: the kiosk's
 * validator driver and the emulated device.
 *
 * The counter, as ITL's reference host code keeps it: both start at 0 after a successful key
 * exchange; the host encrypts a command with its count and then adds one; the device takes a
 * command only when its count matches, adds one and encrypts its reply with the new count,
 * which the host expects to equal its own. */
#ifndef KIOSK_ESSP_H
#define KIOSK_ESSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fixed (lower) half of the key every ITL device ships with; a city may set its own. */
#define ESSP_DEFAULT_FIXED_KEY 0x0123456701234567ULL
/* Generators, moduli and secrets stay below 2^31 like ITL's reference code, so a device's
 * 64-bit arithmetic never overflows. */
#define ESSP_MAX_PRIME 0x7FFFFFFFULL
/* 15 AES blocks fill an SSP packet: 1 + 4 + data + 2 <= 240. */
#define ESSP_MAX_PLAIN 233

/* x^y mod n, the manual's XpowYmodN, exact for every 64-bit input. n must not be 0. */
uint64_t essp_modpow(uint64_t x, uint64_t y, uint64_t n);
/* Deterministic Miller-Rabin: exact for every 64-bit number. */
bool essp_is_prime(uint64_t n);
/* Fills buf from the kernel's random source. 0 or KIOSK_ECRYPTO. */
int essp_random(void *buf, size_t n);
/* A random prime in [2^16, ESSP_MAX_PRIME]. */
int essp_random_prime(uint64_t *out);

struct essp_key {
	uint64_t fixed;	     /* lower 64 bits */
	uint64_t negotiated; /* higher 64 bits, from the key exchange */
};

/* The AES-128 key bytes: fixed little-endian, then negotiated little-endian. */
void essp_key_bytes(const struct essp_key *k, uint8_t out[16]);

/* Encrypts data as the DATA field of an SSP packet: STEX then the AES blocks. packing: the
 * filler bytes to use (tests), or NULL for random. 0, KIOSK_EINVAL or KIOSK_ECRYPTO. */
int essp_wrap(const struct essp_key *k, uint32_t count, const uint8_t *data, size_t len,
	      const uint8_t *packing, uint8_t *out, size_t cap, size_t *out_len);

/* Decrypts an SSP packet's DATA field that starts with STEX: KIOSK_EPROTO when it is not a
 * whole number of blocks or its length byte does not fit, KIOSK_ECRYPTO when the eCRC does
 * not match (wrong key or not encrypted by the peer). *count is the packet's eCOUNT. */
int essp_unwrap(const struct essp_key *k, const uint8_t *in, size_t n, uint32_t *count,
		uint8_t *data, size_t cap, size_t *len);

/* One side's encrypted session: the key and the counter. */
struct essp_session {
	bool on;
	struct essp_key key;
	uint32_t count;
};

/* The host: seals a command (count, then +1); opens a reply (KIOSK_EPROTO on a wrong count). */
int essp_host_seal(struct essp_session *s, const uint8_t *data, size_t len, uint8_t *out,
		   size_t cap, size_t *out_len);
int essp_host_open(const struct essp_session *s, const uint8_t *in, size_t n, uint8_t *data,
		   size_t cap, size_t *len);
/* The device: opens a command (its count must match; then +1); seals its reply. */
int essp_dev_open(struct essp_session *s, const uint8_t *in, size_t n, uint8_t *data, size_t cap,
		  size_t *len);
int essp_dev_seal(const struct essp_session *s, const uint8_t *data, size_t len, uint8_t *out,
		  size_t cap, size_t *out_len);

#endif
