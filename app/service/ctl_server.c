/* The control socket's thread (see ctl_server.h). One client at a time: staff commands are
 * rare and short, and a client that stalls is cut off after a few seconds. */
#include "app/service/ctl_server.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define READ_TIMEOUT_MS 5000
#define ANSWER_TIMEOUT_S 60 /* a report printed on a slow printer */
#define LINE_MAX_BYTES 4096

struct ctl_server {
	struct ctl_server_ops ops;
	char path[108];
	int listen_fd;
	int stop_pipe[2];
	pthread_t thread;
	bool started;
	bool stopping; /* under lock: a waiting request gives up */
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

json_t *ctl_error(const char *message)
{
	return json_pack("{s:b, s:s}", "ok", 0, "error", message);
}

static void release(struct ctl_server *s, struct ctl_request *req)
{
	bool last;

	pthread_mutex_lock(&s->lock);
	last = --req->refs == 0;
	pthread_mutex_unlock(&s->lock);
	if (last) {
		json_decref(req->answer);
		free(req);
	}
}

void ctl_server_answer(struct ctl_server *s, struct ctl_request *req, json_t *answer)
{
	if (!req) {
		json_decref(answer);
		return;
	}
	pthread_mutex_lock(&s->lock);
	if (!req->answer)
		req->answer = answer;
	else
		json_decref(answer);
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	release(s, req);
}

/* Reads one line (without its newline) within READ_TIMEOUT_MS. */
static int read_line(int fd, char *buf, size_t n)
{
	size_t len = 0;

	while (len + 1 < n) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		ssize_t got;

		if (poll(&p, 1, READ_TIMEOUT_MS) <= 0)
			return KIOSK_ETIMEDOUT;
		got = read(fd, buf + len, n - 1 - len);
		if (got <= 0)
			return len ? 0 : KIOSK_EIO;
		len += (size_t)got;
		buf[len] = '\0';
		if (memchr(buf, '\n', len)) {
			*strchr(buf, '\n') = '\0';
			return 0;
		}
	}
	return KIOSK_EINVAL;
}

static void write_answer(int fd, json_t *answer)
{
	char *text = json_dumps(answer, JSON_COMPACT | JSON_PRESERVE_ORDER);
	size_t len, off = 0;

	if (!text)
		return;
	len = strlen(text);
	text[len] = '\0';
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (write(fd, "\n", 1) != 1)
		log_warn("ctl", "client went away before the answer");
	free(text);
}

static struct ctl_request *parse_request(const char *line, json_t **error)
{
	json_error_t jerr;
	json_t *doc = json_loads(line, 0, &jerr), *args;
	struct ctl_request *req = NULL;
	const char *cmd;

	*error = NULL;
	cmd = json_string_value(json_object_get(doc, "cmd"));
	args = json_object_get(doc, "args");
	if (!cmd || strlen(cmd) >= sizeof(req->cmd) || (args && !json_is_array(args)) ||
	    json_array_size(args) > CTL_MAX_ARGS) {
		*error = ctl_error("bad request: send {\"cmd\":NAME,\"args\":[...]} on one line");
		goto out;
	}
	req = calloc(1, sizeof(*req));
	if (!req) {
		*error = ctl_error("out of memory");
		goto out;
	}
	snprintf(req->cmd, sizeof(req->cmd), "%s", cmd);
	for (size_t i = 0; i < json_array_size(args); i++) {
		const char *a = json_string_value(json_array_get(args, i));
		if (!a || strlen(a) >= sizeof(req->args[0])) {
			free(req);
			req = NULL;
			*error = ctl_error("bad request: arguments must be short strings");
			goto out;
		}
		snprintf(req->args[i], sizeof(req->args[i]), "%s", a);
		req->argc++;
	}
out:
	json_decref(doc);
	return req;
}

static void serve(struct ctl_server *s, int fd)
{
	char line[LINE_MAX_BYTES];
	struct ctl_request *req;
	json_t *answer = NULL;

	if (read_line(fd, line, sizeof(line))) {
		answer = ctl_error("bad request: no request line");
		goto out;
	}
	req = parse_request(line, &answer);
	if (!req)
		goto out;
	answer = s->ops.query(s->ops.ctx, req);
	if (answer) {
		free(req);
		goto out;
	}
	req->refs = 2; /* this thread's and the UI's */
	s->ops.submit(s->ops.ctx, req);
	{
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += ANSWER_TIMEOUT_S;
		pthread_mutex_lock(&s->lock);
		while (!req->answer && !s->stopping &&
		       pthread_cond_timedwait(&s->cond, &s->lock, &until) != ETIMEDOUT)
			;
		answer = req->answer;
		req->answer = NULL;
		pthread_mutex_unlock(&s->lock);
	}
	if (!answer)
		answer = ctl_error("the kiosk did not answer in time");
	release(s, req);
out:
	write_answer(fd, answer);
	json_decref(answer);
}

static void *ctl_main(void *arg)
{
	struct ctl_server *s = arg;

	for (;;) {
		struct pollfd p[2] = {{.fd = s->listen_fd, .events = POLLIN},
				      {.fd = s->stop_pipe[0], .events = POLLIN}};
		int fd;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents)
			break;
		fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		serve(s, fd);
		close(fd);
	}
	return NULL;
}

int ctl_server_start(const char *path, const struct ctl_server_ops *ops, struct ctl_server **out)
{
	struct ctl_server *s = calloc(1, sizeof(*s));
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	struct group *staff;
	int rc = KIOSK_EIO;

	*out = NULL;
	if (!s)
		return KIOSK_ENOMEM;
	s->listen_fd = -1;
	s->stop_pipe[0] = s->stop_pipe[1] = -1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	s->ops = *ops;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		log_error("ctl", "control socket path too long: %s", path);
		rc = KIOSK_EINVAL;
		goto fail;
	}
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->listen_fd < 0 || pipe2(s->stop_pipe, O_CLOEXEC) != 0)
		goto fail;
	unlink(path); /* a socket a previous run left behind */
	if (bind(s->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(s->listen_fd, 4) != 0) {
		log_error("ctl", "cannot listen on %s: %s", path, strerror(errno));
		goto fail;
	}
	/* Staff in the kiosk-staff group may talk to it; nobody else. */
	if (chmod(path, 0660) != 0)
		log_warn("ctl", "cannot set the mode of %s: %s", path, strerror(errno));
	staff = getgrnam("kiosk-staff");
	if (staff && chown(path, (uid_t)-1, staff->gr_gid) != 0)
		log_warn("ctl", "cannot give %s to group kiosk-staff: %s", path, strerror(errno));
	if (pthread_create(&s->thread, NULL, ctl_main, s) != 0) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	s->started = true;
	log_info("ctl", "control socket %s", path);
	*out = s;
	return 0;
fail:
	ctl_server_stop(s);
	ctl_server_free(s);
	return rc;
}

void ctl_server_stop(struct ctl_server *s)
{
	if (!s)
		return;
	if (s->started) {
		if (write(s->stop_pipe[1], "x", 1) != 1)
			log_warn("ctl", "cannot stop the control thread: %s", strerror(errno));
		pthread_mutex_lock(&s->lock);
		s->stopping = true;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->thread, NULL);
		s->started = false;
	}
	if (s->listen_fd >= 0) {
		close(s->listen_fd);
		unlink(s->path);
		s->listen_fd = -1;
	}
}

void ctl_server_free(struct ctl_server *s)
{
	if (!s)
		return;
	if (s->stop_pipe[0] >= 0)
		close(s->stop_pipe[0]);
	if (s->stop_pipe[1] >= 0)
		close(s->stop_pipe[1]);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	free(s);
}
