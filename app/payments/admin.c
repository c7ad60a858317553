/* Staff commands on the journal: JSON listings, reprints and reconciliation, with no screen
 * and no card data (the journal never holds more than the last four digits). */
#include "app/payments/admin.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/i18n.h"
#include "app/payments/cash_tender.h"
#include "app/payments/magstripe.h"
#include "app/payments/payments.h"
#include "app/payments/reconcile.h"
#include "app/payments/sync.h"
#include "app/payments/terminal_tender.h"
#include "app/store/cash_notes.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"
#include "drivers/printer/receipt.h"
#include "drivers/sim/sim_printer.h"

/* As the kiosk's own outbox (app/worker.c). */
#define ADMIN_OUTBOX_CAPACITY 10000

struct list_ctx {
	FILE *out;
	struct cash_notes *notes; /* the credited notes, for cash payments; may be NULL */
};

/* A cash payment's notes as the portal's ledger writes them: "500x1,2000x1". */
static void notes_text(struct cash_notes *cn, const char *key, char *buf, size_t n)
{
	struct cash_note_tally t;
	size_t len = 0;

	buf[0] = '\0';
	if (!cn || cash_notes_tally(cn, key, &t) != 0)
		return;
	for (int i = 0; i < t.n && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%lldx%d", len ? "," : "",
					(long long)t.d[i].cents, t.d[i].count);
}

static int print_payment(const struct journal_payment *p, void *ctx)
{
	struct list_ctx *c = ctx;
	FILE *out = c->out;
	char notes[160];
	json_t *doc;
	char *line;

	doc = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:I}",
			"idempotency_key", p->idempotency_key, "reference", p->reference,
			"customer_number", p->customer_number, "amount_cents",
			(json_int_t)p->amount_cents, "brand", p->brand, "last4", p->last4, "state",
			journal_state_name(p->state), "created_at", (json_int_t)p->created_at,
			"updated_at", (json_int_t)p->updated_at, "tender", p->tender, "taken_cents",
			(json_int_t)p->taken_cents);
	if (doc && strcmp(p->tender, "cash") == 0) {
		notes_text(c->notes, p->idempotency_key, notes, sizeof(notes));
		json_object_set_new(doc, "notes", json_string(notes));
	}
	if (doc && p->post != JOURNAL_POST_NONE)
		json_object_set_new(doc, "post", json_string(journal_post_name(p->post)));
	if (doc && strcmp(p->tender, "terminal") == 0) {
		/* A terminal's payment: the fee line, the portal's posting, the card's entry. */
		json_object_set_new(doc, "fee_cents", json_integer((json_int_t)p->fee_cents));
		json_object_set_new(doc, "post_reference", json_string(p->post_reference));
		json_object_set_new(doc, "terminal_txn", json_string(p->card.terminal_txn));
		json_object_set_new(doc, "entry_mode", json_string(p->card.entry_mode));
	}
	/* The issuer's approval code, a terminal's or a swipe's (what the receipt prints). */
	if (doc && p->card.approval_code[0])
		json_object_set_new(doc, "approval_code", json_string(p->card.approval_code));
	line = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	if (!line)
		return KIOSK_ENOMEM;
	fprintf(out, "%s\n", line);
	free(line);
	return 0;
}

int admin_list_payments(const char *journal_path, FILE *out)
{
	struct journal *j = NULL;
	struct list_ctx c = {.out = out};
	int rc = journal_open(journal_path, &j);

	if (rc == 0 && cash_notes_open(journal_path, &c.notes) != 0)
		c.notes = NULL; /* a read-only copy, say: listed without notes */
	if (rc == 0)
		rc = journal_each_payment(j, print_payment, &c);
	cash_notes_close(c.notes);
	journal_close(j);
	return rc;
}

/* Every credited note, one JSON line each: the payment it counts in ("" none) and its value. */
static int print_note(void *ctx, const char *key, int channel, int64_t cents, bool acked)
{
	fprintf(ctx, "{\"payment\":\"%s\",\"channel\":%d,\"cents\":%lld,\"acked\":%s}\n", key,
		channel, (long long)cents, acked ? "true" : "false");
	return 0;
}

int admin_list_cash_notes(const char *journal_path, FILE *out)
{
	struct journal *j = NULL;
	struct cash_notes *cn = NULL;
	int rc = journal_open(journal_path, &j); /* makes or migrates the file first */

	if (rc == 0)
		rc = cash_notes_open(journal_path, &cn);
	if (rc == 0)
		rc = cash_notes_each(cn, print_note, out);
	cash_notes_close(cn);
	journal_close(j);
	return rc;
}

/* The kiosk's own reference for a payment in doubt: "Q-" and the key's first 8 characters. */
static int matches(const struct journal_payment *p, const char *ref)
{
	if (strcmp(p->idempotency_key, ref) == 0 || (p->reference[0] && !strcmp(p->reference, ref)))
		return 1;
	if (strncmp(ref, "Q-", 2) == 0 && strlen(ref) == 10)
		return strncasecmp(p->idempotency_key, ref + 2, 8) == 0;
	return 0;
}

struct find_ctx {
	const char *ref;
	struct journal_payment found;
	int count;
};

static int find_one(const struct journal_payment *p, void *ctx)
{
	struct find_ctx *c = ctx;

	if (matches(p, c->ref)) {
		c->found = *p;
		c->count++;
	}
	return 0;
}

int admin_find_payment(struct journal *j, const char *ref, struct journal_payment *out)
{
	struct find_ctx c = {.ref = ref};
	int rc = journal_each_payment(j, find_one, &c);

	if (rc)
		return rc;
	if (c.count != 1) {
		log_error("admin", "%s payment has the reference %s",
			  c.count ? "more than one" : "no", ref);
		return KIOSK_ENOTFOUND;
	}
	*out = c.found;
	return 0;
}

int admin_copy_receipt(const struct journal_payment *p, const char *header, const char *kiosk_id,
		       int lang, struct receipt *r)
{
	if (!journal_state_has_outcome(p->state)) {
		/* A receipt states an outcome; until there is one, printing one would guess. */
		log_error("admin", "payment %.8s is %s: no receipt until the portal has decided",
			  p->idempotency_key, journal_state_name(p->state));
		return KIOSK_EINVAL;
	}
	memset(r, 0, sizeof(*r));
	snprintf(r->header, sizeof(r->header), "%s", header);
	snprintf(r->kiosk_id, sizeof(r->kiosk_id), "%.24s (COPY)", kiosk_id);
	i18n_when(lang, (time_t)p->created_at, r->when, sizeof(r->when));
	snprintf(r->customer_display, sizeof(r->customer_display), "%s", p->customer_number);
	r->amount_cents = p->amount_cents;
	snprintf(r->brand, sizeof(r->brand), "%s", p->brand);
	snprintf(r->last4, sizeof(r->last4), "%s", p->last4);
	snprintf(r->reference, sizeof(r->reference), "%s", p->reference);
	r->outcome = p->state == JOURNAL_DECLINED ? RECEIPT_DECLINED : RECEIPT_APPROVED;
	r->fee_cents = p->fee_cents;
	snprintf(r->app_label, sizeof(r->app_label), "%s", p->card.app_label);
	snprintf(r->aid, sizeof(r->aid), "%s", p->card.aid);
	snprintf(r->entry_mode, sizeof(r->entry_mode), "%s", p->card.entry_mode);
	snprintf(r->approval_code, sizeof(r->approval_code), "%s", p->card.approval_code);
	snprintf(r->terminal_txn, sizeof(r->terminal_txn), "%s", p->card.terminal_txn);
	r->posting_later = r->outcome == RECEIPT_APPROVED &&
			   (p->post == JOURNAL_POST_PENDING || p->post == JOURNAL_POST_QUEUED);
	return 0;
}

int admin_copy_bills(struct journal *j, const char *key, struct receipt *r)
{
	struct journal_bill bills[JOURNAL_MAX_BILLS];
	int n = 0, rc = journal_bills(j, key, bills, JOURNAL_MAX_BILLS, &n);

	for (int i = 0; rc == 0 && i < n && i < RECEIPT_MAX_BILLS; i++) {
		snprintf(r->bills[i].customer_display, sizeof(r->bills[i].customer_display),
			 "%.23s", bills[i].customer_number);
		r->bills[i].amount_cents = bills[i].amount_cents;
		r->n_bills = i + 1;
	}
	return rc;
}

static const char *tr_spanish(const char *msgid)
{
	return i18n_tr(I18N_ES, msgid);
}

int admin_reprint(const char *journal_path, const char *ref, const char *receipts_dir,
		  const char *mono_font, const char *header, const char *kiosk_id, int lang,
		  FILE *out)
{
	struct journal *j = NULL;
	struct sim_printer *printer = NULL;
	struct journal_payment found;
	struct receipt r;
	char text[4096], png[512];
	int rc;

	rc = journal_open(journal_path, &j);
	if (rc == 0)
		rc = admin_find_payment(j, ref, &found);
	if (rc == 0)
		rc = admin_copy_receipt(&found, header, kiosk_id, lang, &r);
	if (rc == 0)
		rc = admin_copy_bills(j, found.idempotency_key, &r);
	if (rc)
		goto out;
	rc = receipt_layout_text(&r, lang == I18N_ES ? tr_spanish : NULL, 42, text, sizeof(text));
	if (rc == 0)
		rc = sim_printer_open(receipts_dir, mono_font, &printer);
	if (rc == 0)
		rc = sim_printer_print(printer, text, png, sizeof(png));
	if (rc)
		goto out;
	/* The journal decides whether this is news (approved) or not (already printed,
	 * confirmed, declined). */
	journal_set_state(j, found.idempotency_key, JOURNAL_RECEIPT_PRINTED, NULL);
	log_info("admin", "receipt for %s reprinted", ref);
	fprintf(out, "%s\n", png);
out:
	sim_printer_close(printer);
	journal_close(j);
	return rc;
}

/* Recovery asks; it never starts a Payment, so nothing reports asynchronously. */
static void no_report(void *ctx, const struct tender_event *ev)
{
	(void)ctx;
	(void)ev;
}

static int count_unposted(const struct journal_payment *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

int admin_reconcile(const char *journal_path, const char *outbox_path,
		    const struct portal_config *portal, const struct terminal_config *terminal,
		    int64_t grace_s, int64_t wait_s, FILE *out)
{
	struct journal *j = NULL;
	struct portal *p = NULL;
	struct outbox *ob = NULL;
	struct terminal *t = NULL;
	struct terminal_tender tt;
	struct payments *ps = NULL;
	struct payments_config pc;
	struct outbox_stats st = {0};
	struct sync sync;
	struct cash_tender *cash = NULL;
	time_t until = time(NULL) + wait_s;
	int open = 0, unposted = 0, rc;

	rc = journal_open(journal_path, &j);
	if (rc == 0)
		rc = portal_open(portal, &p);
	if (rc == 0)
		rc = outbox_open(outbox_path, ADMIN_OUTBOX_CAPACITY, &ob);
	if (rc == 0 && terminal)
		rc = terminal_open(terminal, &t);
	if (rc == 0) {
		/* Cash: the journal's notes, posted if the portal never had them. */
		struct cash_tender_config cc = {.journal_path = journal_path};

		rc = cash_tender_open(&cc, &cash);
	}
	if (rc)
		goto out;
	sync_init(&sync, ob, p, j, NULL, NULL);
	memset(&pc, 0, sizeof(pc));
	pc.journal = j;
	pc.portal = p;
	pc.sync = &sync;
	pc.grace_s = grace_s;
	if (t) {
		terminal_tender_init(&tt, t, no_report, NULL);
		pc.tenders[CORE_TENDER_CARD] =
		    (struct payments_tender){.ops = &terminal_tender, .impl = &tt};
	}
	pc.tenders[CORE_TENDER_CASH] =
	    (struct payments_tender){.ops = &cash_tender_ops, .impl = cash};
	rc = payments_open(&pc, &ps);
	while (rc == 0) {
		open = payments_recover(ps);
		sync_drain(&sync, NULL, NULL);
		unposted = 0;
		rc = journal_each_unposted(j, count_unposted, &unposted);
		if (rc == 0)
			rc = outbox_get_stats(ob, &st);
		if (rc || (open == 0 && unposted == 0 && st.pending == 0) || time(NULL) >= until)
			break;
		sleep(1);
	}
	if (rc == 0) {
		fprintf(out, "{\"still_in_doubt\":%d,\"unposted\":%d,\"outbox_pending\":%lld}\n",
			open, unposted, (long long)st.pending);
		rc = open || unposted || st.pending ? KIOSK_EBUSY : 0;
	}
	payments_close(ps);
	if (t)
		terminal_tender_close(&tt);
out:
	cash_tender_close(cash);
	terminal_close(t);
	outbox_close(ob);
	portal_close(p);
	journal_close(j);
	return rc;
}

int admin_send_outbox(const char *journal_path, const char *outbox_path,
		      const struct portal_config *portal, FILE *out)
{
	struct journal *j = NULL;
	struct outbox *ob = NULL;
	struct portal *p = NULL;
	struct sync s;
	int64_t left = -1;
	int rc = journal_open(journal_path, &j);

	if (rc == 0)
		rc = outbox_open(outbox_path, 1000000, &ob);
	if (rc == 0)
		rc = portal_open(portal, &p);
	if (rc == 0) {
		sync_init(&s, ob, p, j, NULL, NULL);
		left = sync_flush(&s);
		fprintf(out, "{\"pending\":%lld}\n", (long long)left);
		rc = left == 0 ? 0 : left > 0 ? KIOSK_EBUSY : KIOSK_ESTORE;
	}
	portal_close(p);
	outbox_close(ob);
	journal_close(j);
	return rc;
}

int admin_outbox_status(const char *outbox_path, FILE *out)
{
	struct outbox *ob = NULL;
	struct outbox_stats st;
	int rc = outbox_open(outbox_path, 1, &ob);

	if (rc == 0)
		rc = outbox_get_stats(ob, &st);
	if (rc == 0)
		fprintf(out, "{\"pending\":%lld,\"dead\":%lld}\n", (long long)st.pending,
			(long long)st.dead);
	outbox_close(ob);
	return rc;
}
