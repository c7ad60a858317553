/* Tests for drivers/cash/ssp and essp against ITL's own examples (SSP manual GA138: every
 * packet example in it), plus stuffing, the receiver's resynchronisation, the event and setup
 * parsers, the key exchange arithmetic and encrypted packets (an AES-128 vector computed
 * independently with openssl). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/cash/essp.h"
#include "drivers/cash/ssp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The manual's Setup Request reply: GBP dataset, firmware 1.00, 3 channels, protocol 5. */
#define SETUP_REPLY_GBP                                                                            \
	"7F 80 17 F0 00 30 31 30 30 47 42 50 00 00 01 03 05 0A 14 02 02 02 40 00 00 05 61 81"

/* Every packet example of the manual, host's and slave's, as printed. */
static const char *const manual_packets[] = {
    "7F 80 01 11 65 82",	     /* SYNC */
    "7F 80 01 F0 23 80",	     /* OK */
    "7F 80 01 01 06 02",	     /* RESET */
    "7F 80 02 06 08 03 94",	     /* HOST PROTOCOL VERSION 8 */
    "7F 80 02 06 09 06 14",	     /* HOST PROTOCOL VERSION 9 */
    "7F 80 01 F8 10 00",	     /* FAIL */
    "7F 80 01 07 12 02",	     /* POLL */
    "7F 80 03 F0 F1 E8 BF 8C",	     /* reset, disabled */
    "7F 80 04 F0 EE 01 EB B9 48",    /* credit 1, stacked */
    "7F 80 01 0C 2B 82",	     /* GET SERIAL NUMBER */
    "7F 80 05 F0 00 1C 96 2C D4 97", /* serial 01873452 */
    "7F 80 02 0C 01 35 A8",	     /* serial of attached device 1 */
    "7F 80 01 09 35 82",	     /* DISABLE */
    "7F 80 01 F5 3D 80",	     /* CANNOT BE PROCESSED */
    "7F 80 01 0A 3F 82",	     /* ENABLE */
    "7F 80 01 20 C0 02",	     /* GET FIRMWARE VERSION */
    "7F 80 11 F0 4E 56 30 32 30 30 34 31 34 31 34 39 38 30 30 30 DE 55",
    "7F 80 01 21 C5 82",			 /* GET DATASET VERSION */
    "7F 80 09 F0 45 55 52 30 31 36 31 30 B8 2A", /* EUR01610 */
    "7F 80 03 02 07 00 2B B6",			 /* SET INHIBITS 1-3 */
    "7F 80 03 02 FF FF 25 A4",			 /* SET INHIBITS all 16 */
    "7F 80 01 08 30 02",			 /* REJECT */
    "7F 80 01 17 71 82",			 /* LAST REJECT CODE */
    "7F 80 02 F0 08 0C 20",			 /* reject by host */
    "7F 80 06 54 FF 00 00 01 00 FB C9",		 /* CONFIGURE BEZEL */
    "7F 80 01 56 F7 83",			 /* POLL WITH ACK */
    "7F 80 04 F0 CC EE 01 62 AA",		 /* stacking, credit 1 */
    "7F 80 01 57 F2 03",			 /* EVENT ACK */
    "7F 80 01 58 D0 03",			 /* GET COUNTERS */
    "7F 80 16 F0 05 11 00 00 00 28 00 00 00 23 00 00 00 0A 00 00 00 10 00 00 00 72 B7",
    "7F 90 01 58 93 82",			 /* GET COUNTERS, address 0x10 */
    "7F 80 01 59 D5 83",			 /* RESET COUNTERS */
    "7F 80 09 4A C5 05 8F 3A 00 00 00 00 B2 73", /* SET GENERATOR 982451653 */
    "7F 80 09 4B 8D A6 13 00 00 00 00 00 6C F6", /* SET MODULUS 1287821 */
    "7F 80 09 4C 79 C8 9C E2 DE 06 00 00 9D 52", /* REQUEST KEY EXCHANGE */
    "7F 80 09 F0 23 68 1B FA E5 3C 27 DB 80 8A", /* slave intermediate key */
    "7F 80 01 4F A2 03",			 /* GET BUILD REVISION */
    "7F 80 07 F0 00 14 00 06 15 00 0F 97",
    "7F 80 03 4D 01 00 E4 27",			 /* SET BAUD RATE */
    "7F 80 09 60 67 45 23 01 67 45 23 01 BF 6F", /* SSP SET ENCRYPTION KEY */
    "7F 80 01 61 46 03",			 /* ENCRYPTION RESET TO DEFAULT */
    "7F 80 01 18 53 82",			 /* HOLD */
    "7F 80 01 05 1D 82",			 /* SETUP REQUEST */
    SETUP_REPLY_GBP,
    "7F 90 02 05 05 28 5E",
    "7F 80 02 F0 F1 1A 22", /* poll events, one by one */
    "7F 80 03 F0 EF 00 CF CA",
    "7F 80 03 F0 EF 03 C5 CA",
    "7F 80 03 F0 EE 04 D7 CC",
    "7F 80 02 F0 ED 51 A2",
    "7F 80 02 F0 EC 54 22",
    "7F 80 02 F0 CC 97 A2",
    "7F 80 02 F0 EB 45 A2",
    "7F 80 02 F0 E9 4A 22",
    "7F 80 02 F0 E8 4F A2",
    "7F 80 03 F0 E6 02 C0 7C",
    "7F 80 02 F0 E7 6D A2",
    "7F 80 03 F0 E1 00 CC 6E",
    "7F 80 03 F0 E2 02 C3 E4",
    "7F 80 02 F0 E0 7C 22",
    "7F 80 02 F0 B5 82 23",
    "7F 80 02 F0 B6 88 23",
};

static size_t unhex(const char *s, uint8_t *out)
{
	size_t n = 0;
	unsigned b;
	int used;

	while (sscanf(s, " %2x%n", &b, &used) == 1) {
		out[n++] = (uint8_t)b;
		s += used;
	}
	return n;
}

/* Feeds bytes to a receiver; returns how many packets came out, the last in *pkt. */
static int receive(struct ssp_rx *rx, const uint8_t *b, size_t n, struct ssp_packet *pkt,
		   int *errors)
{
	int got = 0;

	for (size_t i = 0; i < n; i++) {
		int rc = ssp_rx_byte(rx, b[i], pkt);

		if (rc == 1)
			got++;
		else if (rc < 0 && errors)
			(*errors)++;
	}
	return got;
}

static void test_manual_examples(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(manual_packets) / sizeof(manual_packets[0]); k++) {
		uint8_t wire[SSP_MAX_WIRE], again[SSP_MAX_WIRE];
		size_t n = unhex(manual_packets[k], wire), m = 0;
		struct ssp_rx rx;
		struct ssp_packet p;

		ssp_rx_reset(&rx);
		if (receive(&rx, wire, n, &p, NULL) != 1)
			fail_msg("manual example %zu (%s) not received", k, manual_packets[k]);
		assert_int_equal(ssp_frame(p.seq_addr, p.data, p.len, again, sizeof(again), &m), 0);
		assert_int_equal(m, n);
		assert_memory_equal(again, wire, n);
	}
}

static void test_crc_known(void **state)
{
	static const uint8_t sync[] = {0x80, 0x01, 0x11};

	(void)state;
	/* Sent low byte first: 65 82, as in the manual's SYNC. */
	assert_int_equal(ssp_crc(sync, sizeof(sync), 0xFFFF), 0x8265);
}

static void test_stuffing(void **state)
{
	uint8_t data[8] = {SSP_CMD_SET_GENERATOR, 0x7F, 0x01, 0x7F, 0x7F, 0};
	uint8_t wire[SSP_MAX_WIRE];
	size_t n, pairs = 0;
	struct ssp_rx rx;
	struct ssp_packet p;
	bool crc_stuffed = false;

	(void)state;
	assert_int_equal(ssp_frame(0x80, data, 6, wire, sizeof(wire), &n), 0);
	for (size_t i = 1; i + 1 < n; i++) {
		if (wire[i] == 0x7F && wire[i + 1] == 0x7F) {
			pairs++;
			i++;
		}
	}
	assert_true(pairs >= 3);
	ssp_rx_reset(&rx);
	assert_int_equal(receive(&rx, wire, n, &p, NULL), 1);
	assert_int_equal(p.len, 6);
	assert_memory_equal(p.data, data, 6);

	/* The CRC is stuffed too: find data whose CRC holds a 0x7F and send it through. */
	for (int x = 0; x < 65536 && !crc_stuffed; x++) {
		uint8_t raw[4] = {0x00, 0x02, (uint8_t)x, (uint8_t)(x >> 8)};
		uint16_t crc = ssp_crc(raw, 4, 0xFFFF);

		if ((crc & 0xFF) != 0x7F && (crc >> 8) != 0x7F)
			continue;
		crc_stuffed = true;
		assert_int_equal(ssp_frame(0x00, raw + 2, 2, wire, sizeof(wire), &n), 0);
		assert_int_equal(n, 1 + 2 + 2 + 2 + 1 + (raw[2] == 0x7F) + (raw[3] == 0x7F));
		ssp_rx_reset(&rx);
		assert_int_equal(receive(&rx, wire, n, &p, NULL), 1);
		assert_memory_equal(p.data, raw + 2, 2);
	}
	assert_true(crc_stuffed);
}

static void test_frame_limits(void **state)
{
	uint8_t data[SSP_MAX_DATA + 1] = {0}, wire[8];
	size_t n;

	(void)state;
	assert_int_equal(ssp_frame(0x80, data, 0, wire, sizeof(wire), &n), KIOSK_EINVAL);
	assert_int_equal(ssp_frame(0x80, data, SSP_MAX_DATA + 1, wire, sizeof(wire), &n),
			 KIOSK_EINVAL);
	assert_int_equal(ssp_frame(0x80, data, 4, wire, sizeof(wire), &n), KIOSK_EINVAL);
}

static void test_rx_resync_and_errors(void **state)
{
	uint8_t wire[64];
	size_t n = unhex("00 12 7F 80 03 F0 7F 7F 80 01 F0 23 80", wire);
	struct ssp_rx rx;
	struct ssp_packet p;
	int errors = 0;

	(void)state;
	/* Noise, then a packet cut short by a lone STX: the second packet is read whole. */
	ssp_rx_reset(&rx);
	memset(&p, 0, sizeof(p));
	n = unhex("00 12 7F 80 03 F0 7F 80 01 F0 23 80", wire);
	assert_int_equal(receive(&rx, wire, n, &p, &errors), 1);
	assert_int_equal(p.seq_addr, 0x80);
	assert_int_equal(p.len, 1);
	assert_int_equal(p.data[0], SSP_OK);
	assert_int_equal(errors, 0);

	/* A flipped bit: dropped with an error, and the next packet still comes through. */
	n = unhex("7F 80 01 F0 23 81 7F 80 01 F0 23 80", wire);
	ssp_rx_reset(&rx);
	assert_int_equal(receive(&rx, wire, n, &p, &errors), 1);
	assert_int_equal(errors, 1);

	/* A zero length is no packet. */
	n = unhex("7F 80 00 7F 80 01 F0 23 80", wire);
	ssp_rx_reset(&rx);
	errors = 0;
	assert_int_equal(receive(&rx, wire, n, &p, &errors), 1);
	assert_int_equal(errors, 1);
}

static void test_parse_poll(void **state)
{
	static const uint8_t events[] = {0xF1, 0xE8, 0xEF, 0x00, 0xEF, 0x03, 0xCC, 0xEE,
					 0x03, 0xEB, 0xE6, 0x02, 0xE3, 0xE4, 0xE1, 0x00,
					 0xE2, 0x05, 0xEA, 0xE9, 0xE7, 0xED, 0xEC, 0xB5};
	static const uint8_t codes[] = {0xF1, 0xE8, 0xEF, 0xEF, 0xCC, 0xEE, 0xEB, 0xE6, 0xE3,
					0xE4, 0xE1, 0xE2, 0xEA, 0xE9, 0xE7, 0xED, 0xEC, 0xB5};
	struct ssp_event ev[SSP_MAX_EVENTS];
	size_t n;

	(void)state;
	assert_int_equal(ssp_parse_poll(events, sizeof(events), ev, SSP_MAX_EVENTS, &n), 0);
	assert_int_equal(n, sizeof(codes));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ev[i].code, codes[i]);
	assert_int_equal(ev[3].channel, 3);
	assert_int_equal(ev[5].channel, 3);
	assert_int_equal(ev[7].channel, 2);
	assert_int_equal(ev[11].channel, 5);
	assert_string_equal(ssp_event_name(0xE9), "unsafe jam");
	assert_string_equal(ssp_event_name(0xEA), "safe jam");
	assert_true(ssp_event_needs_ack(SSP_EV_CREDIT));
	assert_false(ssp_event_needs_ack(SSP_EV_READ));

	/* A channel byte missing at the end, and an event of unknown size. */
	{
		static const uint8_t cut[] = {0xCC, 0xEE};
		static const uint8_t unknown[] = {0xEB, 0x42, 0xE8};

		assert_int_equal(ssp_parse_poll(cut, sizeof(cut), ev, SSP_MAX_EVENTS, &n),
				 KIOSK_EPROTO);
		assert_int_equal(n, 1);
		assert_int_equal(ssp_parse_poll(unknown, sizeof(unknown), ev, SSP_MAX_EVENTS, &n),
				 KIOSK_EPROTO);
		assert_int_equal(n, 1);
	}
}

static void test_parse_setup_manual(void **state)
{
	uint8_t wire[64];
	size_t n = unhex(SETUP_REPLY_GBP, wire);
	struct ssp_rx rx;
	struct ssp_packet p;
	struct ssp_setup s;

	(void)state;
	ssp_rx_reset(&rx);
	assert_int_equal(receive(&rx, wire, n, &p, NULL), 1);
	assert_int_equal(p.data[0], SSP_OK);
	assert_int_equal(ssp_parse_setup(p.data + 1, p.len - 1U, &s), 0);
	assert_string_equal(s.firmware, "0100");
	assert_string_equal(s.country, "GBP");
	assert_int_equal(s.protocol, 5);
	assert_int_equal(s.n_channels, 3);
	/* GBP 5, 10, 20: the same multipliers on each. */
	assert_true(s.cents[0] > 0);
	assert_int_equal(s.cents[1], 2 * s.cents[0]);
	assert_int_equal(s.cents[2], 4 * s.cents[0]);
	assert_string_equal(s.channel_country[2], "GBP");
}

static void test_parse_setup_expanded(void **state)
{
	/* Protocol 7, USD $1 $5 $20: value multiplier 0, expanded values little-endian,
	 * real value multiplier 100 big-endian. */
	static const uint8_t d[] = {0x00, '0', '3', '4', '6', 'U', 'S', 'D',  0,    0,	  0,
				    3,	  0,   0,   0,	 0,   0,   0,	0x00, 0x00, 0x64, 7,
				    'U',  'S', 'D', 'U', 'S', 'D', 'U', 'S',  'D',  1,	  0,
				    0,	  0,   5,   0,	 0,   0,   20,	0,    0,    0};
	struct ssp_setup s;

	(void)state;
	assert_int_equal(ssp_parse_setup(d, sizeof(d), &s), 0);
	assert_int_equal(s.protocol, 7);
	assert_int_equal(s.real_multiplier, 100);
	assert_int_equal(s.cents[0], 100);
	assert_int_equal(s.cents[1], 500);
	assert_int_equal(s.cents[2], 2000);
	assert_int_equal(ssp_setup_channel(&s, 2000), 3);
	assert_int_equal(ssp_setup_channel(&s, 1000), 0);
	/* Short by one byte of the expanded part: refused. */
	assert_int_equal(ssp_parse_setup(d, sizeof(d) - 1, &s), KIOSK_EPROTO);
	/* Not a validator. */
	{
		uint8_t other[sizeof(d)];

		memcpy(other, d, sizeof(d));
		other[0] = 3;
		assert_int_equal(ssp_parse_setup(other, sizeof(other), &s), KIOSK_EPROTO);
	}
}

static void test_modpow_and_primes(void **state)
{
	(void)state;
	assert_int_equal(essp_modpow(5, 3, 13), 8);
	/* The manual's example numbers, the value computed independently (Python's pow). */
	assert_int_equal(essp_modpow(982451653ULL, 7554354432121ULL, 1287821ULL), 679394);
	/* Full 64-bit: the largest 64-bit prime as modulus. */
	assert_true(essp_modpow(0xDB273CE5FA1B6823ULL % 0xFFFFFFFFFFFFFFC5ULL, 0x1234567ULL,
				0xFFFFFFFFFFFFFFC5ULL) == 2904942897591509238ULL);
	assert_true(essp_is_prime(982451653ULL));
	assert_true(essp_is_prime(1287821ULL));
	assert_true(essp_is_prime(0xFFFFFFFFFFFFFFC5ULL));
	assert_false(essp_is_prime(1));
	assert_false(essp_is_prime(982451653ULL * 3));
	assert_false(essp_is_prime(3215031751ULL)); /* strong pseudoprime to 2, 3, 5, 7 */
	for (int k = 0; k < 20; k++) {
		uint64_t p;

		assert_int_equal(essp_random_prime(&p), 0);
		assert_true(p <= ESSP_MAX_PRIME && essp_is_prime(p));
	}
}

static void test_key_exchange_agrees(void **state)
{
	(void)state;
	for (int k = 0; k < 10; k++) {
		uint64_t g, m, a, b;

		assert_int_equal(essp_random_prime(&g), 0);
		assert_int_equal(essp_random_prime(&m), 0);
		assert_int_equal(essp_random(&a, sizeof(a)), 0);
		assert_int_equal(essp_random(&b, sizeof(b)), 0);
		a %= ESSP_MAX_PRIME;
		b %= ESSP_MAX_PRIME;
		assert_true(essp_modpow(essp_modpow(g, a, m), b, m) ==
			    essp_modpow(essp_modpow(g, b, m), a, m));
	}
}

static void test_wrap_known_answer(void **state)
{
	/* key = fixed 0x0123456701234567 | negotiated 0x1122334455667788, POLL under count 5,
	 * packing 00..07; expected block encrypted with `openssl enc -aes-128-ecb -nopad`. */
	struct essp_key k = {0x0123456701234567ULL, 0x1122334455667788ULL};
	static const uint8_t cmd[] = {SSP_CMD_POLL};
	static const uint8_t packing[] = {0, 1, 2, 3, 4, 5, 6, 7};
	static const uint8_t want[] = {0x7E, 0xb9, 0x16, 0xf2, 0xd3, 0x04, 0x36, 0x68, 0x80,
				       0x4c, 0x27, 0xde, 0xc4, 0x1d, 0x94, 0xed, 0x6c};
	static const uint8_t key_bytes[] = {0x67, 0x45, 0x23, 0x01, 0x67, 0x45, 0x23, 0x01,
					    0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
	uint8_t kb[16], out[64], back[16];
	size_t n, m;
	uint32_t count;

	(void)state;
	essp_key_bytes(&k, kb);
	assert_memory_equal(kb, key_bytes, 16);
	assert_int_equal(essp_wrap(&k, 5, cmd, 1, packing, out, sizeof(out), &n), 0);
	assert_int_equal(n, sizeof(want));
	assert_memory_equal(out, want, sizeof(want));
	assert_int_equal(essp_unwrap(&k, out, n, &count, back, sizeof(back), &m), 0);
	assert_int_equal(count, 5);
	assert_int_equal(m, 1);
	assert_int_equal(back[0], SSP_CMD_POLL);
}

static void test_sessions_and_counter(void **state)
{
	struct essp_session host = {.on = true, .key = {ESSP_DEFAULT_FIXED_KEY, 987654321}};
	struct essp_session dev = host;
	struct essp_session wrong = host;
	uint8_t cmd[] = {SSP_CMD_SET_INHIBITS, 0xFF, 0xFF}, sealed[64], plain[64], reply[64];
	size_t n, m, r;

	(void)state;
	wrong.key.negotiated++;
	for (int round = 0; round < 3; round++) {
		uint8_t ok = SSP_OK;

		assert_int_equal(
		    essp_host_seal(&host, cmd, sizeof(cmd), sealed, sizeof(sealed), &n), 0);
		assert_int_equal(n % 16, 1);
		assert_int_equal(essp_dev_open(&dev, sealed, n, plain, sizeof(plain), &m), 0);
		assert_memory_equal(plain, cmd, sizeof(cmd));
		/* The same packet again is a replay: its count is old. */
		assert_int_equal(essp_dev_open(&dev, sealed, n, plain, sizeof(plain), &m),
				 KIOSK_EPROTO);
		assert_int_equal(essp_dev_seal(&dev, &ok, 1, reply, sizeof(reply), &r), 0);
		assert_int_equal(essp_host_open(&host, reply, r, plain, sizeof(plain), &m), 0);
		assert_int_equal(plain[0], SSP_OK);
	}
	assert_int_equal(host.count, 3);
	assert_int_equal(dev.count, 3);
	/* Another key: the CRC inside does not hold. */
	assert_int_equal(essp_host_seal(&host, cmd, sizeof(cmd), sealed, sizeof(sealed), &n), 0);
	assert_int_equal(essp_dev_open(&wrong, sealed, n, plain, sizeof(plain), &m), KIOSK_ECRYPTO);
	/* A flipped ciphertext bit, a cut block, no STEX. */
	sealed[5] ^= 1;
	assert_int_equal(essp_dev_open(&dev, sealed, n, plain, sizeof(plain), &m), KIOSK_ECRYPTO);
	assert_int_equal(essp_dev_open(&dev, sealed, n - 1, plain, sizeof(plain), &m),
			 KIOSK_EPROTO);
	sealed[0] = 0x00;
	assert_int_equal(essp_dev_open(&dev, sealed, n, plain, sizeof(plain), &m), KIOSK_EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manual_examples),
	    cmocka_unit_test(test_crc_known),
	    cmocka_unit_test(test_stuffing),
	    cmocka_unit_test(test_frame_limits),
	    cmocka_unit_test(test_rx_resync_and_errors),
	    cmocka_unit_test(test_parse_poll),
	    cmocka_unit_test(test_parse_setup_manual),
	    cmocka_unit_test(test_parse_setup_expanded),
	    cmocka_unit_test(test_modpow_and_primes),
	    cmocka_unit_test(test_key_exchange_agrees),
	    cmocka_unit_test(test_wrap_known_answer),
	    cmocka_unit_test(test_sessions_and_counter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
