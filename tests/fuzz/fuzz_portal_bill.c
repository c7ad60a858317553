/* Fuzz target: a bill lookup answer from the portal (portal_parse_bill). */
#include <stdint.h>

#include "app/common/log.h"
#include "app/portal/portal_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct portal_bill bill;

	log_set_level(LOG_ERROR);
	portal_parse_bill((const char *)data, size, &bill);
	return 0;
}
