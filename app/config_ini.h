/* The INI text of a configuration file, read from memory: what config_load does after opening
 * the file. Internal to app/config.c; exposed so the parser can be fuzzed. */
#ifndef KIOSK_CONFIG_INI_H
#define KIOSK_CONFIG_INI_H

#include <stddef.h>

#include "app/config.h"

/* Reads NUL-terminated INI text over cfg; `name` stands for the file in messages. Returns 0 or
 * KIOSK_EINVAL (bad line or unknown key; err names the line). */
int config_parse_ini(const char *text, const char *name, struct kiosk_config *cfg, char *err,
		     size_t errlen);

#endif
