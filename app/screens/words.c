/* Words built from data, in the resident's language: an Auto Pay method, a bill's state. The
 * screens call these so that nothing English is pieced together outside the catalog. */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void words_autopay_method(struct ui *ui, const struct core_account *a, char *out, size_t n)
{
	if (!strcmp(a->autopay_kind, "checking"))
		i18n_fill(out, n, _("Checking ending %s"), a->autopay_last4, NULL);
	else if (!strcmp(a->autopay_kind, "savings"))
		i18n_fill(out, n, _("Savings ending %s"), a->autopay_last4, NULL);
	else if (!strcmp(a->autopay_kind, "card"))
		/* TRANSLATORS: a card's brand, then its last four digits. */
		i18n_fill(out, n, _("%s ending %s"), a->autopay_brand, a->autopay_last4);
	else /* a portal that sent no parts: its own words, the best there is */
		snprintf(out, n, "%s", a->autopay_method);
}

bool words_past_due(const struct core_bill *b, const struct screen_ctx *ctx)
{
	/* ISO dates compare as strings; without today's date nothing is called past due. */
	return b->balance_cents > 0 && b->due_date[0] && ctx->today && ctx->today[0] &&
	       strcmp(b->due_date, ctx->today) < 0;
}

void words_date(struct ui *ui, const char *iso, char *out, size_t n)
{
	if (!iso || !iso[0])
		snprintf(out, n, "—");
	else
		i18n_date(ui->lang, iso, out, n);
}

const char *words_configured(struct ui *ui, const char *en, const char *es)
{
	const char *tr;

	if (!en || !en[0])
		return NULL;
	if (ui->lang != I18N_ES)
		return en;
	if (es && es[0])
		return es;
	tr = _(en);
	return tr != en ? tr : NULL;
}
