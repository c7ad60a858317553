/* The logger: one line per event on stderr, with anything that looks like a card number masked. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
void log_msg(enum log_level lvl, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Masks every run of 13-19 digits (spaces or dashes allowed between) to its last four, in place. */
void log_redact_pan(char *text);

/* Calls fn with each of the last `lines` lines logged (at most 256; -1: all kept), oldest
 * first, under the log lock (fn must not log). Returns how many. */
int log_recent(int lines, void (*fn)(const char *line, void *ctx), void *ctx);

#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
