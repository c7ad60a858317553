/* Fuzz target: one line of a journey script (runner_parse_line). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/journey/runner_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct runner_cmd cmd;
	char err[128];
	char *line = malloc(size + 1);

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	runner_parse_line(line, &cmd, err, sizeof(err));
	free(line);
	return 0;
}
