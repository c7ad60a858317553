/* Sealing card data for the portal: RSA-OAEP (SHA-256) with the portal's public key. */
#ifndef KIOSK_SEAL_H
#define KIOSK_SEAL_H

#include "drivers/card/card.h"

/* What leaves the kiosk for a card payment: the sealed block plus what may be shown. */
struct card_sealed {
	char brand[16];
	char last4[5];
	char sealed_b64[1024]; /* base64 of RSA-OAEP(SHA-256) over {"pan":..,"exp":"YYMM","name":..} */
	char ksn[24];          /* set instead for hardware-encrypted swipes (sealed_b64 then holds
				* the reader's block, base64) */
};

struct sealer;

/* Loads the portal's RSA public key (PEM). */
int seal_open(const char *pubkey_pem_path, struct sealer **out);
void seal_close(struct sealer *s);

/* Seals `card` into `out`; the caller wipes `card` afterwards. */
int seal_card(struct sealer *s, const struct card_data *card, struct card_sealed *out);

#endif
