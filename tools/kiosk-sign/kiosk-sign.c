/* kiosk-sign: makes the update signing key and signs update bundles.
 *
 *   kiosk-sign keygen PRIVATE PUBLIC
 *   kiosk-sign bundle --key PRIVATE --version V --out FILE DIR
 *
 * A bundle is a tar archive: manifest.json (every file of DIR with its size, SHA-256 and
 * mode), manifest.sig (ECDSA P-256 over SHA-256 of the manifest), then payload/<path>.
 * DIR may hold regular files and directories only: links are refused here, as on the
 * kiosk. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/update/bundle.h"
#include "app/update/signature.h"

struct entry {
	char rel[BUNDLE_MAX_PATH + 1];
	char full[4096];
	int64_t size;
	unsigned mode;
	char sha256[65];
};

struct list {
	struct entry *e;
	size_t n, cap;
};

/* Collects DIR's regular files, sorted, so the same tree always makes the same manifest. */
static int walk(const char *root, const char *rel, struct list *l)
{
	char dirpath[4096];
	struct dirent **names = NULL;
	int n, rc = 0;

	snprintf(dirpath, sizeof(dirpath), "%s%s%s", root, rel[0] ? "/" : "", rel);
	n = scandir(dirpath, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "kiosk-sign: cannot read %s: %s\n", dirpath, strerror(errno));
		return KIOSK_EIO;
	}
	for (int i = 0; i < n; i++) {
		char sub[BUNDLE_MAX_PATH + 64], full[4096];
		struct stat st;

		if (rc || !strcmp(names[i]->d_name, ".") || !strcmp(names[i]->d_name, ".."))
			goto next;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", names[i]->d_name);
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		if (lstat(full, &st) != 0) {
			rc = KIOSK_EIO;
			goto next;
		}
		if (S_ISDIR(st.st_mode)) {
			rc = walk(root, sub, l);
		} else if (S_ISREG(st.st_mode) && bundle_path_ok(sub) == 0) {
			if (l->n == l->cap) {
				l->cap = l->cap ? l->cap * 2 : 64;
				l->e = realloc(l->e, l->cap * sizeof(*l->e));
				if (!l->e) {
					rc = KIOSK_ENOMEM;
					goto next;
				}
			}
			struct entry *e = &l->e[l->n++];
			memcpy(e->rel, sub, strlen(sub) + 1); /* bundle_path_ok bounded it */
			snprintf(e->full, sizeof(e->full), "%s", full);
			e->size = st.st_size;
			e->mode = st.st_mode & 0111 ? 0755 : 0644;
			rc = sig_file_sha256(full, e->sha256);
		} else {
			fprintf(stderr, "kiosk-sign: %s is a link, special file or unsafe name\n",
				full);
			rc = KIOSK_EINVAL;
		}
	next:
		free(names[i]);
	}
	free(names);
	return rc;
}

static int add_entry(struct archive *a, const char *name, unsigned mode, const void *data,
		     int64_t size, const char *path)
{
	struct archive_entry *e = archive_entry_new();
	int rc = KIOSK_EIO;

	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, mode);
	archive_entry_set_size(e, size);
	archive_entry_set_mtime(e, time(NULL), 0);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		goto out;
	if (data) {
		if (archive_write_data(a, data, (size_t)size) != (la_ssize_t)size)
			goto out;
	} else {
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t n;
		if (!f)
			goto out;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			if (archive_write_data(a, buf, n) != (la_ssize_t)n)
				break;
		fclose(f);
	}
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "kiosk-sign: cannot add %s: %s\n", name, archive_error_string(a));
	archive_entry_free(e);
	return rc;
}

static int make_bundle(const char *key, const char *version, int allow_downgrade, const char *out,
		       const char *dir)
{
	struct list l = {0};
	json_t *m = NULL, *files;
	char *text = NULL, tmp[4096], err[512] = "", name[BUNDLE_MAX_PATH + 16];
	unsigned char sig[SIG_MAX_LEN];
	size_t siglen = 0;
	struct archive *a = NULL;
	int rc;

	if (bundle_version_ok(version)) {
		fprintf(stderr, "kiosk-sign: version must be 1-63 of A-Z a-z 0-9 . _ + -\n");
		return KIOSK_EINVAL;
	}
	rc = walk(dir, "", &l);
	if (rc)
		goto out;
	if (l.n == 0) {
		fprintf(stderr, "kiosk-sign: %s holds no files\n", dir);
		rc = KIOSK_EINVAL;
		goto out;
	}
	files = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(files, json_pack("{s:s, s:I, s:s, s:i}", "path", l.e[i].rel,
						       "size", (json_int_t)l.e[i].size, "sha256",
						       l.e[i].sha256, "mode", (int)l.e[i].mode));
	m = json_pack("{s:i, s:s, s:o}", "format", BUNDLE_FORMAT, "version", version, "files",
		      files);
	/* Signed with the rest: a kiosk takes an older version only when the key said so. */
	if (allow_downgrade)
		json_object_set_new(m, BUNDLE_ALLOW_DOWNGRADE, json_true());
	text = json_dumps(m, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	rc =
	    text ? sig_sign(key, text, strlen(text), sig, &siglen, err, sizeof(err)) : KIOSK_ENOMEM;
	if (rc) {
		fprintf(stderr, "kiosk-sign: %s\n", err);
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	if (archive_write_open_filename(a, tmp) != ARCHIVE_OK) {
		fprintf(stderr, "kiosk-sign: cannot write %s: %s\n", tmp, archive_error_string(a));
		rc = KIOSK_EIO;
		goto out;
	}
	rc = add_entry(a, BUNDLE_MANIFEST, 0644, text, (int64_t)strlen(text), NULL);
	if (rc == 0)
		rc = add_entry(a, BUNDLE_SIGNATURE, 0644, sig, (int64_t)siglen, NULL);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		snprintf(name, sizeof(name), "%s%s", BUNDLE_PAYLOAD, l.e[i].rel);
		rc = add_entry(a, name, l.e[i].mode, NULL, l.e[i].size, l.e[i].full);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		rc = KIOSK_EIO;
	if (rc == 0 && rename(tmp, out) != 0)
		rc = KIOSK_EIO;
	if (rc)
		unlink(tmp);
	else
		printf("kiosk-sign: %s: version %s, %zu files\n", out, version, l.n);
out:
	if (a)
		archive_write_free(a);
	free(text);
	json_decref(m);
	free(l.e);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: kiosk-sign keygen PRIVATE PUBLIC\n"
		   "       kiosk-sign bundle --key PRIVATE --version V [--allow-downgrade] --out FILE "
		   "DIR\n"
		   "  --allow-downgrade  kiosks running a newer version may install this one\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"key", required_argument, 0, 'k'},
	    {"version", required_argument, 0, 'v'},
	    {"out", required_argument, 0, 'o'},
	    {"allow-downgrade", no_argument, 0, 'd'},
	    {0, 0, 0, 0},
	};
	const char *key = NULL, *version = NULL, *out = NULL;
	char err[512] = "";
	int c, allow_downgrade = 0;

	if (argc >= 2 && !strcmp(argv[1], "keygen")) {
		if (argc != 4) {
			usage(stderr);
			return 2;
		}
		if (sig_keygen(argv[2], argv[3], err, sizeof(err))) {
			fprintf(stderr, "kiosk-sign: %s\n", err);
			return 1;
		}
		printf("kiosk-sign: private key %s (keep it off the kiosks), public key %s\n",
		       argv[2], argv[3]);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "bundle")) {
		usage(stderr);
		return 2;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k': key = optarg; break;
		case 'v': version = optarg; break;
		case 'o': out = optarg; break;
		case 'd': allow_downgrade = 1; break;
		default: usage(stderr); return 2;
		}
	}
	if (!key || !version || !out || optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	return make_bundle(key, version, allow_downgrade, out, argv[optind]) ? 1 : 0;
}
