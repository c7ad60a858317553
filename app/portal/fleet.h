/* The fleet endpoints of the portal API (docs/portal-api.md, "Fleet"): heartbeat, remote
 * configuration, log upload. Same rules as the rest of the client: blocking, one struct
 * portal per thread. */
#ifndef KIOSK_PORTAL_FLEET_H
#define KIOSK_PORTAL_FLEET_H

#include <jansson.h>

#include "app/portal/portal.h"

/* POST /heartbeat with report (consumed); on 0, *answer is the portal's reply (caller decrefs). */
int portal_heartbeat(struct portal *p, json_t *report, json_t **answer);

/* GET /config/{version}; on 0, *doc is the document as text (caller frees). */
int portal_get_config(struct portal *p, long version, char **doc);

/* POST /logs with the lines asked for (already redacted by the logger). */
int portal_upload_logs(struct portal *p, const char *lines, int count);

#endif
