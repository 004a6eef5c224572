/* cache.c - segments of (blob id, value) records, written whole and renamed into place. */
#include "store/cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <libdeflate.h>

#include "util/buf.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"

/*
 * A segment file, all integers little-endian:
 *   "PGCACHE1"  u32 format  u32 nslen  u64 count  u64 datalen
 *   ns (nslen bytes)
 *   index: count x (key[20] u32 offset u32 length), sorted by key, keys unique
 *   data (datalen bytes)
 *   u64 CRC-32 (libdeflate's, fast enough not to show) of every byte before it
 * Its size must be exactly that: a short or long file is not trusted.
 */
#define SEG_MAGIC  "PGCACHE1"
#define SEG_FORMAT 2u
#define SEG_HEAD   32
#define SEG_IREC   (CACHE_KEY_SIZE + 8)
/* pending values are written as a segment once they pass this */
#define PENDING_MAX ((size_t)2 << 20)
/*
 * segments written by more runs than this in one namespace are merged into
 * one (a run writing many, as a first scan of a large tree does, counts once:
 * merging them again at the next run would copy the whole cache for nothing)
 */
#define MERGE_AT 8
/* a temporary file this old was left by a run that died */
#define STALE_TMP_SECONDS 3600

struct seg {
	char *name;		    /* file name inside nsdir */
	const unsigned char *bytes; /* mapped read-only, never copied onto the heap */
	size_t size;
	size_t count;
	const unsigned char *index;
	const unsigned char *data;
	size_t datalen;
	atomic_uchar *used; /* per record: read during this run */
	atomic_int hit;
	int mine; /* written by this run */
};

struct slot {
	uint32_t seg, rec; /* seg + 1, 0 for an empty slot */
};

struct pending {
	unsigned char key[CACHE_KEY_SIZE];
	size_t off, len;
};

struct cache {
	char *root;  /* DIR/v1 */
	char *nsdir; /* root/NSHASH */
	char *ns;
	uint64_t max_bytes;
	struct seg *segs; /* newest first, as loaded */
	size_t nsegs, segs_cap;
	/*
	 * Every loaded key, found in one probe or two however many segments
	 * there are: open addressing on the key's first bytes (keys are object
	 * ids, evenly spread), the newest segment's record of a key only.
	 */
	struct slot *table;
	size_t tmask;
	pthread_mutex_t mu; /* guards what follows */
	struct pending *pend;
	size_t npend, pend_cap;
	struct buf pdata;
	int write_failed;
	char *werr;
	char **written; /* segment names written this run */
	size_t nwritten, written_cap;
	unsigned seq;
	struct timespec opened; /* names this run's segments: seg-TIME-PID-SEQ.pgc */
	atomic_size_t hits, misses;
	size_t puts;
	uint64_t loaded_bytes; /* of the segments loaded, bounded by max_bytes */
	size_t nskipped;       /* segments not used, and why (the first few) */
	char **notes;
	size_t nnotes, notes_cap;
};

/* One record on its way into a segment; later ones win over earlier ones of the same key. */
struct rec {
	unsigned char key[CACHE_KEY_SIZE];
	const unsigned char *val;
	size_t len;
	size_t order;
};

char *cache_default_dir(const char *x, const char *h)
{
	struct buf b = BUF_INIT;

	/* the XDG spec ignores a relative XDG_CACHE_HOME */
	if (x && x[0] == '/')
		buf_printf(&b, "%s/proofgate", x);
	else if (h && *h)
		buf_printf(&b, "%s/.cache/proofgate", h);
	else
		return NULL;
	return buf_detach(&b);
}

/* mkdir -p, each new folder this user's alone; 0 or -1 with errno. */
static int mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;
	for (s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/*
 * The real path of p even when its last parts do not exist yet: the
 * longest existing prefix resolved, the rest appended.  Caller frees.
 */
static char *resolve(const char *p)
{
	struct buf b = BUF_INIT;
	char *abs, *cut, *real = NULL;
	char cwd[PATH_MAX];

	if (p[0] != '/') {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		buf_printf(&b, "%s/%s", cwd, p);
	} else {
		buf_puts(&b, p);
	}
	abs = buf_detach(&b);
	cut = abs + strlen(abs);
	for (;;) {
		char save = *cut;
		*cut = '\0';
		real = realpath(*abs ? abs : "/", NULL);
		*cut = save;
		if (real || cut == abs)
			break;
		while (cut > abs && *--cut != '/')
			;
	}
	if (real) {
		buf_puts(&b, real);
		/* what does not exist yet cannot be a symbolic link: keep it lexically */
		if (*cut && strcmp(real, "/"))
			buf_puts(&b, cut);
		else if (*cut)
			buf_puts(&b, cut + 1);
		free(real);
		real = buf_detach(&b);
	}
	free(abs);
	return real;
}

/* 1 when path is folder dir or below it (both resolved). */
static int is_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/' || (n == 1 && dir[0] == '/'));
}

static void seg_free(struct seg *s)
{
	free(s->name);
	if (s->bytes)
		munmap((void *)s->bytes, s->size);
	free((void *)s->used);
	memset(s, 0, sizeof(*s));
}

/* Notes why a segment was not used; the first few reasons are kept for the CLI to show. */
static void skipped(struct cache *c, const char *name, const char *why)
{
	c->nskipped++;
	if (c->nnotes < CACHE_MAX_NOTES) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s/%s: %s", c->nsdir, name, why);
		XGROW(c->notes, c->notes_cap, c->nnotes + 1);
		c->notes[c->nnotes++] = buf_detach(&b);
	}
}

/*
 * Maps the segment at path read-only into s->bytes and s->size after
 * checking what it is: a regular file of this user's, writable by no one
 * else, within the size the cache may hold.  0, or -1 with *why set (a
 * static string) and *drop when the file cannot be ours and may go.
 */
static int seg_map(struct seg *s, const struct cache *c, const char *path, const char **why, int *drop)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), rc = -1;

	*drop = 0;
	if (fd < 0) {
		*why = "cannot be opened";
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto done;
	}
	if (st.st_uid != geteuid() || (st.st_mode & 022)) {
		*why = "owned by another user or writable by group or others";
		goto done;
	}
	/* a segment this size was never written by a cache bounded by max_bytes */
	if ((uint64_t)st.st_size > c->max_bytes || (uint64_t)st.st_size > SIZE_MAX / 2) {
		*why = "larger than the cache's size bound";
		*drop = 1;
		goto done;
	}
	if ((uint64_t)st.st_size + c->loaded_bytes > c->max_bytes) {
		*why = "the segments loaded before it fill the cache's size bound";
		goto done;
	}
	if (st.st_size < SEG_HEAD + 8) {
		*why = "truncated";
		*drop = 1;
		goto done;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		*why = "cannot be mapped";
		goto done;
	}
	s->bytes = p;
	s->size = (size_t)st.st_size;
	rc = 0;
done:
	close(fd);
	return rc;
}

/*
 * Checks a segment's bytes: magic, namespace, exact length, sorted unique
 * keys, offsets inside the data, checksum.  0 when it can be trusted, -1
 * when it is torn or corrupt, -2 when it belongs to another namespace.
 */
static int seg_parse(struct seg *s, const char *ns)
{
	size_t nslen = strlen(ns), i;
	uint64_t count, datalen, need;
	const unsigned char *b = s->bytes;

	if (s->size < SEG_HEAD + 8 || memcmp(b, SEG_MAGIC, 8) || le_get32(b + 8) != SEG_FORMAT)
		return -1;
	count = le_get64(b + 16);
	datalen = le_get64(b + 24);
	if (le_get32(b + 12) > s->size || count > s->size / SEG_IREC || datalen > s->size)
		return -1;
	need = SEG_HEAD + (uint64_t)le_get32(b + 12) + count * SEG_IREC + datalen + 8;
	if (need != s->size)
		return -1;
	if (libdeflate_crc32(0, b, s->size - 8) != le_get64(b + s->size - 8))
		return -1;
	if (le_get32(b + 12) != nslen || memcmp(b + SEG_HEAD, ns, nslen))
		return -2;
	s->count = (size_t)count;
	s->index = b + SEG_HEAD + nslen;
	s->data = s->index + s->count * SEG_IREC;
	s->datalen = (size_t)datalen;
	for (i = 0; i < s->count; i++) {
		const unsigned char *r = s->index + i * SEG_IREC;
		uint64_t off = le_get32(r + CACHE_KEY_SIZE), len = le_get32(r + CACHE_KEY_SIZE + 4);
		if (off + len > datalen)
			return -1;
		if (i && memcmp(r - SEG_IREC, r, CACHE_KEY_SIZE) >= 0)
			return -1;
	}
	return 0;
}

/*
 * Loads nsdir/name; a segment that is too large, torn, corrupt or not this
 * user's own is skipped (and noted), never trusted; one that cannot be ours
 * is removed.  0 when loaded.
 */
static int seg_load(struct seg *s, struct cache *c, const char *name)
{
	struct buf path = BUF_INIT;
	const char *why = NULL;
	int rc = -1, pr, drop = 0;

	memset(s, 0, sizeof(*s));
	buf_printf(&path, "%s/%s", c->nsdir, name);
	if (seg_map(s, c, path.ptr, &why, &drop) < 0)
		goto done;
	pr = seg_parse(s, c->ns);
	if (pr == -1) {
		why = "torn or corrupt (its length, index or checksum does not check out)";
		drop = 1;
		goto done;
	}
	if (pr < 0)
		goto done; /* another namespace's, in this folder by a hash collision: not ours to judge */
	s->name = xstrdup(name);
	s->used = xcalloc(s->count ? s->count : 1, sizeof(*s->used));
	c->loaded_bytes += s->size;
	rc = 0;
done:
	if (rc < 0) {
		if (why)
			skipped(c, name, why);
		if (drop && !c->write_failed)
			(void)unlink(path.ptr);
		seg_free(s);
	}
	buf_free(&path);
	return rc;
}

struct dirent_info {
	char *name;
	time_t mtime;
	long mtime_ns;
	off_t size;
};

static int by_age_newest_first(const void *a, const void *b)
{
	const struct dirent_info *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	if (x->mtime_ns != y->mtime_ns)
		return x->mtime_ns > y->mtime_ns ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_name_newest_first(const void *a, const void *b)
{
	return -strcmp(((const struct dirent_info *)a)->name, ((const struct dirent_info *)b)->name);
}

/* The seg-*.pgc files of a folder, newest first; caller frees each name and the array. */
static struct dirent_info *list_segments(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct dirent_info *v = NULL;
	size_t cap = 0;
	struct buf p = BUF_INIT;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, "seg-", 4) || len < 8 || strcmp(e->d_name + len - 4, ".pgc"))
			continue;
		buf_clear(&p);
		buf_printf(&p, "%s/%s", dir, e->d_name);
		if (stat(p.ptr, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		XGROW(v, cap, *n + 1);
		v[*n].name = xstrdup(e->d_name);
		v[*n].mtime = st.st_mtim.tv_sec;
		v[*n].mtime_ns = st.st_mtim.tv_nsec;
		v[*n].size = st.st_size;
		(*n)++;
	}
	closedir(d);
	buf_free(&p);
	if (*n)
		qsort(v, *n, sizeof(*v), by_age_newest_first);
	return v;
}

static void free_list(struct dirent_info *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* Two FNV-1a hashes of the namespace name its folder: short, filesystem-safe, stable. */
static void ns_folder(char out[33], const char *ns)
{
	uint64_t a = fnv1a(FNV1A_INIT, ns, strlen(ns)), b = fnv1a(0x84222325cbf29ce4ull, ns, strlen(ns));
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

static size_t slot_of(const struct cache *c, const unsigned char *key)
{
	return (size_t)le_get64(key) & c->tmask;
}

/* The slot holding key, or the empty one where it would go. */
static struct slot *probe(const struct cache *c, const unsigned char *key)
{
	size_t i = slot_of(c, key);
	for (;; i = (i + 1) & c->tmask) {
		struct slot *t = &c->table[i];
		if (!t->seg || !memcmp(c->segs[t->seg - 1].index + (size_t)t->rec * SEG_IREC, key, CACHE_KEY_SIZE))
			return t;
	}
}

/* Indexes every loaded record, newest segment first: an older record of the same key is shadowed. */
static void build_table(struct cache *c)
{
	size_t total = 0, cap = 16, k, i;
	for (k = 0; k < c->nsegs; k++)
		total += c->segs[k].count;
	while (cap < total + total / 2 + 1)
		cap <<= 1;
	c->table = xcalloc(cap, sizeof(*c->table));
	c->tmask = cap - 1;
	for (k = 0; k < c->nsegs; k++)
		for (i = 0; i < c->segs[k].count; i++) {
			struct slot *t = probe(c, c->segs[k].index + i * SEG_IREC);
			if (!t->seg) {
				t->seg = (uint32_t)k + 1;
				t->rec = (uint32_t)i;
			}
		}
}

/*
 * Whether folder path (when it exists) may be trusted as this user's cache:
 * a folder (not a link to one) owned by this user and writable by no one
 * else, as ssh asks of ~/.ssh.  0; CACHE_EREFUSED with err when it may not;
 * -1 with err when it cannot be looked at (dir names it to the user).
 */
static int trusted_folder(const char *path, const char *dir)
{
	struct stat st;
	const char *why;
	char whose[64];

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_sys("cannot use cache folder '%s'", dir);
	if (!S_ISDIR(st.st_mode)) {
		why = "is not a folder";
	} else if (st.st_uid != geteuid()) {
		snprintf(whose, sizeof(whose), "belongs to user %lu, not to this one (%lu)", (unsigned long)st.st_uid,
			 (unsigned long)geteuid());
		why = whose;
	} else if (st.st_mode & 022) {
		why = (st.st_mode & 002) ? "is writable by others" : "is writable by its group";
	} else {
		return 0;
	}
	err_set("cache folder '%s' is not trusted: '%s' %s (a cache decides verdicts: it must be yours alone, "
		"see docs/cache.md)",
		dir, path, why);
	return CACHE_EREFUSED;
}

int cache_open(struct cache **out, const char *dir, const char *ns, const char *const *forbidden, uint64_t max_bytes)
{
	struct cache *c = NULL;
	struct dirent_info *list = NULL;
	char *real = NULL, hex[33];
	size_t n = 0, i;
	int rc = -1, t;

	real = resolve(dir);
	if (!real) {
		err_sys("cannot resolve cache folder '%s'", dir);
		goto done;
	}
	/* a ".." after a part that does not exist yet could lead anywhere once created */
	if (strstr(real, "/../") || strstr(real, "/./") ||
	    (strlen(real) >= 3 && !strcmp(real + strlen(real) - 3, "/.."))) {
		err_set("cache folder '%s' leads through a folder that does not exist yet: give a plain path", dir);
		goto done;
	}
	for (i = 0; forbidden && forbidden[i]; i++) {
		char *f = realpath(forbidden[i], NULL);
		int inside = f && is_within(real, f);
		free(f);
		if (inside) {
			err_set("cache folder '%s' is inside the scanned repository ('%s'); proofgate never writes "
				"there: give --cache a folder outside it",
				dir, forbidden[i]);
			goto done;
		}
	}
	/* what the folder holds decides verdicts: only this user may write there (nothing is made in it before) */
	if ((t = trusted_folder(real, dir)) < 0) {
		rc = t;
		goto done;
	}
	c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->mu, NULL);
	clock_gettime(CLOCK_REALTIME, &c->opened);
	{
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s/v1", real);
		c->root = buf_detach(&b);
		ns_folder(hex, ns);
		buf_printf(&b, "%s/%s", c->root, hex);
		c->nsdir = buf_detach(&b);
	}
	c->ns = xstrdup(ns);
	c->max_bytes = max_bytes ? max_bytes : CACHE_DEFAULT_MAX_BYTES;
	if (mkdirs(c->nsdir) < 0) {
		int made_errno = errno; /* why it could not be made (a read-only folder), not what access says next */
		/* read-only but present: still worth reading */
		if (access(c->nsdir, R_OK | X_OK) < 0) {
			err_set("cannot use cache folder '%s': %s", dir, err_os(made_errno));
			goto done;
		}
		struct buf b = BUF_INIT;
		buf_printf(&b, "cannot create cache folder '%s': %s", c->nsdir, err_os(errno));
		c->write_failed = 1;
		c->werr = buf_detach(&b);
	}
	if ((t = trusted_folder(c->root, dir)) < 0 || (t = trusted_folder(c->nsdir, dir)) < 0) {
		rc = t;
		goto done;
	}
	list = list_segments(c->nsdir, &n);
	/*
	 * newest first by name (the time its run began, then the order it wrote
	 * them), not by age on disk: a segment a run read from is touched so that
	 * pruning keeps it, and must not then shadow what that run wrote after
	 */
	if (n)
		qsort(list, n, sizeof(*list), by_name_newest_first);
	for (i = 0; i < n; i++) {
		XGROW(c->segs, c->segs_cap, c->nsegs + 1);
		if (seg_load(&c->segs[c->nsegs], c, list[i].name) == 0)
			c->nsegs++;
	}
	build_table(c);
	*out = c;
	c = NULL;
	rc = 0;
done:
	free_list(list, n);
	free(real);
	if (c) {
		/* nothing to flush from a cache that never opened; keep the message set above */
		c->write_failed = 1;
		free(c->werr);
		c->werr = NULL;
		cache_close(c);
	}
	return rc;
}

const unsigned char *cache_get(struct cache *c, const unsigned char key[CACHE_KEY_SIZE], size_t *len)
{
	const struct slot *t;
	*len = 0;
	if (!c || !c->table)
		return NULL;
	t = probe(c, key);
	if (t->seg) {
		struct seg *s = &c->segs[t->seg - 1];
		const unsigned char *r = s->index + (size_t)t->rec * SEG_IREC;
		atomic_store_explicit(&s->used[t->rec], 1, memory_order_relaxed);
		atomic_store_explicit(&s->hit, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&c->hits, 1, memory_order_relaxed);
		*len = le_get32(r + CACHE_KEY_SIZE + 4);
		return s->data + le_get32(r + CACHE_KEY_SIZE);
	}
	atomic_fetch_add_explicit(&c->misses, 1, memory_order_relaxed);
	return NULL;
}

static int rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	int d = memcmp(x->key, y->key, CACHE_KEY_SIZE);
	if (d)
		return d;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void write_failed(struct cache *c, const char *what, const char *path)
{
	if (!c->werr) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "cannot write cache %s '%s': %s", what, path, err_os(errno));
		c->werr = buf_detach(&b);
	}
	c->write_failed = 1;
}

static int put_all(FILE *f, uint64_t *h, const void *p, size_t n)
{
	*h = libdeflate_crc32((uint32_t)*h, p, n);
	return fwrite(p, 1, n, f) == n ? 0 : -1;
}

/* Sorts recs by key and keeps the last record (in order) of each key; returns how many are left. */
static size_t keep_last(struct rec *recs, size_t n)
{
	size_t i, j;
	if (n)
		qsort(recs, n, sizeof(*recs), rec_cmp);
	for (i = 0, j = 0; i < n; i++) {
		if (i + 1 < n && !memcmp(recs[i].key, recs[i + 1].key, CACHE_KEY_SIZE))
			continue;
		recs[j++] = recs[i];
	}
	return j;
}

/* Writes a whole segment of n sorted, unique records (datalen bytes of values) to f; -1 on a write error. */
static int put_segment(FILE *f, const struct cache *c, const struct rec *recs, size_t n, uint64_t datalen)
{
	unsigned char head[SEG_HEAD], ir[SEG_IREC], tail[8];
	uint64_t h = 0, off = 0;
	size_t i, nslen = strlen(c->ns);

	memcpy(head, SEG_MAGIC, 8);
	le_put32(head + 8, SEG_FORMAT);
	le_put32(head + 12, (uint32_t)nslen);
	le_put64(head + 16, n);
	le_put64(head + 24, datalen);
	if (put_all(f, &h, head, sizeof(head)) < 0 || put_all(f, &h, c->ns, nslen) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		memcpy(ir, recs[i].key, CACHE_KEY_SIZE);
		le_put32(ir + CACHE_KEY_SIZE, (uint32_t)off);
		le_put32(ir + CACHE_KEY_SIZE + 4, (uint32_t)recs[i].len);
		off += recs[i].len;
		if (put_all(f, &h, ir, sizeof(ir)) < 0)
			return -1;
	}
	for (i = 0; i < n; i++)
		if (put_all(f, &h, recs[i].val, recs[i].len) < 0)
			return -1;
	le_put64(tail, h);
	return fwrite(tail, 1, 8, f) == 8 ? 0 : -1;
}

/*
 * Writes recs (sorted here; for equal keys the last in order wins) as one
 * new segment: a temporary file renamed into place.  Sets *name (caller
 * frees) on success.  Called with c->mu held, or from one thread.
 */
static int write_segment(struct cache *c, struct rec *recs, size_t n, char **name)
{
	struct buf tmp = BUF_INIT, fin = BUF_INIT, dst = BUF_INIT;
	FILE *f = NULL;
	uint64_t datalen = 0;
	size_t i;
	struct timespec now;
	int fd, rc = -1;

	if (c->write_failed)
		return -1;
	n = keep_last(recs, n);
	for (i = 0; i < n; i++)
		datalen += recs[i].len;
	if (datalen > UINT32_MAX) {
		errno = EFBIG;
		write_failed(c, "segment", c->nsdir);
		return -1;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	buf_printf(&tmp, "%s/tmp-%ld-%u-%lx", c->nsdir, (long)getpid(), c->seq, (unsigned long)now.tv_nsec);
	buf_printf(&fin, "seg-%011llx%08lx-%ld-%08x.pgc", (unsigned long long)c->opened.tv_sec,
		   (unsigned long)c->opened.tv_nsec, (long)getpid(), c->seq);
	buf_printf(&dst, "%s/%s", c->nsdir, fin.ptr);
	c->seq++;
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "wb"))) {
		if (fd >= 0)
			close(fd);
		write_failed(c, "file", tmp.ptr);
		goto done;
	}
	rc = put_segment(f, c, recs, n, datalen);
	if (rc < 0)
		write_failed(c, "file", tmp.ptr); /* before fclose: errno is the failed write's */
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		write_failed(c, "file", tmp.ptr);
	}
	if (rc < 0) {
		(void)unlink(tmp.ptr);
		goto done;
	}
	/* the rename is the commit: readers see all of the segment or none of it */
	if (rename(tmp.ptr, dst.ptr) < 0) {
		rc = -1;
		write_failed(c, "segment", dst.ptr);
		(void)unlink(tmp.ptr);
		goto done;
	}
	*name = buf_detach(&fin);
done:
	buf_free(&tmp);
	buf_free(&fin);
	buf_free(&dst);
	return rc;
}

/* Writes the pending values as a segment.  Called with c->mu held. */
static void flush_pending(struct cache *c)
{
	struct rec *recs;
	char *name = NULL;
	size_t i;

	if (!c->npend)
		return;
	recs = xmalloc(c->npend * sizeof(*recs));
	for (i = 0; i < c->npend; i++) {
		memcpy(recs[i].key, c->pend[i].key, CACHE_KEY_SIZE);
		recs[i].val = (const unsigned char *)c->pdata.ptr + c->pend[i].off;
		recs[i].len = c->pend[i].len;
		recs[i].order = i;
	}
	if (write_segment(c, recs, c->npend, &name) == 0) {
		XGROW(c->written, c->written_cap, c->nwritten + 1);
		c->written[c->nwritten++] = name;
	}
	free(recs);
	c->npend = 0;
	buf_clear(&c->pdata);
}

void cache_put(struct cache *c, const unsigned char key[CACHE_KEY_SIZE], const void *val, size_t len)
{
	if (!c || len > UINT32_MAX)
		return;
	pthread_mutex_lock(&c->mu);
	if (!c->write_failed) {
		XGROW(c->pend, c->pend_cap, c->npend + 1);
		memcpy(c->pend[c->npend].key, key, CACHE_KEY_SIZE);
		c->pend[c->npend].off = c->pdata.len;
		c->pend[c->npend].len = len;
		if (buf_put(&c->pdata, val, len) == 0) {
			c->npend++;
			c->puts++;
		}
		if (c->pdata.len >= PENDING_MAX)
			flush_pending(c);
	}
	pthread_mutex_unlock(&c->mu);
}

void cache_get_stats(const struct cache *c, struct cache_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (!c)
		return;
	out->hits = atomic_load(&((struct cache *)c)->hits);
	out->misses = atomic_load(&((struct cache *)c)->misses);
	out->puts = c->puts;
	out->segments_loaded = c->nsegs;
	out->segments_skipped = c->nskipped;
	out->segments_written = c->nwritten;
}

size_t cache_notes(const struct cache *c, const char *const **out)
{
	*out = NULL;
	if (!c)
		return 0;
	*out = (const char *const *)c->notes;
	return c->nnotes;
}

static int is_written(const struct cache *c, const char *name)
{
	size_t i;
	for (i = 0; i < c->nwritten; i++)
		if (!strcmp(c->written[i], name))
			return 1;
	return 0;
}

/* How many runs wrote the segments of list: their names up to the last '-' differ. */
static size_t count_runs(const struct dirent_info *list, size_t n)
{
	size_t runs = 0, i, k;
	for (i = 0; i < n; i++) {
		const char *dash = strrchr(list[i].name, '-');
		size_t len = dash ? (size_t)(dash - list[i].name) : strlen(list[i].name);
		for (k = 0; k < i; k++)
			if (!strncmp(list[k].name, list[i].name, len) &&
			    (list[k].name[len] == '-' || !list[k].name[len]))
				break;
		runs += k == i;
	}
	return runs;
}

/*
 * Merges this namespace's segments into one when many runs wrote them.  When the
 * namespace alone passes half the bound, only what this run read or wrote
 * is kept, so a long-lived cache follows the repository as it changes.
 */
static void merge_segments(struct cache *c)
{
	struct dirent_info *list = NULL;
	struct seg *extra = NULL;
	struct rec *recs = NULL;
	size_t n = 0, nextra = 0, nrecs = 0, cap = 0, i, k, order = 0;
	uint64_t total = 0;
	int keep_all;
	char *name = NULL;

	list = list_segments(c->nsdir, &n);
	if (count_runs(list, n) <= MERGE_AT)
		goto done;
	for (i = 0; i < n; i++)
		total += (uint64_t)list[i].size;
	keep_all = total <= c->max_bytes / 2;
	/* the segments this run wrote: read them back; others it loaded at open */
	extra = xcalloc(c->nwritten ? c->nwritten : 1, sizeof(*extra));
	c->loaded_bytes = 0; /* this run's own segments: the bound applies to the merged one as it is written */
	for (i = 0; i < c->nwritten; i++)
		if (seg_load(&extra[nextra], c, c->written[i]) == 0) {
			extra[nextra].mine = 1;
			nextra++;
		}
	/* oldest first, so that a newer record of a key wins */
	for (k = c->nsegs; k-- > 0;) {
		struct seg *s = &c->segs[k];
		for (i = 0; i < s->count; i++) {
			const unsigned char *r = s->index + i * SEG_IREC;
			if (!keep_all && !atomic_load_explicit(&s->used[i], memory_order_relaxed))
				continue;
			XGROW(recs, cap, nrecs + 1);
			memcpy(recs[nrecs].key, r, CACHE_KEY_SIZE);
			recs[nrecs].val = s->data + le_get32(r + CACHE_KEY_SIZE);
			recs[nrecs].len = le_get32(r + CACHE_KEY_SIZE + 4);
			recs[nrecs++].order = order++;
		}
	}
	for (k = 0; k < nextra; k++) {
		struct seg *s = &extra[k];
		for (i = 0; i < s->count; i++) {
			const unsigned char *r = s->index + i * SEG_IREC;
			XGROW(recs, cap, nrecs + 1);
			memcpy(recs[nrecs].key, r, CACHE_KEY_SIZE);
			recs[nrecs].val = s->data + le_get32(r + CACHE_KEY_SIZE);
			recs[nrecs].len = le_get32(r + CACHE_KEY_SIZE + 4);
			recs[nrecs++].order = order++;
		}
	}
	if (write_segment(c, recs, nrecs, &name) < 0)
		goto done;
	/* remove what the merged segment replaces: those loaded and those written here */
	for (k = 0; k < c->nsegs + nextra; k++) {
		struct seg *s = k < c->nsegs ? &c->segs[k] : &extra[k - c->nsegs];
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/%s", c->nsdir, s->name);
		(void)unlink(p.ptr);
		buf_free(&p);
	}
	XGROW(c->written, c->written_cap, c->nwritten + 1);
	c->written[c->nwritten++] = name;
done:
	for (k = 0; k < nextra; k++)
		seg_free(&extra[k]);
	free(extra);
	free(recs);
	free_list(list, n);
}

/* Keeps everything under root within max_bytes: the least recently used segments go first. */
static void prune(struct cache *c)
{
	DIR *d = opendir(c->root);
	struct dirent *e;
	struct dirent_info *all = NULL;
	size_t nall = 0, cap = 0, i;
	uint64_t total = 0;
	time_t now = time(NULL);
	struct buf p = BUF_INIT;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		struct dirent_info *v;
		size_t n = 0;
		DIR *sub;
		struct dirent *t;
		if (e->d_name[0] == '.')
			continue;
		buf_clear(&p);
		buf_printf(&p, "%s/%s", c->root, e->d_name);
		/* temporary files of runs that died */
		if ((sub = opendir(p.ptr)) != NULL) {
			while ((t = readdir(sub)) != NULL) {
				struct buf q = BUF_INIT;
				struct stat st;
				if (strncmp(t->d_name, "tmp-", 4))
					continue;
				buf_printf(&q, "%s/%s", p.ptr, t->d_name);
				if (stat(q.ptr, &st) == 0 && now - st.st_mtim.tv_sec > STALE_TMP_SECONDS)
					(void)unlink(q.ptr);
				buf_free(&q);
			}
			closedir(sub);
		}
		v = list_segments(p.ptr, &n);
		for (i = 0; i < n; i++) {
			XGROW(all, cap, nall + 1);
			all[nall] = v[i];
			buf_clear(&p);
			buf_printf(&p, "%s/%s/%s", c->root, e->d_name, v[i].name);
			free(all[nall].name);
			all[nall].name = xstrdup(p.ptr);
			total += (uint64_t)v[i].size;
			nall++;
		}
		free(v);
	}
	closedir(d);
	if (nall)
		qsort(all, nall, sizeof(*all), by_age_newest_first);
	/* a file larger than the whole bound was never a segment of ours: it goes first, not the others */
	for (i = 0; i < nall; i++)
		if ((uint64_t)all[i].size > c->max_bytes && unlink(all[i].name) == 0) {
			total -= (uint64_t)all[i].size;
			all[i].size = 0;
		}
	for (i = nall; i-- > 0 && total > c->max_bytes;) {
		if (all[i].size && unlink(all[i].name) == 0)
			total -= (uint64_t)all[i].size;
	}
	buf_free(&p);
	free_list(all, nall);
}

int cache_close(struct cache *c)
{
	size_t i;
	int rc = 0;

	if (!c)
		return 0;
	pthread_mutex_lock(&c->mu);
	flush_pending(c);
	pthread_mutex_unlock(&c->mu);
	if (!c->write_failed) {
		/* segments this run read from stay young, so pruning takes unused ones first */
		for (i = 0; i < c->nsegs; i++)
			if (atomic_load(&c->segs[i].hit) && !is_written(c, c->segs[i].name)) {
				struct buf p = BUF_INIT;
				buf_printf(&p, "%s/%s", c->nsdir, c->segs[i].name);
				(void)utimensat(AT_FDCWD, p.ptr, NULL, 0);
				buf_free(&p);
			}
		merge_segments(c);
		prune(c);
	}
	if (c->werr && c->root) {
		err_set("%s", c->werr);
		rc = -1;
	}
	for (i = 0; i < c->nsegs; i++)
		seg_free(&c->segs[i]);
	free(c->segs);
	free(c->table);
	for (i = 0; i < c->nwritten; i++)
		free(c->written[i]);
	free(c->written);
	free(c->pend);
	buf_free(&c->pdata);
	free(c->werr);
	for (i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->notes);
	free(c->ns);
	free(c->nsdir);
	free(c->root);
	pthread_mutex_destroy(&c->mu);
	free(c);
	return rc;
}
