/* Fuzz target: the update agent's persisted state file (state/update.json), which a power cut
 * or a bad disk may leave in any shape. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/update/state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/kiosk-fuzz-state.XXXXXX";
	struct update_state st;
	int fd = mkstemp(path);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size)
		state_load(path, &st);
	close(fd);
	unlink(path);
	return 0;
}
