/* TDES DUKPT against the published vectors: ANSI X9.24-1:2009 Annex A.4 (initial key and
 * transaction keys from the test BDK, initial and rollover sequences), the data variant's
 * key and MagTek's example of a MagneSafe track decrypted under the PIN variant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "tools/portal-sim/dukpt.h"

static void unhex(const char *h, uint8_t *out)
{
	for (size_t k = 0; h[2 * k]; k++) {
		unsigned v;

		sscanf(h + 2 * k, "%2x", &v);
		out[k] = (uint8_t)v;
	}
}

static void test_initial_key(void **state)
{
	uint8_t ksn[10], ik[16], want[16];

	(void)state;
	assert_int_equal(dukpt_ksn_parse("FFFF9876543210E00000", ksn), 0);
	assert_int_equal(dukpt_initial_key(dukpt_test_bdk, ksn, ik), 0);
	unhex("6AC292FAA1315B4D858AB3A3D7D5933A", want);
	assert_memory_equal(ik, want, 16);
	assert_int_equal(dukpt_ksn_parse("FFFF9876543210E0000", ksn), KIOSK_EINVAL);
	assert_int_equal(dukpt_ksn_parse("FFFF9876543210E0000G", ksn), KIOSK_EINVAL);
}

static void test_transaction_keys(void **state)
{
	static const char *const v[][2] = {
	    /* A.4.2, initial sequence */
	    {"FFFF9876543210E00001", "042666B49184CFA368DE9628D0397BC9"},
	    {"FFFF9876543210E00002", "C46551CEF9FD24B0AA9AD834130D3BC7"},
	    {"FFFF9876543210E00003", "0DF3D9422ACA56E547676D07AD6BADFA"},
	    {"FFFF9876543210E00008", "27F66D5244FF62E1AA6F6120EDEB4280"},
	    {"FFFF9876543210E00015", "E161D1956A61F6D2F37AFD7F9CC3699A"},
	    /* A.4.3, rollover sequence */
	    {"FFFF9876543210EFF800", "F9CDFEBF4F5B1D9EB3EC12454527E176"},
	    {"FFFF9876543210EFF880", "CA8225C587124DFBB87F279C0BE29727"},
	    {"FFFF9876543210F00000", "AA4D58DB653EC74A48C75F2F047DD2B5"},
	};
	uint8_t ksn[10], ik[16], key[16], want[16];

	(void)state;
	for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
		assert_int_equal(dukpt_ksn_parse(v[k][0], ksn), 0);
		assert_int_equal(dukpt_initial_key(dukpt_test_bdk, ksn, ik), 0);
		assert_int_equal(dukpt_transaction_key(ik, ksn, key), 0);
		unhex(v[k][1], want);
		assert_memory_equal(key, want, 16);
	}
}

static void test_variants(void **state)
{
	uint8_t ksn[10], key[16], want[16];

	(void)state;
	dukpt_ksn_parse("FFFF9876543210E00008", ksn);
	/* The data variant with X9.24-1:2009's one-way step (java-dukpt's toDataKey vector). */
	assert_int_equal(dukpt_data_key(dukpt_test_bdk, ksn, DUKPT_VARIANT_DATA, key), 0);
	unhex("C39B2778B058AC376FB18DC906F75CBA", want);
	assert_memory_equal(key, want, 16);
	/* The PIN variant: the transaction key with bytes 7 and 15 inverted. */
	assert_int_equal(dukpt_data_key(dukpt_test_bdk, ksn, DUKPT_VARIANT_PIN, key), 0);
	unhex("27F66D5244FF621EAA6F6120EDEB427F", want);
	assert_memory_equal(key, want, 16);
}

static void test_magtek_example(void **state)
{
	static const char cipher_hex[] =
	    "C25C1D1197D31CAA87285D59A892047426D9182EC11353C051ADD6D0F072A6CB3436560B3071FC1F"
	    "D11D9F7E74886742D9BEE0CFD1EA1064C213BB55278B2F12";
	static const char track[] = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?";
	uint8_t ksn[10], cipher[64], plain[64], again[64];

	(void)state;
	dukpt_ksn_parse("FFFF9876543210E00008", ksn);
	unhex(cipher_hex, cipher);
	assert_int_equal(dukpt_decrypt(dukpt_test_bdk, ksn, DUKPT_VARIANT_PIN, cipher, 64, plain),
			 0);
	assert_memory_equal(plain, track, sizeof(track) - 1);
	for (size_t k = sizeof(track) - 1; k < 64; k++)
		assert_int_equal(plain[k], 0);
	assert_int_equal(dukpt_encrypt(dukpt_test_bdk, ksn, DUKPT_VARIANT_PIN, plain, 64, again),
			 0);
	assert_memory_equal(again, cipher, 64);
	assert_int_equal(dukpt_decrypt(dukpt_test_bdk, ksn, DUKPT_VARIANT_PIN, cipher, 63, plain),
			 KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_initial_key),
	    cmocka_unit_test(test_transaction_keys),
	    cmocka_unit_test(test_variants),
	    cmocka_unit_test(test_magtek_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
