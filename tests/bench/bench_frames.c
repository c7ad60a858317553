/* Benchmark: a full redraw of each screen at 1080x1920 with the software renderer, as the
 * kiosk draws it (offscreen driver, the real screens and widgets), p50 and p99 per screen. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/core/core.h"
#include "app/i18n.h"
#include "app/screens/screens.h"
#include "app/ui/ui.h"

#define FRAMES 300

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void sample_bill(struct core_state *s)
{
	snprintf(s->bill.customer_number, sizeof(s->bill.customer_number), "100200300");
	snprintf(s->bill.display_number, sizeof(s->bill.display_number), "100-200-300");
	snprintf(s->bill.last_name, sizeof(s->bill.last_name), "Rivera");
	snprintf(s->bill.due_date, sizeof(s->bill.due_date), "2026-12-15");
	s->bill.balance_cents = 8417;
	s->amount_cents = 8417;
}

int main(int argc, char **argv)
{
	const char *fonts = argc > 1 ? argv[1] : KIOSK_ASSETS_DIR "/fonts";
	struct screen_ctx ctx = {.city_name = "City of Springfield",
				 .help_text = "Need help? Ask at the front desk."};
	static struct ui ui;
	struct core_state states[8];
	const char *names[8];
	int n = 0;
	double worst_p99 = 0, t[FRAMES];

	SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
	SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "bench_frames: SDL_Init: %s\n", SDL_GetError());
		return 1;
	}
	i18n_init(KIOSK_LOCALE_DIR);
	SDL_Window *win = SDL_CreateWindow("bench", 0, 0, UI_W, UI_H, SDL_WINDOW_HIDDEN);
	SDL_Renderer *ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
	if (!ren || ui_open(&ui, ren, fonts) != 0) {
		fprintf(stderr, "bench_frames: cannot set up the renderer or fonts\n");
		return 1;
	}

	struct core_state base;
	core_init(&base, NULL, 0);
	states[n] = base, names[n++] = "welcome";
	states[n] = base, names[n] = "guest-lookup";
	states[n].screen = CORE_SCREEN_GUEST_LOOKUP;
	states[n].focus = CORE_FIELD_LAST_NAME;
	snprintf(states[n].customer_number, sizeof(states[n].customer_number), "100200300");
	snprintf(states[n].last_name, sizeof(states[n].last_name), "RIVERA");
	n++;
	states[n] = base, names[n] = "bill-summary";
	states[n].screen = CORE_SCREEN_BILL_SUMMARY;
	sample_bill(&states[n++]);
	states[n] = base, names[n] = "pay-amount";
	states[n].screen = CORE_SCREEN_PAY_AMOUNT;
	sample_bill(&states[n]);
	states[n].other_amount = true;
	states[n].focus = CORE_FIELD_AMOUNT;
	snprintf(states[n++].amount_text, sizeof(states[0].amount_text), "20.00");
	states[n] = base, names[n] = "pay-card";
	states[n].screen = CORE_SCREEN_PAY_CARD;
	sample_bill(&states[n++]);
	states[n] = base, names[n] = "pay-result";
	states[n].screen = CORE_SCREEN_PAY_RESULT;
	sample_bill(&states[n]);
	states[n].outcome = CORE_OUTCOME_APPROVED;
	snprintf(states[n].brand, sizeof(states[0].brand), "Visa");
	snprintf(states[n].last4, sizeof(states[0].last4), "1111");
	snprintf(states[n++].reference, sizeof(states[0].reference), "K12345678");
	states[n] = states[1], names[n] = "timeout-warning";
	states[n].warning = true;
	n++;

	printf("bench frames: %d frames per screen at %dx%d, software renderer\n", FRAMES, UI_W,
	       UI_H);
	for (int i = 0; i < n; i++) {
		/* The first frame fills the text cache; the loop measures steady redraws. */
		screens_draw(&ui, &states[i], &ctx, 0);
		SDL_RenderPresent(ren);
		for (int f = 0; f < FRAMES; f++) {
			double t0 = now_ms();
			screens_draw(&ui, &states[i], &ctx, 0);
			SDL_RenderPresent(ren);
			t[f] = now_ms() - t0;
		}
		qsort(t, FRAMES, sizeof(t[0]), cmp);
		double p50 = t[FRAMES / 2], p99 = t[FRAMES * 99 / 100];
		if (p99 > worst_p99)
			worst_p99 = p99;
		printf("bench frames: %-16s p50 %6.2f ms  p99 %6.2f ms\n", names[i], p50, p99);
	}
	printf("bench: frame_ms_p99 %.2f\n", worst_p99);
	ui_close(&ui);
	SDL_DestroyRenderer(ren);
	SDL_DestroyWindow(win);
	SDL_Quit();
	return 0;
}
