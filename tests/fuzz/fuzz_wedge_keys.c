/* Fuzz target: a keyboard-wedge reader's key reports (8-byte boot reports, 40 ms apart), then
 * the silence that ends a swipe; and the same bytes as already-typed text (wedge_split). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/wedge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wedge w;
	struct card_swipe swipe;
	int64_t now = 1000;
	char *text;

	wedge_reset(&w);
	for (size_t off = 0; off < size; off += 8) {
		size_t n = size - off < 8 ? size - off : 8;
		wedge_feed(&w, data + off, n, now, &swipe);
		now += 40;
	}
	wedge_poll(&w, now + 5000, &swipe);

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	wedge_split(text, &swipe);
	free(text);
	return 0;
}
