/* The printer profiles. Each line names where its numbers come from; a printer not in the
 * device table gets the default, and [printer] profile overrides both. */
#include "drivers/printer/profile.h"

#include <string.h>

const struct printer_profile printer_profiles[] = {
    /* Epson TM-T88V/VI: 180 dpi, 512 dots on 80 mm (72 mm printed), font A 12x24 -> 42
     * columns, font B 56; ESC t 16 = WPC1252; GS ( k QR (Epson ESC/POS reference; TM-T88V
     * in escpos-printer-db). */
    {"tm-t88", "Epson TM-T88V/VI", 80, 512, 42, 56, PRINTER_CP1252, 16, PRINTER_QR_NATIVE, true, 0},
    /* Epson TM-T88IV: the same paper and tables; it predates GS ( k QR, so the QR is sent
     * as a raster image (escpos-printer-db TM-T88IV: no qrCode). */
    {"tm-t88iv", "Epson TM-T88IV", 80, 512, 42, 56, PRINTER_CP1252, 16, PRINTER_QR_RASTER, true, 0},
    /* Epson TM-T20/II/III and TM-m30: 203 dpi, 576 dots, font A 48 columns, font B 64;
     * ESC t 16 = WPC1252 (escpos-printer-db TM-T20II, TM-m30III). */
    {"tm-t20", "Epson TM-T20 series", 80, 576, 48, 64, PRINTER_CP1252, 16, PRINTER_QR_NATIVE, true,
     0},
    {"tm-m30", "Epson TM-m30 series", 80, 576, 48, 64, PRINTER_CP1252, 16, PRINTER_QR_NATIVE, true,
     0},
    /* Citizen CT-S651: font A 48 columns on 80 mm, ESC t 16 = CP1252, QR, cutter
     * (escpos-printer-db CT-S651). */
    {"ct-s651", "Citizen CT-S651", 80, 576, 48, 64, PRINTER_CP1252, 16, PRINTER_QR_NATIVE, true, 0},
    /* Star TSP100/TSP650 in ESC/POS emulation: ESC t 16 is CP851 (Greek) there, WPC1252 is
     * 32 (escpos-printer-db SP2000/TSP600); 48 columns; QR as a raster image. */
    {"star-escpos", "Star TSP series (ESC/POS mode)", 80, 576, 48, 64, PRINTER_CP1252, 32,
     PRINTER_QR_RASTER, true, 0},
    /* Generic 58 mm (ZJ-5870, POS-5890 and their many clones): 203 dpi, 384 dots, font A
     * 32 columns; no GS ( k and no cutter (escpos-printer-db ZJ-5870: qrCode false,
     * paperPartCut false, bitImageRaster true); ESC t 2 = PC850 on both tables. */
    {"58mm", "58 mm thermal (ZJ-5870/POS-5890 class)", 58, 384, 32, 42, PRINTER_CP850, 2,
     PRINTER_QR_RASTER, false, 4},
};
const int printer_profiles_n = (int)(sizeof(printer_profiles) / sizeof(printer_profiles[0]));

const struct printer_profile *printer_profile_find(const char *name)
{
	for (int k = 0; name && k < printer_profiles_n; k++) {
		if (strcmp(printer_profiles[k].name, name) == 0)
			return &printer_profiles[k];
	}
	return NULL;
}

const struct printer_profile *printer_profile_default(void)
{
	return &printer_profiles[0];
}
