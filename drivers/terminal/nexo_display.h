/* nexo display notifications: what the payment terminal shows while a Payment runs, sent to
 * the sale system as the vendor's Terminal API does it (Adyen, "Display notifications"): the
 * terminal POSTs a SaleToPOIRequest whose MessageHeader is {MessageClass "Device",
 * MessageCategory "Display", MessageType "Request", SaleID, the Payment's ServiceID, POIID,
 * DeviceID} and whose DisplayRequest.DisplayOutput[] carries, per display, either a
 * predefined message (OutputFormat "MessageRef", PredefinedContent.ReferenceID
 * "TransactionID=...&TimeStamp=...&event=WAIT_FOR_PIN", form-encoded) or the terminal's own
 * words (OutputFormat "Text", OutputText[].Text). The sale system answers HTTP 200 with no
 * body; nothing is retried. */
#ifndef KIOSK_NEXO_DISPLAY_H
#define KIOSK_NEXO_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/terminal/nexo.h"

/* The vendor's display events (the `event` of a ReferenceID), in its order. */
enum nexo_display_event {
	NEXO_DISPLAY_NONE, /* a text, or an event this codec does not know */
	NEXO_DISPLAY_TENDER_CREATED,
	NEXO_DISPLAY_CARD_INSERTED,
	NEXO_DISPLAY_CARD_PRESENTED,
	NEXO_DISPLAY_CARD_SWIPED,
	NEXO_DISPLAY_WAIT_FOR_APP_SELECTION,
	NEXO_DISPLAY_APPLICATION_SELECTED,
	NEXO_DISPLAY_ASK_SIGNATURE,
	NEXO_DISPLAY_CHECK_SIGNATURE,
	NEXO_DISPLAY_SIGNATURE_CHECKED,
	NEXO_DISPLAY_WAIT_FOR_PIN,
	NEXO_DISPLAY_PIN_ENTERED,
	NEXO_DISPLAY_PRINT_RECEIPT,
	NEXO_DISPLAY_RECEIPT_PRINTED,
	NEXO_DISPLAY_CARD_REMOVED,
	NEXO_DISPLAY_TENDER_FINAL,
	NEXO_DISPLAY_ASK_DCC,
	NEXO_DISPLAY_DCC_ACCEPTED,
	NEXO_DISPLAY_DCC_REJECTED,
	NEXO_DISPLAY_ASK_GRATUITY,
	NEXO_DISPLAY_GRATUITY_ENTERED,
	NEXO_DISPLAY_BALANCE_QUERY_STARTED,
	NEXO_DISPLAY_BALANCE_QUERY_COMPLETED,
	NEXO_DISPLAY_LOAD_STARTED,
	NEXO_DISPLAY_LOAD_COMPLETED,
	NEXO_DISPLAY_PROVIDE_CARD_DETAILS,
	NEXO_DISPLAY_CARD_DETAILS_PROVIDED,
	NEXO_DISPLAY_EVENT_COUNT
};

/* "WAIT_FOR_PIN", ...; "" for NONE. */
const char *nexo_display_event_name(enum nexo_display_event e);
/* NONE for a name that is not one of the vendor's. */
enum nexo_display_event nexo_display_event_parse(const char *name);

#define NEXO_DISPLAY_TEXT_MAX 128

/* One display notification, as the sale system needs it. */
struct nexo_display {
	char sale_id[65];
	char service_id[11]; /* the Payment's */
	char poi_id[65];
	char device_id[33];
	bool customer; /* Device "CustomerDisplay" (else "CashierDisplay") */
	/* A predefined message: its event (NONE when unknown, event_name then says which) and
	 * the TransactionID it names; "" for a text. */
	enum nexo_display_event event;
	char event_name[40];
	char transaction_id[64];
	/* The terminal's own words (OutputText lines joined by a space), or "". */
	char text[NEXO_DISPLAY_TEXT_MAX];
};

/* Parses a display notification strictly: one SaleToPOIRequest of exactly MessageHeader and
 * DisplayRequest, header ProtocolVersion "3.0", MessageClass "Device", MessageCategory
 * "Display", MessageType "Request", valid SaleID, ServiceID, POIID and a DeviceID; at least
 * one DisplayOutput, each with Device CashierDisplay or CustomerDisplay, an InfoQualify,
 * OutputContent whose OutputFormat is MessageRef (PredefinedContent.ReferenceID required) or
 * Text (OutputText[] of Text required); ResponseRequiredFlag a boolean and
 * MinimumDisplayTime a whole number when present. The first output says what is shown.
 * 0, or KIOSK_EPROTO (KIOSK_ENOMEM). */
int nexo_parse_display(const char *body, size_t len, struct nexo_display *out);

/* Builds a display notification (the terminal's side, for terminal-sim and the tests):
 * ids->service_id is the Payment's; an event (with transaction_id and the time) as a
 * MessageRef for the CashierDisplay, else `text` as a Text for the CustomerDisplay. */
int nexo_build_display(const struct nexo_ids *ids, const char *device_id,
		       enum nexo_display_event event, const char *transaction_id, int64_t epoch_ms,
		       const char *text, char **out);

#endif
