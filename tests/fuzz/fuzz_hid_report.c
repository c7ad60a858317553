/* Fuzz target: a MagTek HID input report from a card reader (hidrdr_parse: classic and
 * MagneSafe layouts), and the same bytes as a HID report descriptor (hidrdr_report_len). */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/hidrdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct card_swipe swipe;

	size_t len;

	hidrdr_parse(data, size, &swipe);
	hidrdr_report_len(data, size, &len);
	return 0;
}
