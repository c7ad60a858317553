/* kioskctl's commands inside the kiosk (see ctl_commands.h). Answers are JSON objects with
 * "ok"; failures carry an "error" a person can act on. */
#include "app/service/ctl_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/log.h"

static json_t *printer_json(const struct core_service_status *st)
{
	return json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "present", st->printer_present,
			 "online", st->printer_online, "paper_near_end", st->paper_near_end,
			 "paper_out", st->paper_out, "cover_open", st->cover_open, "cutter_error",
			 st->cutter_error, "unrecoverable_error", st->unrecoverable_error);
}

/* The bill validator as staff see it: "state" is core_cash_problem_name ("ok", "jam"...). */
static json_t *validator_json(const struct core_service_status *st)
{
	return json_pack("{s:s, s:b, s:I, s:I}", "state", core_cash_problem_name(st->cash),
			 "box_present", st->cash_box_present, "serial", (json_int_t)st->cash_serial,
			 "alarm_at", (json_int_t)st->cash_alarm_at);
}

static json_t *devices_json(const struct service_view *v)
{
	json_t *d = json_pack("{s:o, s:{s:b}}", "printer", printer_json(&v->status), "card_reader",
			      "ready", v->status.reader_ready);

	if (d && v->status.cash != CORE_CASH_NONE)
		json_object_set_new(d, "bill_validator", validator_json(&v->status));
	if (d && v->status.terminal != CORE_TERMINAL_NONE)
		json_object_set_new(
		    d, "payment_terminal",
		    json_pack("{s:s}", "state", core_terminal_name(v->status.terminal)));
	return d;
}

/* Notes by denomination: {"since", "notes", "cents", "denominations": [{"cents", "count"}]}. */
static json_t *cash_json(const struct core_cash_count *c)
{
	json_t *list = json_array();

	for (int i = 0; i < c->n && i < CORE_CASH_DENOMS; i++)
		json_array_append_new(list,
				      json_pack("{s:I, s:i}", "cents", (json_int_t)c->d[i].cents,
						"count", c->d[i].count));
	return json_pack("{s:I, s:i, s:I, s:o}", "since", (json_int_t)c->since, "notes", c->notes,
			 "cents", (json_int_t)c->cents, "denominations", list);
}

static json_t *logs(const struct ctl_request *req)
{
	long n = 50;
	json_t *lines;
	char *buf, *line, *save = NULL;
	size_t size = (size_t)LOG_RING_LINES * 330; /* a ring line is at most 320 bytes */

	if (req->argc == 1) {
		char *end;
		n = strtol(req->args[0], &end, 10);
		if (*end || n < 1 || n > LOG_RING_LINES)
			return ctl_error("logs: -n takes a number from 1 to 200");
	} else if (req->argc > 1) {
		return ctl_error("logs: too many arguments");
	}
	buf = malloc(size);
	if (!buf)
		return ctl_error("out of memory");
	log_recent((int)n, buf, size);
	lines = json_array();
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		json_array_append_new(lines, json_string(line));
	free(buf);
	return json_pack("{s:b, s:o}", "ok", 1, "lines", lines);
}

json_t *ctl_commands_query(struct ctl_host *h, const struct ctl_request *req)
{
	struct service_view v;

	service_snapshot_get(h->snap, &v);
	if (!strcmp(req->cmd, "status")) {
		if (req->argc)
			return ctl_error("status takes no arguments");
		return json_pack("{s:b, s:s, s:s, s:s, s:b, s:s, s:o, s:{s:b, s:i}, s:{s:I, s:I}, "
				 "s:{s:s, s:b}}",
				 "ok", 1, "kiosk_id", v.kiosk_id, "version", v.version,
				 "update_slot", v.slot, "out_of_service", v.out_of_service,
				 "screen", v.screen, "devices", devices_json(&v), "portal",
				 "reachable", v.status.portal_ok, "rtt_ms", v.status.portal_rtt_ms,
				 "outbox", "pending", (json_int_t)v.status.outbox_pending,
				 "last_sync", (json_int_t)v.status.last_sync, "staff_pin", "state",
				 v.pin_state, "service_mode", v.service_mode_open);
	}
	if (!strcmp(req->cmd, "devices")) {
		if (req->argc)
			return ctl_error("devices takes no arguments");
		json_t *d = devices_json(&v);
		json_object_set_new(d, "ok", json_true());
		return d;
	}
	if (!strcmp(req->cmd, "logs"))
		return logs(req);
	return NULL;
}

/* A worker's answer to a kioskctl request, on the worker thread. */
struct pending {
	struct ctl_host *h;
	struct ctl_request *req;
};

static const char *failure_text(enum core_failure f)
{
	switch (f) {
	case CORE_FAIL_NOT_FOUND: return "no payment with that reference has a receipt to print";
	case CORE_FAIL_PAPER_OUT: return "the printer is out of paper or its cover is open";
	case CORE_FAIL_STORE: return "the kiosk's records could not be read or written";
	default: return "the printer did not print";
	}
}

static json_t *report_json(const struct core_day_report *r)
{
	return json_pack("{s:I, s:I, s:{s:i, s:I}, s:{s:i, s:I}, s:{s:i, s:I}, s:o}", "since",
			 (json_int_t)r->since, "closed_at", (json_int_t)r->closed_at, "approved",
			 "count", r->approved_count, "cents", (json_int_t)r->approved_cents,
			 "declined", "count", r->declined_count, "cents",
			 (json_int_t)r->declined_cents, "in_doubt", "count", r->in_doubt_count,
			 "cents", (json_int_t)r->in_doubt_cents, "cash", cash_json(&r->cash));
}

/* kioskctl cash [empty|clear]: the box's count and the validator (after the emptying or the
 * clearing, when asked). */
static json_t *cash_answer(const struct core_event *ev)
{
	if (ev->failure == CORE_FAIL_NOT_FOUND)
		return ctl_error("no bill validator is configured on this kiosk ([cash])");
	if (ev->failure)
		return ctl_error("the cash box's records could not be read or written");
	return json_pack("{s:b, s:o, s:o, s:b, s:b}", "ok", 1, "cash", cash_json(&ev->report.cash),
			 "validator", validator_json(&ev->status), "emptied",
			 ev->op == CORE_SOP_EMPTY_CASHBOX, "cleared",
			 ev->op == CORE_SOP_CASH_CLEAR);
}

static void worker_done(void *ctx, const struct core_event *ev)
{
	struct pending *p = ctx;
	json_t *answer;

	if (!p->req) { /* an audit entry alone */
		free(p);
		return;
	}
	if (ev->op == CORE_SOP_CASHBOX || ev->op == CORE_SOP_EMPTY_CASHBOX ||
	    ev->op == CORE_SOP_CASH_CLEAR) {
		answer = cash_answer(ev);
	} else if (ev->op == CORE_SOP_SET_PIN) {
		answer = ev->failure == CORE_FAIL_REFUSED
			     ? ctl_error("a staff PIN is 6 to 8 digits, and not the demo PIN")
			 : ev->failure ? ctl_error(failure_text(ev->failure))
				       : json_pack("{s:b}", "ok", 1);
	} else if (ev->op == CORE_SOP_REPORT || ev->op == CORE_SOP_CLOSE_DAY) {
		if (ev->failure == CORE_FAIL_STORE) {
			answer = ctl_error(failure_text(ev->failure));
		} else {
			answer =
			    json_pack("{s:b, s:o}", "ok", 1, "report", report_json(&ev->report));
			if (ev->failure)
				json_object_set_new(answer, "print_error",
						    json_string(failure_text(ev->failure)));
		}
	} else if (ev->failure) {
		answer = ctl_error(failure_text(ev->failure));
	} else {
		answer = json_pack("{s:b}", "ok", 1);
		if (ev->reference[0])
			json_object_set_new(answer, "reference", json_string(ev->reference));
	}
	ctl_server_answer(p->h->server, p->req, answer);
	free(p);
}

static void to_worker(struct ctl_host *h, struct ctl_request *req, enum core_service_op op,
		      const char *text)
{
	struct core_effect fx;
	struct pending *p = calloc(1, sizeof(*p));

	if (!p) {
		if (req)
			ctl_server_answer(h->server, req, ctl_error("out of memory"));
		return;
	}
	memset(&fx, 0, sizeof(fx));
	fx.type = CORE_FX_SERVICE;
	fx.op = (int)op;
	snprintf(fx.text, sizeof(fx.text), "%s", text);
	p->h = h;
	p->req = req;
	h->to_worker(h->ctx, &fx, worker_done, p);
	explicit_bzero(fx.text, sizeof(fx.text)); /* set-pin's PIN: the worker has its copy */
}

/* "section.key" into its parts. */
static int split_key(const char *name, char *section, char *key)
{
	const char *dot = strchr(name, '.');

	if (!dot || dot == name || !dot[1] || dot - name >= 32 || strlen(dot + 1) >= 64)
		return -1;
	snprintf(section, 32, "%.*s", (int)(dot - name), name);
	snprintf(key, 64, "%s", dot + 1);
	return 0;
}

/* config get: every key of the settings table. config set: exactly the keys the running
 * kiosk applies (CONFIG_LIVE); the others are refused, saying so, and nothing changes. */
static json_t *config_cmd(struct ctl_host *h, struct ctl_request *req)
{
	char section[32], key[64], value[256], err[256];
	bool set = req->argc == 3 && !strcmp(req->args[0], "set");
	const char *when = NULL;
	json_t *answer;

	if (!(req->argc == 2 && !strcmp(req->args[0], "get")) && !set)
		return ctl_error("config: use config get SECTION.KEY or config set SECTION.KEY "
				 "VALUE");
	if (split_key(req->args[1], section, key))
		return ctl_error("config: name a setting as SECTION.KEY, e.g. ui.idle_timeout_s");
	if (set) {
		struct kiosk_config next = *h->cfg;
		if (config_set_from(&next, req->args[1], req->args[2], CONFIG_LIVE, err,
				    sizeof(err)))
			return ctl_error(err);
		when = h->apply_settings(h->ctx, &next);
		snprintf(err, sizeof(err), "config_set %.60s", req->args[1]);
		to_worker(h, NULL, CORE_SOP_AUDIT, err); /* the audit only: no answer awaited */
	}
	if (config_get(h->cfg, section, key, value, sizeof(value)))
		return ctl_error(value);
	answer = json_pack("{s:b, s:s, s:s, s:b}", "ok", 1, "key", req->args[1], "value", value,
			   "persisted", 0);
	if (when)
		json_object_set_new(answer, "applies", json_string(when));
	return answer;
}

void ctl_commands_run(struct ctl_host *h, struct ctl_request *req)
{
	json_t *answer = NULL;

	if (!strcmp(req->cmd, "print-test") && req->argc == 0) {
		to_worker(h, req, CORE_SOP_TEST_PRINT, "");
		return;
	}
	if (!strcmp(req->cmd, "set-pin") && req->argc == 1) {
		to_worker(h, req, CORE_SOP_SET_PIN, req->args[0]);
		explicit_bzero(req->args[0], sizeof(req->args[0])); /* the worker has its copy */
		return;
	}
	if (!strcmp(req->cmd, "reprint") && req->argc == 1) {
		to_worker(h, req, CORE_SOP_REPRINT_REF, req->args[0]);
		return;
	}
	if (!strcmp(req->cmd, "cash") && req->argc <= 1) {
		if (req->argc == 0) {
			to_worker(h, req, CORE_SOP_CASHBOX, "");
			return;
		}
		if (!strcmp(req->args[0], "empty") || !strcmp(req->args[0], "clear")) {
			to_worker(h, req,
				  !strcmp(req->args[0], "empty") ? CORE_SOP_EMPTY_CASHBOX
								 : CORE_SOP_CASH_CLEAR,
				  "");
			return;
		}
		answer = ctl_error("cash: use cash, cash empty or cash clear");
	} else if (!strcmp(req->cmd, "report") && req->argc <= 1) {
		if (req->argc == 1 && strcmp(req->args[0], "--close")) {
			answer = ctl_error("report: the only option is --close");
		} else {
			to_worker(h, req, req->argc ? CORE_SOP_CLOSE_DAY : CORE_SOP_REPORT, "");
			return;
		}
	} else if (!strcmp(req->cmd, "out-of-service") && req->argc == 1 &&
		   (!strcmp(req->args[0], "on") || !strcmp(req->args[0], "off"))) {
		struct core_event ev = {.type = CORE_EV_OUT_OF_SERVICE};
		ev.choice = !strcmp(req->args[0], "on");
		snprintf(ev.text, sizeof(ev.text), "kioskctl");
		h->dispatch(h->ctx, ev);
		to_worker(h, NULL, CORE_SOP_AUDIT,
			  ev.choice ? "out_of_service_on" : "out_of_service_off");
		answer = json_pack("{s:b, s:b}", "ok", 1, "out_of_service", ev.choice);
	} else if (!strcmp(req->cmd, "config")) {
		answer = config_cmd(h, req);
	} else if (!strcmp(req->cmd, "print-test") || !strcmp(req->cmd, "reprint") ||
		   !strcmp(req->cmd, "out-of-service")) {
		answer = ctl_error("wrong arguments; see kioskctl --help");
	} else {
		char msg[96];
		snprintf(msg, sizeof(msg), "unknown command '%.40s'; see kioskctl --help",
			 req->cmd);
		answer = ctl_error(msg);
	}
	ctl_server_answer(h->server, req, answer);
}
