/* ESC/POS encoding. Epson's command reference is the contract; the TM series and the common
 * clones accept everything written here. Text is sent in Windows-1252 (ESC t 16) because
 * that is the one code page every printer we meet has and it covers Spanish. */
#include "drivers/printer/escpos.h"

#include <stdio.h>
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

void escpos_codepage_1252(struct escpos_buf *b)
{
	put3(b, ESC, 't', 16);
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

int escpos_utf8_to_1252(const char *utf8, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)utf8;
	size_t k = 0;

	if (!out || n == 0)
		return KIOSK_EINVAL;
	while (*p) {
		uint32_t cp = next_cp(&p);
		char c = to_1252(cp);

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

void escpos_text(struct escpos_buf *b, const char *utf8)
{
	char tmp[1024];

	if (escpos_utf8_to_1252(utf8, tmp, sizeof(tmp))) {
		b->err = KIOSK_EINVAL;
		return;
	}
	put(b, tmp, strlen(tmp));
}

int escpos_receipt(const struct receipt *r, receipt_tr_fn tr, int cols, uint8_t *out, size_t cap,
		   size_t *len)
{
	struct escpos_buf b;
	char text[4096];
	char *line, *save = NULL;
	int rc, title = 1;

	rc = receipt_layout_text(r, tr, cols, text, sizeof(text));
	if (rc)
		return rc;
	escpos_begin(&b, out, cap);
	escpos_init(&b);
	escpos_codepage_1252(&b);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		/* The layout's title lines come before the first '=' rule: bold, centred
		 * by the layout's own padding. */
		if (title && line[0] == '=')
			title = 0;
		if (title)
			escpos_bold(&b, 1);
		escpos_text(&b, line);
		escpos_text(&b, "\n");
		if (title)
			escpos_bold(&b, 0);
	}
	if (r->reference[0]) {
		escpos_feed(&b, 1);
		escpos_align(&b, ESCPOS_CENTER);
		escpos_qr(&b, r->reference);
		escpos_align(&b, ESCPOS_LEFT);
	}
	escpos_feed(&b, 4);
	escpos_cut_partial(&b);
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
		st->cover_open = (byte & 0x04) != 0;
		st->error = (byte & 0x40) != 0;
		if (byte & 0x20)
			st->paper_out = true;
		break;
	case ESCPOS_STATUS_PAPER:
		st->paper_near_end = (byte & 0x0C) != 0;
		st->paper_out = (byte & 0x60) != 0;
		break;
	default: return KIOSK_EINVAL;
	}
	return 0;
}
