/* Benchmark: how long one journal state change takes to commit (sqlite, WAL,
 * synchronous=FULL): the fsync a payment waits for before it is sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/common/log.h"
#include "app/store/journal.h"

#define PAYMENTS 200

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

int main(void)
{
	char dir[] = "/tmp/kiosk-bench-journal.XXXXXX", path[128];
	static double t[PAYMENTS * 3];
	struct journal *j;
	int n = 0, rc = 1;

	log_set_level(LOG_WARN);
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/journal.sqlite", dir);
	if (journal_open(path, &j) != 0)
		goto out;
	for (int i = 0; i < PAYMENTS; i++) {
		struct journal_payment p;
		double t0;

		memset(&p, 0, sizeof(p));
		snprintf(p.idempotency_key, sizeof(p.idempotency_key), "bench%08d", i);
		snprintf(p.customer_number, sizeof(p.customer_number), "100200300");
		p.amount_cents = 100 + i;
		snprintf(p.brand, sizeof(p.brand), "Visa");
		snprintf(p.last4, sizeof(p.last4), "1111");
		t0 = now_ms();
		if (journal_create(j, &p))
			goto close;
		t[n++] = now_ms() - t0;
		t0 = now_ms();
		if (journal_set_state(j, p.idempotency_key, JOURNAL_SENT, NULL))
			goto close;
		t[n++] = now_ms() - t0;
		t0 = now_ms();
		if (journal_set_state(j, p.idempotency_key, JOURNAL_APPROVED, "K00000000"))
			goto close;
		t[n++] = now_ms() - t0;
	}
	qsort(t, (size_t)n, sizeof(t[0]), cmp);
	printf("bench journal: %d commits (create, sent, approved x %d) in %s\n", n, PAYMENTS,
	       "/tmp");
	printf("bench journal: p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", t[n / 2], t[n * 99 / 100],
	       t[n - 1]);
	printf("bench: journal_commit_ms_p50 %.3f\n", t[n / 2]);
	printf("bench: journal_commit_ms_p99 %.3f\n", t[n * 99 / 100]);
	rc = 0;
close:
	journal_close(j);
out:
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		rc = 1;
	return rc;
}
