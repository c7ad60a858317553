/* Fuzz target: a payment or payment-status answer from the portal (portal_parse_payment). */
#include <stdint.h>

#include "app/common/log.h"
#include "app/portal/portal_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct portal_payment pay;

	log_set_level(LOG_ERROR);
	portal_parse_payment((const char *)data, size, &pay);
	return 0;
}
