/* Fuzz target: portal-sim's request handling (api_handle: JSON body, matching, payments) on a
 * fresh in-memory store. The first byte picks the endpoint; the rest is the body, or for a
 * payment status the idempotency key in the path. The unsealing key is made at start. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

static struct sim_unsealer *unsealer;

/* A throwaway RSA key in a temporary PEM file, as portal-sim reads its seal key. */
static int make_unsealer(void)
{
	static const char pers[] = "fuzz-portal-sim";
	char path[] = "/tmp/kiosk-fuzz-seal-XXXXXX";
	unsigned char pem[4096];
	mbedtls_pk_context pk;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	int fd, rc = -1;

	mbedtls_pk_init(&pk);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
				  (const unsigned char *)pers, sizeof(pers) - 1) != 0 ||
	    mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA)) != 0 ||
	    mbedtls_rsa_gen_key(mbedtls_pk_rsa(pk), mbedtls_ctr_drbg_random, &drbg, 1024, 65537) !=
		0 ||
	    mbedtls_pk_write_key_pem(&pk, pem, sizeof(pem)) != 0)
		goto out;
	fd = mkstemp(path);
	if (fd < 0)
		goto out;
	if (write(fd, pem, strlen((const char *)pem)) == (ssize_t)strlen((const char *)pem))
		rc = unseal_open(path, &unsealer);
	close(fd);
	unlink(path);
out:
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
	return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_level(LOG_ERROR);
	if (make_unsealer() != 0) {
		fprintf(stderr, "fuzz_portal_sim_api: cannot make a seal key\n");
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char payments[] = "/api/kiosk/v1/payments";
	struct sim_db *db = NULL;
	struct sim_api *api = NULL;
	struct sim_reply reply = {0, NULL};
	char path[256];
	const char *body;
	size_t len;

	if (size < 1)
		return 0;
	body = (const char *)data + 1;
	len = size - 1;
	if (db_open(":memory:", &db) != 0 || api_open(db, unsealer, &api) != 0)
		abort();
	switch (data[0] % 4) {
	case 0: api_handle(api, "POST", "/api/kiosk/v1/bills/lookup", body, len, &reply); break;
	case 1: api_handle(api, "POST", payments, body, len, &reply); break;
	default:
		/* The key travels in the path: cut at the first NUL as a URL would be. */
		snprintf(path, sizeof(path), "%s/%.*s", payments, (int)strnlen(body, len), body);
		api_handle(api, data[0] % 4 == 2 ? "GET" : "POST", path, NULL, 0, &reply);
		break;
	}
	free(reply.body);
	api_close(api);
	db_close(db);
	return 0;
}
