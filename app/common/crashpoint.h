/* The crash test's hook, documented in docs/operations.md: KIOSK_CRASH_AT=POINT kills the
 * process with SIGKILL at that point of the payment path, as a power cut would, so
 * tests/crash can prove nothing is lost or doubled. Unset in production, where a point costs
 * one comparison. */
#ifndef KIOSK_CRASHPOINT_H
#define KIOSK_CRASHPOINT_H

/* Dies here when KIOSK_CRASH_AT names point (read once, at the first call). */
void crashpoint(const char *point);

#endif
