/* Turns frames into speech: the frame's texts, its widgets and their states. */
#include "app/a11y/describe.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/i18n.h"

#define _(s) i18n_tr(lang, s)

void a11y_reset(struct a11y *a)
{
	memset(a, 0, sizeof(*a));
	a->focus = -1;
}

static void append(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);

	if (len < n)
		snprintf(buf + len, n - len, "%s", s);
}

void a11y_speakable(enum core_lang lang, const char *in, char *out, size_t n)
{
	size_t o = 0;

	if (!n)
		return;
	while (*in && o + 1 < n) {
		if (!strncmp(in, "\xE2\x80\xA2", 3)) { /* • */
			const char *words = _("ending in");
			while (!strncmp(in, "\xE2\x80\xA2", 3))
				in += 3;
			o += (size_t)snprintf(out + o, n - o, "%s", words);
			if (o >= n)
				o = n - 1;
			continue;
		}
		if (!strncmp(in, "\xC2\xB7", 2)) { /* · between a name and an email */
			in += 2;
			out[o++] = ',';
			continue;
		}
		/* A run of 4 or more digits (an account or reference number) is read digit by
		 * digit, the way a person reads it out. */
		size_t digits = strspn(in, "0123456789");
		if (digits >= 4 && (o == 0 || !isdigit((unsigned char)out[o - 1]))) {
			for (size_t i = 0; i < digits && o + 2 < n; i++) {
				out[o++] = in[i];
				if (i + 1 < digits)
					out[o++] = ' ';
			}
			in += digits;
			continue;
		}
		out[o++] = *in++;
	}
	out[o] = '\0';
}

void a11y_describe(const struct ui *ui, const struct ui_widget *w, char *buf, size_t n)
{
	enum core_lang lang = ui->lang;
	char value[256];

	snprintf(buf, n, "%s", w->spoken[0] ? w->spoken : w->label);
	switch (w->kind) {
	case UI_FIELD:
		append(buf, n, ", ");
		append(buf, n, _("edit text"));
		if (w->masked && w->value[0]) {
			for (const char *p = w->value; *p; p++) {
				append(buf, n, ", ");
				append(buf, n, _("star"));
			}
		} else if (w->value[0]) {
			a11y_speakable(lang, w->value, value, sizeof(value));
			append(buf, n, ", ");
			append(buf, n, value);
		} else {
			append(buf, n, ", ");
			append(buf, n, _("empty"));
		}
		return;
	case UI_CHECKBOX:
		append(buf, n, ", ");
		append(buf, n, w->active ? _("checked") : _("not checked"));
		append(buf, n, ", ");
		append(buf, n, _("check box"));
		return;
	case UI_KEY:
		if (w->active) {
			append(buf, n, ", ");
			append(buf, n, _("on"));
		}
		append(buf, n, ", ");
		append(buf, n, _("key"));
		return;
	case UI_BUTTON:
	case UI_TILE:
		if (w->value[0]) {
			a11y_speakable(lang, w->value, value, sizeof(value));
			append(buf, n, ", ");
			append(buf, n, value);
		}
		if (w->selected || w->active) {
			append(buf, n, ", ");
			append(buf, n, _("selected"));
		}
		if (!w->enabled) {
			append(buf, n, ", ");
			append(buf, n, _("unavailable"));
		}
		append(buf, n, ", ");
		append(buf, n, _("button"));
		return;
	}
}

static bool has_line(const char *text, const char *line, size_t len)
{
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		if (l == len && !memcmp(p, line, len))
			return true;
		p += l + (nl ? 1 : 0);
	}
	return false;
}

/* Says the lines of text that are not in `old` (all of them when old is NULL), joined into
 * sentences of a few hundred characters. */
static void say_lines(const struct ui *ui, const char *text, const char *old, bool countdown,
		      struct speech *sp, bool interrupt)
{
	char chunk[480], line[480];

	chunk[0] = '\0';
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		bool skip = old && has_line(old, p, l);
		/* A countdown's digits change every second: said once, with the screen. */
		if (old && countdown)
			skip = true;
		if (!skip && l > 0) {
			char raw[480];
			snprintf(raw, sizeof(raw), "%.*s",
				 (int)(l < sizeof(raw) ? l : sizeof(raw) - 1), p);
			a11y_speakable(ui->lang, raw, line, sizeof(line));
			if (chunk[0] && strlen(chunk) + strlen(line) + 3 >= sizeof(chunk)) {
				speech_say(sp, ui->lang, chunk, interrupt);
				interrupt = false;
				chunk[0] = '\0';
			}
			if (chunk[0]) {
				size_t cl = strlen(chunk);
				/* A pause between lines, without doubling a full stop. */
				append(chunk, sizeof(chunk),
				       strchr(".?!:…", chunk[cl - 1]) ? " " : ". ");
			}
			append(chunk, sizeof(chunk), line);
		}
		p += l + (nl ? 1 : 0);
	}
	if (chunk[0])
		speech_say(sp, ui->lang, chunk, interrupt);
}

static const struct ui_widget *typing_field(const struct ui *ui)
{
	for (int i = 0; i < ui->widget_count; i++)
		if (ui->widgets[i].kind == UI_FIELD && ui->widgets[i].selected)
			return &ui->widgets[i];
	return NULL;
}

void a11y_frame(struct a11y *a, const struct ui *ui, const char *screen_id, struct speech *sp)
{
	enum core_lang lang = ui->lang;
	bool countdown = !strcmp(screen_id, "timeout-warning");
	bool new_screen = strcmp(a->screen, screen_id) != 0;
	const struct ui_widget *field = typing_field(ui);
	char desc[256];

	if (new_screen) {
		snprintf(a->screen, sizeof(a->screen), "%s", screen_id);
		say_lines(ui, ui->content, NULL, countdown, sp, true);
		a->focus = -1;
		a->focus_desc[0] = '\0';
	} else if (strcmp(a->content, ui->content)) {
		say_lines(ui, ui->content, a->content, countdown, sp, false);
	}
	snprintf(a->content, sizeof(a->content), "%s", ui->content);

	/* The focus ring moved, or what it is on changed (a toggle, a selection). */
	if (ui->focus_index >= 0 && ui->focus_index < ui->widget_count) {
		a11y_describe(ui, &ui->widgets[ui->focus_index], desc, sizeof(desc));
		bool moved = ui->focus_index != a->focus;
		if (moved || strcmp(desc, a->focus_desc)) {
			/* Typing into a field changes its description: the character is said
			 * below, not the whole field again. */
			bool typing = !moved && ui->widgets[ui->focus_index].kind == UI_FIELD;
			if (!typing)
				speech_say(sp, lang, desc, moved && !new_screen);
			snprintf(a->focus_desc, sizeof(a->focus_desc), "%s", desc);
		}
	}
	a->focus = ui->focus_index;

	/* What is typed into the field being filled in. */
	if (!field) {
		a->field_label[0] = a->field_value[0] = '\0';
		return;
	}
	if (strcmp(field->label, a->field_label)) {
		/* Another field is being filled in: say which, unless the ring just did. */
		if (ui->focus_index < 0 || &ui->widgets[ui->focus_index] != field) {
			a11y_describe(ui, field, desc, sizeof(desc));
			speech_say(sp, lang, desc, false);
		}
	} else if (strcmp(field->value, a->field_value)) {
		size_t was = strlen(a->field_value), now = strlen(field->value);
		if (now > was && !strncmp(field->value, a->field_value, was)) {
			char typed[64];
			if (field->masked)
				snprintf(typed, sizeof(typed), "%s", _("star"));
			else if (!strcmp(field->value + was, " "))
				snprintf(typed, sizeof(typed), "%s", _("space"));
			else
				snprintf(typed, sizeof(typed), "%s", field->value + was);
			speech_say(sp, lang, typed, true);
		} else if (now < was) {
			speech_say(sp, lang, _("deleted"), true);
		} else {
			a11y_describe(ui, field, desc, sizeof(desc));
			speech_say(sp, lang, desc, true);
		}
	}
	snprintf(a->field_label, sizeof(a->field_label), "%s", field->label);
	snprintf(a->field_value, sizeof(a->field_value), "%s", field->value);
}
