/* Tests for drivers/sim/sim_printer: files and numbering, a valid PNG read back with libpng,
 * paper out, and concurrent printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/printer/receipt.h"
#include "drivers/sim/sim_printer.h"

#include <dirent.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef KIOSK_TEST_FONT
#error "KIOSK_TEST_FONT must name a monospace TTF"
#endif

struct png_info {
	png_uint_32 w, h;
	int bit_depth, color_type;
	size_t dark; /* pixels darker than mid grey: proof that text was drawn */
};

static char dir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kiosk-simprn-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	(void)state;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static size_t count_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int exists(const char *name)
{
	char path[600];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

/* Reads the PNG back with libpng, checking its signature first. */
static void read_png(const char *path, struct png_info *info)
{
	unsigned char sig[8];
	FILE *f = fopen(path, "rb");
	png_structp png;
	png_infop pi;
	png_bytep row;

	assert_non_null(f);
	assert_int_equal(fread(sig, 1, 8, f), 8);
	assert_int_equal(png_sig_cmp(sig, 0, 8), 0);
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	assert_non_null(png);
	pi = png_create_info_struct(png);
	assert_non_null(pi);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng could not read %s", path);
	png_init_io(png, f);
	png_set_sig_bytes(png, 8);
	png_read_info(png, pi);
	info->w = png_get_image_width(png, pi);
	info->h = png_get_image_height(png, pi);
	info->bit_depth = png_get_bit_depth(png, pi);
	info->color_type = png_get_color_type(png, pi);
	info->dark = 0;
	row = malloc(png_get_rowbytes(png, pi));
	assert_non_null(row);
	for (png_uint_32 y = 0; y < info->h; y++) {
		png_read_row(png, row, NULL);
		for (png_uint_32 x = 0; x < info->w; x++)
			info->dark += row[x] < 128;
	}
	png_read_end(png, NULL);
	free(row);
	png_destroy_read_struct(&png, &pi, NULL);
	fclose(f);
}

static void slurp(const char *name, char *buf, size_t n)
{
	char path[600];
	FILE *f;
	size_t got;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	got = fread(buf, 1, n - 1, f);
	buf[got] = '\0';
	fclose(f);
}

static void test_print_receipt(void **state)
{
	struct receipt r = {
	    .header = "City of Springfield - Utilities",
	    .kiosk_id = "KIOSK-017",
	    .when = "2026-11-27 17:05",
	    .customer_display = "100-200-300",
	    .amount_cents = 123456,
	    .brand = "Visa",
	    .last4 = "1111",
	    .reference = "K12345678",
	    .outcome = RECEIPT_APPROVED,
	};
	struct sim_printer *p;
	struct png_info info;
	char text[4096], back[4096], png_path[512], expect[600];

	(void)state;
	assert_int_equal(receipt_layout_text(&r, NULL, 42, text, sizeof(text)), 0);
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	sim_printer_last_text(p, back, sizeof(back));
	assert_string_equal(back, "");

	assert_int_equal(sim_printer_print(p, text, png_path, sizeof(png_path)), 0);
	snprintf(expect, sizeof(expect), "%s/receipt-0001.png", dir);
	assert_string_equal(png_path, expect);
	assert_true(exists("receipt-0001.txt"));
	slurp("receipt-0001.txt", back, sizeof(back));
	assert_string_equal(back, text);
	sim_printer_last_text(p, back, sizeof(back));
	assert_string_equal(back, text);

	read_png(png_path, &info);
	assert_int_equal(info.w, 576);
	assert_true(info.h > 300 && info.h < 2000);
	assert_int_equal(info.bit_depth, 8);
	assert_int_equal(info.color_type, PNG_COLOR_TYPE_GRAY);
	assert_true(info.dark > 2000);

	/* UTF-8 text renders too, and numbering goes on. */
	assert_int_equal(sim_printer_print(p, "Número de cliente   100-200-300\n", NULL, 0), 0);
	assert_true(exists("receipt-0002.png"));
	assert_int_equal(count_files(), 4);
	sim_printer_close(p);
}

static void test_paper_out(void **state)
{
	struct sim_printer *p;
	char back[256], png_path[512];

	(void)state;
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	assert_int_equal(sim_printer_print(p, "first\n", NULL, 0), 0);
	sim_printer_set_paper_out(p, 1);
	assert_int_equal(sim_printer_print(p, "second\n", png_path, sizeof(png_path)),
			 KIOSK_EPAPER);
	assert_string_equal(png_path, "");
	assert_int_equal(count_files(), 2);
	sim_printer_last_text(p, back, sizeof(back));
	assert_string_equal(back, "first\n");
	sim_printer_set_paper_out(p, 0);
	assert_int_equal(sim_printer_print(p, "third\n", NULL, 0), 0);
	assert_true(exists("receipt-0002.txt"));
	assert_int_equal(count_files(), 4);
	sim_printer_close(p);
}

/* A restarted kiosk never overwrites the receipts already on disk. */
static void test_numbering_continues(void **state)
{
	struct sim_printer *p;
	FILE *f;
	char path[600];

	(void)state;
	snprintf(path, sizeof(path), "%s/receipt-0041.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	assert_int_equal(sim_printer_print(p, "a\n", NULL, 0), 0);
	assert_true(exists("receipt-0042.png"));
	sim_printer_close(p);
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	assert_int_equal(sim_printer_print(p, "b\n", NULL, 0), 0);
	assert_true(exists("receipt-0043.txt"));
	sim_printer_close(p);
}

static void test_edge_text(void **state)
{
	struct sim_printer *p;
	struct png_info info;
	char path[512], junk[300];

	(void)state;
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	assert_int_equal(sim_printer_print(p, "", path, sizeof(path)), 0);
	read_png(path, &info);
	assert_int_equal(info.w, 576);
	/* A line far wider than the paper wraps; invalid UTF-8 draws a replacement glyph. */
	memset(junk, 'W', sizeof(junk) - 1);
	junk[sizeof(junk) - 1] = '\0';
	junk[10] = '\xff';
	junk[20] = '\xc3';
	assert_int_equal(sim_printer_print(p, junk, path, sizeof(path)), 0);
	read_png(path, &info);
	assert_int_equal(info.w, 576);
	assert_int_equal(sim_printer_print(NULL, "x", NULL, 0), KIOSK_EINVAL);
	sim_printer_close(p);
	assert_int_equal(sim_printer_open(dir, "/nonexistent/font.ttf", &p), KIOSK_EIO);
}

struct job {
	struct sim_printer *p;
	int id;
};

static void *print_some(void *arg)
{
	struct job *j = arg;
	char text[64], last[64];

	for (int k = 0; k < 5; k++) {
		snprintf(text, sizeof(text), "job %d copy %d\n", j->id, k);
		if (sim_printer_print(j->p, text, NULL, 0) != 0)
			return (void *)1;
		sim_printer_last_text(j->p, last, sizeof(last));
		if (strncmp(last, "job ", 4) != 0)
			return (void *)1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct sim_printer *p;
	pthread_t t[4];
	struct job jobs[4];
	void *res;

	(void)state;
	assert_int_equal(sim_printer_open(dir, KIOSK_TEST_FONT, &p), 0);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){p, i};
		assert_int_equal(pthread_create(&t[i], NULL, print_some, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &res), 0);
		assert_null(res);
	}
	assert_int_equal(count_files(), 40);
	assert_true(exists("receipt-0020.png"));
	assert_false(exists("receipt-0021.txt"));
	sim_printer_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_print_receipt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_paper_out, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_numbering_continues, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_edge_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
