/* The logger: one line per event on stderr, with anything that looks like a card number masked. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
void log_msg(enum log_level lvl, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Masks every run of 13-19 digits (spaces or dashes allowed between) to its last four, in place. */
void log_redact_pan(char *text);

/* The last `max` lines logged (already redacted, oldest first, one per line, each ending in
 * \n) into buf; returns how many lines were copied. The ring holds LOG_RING_LINES lines, kept
 * in memory only, so IT can ask for recent history without a log file on the kiosk. */
#define LOG_RING_LINES 200
int log_recent(int max, char *buf, size_t n);

/* The most recent warning or error line ("" if none yet), for the heartbeat. */
void log_last_error(char *buf, size_t n);

#define log_debug(mod, ...) log_msg(LOG_DEBUG, mod, __VA_ARGS__)
#define log_info(mod, ...) log_msg(LOG_INFO, mod, __VA_ARGS__)
#define log_warn(mod, ...) log_msg(LOG_WARN, mod, __VA_ARGS__)
#define log_error(mod, ...) log_msg(LOG_ERROR, mod, __VA_ARGS__)

#endif
