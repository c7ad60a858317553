/* Staff PINs: stored only as a salted PBKDF2-SHA256 hash, never as the PIN itself.
 * The text form is "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64" ([service] pin_hash). */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define PIN_DEFAULT_ITERATIONS 100000
#define PIN_HASH_MAX 160 /* longest text form, with its NUL */

/* Hashes pin with a fresh random salt into out ("pbkdf2-sha256$..."). */
int pin_hash(const char *pin, unsigned iterations, char *out, size_t n);

/* KIOSK_EINVAL when stored is not a hash this module made (a typo in the configuration). */
int pin_hash_check_format(const char *stored);

/* 0 and *match when pin hashes to stored (compared in constant time); KIOSK_EINVAL when
 * stored is malformed. CPU work: call it off the UI thread. */
int pin_verify(const char *pin, const char *stored, bool *match);

#endif
