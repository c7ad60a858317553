/* Staff PINs: stored only as a salted PBKDF2-SHA256 hash, never as the PIN itself.
 * The text form is "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64" ([service] pin_hash). */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include <stdbool.h>
#include <stddef.h>

/* New PINs: at least 6 digits (a stolen hash must not give up a PIN in minutes), hashed with
 * enough iterations that one guess costs >= 250 ms of a core (tests/bench/bench_pin measures
 * it; docs/operations.md has the figures). Stored hashes carry their own count, so a test's
 * or an old hash with fewer still verifies; only new ones must be this strong. */
#define PIN_DEFAULT_ITERATIONS 700000
#define PIN_NEW_MIN_DIGITS 6
#define PIN_NEW_MAX_DIGITS 8
#define PIN_HASH_MAX 160 /* longest text form, with its NUL */
/* The demo's staff PIN (board configuration of old, scripts/demo, the journeys). */
#define PIN_DEMO "2468"

/* Hashes pin with a fresh random salt into out ("pbkdf2-sha256$..."). */
int pin_hash(const char *pin, unsigned iterations, char *out, size_t n);

/* A new staff PIN (kiosk --hash-pin, kioskctl set-pin): KIOSK_EINVAL unless it is 6 to 8
 * digits; hashed at PIN_DEFAULT_ITERATIONS. */
int pin_make(const char *pin, char *out, size_t n);

/* What a configured hash is worth for service mode. */
enum pin_state {
	PIN_STATE_OK,
	PIN_STATE_MISSING, /* none configured */
	PIN_STATE_INVALID, /* not a hash this module made */
	PIN_STATE_DEMO,	   /* the hash of PIN_DEMO: known to everyone */
	PIN_STATE_WEAK,	   /* fewer iterations than new PINs get: works, but should be replaced */
};

/* Looks at stored (one PBKDF2 run to recognise the demo PIN: call it off the UI thread). */
enum pin_state pin_assess(const char *stored);
/* "ok", "missing", "invalid", "demo", "weak". */
const char *pin_state_name(enum pin_state st);

/* KIOSK_EINVAL when stored is not a hash this module made (a typo in the configuration). */
int pin_hash_check_format(const char *stored);

/* 0 and *match when pin hashes to stored (compared in constant time); KIOSK_EINVAL when
 * stored is malformed. CPU work: call it off the UI thread. */
int pin_verify(const char *pin, const char *stored, bool *match);

#endif
