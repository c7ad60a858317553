/* The USB thread. It owns the libusb context and every device handle: drivers run only here,
 * fed by libusb_handle_events. Other threads talk to it through a mutex-protected mailbox
 * (the one print job) and read a snapshot of the devices' state. */
#include "drivers/usb/usbdev.h"

#include <dirent.h>
#include <libusb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/card/hidrdr.h"
#include "drivers/printer/escpos.h"
#include "drivers/usb/usbcash.h"
#include "drivers/usb/usbprn.h"
#include "drivers/usb/usbrdr.h"
#include "drivers/usb/usbscan.h"

#define MAX_SLOTS 6 /* printer, reader, validator, scanner, and room for a swap */
#define MAX_WEDGES 32
#define LOOP_MS 100
#define IDLE_LOOP_MS 1000
#define HOTPLUG_RESCAN_MS 10000
#define STOP_WAIT_MS 2000
#define JOB_DEADLINE_MS 60000

const struct usbdev_id usbdev_default_wedges[] = {
    {0x0801, 0x0001}, /* MagTek SureSwipe / Dynamag, keyboard emulation */
    {0x0acd, 0x0500}, /* ID TECH MiniMag, keyboard emulation */
    {0x0acd, 0x2010}, /* ID TECH SecureMag, keyboard emulation */
};
const size_t usbdev_default_wedges_n =
    sizeof(usbdev_default_wedges) / sizeof(usbdev_default_wedges[0]);

const uint16_t usbdev_scanner_vendors[] = {0x0c2e, 0x05e0, 0x05f9};
const size_t usbdev_scanner_vendors_n =
    sizeof(usbdev_scanner_vendors) / sizeof(usbdev_scanner_vendors[0]);

/* The device table. MagTek product ids from the SureSwipe (99875206) and Dynamag /
 * MagneSafe V5 (99875475) manuals, as gomagtek has them: 0001 keyboard emulation (SureSwipe
 * and Dynamag alike), 0002 the classic HID reader, 0011 Dynamag swipe HID, 0013 Dynamag
 * insert HID. Epson shares 0202 across the TM-T88 family (told apart by the product
 * string); 0e03/0e15/0e28 are the TM-T20, TM-T20II and TM-T20III, 0e20 the TM-m30II.
 * 0416:5011 is the Winbond controller of the common 58 mm POS-58 printers. ITL's USB
 * validators (NV9 USB, NV10 USB, NV-150) enumerate as 191c:4104 "Banknote validator". */
static const struct usbdev_model models[] = {
    {0x0801, 0x0001, NULL, "MagTek SureSwipe/Dynamag (keyboard emulation)", -1, NULL},
    {0x0801, 0x0002, NULL, "MagTek USB HID Swipe Reader", 0, NULL},
    {0x0801, 0x0011, NULL, "MagTek Dynamag (MagneSafe V5, HID)", 1, NULL},
    {0x0801, 0x0013, NULL, "MagTek Dynamag insert (MagneSafe V5, HID)", 1, NULL},
    {0x0acd, 0x0500, NULL, "ID TECH MiniMag (keyboard emulation)", 0, NULL},
    {0x0acd, 0x2010, NULL, "ID TECH SecureMag (keyboard emulation)", 0, NULL},
    {0x04b8, 0x0202, "TM-T88IV", "Epson TM-T88IV", 0, "tm-t88iv"},
    {0x04b8, 0x0202, NULL, "Epson TM-T88 family", 0, "tm-t88"},
    {0x04b8, 0x0e03, NULL, "Epson TM-T20", 0, "tm-t20"},
    {0x04b8, 0x0e15, NULL, "Epson TM-T20II", 0, "tm-t20"},
    {0x04b8, 0x0e28, NULL, "Epson TM-T20III", 0, "tm-t20"},
    {0x04b8, 0x0e20, NULL, "Epson TM-m30II", 0, "tm-m30"},
    {0x0416, 0x5011, NULL, "58 mm thermal printer (POS-58)", 0, "58mm"},
    {0x191C, 0x4104, NULL, "ITL banknote validator", 0, NULL},
};

const struct usbdev_model *usbdev_model_find(uint16_t vid, uint16_t pid, const char *product)
{
	for (size_t k = 0; k < sizeof(models) / sizeof(models[0]); k++) {
		const struct usbdev_model *m = &models[k];

		if (m->vid != vid || m->pid != pid)
			continue;
		if (m->product && !(product && strstr(product, m->product)))
			continue;
		return m;
	}
	return NULL;
}

/* The product string as the kernel read it (sysfs), without opening the device: that is
 * what tells an Epson TM-T88IV from a TM-T88V. "" when there is none. */
static void sysfs_product(int bus, int addr, char *out, size_t n)
{
	DIR *d = opendir("/sys/bus/usb/devices");
	struct dirent *e;

	out[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[320], val[64];
		FILE *f;
		int b = -1, a = -1;

		if (e->d_name[0] == '.' || strchr(e->d_name, ':'))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/busnum", e->d_name);
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%d", &b) != 1)
				b = -1;
			fclose(f);
		}
		snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/devnum", e->d_name);
		if ((f = fopen(path, "r"))) {
			if (fscanf(f, "%d", &a) != 1)
				a = -1;
			fclose(f);
		}
		if (b != bus || a != addr)
			continue;
		snprintf(path, sizeof(path), "/sys/bus/usb/devices/%s/product", e->d_name);
		if ((f = fopen(path, "r"))) {
			if (fgets(val, sizeof(val), f)) {
				val[strcspn(val, "\r\n")] = '\0';
				snprintf(out, n, "%s", val);
			}
			fclose(f);
		}
		break;
	}
	closedir(d);
}

/* The profile a printer gets: [printer] profile, else the table's, else the default. */
static const struct printer_profile *profile_for(const struct usbdev_model *model,
						 const char *configured)
{
	const struct printer_profile *p = NULL;

	if (configured && configured[0])
		p = printer_profile_find(configured);
	if (!p && model && model->profile)
		p = printer_profile_find(model->profile);
	return p ? p : printer_profile_default();
}

void usbdev_describe(const struct usbdev_info *info, char *buf, size_t n)
{
	const char *name = info->model	      ? info->model->name
			   : info->product[0] ? info->product
					      : "unknown model";

	if (info->kind == USBDEV_PRINTER) {
		const struct printer_profile *p =
		    info->profile ? info->profile : printer_profile_default();

		snprintf(buf, n, "%s: profile %s, %d mm paper, %d columns, %s, QR %s, %s", name,
			 p->name, p->paper_mm, p->cols,
			 p->charset == PRINTER_CP850 ? "PC850" : "WPC1252",
			 p->qr == PRINTER_QR_NATIVE   ? "native"
			 : p->qr == PRINTER_QR_RASTER ? "as raster image"
						      : "none",
			 p->cutter ? "cutter" : "tear-off (no cutter)");
	} else if (info->kind == USBDEV_VALIDATOR) {
		snprintf(buf, n, "%s: bill validator, SSP encrypted (eSSP) over USB CDC", name);
	} else if (info->kind == USBDEV_HIDPOS_SCANNER) {
		snprintf(buf, n, "%s: barcode scanner, HID POS%s", name,
			 !info->attached	? ""
			 : info->scan_described ? " (report layout from its descriptor)"
						: " (the makers' common 64-byte report)");
	} else if (info->kind == USBDEV_KB_SCANNER) {
		snprintf(buf, n,
			 "%s: barcode scanner, keyboard mode (listed in [devices] scanners)", name);
	} else if (info->kind == USBDEV_HID_READER) {
		int ms = info->model ? info->model->magnesafe == 1
				     : info->report_len >= HIDRDR_MAGNESAFE_LEN;

		snprintf(buf, n, "%s: %s", name,
			 ms ? "MagneSafe, encrypting: encrypted tracks and KSN go to the portal"
			    : "plain reader: tracks sealed for the portal, then wiped");
	} else {
		snprintf(buf, n,
			 "%s: keyboard; MagneSafe records go to the portal encrypted, "
			 "plain tracks are sealed",
			 name);
	}
}

struct slot {
	bool used;
	libusb_device *dev;
	libusb_device_handle *h;
	struct usbdev_match m;
	struct usbdev_info info;
	struct usbprn *prn;
	struct usbrdr *rdr;
	struct usbcash *cash;
	struct usbscan *scan;
};

/* What other threads ask of the validator, applied on the USB thread. */
struct cash_mail {
	bool want; /* accept notes: remembered across replugs */
	bool want_changed;
	bool decide; /* a decision is waiting */
	bool accept;
	char reason[96];
	bool clear; /* staff cleared the faults */
};

/* The print job in the mailbox: owned by the waiting thread, finished by the USB thread. */
struct job {
	const uint8_t *data;
	size_t len;
	bool started, done;
	int rc;
	int64_t deadline;
};

struct usbdev {
	struct usbdev_config cfg;
	struct usbdev_id wedges[MAX_WEDGES];
	size_t n_wedges;
	struct usbdev_id scanners[MAX_WEDGES];
	size_t n_scanners;
	char printer_profile[32]; /* the caller's string, kept */
	libusb_context *ctx;
	libusb_hotplug_callback_handle hotplug;
	bool has_hotplug;
	pthread_t thread;
	bool thread_up;

	pthread_mutex_t lock; /* guards everything below, and `info` in the slots */
	pthread_cond_t cond;
	bool quit;
	bool rescan;
	struct job *job;
	struct cash_mail cash;
	struct slot slots[MAX_SLOTS]; /* touched by the USB thread only, but info */
	int64_t next_scan;
};

const char *usbdev_kind_name(enum usbdev_kind k)
{
	switch (k) {
	case USBDEV_PRINTER: return "printer";
	case USBDEV_HID_READER:
	case USBDEV_WEDGE_READER: return "reader";
	case USBDEV_VALIDATOR: return "validator";
	case USBDEV_HIDPOS_SCANNER:
	case USBDEV_KB_SCANNER: return "scanner";
	default: return "none";
	}
}

/* ---- matching: descriptors only, no I/O ---- */

static bool on_list(uint16_t vid, uint16_t pid, const struct usbdev_id *ids, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (ids[k].vid == vid && ids[k].pid == pid)
			return true;
	}
	return false;
}

static void endpoints(const struct libusb_interface_descriptor *alt, uint8_t type,
		      struct usbdev_match *m)
{
	for (int e = 0; e < alt->bNumEndpoints; e++) {
		const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];

		if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != type)
			continue;
		if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
			if (!m->ep_in) {
				m->ep_in = ep->bEndpointAddress;
				m->in_max = ep->wMaxPacketSize;
			}
		} else if (!m->ep_out) {
			m->ep_out = ep->bEndpointAddress;
		}
	}
}

int usbdev_match(const struct libusb_device_descriptor *dd,
		 const struct libusb_config_descriptor *cfg, const struct usbdev_id *wedges,
		 size_t n_wedges, struct usbdev_match *out)
{
	if (!dd || !cfg || !out)
		return KIOSK_EINVAL;
	for (int i = 0; i < cfg->bNumInterfaces; i++) {
		for (int a = 0; a < cfg->interface[i].num_altsetting; a++) {
			const struct libusb_interface_descriptor *alt =
			    &cfg->interface[i].altsetting[a];
			struct usbdev_match m = {.iface = alt->bInterfaceNumber,
						 .alt = alt->bAlternateSetting};
			uint8_t c = alt->bInterfaceClass;

			if (dd->idVendor == USBDEV_ITL_VID &&
			    (c == LIBUSB_CLASS_DATA || c == LIBUSB_CLASS_VENDOR_SPEC)) {
				/* The CDC data interface; the communication one beside it
				 * carries nothing SSP needs. */
				endpoints(alt, LIBUSB_TRANSFER_TYPE_BULK, &m);
				if (!m.ep_in || !m.ep_out)
					continue;
				m.kind = USBDEV_VALIDATOR;
				m.driver = "essp";
			} else if (c == LIBUSB_CLASS_PRINTER ||
				   (dd->idVendor == 0x04B8 && c == LIBUSB_CLASS_VENDOR_SPEC)) {
				endpoints(alt, LIBUSB_TRANSFER_TYPE_BULK, &m);
				if (!m.ep_out)
					continue;
				m.kind = USBDEV_PRINTER;
				m.driver = "usbprn";
			} else if (c == LIBUSB_CLASS_HID) {
				bool boot_kbd =
				    alt->bInterfaceSubClass == 1 && alt->bInterfaceProtocol == 1;

				endpoints(alt, LIBUSB_TRANSFER_TYPE_INTERRUPT, &m);
				if (!m.ep_in)
					continue;
				/* A keyboard is only ever taken when named: a plain keyboard
				 * or an accessibility keypad must keep working. */
				if (boot_kbd &&
				    on_list(dd->idVendor, dd->idProduct, wedges, n_wedges)) {
					m.kind = USBDEV_WEDGE_READER;
					m.driver = "wedge";
				} else if (!boot_kbd && dd->idVendor == 0x0801) {
					m.kind = USBDEV_HID_READER;
					m.driver = "hidrdr";
				} else {
					continue;
				}
			} else {
				continue;
			}
			*out = m;
			return 0;
		}
	}
	return KIOSK_ENOTFOUND;
}

int usbdev_match_scanner(const struct libusb_device_descriptor *dd,
			 const struct libusb_config_descriptor *cfg,
			 const struct usbdev_id *scanners, size_t n_scanners,
			 struct usbdev_match *out)
{
	bool listed, maker = false;

	if (!dd || !cfg || !out)
		return KIOSK_EINVAL;
	listed = on_list(dd->idVendor, dd->idProduct, scanners, n_scanners);
	for (size_t k = 0; k < usbdev_scanner_vendors_n; k++)
		maker = maker || dd->idVendor == usbdev_scanner_vendors[k];
	for (int i = 0; i < cfg->bNumInterfaces; i++) {
		for (int a = 0; a < cfg->interface[i].num_altsetting; a++) {
			const struct libusb_interface_descriptor *alt =
			    &cfg->interface[i].altsetting[a];
			struct usbdev_match m = {.iface = alt->bInterfaceNumber,
						 .alt = alt->bAlternateSetting};
			bool boot_kbd =
			    alt->bInterfaceSubClass == 1 && alt->bInterfaceProtocol == 1;

			if (alt->bInterfaceClass != LIBUSB_CLASS_HID)
				continue;
			endpoints(alt, LIBUSB_TRANSFER_TYPE_INTERRUPT, &m);
			if (!m.ep_in)
				continue;
			/* As for card wedges, a keyboard is taken only when named. */
			if (boot_kbd && listed) {
				m.kind = USBDEV_KB_SCANNER;
				m.driver = "kbscan";
			} else if (!boot_kbd && (listed || maker)) {
				m.kind = USBDEV_HIDPOS_SCANNER;
				m.driver = "hidpos";
			} else {
				continue;
			}
			*out = m;
			return 0;
		}
	}
	return KIOSK_ENOTFOUND;
}

int usbdev_parse_ids(const char *text, struct usbdev_id *ids, size_t max, size_t *n)
{
	const char *p = text;

	*n = 0;
	if (!p)
		return 0;
	while (*p) {
		unsigned vid, pid;
		int used = 0;

		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		if (sscanf(p, "%4x:%4x%n", &vid, &pid, &used) != 2 || used != 9 || *n == max)
			return KIOSK_EINVAL;
		ids[*n].vid = (uint16_t)vid;
		ids[*n].pid = (uint16_t)pid;
		(*n)++;
		p += used;
		if (*p && *p != ',' && *p != ' ')
			return KIOSK_EINVAL;
	}
	return 0;
}

/* Reads a device's descriptors and asks usbdev_match. */
static int match_device(libusb_device *dev, const struct usbdev_id *wedges, size_t n_wedges,
			const struct usbdev_id *scanners, size_t n_scanners,
			const char *printer_profile, struct usbdev_match *m,
			struct usbdev_info *info)
{
	struct libusb_device_descriptor dd;
	struct libusb_config_descriptor *cfg = NULL;
	int rc;

	if (libusb_get_device_descriptor(dev, &dd))
		return KIOSK_EIO;
	/* The active configuration when there is one; else the first (unconfigured). */
	if (libusb_get_active_config_descriptor(dev, &cfg) &&
	    libusb_get_config_descriptor(dev, 0, &cfg))
		return KIOSK_EIO;
	rc = usbdev_match(&dd, cfg, wedges, n_wedges, m);
	if (rc == KIOSK_ENOTFOUND)
		rc = usbdev_match_scanner(&dd, cfg, scanners, n_scanners, m);
	libusb_free_config_descriptor(cfg);
	if (rc)
		return rc;
	memset(info, 0, sizeof(*info));
	info->kind = m->kind;
	info->driver = m->driver;
	info->bus = libusb_get_bus_number(dev);
	info->addr = libusb_get_device_address(dev);
	info->vid = dd.idVendor;
	info->pid = dd.idProduct;
	sysfs_product(info->bus, info->addr, info->product, sizeof(info->product));
	info->model = usbdev_model_find(info->vid, info->pid, info->product);
	if (m->kind == USBDEV_PRINTER)
		info->profile = profile_for(info->model, printer_profile);
	return 0;
}

int usbdev_scan(const struct usbdev_id *wedges, size_t n_wedges, const struct usbdev_id *scanners,
		size_t n_scanners, const char *printer_profile, struct usbdev_info *out, size_t max,
		size_t *n)
{
	libusb_context *ctx = NULL;
	libusb_device **list = NULL;
	ssize_t count;
	int rc = 0;

	*n = 0;
	if (!wedges) {
		wedges = usbdev_default_wedges;
		n_wedges = usbdev_default_wedges_n;
	}
	if (libusb_init(&ctx))
		return KIOSK_EDEVICE;
	count = libusb_get_device_list(ctx, &list);
	if (count < 0) {
		rc = KIOSK_EDEVICE;
		goto out;
	}
	for (ssize_t k = 0; k < count && *n < max; k++) {
		struct usbdev_match m;

		if (match_device(list[k], wedges, n_wedges, scanners, n_scanners, printer_profile,
				 &m, &out[*n]) == 0)
			(*n)++;
	}
out:
	if (list)
		libusb_free_device_list(list, 1);
	libusb_exit(ctx);
	return rc;
}

/* ---- the USB thread ---- */

static void changed(struct usbdev *u)
{
	if (u->cfg.on_change)
		u->cfg.on_change(u->cfg.change_ctx);
}

/* Ends the mailbox job once; the waiting thread wakes. Lock held by the caller. */
static void job_end_locked(struct usbdev *u, int rc)
{
	if (!u->job)
		return;
	u->job->rc = rc;
	u->job->done = true;
	u->job = NULL;
	pthread_cond_broadcast(&u->cond);
}

static void on_job_done(void *ctx, int rc)
{
	struct usbdev *u = ctx;

	pthread_mutex_lock(&u->lock);
	/* Only the job the driver was given: one that already timed out here is gone, and a
	 * newer one is not started until the driver is idle again. */
	if (u->job && u->job->started)
		job_end_locked(u, rc);
	pthread_mutex_unlock(&u->lock);
	if (rc)
		log_warn("usbdev", "receipt not printed: %s", kiosk_strerror(rc));
}

static void detach(struct usbdev *u, struct slot *s)
{
	int64_t until = clock_mono_ms() + STOP_WAIT_MS;
	struct timeval tv = {0, 50000};

	/* Cancelled transfers complete inside handle_events: wait for them before the handle
	 * goes, or libusb would call back into freed drivers. */
	for (;;) {
		bool idle = true;

		if (s->prn)
			idle = usbprn_stop(s->prn) && idle;
		if (s->rdr)
			idle = usbrdr_stop(s->rdr) && idle;
		if (s->cash)
			idle = usbcash_stop(s->cash) && idle;
		if (s->scan)
			idle = usbscan_stop(s->scan) && idle;
		if (idle || clock_mono_ms() > until)
			break;
		libusb_handle_events_timeout_completed(u->ctx, &tv, NULL);
	}
	usbprn_free(s->prn);
	usbrdr_free(s->rdr);
	usbcash_free(s->cash);
	usbscan_free(s->scan);
	libusb_release_interface(s->h, s->m.iface);
	libusb_close(s->h);
	libusb_unref_device(s->dev);
	log_info("usbdev", "%s %s released (bus %03d address %03d)", usbdev_kind_name(s->m.kind),
		 s->m.driver, s->info.bus, s->info.addr);
	pthread_mutex_lock(&u->lock);
	memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&u->lock);
	changed(u);
}

static void on_swipe(void *ctx, struct card_swipe *swipe)
{
	struct usbdev *u = ctx;

	if (u->cfg.on_swipe)
		u->cfg.on_swipe(u->cfg.swipe_ctx, swipe);
}

static void on_scan(void *ctx, const char *text)
{
	struct usbdev *u = ctx;

	if (u->cfg.on_scan)
		u->cfg.on_scan(u->cfg.scan_ctx, text);
}

static int attach(struct usbdev *u, libusb_device *dev, const struct usbdev_match *m,
		  const struct usbdev_info *info)
{
	struct slot *s = NULL;
	libusb_device_handle *h = NULL;
	int rc;

	for (int k = 0; k < MAX_SLOTS && !s; k++) {
		if (!u->slots[k].used)
			s = &u->slots[k];
	}
	if (!s)
		return KIOSK_EBUSY;
	rc = libusb_open(dev, &h);
	if (rc)
		goto fail;
	/* usblp and usbhid hold these interfaces; the kiosk needs them raw. */
	libusb_set_auto_detach_kernel_driver(h, 1);
	rc = libusb_claim_interface(h, m->iface);
	if (rc)
		goto fail;
	if (m->alt)
		libusb_set_interface_alt_setting(h, m->iface, m->alt);
	if (m->kind == USBDEV_PRINTER)
		rc = usbprn_start(h, m, u->cfg.chunk, u->cfg.chunk_timeout_ms, u->cfg.status_ms,
				  &s->prn);
	else if (m->kind == USBDEV_VALIDATOR)
		rc = usbcash_start(h, m, &u->cfg.cash, &u->cfg.cash_hooks, clock_mono_ms(),
				   &s->cash);
	else if (m->kind == USBDEV_HIDPOS_SCANNER || m->kind == USBDEV_KB_SCANNER)
		rc = usbscan_start(h, m, on_scan, u, &s->scan);
	else
		rc = usbrdr_start(h, m, on_swipe, u, &s->rdr);
	if (rc) {
		libusb_release_interface(h, m->iface);
		goto fail;
	}
	pthread_mutex_lock(&u->lock);
	s->used = true;
	s->dev = libusb_ref_device(dev);
	s->h = h;
	s->m = *m;
	s->info = *info;
	s->info.attached = true;
	if (s->prn)
		usbprn_status(s->prn, &s->info.printer);
	if (s->rdr)
		s->info.report_len = usbrdr_report_len(s->rdr);
	if (s->scan)
		s->info.scan_described = usbscan_described(s->scan);
	if (s->cash) {
		usbcash_status(s->cash, &s->info.cash);
		/* A validator plugged in mid-payment takes notes at once. */
		u->cash.want_changed = true;
	}
	pthread_mutex_unlock(&u->lock);
	log_info("usbdev", "%s %04x:%04x on bus %03d address %03d taken by %s",
		 usbdev_kind_name(m->kind), info->vid, info->pid, info->bus, info->addr, m->driver);
	changed(u);
	return 0;
fail:
	if (h)
		libusb_close(h);
	log_warn("usbdev", "cannot take %04x:%04x (bus %03d address %03d): %s", info->vid,
		 info->pid, info->bus, info->addr, libusb_error_name(rc));
	return KIOSK_EDEVICE;
}

static void rescan(struct usbdev *u)
{
	libusb_device **list = NULL;
	ssize_t count = libusb_get_device_list(u->ctx, &list);

	if (count < 0)
		return;
	/* Gone from the bus: let go. */
	for (int k = 0; k < MAX_SLOTS; k++) {
		bool present = false;

		if (!u->slots[k].used)
			continue;
		for (ssize_t d = 0; d < count; d++)
			present = present || list[d] == u->slots[k].dev;
		if (!present)
			detach(u, &u->slots[k]);
	}
	/* New on the bus: take what matches. */
	for (ssize_t d = 0; d < count; d++) {
		struct usbdev_match m;
		struct usbdev_info info;
		bool held = false;

		for (int k = 0; k < MAX_SLOTS; k++)
			held = held || (u->slots[k].used && u->slots[k].dev == list[d]);
		if (held || match_device(list[d], u->wedges, u->n_wedges, u->scanners,
					 u->n_scanners, u->cfg.printer_profile, &m, &info))
			continue;
		attach(u, list[d], &m, &info);
	}
	libusb_free_device_list(list, 1);
}

static int on_hotplug(libusb_context *ctx, libusb_device *dev, libusb_hotplug_event ev, void *arg)
{
	struct usbdev *u = arg;

	(void)ctx;
	(void)dev;
	(void)ev;
	/* No I/O inside a hotplug callback: the loop rescans right after. */
	u->rescan = true;
	return 0;
}

static struct slot *printer_slot(struct usbdev *u)
{
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used && u->slots[k].prn)
			return &u->slots[k];
	}
	return NULL;
}

/* Hands the validator what other threads asked, its time, and takes its status. */
static void cash_tick(struct usbdev *u, struct slot *s, int64_t now)
{
	struct cash_mail mail;
	struct val_status st;
	bool status_changed;

	pthread_mutex_lock(&u->lock);
	mail = u->cash;
	u->cash.want_changed = false;
	u->cash.decide = false;
	u->cash.clear = false;
	pthread_mutex_unlock(&u->lock);
	if (mail.want_changed) {
		struct val_event ev = {.kind = VAL_EV_ACCEPTING, .now_ms = now, .on = mail.want};

		usbcash_event(s->cash, &ev);
	}
	if (mail.decide) {
		struct val_event ev = {
		    .kind = VAL_EV_DECIDE, .now_ms = now, .on = mail.accept, .reason = mail.reason};

		usbcash_event(s->cash, &ev);
	}
	if (mail.clear) {
		struct val_event ev = {.kind = VAL_EV_CLEAR_FAULTS, .now_ms = now};

		usbcash_event(s->cash, &ev);
	}
	usbcash_tick(s->cash, now);
	usbcash_status(s->cash, &st);
	pthread_mutex_lock(&u->lock);
	status_changed = memcmp(&st, &s->info.cash, sizeof(st)) != 0;
	s->info.cash = st;
	pthread_mutex_unlock(&u->lock);
	if (status_changed)
		changed(u);
}

static void tick(struct usbdev *u)
{
	int64_t now = clock_mono_ms();
	struct slot *ps;
	bool status_changed = false;

	for (int k = 0; k < MAX_SLOTS; k++) {
		struct slot *s = &u->slots[k];

		if (!s->used)
			continue;
		if ((s->prn && usbprn_dead(s->prn)) || (s->rdr && usbrdr_dead(s->rdr)) ||
		    (s->cash && usbcash_dead(s->cash)) || (s->scan && usbscan_dead(s->scan))) {
			detach(u, s);
			/* It may be back already (or never left, after an error). */
			u->next_scan = now + u->cfg.rescan_ms;
			continue;
		}
		if (s->prn)
			usbprn_tick(s->prn, now);
		if (s->rdr)
			usbrdr_tick(s->rdr, now);
		if (s->scan)
			usbscan_tick(s->scan, now);
		if (s->cash)
			cash_tick(u, s, now);
	}
	ps = printer_slot(u);
	pthread_mutex_lock(&u->lock);
	if (ps) {
		struct printer_status st;

		usbprn_status(ps->prn, &st);
		status_changed = memcmp(&st, &ps->info.printer, sizeof(st)) != 0;
		ps->info.printer = st;
	}
	if (u->job && !u->job->started) {
		if (!ps) {
			job_end_locked(u, KIOSK_EDEVICE);
		} else {
			int rc = usbprn_write(ps->prn, u->job->data, u->job->len, on_job_done, u);

			if (rc == 0)
				u->job->started = true;
			else if (rc != KIOSK_EBUSY)
				job_end_locked(u, rc);
		}
	}
	if (u->job && now > u->job->deadline)
		job_end_locked(u, KIOSK_ETIMEDOUT); /* the driver's later answer finds no job */
	pthread_mutex_unlock(&u->lock);
	if (status_changed)
		changed(u);
}

static void *usb_main(void *arg)
{
	struct usbdev *u = arg;

	for (;;) {
		struct timeval tv = {0, LOOP_MS * 1000};
		bool quit, scan, hurry;
		int64_t now = clock_mono_ms();

		/* An idle kiosk should not spin: short waits only while a receipt is printing,
		 * a wedge swipe is half typed, or a rescan is due soon; otherwise a second
		 * (the printer's status poll). Jobs and hotplug interrupt the wait anyway. */
		pthread_mutex_lock(&u->lock);
		hurry = u->job != NULL;
		pthread_mutex_unlock(&u->lock);
		for (int k = 0; k < MAX_SLOTS && !hurry; k++)
			hurry = u->slots[k].used &&
				((u->slots[k].rdr && usbrdr_busy(u->slots[k].rdr)) ||
				 (u->slots[k].scan && usbscan_busy(u->slots[k].scan)));
		if (!hurry) {
			int64_t wait = u->next_scan - now;
			if (wait > IDLE_LOOP_MS)
				wait = IDLE_LOOP_MS;
			if (wait > LOOP_MS) {
				tv.tv_sec = wait / 1000;
				tv.tv_usec = (wait % 1000) * 1000;
			}
		}
		/* A validator's polls and reply timeouts set their own pace. */
		for (int k = 0; k < MAX_SLOTS; k++) {
			int64_t wait_ms = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000, due;

			if (!u->slots[k].used || !u->slots[k].cash)
				continue;
			due = usbcash_wake(u->slots[k].cash) - now;
			if (due < wait_ms) {
				due = due < 1 ? 1 : due;
				tv.tv_sec = due / 1000;
				tv.tv_usec = (due % 1000) * 1000;
			}
		}
		libusb_handle_events_timeout_completed(u->ctx, &tv, NULL);
		pthread_mutex_lock(&u->lock);
		quit = u->quit;
		pthread_mutex_unlock(&u->lock);
		if (quit)
			break;
		scan = u->rescan || clock_mono_ms() >= u->next_scan;
		if (scan) {
			u->rescan = false;
			/* With hotplug events the periodic scan is only a safety net. */
			u->next_scan = clock_mono_ms() +
				       (u->has_hotplug ? HOTPLUG_RESCAN_MS : u->cfg.rescan_ms);
			rescan(u);
		}
		tick(u);
	}
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used)
			detach(u, &u->slots[k]);
	}
	pthread_mutex_lock(&u->lock);
	job_end_locked(u, KIOSK_EDEVICE);
	pthread_mutex_unlock(&u->lock);
	return NULL;
}

int usbdev_open(const struct usbdev_config *cfg, struct usbdev **out)
{
	struct usbdev *u = calloc(1, sizeof(*u));
	int rc;

	if (!u)
		return KIOSK_ENOMEM;
	u->cfg = *cfg;
	snprintf(u->printer_profile, sizeof(u->printer_profile), "%s",
		 cfg->printer_profile ? cfg->printer_profile : "");
	u->cfg.printer_profile = u->printer_profile;
	if (u->cfg.rescan_ms <= 0)
		u->cfg.rescan_ms = 500;
	if (!cfg->wedges) {
		u->cfg.wedges = usbdev_default_wedges;
		u->cfg.n_wedges = usbdev_default_wedges_n;
	}
	u->n_wedges = u->cfg.n_wedges < MAX_WEDGES ? u->cfg.n_wedges : MAX_WEDGES;
	memcpy(u->wedges, u->cfg.wedges, u->n_wedges * sizeof(u->wedges[0]));
	u->n_scanners = u->cfg.n_scanners < MAX_WEDGES ? u->cfg.n_scanners : MAX_WEDGES;
	if (u->n_scanners)
		memcpy(u->scanners, u->cfg.scanners, u->n_scanners * sizeof(u->scanners[0]));
	u->cfg.scanners = NULL; /* the caller's array need not outlive the call */
	pthread_mutex_init(&u->lock, NULL);
	pthread_cond_init(&u->cond, NULL);
	if (libusb_init(&u->ctx)) {
		rc = KIOSK_EDEVICE;
		goto fail;
	}
	if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) &&
	    libusb_hotplug_register_callback(
		u->ctx, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT, 0,
		LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
		on_hotplug, u, &u->hotplug) == 0)
		u->has_hotplug = true;
	else
		log_info("usbdev", "no USB hotplug events here: polling every %d ms",
			 u->cfg.rescan_ms);
	if (pthread_create(&u->thread, NULL, usb_main, u)) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	u->thread_up = true;
	*out = u;
	return 0;
fail:
	usbdev_close(u);
	return rc;
}

void usbdev_close(struct usbdev *u)
{
	if (!u)
		return;
	if (u->thread_up) {
		pthread_mutex_lock(&u->lock);
		u->quit = true;
		pthread_mutex_unlock(&u->lock);
		libusb_interrupt_event_handler(u->ctx);
		pthread_join(u->thread, NULL);
	}
	if (u->has_hotplug)
		libusb_hotplug_deregister_callback(u->ctx, u->hotplug);
	if (u->ctx)
		libusb_exit(u->ctx);
	pthread_mutex_destroy(&u->lock);
	pthread_cond_destroy(&u->cond);
	free(u);
}

int usbdev_print_bytes(struct usbdev *u, const uint8_t *data, size_t len)
{
	struct job job = {.data = data, .len = len, .deadline = clock_mono_ms() + JOB_DEADLINE_MS};
	struct slot *ps;
	int rc;

	pthread_mutex_lock(&u->lock);
	ps = NULL;
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used && u->slots[k].m.kind == USBDEV_PRINTER)
			ps = &u->slots[k];
	}
	if (!ps) {
		rc = KIOSK_EDEVICE;
		goto out;
	}
	if (ps->info.printer.paper_out || ps->info.printer.cover_open) {
		rc = KIOSK_EPAPER;
		goto out;
	}
	if (u->job) {
		rc = KIOSK_EBUSY;
		goto out;
	}
	/* The event thread clears u->job under the lock before it sets done, and we wait for
	 * done below, so the local never outlives its use. */
	// cppcheck-suppress autoVariables
	u->job = &job;
	pthread_mutex_unlock(&u->lock);
	libusb_interrupt_event_handler(u->ctx);
	pthread_mutex_lock(&u->lock);
	while (!job.done)
		pthread_cond_wait(&u->cond, &u->lock);
	rc = job.rc;
out:
	pthread_mutex_unlock(&u->lock);
	return rc;
}

int usbdev_list(struct usbdev *u, struct usbdev_info *out, size_t max, size_t *n)
{
	*n = 0;
	pthread_mutex_lock(&u->lock);
	for (int k = 0; k < MAX_SLOTS && *n < max; k++) {
		if (u->slots[k].used)
			out[(*n)++] = u->slots[k].info;
	}
	pthread_mutex_unlock(&u->lock);
	return 0;
}

static int ops_status(void *impl, struct printer_status *st)
{
	struct usbdev *u = impl;

	memset(st, 0, sizeof(*st));
	pthread_mutex_lock(&u->lock);
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used && u->slots[k].m.kind == USBDEV_PRINTER) {
			*st = u->slots[k].info.printer;
			break;
		}
	}
	pthread_mutex_unlock(&u->lock);
	return 0;
}

/* The profile of the printer attached now (the default when none is). */
static const struct printer_profile *printer_profile_now(struct usbdev *u)
{
	const struct printer_profile *p = NULL;

	pthread_mutex_lock(&u->lock);
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used && u->slots[k].m.kind == USBDEV_PRINTER)
			p = u->slots[k].info.profile;
	}
	pthread_mutex_unlock(&u->lock);
	return p ? p : profile_for(NULL, u->cfg.printer_profile);
}

/* A raster QR on 80 mm paper is about 10 kB: room for it and the text. */
static uint8_t job_bytes[32768]; /* the worker thread is the only caller */

static int ops_print(void *impl, const struct receipt *r, receipt_tr_fn tr)
{
	size_t len = 0;
	int rc =
	    escpos_receipt(r, tr, printer_profile_now(impl), job_bytes, sizeof(job_bytes), &len);

	if (rc == 0)
		rc = usbdev_print_bytes(impl, job_bytes, len);
	return rc;
}

/* A slip that is not a payment's receipt (test page, day report): plain lines, then the cut
 * or the tear feed. */
static int ops_print_text(void *impl, const char *text)
{
	size_t len = 0;
	int rc = escpos_slip(text, printer_profile_now(impl), job_bytes, sizeof(job_bytes), &len);

	if (rc == 0)
		rc = usbdev_print_bytes(impl, job_bytes, len);
	return rc;
}

static int ops_columns(void *impl)
{
	return printer_profile_now(impl)->cols;
}

const struct printer_ops usbdev_printer_ops = {
    .print = ops_print, .status = ops_status, .print_text = ops_print_text, .columns = ops_columns};

/* ---- the bill validator, from other threads ---- */

static struct slot *cash_slot_locked(struct usbdev *u)
{
	for (int k = 0; k < MAX_SLOTS; k++) {
		if (u->slots[k].used && u->slots[k].m.kind == USBDEV_VALIDATOR)
			return &u->slots[k];
	}
	return NULL;
}

/* Posts to the mailbox and wakes the USB thread; KIOSK_EDEVICE without a validator. */
static int cash_post(struct usbdev *u, const struct cash_mail *m)
{
	int rc;

	pthread_mutex_lock(&u->lock);
	if (m->want_changed) {
		u->cash.want = m->want;
		u->cash.want_changed = true;
	}
	if (m->decide) {
		u->cash.decide = true;
		u->cash.accept = m->accept;
		memcpy(u->cash.reason, m->reason, sizeof(u->cash.reason));
	}
	u->cash.clear = u->cash.clear || m->clear;
	rc = cash_slot_locked(u) ? 0 : KIOSK_EDEVICE;
	pthread_mutex_unlock(&u->lock);
	libusb_interrupt_event_handler(u->ctx);
	return rc;
}

int usbdev_cash_accepting(struct usbdev *u, bool on)
{
	struct cash_mail m = {.want = on, .want_changed = true};

	return cash_post(u, &m);
}

int usbdev_cash_decide(struct usbdev *u, bool accept, const char *reason)
{
	struct cash_mail m = {.decide = true, .accept = accept};

	snprintf(m.reason, sizeof(m.reason), "%s", reason ? reason : "");
	return cash_post(u, &m);
}

int usbdev_cash_clear_faults(struct usbdev *u)
{
	struct cash_mail m = {.clear = true};

	return cash_post(u, &m);
}

int usbdev_cash_status(struct usbdev *u, struct val_status *out)
{
	struct slot *s;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&u->lock);
	s = cash_slot_locked(u);
	if (s)
		*out = s->info.cash;
	else
		rc = KIOSK_EDEVICE;
	pthread_mutex_unlock(&u->lock);
	return rc;
}

static int ops_cash_accepting(void *impl, bool on)
{
	return usbdev_cash_accepting(impl, on);
}

static int ops_cash_decide(void *impl, bool accept, const char *reason)
{
	return usbdev_cash_decide(impl, accept, reason);
}

static int ops_cash_clear(void *impl)
{
	return usbdev_cash_clear_faults(impl);
}

static int ops_cash_status(void *impl, struct val_status *out)
{
	return usbdev_cash_status(impl, out);
}

const struct cash_ops usbdev_cash_ops = {.accepting = ops_cash_accepting,
					 .decide = ops_cash_decide,
					 .clear_faults = ops_cash_clear,
					 .status = ops_cash_status};
