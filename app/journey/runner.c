/* The journey runner: parses a script line by line and plays it against the running app.
 * Waiting commands poll the last drawn frame until they hold or 5 s pass; a failure prints
 * the line, why, and what the screen showed. */
#include "app/journey/runner.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "app/common/err.h"
#include "app/journey/runner_parse.h"
#include "app/journey/runner_terminal.h"

#define WAIT_LIMIT_MS 5000
#define POLL_MS 40

struct runner {
	struct runner_host host;
	char shots_dir[512];
	char **lines;
	int line_count;
	int cur;	    /* index of the line being run */
	int64_t started_ms; /* when the current line began, -1 when not yet */
	bool need_frame;    /* the last line pushed events: wait for them to be drawn */
	bool holding;	    /* hold-at: pressed, not yet released */
	int drag_step;	    /* drag: 0 before the press, then each move, drawn in between */
	/* double-tap: the first tap is done; the second waits for something new under it */
	bool second_tap;
	bool translate; /* translate-labels: labels and texts are English msgids */
	int tap_x, tap_y;
	char tap_label[256];
	char tap_screen[32];
	struct {
		char name[32];
		int64_t start_ms;
	} timers[8]; /* timer-start / timer-report, for benchmarks */
	char why[6144];
};

int runner_parse_line(const char *line, struct runner_cmd *c, char *err, size_t errlen)
{
	const char *p = line;
	int n = 0;

	memset(c, 0, sizeof(*c));
	while (isspace((unsigned char)*p))
		p++;
	while (*p && !isspace((unsigned char)*p) && n + 1 < (int)sizeof(c->name))
		c->name[n++] = *p++;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (c->argc == RUNNER_MAX_ARGS) {
			snprintf(err, errlen, "too many arguments");
			return KIOSK_EINVAL;
		}
		char *out = c->args[c->argc++];
		size_t o = 0;
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					p++;
				if (o + 1 < sizeof(c->args[0]))
					out[o++] = *p;
				p++;
			}
			if (*p != '"') {
				snprintf(err, errlen, "unterminated quote");
				return KIOSK_EINVAL;
			}
			p++;
		} else {
			while (*p && !isspace((unsigned char)*p)) {
				if (o + 1 < sizeof(c->args[0]))
					out[o++] = *p;
				p++;
			}
		}
		out[o] = '\0';
	}
	return 0;
}

static char *trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int runner_open(const char *script_path, const char *shots_dir, const struct runner_host *host,
		struct runner **out)
{
	FILE *f = fopen(script_path, "r");
	struct runner *r;
	char buf[1024];
	int rc = 0;

	if (!f) {
		fprintf(stderr, "journey: cannot open %s: %s\n", script_path, strerror(errno));
		return KIOSK_EIO;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		fclose(f);
		return KIOSK_ENOMEM;
	}
	r->host = *host;
	r->started_ms = -1;
	snprintf(r->shots_dir, sizeof(r->shots_dir), "%s", shots_dir ? shots_dir : ".");
	while (fgets(buf, sizeof(buf), f)) {
		char **grown = realloc(r->lines, sizeof(char *) * (size_t)(r->line_count + 1));
		if (!grown) {
			rc = KIOSK_ENOMEM;
			break;
		}
		r->lines = grown;
		buf[strcspn(buf, "\r\n")] = '\0';
		r->lines[r->line_count] = strdup(buf);
		if (!r->lines[r->line_count]) {
			rc = KIOSK_ENOMEM;
			break;
		}
		r->line_count++;
	}
	fclose(f);
	if (rc) {
		runner_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

void runner_close(struct runner *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->line_count; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r);
}

/* Case-insensitive substring, folding ASCII and the Latin-1 letters of Spanish. */
static void fold(const char *in, char *out, size_t n)
{
	mbstate_t st;
	size_t o = 0;

	memset(&st, 0, sizeof(st));
	while (*in && o + MB_CUR_MAX + 1 < n) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, in, strlen(in), &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			out[o++] = (char)tolower((unsigned char)*in++);
			memset(&st, 0, sizeof(st));
			continue;
		}
		in += len;
		char mb[8];
		mbstate_t st2;
		memset(&st2, 0, sizeof(st2));
		size_t ml = wcrtomb(mb, (wchar_t)towlower((wint_t)wc), &st2);
		if (ml == (size_t)-1)
			continue;
		memcpy(out + o, mb, ml);
		o += ml;
	}
	out[o] = '\0';
}

static bool contains_ci(const char *hay, const char *needle)
{
	static char h[8192], nd[1024];

	fold(hay, h, sizeof(h));
	fold(needle, nd, sizeof(nd));
	return strstr(h, nd) != NULL;
}

static bool equals_ci(const char *a, const char *b)
{
	static char x[512], y[512];

	fold(a, x, sizeof(x));
	fold(b, y, sizeof(y));
	return strcmp(x, y) == 0;
}

static bool tappable(const struct ui_widget *w)
{
	return w->enabled && w->kind != UI_KEY;
}

/* Finds the widget for LABEL: exact (case-insensitive) first, else the only one containing it.
 * Returns the index, -1 when none, -2 when ambiguous (why is filled). */
/* msgid as the screen's language shows it (translate-labels). */
static const char *tr(const struct runner *r, const char *msgid)
{
	return r->host.tr ? r->host.tr(r->host.ctx, msgid) : msgid;
}

static int find_widget(struct runner *r, const struct ui *ui, const char *label)
{
	int exact = -1, partial = -1, exact_n = 0, partial_n = 0, other = -1;

	/* One script for both languages (the layout tour): LABEL as the screen shows it. */
	if (r->translate)
		label = tr(r, label);

	for (int i = 0; i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (!w->enabled)
			continue;
		if (equals_ci(w->label, label)) {
			if (exact_n++ == 0)
				exact = i;
			else
				other = i;
		}
	}
	if (exact_n == 1)
		return exact;
	if (exact_n > 1) {
		snprintf(r->why, sizeof(r->why),
			 "two widgets are labelled \"%s\": \"%s\" and \"%s\"", label,
			 ui->widgets[exact].label, ui->widgets[other].label);
		return -2;
	}
	for (int i = 0; i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (!tappable(w) || !contains_ci(w->label, label))
			continue;
		if (partial_n++ == 0)
			partial = i;
		else
			other = i;
	}
	if (partial_n == 1)
		return partial;
	if (partial_n > 1) {
		snprintf(r->why, sizeof(r->why), "\"%s\" matches two widgets: \"%s\" and \"%s\"",
			 label, ui->widgets[partial].label, ui->widgets[other].label);
		return -2;
	}
	return -1;
}

/* Whether widget i is wholly in view; if not, the screen is scrolled to it and the line waits
 * for the frame that shows it. */
static bool in_view(struct runner *r, const struct ui *ui, int i)
{
	const struct ui_widget *w = &ui->widgets[i];

	if (SDL_RectEquals(&w->hit, &w->rect) || !r->host.reveal)
		return true;
	r->host.reveal(r->host.ctx, i);
	r->need_frame = true;
	return false;
}

/* Whether the whole on-screen keyboard or keypad is in view (else as in_view). */
static bool keys_in_view(struct runner *r, const struct ui *ui)
{
	int first = -1, last = -1;

	for (int i = 0; i < ui->widget_count; i++) {
		if (ui->widgets[i].kind != UI_KEY)
			continue;
		if (first < 0)
			first = i;
		last = i;
	}
	if (first < 0)
		return true;
	/* Both ends, so the top row is not scrolled away to show the bottom one. */
	bool a = in_view(r, ui, first), b = in_view(r, ui, last);
	return a && b;
}

static void tap_widget(struct runner *r, const struct ui_widget *w)
{
	r->host.tap(r->host.ctx, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2);
}

/* The on-screen key that types ch (one UTF-8 character), or -1. */
static int find_key(const struct ui *ui, const char *ch)
{
	for (int i = 0; i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (w->kind == UI_KEY && w->tag == UI_TAG_KEY && equals_ci(w->key, ch))
			return i;
	}
	return -1;
}

/* The key whose text is exactly ch (case counts), or -1. */
static int find_key_exact(const struct ui *ui, const char *ch)
{
	for (int i = 0; i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (w->kind == UI_KEY && w->tag == UI_TAG_KEY && !strcmp(w->key, ch))
			return i;
	}
	return -1;
}

/* The email keyboard's Shift key, or -1. */
static int find_shift(const struct ui *ui)
{
	for (int i = 0; i < ui->widget_count; i++)
		if (ui->widgets[i].kind == UI_KEY && ui->widgets[i].tag == UI_TAG_SHIFT)
			return i;
	return -1;
}

/* On a keyboard with Shift, a letter is typed with its lower-case key, pressing Shift first
 * when the case wanted differs from the Shift state (which lets go after each letter). */
static int type_letter(struct runner *r, const struct ui *ui, char c, int shift, bool *shifted)
{
	char base[2] = {(char)tolower((unsigned char)c), '\0'};
	int k = find_key_exact(ui, base);
	bool upper = isupper((unsigned char)c) != 0;

	if (k < 0) {
		snprintf(r->why, sizeof(r->why), "no key types '%c' on the keyboard now shown", c);
		return KIOSK_EINVAL;
	}
	if (upper != *shifted)
		tap_widget(r, &ui->widgets[shift]);
	tap_widget(r, &ui->widgets[k]);
	*shifted = false;
	return 0;
}

static int do_type(struct runner *r, const struct ui *ui, const char *text)
{
	const char *p = text;
	int shift = find_shift(ui);
	bool shifted = shift >= 0 && ui->widgets[shift].active;

	while (*p) {
		char ch[8];
		size_t len = 1;
		unsigned char c = (unsigned char)*p;
		if (c >= 0xF0)
			len = 4;
		else if (c >= 0xE0)
			len = 3;
		else if (c >= 0xC0)
			len = 2;
		if (strlen(p) < len)
			len = strlen(p);
		memcpy(ch, p, len);
		ch[len] = '\0';
		if (shift >= 0 && len == 1 && isalpha((unsigned char)*p)) {
			if (type_letter(r, ui, *p, shift, &shifted))
				return KIOSK_EINVAL;
			p++;
			continue;
		}
		int k = find_key_exact(ui, ch);
		if (k < 0)
			k = find_key(ui, ch);
		if (k < 0) {
			snprintf(r->why, sizeof(r->why),
				 "no key types '%s' on the on-screen keyboard or keypad now shown",
				 ch);
			return KIOSK_EINVAL;
		}
		tap_widget(r, &ui->widgets[k]);
		p += len;
	}
	return 0;
}

static void report(struct runner *r)
{
	const struct ui *ui = r->host.ui(r->host.ctx);

	fprintf(stderr, "journey: line %d: %s\n", r->cur + 1, trim(r->lines[r->cur]));
	fprintf(stderr, "journey:   failed: %s\n", r->why);
	fprintf(stderr, "journey:   screen: %s\n", r->host.screen_id(r->host.ctx));
	fprintf(stderr, "journey:   it showed:\n");
	for (const char *p = ui->text_log; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(stderr, "journey:     | %.*s\n", len, p);
		p += len + (nl ? 1 : 0);
	}
	fprintf(stderr, "journey:   tappable:");
	for (int i = 0; i < ui->widget_count; i++)
		if (tappable(&ui->widgets[i]))
			fprintf(stderr, " \"%s\"", ui->widgets[i].label);
	fprintf(stderr, "\n");
}

enum outcome { DONE, WAIT, FAIL };

/* ---- portal-sim's mailbox and text messages (test-only: KIOSK_TEST_MBOX and KIOSK_TEST_SMS
 * name them) ---- */

#define MBOX_MAX (1024 * 1024)

/* Reads the whole mbox the variable `env` names into a malloc'd string, or NULL (why is
 * filled). */
static char *read_mbox(struct runner *r, const char *env)
{
	const char *path = getenv(env);
	FILE *f;
	char *buf;
	size_t n;

	if (!path || !*path) {
		snprintf(r->why, sizeof(r->why), "%s is not set (scripts/run-journey sets it)",
			 env);
		return NULL;
	}
	buf = calloc(1, MBOX_MAX + 1);
	f = fopen(path, "r");
	if (!buf || !f) {
		snprintf(r->why, sizeof(r->why), "no message in %s yet", path);
		free(buf);
		if (f)
			fclose(f);
		return NULL;
	}
	n = fread(buf, 1, MBOX_MAX, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Calls each message (headers and body) addressed to `to`, oldest first, until fn returns
 * true; returns whether one did. Messages start with "From " at the start of a line. */
static bool each_mail_to(char *mbox, const char *to, bool (*fn)(const char *msg, void *ctx),
			 void *ctx)
{
	char want[300];
	bool hit = false;
	char *msg = mbox;

	snprintf(want, sizeof(want), "\nTo: %s\n", to);
	while (msg && *msg) {
		char *next = strstr(msg + 1, "\nFrom ");
		if (next)
			*next = '\0';
		char *hdr_end = strstr(msg, "\n\n");
		if (hdr_end) {
			char save = hdr_end[1];
			hdr_end[1] = '\0';
			bool mine = contains_ci(msg, want);
			hdr_end[1] = save;
			if (mine && fn(msg, ctx))
				hit = true;
		}
		if (!next)
			break;
		*next = '\n';
		msg = next + 1;
	}
	return hit;
}

static bool mail_contains(const char *msg, void *ctx)
{
	return contains_ci(msg, (const char *)ctx);
}

/* Keeps the first run of exactly six digits after "code" in each message: the newest wins. */
static bool mail_code(const char *msg, void *ctx)
{
	char *code = ctx;
	const char *p = strstr(msg, "code");

	for (; p && *p; p++) {
		size_t n = strspn(p, "0123456789");
		if (n == 6) {
			memcpy(code, p, 6);
			code[6] = '\0';
			return true;
		}
		if (n)
			p += n - 1;
	}
	return false;
}

static enum outcome want_args(struct runner *r, const struct runner_cmd *c, int n)
{
	if (c->argc != n) {
		snprintf(r->why, sizeof(r->why), "%s takes %d argument%s, got %d", c->name, n,
			 n == 1 ? "" : "s", c->argc);
		return FAIL;
	}
	return DONE;
}

static bool timed_out(struct runner *r, int64_t now)
{
	return now - r->started_ms >= WAIT_LIMIT_MS;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

/* report-resources: the kiosk's resident memory and open descriptors, for the soak test. */
static void report_resources(void)
{
	char line[256];
	long rss_kb = -1, fds = 0;
	FILE *f = fopen("/proc/self/status", "r");
	DIR *d;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &rss_kb) == 1)
			break;
	if (f)
		fclose(f);
	d = opendir("/proc/self/fd");
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.')
			fds++;
	if (d)
		closedir(d);
	printf("bench: rss_kb %ld\nbench: open_fds %ld\n", rss_kb, fds - 1 /* the dir */);
	fflush(stdout);
}

/* timer-start NAME / timer-report NAME: prints "bench: NAME_ms N" on stdout. The time runs
 * until the line is reached, i.e. after the frame that made the previous line hold. */
static enum outcome run_timer(struct runner *r, const struct runner_cmd *c, int64_t now)
{
	size_t n = sizeof(r->timers) / sizeof(r->timers[0]);

	if (want_args(r, c, 1) == FAIL || !valid_name(c->args[0]) ||
	    strlen(c->args[0]) >= sizeof(r->timers[0].name)) {
		snprintf(r->why, sizeof(r->why), "%s needs one short NAME", c->name);
		return FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r->timers[i].name, c->args[0]))
			continue;
		if (!strcmp(c->name, "timer-start")) {
			r->timers[i].start_ms = now;
		} else {
			printf("bench: %s_ms %lld\n", c->args[0],
			       (long long)(now - r->timers[i].start_ms));
			fflush(stdout);
		}
		return DONE;
	}
	if (!strcmp(c->name, "timer-report")) {
		snprintf(r->why, sizeof(r->why), "timer '%s' was never started", c->args[0]);
		return FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		if (!r->timers[i].name[0]) {
			/* Length checked above; the precision says so to gcc's Debug warnings. */
			snprintf(r->timers[i].name, sizeof(r->timers[i].name), "%.*s",
				 (int)sizeof(r->timers[i].name) - 1, c->args[0]);
			r->timers[i].start_ms = now;
			return DONE;
		}
	}
	snprintf(r->why, sizeof(r->why), "at most %zu timers", n);
	return FAIL;
}

/* Every widget in the frame is at least 15 mm both ways (ADA 707.7 asks for large targets;
 * checked on every screen a journey expects). */
static bool targets_ok(struct runner *r, const struct ui *ui)
{
	int min = r->host.min_target_px;

	for (int i = 0; min > 0 && i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (w->rect.w < min || w->rect.h < min) {
			snprintf(r->why, sizeof(r->why),
				 "\"%s\" is %dx%d px, under the %d px (15 mm) a touch target needs",
				 w->label, w->rect.w, w->rect.h, min);
			return false;
		}
	}
	return true;
}

static enum outcome run_a11y(struct runner *r, const struct runner_cmd *c, int64_t now)
{
	const struct ui *ui = r->host.ui(r->host.ctx);

	if (!strcmp(c->name, "key")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (r->host.key(r->host.ctx, c->args[0])) {
			snprintf(r->why, sizeof(r->why),
				 "no keypad key named '%s' (0-9, enter, clear, cancel, up, down, "
				 "left, right, tab, help, repeat, stop, volume_up, volume_down, "
				 "rate_up, rate_down, blank)",
				 c->args[0]);
			return FAIL;
		}
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "expect-speech")) {
		static char heard[8192];
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		r->host.heard(r->host.ctx, heard, sizeof(heard));
		if (contains_ci(heard, c->args[0]))
			return DONE;
		if (!timed_out(r, now))
			return WAIT;
		size_t len = strlen(heard);
		/* The newest part: what was said last is what the line expected. */
		snprintf(r->why, sizeof(r->why),
			 "speech did not say \"%s\" within 5 s; it said:\n%.5000s", c->args[0],
			 len ? heard + (len > 5000 ? len - 5000 : 0) : "(nothing: is speech on?)");
		return FAIL;
	}
	/* expect-focus "LABEL": the keypad focus ring is on the widget labelled LABEL. */
	if (want_args(r, c, 1) == FAIL)
		return FAIL;
	int f = ui->focus_index;
	if (f >= 0 && f < ui->widget_count && equals_ci(ui->widgets[f].label, c->args[0]))
		return DONE;
	if (!timed_out(r, now))
		return WAIT;
	snprintf(r->why, sizeof(r->why), "the focus is on \"%s\", not \"%s\"",
		 f >= 0 && f < ui->widget_count ? ui->widgets[f].label : "nothing", c->args[0]);
	return FAIL;
}

/* A resident cannot tap what appeared a moment ago on purpose: the app ignores such a tap
 * (a ghost tap), so a script's taps wait until what they land on has settled. */
static bool too_soon(const struct runner *r, int64_t now)
{
	return r->host.taps_from_ms && now < r->host.taps_from_ms(r->host.ctx);
}

/* The label of the tappable widget at x, y in this frame, "" for none. */
static const char *label_at(const struct ui *ui, int x, int y)
{
	for (int i = ui->widget_count - 1; i >= 0; i--) {
		const struct ui_widget *w = &ui->widgets[i];
		if (tappable(w) && x >= w->rect.x && x < w->rect.x + w->rect.w && y >= w->rect.y &&
		    y < w->rect.y + w->rect.h)
			return w->label;
	}
	return "";
}

/* double-tap LABEL: taps LABEL, then taps the same spot again as soon as something new is
 * there (another screen, or another button in its place), as the second tap of a
 * quick double tap lands on whatever has just appeared under the finger. */
static enum outcome run_double_tap(struct runner *r, const struct ui *ui,
				   const struct runner_cmd *c, int64_t now)
{
	if (!r->second_tap) {
		int i = find_widget(r, ui, c->args[0]);
		if (i == -2)
			return FAIL;
		if (i < 0 || too_soon(r, now)) {
			if (!timed_out(r, now))
				return WAIT;
			snprintf(r->why, sizeof(r->why), "nothing tappable labelled \"%s\"",
				 c->args[0]);
			return FAIL;
		}
		if (!in_view(r, ui, i))
			return WAIT;
		const struct ui_widget *w = &ui->widgets[i];
		r->tap_x = w->rect.x + w->rect.w / 2;
		r->tap_y = w->rect.y + w->rect.h / 2;
		snprintf(r->tap_label, sizeof(r->tap_label), "%s", w->label);
		snprintf(r->tap_screen, sizeof(r->tap_screen), "%s",
			 r->host.screen_id(r->host.ctx));
		r->host.tap(r->host.ctx, r->tap_x, r->tap_y);
		r->second_tap = true;
		return WAIT;
	}
	/* While the app works (an overlay), the spot may hold nothing: not yet new. */
	const char *now_there = label_at(ui, r->tap_x, r->tap_y);
	if (!strcmp(r->host.screen_id(r->host.ctx), r->tap_screen) &&
	    (!*now_there || !strcmp(now_there, r->tap_label))) {
		if (!timed_out(r, now))
			return WAIT;
		r->second_tap = false;
		snprintf(r->why, sizeof(r->why), "nothing new appeared where \"%s\" was within 5 s",
			 r->tap_label);
		return FAIL;
	}
	r->second_tap = false;
	r->host.tap(r->host.ctx, r->tap_x, r->tap_y);
	r->need_frame = true;
	return DONE;
}

/* The simulated bill validator's commands (`#@ cash: on`, docs/journeys.md). insert-note waits
 * (up to the usual 5 s) for the validator to open its bezel, as a resident would. */
static enum outcome run_cash(struct runner *r, const struct runner_cmd *c, int64_t now)
{
	bool insert = !strcmp(c->name, "insert-note");
	bool reject = false;
	long dollars = 0;
	int rc;

	if (insert) {
		char *end;
		if (c->argc < 1 || c->argc > 2 || (c->argc == 2 && strcmp(c->args[1], "reject"))) {
			snprintf(r->why, sizeof(r->why), "insert-note needs DOLLARS [reject]");
			return FAIL;
		}
		dollars = strtol(c->args[0], &end, 10);
		if (*end || dollars <= 0 || dollars > 1000) {
			snprintf(r->why, sizeof(r->why), "insert-note: '%s' is not whole dollars",
				 c->args[0]);
			return FAIL;
		}
		reject = c->argc == 2;
	} else if (want_args(r, c, 0) == FAIL) {
		return FAIL;
	}
	rc = r->host.cash
		 ? r->host.cash(r->host.ctx, insert ? "insert" : c->name, (int)dollars, reject)
		 : KIOSK_EDEVICE;
	if (rc == KIOSK_EBUSY && !timed_out(r, now))
		return WAIT;
	if (rc == KIOSK_EBUSY) {
		snprintf(r->why, sizeof(r->why),
			 "the validator did not take a note within 5 s (not enabled: is a cash "
			 "payment open?)");
		return FAIL;
	}
	if (rc) {
		snprintf(r->why, sizeof(r->why),
			 "%s: no simulated bill validator (add `#@ cash: on`)", c->name);
		return FAIL;
	}
	r->need_frame = true;
	return DONE;
}

/* What expect-receipt, expect-mail and expect-text-message look for: their text, with {today}
 * and {today-es} replaced by today's date written out in English and in Spanish (a receipt
 * states the day it was paid). */
static void expand_today(struct runner *r, const char *arg, char *out, size_t n)
{
	static const struct {
		const char *token;
		bool es;
	} tokens[] = {{"{today}", false}, {"{today-es}", true}};
	size_t len = 0;

	while (*arg && len + 1 < n) {
		size_t i = 0;
		while (i < 2 && strncmp(arg, tokens[i].token, strlen(tokens[i].token)))
			i++;
		if (i == 2 || !r->host.today) {
			out[len++] = *arg++;
			continue;
		}
		r->host.today(r->host.ctx, tokens[i].es, out + len, n - len);
		len += strlen(out + len);
		arg += strlen(tokens[i].token);
	}
	out[len] = '\0';
}

/* drag X Y DX DY: a finger down at X Y, moved to X+DX Y+DY in steps, and lifted: real SDL
 * mouse events, each step drawn before the next as a finger is seen moving, as a resident drags
 * the content to scroll it. */
static enum outcome run_drag(struct runner *r, const struct runner_cmd *c)
{
	enum { STEPS = 8 };
	long v[4];
	int k = r->drag_step;

	if (want_args(r, c, 4) == FAIL)
		return FAIL;
	for (int i = 0; i < 4; i++) {
		char *end;
		v[i] = strtol(c->args[i], &end, 10);
		if (*end || !c->args[i][0])
			v[0] = -1;
	}
	if (v[0] < 0 || v[0] >= UI_W || v[1] < 0 || v[1] >= UI_H || v[0] + v[2] < 0 ||
	    v[0] + v[2] >= UI_W || v[1] + v[3] < 0 || v[1] + v[3] >= UI_H || !r->host.press ||
	    !r->host.move) {
		snprintf(r->why, sizeof(r->why),
			 "drag needs X Y DX DY, from and to a point inside 1080x1920");
		return FAIL;
	}
	r->need_frame = true;
	if (k == 0)
		r->host.press(r->host.ctx, (int)v[0], (int)v[1], 1);
	else if (k <= STEPS)
		r->host.move(r->host.ctx, (int)(v[0] + v[2] * k / STEPS),
			     (int)(v[1] + v[3] * k / STEPS));
	if (k <= STEPS) {
		r->drag_step = k + 1;
		return WAIT;
	}
	r->host.press(r->host.ctx, (int)(v[0] + v[2]), (int)(v[1] + v[3]), 0);
	r->drag_step = 0;
	return DONE;
}

/* expect-in-view / expect-out-of-view "LABEL": the widget is wholly in the scroll view's sight,
 * or not (part or all of it scrolled away). */
static enum outcome run_expect_view(struct runner *r, const struct ui *ui,
				    const struct runner_cmd *c, int64_t now)
{
	bool want = !strcmp(c->name, "expect-in-view");
	int i;

	if (want_args(r, c, 1) == FAIL)
		return FAIL;
	i = find_widget(r, ui, c->args[0]);
	if (i == -2)
		return FAIL;
	if (i >= 0 && SDL_RectEquals(&ui->widgets[i].hit, &ui->widgets[i].rect) == want)
		return DONE;
	if (!timed_out(r, now))
		return WAIT;
	snprintf(r->why, sizeof(r->why),
		 i < 0	? "nothing labelled \"%s\""
		 : want ? "\"%s\" is not wholly in view within 5 s"
			: "\"%s\" is still wholly in view after 5 s",
		 c->args[0]);
	return FAIL;
}

/* expect-look LOOK: the look the screen is drawn in (the kiosk option --look's names). */
static enum outcome run_expect_look(struct runner *r, const struct ui *ui,
				    const struct runner_cmd *c, int64_t now)
{
	static const char *const names[2][2] = {{"default", "large"},
						{"high-contrast", "large-high-contrast"}};
	const char *is;
	bool known = false;

	if (want_args(r, c, 1) == FAIL)
		return FAIL;
	for (int i = 0; i < 4; i++)
		known = known || !strcmp(c->args[0], names[i / 2][i % 2]);
	if (!known) {
		snprintf(r->why, sizeof(r->why),
			 "expect-look takes default, large, high-contrast or large-high-contrast");
		return FAIL;
	}
	is = names[ui->theme_id == THEME_HIGH_CONTRAST][ui->large_text ? 1 : 0];
	if (!strcmp(is, c->args[0]))
		return DONE;
	if (!timed_out(r, now))
		return WAIT;
	snprintf(r->why, sizeof(r->why), "expected the look '%s' within 5 s, but it is '%s'",
		 c->args[0], is);
	return FAIL;
}

static enum outcome run_cmd(struct runner *r, const struct runner_cmd *c, int64_t now)
{
	const struct ui *ui = r->host.ui(r->host.ctx);
	char buf[4096];

	if (!strcmp(c->name, "expect-screen")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		const char *id = r->host.screen_id(r->host.ctx);
		if (!strcmp(id, c->args[0]))
			return targets_ok(r, ui) ? DONE : FAIL;
		if (!timed_out(r, now))
			return WAIT;
		snprintf(r->why, sizeof(r->why), "expected screen '%s' within 5 s, but it is '%s'",
			 c->args[0], id);
		return FAIL;
	}
	if (!strcmp(c->name, "expect-text") || !strcmp(c->name, "expect-no-text")) {
		bool want = !strcmp(c->name, "expect-text");
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (contains_ci(ui->text_log, r->translate ? tr(r, c->args[0]) : c->args[0]) ==
		    want)
			return DONE;
		if (!timed_out(r, now))
			return WAIT;
		snprintf(r->why, sizeof(r->why),
			 want ? "\"%s\" not visible within 5 s"
			      : "\"%s\" is still visible after 5 s",
			 c->args[0]);
		return FAIL;
	}
	if (!strcmp(c->name, "expect-receipt") || !strcmp(c->name, "expect-no-receipt")) {
		bool want = !strcmp(c->name, "expect-receipt");
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		char text[300];
		expand_today(r, c->args[0], text, sizeof(text));
		r->host.last_receipt(r->host.ctx, buf, sizeof(buf));
		if (contains_ci(buf, text) == want)
			return DONE;
		if (want && !timed_out(r, now))
			return WAIT;
		snprintf(r->why, sizeof(r->why),
			 want ? "the last receipt does not contain \"%s\"; it reads:\n%s"
			      : "the last receipt contains \"%s\"; it reads:\n%s",
			 text, buf[0] ? buf : "(nothing printed)");
		return FAIL;
	}
	if (!strcmp(c->name, "double-tap")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		return run_double_tap(r, ui, c, now);
	}
	if ((!strcmp(c->name, "tap") || !strcmp(c->name, "tap-at") || !strcmp(c->name, "type") ||
	     !strcmp(c->name, "type-mail-code") ||
	     (!strcmp(c->name, "drag") && r->drag_step == 0)) &&
	    too_soon(r, now))
		return WAIT;
	if (!strcmp(c->name, "drag"))
		return run_drag(r, c);
	if (!strcmp(c->name, "expect-in-view") || !strcmp(c->name, "expect-out-of-view"))
		return run_expect_view(r, ui, c, now);
	if (!strcmp(c->name, "tap")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		int i = find_widget(r, ui, c->args[0]);
		if (i == -2)
			return FAIL;
		if (i < 0) {
			if (!timed_out(r, now))
				return WAIT;
			snprintf(r->why, sizeof(r->why), "nothing tappable labelled \"%s\"",
				 c->args[0]);
			return FAIL;
		}
		if (!in_view(r, ui, i))
			return WAIT;
		tap_widget(r, &ui->widgets[i]);
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "tap-at")) {
		char *end1, *end2;
		if (want_args(r, c, 2) == FAIL)
			return FAIL;
		long x = strtol(c->args[0], &end1, 10), y = strtol(c->args[1], &end2, 10);
		if (*end1 || *end2 || x < 0 || y < 0 || x >= UI_W || y >= UI_H) {
			snprintf(r->why, sizeof(r->why), "tap-at needs X Y inside 1080x1920");
			return FAIL;
		}
		r->host.tap(r->host.ctx, (int)x, (int)y);
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "type")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (!keys_in_view(r, ui))
			return WAIT;
		if (do_type(r, ui, c->args[0]))
			return FAIL;
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "swipe-card")) {
		if (want_args(r, c, 3) == FAIL)
			return FAIL;
		if (r->host.swipe(r->host.ctx, c->args[0], c->args[1], c->args[2])) {
			snprintf(r->why, sizeof(r->why),
				 "the simulated reader cannot make tracks from PAN %s YYMM %s",
				 c->args[0], c->args[1]);
			return FAIL;
		}
		return DONE;
	}
	if (!strcmp(c->name, "scan-barcode")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (!r->host.scan || r->host.scan(r->host.ctx, c->args[0])) {
			snprintf(r->why, sizeof(r->why),
				 "the simulated scanner cannot scan \"%s\" (empty or too long)",
				 c->args[0]);
			return FAIL;
		}
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "shot")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (!valid_name(c->args[0])) {
			snprintf(r->why, sizeof(r->why), "shot names use letters, digits, - and _");
			return FAIL;
		}
		snprintf(buf, sizeof(buf), "%s/%s.png", r->shots_dir, c->args[0]);
		if (r->host.shot(r->host.ctx, buf)) {
			snprintf(r->why, sizeof(r->why), "could not write %s", buf);
			return FAIL;
		}
		return DONE;
	}
	if (!strcmp(c->name, "hold-at")) {
		char *e1, *e2, *e3;
		if (want_args(r, c, 3) == FAIL)
			return FAIL;
		long x = strtol(c->args[0], &e1, 10), y = strtol(c->args[1], &e2, 10);
		long ms = strtol(c->args[2], &e3, 10);
		if (*e1 || *e2 || *e3 || x < 0 || x >= UI_W || y < 0 || y >= UI_H || ms < 0 ||
		    ms > 600000 || !r->host.press) {
			snprintf(r->why, sizeof(r->why), "hold-at needs X Y MS on the screen");
			return FAIL;
		}
		/* The finger goes down now, the loop keeps running, and it lifts after MS. */
		if (!r->holding) {
			r->host.press(r->host.ctx, (int)x, (int)y, 1);
			r->holding = true;
			return WAIT;
		}
		if (now - r->started_ms < ms)
			return WAIT;
		r->host.press(r->host.ctx, (int)x, (int)y, 0);
		r->holding = false;
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "wait-ms")) {
		char *end;
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		long ms = strtol(c->args[0], &end, 10);
		if (*end || ms < 0 || ms > 600000) {
			snprintf(r->why, sizeof(r->why), "wait-ms needs 0..600000");
			return FAIL;
		}
		return now - r->started_ms >= ms ? DONE : WAIT;
	}
	if (!strcmp(c->name, "expect-toast")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (ui->toast[0] && contains_ci(ui->toast, c->args[0]))
			return DONE;
		if (!timed_out(r, now))
			return WAIT;
		snprintf(r->why, sizeof(r->why),
			 "no toast containing \"%s\" within 5 s (toast: %s)", c->args[0],
			 ui->toast[0] ? ui->toast : "none");
		return FAIL;
	}
	if (!strcmp(c->name, "expect-mail") || !strcmp(c->name, "type-mail-code") ||
	    !strcmp(c->name, "expect-text-message")) {
		bool typing = !strcmp(c->name, "type-mail-code");
		bool sms = !strcmp(c->name, "expect-text-message");
		char code[8] = "";
		bool found;
		if (want_args(r, c, typing ? 1 : 2) == FAIL)
			return FAIL;
		char text[300] = "";
		if (!typing)
			expand_today(r, c->args[1], text, sizeof(text));
		char *mbox = read_mbox(r, sms ? "KIOSK_TEST_SMS" : "KIOSK_TEST_MBOX");
		found = mbox && (typing ? each_mail_to(mbox, c->args[0], mail_code, code)
					: each_mail_to(mbox, c->args[0], mail_contains, text));
		free(mbox);
		if (found && typing) {
			if (do_type(r, ui, code))
				return FAIL;
			r->need_frame = true;
			return DONE;
		}
		if (found)
			return DONE;
		if (!timed_out(r, now))
			return WAIT;
		if (typing)
			snprintf(r->why, sizeof(r->why), "no mail with a 6-digit code to %s",
				 c->args[0]);
		else
			snprintf(r->why, sizeof(r->why), "no %s to %s contains \"%s\"",
				 sms ? "text message" : "mail", c->args[0], text);
		return FAIL;
	}
	if (!strcmp(c->name, "printer")) {
		if (want_args(r, c, 1) == FAIL)
			return FAIL;
		if (strcmp(c->args[0], "paper-out") && strcmp(c->args[0], "paper-ok")) {
			snprintf(r->why, sizeof(r->why), "printer takes paper-out or paper-ok");
			return FAIL;
		}
		r->host.paper_out(r->host.ctx, !strcmp(c->args[0], "paper-out"));
		return DONE;
	}
	if (!strcmp(c->name, "insert-note") || !strcmp(c->name, "note-jam") ||
	    !strcmp(c->name, "clear-jam") || !strcmp(c->name, "remove-cashbox") ||
	    !strcmp(c->name, "replace-cashbox") || !strcmp(c->name, "stacker-full"))
		return run_cash(r, c, now);
	if (!strcmp(c->name, "key") || !strcmp(c->name, "expect-speech") ||
	    !strcmp(c->name, "expect-focus"))
		return run_a11y(r, c, now);
	if (!strcmp(c->name, "keyboard-burst")) {
		if (want_args(r, c, 1) == FAIL || !r->host.keyboard_burst)
			return FAIL;
		r->host.keyboard_burst(r->host.ctx, c->args[0]);
		r->need_frame = true;
		return DONE;
	}
	if (!strcmp(c->name, "timer-start") || !strcmp(c->name, "timer-report"))
		return run_timer(r, c, now);
	if (!strcmp(c->name, "expect-look"))
		return run_expect_look(r, ui, c, now);
	if (!strcmp(c->name, "translate-labels")) {
		/* From here on, tap and expect-text take English texts and look for them as
		 * the screen's language shows them: one script tours both languages. */
		r->translate = true;
		return DONE;
	}
	if (!strcmp(c->name, "report-resources")) {
		if (want_args(r, c, 0) == FAIL)
			return FAIL;
		report_resources();
		return DONE;
	}
	switch (runner_terminal_cmd(c, timed_out(r, now), r->why, sizeof(r->why))) {
	case RUNNER_TERMINAL_DONE: return DONE;
	case RUNNER_TERMINAL_WAIT: return WAIT;
	case RUNNER_TERMINAL_FAIL: return FAIL;
	case RUNNER_TERMINAL_NOT_MINE: break;
	}
	snprintf(r->why, sizeof(r->why), "unknown command '%s'", c->name);
	return FAIL;
}

enum runner_status runner_step(struct runner *r, int64_t now_ms, int64_t *wake_ms)
{
	*wake_ms = -1;
	if (r->need_frame) {
		/* The taps just pushed are handled and drawn before the next line looks. */
		r->need_frame = false;
		*wake_ms = now_ms;
		return RUNNER_RUNNING;
	}
	while (r->cur < r->line_count) {
		char *line = trim(r->lines[r->cur]);
		struct runner_cmd c;

		if (!*line || *line == '#') {
			r->cur++;
			continue;
		}
		if (r->started_ms < 0)
			r->started_ms = now_ms;
		if (runner_parse_line(line, &c, r->why, sizeof(r->why))) {
			report(r);
			return RUNNER_FAILED;
		}
		switch (run_cmd(r, &c, now_ms)) {
		case FAIL: report(r); return RUNNER_FAILED;
		case WAIT:
			if (!strcmp(c.name, "wait-ms"))
				*wake_ms = r->started_ms + strtol(c.args[0], NULL, 10);
			else if (!strcmp(c.name, "hold-at"))
				*wake_ms = r->started_ms + strtol(c.args[2], NULL, 10);
			else
				*wake_ms = now_ms + POLL_MS;
			return RUNNER_RUNNING;
		case DONE:
			r->cur++;
			r->started_ms = -1;
			if (r->need_frame) {
				/* Stop here: the next call, after the frame, clears need_frame. */
				*wake_ms = now_ms;
				return RUNNER_RUNNING;
			}
			break;
		}
	}
	return RUNNER_PASSED;
}
