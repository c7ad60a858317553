/* POST /api/kiosk/v1/receipts (see receipt_msg.h). */
#include "app/portal/receipt_msg.h"

#include <jansson.h>

#include "app/common/err.h"
#include "app/portal/portal_internal.h"

int portal_send_receipt(struct portal *p, const struct portal_receipt_msg *m)
{
	json_t *req, *doc = NULL;
	int rc;

	req =
	    json_pack("{s:s, s:s, s:s, s:s, s:s}", "message_id", m->message_id, "reference",
		      m->reference, "channel", m->channel == PORTAL_CHANNEL_EMAIL ? "email" : "sms",
		      "to", m->to, "lang", m->lang);
	if (!req)
		return KIOSK_EINVAL;
	/* portal_call wipes the body (it holds the address) once it is sent. */
	rc = portal_call(p, "POST", PORTAL_API "/receipts", NULL, req, &doc);
	if (rc == 0 && !json_is_string(json_object_get(doc, "status")))
		rc = KIOSK_EPROTO;
	json_decref(doc);
	return rc;
}
