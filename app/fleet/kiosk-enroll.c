/* kiosk-enroll: gives the kiosk its identity. Makes the device key and request on first use,
 * then enrolls with a one-time token (unless already enrolled). Idempotent: run it before
 * every start; it does nothing once the kiosk has its certificate.
 *
 *   kiosk-enroll --dir DIR --id KIOSK-ID --portal URL --ca PEM (--token T | --token-file F)
 *
 * Exit status: 0 enrolled (now or before), 1 failed (the message says why), 2 bad usage. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/fleet/identity.h"
#include "app/common/fsutil.h"

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dir", required_argument, 0, 'd'},
	    {"id", required_argument, 0, 'i'},
	    {"portal", required_argument, 0, 'p'},
	    {"ca", required_argument, 0, 'c'},
	    {"token", required_argument, 0, 't'},
	    {"token-file", required_argument, 0, 'f'},
	    {0, 0, 0, 0},
	};
	const char *dir = NULL, *id = NULL, *portal = NULL, *ca = NULL, *token = NULL;
	const char *token_file = NULL;
	char err[512] = "", *file_token = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dir = optarg; break;
		case 'i': id = optarg; break;
		case 'p': portal = optarg; break;
		case 'c': ca = optarg; break;
		case 't': token = optarg; break;
		case 'f': token_file = optarg; break;
		default: return 2;
		}
	}
	if (!dir || !id || !portal || !ca || (!token && !token_file)) {
		fprintf(stderr, "usage: kiosk-enroll --dir DIR --id KIOSK-ID --portal URL --ca PEM "
				"(--token T | --token-file F)\n");
		return 2;
	}
	if (identity_status(dir) == IDENTITY_ENROLLED) {
		printf("kiosk-enroll: already enrolled\n");
		return 0;
	}
	rc = identity_ensure_key(dir, id, err, sizeof(err));
	if (rc == 0 && token_file) {
		rc = fs_read_file(token_file, 256, &file_token, NULL);
		if (rc)
			snprintf(err, sizeof(err), "cannot read the token from %s", token_file);
		else
			file_token[strcspn(file_token, "\r\n")] = '\0';
		token = file_token;
	}
	if (rc == 0)
		rc = identity_enroll(dir, portal, ca, token, err, sizeof(err));
	free(file_token);
	if (rc) {
		fprintf(stderr, "kiosk-enroll: %s (%s)\n", err, kiosk_strerror(rc));
		return 1;
	}
	/* The token is spent: keep no copy of it around. */
	if (token_file)
		unlink(token_file);
	printf("kiosk-enroll: enrolled as %s\n", id);
	return 0;
}
