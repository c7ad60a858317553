/* Staff service mode (PIN, home, device status, card reader test, reprint by reference, end of
 * day, restart). One file: the screens share their frame and differ only in what they list. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

#define GRID_GAP 30
#define TILE_H 190

static void action_button(struct ui *ui, SDL_Rect r, const char *label, const char *detail,
			  enum ui_style style, enum core_service_action a)
{
	ui_button_ex(ui, r, label, detail, style, true, screen_tag(CORE_EV_SERVICE_ACTION, (int)a));
}

/* Text with one %s filled in by hand: a catalog's text is never a printf format. */
static void fill(char *buf, size_t n, const char *fmt, const char *arg)
{
	const char *p = strstr(fmt, "%s");

	if (p)
		snprintf(buf, n, "%.*s%s%s", (int)(p - fmt), fmt, arg, p + 2);
	else
		snprintf(buf, n, "%s", fmt);
}

static void when_text(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

static void pin(struct ui *ui, const struct core_state *s)
{
	int ev;
	int y = chrome_title(ui, _("Staff service mode"), _("Enter the staff PIN."));

	int h = ui_field_height(ui, CONTENT_W / 2, _("Staff PIN"), NULL, FIELD_BOX_H);

	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_SERVICE_PIN);
	ui_field_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2, h}, _("Staff PIN"), s->svc.pin, "",
		    true, s->notice.is_error, true, ev);
	y += h + 20;
	y += chrome_notice(ui, s, y) + 20;
	chrome_keys(ui, s, y);
	chrome_nav(ui, true, false, _("Continue"), true);
}

/* A tile of the service home: an action of its own. */
static struct chrome_tile tile(const char *label, const char *detail, enum ui_style style,
			       enum core_service_action a)
{
	return (struct chrome_tile){label, detail, style,
				    screen_tag(CORE_EV_SERVICE_ACTION, (int)a)};
}

static void home(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	struct chrome_tile tiles[] = {
	    tile(_("Device status"), NULL, UI_SECONDARY, CORE_SVC_DEVICES),
	    tile(_("Test print"), NULL, UI_SECONDARY, CORE_SVC_TEST_PRINT),
	    tile(_("Test card reader"), NULL, UI_SECONDARY, CORE_SVC_TEST_CARD),
	    tile(_("Reprint last receipt"), NULL, UI_SECONDARY, CORE_SVC_REPRINT_LAST),
	    tile(_("Reprint by reference"), NULL, UI_SECONDARY, CORE_SVC_REPRINT_REF),
	    tile(_("End of day"), NULL, UI_SECONDARY, CORE_SVC_REPORT),
	    tile(_("Out of service"),
		 s->out_of_service ? _("Now: out of service") : _("Now: in service"),
		 s->out_of_service ? UI_SELECTED : UI_SECONDARY, CORE_SVC_OUT_OF_SERVICE),
	    tile(_("Restart"), NULL, UI_SECONDARY, CORE_SVC_RESTART),
	    {0},
	};
	size_t n = sizeof(tiles) / sizeof(tiles[0]) - 1; /* the last: cash, when taken */
	char sub[160];
	int y;

	i18n_fill(sub, sizeof(sub), _("Version %s"), ctx->version ? ctx->version : "", NULL);
	y = chrome_title(ui, _("Service mode"), sub);
	y += chrome_notice(ui, s, y);
	if (s->cfg.cash)
		tiles[n++] = tile(_("Empty cash box"), NULL, UI_SECONDARY, CORE_SVC_CASHBOX);
	for (size_t i = 0; i < n; i += 2)
		y += chrome_tile_row(ui, y, TILE_H, &tiles[i], i + 1 < n ? &tiles[i + 1] : NULL) +
		     GRID_GAP;
	chrome_content_end(ui);
	action_button(ui, (SDL_Rect){MARGIN, NAV_Y, CONTENT_W, NAV_H}, _("Exit service mode"), NULL,
		      UI_PRIMARY, CORE_SVC_EXIT);
}

static void devices(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct core_service_status *st = &s->svc.status;
	int x = MARGIN + 40, w = CONTENT_W - 80, y, py;
	char buf[96], num[32];

	y = chrome_title(ui, _("Device status"), NULL);
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 40;
	if (!s->svc.status_loaded) {
		py += ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, py, w, UI_LEFT, _("Checking…"));
	} else {
		py += chrome_row(ui, x, py, w, _("Printer"),
				 !st->printer_present  ? _("Not connected")
				 : !st->printer_online ? _("Offline")
						       : _("Online"));
		py += chrome_row(ui, x, py, w, _("Paper"),
				 st->paper_out	      ? _("Out of paper")
				 : st->paper_near_end ? _("Near end")
						      : _("OK"));
		py += chrome_row(ui, x, py, w, _("Printer cover"),
				 st->cover_open ? _("Open") : _("Closed"));
		py += chrome_row(ui, x, py, w, _("Card reader"),
				 st->reader_ready ? _("Ready") : _("Not ready"));
		if (st->terminal != CORE_TERMINAL_NONE)
			py += chrome_row(ui, x, py, w, _("Payment terminal"),
					 st->terminal == CORE_TERMINAL_OK     ? _("Ready")
					 : st->terminal == CORE_TERMINAL_BUSY ? _("Busy")
					 : st->terminal == CORE_TERMINAL_UNTRUSTED
					     ? _("Certificate not trusted")
					     : _("Not reachable"));
		if (st->cash != CORE_CASH_NONE)
			py += chrome_row(ui, x, py, w, _("Bill validator"),
					 _(core_cash_problem_staff(st->cash)));
		if (st->portal_ok) {
			snprintf(num, sizeof(num), "%d", st->portal_rtt_ms);
			fill(buf, sizeof(buf), _("Reachable, %s ms"), num);
		} else {
			snprintf(buf, sizeof(buf), "%s", _("Not reachable"));
		}
		py += chrome_row(ui, x, py, w, _("Portal"), buf);
		snprintf(num, sizeof(num), "%lld", (long long)st->outbox_pending);
		fill(buf, sizeof(buf), _("%s waiting"), num);
		py += chrome_row(ui, x, py, w, _("Outbox"), buf);
		if (st->last_sync)
			when_text(st->last_sync, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%s", _("Not since start"));
		py += chrome_row(ui, x, py, w, _("Last successful sync"), buf);
	}
	py += 40;
	py += chrome_row(ui, x, py, w, _("Version"), ctx->version ? ctx->version : "");
	chrome_row(ui, x, py, w, _("Update slot"),
		   ctx->update_slot && ctx->update_slot[0] ? ctx->update_slot : _("Not known"));
	chrome_panel_end(ui);
	chrome_content_end(ui);
	chrome_nav_right(ui, _("Refresh"), UI_SECONDARY, true,
			 screen_tag(CORE_EV_SERVICE_ACTION, (int)CORE_SVC_DEVICES));
	chrome_nav(ui, true, false, NULL, false);
}

static void card(struct ui *ui, const struct core_state *s)
{
	char buf[96];
	int y = chrome_title(ui, _("Test card reader"),
			     _("Swipe any card. Only its brand and last four digits are shown."));

	y += chrome_notice(ui, s, y) + 40;
	if (s->svc.card_read) {
		snprintf(buf, sizeof(buf), "%s •••• %s", s->svc.card_brand, s->svc.card_last4);
		y += 30 + ui_text(ui, UI_FONT_HEADING, ui->theme.success, MARGIN, y, CONTENT_W,
				  UI_CENTER, _("The card reader works."));
		ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, buf), ui->theme.text, MARGIN,
			y, CONTENT_W, UI_CENTER, buf);
	} else {
		ui_text(ui, UI_FONT_BODY, ui->theme.muted, MARGIN, y, CONTENT_W, UI_CENTER,
			_("Waiting for a swipe…"));
	}
	chrome_nav(ui, true, false, NULL, false);
}

static void reprint(struct ui *ui, const struct core_state *s)
{
	int ev;
	int y = chrome_title(ui, _("Reprint by reference"),
			     _("Type the reference number from the payment, e.g. K7H2MPQ4R."));

	int h = ui_field_height(ui, CONTENT_W, _("Reference number"), NULL, FIELD_BOX_H);

	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_REFERENCE);
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Reference number"), s->svc.ref, "",
		 true, s->notice.is_error, ev);
	y += h + 20;
	y += chrome_notice(ui, s, y) + 20;
	chrome_keys(ui, s, y);
	chrome_nav(ui, true, false, _("Reprint"), true);
}

static int count_row(struct ui *ui, int x, int y, int w, const char *label, int count,
		     int64_t cents)
{
	char buf[64], amount[32];

	money_format(cents, amount, sizeof(amount));
	snprintf(buf, sizeof(buf), "%d  ·  %s", count, amount);
	return chrome_row(ui, x, y, w, label, buf);
}

/* "$20 notes"; a note the validator could not value is counted apart. */
static void denomination_label(struct ui *ui, int64_t cents, char *buf, size_t n)
{
	char amount[32];

	if (!cents) {
		snprintf(buf, n, "%s", _("Notes of unknown value"));
		return;
	}
	if (cents % 100)
		money_format(cents, amount, sizeof(amount));
	else
		snprintf(amount, sizeof(amount), "$%lld", (long long)(cents / 100));
	fill(buf, n, _("%s notes"), amount);
}

static void report(struct ui *ui, const struct core_state *s)
{
	const struct core_day_report *r = &s->svc.report;
	int x = MARGIN + 40, w = CONTENT_W - 80, y, py, cash_rows;
	char since[32], buf[96], label[64];

	if (r->since) {
		when_text(r->since, since, sizeof(since));
		fill(buf, sizeof(buf), _("Payments since %s"), since);
	} else {
		snprintf(buf, sizeof(buf), "%s", _("All payments: no day has been closed yet."));
	}
	/* With a validator, the day's cash by denomination and its total follow. */
	cash_rows = s->cfg.cash && s->svc.report_loaded ? r->cash.n + 2 : 0;
	y = chrome_title(ui, _("End of day"), s->svc.report_loaded ? buf : NULL);
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 40;
	if (s->svc.report_loaded) {
		py += count_row(ui, x, py, w, _("Approved"), r->approved_count, r->approved_cents);
		py += count_row(ui, x, py, w, _("Declined"), r->declined_count, r->declined_cents);
		py += count_row(ui, x, py, w, _("In doubt"), r->in_doubt_count, r->in_doubt_cents);
	} else {
		py += ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, py, w, UI_LEFT, _("Checking…"));
	}
	if (cash_rows) {
		py += 20;
		py += ui_text(ui, UI_FONT_LABEL, ui->theme.text, x, py, w, UI_LEFT,
			      _("Cash by denomination")) +
		      20;
		for (int i = 0; i < r->cash.n && i < CORE_CASH_DENOMS; i++) {
			denomination_label(ui, r->cash.d[i].cents, label, sizeof(label));
			py += count_row(ui, x, py, w, label, r->cash.d[i].count,
					r->cash.d[i].cents * r->cash.d[i].count);
		}
		count_row(ui, x, py, w, _("Cash total"), r->cash.notes, r->cash.cents);
	}
	y = chrome_panel_end(ui) + 40;
	y += chrome_notice(ui, s, y);
	if (s->svc.report_loaded && r->closed_at) {
		when_text(r->closed_at, since, sizeof(since));
		fill(buf, sizeof(buf), _("Day closed at %s."), since);
		ui_text(ui, UI_FONT_BODY, ui->theme.text, MARGIN, y + 20, CONTENT_W, UI_LEFT, buf);
	} else if (s->svc.report_loaded) {
		ui_text(
		    ui, UI_FONT_SMALL, ui->theme.muted, MARGIN, y + 20, CONTENT_W, UI_LEFT,
		    _("Closing prints this report, keeps it on the kiosk and starts a new day."));
		chrome_content_end(ui);
		chrome_nav_right(ui, _("Close the day"), UI_PRIMARY, true,
				 screen_tag(CORE_EV_SERVICE_ACTION, (int)CORE_SVC_CLOSE_DAY));
	}
	chrome_nav(ui, true, false, NULL, false);
}

/* Empty cash box: what should be in the box by denomination, the validator's state, and the
 * button that records the emptying (or clears an alarm). */
static void cashbox(struct ui *ui, const struct core_state *s)
{
	const struct core_cash_count *c = &s->svc.cashbox;
	const struct core_service_status *st = &s->svc.status;
	int x = MARGIN + 40, w = CONTENT_W - 80, y, py;
	char label[64], buf[96], when[32];
	bool alarm = st->cash_alarm_at || st->cash == CORE_CASH_JAM ||
		     st->cash == CORE_CASH_FRAUD || st->cash == CORE_CASH_SWAPPED;

	if (c->since) {
		when_text(c->since, when, sizeof(when));
		fill(buf, sizeof(buf), _("Notes put in since it was last emptied, %s."), when);
	} else {
		snprintf(buf, sizeof(buf), "%s",
			 _("Notes put in since the kiosk started taking cash."));
	}
	y = chrome_title(ui, s->svc.cashbox_emptied ? _("Cash box emptied") : _("Empty cash box"),
			 s->svc.cashbox_loaded && !s->svc.cashbox_emptied ? buf : NULL);
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 40;
	if (!s->svc.cashbox_loaded) {
		ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, py, w, UI_LEFT, _("Checking…"));
	} else {
		for (int i = 0; i < c->n && i < CORE_CASH_DENOMS; i++) {
			denomination_label(ui, c->d[i].cents, label, sizeof(label));
			py += count_row(ui, x, py, w, label, c->d[i].count,
					c->d[i].cents * c->d[i].count);
		}
		if (!c->n)
			py += chrome_row(ui, x, py, w, _("Notes"), _("None"));
		py += count_row(ui, x, py, w, _("Total"), c->notes, c->cents);
		py += 20;
		chrome_row(ui, x, py, w, _("Bill validator"), _(core_cash_problem_staff(st->cash)));
	}
	y = chrome_panel_end(ui) + 20;
	y += chrome_notice(ui, s, y);
	if (s->svc.cashbox_loaded && !s->svc.cashbox_emptied)
		y += 40 + ui_text(ui, UI_FONT_SMALL, ui->theme.muted, MARGIN, y + 20, CONTENT_W,
				  UI_LEFT,
				  _("Take the box out, count the notes against this list, put the "
				    "box back, then record the emptying."));
	if (s->svc.cashbox_loaded && alarm)
		action_button(ui,
			      (SDL_Rect){MARGIN, y, CONTENT_W / 2,
					 ui_button_height(ui, CONTENT_W / 2, _("Clear cash alarm"),
							  NULL, 140)},
			      _("Clear cash alarm"), NULL, UI_SECONDARY, CORE_SVC_CASH_CLEAR);
	if (s->svc.cashbox_loaded && !s->svc.cashbox_emptied)
		chrome_nav_right(ui, _("Record the emptying"), UI_PRIMARY, true,
				 screen_tag(CORE_EV_SERVICE_ACTION, (int)CORE_SVC_CASHBOX_EMPTIED));
	chrome_nav(ui, true, false, NULL, false);
}

static void restart(struct ui *ui, const struct core_state *s)
{
	int y = chrome_title(ui, _("Restart the kiosk?"),
			     _("The kiosk app stops and starts again. It takes about a minute."));

	(void)s;
	(void)y;
	chrome_content_end(ui);
	chrome_nav_right(ui, _("Restart now"), UI_DANGER, true,
			 screen_tag(CORE_EV_SERVICE_ACTION, (int)CORE_SVC_RESTART_CONFIRM));
	chrome_nav(ui, true, false, NULL, false);
}

void screen_service(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	switch (s->screen) {
	case CORE_SCREEN_SERVICE_PIN: pin(ui, s); break;
	case CORE_SCREEN_SERVICE_HOME: home(ui, s, ctx); break;
	case CORE_SCREEN_SERVICE_DEVICES: devices(ui, s, ctx); break;
	case CORE_SCREEN_SERVICE_CARD: card(ui, s); break;
	case CORE_SCREEN_SERVICE_REPRINT: reprint(ui, s); break;
	case CORE_SCREEN_SERVICE_REPORT: report(ui, s); break;
	case CORE_SCREEN_SERVICE_RESTART: restart(ui, s); break;
	case CORE_SCREEN_SERVICE_CASHBOX: cashbox(ui, s); break;
	default: break;
	}
}
