/* loose.c - a libgit2 object-database backend for loose objects: read whole, inflated to exactly their size. */
#include "git/loose.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* "commit 18446744073709551615\0" and then some: a longer header is not one */
#define HEAD_MAX 64
/* deflate makes at most 1032 bytes of one (RFC 1951's longest match per 258-bit code): more is a lie */
#define DEFLATE_MAX_RATIO 1032u
/* the first read, for a header; the rest is read only when needed */
#define FIRST_READ ((size_t)64 << 10)
/* inflate's counts are unsigned int: a body is inflated in steps of at most this */
#define STEP ((size_t)1 << 30)

struct loose_backend {
	git_odb_backend parent;
	char *dir; /* the objects folder, without a trailing '/' */
};

/* Where a body goes: libgit2's allocator for the backend, malloc for loose_parse. */
struct alloc {
	void *(*get)(void *ctx, size_t n);
	void (*put)(void *ctx, void *p); /* a body that failed its checks */
	void *ctx;
};

/* Parses "TYPE SIZE\0" at h (n bytes); 0 with *type, *size and *hlen (bytes up to the NUL included), else -1. */
static int parse_header(git_object_t *type, uint64_t *size, size_t *hlen, const unsigned char *h, size_t n)
{
	static const struct {
		const char *name;
		git_object_t type;
	} types[] = {{"commit", GIT_OBJECT_COMMIT},
		     {"tree", GIT_OBJECT_TREE},
		     {"blob", GIT_OBJECT_BLOB},
		     {"tag", GIT_OBJECT_TAG}};
	const unsigned char *sp = memchr(h, ' ', n), *nul = memchr(h, '\0', n), *p;
	uint64_t v = 0;
	size_t i;

	if (!sp || !nul || nul < sp || nul == sp + 1)
		return -1;
	for (i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (strlen(types[i].name) == (size_t)(sp - h) && !memcmp(h, types[i].name, (size_t)(sp - h)))
			break;
	if (i == sizeof(types) / sizeof(*types))
		return -1;
	for (p = sp + 1; p < nul; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*type = types[i].type;
	*size = v;
	*hlen = (size_t)(nul - h) + 1;
	return 0;
}

/*
 * Inflates the rest of a body of size bytes into out, done of them there
 * already (zr: what the last inflate said), and checks that the stream ends
 * right after it with nothing following.  Returns 0, or -1 with err.
 */
static int inflate_body(z_stream *zs, unsigned char *out, uint64_t size, size_t done, int zr)
{
	unsigned char extra;

	while (done < size && zr != Z_STREAM_END) {
		size_t want = (size_t)size - done < STEP ? (size_t)size - done : STEP;
		zs->next_out = out + done;
		zs->avail_out = (unsigned)want;
		zr = inflate(zs, Z_NO_FLUSH);
		done += want - zs->avail_out;
		/* no progress and no end: a cut stream, never tried again (libgit2 1.5.1 loops here) */
		if (zr != Z_OK && zr != Z_STREAM_END)
			return err_set("%s after %zu of %llu bytes",
				       zr == Z_BUF_ERROR ? "the stream is cut short" : "corrupt zlib data", done,
				       (unsigned long long)size);
	}
	if (done < size)
		return err_set("the body is %zu bytes, shorter than the %llu its header says", done,
			       (unsigned long long)size);
	if (zr != Z_STREAM_END) {
		/* the body is complete: the stream must end here, with no byte more */
		zs->next_out = &extra;
		zs->avail_out = 1;
		zr = inflate(zs, Z_NO_FLUSH);
		if (zs->avail_out == 0)
			return err_set("the body is longer than the %llu bytes its header says",
				       (unsigned long long)size);
		if (zr != Z_STREAM_END)
			return err_set("the stream does not end after the body (%s)",
				       zr == Z_BUF_ERROR ? "cut short" : "corrupt");
	}
	if (zs->avail_in)
		return err_set("%u bytes follow the zlib stream", zs->avail_in);
	return 0;
}

/*
 * Inflates file (len bytes; complete: the whole file, else only its start):
 * the header into *type and *size, and unless header_only the body into
 * *body (size + 1 bytes from al, NUL-terminated).  Returns 0; -2 when the
 * header needs more of the file than was given; -1 with err saying what is
 * wrong (*body stays NULL).
 */
static int inflate_object(void **body, uint64_t *size, git_object_t *type, const unsigned char *file, size_t len,
			  int complete, int header_only, const struct alloc *al)
{
	z_stream zs;
	unsigned char head[HEAD_MAX];
	unsigned char *out = NULL;
	size_t hlen, have;
	int zr, rc = -1;

	*body = NULL;
	memset(&zs, 0, sizeof(zs));
	if (len > UINT_MAX)
		return err_set("the file is over 4 GiB");
	if (inflateInit(&zs) != Z_OK)
		return err_set("cannot start zlib");
	zs.next_in = (unsigned char *)file;
	zs.avail_in = (unsigned)len;
	zs.next_out = head;
	zs.avail_out = sizeof(head);
	zr = inflate(&zs, Z_SYNC_FLUSH);
	have = sizeof(head) - zs.avail_out;
	if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
		err_set("not a zlib stream (%s)", zs.msg ? zs.msg : "corrupt");
		goto done;
	}
	if (!memchr(head, '\0', have) && have < sizeof(head) && zr != Z_STREAM_END && !complete) {
		rc = -2; /* the caller reads the whole file */
		goto done;
	}
	if (parse_header(type, size, &hlen, head, have) < 0) {
		err_set("no \"TYPE SIZE\" header");
		goto done;
	}
	if (have - hlen > *size) {
		err_set("the body is longer than the %llu bytes its header says", (unsigned long long)*size);
		goto done;
	}
	if (header_only) {
		rc = 0;
		goto done;
	}
	/* a file cannot inflate to more than this: a header saying more would only make us allocate it */
	if (*size > (uint64_t)len * DEFLATE_MAX_RATIO || *size >= SIZE_MAX - 1) {
		err_set("its header says %llu bytes, more than %zu compressed bytes can hold",
			(unsigned long long)*size, len);
		goto done;
	}
	out = al->get(al->ctx, (size_t)*size + 1);
	if (!out) {
		err_set("out of memory for %llu bytes", (unsigned long long)*size);
		goto done;
	}
	memcpy(out, head + hlen, have - hlen);
	if (inflate_body(&zs, out, *size, have - hlen, zr) < 0)
		goto done;
	out[*size] = '\0';
	*body = out;
	out = NULL;
	rc = 0;
done:
	inflateEnd(&zs);
	if (out)
		al->put(al->ctx, out);
	return rc;
}

static void *plain_get(void *ctx, size_t n)
{
	(void)ctx;
	return malloc(n);
}

static void plain_put(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

int loose_parse(void **body, size_t *size, git_object_t *type, const unsigned char *file, size_t len)
{
	static const struct alloc plain = {plain_get, plain_put, NULL};
	uint64_t sz = 0;
	git_object_t t = GIT_OBJECT_INVALID;
	void *b = NULL;
	if (inflate_object(&b, &sz, &t, file, len, 1, 0, &plain) < 0)
		return -1;
	*body = b;
	*size = (size_t)sz;
	*type = t;
	return 0;
}

/* ---- the backend ------------------------------------------------------------------------- */

/* libgit2 frees what read returns with its own allocator */
static void *be_get(void *ctx, size_t n)
{
	return git_odb_backend_data_alloc(ctx, n);
}

static void be_put(void *ctx, void *p)
{
	git_odb_backend_data_free(ctx, p);
}

static void be_path(struct buf *p, const struct loose_backend *lb, const char *hex)
{
	buf_clear(p);
	buf_printf(p, "%s/%.2s/%s", lb->dir, hex, hex + 2);
}

/* Reads up to max bytes of path (all of it when max is 0); 1 when there is no such file, -1 with err. */
static int read_file(unsigned char **out, size_t *len, size_t *file_size, const char *path, size_t max)
{
	struct stat st;
	size_t want, got = 0;
	unsigned char *b;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 1 : err_sys("cannot open '%s'", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set("'%s' is not a file", path);
	}
	if ((uint64_t)st.st_size > UINT_MAX) {
		close(fd);
		return err_set("'%s' is over 4 GiB", path);
	}
	*file_size = (size_t)st.st_size;
	want = max && max < *file_size ? max : *file_size;
	b = xmalloc(want ? want : 1);
	while (got < want) {
		ssize_t n = read(fd, b + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got < want) {
		free(b);
		return err_set("'%s' changed while it was read", path);
	}
	*out = b;
	*len = got;
	return 0;
}

/* The object id's loose file, read and checked; GIT_ENOTFOUND when it is not loose here. */
static int be_load(void **data, size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id, int header_only)
{
	struct loose_backend *lb = (struct loose_backend *)b;
	struct alloc al = {be_get, be_put, b};
	struct buf path = BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	unsigned char *file = NULL;
	size_t flen = 0, fsize = 0;
	uint64_t size = 0;
	void *body = NULL;
	int rc;

	git_oid_tostr(hex, sizeof(hex), id);
	be_path(&path, lb, hex);
	rc = read_file(&file, &flen, &fsize, path.ptr, header_only ? FIRST_READ : 0);
	if (rc == 1) {
		rc = GIT_ENOTFOUND;
		goto done;
	}
	if (rc == 0) {
		rc = inflate_object(&body, &size, type, file, flen, flen == fsize, header_only, &al);
		if (rc == -2) {
			/* a header past the first bytes read: read all of it */
			free(file);
			file = NULL;
			rc = read_file(&file, &flen, &fsize, path.ptr, 0);
			if (rc == 0)
				rc = inflate_object(&body, &size, type, file, flen, 1, header_only, &al);
		}
	}
	if (rc < 0) {
		/* an error, not "not found": libgit2's own reader must never get this object */
		git_error_set(GIT_ERROR_ODB, "corrupt loose object %s: %s", hex, err_last());
		rc = -1;
		goto done;
	}
	*len = (size_t)size;
	if (data)
		*data = body;
done:
	free(file);
	buf_free(&path);
	return rc;
}

static int be_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	return be_load(data, len, type, b, id, 0);
}

static int be_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	return be_load(NULL, len, type, b, id, 1);
}

/*
 * libgit2 asks every backend for a short id (to see whether it is
 * ambiguous), its own loose reader too: the one loose object the prefix
 * names is read and checked here first, so that libgit2 only ever reads
 * one that passed, and a bad one stops the search as an error.
 */
static int be_read_prefix(git_oid *full, void **data, size_t *len, git_object_t *type, git_odb_backend *b,
			  const git_oid *prefix, size_t plen)
{
	struct loose_backend *lb = (struct loose_backend *)b;
	char hex[GIT_OID_HEXSZ + 1], found[GIT_OID_HEXSZ + 1] = "";
	struct buf dir = BUF_INIT;
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (plen >= GIT_OID_HEXSZ) {
		git_oid_cpy(full, prefix);
		return be_read(data, len, type, b, prefix);
	}
	if (plen < 2)
		return GIT_ENOTFOUND; /* libgit2 asks for 4 digits at least */
	git_oid_nfmt(hex, plen, prefix);
	hex[plen] = '\0';
	buf_printf(&dir, "%s/%.2s", lb->dir, hex);
	d = opendir(dir.ptr);
	buf_free(&dir);
	if (!d)
		return GIT_ENOTFOUND;
	while ((e = readdir(d)) != NULL) {
		if (strlen(e->d_name) != GIT_OID_HEXSZ - 2 || strncmp(e->d_name, hex + 2, plen - 2) ||
		    strspn(e->d_name, "0123456789abcdef") != GIT_OID_HEXSZ - 2)
			continue;
		if (n++ == 0) {
			memcpy(found, hex, 2);
			memcpy(found + 2, e->d_name, GIT_OID_HEXSZ - 2);
			found[GIT_OID_HEXSZ] = '\0';
		}
	}
	closedir(d);
	if (n == 0)
		return GIT_ENOTFOUND;
	if (n > 1) {
		git_error_set(GIT_ERROR_ODB, "ambiguous object id prefix %s: %d loose objects", hex, n);
		return GIT_EAMBIGUOUS;
	}
	if (git_oid_fromstr(full, found) < 0)
		return -1;
	return be_read(data, len, type, b, full);
}

static void be_free(git_odb_backend *b)
{
	struct loose_backend *lb = (struct loose_backend *)b;
	if (!lb)
		return;
	free(lb->dir);
	free(lb);
}

int loose_backend_new(git_odb_backend **out, const char *objects_dir)
{
	struct loose_backend *lb = xcalloc(1, sizeof(*lb));
	size_t n = strlen(objects_dir);

	if (git_odb_init_backend(&lb->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		free(lb);
		return err_set("cannot set up a loose object reader");
	}
	while (n > 1 && objects_dir[n - 1] == '/')
		n--;
	lb->dir = xstrndup(objects_dir, n);
	lb->parent.read = be_read;
	lb->parent.read_header = be_read_header;
	lb->parent.read_prefix = be_read_prefix;
	lb->parent.free = be_free;
	*out = &lb->parent;
	return 0;
}

/*
 * Ahead of libgit2's loose reader (priority 1), level with its pack reader
 * (2): libgit2 sorts backends stably, so the pack reader, there first, is
 * still asked first and a packed object costs no failed open here.  Either
 * order is safe; only the loose reader must come after.
 */
#define LOOSE_PRIORITY 2

int loose_attach_odb(git_odb *odb, const char *objects_dir)
{
	git_odb_backend *be = NULL;

	if (loose_backend_new(&be, objects_dir) < 0)
		return -1;
	if (git_odb_add_backend(odb, be, LOOSE_PRIORITY) < 0) {
		be_free(be);
		err_set("cannot add the loose object reader");
		return -1;
	}
	return 0;
}

int loose_attach(git_repository *repo)
{
	git_odb *odb = NULL;
	struct buf dir = BUF_INIT;
	int rc = -1;

	buf_printf(&dir, "%sobjects", git_repository_commondir(repo));
	if (git_repository_odb(&odb, repo) < 0) {
		const git_error *e = git_error_last();
		err_set("cannot open the object database: %s", e && e->message ? e->message : "unknown error");
		goto done;
	}
	rc = loose_attach_odb(odb, buf_cstr(&dir));
done:
	git_odb_free(odb);
	buf_free(&dir);
	return rc;
}
