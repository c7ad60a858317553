/* Fuzz target: a MagTek-style HID input report from a card reader (hidrdr_parse). */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/hidrdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct card_swipe swipe;

	hidrdr_parse(data, size, &swipe);
	return 0;
}
