/* One journey script line split into a command and its arguments. Internal to the runner;
 * exposed so the line parser can be fuzzed on its own. */
#ifndef KIOSK_RUNNER_PARSE_H
#define KIOSK_RUNNER_PARSE_H

#include <stddef.h>

#define RUNNER_MAX_ARGS 4

/* A parsed line: the command and up to RUNNER_MAX_ARGS arguments (quoted strings unquoted,
 * over-long words cut to fit). */
struct runner_cmd {
	char name[32];
	char args[RUNNER_MAX_ARGS][256];
	int argc;
};

/* Splits a NUL-terminated line; KIOSK_EINVAL with err filled on too many arguments or an
 * unterminated quote. */
int runner_parse_line(const char *line, struct runner_cmd *c, char *err, size_t errlen);

#endif
