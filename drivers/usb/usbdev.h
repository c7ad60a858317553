/* The USB side of the kiosk: one libusb context on a thread of its own that finds readers and
 * printers (at start, by hotplug, and by polling as a fallback), gives each to its driver, and
 * tears it down on unplug. Nothing here ever runs on the UI thread. */
#ifndef KIOSK_USBDEV_H
#define KIOSK_USBDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/cash/validator.h"
#include "drivers/devices.h"
#include "drivers/printer/profile.h"

struct libusb_device_descriptor;
struct libusb_config_descriptor;

enum usbdev_kind {
	USBDEV_NONE,
	USBDEV_PRINTER,
	USBDEV_HID_READER,
	USBDEV_WEDGE_READER,
	USBDEV_VALIDATOR,
	USBDEV_HIDPOS_SCANNER, /* a barcode scanner in HID POS mode (usage page 0x8C) */
	USBDEV_KB_SCANNER,     /* a barcode scanner in keyboard mode, taken when listed */
};

/* ITL's USB vendor id: NV9 USB+, NV200 and their kin, on a USB CDC data interface. */
#define USBDEV_ITL_VID 0x191C

struct usbdev_id {
	uint16_t vid, pid;
};

/* Keyboard-wedge readers taken when no list is configured: MagTek keyboard-emulation swipe
 * readers (SureSwipe and Dynamag both enumerate as 0801:0001 in keyboard mode) and ID TECH
 * MiniMag/SecureMag in keyboard mode. */
extern const struct usbdev_id usbdev_default_wedges[];
extern const size_t usbdev_default_wedges_n;

/* Makers whose HID interfaces that are no keyboard are taken as HID POS scanners without
 * being listed: Honeywell (0c2e, Metrologic and Hand Held Products), Zebra (05e0, Symbol)
 * and Datalogic (05f9). The report descriptor then says where the scan is. */
extern const uint16_t usbdev_scanner_vendors[];
extern const size_t usbdev_scanner_vendors_n;

/* What the makers' manuals say a device is (the device table). */
struct usbdev_model {
	uint16_t vid, pid;
	const char *product; /* a substring of the USB product string for models that share a
			      * vid:pid (Epson's 0202), or NULL for any */
	const char *name;
	int magnesafe;	     /* readers: 1 encrypts (MagneSafe), 0 plain, -1 either (keyboard
			      * mode: told apart by what it types) */
	const char *profile; /* printers: the printer profile's name */
};

/* The table's entry for a device, or NULL. product may be NULL or "". */
const struct usbdev_model *usbdev_model_find(uint16_t vid, uint16_t pid, const char *product);

/* What a driver needs to know of the interface it takes. */
struct usbdev_match {
	enum usbdev_kind kind;
	const char *driver; /* "usbprn", "hidrdr", "wedge", "essp" */
	int iface;
	int alt;
	uint8_t ep_in;	 /* bulk IN (printer status, validator replies) or interrupt IN (reader
			    reports); 0: none */
	uint8_t ep_out;	 /* bulk OUT (printer data, validator commands) */
	uint16_t in_max; /* wMaxPacketSize of ep_in */
};

/* Decides from the descriptors alone whether a driver takes the device: printer class (7)
 * or Epson (04b8) vendor class with a bulk OUT -> usbprn; MagTek (0801) HID with an
 * interrupt IN that is not a boot keyboard -> hidrdr; a boot keyboard whose vid:pid is in
 * wedges -> wedge; ITL (191c) CDC data or vendor class with bulk IN and OUT -> essp.
 * 0 and out filled, or KIOSK_ENOTFOUND: the device is left alone. */
int usbdev_match(const struct libusb_device_descriptor *dd,
		 const struct libusb_config_descriptor *cfg, const struct usbdev_id *wedges,
		 size_t n_wedges, struct usbdev_match *out);

/* Barcode scanners, when usbdev_match took nothing: a HID interface that is no boot keyboard
 * from a maker in usbdev_scanner_vendors or listed in scanners -> HID POS ("hidpos"); a boot
 * keyboard listed in scanners -> keyboard mode ("kbscan"). 0 and out filled, or
 * KIOSK_ENOTFOUND. */
int usbdev_match_scanner(const struct libusb_device_descriptor *dd,
			 const struct libusb_config_descriptor *cfg,
			 const struct usbdev_id *scanners, size_t n_scanners,
			 struct usbdev_match *out);

/* Parses "0801:0001,0acd:0500" into ids. 0 or KIOSK_EINVAL. */
int usbdev_parse_ids(const char *text, struct usbdev_id *ids, size_t max, size_t *n);

struct usbdev_config {
	const struct usbdev_id *wedges; /* NULL: usbdev_default_wedges */
	size_t n_wedges;
	devices_swipe_fn on_swipe; /* called on the USB thread */
	void *swipe_ctx;
	devices_changed_fn on_change; /* called on the USB thread */
	void *change_ctx;
	int rescan_ms;		     /* polling fallback, default 500 */
	int status_ms;		     /* printer status poll, default 1000 */
	int chunk;		     /* printer write chunk, default 512 bytes */
	int chunk_timeout_ms;	     /* default 5000 */
	const char *printer_profile; /* [printer] profile: a profile name, or NULL/"" to take
				      * it from the device table */
	struct val_config cash;	     /* the bill validator's settings */
	struct val_hooks cash_hooks; /* called on the USB thread */
	/* [devices] scanners: barcode scanners to take; on_scan is called on the USB thread. */
	const struct usbdev_id *scanners;
	size_t n_scanners;
	devices_scan_fn on_scan;
	void *scan_ctx;
};

/* One device as found (for --list-devices) or as taken by a driver. */
struct usbdev_info {
	enum usbdev_kind kind;
	const char *driver;
	int bus, addr;
	uint16_t vid, pid;
	bool attached;			       /* a driver holds it now */
	struct printer_status printer;	       /* printers that are attached */
	char product[64];		       /* the USB product string, "" when unknown */
	const struct usbdev_model *model;      /* NULL when the table does not know it */
	const struct printer_profile *profile; /* printers: the profile in use */
	size_t report_len;	/* HID readers that are attached: the input report's length as the
				 * report descriptor declares it */
	struct val_status cash; /* validators that are attached */
	/* HID POS scanners that are attached: the layout is the scanner's own report
	 * descriptor's (else the makers' common one). */
	bool scan_described;
};

/* One line for staff and IT: the model and what the kiosk will do with it ("MagTek Dynamag
 * (MagneSafe V5, HID): encrypting reader, encrypted tracks and KSN go to the portal";
 * "Epson TM-T20 series: 80 mm paper, 48 columns, ..."). */
void usbdev_describe(const struct usbdev_info *info, char *buf, size_t n);

struct usbdev;

int usbdev_open(const struct usbdev_config *cfg, struct usbdev **out);
void usbdev_close(struct usbdev *u);

/* The printer interface over the first attached USB printer (impl is the struct usbdev). */
extern const struct printer_ops usbdev_printer_ops;

/* Sends bytes to the printer and waits until it took all of them: 0, KIOSK_EDEVICE (no
 * printer, unplugged, refused), KIOSK_EPAPER (paper out or cover open before the job) or
 * KIOSK_ETIMEDOUT. Never on the USB thread. */
int usbdev_print_bytes(struct usbdev *u, const uint8_t *data, size_t len);

/* The devices drivers hold now. */
int usbdev_list(struct usbdev *u, struct usbdev_info *out, size_t max, size_t *n);

/* Enumerates once without taking anything: what would be taken. For --list-devices. */
int usbdev_scan(const struct usbdev_id *wedges, size_t n_wedges, const struct usbdev_id *scanners,
		size_t n_scanners, const char *printer_profile, struct usbdev_info *out, size_t max,
		size_t *n);

const char *usbdev_kind_name(enum usbdev_kind k);

/* The bill validator, from any thread. The wish to accept notes holds across unplug and
 * replug; a decision answers the escrow hook's VAL_WAIT. 0, or KIOSK_EDEVICE when no
 * validator is attached (accepting is remembered all the same). */
int usbdev_cash_accepting(struct usbdev *u, bool on);
int usbdev_cash_decide(struct usbdev *u, bool accept, const char *reason);
int usbdev_cash_clear_faults(struct usbdev *u);
int usbdev_cash_status(struct usbdev *u, struct val_status *out);
/* The same, as the cash interface (impl is the struct usbdev). */
extern const struct cash_ops usbdev_cash_ops;

#endif
