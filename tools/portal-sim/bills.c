/* `portal-sim bills --out DIR`: the barcode of each demo account's newest paper bill as two
 * pictures, bill-<number>-code128.png (libzint) and bill-<number>-qr.png (libqrencode), so a
 * person can hold a phone showing one up to the kiosk's scanner. The text in both is
 * app/common/billcode.h's; tests/portal decodes them with zbarimg. */
#include <errno.h>
#include <getopt.h>
#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zint.h>

#include "app/common/billcode.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define QR_SCALE 8 /* pixels per module: about 300 px across, easy from a phone */
#define QR_QUIET 4 /* modules of white around it, as ISO/IEC 18004 asks */
#define C128_SCALE 2.0f
#define C128_QUIET 10 /* modules of white each side (ISO/IEC 15417 asks for 10) */

/* A grey picture, one byte a pixel, 0 black. setjmp is alone here so no local changes
 * between it and a longjmp. */
static int write_png(const char *path, const unsigned char *img, int w, int h)
{
	FILE *f = fopen(path, "wb");
	png_structp png =
	    f ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL) : NULL;
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!png || !info) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		if (f)
			fclose(f);
		return f ? KIOSK_ENOMEM : KIOSK_EIO;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(f);
		return KIOSK_EIO;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++)
		png_write_row(png, (png_const_bytep)(img + (size_t)y * (size_t)w));
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return fclose(f) == 0 ? 0 : KIOSK_EIO;
}

static int write_qr(const char *path, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	unsigned char *img;
	int side, rc;

	if (!qr)
		return KIOSK_EINVAL;
	side = (qr->width + 2 * QR_QUIET) * QR_SCALE;
	img = malloc((size_t)side * (size_t)side);
	if (!img) {
		QRcode_free(qr);
		return KIOSK_ENOMEM;
	}
	memset(img, 255, (size_t)side * (size_t)side);
	for (int y = 0; y < qr->width; y++) {
		for (int x = 0; x < qr->width; x++) {
			if (!(qr->data[y * qr->width + x] & 1))
				continue;
			for (int dy = 0; dy < QR_SCALE; dy++) {
				unsigned char *row =
				    img + (size_t)((y + QR_QUIET) * QR_SCALE + dy) * (size_t)side;

				memset(row + (x + QR_QUIET) * QR_SCALE, 0, QR_SCALE);
			}
		}
	}
	rc = write_png(path, img, side, side);
	free(img);
	QRcode_free(qr);
	return rc;
}

/* zint draws the bars (and the text under them) as RGB; the picture is grey. */
static int write_code128(const char *path, const char *text)
{
	struct zint_symbol *sym = ZBarcode_Create();
	unsigned char *img = NULL;
	int rc = KIOSK_ENOMEM;

	if (!sym)
		return rc;
	sym->symbology = BARCODE_CODE128;
	sym->scale = C128_SCALE;
	sym->height = 40.0f;
	sym->whitespace_width = C128_QUIET;
	sym->whitespace_height = 4;
	if (ZBarcode_Encode_and_Buffer(sym, (unsigned char *)text, (int)strlen(text), 0) >=
	    ZINT_ERROR) {
		log_error("portal-sim", "zint: %s", sym->errtxt);
		rc = KIOSK_EINVAL;
		goto out;
	}
	img = malloc((size_t)sym->bitmap_width * (size_t)sym->bitmap_height);
	if (!img)
		goto out;
	for (size_t k = 0; k < (size_t)sym->bitmap_width * (size_t)sym->bitmap_height; k++)
		img[k] = sym->bitmap[k * 3];
	rc = write_png(path, img, sym->bitmap_width, sym->bitmap_height);
out:
	free(img);
	ZBarcode_Delete(sym);
	return rc;
}

static int write_bill(const struct sim_bill *b, void *ctx)
{
	const char *dir = ctx;
	char text[BILLCODE_LEN + 1], path[4096];
	int rc = billcode_make(b->customer_number, b->bill_date, b->amount_due_cents, text,
			       sizeof(text));

	if (rc)
		return rc;
	snprintf(path, sizeof(path), "%s/bill-%s-code128.png", dir, b->customer_number);
	rc = write_code128(path, text);
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/bill-%s-qr.png", dir, b->customer_number);
		rc = write_qr(path, text);
	}
	if (rc == 0)
		printf("%s  %s  bill of %s, %lld.%02lld due\n", b->customer_number, text,
		       b->bill_date, (long long)(b->amount_due_cents / 100),
		       (long long)(b->amount_due_cents % 100));
	else
		fprintf(stderr, "portal-sim bills: cannot write %s: %s\n", path,
			kiosk_strerror(rc));
	return rc;
}

int bills_main(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"data", required_argument, NULL, 'D'},
						 {"out", required_argument, NULL, 'o'},
						 {NULL, 0, NULL, 0}};
	char path[4096] = "portal-sim.db";
	const char *out = NULL;
	struct sim_db *db = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'd')
			snprintf(path, sizeof(path), "%s", optarg);
		else if (c == 'D')
			snprintf(path, sizeof(path), "%s/portal-sim.db", optarg);
		else if (c == 'o')
			out = optarg;
		else
			goto usage;
	}
	if (optind != argc || !out)
		goto usage;
	if (mkdir(out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "portal-sim bills: cannot make %s: %s\n", out, strerror(errno));
		return 1;
	}
	log_set_level(LOG_WARN);
	/* A new database is seeded with the demo accounts and their bills. */
	rc = db_open(path, &db);
	if (rc == 0)
		rc = db_each_latest_bill(db, write_bill, (void *)out);
	db_close(db);
	return rc == 0 ? 0 : 1;
usage:
	fprintf(stderr, "usage: portal-sim bills [--data DIR | --db FILE] --out DIR\n");
	return 2;
}
