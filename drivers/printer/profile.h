/* Receipt printer profiles: what each printer family can do, from the makers' references
 * and python-escpos's printer database (escpos-printer-db): paper and print width, columns
 * per font, which ESC t number selects a code page that has Spanish, QR and cutter. */
#ifndef KIOSK_PRINTER_PROFILE_H
#define KIOSK_PRINTER_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

/* The character tables the encoder can write. */
enum printer_charset {
	PRINTER_CP1252, /* Windows-1252: Epson "WPC1252" */
	PRINTER_CP850, /* PC850 Multilingual: on every clone's table, has á é í ó ú ñ ¿ ¡ */
};

/* How the reference's QR code gets printed. */
enum printer_qr {
	PRINTER_QR_NATIVE, /* GS ( k, model 2 */
	PRINTER_QR_RASTER, /* drawn here and sent as a raster image (GS v 0) */
	PRINTER_QR_NONE,
};

struct printer_profile {
	const char *name;  /* what [printer] profile takes: "tm-t88", "58mm" ... */
	const char *model; /* for people: "Epson TM-T88V/VI" */
	int paper_mm;	   /* roll width */
	int dots;	   /* printable width in dots */
	int cols;	   /* font A columns: the receipt's width */
	int cols_b;	   /* font B columns */
	enum printer_charset charset;
	uint8_t codepage_n; /* ESC t n that selects charset on this printer */
	enum printer_qr qr;
	bool cutter;   /* GS V 66: feeds to the cutter itself, then cuts */
	int tear_feed; /* without a cutter: lines to feed so the last line clears the tear bar */
};

extern const struct printer_profile printer_profiles[];
extern const int printer_profiles_n;

/* The profile of this name, or NULL. */
const struct printer_profile *printer_profile_find(const char *name);

/* The profile for printers nothing else names: an 80 mm Epson TM-T88 class. */
const struct printer_profile *printer_profile_default(void);

#endif
