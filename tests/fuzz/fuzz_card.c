/* Fuzz target: ISO 7813 swipes as a reader hands them over (card_parse, then the checks).
 * The input is track 1, a newline, then track 2; either may fill its array with no NUL. */
#include <stdint.h>
#include <string.h>

#include "drivers/card/card.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct card_swipe swipe;
	struct card_data card;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t len1 = nl ? (size_t)(nl - data) : size;
	size_t len2 = nl ? size - len1 - 1 : 0;

	memset(&swipe, 0, sizeof(swipe));
	memcpy(swipe.track1, data, len1 < sizeof(swipe.track1) ? len1 : sizeof(swipe.track1));
	if (nl)
		memcpy(swipe.track2, nl + 1,
		       len2 < sizeof(swipe.track2) ? len2 : sizeof(swipe.track2));
	if (card_parse(&swipe, &card) == 0) {
		card_check(&card, 2611);
		card_luhn_ok(card.pan);
		card_wipe(&card);
	}
	/* The brand and Luhn checks also take digit strings of any length. */
	swipe.track1[sizeof(swipe.track1) - 1] = '\0';
	card_brand(swipe.track1);
	card_luhn_ok(swipe.track1);
	return 0;
}
