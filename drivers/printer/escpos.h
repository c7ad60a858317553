/* ESC/POS: a pure encoder of printer commands and a parser of real-time status bytes.
 * No I/O here; the USB driver sends what this module writes. */
#ifndef KIOSK_ESCPOS_H
#define KIOSK_ESCPOS_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/devices.h"
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

void escpos_init(struct escpos_buf *b);			      /* ESC @ */
void escpos_codepage_1252(struct escpos_buf *b);	      /* ESC t 16: WPC1252 */
void escpos_align(struct escpos_buf *b, enum escpos_align a); /* ESC a n */
void escpos_bold(struct escpos_buf *b, int on);		      /* ESC E n */
void escpos_double(struct escpos_buf *b, int on);	      /* GS ! 0x11 / 0x00 */
void escpos_feed(struct escpos_buf *b, int lines);	      /* ESC d n */
void escpos_cut_partial(struct escpos_buf *b); /* GS V 66 0: feed to cutter, partial */
/* QR code model 2, module size 6, error correction M, via GS ( k; data up to 256 bytes. */
void escpos_qr(struct escpos_buf *b, const char *data);
/* UTF-8 text transcoded to Windows-1252 (code page 16); what 1252 lacks prints as '?'.
 * Control characters other than '\n' are dropped. */
void escpos_text(struct escpos_buf *b, const char *utf8);

/* Transcodes one UTF-8 string to Windows-1252 into out (NUL-terminated). */
int escpos_utf8_to_1252(const char *utf8, char *out, size_t n);

/* The whole receipt as printer bytes: init, code page, the layout's lines (title bold and
 * double height), a QR code of the reference, feed and partial cut. */
int escpos_receipt(const struct receipt *r, receipt_tr_fn tr, int cols, uint8_t *out, size_t cap,
		   size_t *len);

/* Real-time status: DLE EOT n with n = 1 (printer), 2 (offline cause), 4 (paper sensor). */
#define ESCPOS_STATUS_PRINTER 1
#define ESCPOS_STATUS_OFFLINE 2
#define ESCPOS_STATUS_PAPER 4
/* Writes the 3-byte DLE EOT n request into req. */
void escpos_status_request(int n, uint8_t req[3]);
/* Folds the answer byte to DLE EOT n into st. KIOSK_EPROTO when the byte is not a status
 * byte (fixed bits wrong), st untouched. */
int escpos_status_parse(int n, uint8_t byte, struct printer_status *st);

#endif
