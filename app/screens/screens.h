/* The screens: each draws the core's state with the ui toolkit; taps become core events. */
#ifndef KIOSK_SCREENS_H
#define KIOSK_SCREENS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/core/core.h"
#include "app/ui/ui.h"

struct screen_ctx {
	const char *city_name;	  /* "City of Springfield" */
	const char *help_text;	  /* where else to get help, e.g. "Ask at the front desk." */
	const char *help_text_es; /* the same in Spanish; "" or NULL: the catalog's, if any */
	/* staff service mode */
	const char *version;		       /* the firmware's version */
	const char *update_slot;	       /* the A/B slot running, "" when unknown */
	const char *out_of_service_message;    /* where else to pay while out of service */
	const char *out_of_service_message_es; /* the same in Spanish, "" or NULL: none */
	const char *city_phone;		       /* how to reach the city; "" or NULL: none */
	const char *city_website;
	const char *city_hours;	      /* office hours in English */
	const char *city_hours_es;    /* in Spanish; "" or NULL: the catalog's, if any */
	const char *identity_problem; /* msgid: the kiosk's certificate is expired or revoked */
	const char
	    *today; /* the local date, "YYYY-MM-DD" (a bill past due says so); NULL: unknown */
	/* A barcode scanner is there (the simulated one, or a USB one attached): welcome and
	 * "Find your bill" say a bill's barcode may be scanned. */
	bool scanner;
};

/* Draws the whole frame for state s at time now (for countdowns). */
void screens_draw(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx,
		  int64_t now_ms);

/* The core event a tap on (or Enter at) widget w sends: the screens' own tags, and the
 * toolkit's keys, Delete, Clear and Shift as the core's typing events. */
struct core_event screens_event(const struct ui_widget *w);

/* Whether the screens' table draws this screen (a unit test asks it of every screen). */
bool screens_can_draw(enum core_screen screen);

#endif
