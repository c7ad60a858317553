/* Sealing card data for the portal: RSA-OAEP (SHA-256) with the portal's public key. */
#ifndef KIOSK_SEAL_H
#define KIOSK_SEAL_H

#include "drivers/card/card.h"

/* What leaves the kiosk for a card payment: the sealed block plus what may be shown. */
struct card_sealed {
	char brand[16];
	char last4[5];
	char sealed_b64[1024]; /* base64 of RSA-OAEP(SHA-256) over {"pan":..,"exp":"YYMM","name":..}
				*/
	/* Instead, for a reader that encrypts in hardware (MagneSafe): its encrypted tracks in
	 * hex, as it sent them, and its DUKPT key serial number. */
	char ksn[21];
	char enc_track1[2 * CARD_ENC_TRACK_MAX + 1];
	char enc_track2[2 * CARD_ENC_TRACK_MAX + 1];
};

struct sealer;

/* Loads the portal's RSA public key (PEM). */
int seal_open(const char *pubkey_pem_path, struct sealer **out);
void seal_close(struct sealer *s);

/* Seals `card` into `out`; the caller wipes `card` afterwards. */
int seal_card(struct sealer *s, const struct card_data *card, struct card_sealed *out);

/* Passes a hardware-encrypted swipe through untouched: encrypted tracks (hex), KSN, and the
 * brand and last four from the reader's masked number. 0 or KIOSK_ECARD. */
int seal_encrypted(const struct card_swipe *swipe, struct card_sealed *out);

#endif
