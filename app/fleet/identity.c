/* Device identity on mbedtls: key and CSR made on the kiosk, enrollment over verified TLS
 * with libcurl, and a check of what the CA sent back before it is kept. */
#include "app/fleet/identity.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/https.h"

#define PEM_MAX 4096

void identity_paths(const char *dir, struct identity_paths *p)
{
	snprintf(p->key, sizeof(p->key), "%s/device.key", dir);
	snprintf(p->csr, sizeof(p->csr), "%s/device.csr", dir);
	snprintf(p->cert, sizeof(p->cert), "%s/device.pem", dir);
}

enum identity_status identity_status(const char *dir)
{
	struct identity_paths p = {.key = ""};

	identity_paths(dir, &p);
	if (access(p.cert, R_OK) == 0)
		return IDENTITY_ENROLLED;
	if (access(p.key, R_OK) == 0 && access(p.csr, R_OK) == 0)
		return IDENTITY_KEY;
	return IDENTITY_NONE;
}

static void say(char *err, size_t errlen, const char *what, int ret)
{
	char buf[128];

	mbedtls_strerror(ret, buf, sizeof(buf));
	snprintf(err, errlen, "%s: %s", what, buf);
}

/* Only letters, digits and - . _ in the id: it goes into a distinguished name. */
static int id_ok(const char *id)
{
	if (!id[0] || strlen(id) > 63)
		return 0;
	for (const char *c = id; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || strchr("-._", *c)))
			return 0;
	return 1;
}

int identity_ensure_key(const char *dir, const char *kiosk_id, char *err, size_t errlen)
{
	struct identity_paths p = {.key = ""};
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_pk_context pk;
	mbedtls_x509write_csr csr;
	unsigned char pem[PEM_MAX];
	char subject[128];
	int ret, rc = KIOSK_ECRYPTO;

	if (!id_ok(kiosk_id)) {
		snprintf(err, errlen, "the kiosk id '%s' may hold only A-Z a-z 0-9 - . _",
			 kiosk_id);
		return KIOSK_EINVAL;
	}
	identity_paths(dir, &p);
	if (fs_mkdirs(dir) || chmod(dir, 0700) != 0) {
		snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return KIOSK_EIO;
	}
	mbedtls_entropy_init(&ent);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_pk_init(&pk);
	mbedtls_x509write_csr_init(&csr);
	ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &ent,
				    (const unsigned char *)"kiosk-identity", 14);
	if (ret != 0) {
		say(err, errlen, "no randomness", ret);
		goto out;
	}
	if (access(p.key, R_OK) == 0) {
		ret = mbedtls_pk_parse_keyfile(&pk, p.key, NULL);
		if (ret != 0) {
			say(err, errlen, "the device key is unreadable", ret);
			goto out;
		}
	} else {
		ret = mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
		if (ret == 0)
			ret = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(pk),
						  mbedtls_ctr_drbg_random, &drbg);
		if (ret == 0)
			ret = mbedtls_pk_write_key_pem(&pk, pem, sizeof(pem));
		if (ret != 0) {
			say(err, errlen, "cannot make the device key", ret);
			goto out;
		}
		/* Written 0600 from the start: the key is never readable by others. */
		rc = fs_write_atomic(p.key, pem, strlen((char *)pem), 0600);
		if (rc) {
			snprintf(err, errlen, "cannot write %s", p.key);
			goto out;
		}
		rc = KIOSK_ECRYPTO;
	}
	if (access(p.csr, R_OK) == 0) {
		rc = 0;
		goto out;
	}
	snprintf(subject, sizeof(subject), "CN=%s,O=Payment kiosks", kiosk_id);
	mbedtls_x509write_csr_set_md_alg(&csr, MBEDTLS_MD_SHA256);
	mbedtls_x509write_csr_set_key(&csr, &pk);
	ret = mbedtls_x509write_csr_set_subject_name(&csr, subject);
	if (ret == 0)
		ret = mbedtls_x509write_csr_pem(&csr, pem, sizeof(pem), mbedtls_ctr_drbg_random,
						&drbg);
	if (ret != 0) {
		say(err, errlen, "cannot make the certificate request", ret);
		goto out;
	}
	rc = fs_write_atomic(p.csr, pem, strlen((char *)pem), 0644);
	if (rc)
		snprintf(err, errlen, "cannot write %s", p.csr);
out:
	mbedtls_platform_zeroize(pem, sizeof(pem));
	mbedtls_x509write_csr_free(&csr);
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&ent);
	return rc;
}

#define ANSWER_MAX 65536

/* The certificate must chain to our CA and carry our public key. */
static int check_cert(const char *pem, const char *ca_file, const char *key_path, char *err,
		      size_t errlen)
{
	mbedtls_x509_crt crt, ca;
	mbedtls_pk_context key;
	uint32_t flags = 0;
	unsigned char a[200], b[200];
	int la, lb, ret, rc = KIOSK_ECRYPTO;

	mbedtls_x509_crt_init(&crt);
	mbedtls_x509_crt_init(&ca);
	mbedtls_pk_init(&key);
	ret = mbedtls_x509_crt_parse(&crt, (const unsigned char *)pem, strlen(pem) + 1);
	if (ret != 0) {
		say(err, errlen, "the portal sent no usable certificate", ret);
		goto out;
	}
	ret = mbedtls_x509_crt_parse_file(&ca, ca_file);
	if (ret == 0)
		ret = mbedtls_x509_crt_verify(&crt, &ca, NULL, NULL, &flags, NULL, NULL);
	if (ret != 0) {
		snprintf(err, errlen, "the certificate does not chain to %s (flags 0x%x)", ca_file,
			 (unsigned)flags);
		goto out;
	}
	ret = mbedtls_pk_parse_keyfile(&key, key_path, NULL);
	la = ret == 0 ? mbedtls_pk_write_pubkey_der(&key, a, sizeof(a)) : -1;
	lb = mbedtls_pk_write_pubkey_der(&crt.pk, b, sizeof(b));
	/* DER is written at the end of the buffer. */
	if (la <= 0 || la != lb || memcmp(a + sizeof(a) - la, b + sizeof(b) - lb, (size_t)la)) {
		snprintf(err, errlen, "the certificate is not for this kiosk's key");
		goto out;
	}
	rc = 0;
out:
	mbedtls_pk_free(&key);
	mbedtls_x509_crt_free(&ca);
	mbedtls_x509_crt_free(&crt);
	return rc;
}

int identity_enroll(const char *dir, const char *portal_url, const char *ca_file, const char *token,
		    char *err, size_t errlen)
{
	struct identity_paths p = {.key = ""};
	struct https_body b = {0};
	struct https_policy pol = {.ca_file = ca_file, .timeout_ms = 30000};
	char *csr = NULL, *req = NULL, url[1024];
	json_t *doc = NULL, *answer = NULL;
	struct curl_slist *h = NULL;
	CURL *c = NULL;
	long code = 0;
	CURLcode res;
	const char *cert;
	int rc;

	identity_paths(dir, &p);
	rc = fs_read_file(p.csr, 16384, &csr, NULL);
	if (rc) {
		snprintf(err, errlen, "no certificate request at %s", p.csr);
		return rc;
	}
	rc = KIOSK_ENOMEM;
	doc = json_pack("{s:s, s:s}", "token", token, "csr", csr);
	req = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	c = https_global_init() == 0 ? curl_easy_init() : NULL;
	if (!req || !c)
		goto out;
	snprintf(url, sizeof(url), "%s/api/kiosk/v1/enroll", portal_url);
	h = curl_slist_append(h, "Content-Type: application/json");
	/* The kiosk's one HTTPS policy (app/common/https.h): the city's CA only, TLS >= 1.2. */
	https_body_reset(&b, ANSWER_MAX);
	if (https_apply(c, &pol) || https_set_url(c, &pol, url) || https_body_collect(c, &b)) {
		snprintf(err, errlen, "%s: refused by the HTTPS policy", url);
		rc = KIOSK_EINVAL;
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, req);
	res = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (res != CURLE_OK) {
		snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(res));
		rc = https_error(res);
		goto out;
	}
	answer = json_loads(b.data ? b.data : "", 0, NULL);
	if (code != 200) {
		const char *msg = json_string_value(json_object_get(answer, "message"));
		snprintf(err, errlen, "enrollment refused (HTTP %ld): %s", code,
			 msg ? msg : "no reason given");
		rc = code == 403 ? KIOSK_EINVAL : KIOSK_EPROTO;
		goto out;
	}
	cert = json_string_value(json_object_get(answer, "certificate"));
	if (!cert) {
		snprintf(err, errlen, "the portal's answer holds no certificate");
		rc = KIOSK_EPROTO;
		goto out;
	}
	rc = check_cert(cert, ca_file, p.key, err, errlen);
	if (rc == 0 && fs_write_atomic(p.cert, cert, strlen(cert), 0644)) {
		snprintf(err, errlen, "cannot write %s", p.cert);
		rc = KIOSK_EIO;
	}
out:
	curl_slist_free_all(h);
	if (c)
		curl_easy_cleanup(c);
	json_decref(answer);
	json_decref(doc);
	free(req);
	free(csr);
	https_body_free(&b);
	return rc;
}

int identity_check_dates(const char *cert_path, char *why, size_t whylen)
{
	mbedtls_x509_crt crt;
	int ret, rc = 0;

	mbedtls_x509_crt_init(&crt);
	ret = mbedtls_x509_crt_parse_file(&crt, cert_path);
	if (ret != 0) {
		say(why, whylen, "cannot read the device certificate", ret);
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	/* The portal would refuse it anyway; checking here lets the kiosk say so itself. */
	if (mbedtls_x509_time_is_past(&crt.valid_to)) {
		snprintf(why, whylen, "expired on %04d-%02d-%02d %02d:%02d UTC", crt.valid_to.year,
			 crt.valid_to.mon, crt.valid_to.day, crt.valid_to.hour, crt.valid_to.min);
		rc = KIOSK_EEXPIRED;
	} else if (mbedtls_x509_time_is_future(&crt.valid_from)) {
		snprintf(why, whylen, "not valid before %04d-%02d-%02d %02d:%02d UTC",
			 crt.valid_from.year, crt.valid_from.mon, crt.valid_from.day,
			 crt.valid_from.hour, crt.valid_from.min);
		rc = KIOSK_ENOTYET;
	}
out:
	mbedtls_x509_crt_free(&crt);
	return rc;
}
