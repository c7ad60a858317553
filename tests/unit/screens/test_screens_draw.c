/* Every screen drawn offscreen in every look (both themes, normal and large text) and both
 * languages, by the real ui toolkit on an SDL software renderer: each screen has a row in the
 * screens' table, draws something to tap or read, keeps every widget inside the design space,
 * and reads differently in Spanish (its texts are translated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"
#include "app/i18n.h"
#include "app/screens/screens.h"
#include "app/ui/ui.h"

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static struct ui ui;

static int setup(void **state)
{
	(void)state;
	if (SDL_Init(0) != 0)
		return -1;
	if (i18n_init(KIOSK_LOCALE_DIR) != 0)
		fprintf(stderr, "warning: no Spanish catalog under %s\n", KIOSK_LOCALE_DIR);
	surface = SDL_CreateRGBSurfaceWithFormat(0, UI_W, UI_H, 32, SDL_PIXELFORMAT_ARGB8888);
	renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	if (!renderer)
		return -1;
	if (ui_open(&ui, renderer, KIOSK_ASSETS_DIR "/fonts") != 0)
		return -1;
	ui.check_layout = true;
	ui.min_target_px = 60; /* 15 mm at the default [ui] dpi of 102 */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ui_close(&ui);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	SDL_Quit();
	return 0;
}

/* A state with something in every part a screen might show. */
static void fill_state(struct core_state *s, enum core_screen screen, enum core_lang lang)
{
	core_init(s, NULL, 1000);
	s->screen = screen;
	s->lang = lang;
	struct core_bill bill = {.customer_number = "100200300",
				 .display_number = "100-200-300",
				 .last_name = "Rivera",
				 .balance_cents = 8417,
				 .last_bill_cents = 7903,
				 .due_date = "2026-12-15"};
	s->bill = bill;
	s->amount_cents = 8417;
	snprintf(s->brand, sizeof(s->brand), "VISA");
	snprintf(s->last4, sizeof(s->last4), "4242");
	s->outcome = CORE_OUTCOME_APPROVED;
	snprintf(s->reference, sizeof(s->reference), "K1-000042");
	/* The account screens past signing in show a signed-in resident. */
	s->signed_in = core_screen_flow(screen) == CORE_FLOW_ACCOUNT &&
		       screen != CORE_SCREEN_SIGN_IN && screen != CORE_SCREEN_REGISTER &&
		       screen != CORE_SCREEN_VERIFY_EMAIL;
	snprintf(s->resident_email, sizeof(s->resident_email), "demo@example.org");
	snprintf(s->resident_first, sizeof(s->resident_first), "Dana");
	s->account_count = 2;
	for (int i = 0; i < 2; i++) {
		s->accounts[i].bill = bill;
		snprintf(s->accounts[i].last_payment_date, 11, "2026-11-0%d", i + 1);
		s->accounts[i].last_payment_cents = 5000;
		s->accounts[i].autopay = i == 1;
		snprintf(s->accounts[i].autopay_method, 48, "Checking ending 6789");
	}
	s->history_loaded = true;
	s->bill_count = s->payment_count = 2;
	for (int i = 0; i < 2; i++) {
		snprintf(s->bills[i].date, 11, "2026-10-1%d", i);
		s->bills[i].amount_cents = 7903;
		snprintf(s->payments[i].date, 11, "2026-10-2%d", i);
		s->payments[i].amount_cents = 7903;
		snprintf(s->payments[i].reference, 16, "K1-00004%d", i);
	}
	s->svc.report_loaded = s->svc.status_loaded = true;
	s->svc.report.approved_count = 3;
	s->svc.report.approved_cents = 25000;
	s->svc.status.printer_present = s->svc.status.printer_online = true;
	s->svc.status.reader_ready = true;
	s->svc.status.portal_ok = true;
}

/* The long data residents have: a 70-character email, 26-character names with accents and
 * apostrophes, six linked accounts, $99,999.99 due. */
static void long_data(struct core_state *s)
{
	static const char email[] =
	    "maria.jose.obrien-garcia.de.la.fuente.valenzuela@springfield-utilities.org";
	s->bill.balance_cents = s->amount_cents = 9999999;
	snprintf(s->bill.last_name, sizeof(s->bill.last_name), "O'Brien-Núñez de la Peñaés");
	snprintf(s->resident_email, sizeof(s->resident_email), "%.70s", email);
	snprintf(s->resident_first, sizeof(s->resident_first), "María José Ángeles D'Arcy");
	snprintf(s->resident_last, sizeof(s->resident_last), "O'Brien-Núñez de la Peñaés");
	snprintf(s->email, sizeof(s->email), "%.70s", email);
	s->account_count = CORE_MAX_ACCOUNTS;
	for (int i = 0; i < CORE_MAX_ACCOUNTS; i++) {
		s->accounts[i] = s->accounts[i % 2];
		s->accounts[i].bill = s->bill;
		snprintf(s->accounts[i].bill.display_number,
			 sizeof(s->accounts[i].bill.display_number), "100-200-30%d", i);
		s->accounts[i].last_payment_cents = 9999999;
		s->accounts[i].autopay_max_cents = 9999999;
	}
	for (int i = 0; i < s->bill_count; i++)
		s->bills[i].amount_cents = s->payments[i].amount_cents = 9999999;
}

static void draw_one(struct core_state *s, char *log, size_t n)
{
	static const struct screen_ctx ctx = {
	    .city_name = "City of Springfield",
	    .help_text = "Ask at the front desk.",
	    .version = "0.1.0",
	    .update_slot = "a",
	    .out_of_service_message = "Please pay at the front desk.",
	    .identity_problem = "",
	};

	screens_draw(&ui, s, &ctx, 1000);
	snprintf(log, n, "%s", ui.text_log);
}

static void every_screen(bool long_run)
{
	static char en[UI_TEXT_LOG], es[UI_TEXT_LOG];
	struct core_state s;
	int bad = 0, drawn = 0;

	for (int sc = 0; sc < CORE_SCREEN_COUNT; sc++) {
		const char *name = core_screen_name((enum core_screen)sc);
		if (!screens_can_draw((enum core_screen)sc)) {
			fprintf(stderr, "FAIL: screen %d (%s) has no row in the screens' table\n",
				sc, name ? name : "?");
			bad++;
			continue;
		}
		for (int look = 0; look < THEME_COUNT * 2; look++) {
			assert_int_equal(ui_set_look(&ui, (enum theme_id)(look / 2), look % 2), 0);
			for (int lang = CORE_LANG_EN; lang <= CORE_LANG_ES; lang++) {
				int outside = 0;

				fill_state(&s, (enum core_screen)sc, (enum core_lang)lang);
				if (long_run)
					long_data(&s);
				draw_one(&s, lang == CORE_LANG_EN ? en : es, sizeof(en));
				drawn++;
				for (int i = 0; i < ui.widget_count; i++) {
					/* Below the fold of a scrolling screen is fine: the
					 * layout check holds it inside the content. */
					SDL_Rect r = ui.widgets[i].scrolls ? ui.widgets[i].hit
									   : ui.widgets[i].rect;
					if (r.x < 0 || r.y < 0 || r.x + r.w > UI_W ||
					    r.y + r.h > UI_H) {
						fprintf(stderr,
							"FAIL: %s (%s, look %d): \"%s\" at %d,%d "
							"%dx%d is off the screen\n",
							name, lang ? "es" : "en", look,
							ui.widgets[i].label, r.x, r.y, r.w, r.h);
						outside++;
					}
				}
				/* --check-layout's check: every text inside its box, no two
				 * boxes over each other, targets of 15 mm. */
				if (ui.layout_error[0]) {
					fprintf(stderr, "FAIL: %s (%s, look %d): %s\n", name,
						lang ? "es" : "en", look, ui.layout_error);
					outside++;
				}
				/* The top bar alone has three widgets; the screen adds its own. */
				if (ui.widget_count < 3 || !ui.text_log[0] || outside) {
					fprintf(stderr, "FAIL: %s (%s, look %d): %d widgets\n",
						name, lang ? "es" : "en", look, ui.widget_count);
					bad++;
				}
			}
			if (!strcmp(en, es)) {
				fprintf(stderr, "FAIL: %s reads the same in Spanish:\n%s\n", name,
					en);
				bad++;
			}
		}
	}
	printf("%d frames drawn%s\n", drawn, long_run ? " with long data" : "");
	assert_int_equal(drawn, CORE_SCREEN_COUNT * THEME_COUNT * 2 * 2);
	assert_int_equal(bad, 0);
}

static void every_screen_in_every_look_and_language(void **state)
{
	(void)state;
	every_screen(false);
}

static void every_screen_with_long_data(void **state)
{
	(void)state;
	every_screen(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_screen_in_every_look_and_language),
	    cmocka_unit_test(every_screen_with_long_data),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
