/* portal-sim as the kiosks' certificate authority: POST /api/kiosk/v1/enroll with a one-time
 * token and a certificate request ({"token","csr"}) returns {"certificate": PEM} signed by
 * --enroll-ca-cert/--enroll-ca-key. Each token works once. The real portal does the same
 * through the city's CA. */
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <jansson.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define ENROLL_PATH "/api/kiosk/v1/enroll"
#define MAX_TOKENS 32

/* One CA per portal-sim process, set up once from the command line before serving. */
static struct {
	int ready;
	pthread_mutex_t lock;
	mbedtls_x509_crt ca;
	mbedtls_pk_context ca_key;
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	char tokens[MAX_TOKENS][65];
	int used[MAX_TOKENS];
	int ntokens;
	unsigned serial;
} ca = {.lock = PTHREAD_MUTEX_INITIALIZER};

int enroll_setup(const struct sim_options *opt)
{
	char list[MAX_TOKENS * 66], *save = NULL;

	if (!opt->enroll_ca_cert || !opt->enroll_ca_key)
		return 0;
	mbedtls_x509_crt_init(&ca.ca);
	mbedtls_pk_init(&ca.ca_key);
	mbedtls_entropy_init(&ca.ent);
	mbedtls_ctr_drbg_init(&ca.drbg);
	if (mbedtls_x509_crt_parse_file(&ca.ca, opt->enroll_ca_cert) != 0 ||
	    mbedtls_pk_parse_keyfile(&ca.ca_key, opt->enroll_ca_key, NULL) != 0 ||
	    mbedtls_ctr_drbg_seed(&ca.drbg, mbedtls_entropy_func, &ca.ent,
				  (const unsigned char *)"portal-sim-ca", 13) != 0) {
		log_error("portal-sim", "cannot load the enrollment CA %s / %s",
			  opt->enroll_ca_cert, opt->enroll_ca_key);
		return KIOSK_ECRYPTO;
	}
	snprintf(list, sizeof(list), "%s", opt->enroll_tokens ? opt->enroll_tokens : "");
	for (char *t = strtok_r(list, ",", &save); t && ca.ntokens < MAX_TOKENS;
	     t = strtok_r(NULL, ",", &save))
		snprintf(ca.tokens[ca.ntokens++], sizeof(ca.tokens[0]), "%s", t);
	ca.serial = (unsigned)time(NULL);
	ca.ready = 1;
	return 0;
}

int enroll_path(const char *path)
{
	return strcmp(path, ENROLL_PATH) == 0;
}

static void reply(struct sim_reply *out, unsigned status, json_t *doc)
{
	out->status = status;
	out->body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
}

static void refuse(struct sim_reply *out, unsigned status, const char *code, const char *msg)
{
	reply(out, status, json_pack("{s:s, s:s}", "error", code, "message", msg));
}

/* Takes the token if it is known and unused. */
static int spend_token(const char *token)
{
	for (int i = 0; i < ca.ntokens; i++) {
		if (!strcmp(ca.tokens[i], token)) {
			if (ca.used[i])
				return KIOSK_EBUSY;
			ca.used[i] = 1;
			return 0;
		}
	}
	return KIOSK_ENOTFOUND;
}

/* A request is trusted only as far as its own signature: check it before signing. */
static int csr_signature_ok(mbedtls_x509_csr *csr)
{
	unsigned char hash[MBEDTLS_MD_MAX_SIZE];
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(csr->sig_md);

	if (!md || mbedtls_md(md, csr->cri.p, csr->cri.len, hash) != 0)
		return 0;
	return mbedtls_pk_verify(&csr->pk, csr->sig_md, hash, mbedtls_md_get_size(md), csr->sig.p,
				 csr->sig.len) == 0;
}

static int issue(mbedtls_x509_csr *csr, unsigned char *pem, size_t pemlen)
{
	mbedtls_x509write_cert crt;
	mbedtls_mpi serial;
	char subject[256], issuer[256];
	int ret;

	mbedtls_x509write_crt_init(&crt);
	mbedtls_mpi_init(&serial);
	ret = mbedtls_x509_dn_gets(subject, sizeof(subject), &csr->subject);
	if (ret > 0)
		ret = mbedtls_x509_dn_gets(issuer, sizeof(issuer), &ca.ca.subject);
	if (ret < 0)
		goto out;
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, &csr->pk);
	mbedtls_x509write_crt_set_issuer_key(&crt, &ca.ca_key);
	ret = mbedtls_mpi_lset(&serial, (mbedtls_mpi_sint)++ca.serial);
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_serial(&crt, &serial);
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_subject_name(&crt, subject);
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_issuer_name(&crt, issuer);
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_validity(&crt, "20240101000000", "20350101000000");
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_basic_constraints(&crt, 0, -1);
	if (ret == 0)
		ret = mbedtls_x509write_crt_set_key_usage(&crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
	if (ret == 0)
		ret =
		    mbedtls_x509write_crt_pem(&crt, pem, pemlen, mbedtls_ctr_drbg_random, &ca.drbg);
out:
	mbedtls_mpi_free(&serial);
	mbedtls_x509write_crt_free(&crt);
	return ret;
}

void enroll_handle(const char *method, const char *body, size_t body_len, struct sim_reply *out)
{
	json_t *req = NULL;
	const char *token, *csr_pem;
	mbedtls_x509_csr csr;
	unsigned char pem[4096];
	char cn[256];
	int rc;

	mbedtls_x509_csr_init(&csr);
	if (!ca.ready) {
		refuse(out, 404, "no_such_endpoint", "Enrollment is not enabled on this portal");
		goto out;
	}
	if (strcmp(method, "POST")) {
		refuse(out, 405, "method_not_allowed", "Use POST");
		goto out;
	}
	req = json_loadb(body ? body : "", body_len, 0, NULL);
	token = json_string_value(json_object_get(req, "token"));
	csr_pem = json_string_value(json_object_get(req, "csr"));
	if (!token || !csr_pem ||
	    mbedtls_x509_csr_parse(&csr, (const unsigned char *)csr_pem, strlen(csr_pem) + 1)) {
		refuse(out, 400, "invalid_request", "Send a token and a PEM certificate request");
		goto out;
	}
	if (!csr_signature_ok(&csr) || !mbedtls_pk_can_do(&csr.pk, MBEDTLS_PK_ECKEY)) {
		refuse(out, 400, "invalid_request", "The request is not signed by an EC key");
		goto out;
	}
	pthread_mutex_lock(&ca.lock);
	rc = spend_token(token);
	if (rc == 0)
		rc = issue(&csr, pem, sizeof(pem)) == 0 ? 0 : KIOSK_ECRYPTO;
	pthread_mutex_unlock(&ca.lock);
	if (rc == KIOSK_EBUSY || rc == KIOSK_ENOTFOUND) {
		refuse(out, 403, "bad_token",
		       rc == KIOSK_EBUSY ? "This enrollment token was already used"
					 : "This enrollment token is not known");
		goto out;
	}
	if (rc) {
		refuse(out, 500, "server_error", "Cannot issue the certificate");
		goto out;
	}
	mbedtls_x509_dn_gets(cn, sizeof(cn), &csr.subject);
	log_info("portal-sim", "enrolled %s", cn);
	reply(out, 200, json_pack("{s:s}", "certificate", (const char *)pem));
out:
	mbedtls_x509_csr_free(&csr);
	json_decref(req);
}

/* --- mutual TLS: with --client-ca, API calls need a kiosk certificate from that CA --- */

int mtls_required(const char *path)
{
	/* Health answers anyone; enrollment is how a kiosk gets its certificate. */
	return strncmp(path, "/api/", 5) == 0 && strcmp(path, "/api/kiosk/v1/health") != 0 &&
	       !enroll_path(path);
}

int mtls_verified(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	gnutls_session_t session;
	unsigned status = 0;

	if (!ci || !ci->tls_session)
		return 0;
	session = (gnutls_session_t)ci->tls_session;
	if (gnutls_certificate_type_get(session) != GNUTLS_CRT_X509)
		return 0;
	/* Fails with no certificate at all; status names any flaw of one that was sent. */
	return gnutls_certificate_verify_peers2(session, &status) == 0 && status == 0;
}

int mtls_peer_cn(struct MHD_Connection *conn, char *cn, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	const gnutls_datum_t *chain;
	gnutls_x509_crt_t crt = NULL;
	unsigned count = 0;
	size_t len = n;
	int rc = KIOSK_ENOTFOUND;

	cn[0] = '\0';
	if (!ci || !ci->tls_session)
		return rc;
	chain = gnutls_certificate_get_peers((gnutls_session_t)ci->tls_session, &count);
	if (!chain || count == 0 || gnutls_x509_crt_init(&crt) < 0)
		return rc;
	/* The first in the chain is the kiosk's own; its CN is the kiosk's id. */
	if (gnutls_x509_crt_import(crt, &chain[0], GNUTLS_X509_FMT_DER) == 0 &&
	    gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &len) == 0)
		rc = 0;
	gnutls_x509_crt_deinit(crt);
	return rc;
}
