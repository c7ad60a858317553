/* Shared by the nexo codec's tests: a fixture of nexo/ read whole (the test fails if it
 * cannot be), NUL-terminated, its length in *len. Free it. */
#ifndef KIOSK_TEST_NEXO_FIXTURE_H
#define KIOSK_TEST_NEXO_FIXTURE_H

#include <stddef.h>

char *read_fixture(const char *name, size_t *len);

#endif
