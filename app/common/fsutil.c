/* File-system helpers: every state change is a rename, so power can be cut at any point
 * and the reader sees either the old state or the new one. */
#include "app/common/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"

int fs_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return KIOSK_EIO;
	if (fsync(fd) != 0)
		rc = KIOSK_EIO;
	close(fd);
	return rc;
}

static void dir_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

int fs_write_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
	char tmp[4096], dir[4096];
	const char *p = data;
	int fd = -1, rc = KIOSK_EIO;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return KIOSK_EINVAL;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		goto out;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto out;
	if (close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto out;
	dir_of(path, dir, sizeof(dir));
	rc = fs_sync_dir(dir);
out:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
	return rc;
}

int fs_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;
	int rc = KIOSK_EIO;

	*out = NULL;
	if (!f)
		return errno == ENOENT ? KIOSK_ENOTFOUND : KIOSK_EIO;
	buf = malloc(max + 1);
	if (!buf) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	n = fread(buf, 1, max + 1, f);
	if (ferror(f))
		goto out;
	if (n > max) {
		rc = KIOSK_EINVAL;
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	buf = NULL;
	if (len)
		*len = n;
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

int fs_mkdirs_mode(const char *path, unsigned mode)
{
	char tmp[4096];
	struct stat st;

	if (!path[0] || snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return KIOSK_EINVAL;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, (mode_t)mode) != 0 && errno != EEXIST)
			return KIOSK_EIO;
		*p = '/';
	}
	if (mkdir(tmp, (mode_t)mode) != 0 && errno != EEXIST)
		return KIOSK_EIO;
	if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode))
		return KIOSK_EIO;
	return 0;
}

int fs_mkdirs(const char *path)
{
	return fs_mkdirs_mode(path, 0755);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) == 0 || errno == ENOENT ? 0 : -1;
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

int fs_remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : KIOSK_EIO;
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == 0 ? 0 : KIOSK_EIO;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : KIOSK_EIO;
}

int fs_replace_symlink(const char *target, const char *link)
{
	char tmp[4096], dir[4096];

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", link) >= (int)sizeof(tmp))
		return KIOSK_EINVAL;
	unlink(tmp);
	if (symlink(target, tmp) != 0)
		return KIOSK_EIO;
	/* rename(2) over the old link is the atomic step: `current` always names a slot. */
	if (rename(tmp, link) != 0) {
		unlink(tmp);
		return KIOSK_EIO;
	}
	dir_of(link, dir, sizeof(dir));
	return fs_sync_dir(dir);
}

int fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

bool fs_store_path_ok(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	if (slash && slash[1] != '\0')
		return true;
	/* Not the path itself: when it is a pointer gone wrong, its bytes are garbage. */
	log_error("store",
		  "refused a store path with no directory (%zu bytes): nothing is made "
		  "in the working directory",
		  path ? strlen(path) : 0);
	return false;
}
