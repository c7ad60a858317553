/* The fleet endpoints: heartbeat, remote configuration and log upload. */
#include "app/portal/fleet.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/common/err.h"
#include "app/portal/portal_internal.h"

int portal_heartbeat(struct portal *p, json_t *report, json_t **answer)
{
	int rc = portal_call(p, "POST", PORTAL_API "/heartbeat", NULL, report, answer);

	if (rc == 0 && !json_is_object(*answer)) {
		json_decref(*answer);
		*answer = NULL;
		rc = KIOSK_EPROTO;
	}
	return rc;
}

int portal_get_config(struct portal *p, long version, char **doc)
{
	char path[96];
	json_t *answer = NULL;
	int rc;

	*doc = NULL;
	snprintf(path, sizeof(path), PORTAL_API "/config/%ld", version);
	rc = portal_call(p, "GET", path, NULL, NULL, &answer);
	if (rc == 0) {
		*doc = json_dumps(answer, JSON_COMPACT | JSON_SORT_KEYS);
		rc = *doc ? 0 : KIOSK_ENOMEM;
	}
	json_decref(answer);
	return rc;
}

int portal_upload_logs(struct portal *p, const char *lines, int count)
{
	json_t *req = json_pack("{s:s, s:i}", "lines", lines, "count", count);
	json_t *answer = NULL;
	int rc;

	if (!req)
		return KIOSK_ENOMEM;
	rc = portal_call(p, "POST", PORTAL_API "/logs", NULL, req, &answer);
	json_decref(answer);
	return rc;
}
