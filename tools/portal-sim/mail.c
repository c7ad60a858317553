/* portal-sim's outgoing mail and text messages: each message appended to an mbox file (one for
 * mail, one for text messages), so tests and people can read what the portal "sent"
 * (verification codes, reset links, confirmations, receipts). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define MAIL_FROM "City of Springfield <no-reply@portal.springfield.example>"
#define SMS_FROM "City of Springfield <sms:+13125550100>"

static int append(const char *mbox, const char *from, const char *to, const char *subject,
		  const char *body)
{
	char stamp[64], date[64];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f = NULL;
	int fd = -1, rc = KIOSK_EIO;

	if (!mbox || !*mbox)
		return 0; /* no mailbox configured: mail goes nowhere */
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%a %b %e %H:%M:%S %Y", &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	fd = open(mbox, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) != 0)
		goto out;
	f = fdopen(fd, "a");
	if (!f)
		goto out;
	fd = -1; /* f owns it now */
	/* mboxrd would escape body lines starting with "From "; ours never have any. */
	fprintf(f,
		"From no-reply@portal.springfield.example %s\nFrom: %s\nTo: %s\nSubject: %s\n"
		"Date: %s\nContent-Type: text/plain; charset=UTF-8\n\n%s\n\n",
		stamp, from, to, subject, date, body);
	if (fflush(f) == 0)
		rc = 0;
out:
	if (f)
		fclose(f); /* also drops the lock */
	if (fd >= 0)
		close(fd);
	if (rc)
		log_error("portal-sim", "cannot append a message to %s", mbox);
	else
		log_info("portal-sim", "message to %s: %s", to, subject);
	return rc;
}

int mail_send(const char *mbox, const char *to, const char *subject, const char *body)
{
	return append(mbox, MAIL_FROM, to, subject, body);
}

int sms_send(const char *outbox, const char *to, const char *body)
{
	return append(outbox, SMS_FROM, to, "Text message", body);
}
