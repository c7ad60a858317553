/* eSSP: key exchange arithmetic and AES-128 ECB packets (mbedtls). Decrypted bytes come from
 * a device, so the length byte inside is checked against the block it came in. */
#include "drivers/cash/essp.h"

#include <mbedtls/aes.h>
#include <mbedtls/platform_util.h>
#include <string.h>
#include <sys/random.h>

#include "app/common/err.h"
#include "drivers/cash/ssp.h"

uint64_t essp_modpow(uint64_t x, uint64_t y, uint64_t n)
{
	unsigned __int128 r = 1, b = x % n;

	while (y) {
		if (y & 1)
			r = r * b % n;
		b = b * b % n;
		y >>= 1;
	}
	return (uint64_t)(r % n);
}

bool essp_is_prime(uint64_t n)
{
	/* These bases decide every n < 2^64 (Jaeschke; Sorenson and Webster). */
	static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
	uint64_t d;
	int s = 0;

	if (n < 2)
		return false;
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		if (n % bases[i] == 0)
			return n == bases[i];
	}
	d = n - 1;
	while ((d & 1) == 0) {
		d >>= 1;
		s++;
	}
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		uint64_t x = essp_modpow(bases[i], d, n);
		bool composite = x != 1 && x != n - 1;

		for (int r = 1; r < s && composite; r++) {
			x = (uint64_t)((unsigned __int128)x * x % n);
			composite = x != n - 1;
		}
		if (composite)
			return false;
	}
	return true;
}

int essp_random(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t got = getrandom(p, n, 0);

		if (got <= 0)
			return KIOSK_ECRYPTO;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

int essp_random_prime(uint64_t *out)
{
	uint64_t v;
	int rc = essp_random(&v, sizeof(v));

	if (rc)
		return rc;
	v = 0x10000 + v % (ESSP_MAX_PRIME - 0x10000);
	while (!essp_is_prime(v))
		v = v >= ESSP_MAX_PRIME ? 0x10001 : v + 1;
	*out = v;
	return 0;
}

void essp_key_bytes(const struct essp_key *k, uint8_t out[16])
{
	for (int i = 0; i < 8; i++) {
		out[i] = (uint8_t)(k->fixed >> (8 * i));
		out[8 + i] = (uint8_t)(k->negotiated >> (8 * i));
	}
}

/* AES-128 ECB over whole blocks, in place. */
static int aes_ecb(const struct essp_key *k, int mode, uint8_t *buf, size_t n)
{
	mbedtls_aes_context aes;
	uint8_t key[16];
	int rc = 0;

	essp_key_bytes(k, key);
	mbedtls_aes_init(&aes);
	if ((mode == MBEDTLS_AES_ENCRYPT ? mbedtls_aes_setkey_enc(&aes, key, 128)
					 : mbedtls_aes_setkey_dec(&aes, key, 128)) != 0)
		rc = KIOSK_ECRYPTO;
	for (size_t off = 0; rc == 0 && off < n; off += 16) {
		if (mbedtls_aes_crypt_ecb(&aes, mode, buf + off, buf + off))
			rc = KIOSK_ECRYPTO;
	}
	mbedtls_aes_free(&aes);
	mbedtls_platform_zeroize(key, sizeof(key));
	return rc;
}

int essp_wrap(const struct essp_key *k, uint32_t count, const uint8_t *data, size_t len,
	      const uint8_t *packing, uint8_t *out, size_t cap, size_t *out_len)
{
	uint8_t block[240];
	size_t n = 1 + 4 + len + 2, pack = (16 - n % 16) % 16;
	uint16_t crc;
	int rc;

	if (len == 0 || len > ESSP_MAX_PLAIN || cap < 1 + n + pack)
		return KIOSK_EINVAL;
	block[0] = (uint8_t)len;
	for (int i = 0; i < 4; i++)
		block[1 + i] = (uint8_t)(count >> (8 * i));
	memcpy(block + 5, data, len);
	if (packing)
		memcpy(block + 5 + len, packing, pack);
	else if ((rc = essp_random(block + 5 + len, pack)) != 0)
		return rc;
	n += pack;
	crc = ssp_crc(block, n - 2, 0xFFFF);
	block[n - 2] = (uint8_t)(crc & 0xFF);
	block[n - 1] = (uint8_t)(crc >> 8);
	rc = aes_ecb(k, MBEDTLS_AES_ENCRYPT, block, n);
	if (rc == 0) {
		out[0] = SSP_STEX;
		memcpy(out + 1, block, n);
		*out_len = 1 + n;
	}
	mbedtls_platform_zeroize(block, sizeof(block));
	return rc;
}

int essp_unwrap(const struct essp_key *k, const uint8_t *in, size_t n, uint32_t *count,
		uint8_t *data, size_t cap, size_t *len)
{
	uint8_t block[240];
	size_t body = n - 1;
	uint16_t crc;
	int rc;

	if (n < 17 || in[0] != SSP_STEX || body % 16 != 0 || body > sizeof(block))
		return KIOSK_EPROTO;
	memcpy(block, in + 1, body);
	rc = aes_ecb(k, MBEDTLS_AES_DECRYPT, block, body);
	if (rc)
		goto out;
	crc = ssp_crc(block, body - 2, 0xFFFF);
	if (block[body - 2] != (crc & 0xFF) || block[body - 1] != (crc >> 8)) {
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	if (block[0] == 0 || 5 + (size_t)block[0] + 2 > body || block[0] > cap) {
		rc = KIOSK_EPROTO;
		goto out;
	}
	*count = (uint32_t)block[1] | (uint32_t)block[2] << 8 | (uint32_t)block[3] << 16 |
		 (uint32_t)block[4] << 24;
	memcpy(data, block + 5, block[0]);
	*len = block[0];
out:
	mbedtls_platform_zeroize(block, sizeof(block));
	return rc;
}

int essp_host_seal(struct essp_session *s, const uint8_t *data, size_t len, uint8_t *out,
		   size_t cap, size_t *out_len)
{
	int rc = essp_wrap(&s->key, s->count, data, len, NULL, out, cap, out_len);

	if (rc == 0)
		s->count++;
	return rc;
}

int essp_host_open(const struct essp_session *s, const uint8_t *in, size_t n, uint8_t *data,
		   size_t cap, size_t *len)
{
	uint32_t count;
	int rc = essp_unwrap(&s->key, in, n, &count, data, cap, len);

	if (rc == 0 && count != s->count)
		rc = KIOSK_EPROTO;
	return rc;
}

int essp_dev_open(struct essp_session *s, const uint8_t *in, size_t n, uint8_t *data, size_t cap,
		  size_t *len)
{
	uint32_t count;
	int rc = essp_unwrap(&s->key, in, n, &count, data, cap, len);

	if (rc == 0 && count != s->count)
		rc = KIOSK_EPROTO;
	if (rc == 0)
		s->count++;
	return rc;
}

int essp_dev_seal(const struct essp_session *s, const uint8_t *data, size_t len, uint8_t *out,
		  size_t cap, size_t *out_len)
{
	return essp_wrap(&s->key, s->count, data, len, NULL, out, cap, out_len);
}
