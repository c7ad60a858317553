/* Fuzz target: a configuration file's text (config_parse_ini over the defaults). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/config_ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kiosk_config cfg;
	char err[256];
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	config_defaults(&cfg);
	config_parse_ini(text, "fuzz.conf", &cfg, err, sizeof(err));
	free(text);
	return 0;
}
