/* HID POS barcode scanners: the report descriptor read item by item (HID 1.11, 6.2.2: short
 * items of main, global and local type) to find the Scanned Data Report's fields on usage
 * page 0x8C, and scans put together across reports by the Decoded Data Continued bit. The
 * usages are those of the USB-IF's HID Point of Sale Usage Tables 1.02; the default layout
 * is the one the makers' HID POS manuals show (and peer drivers read): report id 2, length,
 * AIM identifier, 56 data bytes, then the continued flag in the last byte. */
#include "drivers/scanner/hidpos.h"

#include <string.h>

#include "app/common/err.h"

#define MAX_USAGES 32
#define MAX_PUSH 4

void hidpos_layout_default(struct hidpos_layout *out)
{
	*out = (struct hidpos_layout){.report_id = 2,
				      .report_len = 64,
				      .len_off = 1,
				      .sym_off = 2,
				      .data_off = 5,
				      .data_max = 56,
				      .cont_bit = 63 * 8};
}

/* What one report id's fields are, as the walk finds them. */
struct found {
	size_t bits; /* where the next field starts */
	int len_off, sym_off, data_off, cont_bit;
	size_t data_max;
	int byte_off; /* the last 8-bit field of an unknown usage, -1: none */
	size_t byte_end;
};

struct globals {
	uint32_t page, size, count;
	uint8_t id;
};

struct walk {
	struct globals g, stack[MAX_PUSH];
	int depth_push;
	uint32_t usages[MAX_USAGES]; /* page << 16 | id */
	int n_usages;
	uint32_t umin, umax;
	bool has_range;
	int depth;	 /* collection nesting */
	bool in_scanner; /* inside an application collection of page 0x8C */
	bool uses_ids;	 /* a Report ID item was seen */
	struct found f[256];
};

static uint32_t item_value(const uint8_t *p, int size)
{
	uint32_t v = 0;

	for (int k = 0; k < size; k++)
		v |= (uint32_t)p[k] << (8 * k);
	return v;
}

static uint32_t usage_of(const struct walk *w, uint32_t k)
{
	if (w->n_usages > 0)
		return w->usages[k < (uint32_t)w->n_usages ? k : (uint32_t)w->n_usages - 1];
	if (w->has_range) {
		uint32_t u = w->umin + k;
		return u > w->umax ? w->umax : u;
	}
	return 0;
}

/* An Input item: its fields laid one after another in this report id's report. */
static void input_item(struct walk *w)
{
	struct found *f = &w->f[w->g.id];

	if (w->in_scanner && w->g.size > 0) {
		for (uint32_t k = 0; k < w->g.count; k++) {
			size_t pos = f->bits + (size_t)k * w->g.size;
			uint32_t u = usage_of(w, k);

			if (u >> 16 != HIDPOS_PAGE) {
				if (w->g.size == 8 && w->g.count == 1) {
					f->byte_off = (int)(pos / 8);
					f->byte_end = pos + 8;
				}
				continue;
			}
			switch (u & 0xFFFF) {
			case HIDPOS_SYMBOLOGY_ID_1:
				if (w->g.size == 8 && pos % 8 == 0) {
					f->sym_off = (int)(pos / 8);
					if (f->byte_off >= 0 && f->byte_end == pos)
						f->len_off = f->byte_off;
				}
				break;
			case HIDPOS_DECODED_DATA:
				/* One usage for the whole array: take it once, at its start. */
				if (f->data_off < 0 && w->g.size == 8 && pos % 8 == 0) {
					f->data_off = (int)(pos / 8);
					f->data_max = w->g.count - k;
				}
				break;
			case HIDPOS_DATA_CONTINUED:
				if (f->cont_bit < 0)
					f->cont_bit = (int)pos;
				break;
			default: break;
			}
		}
	}
	f->bits += (size_t)w->g.size * w->g.count;
}

static void collection(struct walk *w, uint32_t type)
{
	uint32_t u = usage_of(w, 0);

	if (w->depth == 0 && type == 1) /* an application collection */
		w->in_scanner = u >> 16 == HIDPOS_PAGE && (u & 0xFFFF) >= HIDPOS_BADGE_READER &&
				(u & 0xFFFF) <= HIDPOS_DUMB_SCANNER;
	w->depth++;
}

static void local_item(struct walk *w, int tag, uint32_t v, int size)
{
	/* A 4-byte usage names its page; a shorter one takes the current page. */
	uint32_t u = size == 4 ? v : (w->g.page << 16 | (v & 0xFFFF));

	if (tag == 0 && w->n_usages < MAX_USAGES)
		w->usages[w->n_usages++] = u;
	else if (tag == 1)
		w->umin = u, w->has_range = true;
	else if (tag == 2)
		w->umax = u, w->has_range = true;
}

static int global_item(struct walk *w, int tag, uint32_t v)
{
	switch (tag) {
	case 0: w->g.page = v & 0xFFFF; break;
	case 7: w->g.size = v; break;
	case 8:
		if (v == 0 || v > 255)
			return KIOSK_EINVAL;
		w->g.id = (uint8_t)v;
		w->uses_ids = true;
		if (w->f[w->g.id].bits == 0)
			w->f[w->g.id].bits = 8; /* the report id byte comes first */
		break;
	case 9: w->g.count = v; break;
	case 10:
		if (w->depth_push == MAX_PUSH)
			return KIOSK_EINVAL;
		w->stack[w->depth_push++] = w->g;
		break;
	case 11:
		if (w->depth_push == 0)
			return KIOSK_EINVAL;
		w->g = w->stack[--w->depth_push];
		break;
	default: break;
	}
	/* Sizes beyond any real report are a broken descriptor, not a layout. */
	return w->g.size > 32 || w->g.count > 4096 ? KIOSK_EINVAL : 0;
}

int hidpos_layout_parse(const uint8_t *desc, size_t n, struct hidpos_layout *out)
{
	struct walk w; /* about 12 kB, once per scanner plugged in */
	size_t i = 0;

	if (!desc || !out)
		return KIOSK_EINVAL;
	memset(&w, 0, sizeof(w));
	for (int r = 0; r < 256; r++) {
		w.f[r].len_off = w.f[r].sym_off = w.f[r].data_off = w.f[r].cont_bit = -1;
		w.f[r].byte_off = -1;
	}
	while (i < n) {
		uint8_t b = desc[i];
		int size = (b & 3) == 3 ? 4 : (b & 3), type = (b >> 2) & 3, tag = b >> 4;
		uint32_t v;

		if (b == 0xFE) { /* a long item: skipped whole */
			if (i + 2 >= n || i + 3 + desc[i + 1] > n)
				return KIOSK_EINVAL;
			i += 3 + desc[i + 1];
			continue;
		}
		if (i + 1 + (size_t)size > n)
			return KIOSK_EINVAL;
		v = item_value(desc + i + 1, size);
		i += 1 + (size_t)size;
		if (type == 1) {
			if (global_item(&w, tag, v))
				return KIOSK_EINVAL;
			continue;
		}
		if (type == 2) {
			local_item(&w, tag, v, size);
			continue;
		}
		if (type != 0)
			return KIOSK_EINVAL;
		if (tag == 8)
			input_item(&w);
		else if (tag == 0xA)
			collection(&w, v);
		else if (tag == 0xC && w.depth > 0 && --w.depth == 0)
			w.in_scanner = false;
		/* Locals last until the next main item only. */
		w.n_usages = 0;
		w.has_range = false;
	}
	for (int r = 0; r < 256; r++) {
		const struct found *f = &w.f[r];

		if (f->data_off < 0 || (r != 0) != w.uses_ids)
			continue;
		*out = (struct hidpos_layout){.report_id = (uint8_t)r,
					      .report_len = (f->bits + 7) / 8,
					      .len_off = f->len_off,
					      .sym_off = f->sym_off,
					      .data_off = f->data_off,
					      .data_max = f->data_max,
					      .cont_bit = f->cont_bit};
		return out->report_len <= HIDPOS_REPORT_MAX ? 0 : KIOSK_EINVAL;
	}
	return KIOSK_EINVAL;
}

void hidpos_init(struct hidpos *h, const struct hidpos_layout *layout)
{
	memset(h, 0, sizeof(*h));
	h->layout = *layout;
}

static void restart(struct hidpos *h)
{
	h->len = 0;
	h->overflow = false;
	h->buf[0] = '\0';
}

int hidpos_feed(struct hidpos *h, const uint8_t *report, size_t n, char *out, size_t cap)
{
	const struct hidpos_layout *l = &h->layout;
	size_t take;
	bool more;

	if (n < l->report_len || (l->report_id && report[0] != l->report_id))
		return 0;
	take = l->data_max;
	if (l->len_off >= 0 && report[l->len_off] < take)
		take = report[l->len_off];
	else if (l->len_off < 0)
		take = strnlen((const char *)report + l->data_off, l->data_max);
	for (size_t k = 0; k < take; k++) {
		uint8_t c = report[(size_t)l->data_off + k];

		/* Our bills are printable text: a control byte or a NUL in a scan is damage or
		 * another kind of code, and none of it is kept. */
		if (c < 0x20 && c != '\r' && c != '\n')
			h->overflow = true;
		if (h->len == HIDPOS_SCAN_MAX) {
			h->overflow = true;
			break;
		}
		h->buf[h->len++] = (char)c;
	}
	h->buf[h->len] = '\0';
	more = l->cont_bit >= 0 && (report[l->cont_bit / 8] >> (l->cont_bit % 8) & 1);
	if (more)
		return 0;
	if (h->len == 0 && !h->overflow)
		return 0; /* an empty report: nothing was scanned */
	if (h->overflow || h->len + 1 > cap) {
		restart(h);
		return KIOSK_EINVAL;
	}
	memcpy(out, h->buf, h->len + 1);
	restart(h);
	return 1;
}
