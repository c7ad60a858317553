/* Fuzz target: real-time status bytes from an ESC/POS printer (DLE EOT n answers). The first
 * byte picks which request each following byte answers. */
#include <stdint.h>

#include "drivers/printer/escpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int requests[] = {1, 2, 3, 4};
	struct printer_status st = {0};

	if (size < 1)
		return 0;
	for (size_t i = 1; i < size; i++)
		escpos_status_parse(requests[(data[0] + i) % 4], data[i], &st);
	return 0;
}
