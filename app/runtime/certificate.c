/* The certificate policy: the kiosk's own identity (kiosk-enroll puts it in [fleet]
 * identity_dir) is the client certificate of every portal client unless [portal] client_cert
 * and client_key name another; one outside its dates is never presented, and the kiosk is out
 * of service, saying which (from identity_check_dates' error code). */
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/fleet/identity.h"
#include "app/i18n.h"
#include "app/runtime/app.h"

/* Out of service from the first screen on when the certificate is outside its dates. */
void certificate_use(struct app *a)
{
	struct identity_paths p = {.key = ""};
	char why[200];
	int rc;

	if (!a->cfg.identity_dir[0] || a->cfg.client_cert[0] || a->cfg.client_key[0])
		return;
	identity_paths(a->cfg.identity_dir, &p);
	if (access(p.cert, R_OK) != 0 || access(p.key, R_OK) != 0) {
		log_warn("fleet",
			 "no device certificate in %s yet (kiosk-enroll has not run): "
			 "portal calls go without one",
			 a->cfg.identity_dir);
		return;
	}
	rc = identity_check_dates(p.cert, why, sizeof(why));
	if (rc == KIOSK_EEXPIRED || rc == KIOSK_ENOTYET) {
		log_error("fleet",
			  "the device certificate %s %s: out of service until IT renews it", p.cert,
			  why);
		a->identity_problem =
		    rc == KIOSK_ENOTYET
			? N_("This kiosk's security certificate is not valid yet. Staff: please "
			     "contact the city's IT department.")
			: N_("This kiosk's security certificate has expired. Staff: please contact "
			     "the city's IT department.");
		return;
	}
	if (rc) {
		log_error("fleet", "the device certificate %s is not usable: %s", p.cert, why);
		return; /* the portal refuses calls without it, and says so */
	}
	if (strlen(p.cert) >= sizeof(a->cfg.client_cert) ||
	    strlen(p.key) >= sizeof(a->cfg.client_key)) {
		log_error("fleet", "identity_dir %s: path too long", a->cfg.identity_dir);
		return;
	}
	memcpy(a->cfg.client_cert, p.cert, strlen(p.cert) + 1);
	memcpy(a->cfg.client_key, p.key, strlen(p.key) + 1);
	log_info("fleet", "device certificate %s for mutual TLS", p.cert);
}
