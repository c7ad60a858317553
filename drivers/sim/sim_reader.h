/* The simulated card reader: makes the ISO 7813 tracks a real magstripe would give. */
#ifndef KIOSK_SIM_READER_H
#define KIOSK_SIM_READER_H

#include "drivers/card/card.h"

/* Builds track 1 "%B<pan>^<NAME>^<yymm><svc><disc>?" and track 2 ";<pan>=<yymm><svc><disc>?".
 * The service code is 101, except for the test cards 4000000000002016 (201: chip card),
 * 4000000000001208 (120: PIN required) and 4000000000001034 (103: ATM only).
 * name is "ANA RIVERA" or "RIVERA/ANA"; it is upper-cased and put in SURNAME/GIVEN form. */
int sim_reader_make_swipe(const char *pan, const char *yymm, const char *name,
			  struct card_swipe *out);

#endif
