/* Tests for the reader decoders: MagTek HID reports, keyboard-wedge key mapping and track
 * assembly, and which USB descriptors a driver takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <libusb.h>

#include "app/common/err.h"
#include "drivers/card/card.h"
#include "drivers/card/hidrdr.h"
#include "drivers/card/wedge.h"
#include "drivers/usb/usbdev.h"
#include "tests/support/magnesafe.h"

#include <string.h>

#define T1 "%B4111111111111111^RIVERA/ANA^2812101000000123000?"
#define T2 ";4111111111111111=2812101000001230?"

static void report(uint8_t *rep, int s1, const char *t1, int s2, const char *t2)
{
	memset(rep, 0, HIDRDR_REPORT_LEN);
	rep[0] = (uint8_t)s1;
	rep[1] = (uint8_t)s2;
	rep[3] = (uint8_t)strlen(t1);
	rep[4] = (uint8_t)strlen(t2);
	memcpy(rep + 7, t1, strlen(t1));
	memcpy(rep + 7 + HIDRDR_TRACK_FIELD, t2, strlen(t2));
}

static void test_hid(void **state)
{
	uint8_t rep[HIDRDR_REPORT_LEN];
	struct card_swipe s;

	(void)state;
	report(rep, 0, T1, 0, T2);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), 0);
	assert_string_equal(s.track1, T1);
	assert_string_equal(s.track2, T2);
	/* Bare data without sentinels gets them. */
	report(rep, 0, "", 0, "4111111111111111=2812101");
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), 0);
	assert_string_equal(s.track2, ";4111111111111111=2812101?");
	/* A track the reader could not decode is dropped. */
	report(rep, 1, T1, 0, T2);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), 0);
	assert_string_equal(s.track1, "");
	report(rep, 1, T1, 2, T2);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
	/* Lengths beyond the field, binary junk, short reports. */
	report(rep, 0, "", 0, "");
	rep[3] = 200;
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
	report(rep, 0, "%B\x01\x02?", 0, "");
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
	assert_int_equal(hidrdr_parse(rep, 10, &s), KIOSK_EINVAL);
}

static void test_keys(void **state)
{
	(void)state;
	assert_int_equal(wedge_key_char(0x04, false), 'a');
	assert_int_equal(wedge_key_char(0x05, true), 'B');
	assert_int_equal(wedge_key_char(0x22, true), '%');
	assert_int_equal(wedge_key_char(0x23, true), '^');
	assert_int_equal(wedge_key_char(0x38, true), '?');
	assert_int_equal(wedge_key_char(0x33, false), ';');
	assert_int_equal(wedge_key_char(0x2E, false), '=');
	assert_int_equal(wedge_key_char(0x38, false), '/');
	assert_int_equal(wedge_key_char(0x27, false), '0');
	assert_int_equal(wedge_key_char(0x3A, false), 0); /* F1 */
}

static void type(struct wedge *w, const char *text, int64_t *t, struct card_swipe *s, int *rc)
{
	for (const char *p = text; *p; p++) {
		uint8_t down[8] = {0}, up[8] = {0};

		if (*p == '\n') {
			down[2] = 0x28;
		} else {
			for (int u = 4; u <= 0x38 && !down[2]; u++) {
				for (int sh = 0; sh < 2 && !down[2]; sh++) {
					if (wedge_key_char((uint8_t)u, sh) == *p) {
						down[2] = (uint8_t)u;
						down[0] = sh ? 0x20 : 0; /* right shift */
					}
				}
			}
		}
		*t += 4;
		if (wedge_feed(w, down, 8, *t, s) == 1)
			*rc = 1;
		*t += 4;
		wedge_feed(w, up, 8, *t, s);
	}
}

static void test_wedge(void **state)
{
	struct wedge w;
	struct card_swipe s;
	int64_t t = 1000;
	int rc = 0;

	(void)state;
	wedge_reset(&w);
	type(&w, T1 "\n" T2 "\n", &t, &s, &rc);
	assert_int_equal(rc, 1);
	assert_string_equal(s.track1, T1);
	assert_string_equal(s.track2, T2);

	/* Track 1 only, no Enter: ends on the timeout. */
	wedge_reset(&w);
	rc = 0;
	type(&w, T1, &t, &s, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(wedge_poll(&w, t + 10, &s), 0);
	assert_int_equal(wedge_poll(&w, t + WEDGE_TIMEOUT_MS, &s), 1);
	assert_string_equal(s.track1, T1);

	/* Typing that is no swipe. */
	wedge_reset(&w);
	rc = 0;
	type(&w, "hello", &t, &s, &rc);
	assert_int_equal(wedge_poll(&w, t + WEDGE_TIMEOUT_MS, &s), KIOSK_ECARD);

	/* A held key repeats in every report but types once. */
	{
		uint8_t k[8] = {0, 0, 0x04};

		wedge_reset(&w);
		wedge_feed(&w, k, 8, 1, &s);
		wedge_feed(&w, k, 8, 2, &s);
		assert_string_equal(w.buf, "a");
	}
}

/* A card whose number, masked the MagneSafe way ("4111" 00000000 "1113"), still passes
 * Luhn: the kind the old wedge parser sealed as a card. */
#define MS_PAN "4111222222281113"
#define MS_T1 "%B" MS_PAN "^PENA/ANA^2812101000000123000?"
#define MS_T2 ";" MS_PAN "=2812101000001230?"

static void test_report_descriptor(void **state)
{
	uint8_t desc[512];
	size_t n, len = 0;
	/* The classic reader: 3 status, 3 lengths, encode type, 3 x 110 track bytes. */
	static const uint8_t classic[] = {0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01,
					  0x75, 0x08, 0x95, 0x07, 0x81, 0x02, 0x96,
					  0x4A, 0x01, 0x81, 0x02, 0xC0};
	static const uint8_t with_id[] = {0x85, 0x02, 0x75, 0x08, 0x95, 0x10, 0x81, 0x02};
	static const uint8_t cut_short[] = {0x75, 0x08, 0x96, 0x4A};

	(void)state;
	n = magnesafe_report_descriptor(887, desc, sizeof(desc));
	assert_int_equal(hidrdr_report_len(desc, n, &len), 0);
	assert_int_equal(len, 887);
	n = magnesafe_report_descriptor(856, desc, sizeof(desc));
	assert_int_equal(hidrdr_report_len(desc, n, &len), 0);
	assert_int_equal(len, 856);
	assert_int_equal(hidrdr_report_len(classic, sizeof(classic), &len), 0);
	assert_int_equal(len, HIDRDR_REPORT_LEN);
	assert_int_equal(hidrdr_report_len(with_id, sizeof(with_id), &len), 0);
	assert_int_equal(len, 17);
	assert_int_equal(hidrdr_report_len(cut_short, sizeof(cut_short), &len), KIOSK_EPROTO);
	assert_int_equal(hidrdr_report_len(desc, 7, &len), KIOSK_EPROTO); /* no Input item */
	assert_int_equal(hidrdr_layout_of(887), HIDRDR_MAGNESAFE);
	assert_int_equal(hidrdr_layout_of(856), HIDRDR_MAGNESAFE);
	assert_int_equal(hidrdr_layout_of(337), HIDRDR_CLASSIC);
	assert_int_equal(hidrdr_layout_of(512), HIDRDR_CLASSIC);
}

static void test_magnesafe_hid(void **state)
{
	uint8_t rep[HIDRDR_MAGNESAFE_MAX];
	struct card_swipe s;
	struct card_data c;

	(void)state;
	magnesafe_report(MS_T1, MS_T2, MAGNESAFE_TEST_KSN, sizeof(rep), rep);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), 0);
	assert_true(card_swipe_encrypted(&s));
	assert_string_equal(s.ksn, MAGNESAFE_TEST_KSN);
	assert_int_equal(s.enc_track1_len, 48);
	assert_int_equal(s.enc_track2_len, 40);
	assert_memory_equal(s.enc_track1, rep + 7, 48);
	assert_string_equal(s.masked_pan, "4111********1113");
	/* Nothing readable: no clear track, nothing card_parse could take. */
	assert_string_equal(s.track1, "");
	assert_string_equal(s.track2, "");
	assert_int_equal(card_parse(&s, &c), KIOSK_ECARD);
	assert_null(memmem(&s, sizeof(s), MS_PAN, 16));
	/* The 856-byte firmware, and a track the reader could not decode. */
	magnesafe_report(NULL, MS_T2, MAGNESAFE_TEST_KSN, HIDRDR_MAGNESAFE_LEN, rep);
	assert_int_equal(hidrdr_parse(rep, HIDRDR_MAGNESAFE_LEN, &s), 0);
	assert_int_equal(s.enc_track1_len, 0);
	assert_int_equal(s.enc_track2_len, 40);
	magnesafe_report(NULL, NULL, MAGNESAFE_TEST_KSN, sizeof(rep), rep);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
	/* No key loaded (KSN all zero), or a length that is no whole block. */
	magnesafe_report(MS_T1, MS_T2, "00000000000000000000", sizeof(rep), rep);
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
	magnesafe_report(NULL, MS_T2, MAGNESAFE_TEST_KSN, sizeof(rep), rep);
	rep[4] = 41;
	assert_int_equal(hidrdr_parse(rep, sizeof(rep), &s), KIOSK_ECARD);
}

static void test_wedge_magnesafe(void **state)
{
	struct wedge w;
	struct card_swipe s;
	struct card_data c;
	char typed[1024];
	int64_t t = 1000;
	int rc = 0;

	(void)state;
	assert_true(card_luhn_ok("4111000000001113")); /* the masked number would pass */
	magnesafe_keyboard(MS_T1, MS_T2, MAGNESAFE_TEST_KSN, typed, sizeof(typed));
	wedge_reset(&w);
	type(&w, typed, &t, &s, &rc);
	assert_int_equal(rc, 1);
	assert_true(card_swipe_encrypted(&s));
	assert_string_equal(s.track1, "");
	assert_string_equal(s.track2, "");
	assert_string_equal(s.ksn, MAGNESAFE_TEST_KSN);
	assert_int_equal(s.enc_track1_len, 48);
	assert_int_equal(s.enc_track2_len, 40);
	assert_string_equal(s.masked_pan, "4111********1113");
	assert_int_equal(card_parse(&s, &c), KIOSK_ECARD);
	/* Cut off, or with a broken KSN: a bad swipe, never a card. */
	typed[strlen(typed) / 2] = '\0';
	assert_int_equal(wedge_split(typed, &s), KIOSK_ECARD);
	assert_string_equal(s.track2, "");
	magnesafe_keyboard(MS_T1, MS_T2, "FFFF98765432", typed, sizeof(typed));
	assert_int_equal(wedge_split(typed, &s), KIOSK_ECARD);
}

static void test_wedge_one_track_unreadable(void **state)
{
	struct wedge w;
	struct card_swipe s;
	struct card_data c;
	int64_t t = 1000;
	int rc = 0;

	(void)state;
	wedge_reset(&w);
	type(&w, "%E?" T2 "\n", &t, &s, &rc);
	assert_int_equal(rc, 1);
	assert_string_equal(s.track1, "");
	assert_string_equal(s.track2, T2);
	assert_int_equal(card_parse(&s, &c), 0);
	wedge_reset(&w);
	rc = 0;
	type(&w, T1 ";E?\n", &t, &s, &rc);
	assert_int_equal(rc, 1);
	assert_string_equal(s.track1, T1);
	assert_string_equal(s.track2, "");
	assert_int_equal(card_parse(&s, &c), 0);
	assert_int_equal(wedge_split("%E?;E?", &s), KIOSK_ECARD);
}

static void test_service_code(void **state)
{
	(void)state;
	assert_int_equal(card_service_check("101", 0), CARD_SERVICE_OK);
	assert_int_equal(card_service_check("101", 1), CARD_SERVICE_OK);
	assert_int_equal(card_service_check("201", 1), CARD_SERVICE_USE_CHIP);
	assert_int_equal(card_service_check("601", 1), CARD_SERVICE_USE_CHIP);
	assert_int_equal(card_service_check("201", 0), CARD_SERVICE_OK); /* no chip reader */
	assert_int_equal(card_service_check("120", 0), CARD_SERVICE_PIN_REQUIRED);
	assert_int_equal(card_service_check("225", 1), CARD_SERVICE_PIN_REQUIRED);
	assert_int_equal(card_service_check("103", 0), CARD_SERVICE_ATM_ONLY);
	assert_int_equal(card_service_check("104", 0), CARD_SERVICE_ATM_ONLY);
	assert_int_equal(card_service_check("106", 0), CARD_SERVICE_OK); /* PIN if a PED */
	assert_int_equal(card_service_check("1x1", 0), CARD_SERVICE_INVALID);
	assert_int_equal(card_service_check("10", 0), CARD_SERVICE_INVALID);
}

static void test_device_table(void **state)
{
	const struct usbdev_model *m;

	(void)state;
	m = usbdev_model_find(0x0801, 0x0011, NULL);
	assert_non_null(m);
	assert_int_equal(m->magnesafe, 1);
	assert_non_null(strstr(m->name, "Dynamag"));
	assert_int_equal(usbdev_model_find(0x0801, 0x0002, NULL)->magnesafe, 0);
	assert_int_equal(usbdev_model_find(0x0801, 0x0001, NULL)->magnesafe, -1);
	/* 0801:0011 is a HID reader, never a keyboard to take as a wedge. */
	for (size_t k = 0; k < usbdev_default_wedges_n; k++)
		assert_false(usbdev_default_wedges[k].vid == 0x0801 &&
			     usbdev_default_wedges[k].pid == 0x0011);
	assert_string_equal(usbdev_model_find(0x04b8, 0x0202, "TM-T88IV")->profile, "tm-t88iv");
	assert_string_equal(usbdev_model_find(0x04b8, 0x0202, "TM-T88V")->profile, "tm-t88");
	assert_string_equal(usbdev_model_find(0x04b8, 0x0e15, "")->profile, "tm-t20");
	assert_string_equal(usbdev_model_find(0x0416, 0x5011, NULL)->profile, "58mm");
	assert_null(usbdev_model_find(0x1234, 0x5678, NULL));
}

static struct libusb_endpoint_descriptor eps[2];
static struct libusb_interface_descriptor alt;
static struct libusb_interface itf = {.altsetting = &alt, .num_altsetting = 1};
static struct libusb_config_descriptor cfg = {.bNumInterfaces = 1, .interface = &itf};

static void device(struct libusb_device_descriptor *dd, uint16_t vid, uint16_t pid, uint8_t cls,
		   uint8_t sub, uint8_t proto, uint8_t type, int n)
{
	memset(dd, 0, sizeof(*dd));
	dd->idVendor = vid;
	dd->idProduct = pid;
	memset(&alt, 0, sizeof(alt));
	alt.bInterfaceClass = cls;
	alt.bInterfaceSubClass = sub;
	alt.bInterfaceProtocol = proto;
	alt.bNumEndpoints = (uint8_t)n;
	alt.endpoint = eps;
	eps[0] = (struct libusb_endpoint_descriptor){
	    .bEndpointAddress = 0x81, .bmAttributes = type, .wMaxPacketSize = 64};
	eps[1] = (struct libusb_endpoint_descriptor){
	    .bEndpointAddress = 0x02, .bmAttributes = type, .wMaxPacketSize = 64};
}

static void test_match(void **state)
{
	struct libusb_device_descriptor dd;
	struct usbdev_match m;
	static const struct usbdev_id wedges[] = {{0x0801, 0x0001}};

	(void)state;
	device(&dd, 0x0416, 0x5011, 7, 1, 2, 2, 2);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), 0);
	assert_string_equal(m.driver, "usbprn");
	assert_int_equal(m.ep_out, 0x02);
	assert_int_equal(m.ep_in, 0x81);
	device(&dd, 0x04b8, 0x0202, 0xFF, 0, 0, 2, 2);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), 0);
	assert_string_equal(m.driver, "usbprn");
	device(&dd, 0x1234, 0x0202, 0xFF, 0, 0, 2, 2); /* vendor class, not Epson */
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), KIOSK_ENOTFOUND);
	device(&dd, 0x0801, 0x0002, 3, 0, 0, 3, 1);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), 0);
	assert_string_equal(m.driver, "hidrdr");
	device(&dd, 0x0801, 0x0001, 3, 1, 1, 3, 1);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), 0);
	assert_string_equal(m.driver, "wedge");
	assert_int_equal(usbdev_match(&dd, &cfg, NULL, 0, &m), KIOSK_ENOTFOUND);
	device(&dd, 0x046d, 0xc31c, 3, 1, 1, 3, 1); /* a keyboard */
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), KIOSK_ENOTFOUND);
	device(&dd, 0x0781, 0x5567, 8, 6, 0x50, 2, 2); /* a memory stick */
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), KIOSK_ENOTFOUND);
	/* An ITL validator's CDC data interface; the same interface from another vendor is a
	 * modem or a serial adapter, and stays the kernel's. */
	device(&dd, 0x191C, 0x4104, 0x0A, 0, 0, 2, 2);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), 0);
	assert_string_equal(m.driver, "essp");
	assert_int_equal(m.kind, USBDEV_VALIDATOR);
	assert_int_equal(m.ep_in, 0x81);
	assert_int_equal(m.ep_out, 0x02);
	device(&dd, 0x2341, 0x0043, 0x0A, 0, 0, 2, 2);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), KIOSK_ENOTFOUND);
	/* ITL's CDC communication interface alone (interrupt IN only): nothing to talk on. */
	device(&dd, 0x191C, 0x4104, 0x02, 2, 1, 3, 1);
	assert_int_equal(usbdev_match(&dd, &cfg, wedges, 1, &m), KIOSK_ENOTFOUND);
}

static void test_parse_ids(void **state)
{
	struct usbdev_id ids[4];
	size_t n;

	(void)state;
	assert_int_equal(usbdev_parse_ids("0801:0001, 0acd:0500", ids, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[1].vid, 0x0acd);
	assert_int_equal(ids[1].pid, 0x0500);
	assert_int_equal(usbdev_parse_ids("", ids, 4, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(usbdev_parse_ids("801:1", ids, 4, &n), KIOSK_EINVAL);
	assert_int_equal(usbdev_parse_ids("0801:0001x", ids, 4, &n), KIOSK_EINVAL);
	assert_int_equal(usbdev_parse_ids("zzzz:0001", ids, 4, &n), KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hid),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_wedge),
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_parse_ids),
	    cmocka_unit_test(test_report_descriptor),
	    cmocka_unit_test(test_magnesafe_hid),
	    cmocka_unit_test(test_wedge_magnesafe),
	    cmocka_unit_test(test_wedge_one_track_unreadable),
	    cmocka_unit_test(test_service_code),
	    cmocka_unit_test(test_device_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
