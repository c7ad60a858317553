/* app/crypto/seal: what the kiosk seals with seal.pem opens with seal.key (RSA-OAEP,
 * SHA-256) into exactly the documented JSON, and bad input is refused and wiped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/base64.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "app/common/err.h"
#include "app/crypto/seal.h"

static void make_card(struct card_data *card, const char *pan, const char *name)
{
	memset(card, 0, sizeof(*card));
	strcpy(card->pan, pan);
	strcpy(card->expiry, "2812");
	strcpy(card->name, name);
	strcpy(card->brand, "Visa");
	strcpy(card->last4, pan + strlen(pan) - 4);
}

/* Decrypts as the portal would: the private key, OAEP with SHA-256. */
static void unseal(const char *b64, char *plain, size_t n)
{
	static const char pers[] = "test-seal";
	unsigned char block[512];
	size_t block_len = 0, plain_len = 0;
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;

	mbedtls_pk_init(&key);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	assert_int_equal(mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
					       (const unsigned char *)pers, sizeof(pers) - 1),
			 0);
	assert_int_equal(mbedtls_pk_parse_keyfile(&key, PKI_DIR "/seal.key", NULL), 0);
	mbedtls_rsa_set_padding(mbedtls_pk_rsa(key), MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
	assert_int_equal(mbedtls_base64_decode(block, sizeof(block), &block_len,
					       (const unsigned char *)b64, strlen(b64)),
			 0);
	assert_int_equal(block_len, 256);
	assert_int_equal(mbedtls_pk_decrypt(&key, block, block_len, (unsigned char *)plain,
					    &plain_len, n - 1, mbedtls_ctr_drbg_random, &drbg),
			 0);
	plain[plain_len] = '\0';
	mbedtls_pk_free(&key);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
}

static void seal_round_trip(void **state)
{
	struct sealer *s = NULL;
	struct card_data card;
	struct card_sealed out, again;
	char plain[256];

	(void)state;
	assert_int_equal(seal_open(PKI_DIR "/seal.pem", &s), 0);
	make_card(&card, "4111111111111111", "RIVERA/ANA");
	assert_int_equal(seal_card(s, &card, &out), 0);
	assert_string_equal(out.brand, "Visa");
	assert_string_equal(out.last4, "1111");
	assert_string_equal(out.ksn, "");
	assert_null(strstr(out.sealed_b64, "4111"));
	unseal(out.sealed_b64, plain, sizeof(plain));
	assert_string_equal(
	    plain, "{\"pan\":\"4111111111111111\",\"exp\":\"2812\",\"name\":\"RIVERA/ANA\"}");

	/* OAEP is randomised: the same card never seals to the same block twice. */
	assert_int_equal(seal_card(s, &card, &again), 0);
	assert_string_not_equal(out.sealed_b64, again.sealed_b64);
	seal_close(s);
}

static void seal_escapes_name(void **state)
{
	struct sealer *s = NULL;
	struct card_data card;
	struct card_sealed out;
	char plain[256];

	(void)state;
	assert_int_equal(seal_open(PKI_DIR "/seal.pem", &s), 0);
	make_card(&card, "5555555555554444", "O\"BRIEN\\/PAT");
	assert_int_equal(seal_card(s, &card, &out), 0);
	unseal(out.sealed_b64, plain, sizeof(plain));
	assert_string_equal(
	    plain,
	    "{\"pan\":\"5555555555554444\",\"exp\":\"2812\",\"name\":\"O\\\"BRIEN\\\\/PAT\"}");
	seal_close(s);
}

static void seal_refuses_bad_input(void **state)
{
	struct sealer *s = NULL;
	struct card_data card;
	struct card_sealed out;

	(void)state;
	assert_int_equal(seal_open(PKI_DIR "/does-not-exist.pem", &s), KIOSK_EIO);
	/* A certificate is not the sealing key. */
	assert_int_equal(seal_open(PKI_DIR "/ca.pem", &s), KIOSK_ECRYPTO);
	assert_int_equal(seal_open(PKI_DIR "/seal.pem", &s), 0);
	make_card(&card, "41111111ABCD1111", "X");
	memset(&out, 0x55, sizeof(out));
	assert_int_equal(seal_card(s, &card, &out), KIOSK_EINVAL);
	assert_string_equal(out.sealed_b64, "");
	make_card(&card, "4111111111111111", "X");
	strcpy(card.expiry, "28");
	assert_int_equal(seal_card(s, &card, &out), KIOSK_EINVAL);
	seal_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(seal_round_trip),
	    cmocka_unit_test(seal_escapes_name),
	    cmocka_unit_test(seal_refuses_bad_input),
	};

	return cmocka_run_group_tests_name("seal", tests, NULL, NULL);
}
