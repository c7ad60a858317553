/* The magstripe reader as a tender (tender.h): a swipe is parsed, checked and sealed with the
 * portal's key the moment it arrives (the plaintext wiped), and the payment is one request to
 * the portal carrying the sealed card. The portal is the party that holds the record. */
#ifndef KIOSK_MAGSTRIPE_H
#define KIOSK_MAGSTRIPE_H

#include <stdbool.h>

#include "app/crypto/seal.h"
#include "app/payments/tender.h"
#include "app/portal/portal.h"
#include "drivers/card/card.h"

struct magstripe {
	struct portal *portal; /* not owned */
	struct sealer *sealer; /* not owned; NULL: swipes are refused (recovery only) */
	bool chip_terminal;    /* a chip terminal takes chip cards: their swipes are refused */
	bool reader_on;	       /* the resident is on the card step */
	bool card_held;
	struct card_sealed card;
};

extern const struct tender_ops magstripe_tender;

void magstripe_init(struct magstripe *m, struct portal *portal, struct sealer *sealer);

/* The card step begins (on) or ends (off); swipes outside it are ignored. */
void magstripe_reader(struct magstripe *m, bool on);

/* Takes a swipe: parses it, checks its expiry against now_yymm and its service code, seals it
 * and keeps only the sealed card (a hardware-encrypted swipe is passed through as the reader
 * encrypted it); the swipe is wiped whatever happens. 0 (brand and last4 filled),
 * KIOSK_ESTATE (not on the card step: ignored), KIOSK_ECARD (*service says when the service
 * code refused it), KIOSK_EEXPIRED, or a sealing error. */
int magstripe_swipe(struct magstripe *m, struct card_swipe *swipe, int now_yymm, char brand[16],
		    char last4[5], enum card_service_verdict *service);

/* The sealed card held, or NULL. */
const struct card_sealed *magstripe_card(const struct magstripe *m);

/* Wipes the card held. */
void magstripe_drop(struct magstripe *m);

#endif
