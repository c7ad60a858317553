/* Every screen drawn offscreen in every look (both themes, normal and large text) and both
 * languages, by the real ui toolkit on an SDL software renderer: each screen has a row in the
 * screens' table, draws something to tap or read, keeps every widget inside the design space,
 * and reads differently in Spanish (its texts are translated). Then every screen, in the
 * states that change its words, drawn in Spanish with demo data: every string drawn must come
 * from the Spanish catalog (ui-assets/po/es.po), or be data by rule (see spanish_ok). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <stdlib.h>

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
	snprintf(s->bank_account, sizeof(s->bank_account), "123456789");
	snprintf(s->bank_name, sizeof(s->bank_name), "Dana Rivera");
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
	snprintf(s->resident_last, sizeof(s->resident_last), "Rivera");
	s->account_count = 2;
	for (int i = 0; i < 2; i++) {
		s->accounts[i].bill = bill;
		snprintf(s->accounts[i].last_payment_date, 11, "2026-11-0%d", i + 1);
		s->accounts[i].last_payment_cents = 5000;
		s->accounts[i].autopay = i == 1;
		snprintf(s->accounts[i].autopay_method, 48, "Checking ending 6789");
		/* As the portal sends it: the method as data too (docs/portal-api.md). */
		snprintf(s->accounts[i].autopay_kind, 12, "checking");
		snprintf(s->accounts[i].autopay_last4, 5, "6789");
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
/* What the runtime gives the screens: the default configuration's texts, as a city has them. */
static const struct screen_ctx demo_ctx = {
    .city_name = "City of Springfield",
    .help_text = "Need help? Ask at the front desk.",
    .version = "0.1.0",
    .update_slot = "a",
    .out_of_service_message =
	"You can pay online at the city's website or at the cashier's window.",
    .out_of_service_message_es = "Puede pagar en línea en el sitio web de la ciudad o en la "
				 "ventanilla de caja.",
    .city_phone = "(555) 010-0100",
    .city_website = "www.springfield.example.gov",
    .city_hours = "Monday to Friday, 8 a.m. to 5 p.m.",
    .identity_problem = "",
    .today = "2026-12-02",
};

static void draw_one(struct core_state *s, char *log, size_t n)
{
	screens_draw(&ui, s, &demo_ctx, 1000);
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

/* ---- no English on a Spanish screen ---- */

/* The Spanish catalog's texts: every msgstr (and msgstr[n]), and each line of one. */
#define CATALOG_MAX 4096
static char *catalog[CATALOG_MAX];
static int catalog_n;

static void catalog_add(const char *text)
{
	char *copy, *line, *save = NULL;

	if (!text[0] || catalog_n + 2 >= CATALOG_MAX)
		return;
	catalog[catalog_n++] = strdup(text);
	if (!strchr(text, '\n'))
		return;
	copy = strdup(text);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (catalog_n < CATALOG_MAX)
			catalog[catalog_n++] = strdup(line);
	free(copy);
}

/* The body of a PO string line ("...") unescaped, appended to out. */
static void po_append(const char *p, char *out, size_t n)
{
	size_t len = strlen(out);

	p = strchr(p, '"');
	if (!p)
		return;
	for (p++; *p && *p != '"' && len + 1 < n; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			out[len++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else {
			out[len++] = *p;
		}
	}
	out[len] = '\0';
}

static void load_catalog(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096], cur[4096] = "";
	bool in_msgstr = false;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "msgstr", 6)) {
			if (in_msgstr)
				catalog_add(cur);
			cur[0] = '\0';
			po_append(line, cur, sizeof(cur));
			in_msgstr = true;
		} else if (line[0] == '"' && in_msgstr) {
			po_append(line, cur, sizeof(cur));
		} else if (in_msgstr) {
			catalog_add(cur);
			cur[0] = '\0';
			in_msgstr = false;
		}
	}
	if (in_msgstr)
		catalog_add(cur);
	fclose(f);
}

/* Data the frame was drawn with (names the resident or the portal gave, the city's name). */
static const char *data_names[32];
static int data_n;

static bool has_letter(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z') ||
		    (unsigned char)p[i] == 0xC3)
			return true;
	return false;
}

/* One word that is data by its shape: a number or code (it has a digit), an email address
 * (an @), a web address (a dot inside), one or two characters (a key, a symbol), or a name the
 * frame was given. */
static bool data_word(const char *p, size_t len)
{
	size_t chars = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			chars++;
	if (chars <= 2 || !has_letter(p, len)) /* a key, or a symbol such as "Aa" */
		return true;
	for (size_t i = 0; i < len; i++)
		if ((p[i] >= '0' && p[i] <= '9') || p[i] == '@' ||
		    (p[i] == '.' && i > 0 && i + 1 < len && p[i + 1] != ' '))
			return true;
	for (int i = 0; i < data_n; i++)
		for (const char *d = data_names[i]; d && *d;) {
			/* Each word of a name on its own too ("Dana" of "Dana Rivera"). */
			size_t wl = strcspn(d, " ");
			if (wl == len && !strncmp(d, p, len))
				return true;
			d += wl;
			d += strspn(d, " ");
		}
	return false;
}

static bool spanish_ok_n(const char *p, size_t len, int depth);

/* Whether p matches the catalog text tpl with its %s and {name} as any acceptable text. */
static bool template_match(const char *tpl, const char *p, size_t len, int depth)
{
	const char *hole = NULL;
	size_t lit;

	for (const char *t = tpl; *t; t++)
		if ((t[0] == '%' && t[1] == 's') || (t[0] == '{' && strchr(t, '}'))) {
			hole = t;
			break;
		}
	if (!hole)
		return strlen(tpl) == len && !strncmp(tpl, p, len);
	lit = (size_t)(hole - tpl);
	if (lit > len || strncmp(tpl, p, lit))
		return false;
	const char *rest = hole[0] == '%' ? hole + 2 : strchr(hole, '}') + 1;
	for (size_t k = lit; k <= len; k++)
		if (template_match(rest, p + k, len - k, depth) &&
		    spanish_ok_n(p + lit, k - lit, depth + 1))
			return true;
	return false;
}

/* Whether drawn text p[0..len) is Spanish from the catalog, or data by rule. */
static bool spanish_ok_n(const char *p, size_t len, int depth)
{
	static const char *const seps[] = {" · ", " •••• ", " — ", ": "};
	size_t start = 0, words = 0;
	bool all_data = true;

	while (len && p[0] == ' ')
		p++, len--;
	while (len && p[len - 1] == ' ')
		len--;
	if (!has_letter(p, len))
		return true;
	if (depth > 3)
		return false;
	for (int i = 0; i < data_n; i++) /* a text given whole: the city's own Spanish */
		if (data_names[i] && strlen(data_names[i]) == len &&
		    !strncmp(data_names[i], p, len))
			return true;
	for (int i = 0; i < catalog_n; i++)
		if (strlen(catalog[i]) == len && !strncmp(catalog[i], p, len))
			return true;
	/* Data: every word of it. */
	for (size_t i = 0; i <= len; i++) {
		if (i == len || p[i] == ' ') {
			if (i > start && !data_word(p + start, i - start))
				all_data = false;
			words++;
			start = i + 1;
		}
	}
	if (all_data && words)
		return true;
	/* Data and catalog pieces joined by a separator. */
	for (size_t s = 0; s < sizeof(seps) / sizeof(seps[0]); s++)
		for (const char *q = p; (q = strstr(q, seps[s])) && q + strlen(seps[s]) <= p + len;
		     q++)
			if (spanish_ok_n(p, (size_t)(q - p), depth + 1) &&
			    spanish_ok_n(q + strlen(seps[s]),
					 len - (size_t)(q - p) - strlen(seps[s]), depth + 1))
				return true;
	/* A catalog text with its placeholders filled. */
	for (int i = 0; i < catalog_n; i++)
		if ((strstr(catalog[i], "%s") || strchr(catalog[i], '{')) &&
		    template_match(catalog[i], p, len, depth))
			return true;
	return false;
}

static bool spanish_ok(const char *text)
{
	return spanish_ok_n(text, strlen(text), 0);
}

/* The names one frame of s shows as data. */
static void data_of(const struct core_state *s)
{
	data_n = 0;
	data_names[data_n++] = demo_ctx.city_name;
	/* What the city configured in Spanish is the city's text, shown as it is. */
	data_names[data_n++] = demo_ctx.out_of_service_message_es;
	data_names[data_n++] = s->bill.last_name;
	data_names[data_n++] = s->resident_first;
	data_names[data_n++] = s->resident_last;
	data_names[data_n++] = s->brand;
	data_names[data_n++] = s->bank_name;
	data_names[data_n++] = s->svc.card_brand;
	data_names[data_n++] = i18n_other_language_name(s->lang);
	for (int i = 0; i < s->account_count && data_n < 30; i++) {
		data_names[data_n++] = s->accounts[i].bill.last_name;
		if (s->accounts[i].autopay_brand[0])
			data_names[data_n++] = s->accounts[i].autopay_brand;
	}
}

/* Draws s in Spanish and counts the strings that are neither catalog nor data. */
static int english_on(struct core_state *s, const char *what)
{
	char line[UI_TEXT_LOG];
	int bad = 0;

	s->lang = CORE_LANG_ES;
	data_of(s);
	screens_draw(&ui, s, &demo_ctx, 1000);
	if (ui.text_log_len + 64 >= UI_TEXT_LOG) {
		fprintf(stderr, "FAIL: %s: the text log is full; strings may be missed\n", what);
		return 1;
	}
	for (int i = 0; i < ui.widget_count; i++) /* a symbol's label is said in words */
		if (ui.widgets[i].spoken[0] && data_n < 32)
			data_names[data_n++] = ui.widgets[i].label;
	for (const char *p = ui.text_log; *p;) {
		size_t n = strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		if (!spanish_ok(line)) {
			fprintf(stderr, "FAIL: %s in Spanish draws \"%s\", which is not in es.po\n",
				what, line);
			bad++;
		}
		p += n + (p[n] ? 1 : 0);
	}
	return bad;
}

/* The checker must refuse English and take Spanish, data and filled templates. */
static void spanish_check_can_fail(void **state)
{
	struct core_state s;

	(void)state;
	load_catalog(KIOSK_SOURCE_DIR "/ui-assets/po/es.po");
	assert_true(catalog_n > 100);
	fill_state(&s, CORE_SCREEN_HOME, CORE_LANG_ES);
	data_of(&s);
	assert_false(spanish_ok("Checking ending 6789"));
	assert_false(spanish_ok("This kiosk is not taking payments right now."));
	assert_false(spanish_ok("For your privacy, this session will end in 1 seconds."));
	assert_false(spanish_ok("December 15, 2026"));
	assert_true(spanish_ok("Cuenta corriente terminada en 6789"));
	assert_true(spanish_ok("15 de diciembre de 2026"));
	assert_true(spanish_ok("Hola, Dana"));
	assert_true(spanish_ok("Dana Rivera · demo@example.org"));
	assert_true(spanish_ok("$84.17"));
	assert_true(spanish_ok("VISA •••• 4242"));
}

/* Each screen, and each state that changes a screen's words, in Spanish with demo data. */
static void every_spanish_screen_only_from_the_catalog(void **state)
{
	struct core_state s;
	char what[96];
	int bad = 0;

	(void)state;
	assert_int_equal(ui_set_look(&ui, THEME_DEFAULT, false), 0);
	for (int sc = 0; sc < CORE_SCREEN_COUNT; sc++) {
		const char *name = core_screen_name((enum core_screen)sc);

		fill_state(&s, (enum core_screen)sc, CORE_LANG_ES);
		bad += english_on(&s, name);
		/* The keyboards of the screen's fields. */
		for (enum core_field f = CORE_FIELD_CUSTOMER; f <= CORE_FIELD_REFERENCE; f++) {
			fill_state(&s, (enum core_screen)sc, CORE_LANG_ES);
			s.focus = f;
			snprintf(what, sizeof(what), "%s (field %d)", name, (int)f);
			bad += english_on(&s, what);
		}
	}
	/* States that bring words of their own. */
	fill_state(&s, CORE_SCREEN_HOME, CORE_LANG_ES);
	s.warning = true;
	s.warning_started_ms = 1000 - 19500; /* one second left: the singular */
	bad += english_on(&s, "timeout warning");
	for (int ask = CORE_ASK_UNLINK; ask <= CORE_ASK_PAPERLESS_OFF; ask++) {
		fill_state(&s, CORE_SCREEN_UTILITY_BILL, CORE_LANG_ES);
		s.current = 1; /* with Auto Pay: the unlink question says it ends */
		s.ask = (enum core_ask)ask;
		bad += english_on(&s, "a question");
	}
	fill_state(&s, CORE_SCREEN_VERIFY_EMAIL, CORE_LANG_ES);
	s.notice = (struct core_notice){.msgid = "That code is not right. You have %s more try.",
					.plural = "That code is not right. You have %s more tries.",
					.count = 3,
					.arg = "3",
					.is_error = true,
					.field = CORE_FIELD_CODE};
	bad += english_on(&s, "verify-email, tries left");
	fill_state(&s, CORE_SCREEN_AUTOPAY_REVIEW, CORE_LANG_ES);
	s.ap_max_cents = 5000; /* below the bill */
	bad += english_on(&s, "autopay-review, maximum below the bill");
	s.ap_by_card = true;
	s.ap_max_cents = 0;
	bad += english_on(&s, "autopay-review by card");
	fill_state(&s, CORE_SCREEN_AUTOPAY, CORE_LANG_ES);
	s.ap_refused = true;
	bad += english_on(&s, "autopay refused");
	fill_state(&s, CORE_SCREEN_BILLS_PAYMENTS, CORE_LANG_ES);
	s.current = 1;
	snprintf(s.accounts[1].autopay_kind, 12, "card");
	snprintf(s.accounts[1].autopay_brand, 16, "Visa");
	s.accounts[1].autopay_max_cents = 25000;
	bad += english_on(&s, "bills-payments, Auto Pay by card");
	fill_state(&s, CORE_SCREEN_PAPERLESS, CORE_LANG_ES);
	s.accounts[0].paperless = true;
	bad += english_on(&s, "paperless, enrolled");
	fill_state(&s, CORE_SCREEN_BILL_SUMMARY, CORE_LANG_ES);
	snprintf(s.bill.due_date, 11, "2026-11-01"); /* past due */
	bad += english_on(&s, "bill-summary, past due");
	for (int o = CORE_OUTCOME_DECLINED; o <= CORE_OUTCOME_IN_DOUBT; o++) {
		fill_state(&s, CORE_SCREEN_PAY_RESULT, CORE_LANG_ES);
		s.outcome = (enum core_outcome)o;
		bad += english_on(&s, "pay-result");
	}
	for (int b = CORE_BUSY_LOOKUP; b <= CORE_BUSY_SERVICE; b++) {
		fill_state(&s, CORE_SCREEN_GUEST_LOOKUP, CORE_LANG_ES);
		s.busy = (enum core_busy)b;
		bad += english_on(&s, "busy");
	}
	assert_int_equal(bad, 0);
}

/* The card step with a payment terminal, in every look and language: waiting for the card
 * (Cancel live, no overlay), after a decline (the words, Try again), while cancelling; and
 * the welcome screen saying what a terminal takes. Every widget on the screen, the words
 * translated. */
static void terminal_card_step(void **state)
{
	static const struct {
		bool taking, cancelling;
		const char *en, *es;
	} steps[] = {
	    {true, false, "Insert, tap or swipe your card on the terminal",
	     "Inserte, acerque o deslice su tarjeta en el terminal"},
	    {false, false, "Try again", "Intentar de nuevo"},
	    {true, true, "Cancelling the payment", "Cancelando el pago"},
	};
	struct core_state s;

	(void)state;
	for (int look = 0; look < THEME_COUNT * 2; look++) {
		assert_int_equal(ui_set_look(&ui, (enum theme_id)(look / 2), look % 2), 0);
		for (int lang = CORE_LANG_EN; lang <= CORE_LANG_ES; lang++) {
			for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
				bool cancel = false;
				fill_state(&s, CORE_SCREEN_PAY_CARD, (enum core_lang)lang);
				s.cfg.card = CORE_CARD_TERMINAL;
				s.taking = steps[i].taking;
				s.cancelling = steps[i].cancelling;
				s.busy = s.taking ? CORE_BUSY_PAYING : CORE_BUSY_NONE;
				s.notice.msgid = s.taking ? NULL
							  : "Your card was declined. No money was "
							    "taken. You can use another card now.";
				s.notice.is_error = true;
				screens_draw(&ui, &s, &demo_ctx, 1000);
				assert_non_null(
				    strstr(ui.text_log, lang ? steps[i].es : steps[i].en));
				for (int w = 0; w < ui.widget_count; w++) {
					SDL_Rect r = ui.widgets[w].rect;
					assert_true(r.x >= 0 && r.y >= 0 && r.x + r.w <= UI_W &&
						    r.y + r.h <= UI_H);
					cancel |= !strcmp(ui.widgets[w].label,
							  lang ? "Cancelar" : "Cancel");
				}
				/* Cancel stays live while the terminal waits, not while it stops.
				 */
				assert_int_equal(cancel, !steps[i].cancelling);
			}
			/* The terminal down with a bill validator ready: cash is offered too. */
			fill_state(&s, CORE_SCREEN_PAY_CARD, (enum core_lang)lang);
			s.cfg.card = CORE_CARD_TERMINAL;
			s.cfg.cash = s.cash_ready = true;
			s.notice.msgid =
			    "Card payments will be back in a minute: the card terminal is "
			    "restarting. No money was taken. Please try again shortly.";
			s.notice.is_error = true;
			screens_draw(&ui, &s, &demo_ctx, 1000);
			assert_non_null(
			    strstr(ui.text_log, lang ? "Pagar en efectivo" : "Pay with cash"));
			for (int w = 0; w < ui.widget_count; w++) {
				SDL_Rect r = ui.widgets[w].rect;
				assert_true(r.x >= 0 && r.y >= 0 && r.x + r.w <= UI_W &&
					    r.y + r.h <= UI_H);
			}
			fill_state(&s, CORE_SCREEN_WELCOME, (enum core_lang)lang);
			s.cfg.card = CORE_CARD_TERMINAL;
			screens_draw(&ui, &s, &demo_ctx, 1000);
			assert_non_null(strstr(ui.text_log, lang ? "chip, sin contacto"
								 : "chip, tap or phone wallet"));
			/* While the terminal is down, the welcome screen does not promise cards. */
			s.terminal = CORE_TERMINAL_UNREACHABLE;
			screens_draw(&ui, &s, &demo_ctx, 1000);
			assert_null(strstr(ui.text_log, lang ? "chip, sin contacto" : "chip, tap"));
			assert_non_null(strstr(ui.text_log, lang ? "no se aceptan pagos con tarjeta"
								 : "not available at this kiosk"));
			s.terminal = CORE_TERMINAL_NONE;
			s.cfg.card = CORE_CARD_READER;
			screens_draw(&ui, &s, &demo_ctx, 1000);
			assert_null(strstr(ui.text_log, lang ? "chip, sin contacto" : "chip, tap"));
		}
	}
}

/* The overlays and the states that add words to a screen, in all four looks and both
 * languages, with long data, under the layout check: the question before undoing, the
 * countdown, the busy cover, a toast, an error beside a field and on its own. */
static void every_overlay_in_every_look(void **state)
{
	struct core_state s;
	int bad = 0;

	(void)state;
	for (int look = 0; look < THEME_COUNT * 2; look++) {
		assert_int_equal(ui_set_look(&ui, (enum theme_id)(look / 2), look % 2), 0);
		for (int lang = CORE_LANG_EN; lang <= CORE_LANG_ES; lang++) {
			for (int k = 0; k < 9; k++) {
				fill_state(&s, CORE_SCREEN_UTILITY_BILL, (enum core_lang)lang);
				long_data(&s);
				s.current = 1; /* with Auto Pay: the unlink question says more */
				switch (k) {
				case 0: s.ask = CORE_ASK_UNLINK; break;
				case 1: s.ask = CORE_ASK_AUTOPAY_OFF; break;
				case 2: s.ask = CORE_ASK_PAPERLESS_OFF; break;
				case 3:
					s.warning = true;
					s.warning_started_ms = 1000 - 1000;
					break;
				case 4: s.busy = CORE_BUSY_PAYING; break;
				case 5:
					s.notice =
					    (struct core_notice){.msgid = "Failed to Link Account",
								 .title = "Failed to Link Account",
								 .is_error = true,
								 .toast = true,
								 .field = CORE_FIELD_NONE};
					break;
				case 6:
					s.screen = CORE_SCREEN_AUTOPAY;
					s.focus = CORE_FIELD_ROUTING;
					s.notice = (struct core_notice){
					    .msgid =
						"Check the routing number: the 9 digits at the "
						"bottom left of a check.",
					    .is_error = true,
					    .field = CORE_FIELD_ROUTING};
					break;
				case 7:
					s.screen = CORE_SCREEN_PAY_CARD;
					s.notice = (struct core_notice){
					    .msgid =
						"We couldn't read your card. Please swipe again.",
					    .is_error = true,
					    .field = CORE_FIELD_NONE};
					break;
				default:
					s.screen = CORE_SCREEN_SIGN_IN;
					s.focus = CORE_FIELD_EMAIL;
					s.notice = (struct core_notice){
					    .msgid = "The email or password is not right. Please "
						     "try again.",
					    .is_error = true,
					    .field = CORE_FIELD_NONE};
					break;
				}
				screens_draw(&ui, &s, &demo_ctx, 1000);
				if (ui.layout_error[0]) {
					fprintf(stderr, "FAIL: overlay %d (%s, look %d): %s\n", k,
						lang ? "es" : "en", look, ui.layout_error);
					bad++;
				}
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* The widget labelled label in the last frame, or NULL. */
static const struct ui_widget *widget_labelled(const char *label)
{
	for (int i = 0; i < ui.widget_count; i++)
		if (strcmp(ui.widgets[i].label, label) == 0)
			return &ui.widgets[i];
	return NULL;
}

/* A shared public device: a signed-in resident can leave from every screen (Home by its tile,
 * every other screen by the top bar), in both languages and every look. */
static void sign_out_on_every_signed_in_screen(void **state)
{
	struct core_state s;
	int bad = 0;

	(void)state;
	for (int look = 0; look < THEME_COUNT * 2; look++) {
		assert_int_equal(ui_set_look(&ui, (enum theme_id)(look / 2), look % 2), 0);
		for (int lang = CORE_LANG_EN; lang <= CORE_LANG_ES; lang++) {
			for (int sc = 0; sc < CORE_SCREEN_COUNT; sc++) {
				fill_state(&s, (enum core_screen)sc, (enum core_lang)lang);
				s.signed_in = true;
				screens_draw(&ui, &s, &demo_ctx, 1000);
				if (!widget_labelled(i18n_tr(lang, "Sign Out")) ||
				    ui.layout_error[0]) {
					fprintf(stderr, "FAIL: %s (%s, look %d): no Sign Out%s%s\n",
						core_screen_name((enum core_screen)sc),
						lang ? "es" : "en", look,
						ui.layout_error[0] ? ": " : "", ui.layout_error);
					bad++;
				}
			}
		}
	}
	/* While a payment is on its way the core will not sign out: no button offers it (the
	 * terminal's card step and the cash step stay live under no cover). */
	for (int tender = 0; tender < 2; tender++) {
		fill_state(&s, tender ? CORE_SCREEN_PAY_CASH : CORE_SCREEN_PAY_CARD, CORE_LANG_EN);
		s.signed_in = true;
		s.busy = CORE_BUSY_PAYING;
		s.taking = !tender;
		s.paying_cash = tender;
		s.cfg.card = CORE_CARD_TERMINAL;
		s.tender = tender ? CORE_TENDER_CASH : CORE_TENDER_CARD;
		screens_draw(&ui, &s, &demo_ctx, 1000);
		assert_true(ui.widget_count > 0); /* the step is live: Cancel, Done */
		assert_null(widget_labelled("Sign Out"));
	}
	assert_int_equal(bad, 0);
}

/* Fresh fonts and an empty text cache (it keys its textures by font number, not size). */
static void reopen_fonts(void)
{
	assert_int_equal(ui_set_look(&ui, THEME_DEFAULT, true), 0);
	assert_int_equal(ui_set_look(&ui, THEME_DEFAULT, false), 0);
}

/* Sign Out on every signed-in screen sits beside the look buttons, as wide as its label at the
 * look's size; where that does not fit (a longer translation, a larger look: here the buttons'
 * font swapped for the 80 px title font) it gets a row of its own under them: the bar grows,
 * the content starts below it, the font is not made smaller and nothing overlaps. */
static void sign_out_in_the_top_bar(void **state)
{
	const char *label = i18n_tr(I18N_ES, "Sign Out");
	const struct ui_widget *so, *lang;
	struct core_state s;
	TTF_Font *button;

	(void)state;
	reopen_fonts();
	fill_state(&s, CORE_SCREEN_UTILITY_BILL, CORE_LANG_ES);
	screens_draw(&ui, &s, &demo_ctx, 1000);
	assert_string_equal(ui.layout_error, "");
	so = widget_labelled(label);
	lang = widget_labelled(i18n_other_language_name(I18N_ES));
	assert_non_null(so);
	assert_non_null(lang);
	assert_int_equal(so->rect.y, lang->rect.y); /* one row */
	assert_true(so->rect.h >= 60 && so->rect.w >= 60);

	button = ui.fonts[UI_FONT_BUTTON];
	ui.fonts[UI_FONT_BUTTON] = ui.fonts[UI_FONT_TITLE];
	screens_draw(&ui, &s, &demo_ctx, 1000);
	ui.fonts[UI_FONT_BUTTON] = button;
	if (ui.layout_error[0])
		fprintf(stderr, "FAIL: %s\n", ui.layout_error);
	assert_string_equal(ui.layout_error, "");
	so = widget_labelled(label);
	lang = widget_labelled(i18n_other_language_name(I18N_ES));
	assert_non_null(so);
	assert_non_null(lang);
	assert_true(so->rect.y >= lang->rect.y + lang->rect.h); /* under the look buttons */
	assert_true(so->rect.h >= 60 && so->rect.w >= 60);
	/* The content scrolls below the grown bar. */
	assert_true(ui.scroll.view.y >= so->rect.y + so->rect.h);
	reopen_fonts();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_screen_in_every_look_and_language),
	    cmocka_unit_test(every_screen_with_long_data),
	    cmocka_unit_test(every_overlay_in_every_look),
	    cmocka_unit_test(terminal_card_step),
	    cmocka_unit_test(spanish_check_can_fail),
	    cmocka_unit_test(every_spanish_screen_only_from_the_catalog),
	    cmocka_unit_test(sign_out_in_the_top_bar),
	    cmocka_unit_test(sign_out_on_every_signed_in_screen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
