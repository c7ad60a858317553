/* The simulated 80 mm thermal printer: saves each receipt as receipt-NNNN.txt and as a PNG
 * drawn like the real slip (576 dots wide, black text on white paper, torn edge at the foot). */
#include "drivers/sim/sim_printer.h"

#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/printer/receipt.h"

#include <dirent.h>
#include <errno.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <png.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MOD "sim-printer"

#define PAPER_W 576    /* an 80 mm head prints 576 dots at 203 dpi */
#define TEXT_COLS 42   /* the columns receipt_layout_text() is given for 80 mm paper */
#define SIDE_MARGIN 24 /* at least this much white either side of the text */
#define FONT_PX 24     /* glyph height, like the printer's 12x24 font A */
#define TOP_MARGIN 40
#define BOTTOM_MARGIN 48
#define TEAR_DEPTH 10 /* the zigzag of the torn edge */
#define TEAR_PERIOD 16
#define BELOW_TEAR 14 /* counter top seen below the slip */
#define COUNTER_GREY 200
#define MAX_LINES 4000 /* keeps a runaway job from allocating an absurd picture */

struct sim_printer {
	pthread_mutex_t lock; /* guards everything below, FreeType included */
	char *out_dir;
	FT_Library ft;
	FT_Face face;
	int cell_w; /* every glyph gets the same cell: a monospace slip */
	int line_h;
	int ascender;
	int left; /* x of the first column, centring the text block */
	unsigned next_no;
	int paper_out;
	char *last_text;
};

/* Reads "receipt-<digits>.txt|.png"; 0 when the name is something else. */
static unsigned receipt_number(const char *name)
{
	const char *p = name + strlen("receipt-");
	unsigned long v = 0;
	char *end;

	if (strncmp(name, "receipt-", strlen("receipt-")) != 0 || *p < '0' || *p > '9')
		return 0;
	errno = 0;
	v = strtoul(p, &end, 10);
	if (errno || v > 99999999UL || (strcmp(end, ".txt") != 0 && strcmp(end, ".png") != 0))
		return 0;
	return (unsigned)v;
}

/* Numbering continues after what is already in out_dir, so a restart never overwrites. */
static unsigned first_free_number(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned max = 0;

	if (!d)
		return 1;
	while ((e = readdir(d)) != NULL) {
		unsigned n = receipt_number(e->d_name);

		if (n > max)
			max = n;
	}
	closedir(d);
	return max + 1;
}

/* Picks a glyph width so TEXT_COLS columns fit the paper at FONT_PX height, as thermal
 * fonts are narrow rather than small. */
static int size_font(struct sim_printer *p)
{
	int x_px = FONT_PX;

	for (; x_px >= 8; x_px--) {
		if (FT_Set_Pixel_Sizes(p->face, (FT_UInt)x_px, FONT_PX) != 0)
			return KIOSK_EIO;
		if (FT_Load_Char(p->face, 'M', FT_LOAD_DEFAULT) != 0)
			return KIOSK_EIO;
		p->cell_w = (int)((p->face->glyph->advance.x + 32) >> 6);
		if (p->cell_w > 0 && p->cell_w * TEXT_COLS <= PAPER_W - 2 * SIDE_MARGIN)
			break;
	}
	if (x_px < 8)
		return KIOSK_EIO;
	p->line_h = (int)((p->face->size->metrics.height + 63) >> 6);
	p->ascender = (int)((p->face->size->metrics.ascender + 63) >> 6);
	p->left = (PAPER_W - p->cell_w * TEXT_COLS) / 2;
	return 0;
}

int sim_printer_open(const char *out_dir, const char *font_path, struct sim_printer **out)
{
	struct sim_printer *p = NULL;
	struct stat st;
	int rc = KIOSK_EINVAL;

	if (!out_dir || !font_path || !out)
		return KIOSK_EINVAL;
	*out = NULL;
	if (mkdir(out_dir, 0755) < 0 && errno != EEXIST) {
		log_error(MOD, "cannot create %s: %s", out_dir, strerror(errno));
		rc = KIOSK_EIO;
		goto fail;
	}
	if (stat(out_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		log_error(MOD, "%s is not a directory", out_dir);
		rc = KIOSK_EIO;
		goto fail;
	}
	p = calloc(1, sizeof(*p));
	if (!p || !(p->out_dir = strdup(out_dir))) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	if (FT_Init_FreeType(&p->ft) != 0) {
		p->ft = NULL;
		rc = KIOSK_EDEVICE;
		goto fail;
	}
	if (FT_New_Face(p->ft, font_path, 0, &p->face) != 0) {
		p->face = NULL;
		log_error(MOD, "cannot load font %s", font_path);
		rc = KIOSK_EIO;
		goto fail;
	}
	rc = size_font(p);
	if (rc < 0) {
		log_error(MOD, "font %s cannot be sized for the slip", font_path);
		goto fail;
	}
	pthread_mutex_init(&p->lock, NULL);
	p->next_no = first_free_number(out_dir);
	*out = p;
	return 0;
fail:
	if (p) {
		if (p->face)
			FT_Done_Face(p->face);
		if (p->ft)
			FT_Done_FreeType(p->ft);
		free(p->out_dir);
		free(p);
	}
	return rc;
}

void sim_printer_close(struct sim_printer *p)
{
	if (!p)
		return;
	FT_Done_Face(p->face);
	FT_Done_FreeType(p->ft);
	pthread_mutex_destroy(&p->lock);
	free(p->last_text);
	free(p->out_dir);
	free(p);
}

/* Decodes one UTF-8 code point from s[0..n); malformed input becomes U+FFFD, one byte. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	uint32_t cp;
	size_t len, k;

	*used = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0xFFFD;
	}
	if (n < len)
		return 0xFFFD;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not text. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*used = len;
	return cp;
}

/* A printed line: a slice of the job's text, at most TEXT_COLS code points. */
struct slice {
	const char *s;
	size_t n;
};

/* Splits on '\n' and wraps lines wider than the paper, as the printer itself would.
 * With lines == NULL only counts. */
static size_t split_lines(const char *text, struct slice *lines)
{
	size_t count = 0;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		do {
			size_t k = 0, cols = 0, used;

			while (k < len && cols < TEXT_COLS) {
				utf8_next((const unsigned char *)p + k, len - k, &used);
				k += used;
				cols++;
			}
			if (lines) {
				lines[count].s = p;
				lines[count].n = k;
			}
			count++;
			p += k;
			len -= k;
		} while (len > 0);
		if (!nl)
			break;
		p = nl + 1;
	}
	return count;
}

static void draw_glyph(const struct sim_printer *pr, unsigned char *img, int h, int x0, int base)
{
	const FT_Bitmap *bm = &pr->face->glyph->bitmap;
	int gx = x0 + pr->face->glyph->bitmap_left;
	int gy = base - pr->face->glyph->bitmap_top;

	for (unsigned r = 0; r < bm->rows; r++) {
		int y = gy + (int)r;

		if (y < 0 || y >= h)
			continue;
		for (unsigned c = 0; c < bm->width; c++) {
			int x = gx + (int)c;
			unsigned char ink, *px;

			if (x < 0 || x >= PAPER_W)
				continue;
			ink = (unsigned char)(255 - bm->buffer[r * (unsigned)bm->pitch + c]);
			px = &img[(size_t)y * PAPER_W + (size_t)x];
			/* Darken only: overlapping glyph edges never lighten each other. */
			if (ink < *px)
				*px = ink;
		}
	}
}

static void draw_line(struct sim_printer *pr, unsigned char *img, int h, struct slice l, int base)
{
	size_t k = 0, used;
	int col = 0;

	while (k < l.n) {
		uint32_t cp = utf8_next((const unsigned char *)l.s + k, l.n - k, &used);
		FT_UInt gi;

		k += used;
		if (cp == '\r' || cp == '\t' || cp == ' ') {
			col++;
			continue;
		}
		gi = FT_Get_Char_Index(pr->face, cp);
		if (gi == 0)
			gi = FT_Get_Char_Index(pr->face, '?');
		if (FT_Load_Glyph(pr->face, gi, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL) == 0 &&
		    pr->face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY)
			draw_glyph(pr, img, h, pr->left + col * pr->cell_w, base);
		col++;
	}
}

/* The foot of the slip: a zigzag tear with the counter top showing below it. */
static void draw_tear(unsigned char *img, int h, int paper_end)
{
	for (int x = 0; x < PAPER_W; x++) {
		int phase = x % TEAR_PERIOD;
		int tri = phase < TEAR_PERIOD / 2 ? phase : TEAR_PERIOD - phase;
		int edge = paper_end + tri * TEAR_DEPTH * 2 / TEAR_PERIOD;

		for (int y = edge; y < h; y++)
			img[(size_t)y * PAPER_W + (size_t)x] = y == edge ? 150 : COUNTER_GREY;
	}
}

/* setjmp lives alone here so no local is modified between it and a longjmp. */
static int png_write_gray(FILE *f, const unsigned char *img, int w, int h)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!png || !info) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		return KIOSK_ENOMEM;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return KIOSK_EIO;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* 203 dpi = 8 dots per mm, so viewers show the slip at its real size. */
	png_set_pHYs(png, info, 8000, 8000, PNG_RESOLUTION_METER);
	png_write_info(png, info);
	for (int y = 0; y < h; y++)
		png_write_row(png, (png_const_bytep)(img + (size_t)y * (size_t)w));
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return 0;
}

static int render_png(struct sim_printer *p, const char *text, const char *path)
{
	struct slice *lines = NULL;
	unsigned char *img = NULL;
	FILE *f = NULL;
	size_t count;
	int h, paper_end, rc = KIOSK_EINVAL;

	count = split_lines(text, NULL);
	if (count > MAX_LINES)
		goto out;
	lines = calloc(count ? count : 1, sizeof(*lines));
	if (!lines) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	split_lines(text, lines);
	paper_end = TOP_MARGIN + (int)count * p->line_h + BOTTOM_MARGIN;
	h = paper_end + TEAR_DEPTH + BELOW_TEAR;
	img = malloc((size_t)PAPER_W * (size_t)h);
	if (!img) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	memset(img, 255, (size_t)PAPER_W * (size_t)h);
	for (size_t i = 0; i < count; i++)
		draw_line(p, img, h, lines[i], TOP_MARGIN + (int)i * p->line_h + p->ascender);
	draw_tear(img, h, paper_end);

	f = fopen(path, "wb");
	if (!f) {
		rc = KIOSK_EIO;
		goto out;
	}
	rc = png_write_gray(f, img, PAPER_W, h);
out:
	if (f && fclose(f) != 0 && rc == 0)
		rc = KIOSK_EIO;
	free(img);
	free(lines);
	return rc;
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	size_t n = strlen(text);
	int rc = 0;

	if (!f)
		return KIOSK_EIO;
	if (fwrite(text, 1, n, f) != n)
		rc = KIOSK_EIO;
	if (fclose(f) != 0)
		rc = KIOSK_EIO;
	return rc;
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int sim_printer_print(struct sim_printer *p, const char *text, char *png_path, size_t n)
{
	char txt[4096], png[4096], txt_tmp[4200], png_tmp[4200];
	char *copy = NULL;
	int rc = KIOSK_EINVAL;
	unsigned no;

	if (png_path && n)
		png_path[0] = '\0';
	if (!p || !text)
		return KIOSK_EINVAL;
	pthread_mutex_lock(&p->lock);
	if (p->paper_out) {
		rc = KIOSK_EPAPER;
		goto out;
	}
	copy = strdup(text);
	if (!copy) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	/* Skip numbers someone else took since we looked: never overwrite a receipt. */
	for (no = p->next_no;; no++) {
		snprintf(txt, sizeof(txt), "%s/receipt-%04u.txt", p->out_dir, no);
		snprintf(png, sizeof(png), "%s/receipt-%04u.png", p->out_dir, no);
		if (!file_exists(txt) && !file_exists(png))
			break;
	}
	/* Written under temporary names and renamed, so a reader never sees half a receipt. */
	snprintf(txt_tmp, sizeof(txt_tmp), "%s.tmp", txt);
	snprintf(png_tmp, sizeof(png_tmp), "%s.tmp", png);
	rc = write_text(txt_tmp, text);
	if (rc == 0)
		rc = render_png(p, text, png_tmp);
	if (rc == 0 && (rename(txt_tmp, txt) != 0 || rename(png_tmp, png) != 0)) {
		unlink(txt);
		rc = KIOSK_EIO;
	}
	if (rc < 0) {
		unlink(txt_tmp);
		unlink(png_tmp);
		log_error(MOD, "receipt %u not written: %s", no, kiosk_strerror(rc));
		goto out;
	}
	p->next_no = no + 1;
	free(p->last_text);
	p->last_text = copy;
	copy = NULL;
	if (png_path && n)
		snprintf(png_path, n, "%s", png);
	log_info(MOD, "printed receipt %u", no);
out:
	free(copy);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

void sim_printer_last_text(struct sim_printer *p, char *buf, size_t n)
{
	if (!buf || n == 0)
		return;
	buf[0] = '\0';
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	snprintf(buf, n, "%s", p->last_text ? p->last_text : "");
	pthread_mutex_unlock(&p->lock);
}

void sim_printer_set_paper_out(struct sim_printer *p, int out)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->paper_out = out != 0;
	pthread_mutex_unlock(&p->lock);
}

int sim_printer_paper_out(struct sim_printer *p)
{
	int out;

	if (!p)
		return 0;
	pthread_mutex_lock(&p->lock);
	out = p->paper_out;
	pthread_mutex_unlock(&p->lock);
	return out;
}

/* ---- the simulated printer behind the same interface as the USB one (drivers/devices.h) ---- */

static int ops_print(void *impl, const struct receipt *r, receipt_tr_fn tr)
{
	char text[4096], png[512];
	int rc = receipt_layout_text(r, tr, 42, text, sizeof(text));

	if (rc == 0)
		rc = sim_printer_print(impl, text, png, sizeof(png));
	if (rc == 0)
		log_info("sim-printer", "simulated receipt: %s", png);
	return rc;
}

static int ops_status(void *impl, struct printer_status *st)
{
	memset(st, 0, sizeof(*st));
	st->present = true;
	st->online = true;
	st->paper_out = sim_printer_paper_out(impl) != 0;
	return 0;
}

static int ops_print_text(void *impl, const char *text)
{
	char png[512];
	int rc = sim_printer_print(impl, text, png, sizeof(png));

	if (rc == 0)
		log_info("sim-printer", "simulated slip: %s", png);
	return rc;
}

const struct printer_ops sim_printer_ops = {
    .print = ops_print, .status = ops_status, .print_text = ops_print_text};
