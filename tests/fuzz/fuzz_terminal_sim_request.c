/* Fuzz target: terminal-sim's handling of a nexo request (poi_handle: the header checks, every
 * message's body checks, the ledger) on an in-memory ledger. A card is presented before each
 * input, and a Payment waits at most 1 ms for one, so nothing blocks. */
#include <stdint.h>
#include <stdlib.h>

#include "app/common/log.h"
#include "tools/terminal-sim/tsim.h"

static struct tsim_poi *poi;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tsim_ledger *ledger;
	struct tsim_answer a;
	const char *why;

	if (!poi) {
		struct tsim_options opt = {
		    .poi_id = "V400m-324688179", .currency = "USD", .card_timeout_ms = 1};
		log_set_level(LOG_ERROR);
		if (ledger_open(":memory:", &ledger) != 0 || poi_open(&opt, ledger, &poi) != 0)
			abort();
	}
	poi_present_card(poi, size % 2 ? "chip" : "tap", "4111111111111111", 0, &why);
	poi_handle(poi, (const char *)data, size, &a);
	free(a.body);
	poi_remove_card(poi);
	return 0;
}
