/* Bundle verification and extraction with libarchive: signature first, then every file
 * hashed while it is written, so a bundle is either wholly what was signed or refused. */
#include "app/update/bundle.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <mbedtls/sha256.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/log.h"
#include "app/update/signature.h"

struct mfile {
	char path[BUNDLE_MAX_PATH + 1];
	int64_t size;
	char sha256[65];
	unsigned mode;
	int seen;
};

struct manifest {
	char version[BUNDLE_MAX_VERSION];
	int allow_downgrade;
	struct mfile *files;
	size_t count;
};

int bundle_path_ok(const char *path)
{
	size_t len = strlen(path);
	const char *seg = path;

	if (len == 0 || len > BUNDLE_MAX_PATH || path[0] == '/')
		return KIOSK_EINVAL;
	for (const char *p = path; *p; p++)
		if (*p < 0x21 || *p > 0x7e || *p == '\\')
			return KIOSK_EINVAL;
	/* Check each component: empty, "." and ".." could name something outside the slot. */
	for (const char *p = path;; p++) {
		if (*p == '/' || *p == '\0') {
			size_t n = (size_t)(p - seg);
			if (n == 0 || (n == 1 && seg[0] == '.') ||
			    (n == 2 && seg[0] == '.' && seg[1] == '.'))
				return KIOSK_EINVAL;
			if (*p == '\0')
				break;
			seg = p + 1;
		}
	}
	return 0;
}

int bundle_version_ok(const char *version)
{
	size_t len = strlen(version);

	if (len == 0 || len >= BUNDLE_MAX_VERSION)
		return KIOSK_EINVAL;
	for (const char *p = version; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("._+-", *p)))
			return KIOSK_EINVAL;
	return 0;
}

/* One part of a version up to the next '.', '-' or the end: its length in *n. */
static int part_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	int anum = na > 0 && strspn(a, "0123456789") >= na;
	int bnum = nb > 0 && strspn(b, "0123456789") >= nb;
	int c;

	if (anum && bnum) {
		/* Numbers as numbers, without overflow: skip leading zeros, longer is larger. */
		while (na > 1 && *a == '0')
			a++, na--;
		while (nb > 1 && *b == '0')
			b++, nb--;
		if (na != nb)
			return na < nb ? -1 : 1;
		return memcmp(a, b, na);
	}
	if (anum != bnum)
		return anum ? -1 : 1; /* semver: numeric identifiers sort before words */
	c = memcmp(a, b, na < nb ? na : nb);
	return c ? c : na < nb ? -1 : na > nb ? 1 : 0;
}

/* Compares dot-separated parts of [a, a_end) and [b, b_end). */
static int dotted_cmp(const char *a, const char *a_end, const char *b, const char *b_end)
{
	while (a < a_end || b < b_end) {
		size_t na = strcspn(a, "."), nb = strcspn(b, ".");
		int c;

		if (a + na > a_end)
			na = (size_t)(a_end - a);
		if (b + nb > b_end)
			nb = (size_t)(b_end - b);
		if (a >= a_end)
			return -1; /* 1.2 < 1.2.1 */
		if (b >= b_end)
			return 1;
		c = part_cmp(a, na, b, nb);
		if (c)
			return c < 0 ? -1 : 1;
		a += na + (a + na < a_end);
		b += nb + (b + nb < b_end);
	}
	return 0;
}

int bundle_version_cmp(const char *a, const char *b)
{
	const char *a_end = a + strcspn(a, "+"), *b_end = b + strcspn(b, "+");
	const char *a_pre = memchr(a, '-', (size_t)(a_end - a));
	const char *b_pre = memchr(b, '-', (size_t)(b_end - b));
	int fa = !strcmp(a, "factory"), fb = !strcmp(b, "factory"), c;

	if (fa || fb)
		return fa - fb == 0 ? 0 : fa ? -1 : 1;
	c = dotted_cmp(a, a_pre ? a_pre : a_end, b, b_pre ? b_pre : b_end);
	if (c)
		return c;
	if (!a_pre || !b_pre)
		return a_pre ? -1 : b_pre ? 1 : 0;
	return dotted_cmp(a_pre + 1, a_end, b_pre + 1, b_end);
}

static int is_hex64(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

static int parse_manifest(const char *text, size_t len, struct manifest *m, char *err,
			  size_t errlen)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *files, *f;
	const char *version;
	size_t i;
	int64_t total = 0;
	int rc = KIOSK_EINVAL;

	if (!root) {
		snprintf(err, errlen, "the manifest is not JSON: %s", jerr.text);
		return KIOSK_EINVAL;
	}
	if (json_integer_value(json_object_get(root, "format")) != BUNDLE_FORMAT) {
		snprintf(err, errlen, "the manifest's format is not %d", BUNDLE_FORMAT);
		goto out;
	}
	version = json_string_value(json_object_get(root, "version"));
	if (!version || bundle_version_ok(version)) {
		snprintf(err, errlen, "the manifest has no valid version");
		goto out;
	}
	snprintf(m->version, sizeof(m->version), "%s", version);
	m->allow_downgrade = json_is_true(json_object_get(root, BUNDLE_ALLOW_DOWNGRADE));
	files = json_object_get(root, "files");
	if (!json_is_array(files) || json_array_size(files) == 0 ||
	    json_array_size(files) > BUNDLE_MAX_FILES) {
		snprintf(err, errlen, "the manifest lists no files or too many");
		goto out;
	}
	m->files = calloc(json_array_size(files), sizeof(*m->files));
	if (!m->files) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	json_array_foreach(files, i, f)
	{
		struct mfile *mf = &m->files[i];
		const char *path = json_string_value(json_object_get(f, "path"));
		const char *sha = json_string_value(json_object_get(f, "sha256"));
		json_t *size = json_object_get(f, "size");
		json_t *mode = json_object_get(f, "mode");

		if (!path || bundle_path_ok(path)) {
			snprintf(err, errlen, "the manifest names an unsafe path '%s'",
				 path ? path : "(none)");
			goto out;
		}
		if (!sha || !is_hex64(sha) || !json_is_integer(size) ||
		    json_integer_value(size) < 0 ||
		    json_integer_value(size) > BUNDLE_MAX_FILE_SIZE) {
			snprintf(err, errlen,
				 "the manifest's entry for %s is incomplete or oversize", path);
			goto out;
		}
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(m->files[j].path, path)) {
				snprintf(err, errlen, "the manifest lists %s twice", path);
				goto out;
			}
		}
		snprintf(mf->path, sizeof(mf->path), "%s", path);
		snprintf(mf->sha256, sizeof(mf->sha256), "%s", sha);
		mf->size = json_integer_value(size);
		/* Only the permission bits, and never set-id: a bundle cannot grant privileges. */
		mf->mode = json_is_integer(mode) ? (unsigned)json_integer_value(mode) & 0755 : 0644;
		total += mf->size;
		m->count = i + 1;
	}
	if (total > BUNDLE_MAX_TOTAL) {
		snprintf(err, errlen, "the bundle's files add up to more than %lld bytes",
			 (long long)BUNDLE_MAX_TOTAL);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* Reads the current entry's data whole into buf (at most max bytes). */
static int read_small(struct archive *a, struct archive_entry *e, const char *want, size_t max,
		      char **buf, size_t *len, char *err, size_t errlen)
{
	const char *name = archive_entry_pathname(e);
	la_ssize_t n;
	size_t got = 0;

	if (!name || strcmp(name, want) || archive_entry_filetype(e) != AE_IFREG) {
		snprintf(err, errlen, "the bundle does not start with %s and %s", BUNDLE_MANIFEST,
			 BUNDLE_SIGNATURE);
		return KIOSK_EINVAL;
	}
	if (archive_entry_size(e) < 0 || (size_t)archive_entry_size(e) > max) {
		snprintf(err, errlen, "%s is too large", want);
		return KIOSK_EINVAL;
	}
	*buf = malloc(max + 1);
	if (!*buf)
		return KIOSK_ENOMEM;
	while ((n = archive_read_data(a, *buf + got, max + 1 - got)) > 0) {
		got += (size_t)n;
		if (got > max) {
			snprintf(err, errlen, "%s is too large", want);
			return KIOSK_EINVAL;
		}
	}
	if (n < 0) {
		snprintf(err, errlen, "cannot read %s: %s", want, archive_error_string(a));
		return KIOSK_EIO;
	}
	(*buf)[got] = '\0';
	*len = got;
	return 0;
}

static struct mfile *find_file(struct manifest *m, const char *path)
{
	for (size_t i = 0; i < m->count; i++)
		if (!strcmp(m->files[i].path, path))
			return &m->files[i];
	return NULL;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return KIOSK_EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes one payload entry to dest/<mf->path>, hashing as it goes. */
static int extract_file(struct archive *a, struct mfile *mf, const char *dest, char *err,
			size_t errlen)
{
	char path[4096], dir[4096];
	unsigned char buf[65536], digest[32];
	char hex[65];
	mbedtls_sha256_context sha;
	int64_t total = 0;
	la_ssize_t n;
	int fd = -1, rc = KIOSK_EIO;
	char *slash;

	mbedtls_sha256_init(&sha);
	mbedtls_sha256_starts_ret(&sha, 0);
	snprintf(path, sizeof(path), "%s/%s", dest, mf->path);
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	*slash = '\0';
	if (fs_mkdirs(dir)) {
		snprintf(err, errlen, "cannot create %s", dir);
		goto out;
	}
	/* O_EXCL and O_NOFOLLOW: never write through something already there. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		goto out;
	}
	while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) {
		total += n;
		if (total > mf->size) {
			snprintf(err, errlen, "%s is larger than its manifest says", mf->path);
			rc = KIOSK_EINVAL;
			goto out;
		}
		mbedtls_sha256_update_ret(&sha, buf, (size_t)n);
		if (write_all(fd, buf, (size_t)n)) {
			snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
			goto out;
		}
	}
	if (n < 0) {
		snprintf(err, errlen, "cannot read %s from the bundle (truncated?): %s", mf->path,
			 archive_error_string(a));
		goto out;
	}
	if (total != mf->size) {
		snprintf(err, errlen, "%s is %lld bytes, the manifest says %lld", mf->path,
			 (long long)total, (long long)mf->size);
		rc = KIOSK_EINVAL;
		goto out;
	}
	mbedtls_sha256_finish_ret(&sha, digest);
	sig_hex(digest, hex);
	if (strcmp(hex, mf->sha256)) {
		snprintf(err, errlen, "%s does not match its SHA-256 in the signed manifest",
			 mf->path);
		rc = KIOSK_ECRYPTO;
		goto out;
	}
	if (fchmod(fd, mf->mode) != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "cannot finish %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	mbedtls_sha256_free(&sha);
	return rc;
}

int bundle_check_manifest(const char *text, size_t len, size_t *files, char *err, size_t errlen)
{
	struct manifest m;
	int rc;

	memset(&m, 0, sizeof(m));
	rc = parse_manifest(text, len, &m, err, errlen);
	if (rc == 0 && files)
		*files = m.count;
	free(m.files);
	return rc;
}

int bundle_extract(const char *bundle, const char *pubkey, const char *running, const char *dest,
		   char *version, size_t versionlen, char *err, size_t errlen)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	struct manifest m = {0};
	char *mtext = NULL, *sig = NULL;
	size_t mlen = 0, siglen = 0, written = 0;
	const char *kill_env = getenv(BUNDLE_TEST_KILL_ENV);
	long kill_after = kill_env ? strtol(kill_env, NULL, 10) : -1;
	int r, rc = KIOSK_EIO;

	if (!a)
		return KIOSK_ENOMEM;
	archive_read_support_format_tar(a);
	archive_read_support_filter_gzip(a);
	if (archive_read_open_filename(a, bundle, 65536) != ARCHIVE_OK) {
		snprintf(err, errlen, "cannot open the bundle %s: %s", bundle,
			 archive_error_string(a));
		goto out;
	}
	r = archive_read_next_header(a, &e);
	if (r != ARCHIVE_OK) {
		snprintf(err, errlen, "%s is not a bundle: %s", bundle, archive_error_string(a));
		goto out;
	}
	rc = read_small(a, e, BUNDLE_MANIFEST, BUNDLE_MAX_MANIFEST, &mtext, &mlen, err, errlen);
	if (rc)
		goto out;
	rc = KIOSK_EIO;
	if (archive_read_next_header(a, &e) != ARCHIVE_OK) {
		snprintf(err, errlen, "the bundle has no signature");
		goto out;
	}
	rc = read_small(a, e, BUNDLE_SIGNATURE, SIG_MAX_LEN, &sig, &siglen, err, errlen);
	if (rc)
		goto out;
	/* The gate: nothing below runs unless the key on the device signed this manifest. */
	rc = sig_verify(pubkey, mtext, mlen, (unsigned char *)sig, siglen, err, errlen);
	if (rc)
		goto out;
	rc = parse_manifest(mtext, mlen, &m, err, errlen);
	if (rc)
		goto out;
	/* Anti-rollback: an older signed bundle could bring back a fixed hole. */
	if (running && bundle_version_cmp(m.version, running) < 0 && !m.allow_downgrade) {
		snprintf(err, errlen,
			 "version %s is older than the running %s and its signed manifest does not "
			 "allow a downgrade",
			 m.version, running);
		rc = KIOSK_EINVAL;
		goto out;
	}
	if (running && bundle_version_cmp(m.version, running) < 0)
		log_warn("update", "downgrade from %s to %s: allowed by the signed manifest",
			 running, m.version);
	for (;;) {
		const char *name;
		struct mfile *mf;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK) {
			snprintf(err, errlen, "the bundle is damaged or truncated: %s",
				 archive_error_string(a));
			rc = KIOSK_EIO;
			goto out;
		}
		name = archive_entry_pathname(e);
		rc = KIOSK_EINVAL;
		if (!name || strncmp(name, BUNDLE_PAYLOAD, strlen(BUNDLE_PAYLOAD))) {
			snprintf(err, errlen, "the bundle holds an unexpected entry '%s'",
				 name ? name : "(unnamed)");
			goto out;
		}
		name += strlen(BUNDLE_PAYLOAD);
		if (bundle_path_ok(name)) {
			snprintf(err, errlen, "the bundle holds an unsafe path '%s'", name);
			goto out;
		}
		if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) ||
		    archive_entry_symlink(e)) {
			snprintf(err, errlen,
				 "%s is a link or special file; bundles hold files only", name);
			goto out;
		}
		mf = find_file(&m, name);
		if (!mf) {
			snprintf(err, errlen, "%s is not in the signed manifest", name);
			goto out;
		}
		if (mf->seen) {
			snprintf(err, errlen, "%s appears twice in the bundle", name);
			goto out;
		}
		if (archive_entry_size_is_set(e) && archive_entry_size(e) != mf->size) {
			snprintf(err, errlen, "%s is %lld bytes, the manifest says %lld", name,
				 (long long)archive_entry_size(e), (long long)mf->size);
			goto out;
		}
		mf->seen = 1;
		rc = extract_file(a, mf, dest, err, errlen);
		if (rc)
			goto out;
		if (kill_after >= 0 && (long)++written >= kill_after)
			raise(SIGKILL);
	}
	for (size_t i = 0; i < m.count; i++) {
		if (!m.files[i].seen) {
			snprintf(err, errlen, "%s is in the manifest but missing from the bundle",
				 m.files[i].path);
			rc = KIOSK_EINVAL;
			goto out;
		}
	}
	{
		int dfd = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0 || syncfs(dfd) != 0) {
			snprintf(err, errlen, "cannot sync %s", dest);
			if (dfd >= 0)
				close(dfd);
			rc = KIOSK_EIO;
			goto out;
		}
		close(dfd);
	}
	snprintf(version, versionlen, "%s", m.version);
	rc = 0;
out:
	free(mtext);
	free(sig);
	free(m.files);
	archive_read_free(a);
	return rc;
}
