/* kiosk-pki: makes the development PKI (CA, portal server certificate, card-sealing key pair).
 * Only missing files are created, so rebuilding never changes keys the tests already trust. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>

#include "app/common/err.h"

#define PEM_MAX 16384

enum key_kind { KEY_EC_P256, KEY_RSA_2048 };

/* One CA and the server certificate it signs; the rogue set has the same shape. */
struct pki_names {
	const char *ca;
	const char *ca_cn;
	const char *server;
};

struct pki {
	const char *dir;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: kiosk-pki [--rogue|--terminal] OUTDIR\n"
		   "  Creates in OUTDIR, only where missing:\n"
		   "    ca.pem ca.key          development CA\n"
		   "    server.pem server.key  portal certificate for localhost / 127.0.0.1\n"
		   "    seal.pem seal.key      RSA-2048 card-sealing key pair\n"
		   "  --rogue  instead creates rogue-ca.pem rogue-ca.key rogue-server.pem\n"
		   "           rogue-server.key: an unrelated CA, for tests of untrusted portals\n"
		   "  --terminal  instead creates terminal-ca.pem terminal-ca.key terminal.pem\n"
		   "           terminal.key: the payment terminal's own CA and certificate, as a\n"
		   "           terminal vendor's is separate from the portal's\n");
}

static void report(const char *what, const char *path, int mbed_err)
{
	char msg[160];

	mbedtls_strerror(mbed_err, msg, sizeof(msg));
	fprintf(stderr, "kiosk-pki: %s %s: %s\n", what, path, msg);
}

static void path_of(char *out, size_t n, const char *dir, const char *name, const char *ext)
{
	snprintf(out, n, "%s/%s.%s", dir, name, ext);
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* mkdir -p: the build directory may not have pki/ yet. */
static int make_dirs(const char *dir)
{
	char tmp[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(tmp))
		return KIOSK_EINVAL;
	memcpy(tmp, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		char c = tmp[i];
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "kiosk-pki: mkdir %s: %s\n", tmp, strerror(errno));
			return KIOSK_EIO;
		}
		tmp[i] = c;
	}
	return 0;
}

/* Written to a temporary name and renamed, so a crash never leaves half a key behind;
 * the mode is set before any byte of a private key is written. */
static int write_file(const char *path, const unsigned char *data, size_t len, mode_t mode)
{
	char tmp[4200];
	int fd = -1;
	int rc = KIOSK_EIO;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0 || fchmod(fd, mode) != 0)
		goto out;
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		data += w;
		len -= (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0) {
		fprintf(stderr, "kiosk-pki: write %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	}
	return rc;
}

static int generate_key(struct pki *pki, enum key_kind kind, mbedtls_pk_context *pk)
{
	int ret;

	if (kind == KEY_RSA_2048) {
		ret = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));
		if (ret == 0)
			ret = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*pk), mbedtls_ctr_drbg_random,
						  &pki->drbg, 2048, 65537);
	} else {
		ret = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
		if (ret == 0)
			ret = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*pk),
						  mbedtls_ctr_drbg_random, &pki->drbg);
	}
	return ret;
}

/* Loads NAME.key, or makes and saves a new one; *created tells the caller to reissue
 * anything that depended on the old key. */
static int load_or_make_key(struct pki *pki, const char *name, enum key_kind kind,
			    mbedtls_pk_context *pk, int *created)
{
	char path[4096];
	unsigned char *pem = NULL;
	int ret;
	int rc = KIOSK_ECRYPTO;

	*created = 0;
	path_of(path, sizeof(path), pki->dir, name, "key");
	if (file_exists(path)) {
		ret = mbedtls_pk_parse_keyfile(pk, path, NULL);
		if (ret != 0) {
			report("cannot read", path, ret);
			goto out;
		}
		rc = 0;
		goto out;
	}
	ret = generate_key(pki, kind, pk);
	if (ret != 0) {
		report("cannot generate", path, ret);
		goto out;
	}
	pem = calloc(1, PEM_MAX);
	if (!pem) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	ret = mbedtls_pk_write_key_pem(pk, pem, PEM_MAX);
	if (ret != 0) {
		report("cannot encode", path, ret);
		goto out;
	}
	rc = write_file(path, pem, strlen((char *)pem), 0600);
	if (rc == 0) {
		*created = 1;
		printf("kiosk-pki: created %s\n", path);
	}
out:
	if (pem) {
		mbedtls_platform_zeroize(pem, PEM_MAX);
		free(pem);
	}
	return rc;
}

static int write_public_key(struct pki *pki, const char *name, mbedtls_pk_context *pk)
{
	char path[4096];
	unsigned char pem[4096];
	int ret;

	path_of(path, sizeof(path), pki->dir, name, "pem");
	ret = mbedtls_pk_write_pubkey_pem(pk, pem, sizeof(pem));
	if (ret != 0) {
		report("cannot encode", path, ret);
		return KIOSK_ECRYPTO;
	}
	printf("kiosk-pki: created %s\n", path);
	return write_file(path, pem, strlen((char *)pem), 0644);
}

/* subjectAltName = DNS:localhost, IP:127.0.0.1, and extendedKeyUsage = serverAuth: mbedtls
 * 2.28 has no setters for these, so their DER is written by hand. */
static int add_server_extensions(mbedtls_x509write_cert *crt)
{
	static const unsigned char ip[4] = {127, 0, 0, 1};
	static const char dns[] = "localhost";
	unsigned char buf[128];
	unsigned char *p = buf + sizeof(buf);
	size_t len = 0;
	int ret;

	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_raw_buffer(&p, buf, ip, sizeof(ip)));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, sizeof(ip)));
	MBEDTLS_ASN1_CHK_ADD(len,
			     mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7));
	MBEDTLS_ASN1_CHK_ADD(
	    len, mbedtls_asn1_write_raw_buffer(&p, buf, (const unsigned char *)dns, strlen(dns)));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, strlen(dns)));
	MBEDTLS_ASN1_CHK_ADD(len,
			     mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, len));
	MBEDTLS_ASN1_CHK_ADD(
	    len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
	ret = mbedtls_x509write_crt_set_extension(crt, MBEDTLS_OID_SUBJECT_ALT_NAME,
						  MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0,
						  p, len);
	if (ret != 0)
		return ret;

	p = buf + sizeof(buf);
	len = 0;
	MBEDTLS_ASN1_CHK_ADD(len,
			     mbedtls_asn1_write_oid(&p, buf, MBEDTLS_OID_SERVER_AUTH,
						    MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, len));
	MBEDTLS_ASN1_CHK_ADD(
	    len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE));
	return mbedtls_x509write_crt_set_extension(crt, MBEDTLS_OID_EXTENDED_KEY_USAGE,
						   MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE),
						   0, p, len);
}

/* Issues NAME.pem for `subject_key`, signed by `issuer_key` (the same key for the CA). */
static int issue_cert(struct pki *pki, const char *name, const char *subject_dn,
		      const char *issuer_dn, mbedtls_pk_context *subject_key,
		      mbedtls_pk_context *issuer_key, int is_ca)
{
	char path[4096];
	char not_before[16], not_after[16];
	unsigned char pem[8192];
	unsigned char serial_bytes[16];
	mbedtls_x509write_cert crt;
	mbedtls_mpi serial;
	time_t now = time(NULL);
	struct tm tm;
	int ret;
	int rc = KIOSK_ECRYPTO;

	mbedtls_x509write_crt_init(&crt);
	mbedtls_mpi_init(&serial);
	path_of(path, sizeof(path), pki->dir, name, "pem");

	/* Backdated a day so a kiosk whose clock lags a little still accepts it. */
	time_t start = now - 24 * 3600;
	gmtime_r(&start, &tm);
	strftime(not_before, sizeof(not_before), "%Y%m%d%H%M%S", &tm);
	time_t end = now + (time_t)10 * 365 * 24 * 3600;
	gmtime_r(&end, &tm);
	strftime(not_after, sizeof(not_after), "%Y%m%d%H%M%S", &tm);

	ret = mbedtls_ctr_drbg_random(&pki->drbg, serial_bytes, sizeof(serial_bytes));
	if (ret != 0)
		goto fail;
	serial_bytes[0] &= 0x7f; /* a positive serial */
	serial_bytes[0] |= 0x01;
	ret = mbedtls_mpi_read_binary(&serial, serial_bytes, sizeof(serial_bytes));
	if (ret != 0)
		goto fail;

	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, subject_key);
	mbedtls_x509write_crt_set_issuer_key(&crt, issuer_key);
	if ((ret = mbedtls_x509write_crt_set_serial(&crt, &serial)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_validity(&crt, not_before, not_after)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_subject_name(&crt, subject_dn)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_issuer_name(&crt, issuer_dn)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_basic_constraints(&crt, is_ca, is_ca ? 0 : -1)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_subject_key_identifier(&crt)) != 0 ||
	    (ret = mbedtls_x509write_crt_set_authority_key_identifier(&crt)) != 0)
		goto fail;
	if (is_ca)
		ret = mbedtls_x509write_crt_set_key_usage(&crt, MBEDTLS_X509_KU_KEY_CERT_SIGN |
								    MBEDTLS_X509_KU_CRL_SIGN);
	else
		ret = mbedtls_x509write_crt_set_key_usage(
		    &crt, MBEDTLS_X509_KU_DIGITAL_SIGNATURE | MBEDTLS_X509_KU_KEY_ENCIPHERMENT);
	if (ret != 0)
		goto fail;
	if (!is_ca && (ret = add_server_extensions(&crt)) != 0)
		goto fail;

	ret =
	    mbedtls_x509write_crt_pem(&crt, pem, sizeof(pem), mbedtls_ctr_drbg_random, &pki->drbg);
	if (ret != 0)
		goto fail;
	rc = write_file(path, pem, strlen((char *)pem), 0644);
	if (rc == 0)
		printf("kiosk-pki: created %s\n", path);
	goto out;
fail:
	report("cannot issue", path, ret);
out:
	mbedtls_mpi_free(&serial);
	mbedtls_x509write_crt_free(&crt);
	return rc;
}

/* True when NAME.pem still chains to the CA and belongs to `key` (someone may have
 * replaced one file by hand). */
static int cert_still_valid(struct pki *pki, const char *name, const char *ca_name,
			    mbedtls_pk_context *key)
{
	char path[4096], ca_path[4096];
	mbedtls_x509_crt crt, ca;
	uint32_t flags = 0;
	int ok = 0;

	mbedtls_x509_crt_init(&crt);
	mbedtls_x509_crt_init(&ca);
	path_of(path, sizeof(path), pki->dir, name, "pem");
	path_of(ca_path, sizeof(ca_path), pki->dir, ca_name, "pem");
	if (mbedtls_x509_crt_parse_file(&crt, path) != 0 ||
	    mbedtls_x509_crt_parse_file(&ca, ca_path) != 0)
		goto out;
	if (mbedtls_pk_check_pair(&crt.pk, key) != 0)
		goto out;
	if (strcmp(name, ca_name) != 0 &&
	    mbedtls_x509_crt_verify(&crt, &ca, NULL, NULL, &flags, NULL, NULL) != 0)
		goto out;
	ok = 1;
out:
	mbedtls_x509_crt_free(&crt);
	mbedtls_x509_crt_free(&ca);
	return ok;
}

static int make_ca_and_server(struct pki *pki, const struct pki_names *n)
{
	char path[4096];
	char ca_dn[128];
	mbedtls_pk_context ca_key, srv_key;
	int ca_new = 0, srv_new = 0;
	int rc;

	mbedtls_pk_init(&ca_key);
	mbedtls_pk_init(&srv_key);
	snprintf(ca_dn, sizeof(ca_dn), "CN=%s,O=Kiosk Development,C=US", n->ca_cn);

	rc = load_or_make_key(pki, n->ca, KEY_EC_P256, &ca_key, &ca_new);
	if (rc != 0)
		goto out;
	path_of(path, sizeof(path), pki->dir, n->ca, "pem");
	if (ca_new || !file_exists(path) || !cert_still_valid(pki, n->ca, n->ca, &ca_key)) {
		rc = issue_cert(pki, n->ca, ca_dn, ca_dn, &ca_key, &ca_key, 1);
		if (rc != 0)
			goto out;
		ca_new = 1;
	}

	rc = load_or_make_key(pki, n->server, KEY_EC_P256, &srv_key, &srv_new);
	if (rc != 0)
		goto out;
	path_of(path, sizeof(path), pki->dir, n->server, "pem");
	if (ca_new || srv_new || !file_exists(path) ||
	    !cert_still_valid(pki, n->server, n->ca, &srv_key))
		rc = issue_cert(pki, n->server, "CN=localhost,O=Kiosk Development,C=US", ca_dn,
				&srv_key, &ca_key, 0);
out:
	mbedtls_pk_free(&ca_key);
	mbedtls_pk_free(&srv_key);
	return rc;
}

static int make_seal_pair(struct pki *pki)
{
	char path[4096];
	mbedtls_pk_context key;
	int created = 0;
	int rc;

	mbedtls_pk_init(&key);
	rc = load_or_make_key(pki, "seal", KEY_RSA_2048, &key, &created);
	if (rc != 0)
		goto out;
	path_of(path, sizeof(path), pki->dir, "seal", "pem");
	if (created || !file_exists(path))
		rc = write_public_key(pki, "seal", &key);
out:
	mbedtls_pk_free(&key);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct pki_names dev = {"ca", "Kiosk Dev CA", "server"};
	static const struct pki_names rogue = {"rogue-ca", "Rogue Dev CA", "rogue-server"};
	static const struct pki_names terminal = {"terminal-ca", "Terminal Dev CA", "terminal"};
	const struct pki_names *other = NULL;
	static const char pers[] = "kiosk-pki";
	struct pki pki;
	int rc = 1;

	memset(&pki, 0, sizeof(pki));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rogue") == 0) {
			other = &rogue;
		} else if (strcmp(argv[i], "--terminal") == 0) {
			other = &terminal;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' || pki.dir) {
			usage(stderr);
			return 2;
		} else {
			pki.dir = argv[i];
		}
	}
	if (!pki.dir) {
		usage(stderr);
		return 2;
	}

	mbedtls_entropy_init(&pki.entropy);
	mbedtls_ctr_drbg_init(&pki.drbg);
	if (make_dirs(pki.dir) != 0)
		goto out;
	umask(077);
	if (mbedtls_ctr_drbg_seed(&pki.drbg, mbedtls_entropy_func, &pki.entropy,
				  (const unsigned char *)pers, sizeof(pers) - 1) != 0) {
		fprintf(stderr, "kiosk-pki: cannot seed the random generator\n");
		goto out;
	}
	if (other) {
		if (make_ca_and_server(&pki, other) != 0)
			goto out;
	} else {
		if (make_ca_and_server(&pki, &dev) != 0 || make_seal_pair(&pki) != 0)
			goto out;
	}
	rc = 0;
out:
	mbedtls_ctr_drbg_free(&pki.drbg);
	mbedtls_entropy_free(&pki.entropy);
	return rc;
}
