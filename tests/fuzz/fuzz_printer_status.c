/* Fuzz target: what an ESC/POS printer sends back (DLE EOT n answers, ASB packets). The first
 * byte picks which request each following byte answers; the same bytes also go through the
 * ASB/answer scanner, split in two reads. */
#include <stdint.h>

#include "drivers/printer/escpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int requests[] = {1, 2, 3, 4};
	struct printer_status st = {0};

	if (size < 1)
		return 0;
	struct escpos_rx rx = {0};
	int answer, asb = 0;

	for (size_t i = 1; i < size; i++)
		escpos_status_parse(requests[(data[0] + i) % 4], data[i], &st);
	escpos_rx_scan(&rx, data + 1, (size - 1) / 2, &answer, &st, &asb);
	escpos_rx_scan(&rx, data + 1 + (size - 1) / 2, size - 1 - (size - 1) / 2, &answer, &st,
		       &asb);
	return 0;
}
