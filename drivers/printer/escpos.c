/* ESC/POS encoding. Epson's command reference is the contract; what a printer family does
 * differently (which ESC t number is a Spanish code page, whether it has GS ( k QR codes or a
 * cutter) comes from its profile. */
#include "drivers/printer/escpos.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"

#define ESC 0x1B
#define GS 0x1D
#define DLE 0x10
#define EOT 0x04

void escpos_begin(struct escpos_buf *b, uint8_t *mem, size_t cap)
{
	b->data = mem;
	b->len = 0;
	b->cap = cap;
	b->err = 0;
}

static void put(struct escpos_buf *b, const void *p, size_t n)
{
	if (b->err || b->cap - b->len < n) {
		b->err = KIOSK_EINVAL;
		return;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void put3(struct escpos_buf *b, uint8_t x, uint8_t y, uint8_t z)
{
	uint8_t c[3] = {x, y, z};

	put(b, c, sizeof(c));
}

void escpos_init(struct escpos_buf *b)
{
	uint8_t c[2] = {ESC, '@'};

	put(b, c, sizeof(c));
}

void escpos_codepage(struct escpos_buf *b, const struct printer_profile *p)
{
	put3(b, ESC, 't', p->codepage_n);
}

void escpos_align(struct escpos_buf *b, enum escpos_align a)
{
	put3(b, ESC, 'a', (uint8_t)a);
}

void escpos_bold(struct escpos_buf *b, int on)
{
	put3(b, ESC, 'E', on ? 1 : 0);
}

void escpos_double(struct escpos_buf *b, int on)
{
	put3(b, GS, '!', on ? 0x11 : 0x00);
}

void escpos_feed(struct escpos_buf *b, int lines)
{
	put3(b, ESC, 'd', (uint8_t)(lines < 0 ? 0 : lines > 255 ? 255 : lines));
}

void escpos_cut_partial(struct escpos_buf *b)
{
	uint8_t c[4] = {GS, 'V', 66, 0};

	put(b, c, sizeof(c));
}

void escpos_finish(struct escpos_buf *b, const struct printer_profile *p)
{
	/* GS V 66 n feeds to the cutting position plus n and cuts: a feed before it would
	 * only waste paper on every receipt. */
	if (p->cutter)
		escpos_cut_partial(b);
	else
		escpos_feed(b, p->tear_feed);
}

/* GS ( k pL pH cn fn [params]: pL/pH count the bytes after themselves. */
static void qr_fn(struct escpos_buf *b, uint8_t fn, const uint8_t *args, size_t n)
{
	size_t plen = n + 2;
	uint8_t h[7] = {GS, '(', 'k', (uint8_t)(plen & 0xFF), (uint8_t)(plen >> 8), 49, fn};

	put(b, h, sizeof(h));
	put(b, args, n);
}

void escpos_qr(struct escpos_buf *b, const char *data)
{
	size_t n = strlen(data);
	uint8_t model[2] = {50, 0}; /* model 2 */
	uint8_t size[1] = {6};
	uint8_t ec[1] = {49}; /* level M: survives a scuffed slip */
	uint8_t store[1 + 256];
	uint8_t print[1] = {48};

	if (n == 0 || n > 256) {
		b->err = KIOSK_EINVAL;
		return;
	}
	qr_fn(b, 65, model, sizeof(model));
	qr_fn(b, 67, size, sizeof(size));
	qr_fn(b, 69, ec, sizeof(ec));
	store[0] = 48;
	memcpy(store + 1, data, n);
	qr_fn(b, 80, store, n + 1);
	qr_fn(b, 81, print, sizeof(print));
}

/* GS v 0 m xL xH yL yH d...: a raster image, 8 dots a byte, most significant bit leftmost. */
void escpos_qr_raster(struct escpos_buf *b, const char *data, int dots)
{
	QRcode *qr;
	int module, side, left, xbytes;
	uint8_t h[8];

	if (!data[0] || strlen(data) > 256 || dots < 64) {
		b->err = KIOSK_EINVAL;
		return;
	}
	qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr) {
		b->err = KIOSK_ENOMEM;
		return;
	}
	/* About the size GS ( k draws (module 6), smaller where the paper is narrow; the
	 * four-module quiet zone is part of the image. */
	side = qr->width + 8;
	module = dots / 2 / side;
	if (module > 6)
		module = 6;
	if (module < 2)
		module = 2;
	left = (dots - side * module) / 2;
	if (left < 0)
		left = 0;
	xbytes = (left + side * module + 7) / 8;
	h[0] = GS;
	h[1] = 'v';
	h[2] = '0';
	h[3] = 0;
	h[4] = (uint8_t)(xbytes & 0xFF);
	h[5] = (uint8_t)(xbytes >> 8);
	h[6] = (uint8_t)((side * module) & 0xFF);
	h[7] = (uint8_t)((side * module) >> 8);
	put(b, h, sizeof(h));
	for (int y = 0; y < side * module && !b->err; y++) {
		uint8_t row[256];
		int my = y / module - 4;

		memset(row, 0, sizeof(row));
		for (int x = 0; x < side * module; x++) {
			int mx = x / module - 4, px = left + x;

			if (mx < 0 || my < 0 || mx >= qr->width || my >= qr->width)
				continue;
			if (qr->data[my * qr->width + mx] & 1)
				row[px / 8] |= (uint8_t)(0x80 >> (px % 8));
		}
		put(b, row, (size_t)xbytes);
	}
	QRcode_free(qr);
}

/* The 0x80-0x9F block of Windows-1252: where it differs from Latin-1. */
static const struct {
	uint32_t cp;
	uint8_t byte;
} w1252[] = {
    {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
    {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
    {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
    {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
    {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F},
};

/* Decodes one code point; malformed input yields U+FFFD and skips one byte. */
static uint32_t next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t cp;
	int extra;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		extra = 1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		extra = 2;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07;
		extra = 3;
	} else {
		*p = s + 1;
		return 0xFFFD;
	}
	for (int k = 1; k <= extra; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*p = s + 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	*p = s + 1 + extra;
	return cp;
}

/* PC850's upper half by code point (checked against glibc's iconv in the unit test). */
static const uint16_t cp850_high[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557,
    0x255D, 0x00A2, 0x00A5, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, 0x00F0, 0x00D0, 0x00CA, 0x00CB,
    0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9,
    0x00FD, 0x00DD, 0x00AF, 0x00B4, 0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

static char to_1252(uint32_t cp)
{
	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return (char)cp;
	for (size_t k = 0; k < sizeof(w1252) / sizeof(w1252[0]); k++) {
		if (w1252[k].cp == cp)
			return (char)w1252[k].byte;
	}
	return '?';
}

static char to_850(uint32_t cp)
{
	if (cp < 0x80)
		return (char)cp;
	for (int k = 0; k < 128; k++) {
		if (cp850_high[k] == cp)
			return (char)(0x80 + k);
	}
	return '?';
}

int escpos_utf8_to(enum printer_charset cs, const char *utf8, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)utf8;
	size_t k = 0;

	if (!out || n == 0)
		return KIOSK_EINVAL;
	while (*p) {
		uint32_t cp = next_cp(&p);
		char c = cs == PRINTER_CP850 ? to_850(cp) : to_1252(cp);

		/* Control bytes would be commands to the printer: only a newline goes through. */
		if (((unsigned char)c < 0x20 && c != '\n') || c == 0x7F)
			continue;
		if (k + 1 >= n) {
			out[k] = '\0';
			return KIOSK_EINVAL;
		}
		out[k++] = c;
	}
	out[k] = '\0';
	return 0;
}

int escpos_utf8_to_1252(const char *utf8, char *out, size_t n)
{
	return escpos_utf8_to(PRINTER_CP1252, utf8, out, n);
}

void escpos_text_cs(struct escpos_buf *b, enum printer_charset cs, const char *utf8)
{
	char tmp[1024];

	if (escpos_utf8_to(cs, utf8, tmp, sizeof(tmp))) {
		b->err = KIOSK_EINVAL;
		return;
	}
	put(b, tmp, strlen(tmp));
}

void escpos_text(struct escpos_buf *b, const char *utf8)
{
	escpos_text_cs(b, PRINTER_CP1252, utf8);
}

int escpos_receipt(const struct receipt *r, receipt_tr_fn tr, const struct printer_profile *p,
		   uint8_t *out, size_t cap, size_t *len)
{
	struct escpos_buf b;
	char text[4096];
	char *line, *save = NULL;
	int rc, title = 1;

	rc = receipt_layout_text(r, tr, p->cols, text, sizeof(text));
	if (rc)
		return rc;
	escpos_begin(&b, out, cap);
	escpos_init(&b);
	escpos_codepage(&b, p);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* The layout's title lines come before the first '=' rule: bold, centred
		 * by the layout's own padding. */
		if (title && line[0] == '=')
			title = 0;
		if (title)
			escpos_bold(&b, 1);
		escpos_text_cs(&b, p->charset, line);
		escpos_text_cs(&b, p->charset, "\n");
		if (title)
			escpos_bold(&b, 0);
	}
	if (r->reference[0] && p->qr != PRINTER_QR_NONE) {
		/* The payment's page on the city's website when one is configured. */
		const char *qr = r->qr[0] ? r->qr : r->reference;

		escpos_feed(&b, 1);
		if (p->qr == PRINTER_QR_NATIVE) {
			escpos_align(&b, ESCPOS_CENTER);
			escpos_qr(&b, qr);
			escpos_align(&b, ESCPOS_LEFT);
		} else {
			escpos_qr_raster(&b, qr, p->dots);
		}
	}
	escpos_finish(&b, p);
	if (b.err)
		return b.err;
	*len = b.len;
	return 0;
}

int escpos_slip(const char *text, const struct printer_profile *p, uint8_t *out, size_t cap,
		size_t *len)
{
	struct escpos_buf b;
	const char *line = text;

	escpos_begin(&b, out, cap);
	escpos_init(&b);
	escpos_codepage(&b, p);
	/* Line by line: the transcoder's buffer is bounded, a day report is not. */
	while (*line && !b.err) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		char one[512];

		if (n >= sizeof(one))
			n = sizeof(one) - 1;
		memcpy(one, line, n);
		one[n] = '\0';
		escpos_text_cs(&b, p->charset, one);
		escpos_text_cs(&b, p->charset, "\n");
		line = nl ? nl + 1 : line + strlen(line);
	}
	escpos_finish(&b, p);
	if (b.err)
		return b.err;
	*len = b.len;
	return 0;
}

void escpos_status_request(int n, uint8_t req[3])
{
	req[0] = DLE;
	req[1] = EOT;
	req[2] = (uint8_t)n;
}

int escpos_status_parse(int n, uint8_t byte, struct printer_status *st)
{
	/* Every status byte has bit 1 and bit 4 set, bits 0 and 7 clear. */
	if ((byte & 0x93) != 0x12)
		return KIOSK_EPROTO;
	switch (n) {
	case ESCPOS_STATUS_PRINTER: st->online = !(byte & 0x08); break;
	case ESCPOS_STATUS_OFFLINE:
		st->cover_open = st->cover_open || (byte & 0x04);
		st->error = st->error || (byte & 0x40);
		/* Bit 5: printing stopped at a paper end, the roll's or the near-end sensor's
		 * when that is set to stop (ESC c 4): it is out of paper, not just offline. */
		st->paper_out = st->paper_out || (byte & 0x20);
		break;
	case ESCPOS_STATUS_ERROR:
		st->cutter_error = st->cutter_error || (byte & 0x08);
		st->unrecoverable_error = st->unrecoverable_error || (byte & 0x20);
		st->recoverable_error = st->recoverable_error || (byte & 0x40);
		st->error = st->error || (byte & 0x28);
		break;
	case ESCPOS_STATUS_PAPER:
		st->paper_near_end = st->paper_near_end || (byte & 0x0C);
		st->paper_out = st->paper_out || (byte & 0x60);
		break;
	default: return KIOSK_EINVAL;
	}
	return 0;
}

/* One ASB packet (Epson ESC/POS reference, GS a): printer, error, paper and reserved bytes. */
static void asb_apply(const uint8_t a[4], struct printer_status *st)
{
	memset(st, 0, sizeof(*st));
	st->present = true;
	st->online = !(a[0] & 0x08);
	st->cover_open = (a[0] & 0x20) != 0;
	st->cutter_error = (a[1] & 0x08) != 0;
	st->unrecoverable_error = (a[1] & 0x20) != 0;
	st->recoverable_error = (a[1] & 0x40) != 0;
	st->error = (a[1] & 0x2C) != 0;
	st->paper_near_end = (a[2] & 0x03) != 0;
	st->paper_out = (a[2] & 0x0C) != 0;
}

void escpos_rx_scan(struct escpos_rx *rx, const uint8_t *p, size_t n, int *answer,
		    struct printer_status *asb, int *asb_count)
{
	*answer = -1;
	for (size_t k = 0; k < n; k++) {
		uint8_t c = p[k];

		if (rx->asb_len > 0) {
			if ((c & 0x90) != 0) { /* not an ASB byte: the packet was broken */
				rx->asb_len = 0;
			} else {
				rx->asb[rx->asb_len++] = c;
				if (rx->asb_len == 4) {
					if (asb)
						asb_apply(rx->asb, asb);
					if (asb_count)
						(*asb_count)++;
					rx->asb_len = 0;
				}
				continue;
			}
		}
		if ((c & 0x93) == 0x10) {
			rx->asb[0] = c;
			rx->asb_len = 1;
		} else if ((c & 0x93) == 0x12 && *answer < 0) {
			*answer = c;
		}
	}
}
