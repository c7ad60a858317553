/* Device identity: an EC P-256 key made on the kiosk (it never leaves it, mode 0600) and a
 * client certificate for it, issued by the city's CA when the kiosk enrolls with a one-time
 * token. The portal then knows the kiosk by mutual TLS.
 *
 *   <dir>/device.key   the private key (0600)
 *   <dir>/device.csr   the certificate request (CN = the kiosk's id)
 *   <dir>/device.pem   the issued certificate, once enrolled */
#ifndef KIOSK_FLEET_IDENTITY_H
#define KIOSK_FLEET_IDENTITY_H

#include <stddef.h>

enum identity_status {
	IDENTITY_NONE,	   /* no key yet */
	IDENTITY_KEY,	   /* a key and a request, not enrolled */
	IDENTITY_ENROLLED, /* a certificate for the key */
};

struct identity_paths {
	char key[600];
	char csr[600];
	char cert[600];
};

void identity_paths(const char *dir, struct identity_paths *p);
enum identity_status identity_status(const char *dir);

/* Makes the key and the request when missing (dir is created 0700). A key already there is
 * kept: the kiosk's identity does not change on restart. */
int identity_ensure_key(const char *dir, const char *kiosk_id, char *err, size_t errlen);

/* Sends the request with the one-time token to {portal_url}/api/kiosk/v1/enroll over TLS
 * verified against ca_file, checks the certificate that comes back (it chains to ca_file,
 * it is for our key) and saves it. */
int identity_enroll(const char *dir, const char *portal_url, const char *ca_file, const char *token,
		    char *err, size_t errlen);

/* Whether the certificate at cert_path is within its dates: 0, KIOSK_EEXPIRED (expired),
 * KIOSK_ENOTYET (not valid yet) or KIOSK_ECRYPTO (unreadable); why says it with the date. */
int identity_check_dates(const char *cert_path, char *why, size_t whylen);

#endif
