/* ESC/POS: a pure encoder of printer commands and a parser of real-time status bytes.
 * No I/O here; the USB driver sends what this module writes. */
#ifndef KIOSK_ESCPOS_H
#define KIOSK_ESCPOS_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/devices.h"
#include "drivers/printer/profile.h"
#include "drivers/printer/receipt.h"

/* An output buffer; `err` latches KIOSK_EINVAL once anything did not fit. */
struct escpos_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
	int err;
};

enum escpos_align { ESCPOS_LEFT = 0, ESCPOS_CENTER = 1, ESCPOS_RIGHT = 2 };

void escpos_begin(struct escpos_buf *b, uint8_t *mem, size_t cap);

void escpos_init(struct escpos_buf *b); /* ESC @ */
/* ESC t n: the profile's table with Spanish (16 = WPC1252 on Epson, 32 on Star, 2 = PC850). */
void escpos_codepage(struct escpos_buf *b, const struct printer_profile *p);
void escpos_align(struct escpos_buf *b, enum escpos_align a); /* ESC a n */
void escpos_bold(struct escpos_buf *b, int on);		      /* ESC E n */
void escpos_double(struct escpos_buf *b, int on);	      /* GS ! 0x11 / 0x00 */
void escpos_feed(struct escpos_buf *b, int lines);	      /* ESC d n */
void escpos_cut_partial(struct escpos_buf *b); /* GS V 66 0: feed to cutter, partial */
/* Ends a slip: the cutter feeds to its own position, so a printer with one gets only the
 * cut; one without feeds the profile's tear_feed lines. */
void escpos_finish(struct escpos_buf *b, const struct printer_profile *p);
/* QR code model 2, module size 6, error correction M, via GS ( k; data up to 256 bytes. */
void escpos_qr(struct escpos_buf *b, const char *data);
/* The same QR code drawn here (libqrencode, level M) and sent as a GS v 0 raster image
 * centred on `dots`, for printers without GS ( k. */
void escpos_qr_raster(struct escpos_buf *b, const char *data, int dots);
/* UTF-8 text transcoded to the charset; what it lacks prints as '?'. Control characters
 * other than '\n' are dropped. */
void escpos_text_cs(struct escpos_buf *b, enum printer_charset cs, const char *utf8);
/* escpos_text_cs in Windows-1252. */
void escpos_text(struct escpos_buf *b, const char *utf8);

/* Transcodes one UTF-8 string into a charset into out (NUL-terminated). */
int escpos_utf8_to(enum printer_charset cs, const char *utf8, char *out, size_t n);
/* escpos_utf8_to in Windows-1252. */
int escpos_utf8_to_1252(const char *utf8, char *out, size_t n);

/* The whole receipt as printer bytes for a printer of this profile: init, code page, the
 * layout's lines at the profile's columns (title bold), a QR code of r->qr (the payment's
 * link) or else of the reference (native or raster, as the profile says), then the cut or
 * the tear feed. */
int escpos_receipt(const struct receipt *r, receipt_tr_fn tr, const struct printer_profile *p,
		   uint8_t *out, size_t cap, size_t *len);
/* Plain lines (a test page, the day report) for a printer of this profile. */
int escpos_slip(const char *text, const struct printer_profile *p, uint8_t *out, size_t cap,
		size_t *len);

/* Real-time status: DLE EOT n with n = 1 (printer), 2 (offline cause), 3 (error cause),
 * 4 (roll paper sensor). */
#define ESCPOS_STATUS_PRINTER 1
#define ESCPOS_STATUS_OFFLINE 2
#define ESCPOS_STATUS_ERROR 3
#define ESCPOS_STATUS_PAPER 4
/* Writes the 3-byte DLE EOT n request into req. */
void escpos_status_request(int n, uint8_t req[3]);
/* Folds the answer byte to DLE EOT n into st: only ever sets a condition, so the answers of
 * one round add up (paper-end stop from n = 2 survives the sensor bits of n = 4).
 * KIOSK_EPROTO when the byte is not a status byte (fixed bits wrong), st untouched. */
int escpos_status_parse(int n, uint8_t byte, struct printer_status *st);

/* What comes back from a printer that may have Automatic Status Back on (GS a, or a DIP
 * switch): 4-byte ASB packets (first byte x00x xx00 with bit 4 set; then three bytes with
 * bits 4 and 7 clear) mixed with the one-byte answers to DLE EOT (0xx1 xx10). */
struct escpos_rx {
	uint8_t asb[4];
	size_t asb_len; /* an ASB packet split across reads */
};

/* Scans bytes read from the printer. ASB packets are folded into *asb (when given) and
 * counted in *asb_count; the first real-time answer goes to *answer (-1 when there is none
 * in these bytes). Bytes of neither kind are dropped. */
void escpos_rx_scan(struct escpos_rx *rx, const uint8_t *p, size_t n, int *answer,
		    struct printer_status *asb, int *asb_count);

#endif
