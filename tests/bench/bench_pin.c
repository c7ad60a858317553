/* Benchmark: what one staff-PIN guess costs (PBKDF2-HMAC-SHA256, mbedtls) at the iteration
 * count new PINs get (PIN_DEFAULT_ITERATIONS) and at the old 100000, so the figure an
 * attacker with a stolen hash faces is measured, not assumed. Prints medians per guess, the
 * iterations that would take 250 ms on this machine, and how long the whole 6-digit space
 * then takes on one core. The cost is the thread's CPU time (what an attacker's core spends);
 * the wall time is printed too, since on a shared machine it includes waiting for a core. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/crypto/pin.h"

#define RUNS 9

static double now_ms(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median CPU time of one pin_verify (a wrong guess) against a hash of `iterations`;
 * *wall_ms gets the median wall time. */
static double median_guess_ms(unsigned iterations, double *wall_ms)
{
	char hash[PIN_HASH_MAX];
	double t[RUNS], w[RUNS];
	bool match;

	if (pin_hash("135790", iterations, hash, sizeof(hash))) {
		fprintf(stderr, "bench_pin: cannot hash\n");
		exit(1);
	}
	for (int i = 0; i < RUNS; i++) {
		double c0 = now_ms(CLOCK_THREAD_CPUTIME_ID), w0 = now_ms(CLOCK_MONOTONIC);
		if (pin_verify("246801", hash, &match) || match) {
			fprintf(stderr, "bench_pin: verify failed\n");
			exit(1);
		}
		t[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		w[i] = now_ms(CLOCK_MONOTONIC) - w0;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp);
	qsort(w, RUNS, sizeof(w[0]), cmp);
	*wall_ms = w[RUNS / 2];
	return t[RUNS / 2];
}

int main(void)
{
	double old_wall, new_wall;
	double old_ms = median_guess_ms(100000, &old_wall);
	double new_ms = median_guess_ms(PIN_DEFAULT_ITERATIONS, &new_wall);
	double per_iter = new_ms / PIN_DEFAULT_ITERATIONS;

	printf("bench: pin_guess_ms_at_100000 %.1f\n", old_ms);
	printf("bench: pin_guess_ms %.1f\n", new_ms);
	printf("bench: pin_guess_wall_ms %.1f\n", new_wall);
	printf("bench: pin_iterations %u\n", (unsigned)PIN_DEFAULT_ITERATIONS);
	printf("bench: pin_iterations_for_250ms %.0f\n", 250.0 / per_iter);
	printf("bench: pin_6digit_space_core_days %.1f\n", new_ms * 1e6 / 1000 / 86400);
	printf("bench_pin: one guess (median of %d, CPU time) %.1f ms at %u iterations (wall %.1f "
	       "ms), %.1f ms at 100000 (wall %.1f ms); 250 ms needs %.0f iterations here\n",
	       RUNS, new_ms, (unsigned)PIN_DEFAULT_ITERATIONS, new_wall, old_ms, old_wall,
	       250.0 / per_iter);
	return 0;
}
