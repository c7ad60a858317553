/* The simulated receipt printer: each receipt saved as text and as a PNG picture. */
#ifndef KIOSK_SIM_PRINTER_H
#define KIOSK_SIM_PRINTER_H

#include <stddef.h>

#include "drivers/devices.h"

struct sim_printer;

/* out_dir: where receipt-NNNN.txt/.png go; font_path: a monospace TTF. */
int sim_printer_open(const char *out_dir, const char *font_path, struct sim_printer **out);
void sim_printer_close(struct sim_printer *p);

/* Prints text ('\n'-separated lines). Returns 0, or KIOSK_EPAPER when set out of paper.
 * png_path (may be NULL) receives the PNG's path. Thread-safe. */
int sim_printer_print(struct sim_printer *p, const char *text, char *png_path, size_t n);

/* Copies the last printed receipt's text into buf ("" if none). Thread-safe. */
void sim_printer_last_text(struct sim_printer *p, char *buf, size_t n);

/* For tests and the demo: pretend the paper ran out (1) or was refilled (0). */
void sim_printer_set_paper_out(struct sim_printer *p, int out);

/* 1 while set out of paper, else 0; thread-safe. */
int sim_printer_paper_out(struct sim_printer *p);

/* The simulated printer behind the printer interface the USB one has (impl: the
 * struct sim_printer): receipts laid out 42 columns wide. */
extern const struct printer_ops sim_printer_ops;

#endif
