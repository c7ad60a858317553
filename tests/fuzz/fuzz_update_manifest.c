/* Fuzz target: an update bundle's manifest (JSON: version, files with size and SHA-256),
 * checked the way the agent checks it before extracting anything. */
#include <stddef.h>
#include <stdint.h>

#include "app/update/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	size_t files;

	bundle_check_manifest((const char *)data, size, &files, err, sizeof(err));
	return 0;
}
