/* Update bundles: a tar archive whose first entry is manifest.json (version, and every file
 * with its size, SHA-256 and mode), second manifest.sig (ECDSA P-256 over SHA-256 of the
 * manifest's bytes), then payload/<path> for each file listed, nothing else. */
#ifndef KIOSK_UPDATE_BUNDLE_H
#define KIOSK_UPDATE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#define BUNDLE_MANIFEST "manifest.json"
#define BUNDLE_SIGNATURE "manifest.sig"
#define BUNDLE_PAYLOAD "payload/"
#define BUNDLE_FORMAT 1
/* Manifest key (boolean): this bundle may replace a newer version (anti-rollback waiver). */
#define BUNDLE_ALLOW_DOWNGRADE "allow_downgrade"

#define BUNDLE_MAX_MANIFEST (1024 * 1024)
#define BUNDLE_MAX_FILES 4096
#define BUNDLE_MAX_FILE_SIZE ((int64_t)512 * 1024 * 1024)
#define BUNDLE_MAX_TOTAL ((int64_t)1024 * 1024 * 1024)
#define BUNDLE_MAX_PATH 240
#define BUNDLE_MAX_VERSION 64

/* Test hook: when this environment variable holds N, the extracting process kills itself
 * with SIGKILL after writing N files, as a power cut would. */
#define BUNDLE_TEST_KILL_ENV "KIOSK_UPDATE_TEST_KILL_AFTER_FILES"

/* Verifies the bundle's manifest signature against pubkey, then extracts its files into dest
 * (an empty directory), hashing each as it is written. Nothing is written before the
 * signature verifies. Refuses (KIOSK_ECRYPTO: signature or hash; KIOSK_EINVAL: layout, path
 * traversal, links, sizes, extra or missing files; KIOSK_EIO: unreadable or truncated) with
 * err naming why; on refusal dest may hold partial files the caller must remove.
 * version gets the manifest's version. running (or NULL) is the version the kiosk runs: a
 * bundle older than it is refused (KIOSK_EINVAL, before anything is written) unless its
 * signed manifest carries allow_downgrade: true. */
int bundle_extract(const char *bundle, const char *pubkey, const char *running, const char *dest,
		   char *version, size_t versionlen, char *err, size_t errlen);

/* Orders two versions: <0, 0, >0 as a is older, the same, newer than b. Dot- or dash-separated
 * parts, numbers compared as numbers ("1.10" > "1.9"); a pre-release ("2.0.0-rc1") is older
 * than its release; "+build" is ignored; "factory" (a device never updated) is older than
 * anything. */
int bundle_version_cmp(const char *a, const char *b);

/* 0 when path is a safe relative path for a bundle file: no leading '/', no "." or ".."
 * components, no empty components, printable ASCII, at most BUNDLE_MAX_PATH bytes. */
int bundle_path_ok(const char *path);

/* Parses and checks a manifest's text on its own (no signature): for tests and fuzzing. */
int bundle_check_manifest(const char *text, size_t len, size_t *files, char *err, size_t errlen);

/* 0 when version is 1..63 of [A-Za-z0-9._+-]. */
int bundle_version_ok(const char *version);

#endif
