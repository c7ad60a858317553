/* terminal-sim's display notifications (drivers/terminal/nexo_display.h): what its screen
 * shows during a Payment, POSTed in order to the sale system's display URL as the vendor's
 * terminals do (HTTPS, the sale system's certificate verified, HTTP Basic credentials), from
 * a thread of its own so the terminal never waits on the kiosk; the Payment's answer waits for
 * the queue to drain (display_flush), so the kiosk hears "Remove card" before the answer. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/terminal/nexo_display.h"
#include "tools/terminal-sim/tsim.h"

#define QUEUE_MAX 32

struct tsim_display {
	pthread_mutex_t mu;
	pthread_cond_t cond; /* a message queued, one sent, or stop */
	pthread_t thread;
	const char *url, *port_file, *ca, *user, *password, *poi_id;
	char *queue[QUEUE_MAX]; /* nexo JSON bodies, oldest at head */
	int head, count, sending, stop;
	unsigned device_seq;
};

static size_t discard(char *ptr, size_t size, size_t n, void *ctx)
{
	(void)ptr;
	(void)ctx;
	return size * n;
}

/* The sale system's URL now: --display-url, or the port a test kiosk wrote. */
static int url_now(struct tsim_display *d, char *out, size_t n)
{
	unsigned port = 0;
	FILE *f;

	if (d->url) {
		snprintf(out, n, "%s", d->url);
		return 0;
	}
	f = fopen(d->port_file, "r");
	if (!f)
		return KIOSK_ENOTFOUND;
	if (fscanf(f, "%u", &port) != 1)
		port = 0;
	fclose(f);
	if (!port)
		return KIOSK_ENOTFOUND;
	snprintf(out, n, "https://127.0.0.1:%u/display", port);
	return 0;
}

static void post_one(struct tsim_display *d, const char *body)
{
	char url[300], userpwd[200], err[CURL_ERROR_SIZE] = "";
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	CURL *c = curl_easy_init();
	long status = 0;
	CURLcode r = CURLE_FAILED_INIT;

	if (url_now(d, url, sizeof(url)) != 0) {
		log_info("terminal-sim", "display: no sale system to tell (no port in %s)",
			 d->port_file);
		goto out;
	}
	snprintf(userpwd, sizeof(userpwd), "%s:%s", d->user, d->password);
	if (c && h) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_CAINFO, d->ca);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
		curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERPWD, userpwd);
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 3000L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
		r = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	/* The vendor does not retry a display notification: it is gone either way. */
	if (r != CURLE_OK || status != 200)
		log_warn("terminal-sim", "display: %s answered %ld (%s)", url, status,
			 r != CURLE_OK ? err : "refused");
out:
	memset(userpwd, 0, sizeof(userpwd));
	curl_slist_free_all(h);
	if (c)
		curl_easy_cleanup(c);
}

static void *sender(void *arg)
{
	struct tsim_display *d = arg;

	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (!d->count && !d->stop)
			pthread_cond_wait(&d->cond, &d->mu);
		if (!d->count)
			break;
		char *body = d->queue[d->head];
		d->head = (d->head + 1) % QUEUE_MAX;
		d->count--;
		d->sending = 1;
		pthread_mutex_unlock(&d->mu);
		post_one(d, body);
		free(body);
		pthread_mutex_lock(&d->mu);
		d->sending = 0;
		pthread_cond_broadcast(&d->cond);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

int display_open(const struct tsim_options *opt, struct tsim_display **out)
{
	struct tsim_display *d;

	*out = NULL;
	if (!opt->display_url && !opt->display_port_file)
		return 0; /* no display URL configured: the terminal tells nobody */
	if (!opt->display_ca || !opt->display_user || !opt->display_password)
		return KIOSK_EINVAL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return KIOSK_ENOMEM;
	d->url = opt->display_url;
	d->port_file = opt->display_port_file;
	d->ca = opt->display_ca;
	d->user = opt->display_user;
	d->password = opt->display_password;
	d->poi_id = opt->poi_id;
	pthread_mutex_init(&d->mu, NULL);
	pthread_cond_init(&d->cond, NULL);
	if (pthread_create(&d->thread, NULL, sender, d) != 0) {
		pthread_cond_destroy(&d->cond);
		pthread_mutex_destroy(&d->mu);
		free(d);
		return KIOSK_ENOMEM;
	}
	*out = d;
	return 0;
}

void display_close(struct tsim_display *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->mu);
	d->stop = 1;
	pthread_cond_broadcast(&d->cond);
	pthread_mutex_unlock(&d->mu);
	pthread_join(d->thread, NULL);
	while (d->count) {
		free(d->queue[d->head]);
		d->head = (d->head + 1) % QUEUE_MAX;
		d->count--;
	}
	pthread_cond_destroy(&d->cond);
	pthread_mutex_destroy(&d->mu);
	free(d);
}

void display_send(struct tsim_display *d, const char *sale_id, const char *service_id,
		  const char *sale_txn_id, enum nexo_display_event event, const char *text)
{
	struct nexo_ids ids = {sale_id, NULL, service_id};
	struct timespec now;
	char device[16];
	char *body = NULL;

	if (!d)
		return;
	ids.poi_id = d->poi_id;
	clock_gettime(CLOCK_REALTIME, &now);
	pthread_mutex_lock(&d->mu);
	/* The vendor's DeviceID differs for every display request. */
	snprintf(device, sizeof(device), "%u", ++d->device_seq);
	pthread_mutex_unlock(&d->mu);
	if (nexo_build_display(&ids, device, event, sale_txn_id,
			       (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000, text,
			       &body) != 0) {
		log_error("terminal-sim", "display: cannot build %s%s",
			  nexo_display_event_name(event), text ? text : "");
		return;
	}
	log_info("terminal-sim", "display: %s%s", nexo_display_event_name(event), text ? text : "");
	pthread_mutex_lock(&d->mu);
	if (d->count == QUEUE_MAX) {
		log_warn("terminal-sim", "display: queue full, one notification dropped");
		free(body);
	} else {
		d->queue[(d->head + d->count) % QUEUE_MAX] = body;
		d->count++;
		pthread_cond_broadcast(&d->cond);
	}
	pthread_mutex_unlock(&d->mu);
}

void display_flush(struct tsim_display *d, unsigned timeout_ms)
{
	struct timespec until;

	if (!d)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&d->mu);
	while ((d->count || d->sending) && pthread_cond_timedwait(&d->cond, &d->mu, &until) == 0)
		;
	pthread_mutex_unlock(&d->mu);
}
