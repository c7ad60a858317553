/* A payment's receipt sent by the portal as an email or a text message
 * (POST /api/kiosk/v1/receipts, docs/portal-api.md). The kiosk keeps neither the address nor
 * the number: they go out in this one request and the request body is wiped once sent. */
#ifndef KIOSK_PORTAL_RECEIPT_MSG_H
#define KIOSK_PORTAL_RECEIPT_MSG_H

#include "app/portal/portal.h"

enum portal_channel { PORTAL_CHANNEL_EMAIL, PORTAL_CHANNEL_SMS };

struct portal_receipt_msg {
	char message_id[33]; /* 32 lowercase hex: one per "Send", reused for its retries */
	char reference[32];  /* the approved payment's reference */
	enum portal_channel channel;
	const char *to;	  /* an email address, or an E.164 number ("+13125550147") */
	const char *lang; /* "en" or "es": the language of the message */
};

/* 0 when the portal took the message; KIOSK_EINVAL when it refused the address or number,
 * KIOSK_ENOTFOUND when it knows no approved payment by that reference, else the transport's
 * error. */
int portal_send_receipt(struct portal *p, const struct portal_receipt_msg *m);

#endif
