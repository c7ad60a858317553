/* The real USB drivers over the real libusb, against devices emulated at the usbdevfs level
 * by umockdev: a receipt printer, a MagTek HID reader, a keyboard-wedge reader, an unplug in
 * the middle of a receipt, devices no driver should touch, and an ITL bill validator whose
 * USB side is answered by the emulated device speaking eSSP with encryption required. */
#include <glib/gstdio.h>
#include <libusb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/weblink.h"
#include "drivers/card/card.h"
#include "drivers/card/hidrdr.h"
#include "drivers/card/wedge.h"
#include "drivers/cash/essp_emu.h"
#include "drivers/printer/escpos.h"
#include "drivers/scanner/hidpos.h"
#include "drivers/usb/usbdev.h"
#include "tests/support/hidpos_scanner.h"
#include "tests/support/magnesafe.h"
#include "tests/usb/mockusb.h"

#define WAIT_MS 3000

/* Status bytes as a TM printer sends them (fixed bits 0x12). */
#define ST_ONLINE 0x12
#define ST_NO_CAUSE 0x12
#define ST_COVER 0x16
#define ST_PAPER_OK 0x12
#define ST_NEAR_END 0x1E
#define ST_PAPER_OUT 0x72

struct fixture {
	UMockdevTestbed *tb;
	struct usbdev *u;
	pthread_mutex_t lock;
	struct card_swipe swipes[8];
	int n_swipes;
	char scans[8][HIDPOS_SCAN_MAX + 1];
	int n_scans;
};

static void on_scan(void *ctx, const char *text)
{
	struct fixture *f = ctx;

	pthread_mutex_lock(&f->lock);
	if (f->n_scans < 8)
		snprintf(f->scans[f->n_scans++], sizeof(f->scans[0]), "%s", text);
	pthread_mutex_unlock(&f->lock);
}

static void on_swipe(void *ctx, struct card_swipe *s)
{
	struct fixture *f = ctx;

	pthread_mutex_lock(&f->lock);
	if (f->n_swipes < 8)
		f->swipes[f->n_swipes++] = *s;
	pthread_mutex_unlock(&f->lock);
	card_swipe_wipe(s);
}

static const char *start_profile; /* [printer] profile for the next start(), NULL: none */
static const struct usbdev_id *start_scanners; /* [devices] scanners for the next start() */
static size_t start_n_scanners;

static void start(struct fixture *f, const struct usbdev_id *wedges, size_t n)
{
	struct usbdev_config cfg = {.printer_profile = start_profile,
				    .wedges = wedges,
				    .n_wedges = n,
				    .on_swipe = on_swipe,
				    .swipe_ctx = f,
				    .scanners = start_scanners,
				    .n_scanners = start_n_scanners,
				    .on_scan = on_scan,
				    .scan_ctx = f,
				    .rescan_ms = 200,
				    .status_ms = 100,
				    .chunk = 256,
				    .chunk_timeout_ms = 1000};

	g_assert_cmpint(usbdev_open(&cfg, &f->u), ==, 0);
}

static void setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	pthread_mutex_init(&f->lock, NULL);
	f->tb = mock_testbed();
}

static void teardown(struct fixture *f)
{
	usbdev_close(f->u);
	g_object_unref(f->tb);
	pthread_mutex_destroy(&f->lock);
}

static int64_t ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until `n` devices are held (or the timeout) and returns how many are. */
static size_t wait_held(struct fixture *f, size_t n, int timeout_ms)
{
	struct usbdev_info info[4];
	size_t got = 0;
	int64_t until = ms() + timeout_ms;

	do {
		usbdev_list(f->u, info, 4, &got);
		if (got == n)
			break;
		g_usleep(20000);
	} while (ms() < until);
	return got;
}

static bool wait_status(struct fixture *f, bool near_end, bool out)
{
	struct printer_status st;
	int64_t until = ms() + WAIT_MS;

	do {
		usbdev_printer_ops.status(f->u, &st);
		if (st.present && st.online && st.paper_near_end == near_end && st.paper_out == out)
			return true;
		g_usleep(20000);
	} while (ms() < until);
	return false;
}

static int wait_scans(struct fixture *f, int n)
{
	int64_t until = ms() + WAIT_MS;
	int got;

	do {
		pthread_mutex_lock(&f->lock);
		got = f->n_scans;
		pthread_mutex_unlock(&f->lock);
		if (got >= n)
			break;
		g_usleep(20000);
	} while (ms() < until);
	return got;
}

static int wait_swipes(struct fixture *f, int n)
{
	int64_t until = ms() + WAIT_MS;
	int got;

	do {
		pthread_mutex_lock(&f->lock);
		got = f->n_swipes;
		pthread_mutex_unlock(&f->lock);
		if (got >= n)
			break;
		g_usleep(20000);
	} while (ms() < until);
	return got;
}

static const struct mock_desc printer_desc = {
    .vid = 0x0416,
    .pid = 0x5011,
    .iface_class = 7,
    .iface_sub = 1,
    .iface_proto = 2,
    .eps = {{0x81, 2, 64}, {0x02, 2, 64}},
    .n_eps = 2,
};

/* An Epson TM-T20II: 80 mm, 48 columns, GS ( k QR codes. */
static const struct mock_desc tm_t20 = {
    .vid = 0x04b8,
    .pid = 0x0e15,
    .iface_class = 7,
    .iface_sub = 1,
    .iface_proto = 2,
    .eps = {{0x82, 2, 64}, {0x01, 2, 64}},
    .n_eps = 2,
};

static void sample_receipt(struct receipt *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->header, sizeof(r->header), "City of Springfield - Utilities");
	snprintf(r->kiosk_id, sizeof(r->kiosk_id), "KIOSK-01");
	snprintf(r->when, sizeof(r->when), "2026-11-27 17:05");
	snprintf(r->customer_display, sizeof(r->customer_display), "100-200-300");
	r->amount_cents = 8417;
	snprintf(r->brand, sizeof(r->brand), "Visa");
	snprintf(r->last4, sizeof(r->last4), "1111");
	snprintf(r->reference, sizeof(r->reference), "P-000123");
	r->outcome = RECEIPT_APPROVED;
}

/* The printer bytes of the sample receipt for a profile, from tests/usb/data/<name>
 * (KIOSK_UPDATE_GOLDEN=1 rewrites it). */
static uint8_t *read_golden(const char *name, const char *profile, size_t *len)
{
	char path[512];
	gchar *data = NULL;
	gsize n = 0;

	snprintf(path, sizeof(path), "%s/%s", KIOSK_USB_DATA, name);
	if (getenv("KIOSK_UPDATE_GOLDEN")) {
		struct receipt r;
		static uint8_t buf[32768];
		size_t blen;

		sample_receipt(&r);
		g_assert_cmpint(escpos_receipt(&r, NULL, printer_profile_find(profile), buf,
					       sizeof(buf), &blen),
				==, 0);
		g_assert_true(g_file_set_contents(path, (const gchar *)buf, (gssize)blen, NULL));
	}
	g_assert_true(g_file_get_contents(path, &data, &n, NULL));
	*len = n;
	return (uint8_t *)data;
}

static void test_printer_receipt_and_status(void)
{
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	uint8_t *got, *want;
	size_t got_len, want_len;

	setup(&f);
	m = mock_add(f.tb, 2, &printer_desc);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));

	sample_receipt(&r);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	/* 0416:5011 is a 58 mm POS-58: 32 columns, PC850, the QR as a raster image, no cut. */
	want = read_golden("receipt-approved-58mm.escpos", "58mm", &want_len);
	g_assert_cmpmem(got, got_len, want, want_len);
	g_free(got);
	g_free(want);

	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_NEAR_END);
	g_assert_true(wait_status(&f, true, false));
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OUT);
	g_assert_true(wait_status(&f, false, true));
	/* Out of paper: refused before a byte is sent. */
	mock_clear_received(m);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, KIOSK_EPAPER);
	got = mock_received(m, &got_len);
	g_assert_cmpuint(got_len, ==, 0);
	g_free(got);

	teardown(&f);
	mock_free(m);
}

static void test_printer_cover_open(void)
{
	struct fixture f;
	struct mockdev *m;
	struct printer_status st;
	int64_t until;

	setup(&f);
	m = mock_add(f.tb, 2, &printer_desc);
	mock_set_status(m, ST_ONLINE, ST_COVER, ST_PAPER_OK);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	until = ms() + WAIT_MS;
	do {
		usbdev_printer_ops.status(f.u, &st);
		g_usleep(20000);
	} while (!st.cover_open && ms() < until);
	g_assert_true(st.cover_open);
	g_assert_true(printer_status_blocked(&st));
	teardown(&f);
	mock_free(m);
}

static void test_printer_unplug_mid_receipt(void)
{
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	uint8_t *got, *want;
	size_t got_len, want_len;
	int rc;
	int64_t t0;

	setup(&f);
	m = mock_add(f.tb, 3, &printer_desc);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));

	/* The cable comes out after the first chunk. */
	sample_receipt(&r);
	mock_unplug_after(m, 256);
	rc = usbdev_printer_ops.print(f.u, &r, NULL);
	g_assert_cmpint(rc, ==, KIOSK_EDEVICE);
	g_assert_cmpuint(wait_held(&f, 0, WAIT_MS), ==, 0);

	/* Back in: taken again within 2 s, and the next receipt prints whole. */
	t0 = ms();
	mock_clear_received(m);
	mock_set_unplugged(m, false);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_cmpint(ms() - t0, <, 2000);
	g_assert_true(wait_status(&f, false, false));
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	want = read_golden("receipt-approved-58mm.escpos", "58mm", &want_len);
	g_assert_cmpmem(got, got_len, want, want_len);
	g_free(got);
	g_free(want);
	teardown(&f);
	mock_free(m);
}

/* The status the driver holds once it matches, or after WAIT_MS whatever it is. */
static struct printer_status status_when(struct fixture *f,
					 bool (*ok)(const struct printer_status *))
{
	struct printer_status st;
	int64_t until = ms() + WAIT_MS;

	do {
		usbdev_printer_ops.status(f->u, &st);
		if (ok(&st))
			break;
		g_usleep(20000);
	} while (ms() < until);
	return st;
}

static bool is_paper_out(const struct printer_status *st)
{
	return st->paper_out;
}

static bool is_cutter_error(const struct printer_status *st)
{
	return st->cutter_error;
}

/* A 48-column TM-T20II: its profile, its golden receipt, and what --list-devices says. */
static void test_printer_48_columns(void)
{
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	struct usbdev_info info[4];
	uint8_t *got, *want;
	size_t got_len, want_len, n = 0;
	char what[256];

	setup(&f);
	m = mock_add(f.tb, 9, &tm_t20);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));
	usbdev_list(f.u, info, 4, &n);
	g_assert_nonnull(info[0].profile);
	g_assert_cmpint(info[0].profile->cols, ==, 48);
	usbdev_describe(&info[0], what, sizeof(what));
	g_assert_nonnull(strstr(what, "TM-T20II"));
	g_assert_nonnull(strstr(what, "48 columns"));
	sample_receipt(&r);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	want = read_golden("receipt-approved-tm-t20.escpos", "tm-t20", &want_len);
	g_assert_cmpmem(got, got_len, want, want_len);
	g_free(got);
	g_free(want);
	teardown(&f);
	mock_free(m);
}

/* [printer] profile overrides the device table: a TM-T20 set to the 58 mm profile (a 58 mm
 * roll in an 80 mm printer) prints 32 columns in PC850 and no cut. */
static void test_printer_profile_setting(void)
{
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	struct usbdev_info info[4];
	uint8_t *got, *want;
	size_t got_len, want_len, n = 0;

	setup(&f);
	m = mock_add(f.tb, 14, &tm_t20);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start_profile = "58mm";
	start(&f, NULL, 0);
	start_profile = NULL;
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));
	usbdev_list(f.u, info, 4, &n);
	g_assert_cmpstr(info[0].profile->name, ==, "58mm");
	sample_receipt(&r);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	want = read_golden("receipt-approved-58mm.escpos", "58mm", &want_len);
	g_assert_cmpmem(got, got_len, want, want_len);
	g_free(got);
	g_free(want);
	teardown(&f);
	mock_free(m);
}

/* ---- the QR code's link on the receipt (GS ( k, or a GS v 0 raster image) ---- */

#define QR_LINK "https://pay.springfield.example/payments/K7Q2M9XH4?kiosk=KIOSK-01"

/* Where needle starts in hay, or -1. */
static long find_bytes(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return (long)i;
	return -1;
}

/* A printer with GS ( k (TM-T20) gets the link in the QR store command (fn 80, m 48), then
 * the print command (fn 81), and the reference alone is not what is stored. */
static void test_printer_qr_native(void)
{
	static const uint8_t print[] = {0x1D, '(', 'k', 3, 0, 49, 81, 48};
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	uint8_t store[8 + sizeof(QR_LINK)], *got;
	size_t got_len, n = strlen(QR_LINK);
	long at;

	setup(&f);
	m = mock_add(f.tb, 15, &tm_t20);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));
	sample_receipt(&r);
	g_assert_cmpint(weblink_fill("https://pay.springfield.example/payments/"
				     "{reference}?kiosk=KIOSK-01",
				     "K7Q2M9XH4", r.qr, sizeof(r.qr)),
			==, 0);
	g_assert_cmpstr(r.qr, ==, QR_LINK);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	/* GS ( k pL pH 49 80 48 data: pL pH count cn, fn, m and the data (Epson: k + 3). */
	store[0] = 0x1D, store[1] = '(', store[2] = 'k';
	store[3] = (uint8_t)((n + 3) & 0xFF), store[4] = (uint8_t)((n + 3) >> 8);
	store[5] = 49, store[6] = 80, store[7] = 48;
	memcpy(store + 8, QR_LINK, n);
	at = find_bytes(got, got_len, store, 8 + n);
	g_assert_cmpint(at, >=, 0);
	g_assert_cmpint(find_bytes(got + at, got_len - (size_t)at, print, sizeof(print)), ==,
			(long)(8 + n));
	/* Nothing else stored: one store command in the whole job. */
	g_assert_cmpint(find_bytes(got + at + 1, got_len - (size_t)at - 1, store, 7), ==, -1);
	g_assert_cmpint(find_bytes(got, got_len, (const uint8_t *)"\x1Dv0", 3), ==, -1);
	g_free(got);
	teardown(&f);
	mock_free(m);
}

/* A printer without GS ( k (the 58 mm profile) gets the QR as a GS v 0 raster image; read
 * back from the bytes the printer received with zbar's decoder, it holds the link. */
static void test_printer_qr_raster(void)
{
	struct fixture f;
	struct mockdev *m;
	struct receipt r;
	uint8_t *got;
	size_t got_len, xbytes, rows;
	long at;
	gchar *dir, *pbm, *header, *out = NULL, *argv[5];
	GString *img;
	gint status = -1;

	/* The path found is g_malloc'd: freed at once, or LeakSanitizer fails the run. */
	dir = g_find_program_in_path("zbarimg");
	if (!dir) {
		g_test_skip("zbarimg (zbar-tools) is not installed: scripts/install-deps");
		return;
	}
	g_free(dir);
	setup(&f);
	m = mock_add(f.tb, 16, &tm_t20);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	start_profile = "58mm";
	start(&f, NULL, 0);
	start_profile = NULL;
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));
	sample_receipt(&r);
	snprintf(r.qr, sizeof(r.qr), "%s", QR_LINK);
	g_assert_cmpint(usbdev_printer_ops.print(f.u, &r, NULL), ==, 0);
	got = mock_received(m, &got_len);
	g_assert_cmpint(find_bytes(got, got_len, (const uint8_t *)"\x1D(k", 3), ==, -1);
	/* GS v 0 m xL xH yL yH, then yH:yL rows of xH:xL bytes, MSB leftmost, 1 = black: the
	 * same bits as a PBM (P4) image. */
	at = find_bytes(got, got_len, (const uint8_t *)"\x1Dv0\x00", 4);
	g_assert_cmpint(at, >=, 0);
	xbytes = got[at + 4] | (size_t)got[at + 5] << 8;
	rows = got[at + 6] | (size_t)got[at + 7] << 8;
	g_assert_cmpuint((size_t)at + 8 + xbytes * rows, <=, got_len);
	dir = g_dir_make_tmp("qr-XXXXXX", NULL);
	g_assert_nonnull(dir);
	pbm = g_build_filename(dir, "qr.pbm", NULL);
	header = g_strdup_printf("P4\n%zu %zu\n", xbytes * 8, rows);
	img = g_string_new(header);
	g_string_append_len(img, (const gchar *)got + at + 8, (gssize)(xbytes * rows));
	g_assert_true(g_file_set_contents(pbm, img->str, (gssize)img->len, NULL));
	argv[0] = "zbarimg", argv[1] = "--raw", argv[2] = "-q", argv[3] = pbm, argv[4] = NULL;
	g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
				   &status, NULL));
	g_assert_cmpint(status, ==, 0);
	g_strchomp(out);
	g_assert_cmpstr(out, ==, QR_LINK);
	g_remove(pbm);
	g_rmdir(dir);
	g_free(out);
	g_string_free(img, TRUE);
	g_free(header);
	g_free(pbm);
	g_free(dir);
	g_free(got);
	teardown(&f);
	mock_free(m);
}

/* Automatic Status Back on (DIP switch): an ASB packet sits in front of the answers. Each
 * query must still get its own answer, not the one before it. */
static void test_printer_asb_on(void)
{
	static const uint8_t asb[4] = {0x10, 0x00, 0x00, 0x00}; /* online, paper fine */
	struct fixture f;
	struct mockdev *m;

	setup(&f);
	m = mock_add(f.tb, 10, &printer_desc);
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_PAPER_OK);
	mock_queue_asb(m, asb);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_true(wait_status(&f, false, false));
	/* The near-end sensor trips: the printer sends an ASB packet and answers "near end"
	 * to DLE EOT 4. Shifted by one, DLE EOT 4 would read DLE EOT 3's answer forever. */
	mock_set_status(m, ST_ONLINE, ST_NO_CAUSE, ST_NEAR_END);
	mock_queue_asb(m, (const uint8_t[4]){0x10, 0x00, 0x03, 0x00});
	g_assert_true(wait_status(&f, true, false));
	g_usleep(400000); /* several more rounds: still right */
	g_assert_true(wait_status(&f, true, false));
	teardown(&f);
	mock_free(m);
}

/* Stopped by its paper-end sensor: offline, DLE EOT 2 bit 5, DLE EOT 4 near end only. The
 * kiosk must see paper out, not a printer that is merely offline. And DLE EOT 3 tells a
 * jammed cutter from other errors. */
static void test_printer_paper_stop_and_cutter(void)
{
	struct fixture f;
	struct mockdev *m;
	struct printer_status st;

	setup(&f);
	m = mock_add(f.tb, 11, &printer_desc);
	mock_set_status(m, 0x1A, 0x32, ST_NEAR_END);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	st = status_when(&f, is_paper_out);
	g_assert_true(st.paper_out);
	g_assert_true(st.paper_near_end);
	mock_set_status(m, 0x1A, 0x52, ST_PAPER_OK);
	mock_set_error_status(m, 0x1A);
	st = status_when(&f, is_cutter_error);
	g_assert_true(st.cutter_error);
	g_assert_false(st.unrecoverable_error);
	g_assert_true(st.error);
	teardown(&f);
	mock_free(m);
}

static void hid_report(uint8_t *rep, int st1, const char *t1, int st2, const char *t2)
{
	memset(rep, 0, HIDRDR_REPORT_LEN);
	rep[0] = (uint8_t)st1;
	rep[1] = (uint8_t)st2;
	rep[2] = 1;
	rep[3] = (uint8_t)strlen(t1);
	rep[4] = (uint8_t)strlen(t2);
	memcpy(rep + 7, t1, strlen(t1));
	memcpy(rep + 7 + HIDRDR_TRACK_FIELD, t2, strlen(t2));
}

#define T1 "%B4111111111111111^RIVERA/ANA^2812101000000123000?"
#define T2 ";4111111111111111=2812101000001230?"

static void test_hid_reader(void)
{
	static const struct mock_desc d = {
	    .vid = 0x0801,
	    .pid = 0x0002,
	    .iface_class = 3,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	struct fixture f;
	struct mockdev *m;
	uint8_t rep[HIDRDR_REPORT_LEN], junk[HIDRDR_REPORT_LEN];
	struct card_data card;

	/* The classic reader's report descriptor: 7 bytes of status and lengths, 3 x 110. */
	static const uint8_t desc[] = {0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01, 0x75, 0x08, 0x95,
				       0x07, 0x81, 0x02, 0x96, 0x4A, 0x01, 0x81, 0x02, 0xC0};

	setup(&f);
	m = mock_add(f.tb, 4, &d);
	mock_set_report_descriptor(m, desc, sizeof(desc));
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);

	hid_report(rep, 0, T1, 0, T2);
	mock_queue_in(m, rep, sizeof(rep));
	hid_report(rep, 0x02, "%B41111XXXX", 0, T2); /* track 1 failed to decode */
	mock_queue_in(m, rep, sizeof(rep));
	for (size_t k = 0; k < sizeof(junk); k++)
		junk[k] = (uint8_t)(k * 37 + 11);
	mock_queue_in(m, junk, sizeof(junk));
	mock_queue_in(m, junk, 5); /* too short to be a swipe: ignored */
	g_assert_cmpint(wait_swipes(&f, 3), ==, 3);

	g_assert_cmpstr(f.swipes[0].track1, ==, T1);
	g_assert_cmpstr(f.swipes[0].track2, ==, T2);
	g_assert_cmpint(card_parse(&f.swipes[0], &card), ==, 0);
	g_assert_cmpstr(card.last4, ==, "1111");
	g_assert_cmpstr(f.swipes[1].track1, ==, "");
	g_assert_cmpstr(f.swipes[1].track2, ==, T2);
	g_assert_cmpint(card_parse(&f.swipes[1], &card), ==, 0);
	/* Garbage: an empty swipe, which the worker turns into "Please swipe again". */
	g_assert_cmpint(card_parse(&f.swipes[2], &card), ==, KIOSK_ECARD);
	card_wipe(&card);
	g_usleep(200000);
	pthread_mutex_lock(&f.lock);
	g_assert_cmpint(f.n_swipes, ==, 3);
	pthread_mutex_unlock(&f.lock);
	teardown(&f);
	mock_free(m);
}

/* The key usage and shift for one ASCII character, US layout. */
static void key_for(char c, uint8_t *usage, bool *shift)
{
	for (int u = 0x04; u <= 0x38; u++) {
		for (int s = 0; s < 2; s++) {

			if (wedge_key_char((uint8_t)u, s) == c) {
				*usage = (uint8_t)u;
				*shift = s;
				return;
			}
		}
	}
	g_assert_not_reached();
}

static void type_text(struct mockdev *m, const char *text)
{
	uint8_t up[8] = {0};

	for (const char *p = text; *p; p++) {
		uint8_t down[8] = {0};
		bool shift;

		if (*p == '\n') {
			down[2] = 0x28;
		} else {
			key_for(*p, &down[2], &shift);
			down[0] = shift ? 0x02 : 0;
		}
		mock_queue_in(m, down, 8);
		mock_queue_in(m, up, 8);
	}
}

static void test_wedge_reader(void)
{
	static const struct mock_desc d = {
	    .vid = 0x0801,
	    .pid = 0x0001,
	    .iface_class = 3,
	    .iface_sub = 1,
	    .iface_proto = 1,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	struct fixture f;
	struct mockdev *m;

	setup(&f);
	m = mock_add(f.tb, 5, &d);
	start(&f, NULL, 0); /* the default list names 0801:0001 */
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_cmpint(mock_detaches(m), ==, 1);
	type_text(m, T1 T2 "\n");
	g_assert_cmpint(wait_swipes(&f, 1), ==, 1);
	g_assert_cmpstr(f.swipes[0].track1, ==, T1);
	g_assert_cmpstr(f.swipes[0].track2, ==, T2);
	teardown(&f);
	mock_free(m);
}

#define MS_T1 "%B4111222222281113^PENA/ANA^2812101000000123000?"
#define MS_T2 ";4111222222281113=2812101000001230?"

/* A Dynamag (0801:0011, MagneSafe HID): the report is 887 bytes in 64-byte packets. Sized
 * from the report descriptor, one swipe is one transfer; nothing readable arrives. */
static void test_magnesafe_hid_reader(void)
{
	static const struct mock_desc d = {
	    .vid = 0x0801,
	    .pid = 0x0011,
	    .iface_class = 3,
	    .eps = {{0x81, 3, 64}},
	    .n_eps = 1,
	};
	struct fixture f;
	struct mockdev *m;
	uint8_t desc[512], rep[HIDRDR_MAGNESAFE_MAX];
	struct usbdev_info info[4];
	struct card_data card;
	size_t n = 0, dlen = magnesafe_report_descriptor(sizeof(rep), desc, sizeof(desc));

	setup(&f);
	m = mock_add(f.tb, 12, &d);
	mock_set_report_descriptor(m, desc, dlen);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	usbdev_list(f.u, info, 4, &n);
	g_assert_cmpuint(info[0].report_len, ==, sizeof(rep));
	magnesafe_report(MS_T1, MS_T2, MAGNESAFE_TEST_KSN, sizeof(rep), rep);
	mock_queue_in(m, rep, sizeof(rep));
	magnesafe_report(NULL, MS_T2, MAGNESAFE_TEST_KSN, sizeof(rep), rep);
	mock_queue_in(m, rep, sizeof(rep));
	g_assert_cmpint(wait_swipes(&f, 2), ==, 2);
	g_usleep(200000);
	pthread_mutex_lock(&f.lock);
	g_assert_cmpint(f.n_swipes, ==, 2); /* not four halves */
	pthread_mutex_unlock(&f.lock);
	for (int k = 0; k < 2; k++) {
		g_assert_true(card_swipe_encrypted(&f.swipes[k]));
		g_assert_cmpstr(f.swipes[k].ksn, ==, MAGNESAFE_TEST_KSN);
		g_assert_cmpstr(f.swipes[k].masked_pan, ==, "4111********1113");
		g_assert_cmpstr(f.swipes[k].track1, ==, "");
		g_assert_cmpstr(f.swipes[k].track2, ==, "");
		g_assert_cmpint(card_parse(&f.swipes[k], &card), ==, KIOSK_ECARD);
		g_assert_null(memmem(&f.swipes[k], sizeof(f.swipes[k]), "4111222222281113", 16));
	}
	g_assert_cmpuint(f.swipes[0].enc_track1_len, ==, 48);
	g_assert_cmpuint(f.swipes[1].enc_track1_len, ==, 0);
	teardown(&f);
	mock_free(m);
}

/* A Dynamag in keyboard mode (0801:0001) types its masked tracks and '|' fields. */
static void test_magnesafe_keyboard(void)
{
	static const struct mock_desc d = {
	    .vid = 0x0801,
	    .pid = 0x0001,
	    .iface_class = 3,
	    .iface_sub = 1,
	    .iface_proto = 1,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	struct fixture f;
	struct mockdev *m;
	struct card_data card;
	char typed[1024];

	setup(&f);
	m = mock_add(f.tb, 13, &d);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	magnesafe_keyboard(MS_T1, MS_T2, MAGNESAFE_TEST_KSN, typed, sizeof(typed));
	type_text(m, typed);
	g_assert_cmpint(wait_swipes(&f, 1), ==, 1);
	g_assert_true(card_swipe_encrypted(&f.swipes[0]));
	g_assert_cmpstr(f.swipes[0].ksn, ==, MAGNESAFE_TEST_KSN);
	g_assert_cmpstr(f.swipes[0].track2, ==, "");
	g_assert_cmpint(card_parse(&f.swipes[0], &card), ==, KIOSK_ECARD);
	teardown(&f);
	mock_free(m);
}

#define BILL "UB11002003002026112000000841776"

/* A barcode scanner in HID POS mode: taken by vendor without being listed, its layout read
 * from its report descriptor; a bill in one report, a long QR text in three, a shop's code. */
static void test_scanner_hidpos(void)
{
	static const struct mock_desc d = {
	    .vid = 0x0c2e,
	    .pid = 0x0fff,
	    .iface_class = 3,
	    .eps = {{0x81, 3, 64}},
	    .n_eps = 1,
	};
	struct fixture f;
	struct mockdev *m;
	uint8_t desc[256], rep[4][HIDPOS_TEST_REPORT];
	struct usbdev_info info[4];
	char longtext[160];
	size_t n = 0, dlen = hidpos_test_descriptor(desc, sizeof(desc));

	for (size_t k = 0; k + 1 < sizeof(longtext); k++)
		longtext[k] = (char)('a' + k % 26);
	longtext[sizeof(longtext) - 1] = '\0';
	setup(&f);
	m = mock_add(f.tb, 14, &d);
	mock_set_report_descriptor(m, desc, dlen);
	start(&f, NULL, 0);
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	usbdev_list(f.u, info, 4, &n);
	g_assert_cmpint(info[0].kind, ==, USBDEV_HIDPOS_SCANNER);
	g_assert_true(info[0].scan_described);
	g_assert_cmpint(mock_detaches(m), ==, 1);
	hidpos_test_reports("]C0", BILL, rep, 4);
	mock_queue_in(m, rep[0], sizeof(rep[0]));
	g_assert_cmpuint(hidpos_test_reports("]Q1", longtext, rep, 4), ==, 3);
	for (int k = 0; k < 3; k++)
		mock_queue_in(m, rep[k], sizeof(rep[k]));
	hidpos_test_reports("]E0", "4006381333931", rep, 4);
	mock_queue_in(m, rep[0], sizeof(rep[0]));
	g_assert_cmpint(wait_scans(&f, 3), ==, 3);
	g_usleep(200000);
	pthread_mutex_lock(&f.lock);
	g_assert_cmpint(f.n_scans, ==, 3); /* not five pieces */
	pthread_mutex_unlock(&f.lock);
	g_assert_cmpstr(f.scans[0], ==, BILL);
	g_assert_cmpstr(f.scans[1], ==, longtext);
	g_assert_cmpstr(f.scans[2], ==, "4006381333931");
	teardown(&f);
	mock_free(m);
}

/* A scanner in keyboard mode: taken only when [devices] scanners lists it; it types the bill
 * and Enter, and nothing of it reaches the desktop. Unlisted, it stays a keyboard. */
static void test_scanner_keyboard(void)
{
	static const struct mock_desc d = {
	    .vid = 0x1234,
	    .pid = 0xabcd,
	    .iface_class = 3,
	    .iface_sub = 1,
	    .iface_proto = 1,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	static const struct usbdev_id listed = {0x1234, 0xabcd};
	struct fixture f;
	struct mockdev *m;
	struct usbdev_info info[4];
	size_t n = 0;

	setup(&f);
	m = mock_add(f.tb, 15, &d);
	g_assert_cmpint(usbdev_scan(NULL, 0, NULL, 0, NULL, info, 4, &n), ==, 0);
	g_assert_cmpuint(n, ==, 0);
	g_assert_cmpint(usbdev_scan(NULL, 0, &listed, 1, NULL, info, 4, &n), ==, 0);
	g_assert_cmpuint(n, ==, 1);
	g_assert_cmpint(info[0].kind, ==, USBDEV_KB_SCANNER);
	g_assert_cmpstr(info[0].driver, ==, "kbscan");
	start_scanners = &listed;
	start_n_scanners = 1;
	start(&f, NULL, 0);
	start_scanners = NULL;
	start_n_scanners = 0;
	g_assert_cmpuint(wait_held(&f, 1, WAIT_MS), ==, 1);
	g_assert_cmpint(mock_detaches(m), ==, 1);
	type_text(m, BILL "\n");
	g_assert_cmpint(wait_scans(&f, 1), ==, 1);
	g_assert_cmpstr(f.scans[0], ==, BILL);
	teardown(&f);
	mock_free(m);
}

static void test_left_alone(void)
{
	static const struct mock_desc keyboard = {
	    .vid = 0x046d,
	    .pid = 0xc31c,
	    .iface_class = 3,
	    .iface_sub = 1,
	    .iface_proto = 1,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	static const struct mock_desc storage = {
	    .vid = 0x0781,
	    .pid = 0x5567,
	    .iface_class = 8,
	    .iface_sub = 6,
	    .iface_proto = 0x50,
	    .eps = {{0x81, 2, 512}, {0x02, 2, 512}},
	    .n_eps = 2,
	};
	/* A MagTek in keyboard mode that the configuration does not name. */
	static const struct mock_desc unlisted = {
	    .vid = 0x0801,
	    .pid = 0x0001,
	    .iface_class = 3,
	    .iface_sub = 1,
	    .iface_proto = 1,
	    .eps = {{0x81, 3, 8}},
	    .n_eps = 1,
	};
	static const struct usbdev_id only = {0x0acd, 0x0500};
	struct fixture f;
	struct mockdev *k, *s, *w;
	struct usbdev_info info[4];
	size_t n;

	setup(&f);
	k = mock_add(f.tb, 6, &keyboard);
	s = mock_add(f.tb, 7, &storage);
	w = mock_add(f.tb, 8, &unlisted);
	g_assert_cmpint(usbdev_scan(&only, 1, NULL, 0, NULL, info, 4, &n), ==, 0);
	g_assert_cmpuint(n, ==, 0);
	start(&f, &only, 1);
	g_usleep(600000);
	g_assert_cmpuint(wait_held(&f, 0, 100), ==, 0);
	g_assert_cmpint(mock_claims(k) + mock_claims(s) + mock_claims(w), ==, 0);
	g_assert_cmpint(mock_detaches(k) + mock_detaches(s) + mock_detaches(w), ==, 0);
	teardown(&f);
	mock_free(k);
	mock_free(s);
	mock_free(w);
}

/* ---- the bill validator ---- */

struct cash_rig {
	struct fixture f;
	struct mockdev *m;
	struct essp_emu *emu;
	pthread_mutex_t lock;
	int64_t credits[8];
	int n_credits;
	int64_t rejected[8];
	char reasons[8][96];
	int n_rejected;
};

static size_t emu_reply(void *ctx, const uint8_t *in, size_t n, uint8_t *reply, size_t cap)
{
	struct cash_rig *r = ctx;
	size_t got = 0;

	essp_emu_feed(r->emu, ms(), in, n, reply, cap, &got);
	return got;
}

/* The kiosk's rule for the test: a $100 note is over the limit. */
static enum val_decision cash_escrow(void *ctx, int channel, int64_t cents, char *reason,
				     size_t cap)
{
	(void)ctx;
	(void)channel;
	if (cents > 5000) {
		snprintf(reason, cap, "%s", "More than the maximum for one payment");
		return VAL_REJECT_NOTE;
	}
	return VAL_ACCEPT;
}

static int cash_credit(void *ctx, const struct val_credit *c)
{
	struct cash_rig *r = ctx;

	pthread_mutex_lock(&r->lock);
	if (r->n_credits < 8)
		r->credits[r->n_credits++] = c->cents;
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static void cash_rejected(void *ctx, int64_t cents, const char *reason)
{
	struct cash_rig *r = ctx;

	pthread_mutex_lock(&r->lock);
	if (r->n_rejected < 8) {
		r->rejected[r->n_rejected] = cents;
		snprintf(r->reasons[r->n_rejected], sizeof(r->reasons[0]), "%s", reason);
		r->n_rejected++;
	}
	pthread_mutex_unlock(&r->lock);
}

static const struct mock_desc validator_desc = {
    .vid = 0x191C,
    .pid = 0x4104,
    .iface_class = 0x0A, /* CDC data */
    .eps = {{0x81, 2, 64}, {0x02, 2, 64}},
    .n_eps = 2,
    .cdc = true,
};

static void cash_open(struct cash_rig *r, const struct essp_emu_config *ec)
{
	struct usbdev_config cfg = {.rescan_ms = 200,
				    .cash = {.reply_ms = 300,
					     .retries = 5,
					     .poll_ms = 50,
					     .idle_poll_ms = 200,
					     .reconnect_ms = 300},
				    .cash_hooks = {.escrow = cash_escrow,
						   .credit = cash_credit,
						   .rejected = cash_rejected}};

	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	setup(&r->f);
	g_assert_cmpint(essp_emu_new(ec, &r->emu), ==, 0);
	r->m = mock_add(r->f.tb, 4, &validator_desc);
	mock_set_replier(r->m, emu_reply, r);
	cfg.cash_hooks.ctx = r;
	g_assert_cmpint(usbdev_open(&cfg, &r->f.u), ==, 0);
}

static void cash_close(struct cash_rig *r)
{
	teardown(&r->f);
	mock_free(r->m);
	essp_emu_free(r->emu);
	pthread_mutex_destroy(&r->lock);
}

/* Waits until the validator's status passes `ok`. */
static bool wait_cash(struct cash_rig *r, bool (*ok)(const struct val_status *))
{
	int64_t until = ms() + WAIT_MS;
	struct val_status st;

	do {
		if (usbdev_cash_status(r->f.u, &st) == 0 && ok(&st))
			return true;
		g_usleep(10000);
	} while (ms() < until);
	return false;
}

static bool is_up(const struct val_status *st)
{
	return st->up;
}

static bool is_accepting(const struct val_status *st)
{
	return st->up && st->accepting;
}

static bool is_jammed(const struct val_status *st)
{
	return (st->faults & VAL_FAULT_JAM) && !st->accepting;
}

static bool is_box_out(const struct val_status *st)
{
	return (st->faults & VAL_FAULT_CASHBOX_REMOVED) && !st->cashbox_present && !st->accepting;
}

static bool is_full(const struct val_status *st)
{
	return (st->faults & VAL_FAULT_STACKER_FULL) && !st->accepting;
}

static int counted(struct cash_rig *r, int *which, int n)
{
	int64_t until = ms() + WAIT_MS;
	int got;

	do {
		pthread_mutex_lock(&r->lock);
		got = *which;
		pthread_mutex_unlock(&r->lock);
		if (got >= n)
			break;
		g_usleep(10000);
	} while (ms() < until);
	return got;
}

static void cash_accepting(struct cash_rig *r)
{
	struct usbdev_info info[4];
	size_t n;

	g_assert_cmpuint(wait_held(&r->f, 1, WAIT_MS), ==, 1);
	usbdev_list(r->f.u, info, 4, &n);
	g_assert_cmpint(info[0].kind, ==, USBDEV_VALIDATOR);
	g_assert_cmpstr(info[0].driver, ==, "essp");
	g_assert_true(wait_cash(r, is_up));
	g_assert_cmpint(usbdev_cash_accepting(r->f.u, true), ==, 0);
	g_assert_true(wait_cash(r, is_accepting));
}

static void test_validator_notes(void)
{
	struct essp_emu_config ec = {0};
	struct cash_rig r;
	struct essp_emu_stats es;
	struct usbdev_info info[4];
	size_t n;

	cash_open(&r, &ec);
	/* --list-devices sees it for what it is. */
	g_assert_cmpint(usbdev_scan(NULL, 0, NULL, 0, NULL, info, 4, &n), ==, 0);
	g_assert_cmpuint(n, ==, 1);
	g_assert_cmpint(info[0].kind, ==, USBDEV_VALIDATOR);
	g_assert_cmpstr(usbdev_kind_name(info[0].kind), ==, "validator");
	cash_accepting(&r);
	/* The data interface (1) taken from the kernel's cdc_acm. */
	g_assert_cmpint(mock_claims(r.m), >=, 1);

	g_assert_cmpint(essp_emu_insert(r.emu, 20, false), ==, 0);
	g_assert_cmpint(counted(&r, &r.n_credits, 1), ==, 1);
	g_assert_cmpint(r.credits[0], ==, 2000);

	g_assert_cmpint(essp_emu_insert(r.emu, 100, false), ==, 0);
	g_assert_cmpint(counted(&r, &r.n_rejected, 1), ==, 1);
	g_assert_cmpint(r.rejected[0], ==, 10000);
	g_assert_cmpstr(r.reasons[0], ==, "More than the maximum for one payment");

	g_assert_cmpint(essp_emu_insert(r.emu, 5, true), ==, 0);
	g_assert_cmpint(counted(&r, &r.n_rejected, 2), ==, 2);
	g_assert_nonnull(strstr(r.reasons[1], "refused by the validator"));

	essp_emu_stats(r.emu, &es);
	g_assert_cmpint(es.stacked, ==, 1);
	g_assert_cmpint(es.stacked_cents, ==, 2000);
	g_assert_cmpint(es.rejected, ==, 2);
	/* Encryption required and never refused: every command after the key was encrypted. */
	g_assert_true(es.keyed);
	g_assert_cmpint(es.refused_plain, ==, 0);
	g_assert_cmpint(r.n_credits, ==, 1);

	/* The kiosk no longer wants notes: the device is disabled. */
	g_assert_cmpint(usbdev_cash_accepting(r.f.u, false), ==, 0);
	g_assert_true(wait_cash(&r, is_up));
	g_usleep(500000);
	essp_emu_stats(r.emu, &es);
	g_assert_false(es.enabled);
	cash_close(&r);
}

static void test_validator_jam(void)
{
	struct essp_emu_config ec = {0};
	struct cash_rig r;
	struct essp_emu_stats es;

	cash_open(&r, &ec);
	cash_accepting(&r);
	g_assert_cmpint(essp_emu_insert(r.emu, 10, false), ==, 0);
	essp_emu_jam(r.emu);
	g_assert_true(wait_cash(&r, is_jammed));
	essp_emu_stats(r.emu, &es);
	g_assert_false(es.enabled);
	g_assert_cmpint(r.n_credits, ==, 0);
	essp_emu_clear_jam(r.emu);
	g_usleep(500000);
	g_assert_cmpint(usbdev_cash_clear_faults(r.f.u), ==, 0);
	g_assert_true(wait_cash(&r, is_accepting));
	cash_close(&r);
}

static void test_validator_cashbox(void)
{
	struct essp_emu_config ec = {0};
	struct cash_rig r;
	struct essp_emu_stats es;

	cash_open(&r, &ec);
	cash_accepting(&r);
	essp_emu_cashbox(r.emu, false);
	g_assert_true(wait_cash(&r, is_box_out));
	essp_emu_stats(r.emu, &es);
	g_assert_false(es.enabled);
	essp_emu_cashbox(r.emu, true);
	g_usleep(500000);
	/* Back in, still off until staff clear it. */
	g_assert_true(wait_cash(&r, is_box_out) == false);
	{
		struct val_status st;

		usbdev_cash_status(r.f.u, &st);
		g_assert_true(st.faults & VAL_FAULT_CASHBOX_REMOVED);
		g_assert_false(st.accepting);
	}
	g_assert_cmpint(usbdev_cash_clear_faults(r.f.u), ==, 0);
	g_assert_true(wait_cash(&r, is_accepting));
	cash_close(&r);
}

static void test_validator_stacker_full(void)
{
	struct essp_emu_config ec = {.stacker_capacity = 1};
	struct cash_rig r;

	cash_open(&r, &ec);
	cash_accepting(&r);
	g_assert_cmpint(essp_emu_insert(r.emu, 10, false), ==, 0);
	g_assert_cmpint(counted(&r, &r.n_credits, 1), ==, 1);
	g_assert_true(wait_cash(&r, is_full));
	g_assert_cmpint(essp_emu_insert(r.emu, 10, false), ==, KIOSK_EBUSY);
	cash_close(&r);
}

static void test_validator_unplug(void)
{
	struct essp_emu_config ec = {0};
	struct cash_rig r;
	struct val_status st;

	cash_open(&r, &ec);
	cash_accepting(&r);
	mock_set_unplugged(r.m, true);
	g_assert_cmpuint(wait_held(&r.f, 0, WAIT_MS), ==, 0);
	g_assert_cmpint(usbdev_cash_status(r.f.u, &st), ==, KIOSK_EDEVICE);
	g_assert_false(st.up);
	cash_close(&r);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	const char *pre = getenv("LD_PRELOAD");

	/* The preload library must be in place before libusb opens anything. */
	if (!pre || !strstr(pre, "umockdev-preload")) {
		g_printerr("not under umockdev (run through umockdev-wrapper): skipped\n");
		return 77;
	}
	g_test_add_func("/usb/printer/receipt-and-status", test_printer_receipt_and_status);
	g_test_add_func("/usb/printer/cover-open", test_printer_cover_open);
	g_test_add_func("/usb/printer/unplug-mid-receipt", test_printer_unplug_mid_receipt);
	g_test_add_func("/usb/printer/48-columns", test_printer_48_columns);
	g_test_add_func("/usb/printer/asb-on", test_printer_asb_on);
	g_test_add_func("/usb/printer/profile-setting", test_printer_profile_setting);
	g_test_add_func("/usb/printer/paper-stop-and-cutter", test_printer_paper_stop_and_cutter);
	g_test_add_func("/usb/printer/qr-native", test_printer_qr_native);
	g_test_add_func("/usb/printer/qr-raster", test_printer_qr_raster);
	g_test_add_func("/usb/reader/hid", test_hid_reader);
	g_test_add_func("/usb/reader/magnesafe-hid", test_magnesafe_hid_reader);
	g_test_add_func("/usb/reader/magnesafe-keyboard", test_magnesafe_keyboard);
	g_test_add_func("/usb/reader/wedge", test_wedge_reader);
	g_test_add_func("/usb/left-alone", test_left_alone);
	g_test_add_func("/usb/scanner/hidpos", test_scanner_hidpos);
	g_test_add_func("/usb/scanner/keyboard", test_scanner_keyboard);
	g_test_add_func("/usb/validator/notes", test_validator_notes);
	g_test_add_func("/usb/validator/jam", test_validator_jam);
	g_test_add_func("/usb/validator/cashbox", test_validator_cashbox);
	g_test_add_func("/usb/validator/stacker-full", test_validator_stacker_full);
	g_test_add_func("/usb/validator/unplug", test_validator_unplug);
	return g_test_run();
}
