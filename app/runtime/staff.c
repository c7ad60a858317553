/* The staff commands (see staff.h): the journal, the outbox, the portal, the PIN hash and
 * the USB devices, each printed for a person or a script and then exit. */
#include "app/runtime/staff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/crypto/pin.h"
#include "app/i18n.h"
#include "app/payments/admin.h"
#include "app/runtime/paths.h"
#include "drivers/usb/usbdev.h"

/* The journal's and the outbox's paths under data_dir; 1 (and a message) when they do not fit
 * or the directory cannot be made. */
static int store_paths(const struct kiosk_config *cfg, char *journal, char *outbox, size_t n)
{
	if (paths_ensure_dir(cfg->data_dir) ||
	    paths_join(journal, n, cfg->data_dir, "journal.sqlite") ||
	    paths_join(outbox, n, cfg->data_dir, "outbox.sqlite")) {
		fprintf(stderr, "kiosk: bad data directory %s\n", cfg->data_dir);
		return 1;
	}
	return 0;
}

static int done(int rc)
{
	if (rc)
		fprintf(stderr, "kiosk: %s\n", kiosk_strerror(rc));
	return rc ? 1 : 0;
}

/* A report of one store file (the journal or the outbox) on stdout. */
static int report(const struct kiosk_config *cfg, bool of_outbox, int (*fn)(const char *, FILE *))
{
	char journal[600], outbox[600];

	if (store_paths(cfg, journal, outbox, sizeof(journal)))
		return 1;
	return done(fn(of_outbox ? outbox : journal, stdout));
}

static int list_payments(const struct kiosk_config *cfg, const char *arg)
{
	(void)arg;
	return report(cfg, false, admin_list_payments);
}

static int list_cash_notes(const struct kiosk_config *cfg, const char *arg)
{
	(void)arg;
	return report(cfg, false, admin_list_cash_notes);
}

static int reprint(const struct kiosk_config *cfg, const char *ref)
{
	char journal[600], outbox[600], mono[600];
	bool es = !strcmp(cfg->lang, "es");
	int rc;

	if (store_paths(cfg, journal, outbox, sizeof(journal)) ||
	    snprintf(mono, sizeof(mono), "%s/fonts/DejaVuSansMono.ttf", cfg->assets_dir) >=
		(int)sizeof(mono)) {
		return 1;
	}
	rc = paths_ensure_dir(cfg->receipts_dir);
	/* In the language sessions start in ([ui] lang, --lang): the journal does not keep the
	 * resident's. Without the Spanish catalog the copy is in English. */
	if (rc == 0 && es && i18n_init(cfg->locale_dir))
		es = false;
	if (rc == 0)
		rc = admin_reprint(journal, ref, cfg->receipts_dir, mono, cfg->city_name,
				   cfg->kiosk_id, es ? I18N_ES : I18N_EN, stdout);
	return done(rc);
}

static int reconcile(const struct kiosk_config *cfg, const char *arg)
{
	char journal[600], outbox[600];
	struct portal_config pc = paths_portal(cfg);
	struct terminal_config tc;
	bool has_terminal = paths_terminal(cfg, &tc);
	int64_t wait_s = (pc.timeout_ms + pc.connect_timeout_ms) / 1000;
	int rc;

	(void)arg;
	if (store_paths(cfg, journal, outbox, sizeof(journal)))
		return 1;
	/* A Payment that reached the terminal may still be on its way for as long as the
	 * terminal's own deadlines: the grace period covers the longer of the two parties. */
	if (has_terminal && (tc.timeout_ms + tc.connect_timeout_ms) / 1000 > wait_s)
		wait_s = (tc.timeout_ms + tc.connect_timeout_ms) / 1000;
	rc = admin_reconcile(journal, outbox, &pc, has_terminal ? &tc : NULL, wait_s + 2,
			     wait_s + 10, stdout);
	return rc == KIOSK_EBUSY ? 3 : done(rc);
}

static int send_outbox(const struct kiosk_config *cfg, const char *arg)
{
	char journal[600], outbox[600];
	struct portal_config pc = paths_portal(cfg);
	int rc;

	(void)arg;
	if (store_paths(cfg, journal, outbox, sizeof(journal)))
		return 1;
	rc = admin_send_outbox(journal, outbox, &pc, stdout);
	return rc == KIOSK_EBUSY ? 3 : done(rc);
}

static int outbox_status(const struct kiosk_config *cfg, const char *arg)
{
	(void)arg;
	return report(cfg, true, admin_outbox_status);
}

/* A new PIN on stdin (so it is in no shell history or process list), its hash on stdout:
 * 6 to 8 digits, at the full PBKDF2 cost (app/crypto/pin.h). */
static int hash_pin(const struct kiosk_config *cfg, const char *arg)
{
	char pin[64] = "", hash[PIN_HASH_MAX];
	int rc;

	(void)cfg;
	(void)arg;
	if (!fgets(pin, sizeof(pin), stdin))
		pin[0] = '\0';
	pin[strcspn(pin, "\r\n")] = '\0';
	rc = pin_make(pin, hash, sizeof(hash));
	explicit_bzero(pin, sizeof(pin));
	if (rc == KIOSK_EINVAL) {
		fprintf(stderr, "kiosk: a new staff PIN is 6 to 8 digits (the service keypad has "
				"only digits)\n");
		return 2;
	}
	if (rc) {
		fprintf(stderr, "kiosk: cannot hash the PIN: %s\n", kiosk_strerror(rc));
		return 1;
	}
	printf("%s\n", hash);
	return 0;
}

static int by_bus_address(const void *x, const void *y)
{
	const struct usbdev_info *a = x, *b = y;

	return a->bus != b->bus ? a->bus - b->bus : a->addr - b->addr;
}

/* What the USB drivers would take, one line each, for staff and IT. */
static int list_devices(const struct kiosk_config *cfg, const char *arg)
{
	struct usbdev_id ids[32], scanners[32];
	struct usbdev_info info[16];
	size_t n_ids = 0, n_scanners = 0, n = 0;
	int rc;

	(void)arg;
	if (cfg->wedge_readers[0] && usbdev_parse_ids(cfg->wedge_readers, ids, 32, &n_ids))
		return 2;
	if (usbdev_parse_ids(cfg->scanners, scanners, 32, &n_scanners))
		return 2;
	rc = usbdev_scan(cfg->wedge_readers[0] ? ids : NULL, n_ids, scanners, n_scanners,
			 cfg->printer_profile, info, 16, &n);
	if (rc) {
		fprintf(stderr, "kiosk: cannot list USB devices: %s\n", kiosk_strerror(rc));
		return 1;
	}
	qsort(info, n, sizeof(info[0]), by_bus_address);
	for (size_t k = 0; k < n; k++) {
		char what[256];

		usbdev_describe(&info[k], what, sizeof(what));
		printf("%-8s bus %03d address %03d  %04x:%04x  driver %s  %s\n",
		       usbdev_kind_name(info[k].kind), info[k].bus, info[k].addr, info[k].vid,
		       info[k].pid, info[k].driver, what);
	}
	if (n == 0)
		printf(
		    "no card reader, receipt printer, bill validator or barcode scanner found\n");
	return 0;
}

static const struct staff_command table[] = {
    {"list-payments", NULL, "every payment in the journal as JSON lines (last four only)",
     STAFF_JOURNAL, list_payments},
    {"list-cash-notes", NULL, "every bank note the validator credited, as JSON lines",
     STAFF_JOURNAL, list_cash_notes},
    {"reprint", "REF", "print the receipt of the payment REF (K..., Q-... or key)", STAFF_JOURNAL,
     reprint},
    {"reconcile", NULL,
     "settle unfinished payments with the portal; exit 0 when none\nis left in doubt, 3 when "
     "some still are",
     STAFF_PORTAL, reconcile},
    {"send-outbox", NULL,
     "send everything the outbox holds to the portal now; exit 0 when\nit is empty, 3 when "
     "some is left",
     STAFF_PORTAL, send_outbox},
    {"outbox-status", NULL, "what waits to be sent to the portal, as JSON", STAFF_JOURNAL,
     outbox_status},
    {"hash-pin", NULL,
     "read a new staff PIN (6-8 digits) on stdin, print its hash\nfor [service] pin_hash",
     STAFF_NOTHING, hash_pin},
    {"list-devices", NULL,
     "print the USB readers, printers, bill validators and barcode\nscanners found", STAFF_NOTHING,
     list_devices},
};

const struct staff_command *staff_commands(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}
