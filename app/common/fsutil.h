/* Small file-system helpers for anything that must survive a power cut: atomic writes,
 * mkdir -p, recursive removal, directory sync; shared by the updater, fleet and identity. */
#ifndef KIOSK_COMMON_FSUTIL_H
#define KIOSK_COMMON_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Writes data to path through path.tmp, fsync, rename, fsync of the directory: a reader sees
 * the old file or the new one, never half of either. */
int fs_write_atomic(const char *path, const void *data, size_t len, unsigned mode);

/* Reads a whole (small) file; *out is NUL-terminated and must be freed. */
int fs_read_file(const char *path, size_t max, char **out, size_t *len);

/* mkdir -p: every missing directory is made with mode (before umask); a path that exists
 * and is not a directory is KIOSK_EIO. */
int fs_mkdirs_mode(const char *path, unsigned mode);

/* mkdir -p with mode 0755. */
int fs_mkdirs(const char *path);

/* rm -rf that never follows symlinks; a missing path is success. */
int fs_remove_tree(const char *path);

/* fsync of a directory, so a rename or create in it is durable. */
int fs_sync_dir(const char *dir);

/* Points the symlink link at target atomically (link.tmp, then rename over link). */
int fs_replace_symlink(const char *target, const char *link);

int fs_exists(const char *path);

/* A store's file (sqlite) is always "DIR/NAME", made by joining its directory and its name: a
 * path with no directory is a pointer gone wrong, which would make a file with a garbage name
 * in whatever the working directory is. The stores refuse it (KIOSK_EINVAL). */
bool fs_store_path_ok(const char *path);

#endif
