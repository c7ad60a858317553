/* Fuzz target: a refusal from the portal (portal_parse_error). The first byte picks the HTTP
 * status from the ones the client tells apart; the rest is the body. */
#include <stdint.h>

#include "app/common/log.h"
#include "app/portal/portal_json.h"

static const long statuses[] = {200, 400, 401, 404, 405, 409, 413, 422, 500, 502, 503, 302};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long status;

	if (size < 1)
		return 0;
	log_set_level(LOG_ERROR);
	status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	portal_parse_error(status, (const char *)data + 1, size - 1, "/fuzz");
	return 0;
}
