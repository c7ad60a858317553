/* The simulators' HTTP(S) plumbing on libmicrohttpd: daemon start and stop, body collection,
 * answers, port files. portal-sim and terminal-sim both serve through it. */
#include "tools/simhttp/simhttp.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"

struct simhttp {
	struct MHD_Daemon *daemon;
	char *cert_pem;
	char *key_pem;
	char *client_ca_pem;
};

char *simhttp_read_file(const char *path, const char *name)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f)
		goto out;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = calloc(1, (size_t)size + 1);
	if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
out:
	if (f)
		fclose(f);
	if (!buf)
		log_error(name, "cannot read %s", path);
	return buf;
}

int simhttp_start(const struct simhttp_options *opt, MHD_AccessHandlerCallback handler,
		  void *handler_cls, MHD_RequestCompletedCallback completed, void *completed_cls,
		  struct simhttp **out, unsigned *port)
{
	struct simhttp *s = calloc(1, sizeof(*s));
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	unsigned flags =
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	int rc = KIOSK_EIO;

	*out = NULL;
	if (!s)
		return KIOSK_ENOMEM;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)opt->port);
	if (inet_pton(AF_INET, opt->listen, &sa.sin_addr) != 1) {
		log_error(opt->name, "--listen wants an IPv4 address, not %s", opt->listen);
		rc = KIOSK_EINVAL;
		goto out;
	}
	if (opt->cert || opt->key) {
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
			log_error(opt->name, "this libmicrohttpd has no TLS support");
			goto out;
		}
		s->cert_pem = simhttp_read_file(opt->cert, opt->name);
		s->key_pem = simhttp_read_file(opt->key, opt->name);
		if (!s->cert_pem || !s->key_pem)
			goto out;
		if (opt->client_ca &&
		    !(s->client_ca_pem = simhttp_read_file(opt->client_ca, opt->name)))
			goto out;
		flags |= MHD_USE_TLS;
		s->daemon = MHD_start_daemon(
		    flags, (uint16_t)opt->port, opt->accept, opt->accept_cls, handler, handler_cls,
		    MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_HTTPS_MEM_CERT, s->cert_pem,
		    MHD_OPTION_HTTPS_MEM_KEY, s->key_pem, MHD_OPTION_HTTPS_MEM_TRUST,
		    s->client_ca_pem, MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
	} else {
		s->daemon = MHD_start_daemon(
		    flags, (uint16_t)opt->port, opt->accept, opt->accept_cls, handler, handler_cls,
		    MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_NOTIFY_COMPLETED, completed,
		    completed_cls, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
	}
	if (!s->daemon) {
		log_error(opt->name, "cannot listen on %s:%u", opt->listen, opt->port);
		goto out;
	}
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || info->port == 0)
		goto out;
	*port = info->port;
	*out = s;
	rc = 0;
out:
	if (rc != 0)
		simhttp_stop(s);
	return rc;
}

void simhttp_stop(struct simhttp *s)
{
	if (!s)
		return;
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	free(s->cert_pem);
	free(s->client_ca_pem);
	if (s->key_pem) {
		memset(s->key_pem, 0, strlen(s->key_pem));
		free(s->key_pem);
	}
	free(s);
}

int simhttp_body_append(struct simhttp_body *b, size_t max, const char *data, size_t n)
{
	char *grown;

	if (b->too_big || b->len + n > max) {
		b->too_big = 1;
		return 0;
	}
	grown = realloc(b->data, b->len + n + 1);
	if (!grown)
		return KIOSK_ENOMEM;
	memcpy(grown + b->len, data, n);
	b->data = grown;
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

void simhttp_body_free(struct simhttp_body *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

enum MHD_Result simhttp_send(struct MHD_Connection *conn, unsigned status, const char *content_type,
			     char *body)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", content_type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

int simhttp_write_port_file(const char *path, unsigned port, const char *name)
{
	char tmp[4096];
	FILE *f;
	int rc = KIOSK_EIO;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp))
		return KIOSK_EINVAL;
	f = fopen(tmp, "w");
	if (!f)
		goto out;
	if (fprintf(f, "%u\n", port) < 0) {
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0) {
		log_error(name, "cannot write port file %s", path);
		unlink(tmp);
	}
	return rc;
}

int simhttp_parse_unsigned(const char *s, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!s || *s == '\0' || s[0] == '-' || s[0] == '+')
		return KIOSK_EINVAL;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || v > max)
		return KIOSK_EINVAL;
	*out = (unsigned)v;
	return 0;
}

void simhttp_block_stop_signals(sigset_t *stop)
{
	sigemptyset(stop);
	sigaddset(stop, SIGTERM);
	sigaddset(stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, stop, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int simhttp_ledger_path(int argc, char **argv, const char *prog, const char *db_name, char *path,
			size_t n)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"data", required_argument, NULL, 'D'},
						 {NULL, 0, NULL, 0}};
	struct stat st;
	int c;

	snprintf(path, n, "%s", db_name);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'd')
			snprintf(path, n, "%s", optarg);
		else if (c == 'D')
			snprintf(path, n, "%s/%s", optarg, db_name);
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	/* Reading must not create (and seed) a database where there was none. */
	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s ledger: no database at %s\n", prog, path);
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: %s ledger [--data DIR | --db FILE]\n", prog);
	return 2;
}

int simhttp_data_db(const char *dir, const char *db_name, char *path, size_t n)
{
	struct stat st;

	if (mkdir(dir, 0700) != 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
		return KIOSK_EIO;
	return snprintf(path, n, "%s/%s", dir, db_name) < (int)n ? 0 : KIOSK_EINVAL;
}

int simhttp_fault_is(const char *s, const char *name)
{
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);

	return strlen(name) == len && strncmp(s, name, len) == 0;
}

int simhttp_fault_arg(const char *s, int is_delay, unsigned *ms, int *limit)
{
	const char *colon = strchr(s, ':');
	unsigned n;

	if (is_delay)
		return colon && simhttp_parse_unsigned(colon + 1, 600000, ms) == 0 ? 0
										   : KIOSK_EINVAL;
	if (colon) {
		if (simhttp_parse_unsigned(colon + 1, 1000000, &n) != 0 || n == 0)
			return KIOSK_EINVAL;
		*limit = (int)n;
	}
	return 0;
}

int simhttp_print_json_line(json_t *doc)
{
	char *line = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	if (!line)
		return KIOSK_ENOMEM;
	printf("%s\n", line);
	free(line);
	return 0;
}
