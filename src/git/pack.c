/* pack.c - blobs read straight from pack files: .idx lookup, pread, libdeflate, git's deltas applied here. */
#include "git/pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mem.h"

#define IDX_MAGIC     "\377tOc"
#define HASH_LEN      20
#define OBJ_BLOB      3
#define OBJ_OFS_DELTA 6
#define OBJ_REF_DELTA 7
/*
 * bytes of entry header read ahead of the data: type and size take at most
 * 10 bytes for 64-bit sizes, then a delta's base, an offset of at most 10
 * bytes or a 20-byte id
 */
#define HEAD_MAX 32
/*
 * The base cache's hash buckets; a power of two.  The cache holds at most
 * PACK_BASE_CACHE bytes, of objects of a few KiB on real code: a few
 * hundred, a short chain a bucket.
 */
#define BASE_BUCKETS 1024

/*
 * Every KEY_STEP-th object id's first 8 bytes are kept in memory; a lookup
 * narrows to KEY_STEP ids with them and reads those (at most FIND_WINDOW
 * ids) with one pread.
 */
#define KEY_STEP    32
#define FIND_WINDOW 64

/*
 * An index whose ids take at most this many bytes (about 210,000 objects)
 * has them all held in memory from the first lookup, which reads them all
 * anyway to make the keys: a lookup is then a search in memory, not a
 * pread (the next version from the cache looks up each of its 23,359
 * blobs on the real-code corpus).  A larger index keeps the keys alone.
 */
#define PACK_IDS_HELD (4u << 20)
#define KEYS_FAILED   ((uint64_t *)&keys_failed)
static const uint64_t keys_failed;

struct pack {
	int fd;
	uint64_t size; /* of the .pack file */
	/*
	 * The .idx file, open and read with pread, never mapped: a mapped
	 * index of a large repository (13 MB for 470,000 objects) became
	 * resident page by page as lookups touched it, on top of libgit2's own
	 * mapping of the same file.
	 */
	int idx_fd;
	uint64_t idx_len;
	uint32_t fanout[256];
	uint32_t n;
	uint64_t ids_at, off32_at, off64_at, idx_sum_at; /* where each table starts in the .idx */
	uint32_t nlarge;
	/* the keys (KEY_STEP apart), read at the first lookup (pack_set.mu); KEYS_FAILED when they could not be */
	_Atomic(uint64_t *) keys;
	unsigned char *ids; /* every id, when they fit PACK_IDS_HELD: set before keys is published */
};

struct pack_set {
	struct pack *p;
	size_t n;
	pthread_mutex_t mu; /* the packs' keys are read once, by whichever thread looks up first */
	size_t hold;	    /* ids of at most this many bytes are held in memory (PACK_IDS_HELD) */
};

/*
 * One object of a delta chain, inflated or built: the base of the next
 * delta up.  While it is in a reader's base cache (linked) the cache owns
 * it; otherwise whoever holds it frees it (base_drop).
 */
struct base {
	struct base *hnext;	    /* the next in its hash bucket */
	struct base *newer, *older; /* the cache's order of use, newest first */
	const struct pack *p;
	uint64_t off; /* its entry's offset in p */
	size_t len;
	int linked;
	unsigned char data[]; /* len bytes */
};

/* Recently built bases, found by pack and offset; the least recently used goes first. */
struct base_cache {
	struct base *bucket[BASE_BUCKETS];
	struct base *newest, *oldest;
	size_t bytes; /* of every linked base, its struct included */
};

struct pack_reader {
	const struct pack_set *ps;
	struct libdeflate_decompressor *z;
	unsigned char *in, *out, *delta;
	size_t in_cap, out_cap, delta_cap;
	int out_big; /* out is a large blob's, from xmalloc_big */
	struct base_cache cache;
};

/* What an entry's header says. */
struct entry {
	uint64_t off;  /* where the entry starts */
	uint64_t at;   /* where its deflated data starts */
	uint64_t size; /* of its inflated data: a delta's is the delta's, not the object's */
	uint64_t base; /* a delta's base: its entry's offset in the same pack */
	int type;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* Reads exactly n bytes at off; -1 on error or end of file. */
static int pread_all(int fd, void *dst, size_t n, uint64_t off)
{
	unsigned char *d = dst;
	while (n > 0) {
		ssize_t r = pread(fd, d, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		d += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

/* Where entry i starts; 0 when the index says something impossible or cannot be read. */
static uint64_t entry_offset(const struct pack *p, uint32_t i)
{
	unsigned char b[8];
	uint32_t o;
	uint64_t off;
	if (pread_all(p->idx_fd, b, 4, p->off32_at + 4 * (uint64_t)i) < 0)
		return 0;
	o = be32(b);
	off = o;
	if (o & 0x80000000u) {
		if ((o & 0x7fffffffu) >= p->nlarge ||
		    pread_all(p->idx_fd, b, 8, p->off64_at + 8 * (uint64_t)(o & 0x7fffffffu)) < 0)
			return 0;
		off = be64(b);
	}
	return off >= 12 && off < p->size - HASH_LEN ? off : 0;
}

/*
 * Checks an index (version 2) against its pack.  -1 leaves the pack
 * unused; nothing is reported, since libgit2 still reads (and complains
 * about) whatever is there.  Nothing is allocated per object: what the
 * scan keeps for a pack is two file descriptors, the fan-out table and,
 * once looked up in, one key per KEY_STEP objects.
 */
static int pack_load(struct pack *p, const char *idx_path)
{
	char *pack_path = NULL;
	unsigned char head[8 + 1024], trailer[HASH_LEN], idx_pack_sum[HASH_LEN];
	size_t plen;
	uint64_t want;
	uint32_t i;
	int rc = -1;
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	p->idx_fd = open(idx_path, O_RDONLY | O_CLOEXEC);
	if (p->idx_fd < 0 || fstat(p->idx_fd, &st) < 0 || st.st_size < 0)
		goto done;
	p->idx_len = (uint64_t)st.st_size;
	if (p->idx_len < sizeof(head) + 2 * HASH_LEN || pread_all(p->idx_fd, head, sizeof(head), 0) < 0 ||
	    memcmp(head, IDX_MAGIC, 4) || be32(head + 4) != 2)
		goto done;
	for (i = 0; i < 256; i++) {
		p->fanout[i] = be32(head + 8 + 4 * i);
		if (i > 0 && p->fanout[i] < p->fanout[i - 1])
			goto done;
	}
	p->n = p->fanout[255];
	want = sizeof(head) + (uint64_t)p->n * (HASH_LEN + 4 + 4) + 2 * HASH_LEN;
	if (p->idx_len < want || (p->idx_len - want) % 8)
		goto done;
	p->ids_at = sizeof(head);
	p->off32_at = p->ids_at + (uint64_t)p->n * HASH_LEN + 4 * (uint64_t)p->n; /* past the CRCs */
	p->off64_at = p->off32_at + 4 * (uint64_t)p->n;
	p->nlarge = (uint32_t)((p->idx_len - want) / 8);
	p->idx_sum_at = p->idx_len - 2 * HASH_LEN;

	plen = strlen(idx_path) - 4; /* without ".idx" */
	pack_path = xmalloc(plen + sizeof(".pack"));
	memcpy(pack_path, idx_path, plen);
	memcpy(pack_path + plen, ".pack", sizeof(".pack"));
	p->fd = open(pack_path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0 || fstat(p->fd, &st) < 0 || (uint64_t)st.st_size < 12 + HASH_LEN)
		goto done;
	p->size = (uint64_t)st.st_size;
	/* the pack is the one this index describes: header, count and checksum agree */
	if (pread_all(p->fd, head, 12, 0) < 0 || memcmp(head, "PACK", 4) ||
	    (be32(head + 4) != 2 && be32(head + 4) != 3) || be32(head + 8) != p->n ||
	    pread_all(p->fd, trailer, HASH_LEN, p->size - HASH_LEN) < 0 ||
	    pread_all(p->idx_fd, idx_pack_sum, HASH_LEN, p->idx_sum_at) < 0 || memcmp(trailer, idx_pack_sum, HASH_LEN))
		goto done;
	rc = 0;
done:
	free(pack_path);
	if (rc < 0) {
		if (p->fd >= 0)
			close(p->fd);
		if (p->idx_fd >= 0)
			close(p->idx_fd);
		memset(p, 0, sizeof(*p));
		p->fd = -1;
		p->idx_fd = -1;
	}
	return rc;
}

struct pack_set *pack_set_open(const char *objdir)
{
	struct pack_set *ps = xcalloc(1, sizeof(*ps));
	size_t cap = 0, dlen = strlen(objdir);
	char *dir = xmalloc(dlen + sizeof("/pack"));
	struct dirent *de;
	DIR *d;

	pthread_mutex_init(&ps->mu, NULL);
	ps->hold = PACK_IDS_HELD;
	memcpy(dir, objdir, dlen);
	memcpy(dir + dlen, "/pack", sizeof("/pack"));
	d = opendir(dir);
	while (d && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *path;
		if (n < 5 || strcmp(de->d_name + n - 4, ".idx"))
			continue;
		path = xmalloc(dlen + sizeof("/pack/") + n);
		memcpy(path, dir, dlen + 5);
		path[dlen + 5] = '/';
		memcpy(path + dlen + 6, de->d_name, n + 1);
		XGROW(ps->p, cap, ps->n + 1);
		if (pack_load(&ps->p[ps->n], path) == 0)
			ps->n++;
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
	return ps;
}

void pack_set_free(struct pack_set *ps)
{
	size_t i;
	if (!ps)
		return;
	for (i = 0; i < ps->n; i++) {
		uint64_t *k = atomic_load(&ps->p[i].keys);
		close(ps->p[i].fd);
		close(ps->p[i].idx_fd);
		if (k != KEYS_FAILED)
			free(k);
		free(ps->p[i].ids);
	}
	pthread_mutex_destroy(&ps->mu);
	free(ps->p);
	free(ps);
}

size_t pack_set_count(const struct pack_set *ps)
{
	size_t i, n = 0;
	for (i = 0; ps && i < ps->n; i++)
		n += ps->p[i].n;
	return n;
}

struct pack_reader *pack_reader_new(const struct pack_set *ps)
{
	struct pack_reader *pr = xcalloc(1, sizeof(*pr));
	pr->ps = ps;
	pr->z = libdeflate_alloc_decompressor();
	return pr;
}

/* Gives back the output buffer, however it was allocated, and empties it. */
static void free_out(struct pack_reader *pr)
{
	if (pr->out_big)
		xfree_big(pr->out, pr->out_cap);
	else
		free(pr->out);
	pr->out = NULL;
	pr->out_cap = 0;
	pr->out_big = 0;
}

/* ---- the base cache ------------------------------------------------------------------- */

static size_t base_hash(const struct pack *p, uint64_t off)
{
	return (size_t)(((uint64_t)(uintptr_t)p ^ off) * 0x9e3779b97f4a7c15u >> 40) & (BASE_BUCKETS - 1);
}

/* A new, unlinked base of len bytes for the entry at off in p; the caller frees it (base_drop). */
static struct base *base_new(const struct pack *p, uint64_t off, size_t len)
{
	struct base *b = xmalloc(sizeof(*b) + len);
	memset(b, 0, sizeof(*b));
	b->p = p;
	b->off = off;
	b->len = len;
	return b;
}

/* Frees b unless the cache owns it; NULL is fine. */
static void base_drop(struct base *b)
{
	if (b && !b->linked)
		free(b);
}

/* Takes b out of the cache; the caller then owns it. */
static void cache_unlink(struct base_cache *c, struct base *b)
{
	struct base **h = &c->bucket[base_hash(b->p, b->off)];
	while (*h != b)
		h = &(*h)->hnext;
	*h = b->hnext;
	if (b->newer)
		b->newer->older = b->older;
	else
		c->newest = b->older;
	if (b->older)
		b->older->newer = b->newer;
	else
		c->oldest = b->newer;
	c->bytes -= sizeof(*b) + b->len;
	b->linked = 0;
	b->hnext = b->newer = b->older = NULL;
}

/* Makes b the most recently used. */
static void cache_touch(struct base_cache *c, struct base *b)
{
	if (c->newest == b)
		return;
	b->newer->older = b->older;
	if (b->older)
		b->older->newer = b->newer;
	else
		c->oldest = b->newer;
	b->newer = NULL;
	b->older = c->newest;
	c->newest->newer = b;
	c->newest = b;
}

/* The cached base of the entry at off in p, now the most recently used; NULL when not cached. */
static struct base *cache_get(struct base_cache *c, const struct pack *p, uint64_t off)
{
	struct base *b;
	for (b = c->bucket[base_hash(p, off)]; b; b = b->hnext)
		if (b->off == off && b->p == p) {
			cache_touch(c, b);
			return b;
		}
	return NULL;
}

/*
 * Hands b to the cache, which then owns it, making room by freeing the
 * least recently used; b stays unlinked (its holder's) when it alone is
 * more than a quarter of the cache.  Nothing else is in use while it runs:
 * a base it frees is no longer needed.
 */
static void cache_put(struct base_cache *c, struct base *b)
{
	size_t need = sizeof(*b) + b->len;
	struct base **h;
	if (need > PACK_BASE_CACHE / 4)
		return;
	while (c->bytes + need > PACK_BASE_CACHE) {
		struct base *old = c->oldest;
		cache_unlink(c, old);
		free(old);
	}
	h = &c->bucket[base_hash(b->p, b->off)];
	b->hnext = *h;
	*h = b;
	b->older = c->newest;
	b->newer = NULL;
	if (c->newest)
		c->newest->newer = b;
	else
		c->oldest = b;
	c->newest = b;
	c->bytes += need;
	b->linked = 1;
}

static void cache_clear(struct base_cache *c)
{
	while (c->oldest) {
		struct base *old = c->oldest;
		cache_unlink(c, old);
		free(old);
	}
}

void pack_reader_free(struct pack_reader *pr)
{
	if (!pr)
		return;
	if (pr->z)
		libdeflate_free_decompressor(pr->z);
	cache_clear(&pr->cache);
	free(pr->in);
	free(pr->delta);
	free_out(pr);
	free(pr);
}

/*
 * The keys of p: the first 8 bytes of ids 0, KEY_STEP, 2 x KEY_STEP ...,
 * read in one pass over the ids at the first lookup; KEYS_FAILED when the
 * index could not be read (the pack is then not used).
 */
static const uint64_t *pack_keys(const struct pack_set *ps, struct pack *p)
{
	enum { CHUNK = 4096 };
	uint64_t *k = atomic_load_explicit(&p->keys, memory_order_acquire), nk;
	unsigned char *buf;
	uint32_t i, j, m;
	int held;

	if (k)
		return k;
	pthread_mutex_lock((pthread_mutex_t *)&ps->mu);
	k = atomic_load_explicit(&p->keys, memory_order_relaxed);
	if (k)
		goto done;
	nk = ((uint64_t)p->n + KEY_STEP - 1) / KEY_STEP;
	k = xmalloc((size_t)(nk ? nk : 1) * sizeof(*k));
	held = (uint64_t)p->n * HASH_LEN <= ps->hold;
	/* held: the ids are read straight into the table kept; else a chunk at a time */
	buf = held ? xmalloc(p->n ? (size_t)p->n * HASH_LEN : 1) : xmalloc((size_t)CHUNK * HASH_LEN);
	for (i = 0; i < p->n; i += m) {
		unsigned char *at = held ? buf + (size_t)i * HASH_LEN : buf;
		m = p->n - i < CHUNK ? p->n - i : CHUNK;
		if (pread_all(p->idx_fd, at, (size_t)m * HASH_LEN, p->ids_at + (uint64_t)i * HASH_LEN) < 0) {
			free(k);
			k = KEYS_FAILED;
			break;
		}
		/* CHUNK is a multiple of KEY_STEP: the chunk's first id is a key's */
		for (j = 0; j < m; j += KEY_STEP)
			k[(i + j) / KEY_STEP] = be64(at + (size_t)j * HASH_LEN);
	}
	if (held && k != KEYS_FAILED) {
		p->ids = buf;
		buf = NULL;
	}
	free(buf);
	atomic_store_explicit(&p->keys, k, memory_order_release);
done:
	pthread_mutex_unlock((pthread_mutex_t *)&ps->mu);
	return k;
}

/* Id i of p: from the ids held in memory, else read into buf; NULL when it cannot be read. */
static const unsigned char *id_at(const struct pack *p, uint32_t i, unsigned char *buf)
{
	if (p->ids)
		return p->ids + (size_t)i * HASH_LEN;
	return pread_all(p->idx_fd, buf, HASH_LEN, p->ids_at + (uint64_t)i * HASH_LEN) < 0 ? NULL : buf;
}

/* The idx position of id in p, or -1 (also when the index cannot be read). */
static long find(const struct pack_set *ps, struct pack *p, const unsigned char *id)
{
	uint32_t lo = id[0] ? p->fanout[id[0] - 1] : 0, hi = p->fanout[id[0]];
	uint64_t key = be64(id);
	unsigned char win[FIND_WINDOW * HASH_LEN];
	const uint64_t *k;
	uint64_t ka, kb, a, b;

	if (lo >= hi || (k = pack_keys(ps, p)) == KEYS_FAILED)
		return -1;
	/* keys ka..kb-1 are those of ids in [lo, hi) */
	ka = ((uint64_t)lo + KEY_STEP - 1) / KEY_STEP;
	kb = ((uint64_t)hi + KEY_STEP - 1) / KEY_STEP;
	/* a: the first of them not below the id's 8 bytes (the ids before key a - 1's are below the id) */
	a = ka;
	b = kb;
	while (a < b) {
		uint64_t mid = a + (b - a) / 2;
		if (k[mid] < key)
			a = mid + 1;
		else
			b = mid;
	}
	if (a > ka && (a - 1) * KEY_STEP > lo)
		lo = (uint32_t)((a - 1) * KEY_STEP);
	/* b: the first key above the id's 8 bytes; its id and those after it are above the id */
	for (b = a; b < kb && k[b] == key; b++)
		;
	if (b < kb && b * KEY_STEP < hi)
		hi = (uint32_t)(b * KEY_STEP);
	while (lo < hi) {
		uint32_t mid, n = hi - lo, w;
		const unsigned char *at;
		int c;
		if (n <= FIND_WINDOW && !p->ids) {
			if (pread_all(p->idx_fd, win, (size_t)n * HASH_LEN, p->ids_at + (uint64_t)lo * HASH_LEN) < 0)
				return -1;
			for (w = 0; w < n; w++) {
				c = memcmp(win + (size_t)w * HASH_LEN, id, HASH_LEN);
				if (c == 0)
					return (long)(lo + w);
				if (c > 0)
					return -1;
			}
			return -1;
		}
		/* halve the range: in memory when the ids are held, else one pread an id (many share the key's 8 bytes)
		 */
		mid = lo + n / 2;
		if (!(at = id_at(p, mid, win)))
			return -1;
		c = memcmp(at, id, HASH_LEN);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Grows a scratch buffer that holds nothing worth keeping (no copy), at a PACK_DATA_ALIGN boundary. */
static void ensure(unsigned char **b, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	free(*b);
	*b = xmalloc_aligned(PACK_DATA_ALIGN, need);
	*cap = need;
}

/* Gives back a buffer grown past PACK_READER_KEEP for an earlier, large blob. */
static void trim(unsigned char **b, size_t *cap)
{
	if (*cap <= PACK_READER_KEEP)
		return;
	free(*b);
	*b = NULL;
	*cap = 0;
}

/*
 * The output buffer for a blob of need bytes: a large one (over
 * PACK_READER_KEEP) is mapped on its own in huge pages (xmalloc_big):
 * inflating 4 MB into malloc's fresh mapping took a page fault every
 * 4 KiB, a third of the scan's faults on the real-code corpus.
 */
static void ensure_out(struct pack_reader *pr, size_t need)
{
	if (need <= pr->out_cap)
		return;
	free_out(pr);
	pr->out_big = need > PACK_READER_KEEP;
	pr->out = pr->out_big ? xmalloc_big(need) : xmalloc_aligned(PACK_DATA_ALIGN, need);
	pr->out_cap = need;
}

/* Gives back the output buffer of an earlier, large blob. */
static void trim_out(struct pack_reader *pr)
{
	if (pr->out_big)
		free_out(pr);
}

size_t pack_reader_held(const struct pack_reader *pr)
{
	return pr ? pr->in_cap + pr->out_cap + pr->delta_cap + pr->cache.bytes : 0;
}

void pack_set_hold_ids(struct pack_set *ps, size_t bytes)
{
	if (ps)
		ps->hold = bytes;
}

size_t pack_set_ids_held(const struct pack_set *ps)
{
	size_t i, n = 0;
	for (i = 0; ps && i < ps->n; i++)
		n += ps->p[i].ids != NULL;
	return n;
}

int pack_has(const struct pack_set *ps, const unsigned char id[20])
{
	size_t i;
	for (i = 0; ps && i < ps->n; i++)
		if (find(ps, &ps->p[i], id) >= 0)
			return 1;
	return 0;
}

/*
 * A large stream is inflated from a mapping of the pack, not copied to a
 * buffer of the bound on its length (the object's size): only the pages
 * the stream covers (its compressed length) are read in, and they leave
 * the process with the mapping.  Same checks as the pread path.
 */
static int inflate_mapped(struct pack_reader *pr, const struct pack *p, uint64_t at, size_t in_len, unsigned char *dst,
			  size_t size)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint64_t start;
	size_t skip, map_len;
	void *m;
	int rc;

	if (pg <= 0)
		return -1;
	start = at - at % (uint64_t)pg;
	skip = (size_t)(at - start);
	if (in_len > SIZE_MAX - skip)
		return -1;
	map_len = skip + in_len;
	m = mmap(NULL, map_len, PROT_READ, MAP_PRIVATE, p->fd, (off_t)start);
	if (m == MAP_FAILED)
		return -1;
	rc = libdeflate_zlib_decompress_ex(pr->z, (unsigned char *)m + skip, in_len, dst, size, NULL, NULL) ==
			     LIBDEFLATE_SUCCESS
		     ? 0
		     : -1;
	munmap(m, map_len);
	return rc;
}

/*
 * Inflates the zlib stream at `at` in p into dst, which it must fill
 * exactly (size bytes, size below SIZE_MAX / 4) and pass its Adler-32
 * check; -1 otherwise.
 */
static int inflate_at(struct pack_reader *pr, const struct pack *p, uint64_t at, uint64_t size, unsigned char *dst)
{
	uint64_t room = p->size - HASH_LEN - at;
	/*
	 * The deflated data is read without knowing where it ends: zlib's
	 * output is never longer than its input by more than 5 bytes a 64 KiB
	 * block and 6 for the stream, so this much holds any stream git
	 * writes; one that does not fit fails to inflate and goes to libgit2.
	 * Bytes of the next entries read along are ignored.
	 */
	uint64_t want = size + size / 8192 + 64;
	size_t in_len = (size_t)(room < want ? room : want);

	if (in_len > PACK_READER_KEEP)
		return inflate_mapped(pr, p, at, in_len, dst, (size_t)size); /* see there */
	ensure(&pr->in, &pr->in_cap, in_len ? in_len : 1);
	if (pread_all(p->fd, pr->in, in_len, at) < 0 ||
	    libdeflate_zlib_decompress_ex(pr->z, pr->in, in_len, dst, (size_t)size, NULL, NULL) != LIBDEFLATE_SUCCESS)
		return -1;
	return 0;
}

/*
 * Reads the header of the entry at off in p into *e: its type, its
 * inflated size and, for a delta, where its base starts (a REF_DELTA's
 * base must be in the same pack).  -1 on anything unexpected, or a base
 * not found: the object is then left to libgit2.
 */
static int entry_read(const struct pack_set *ps, struct pack *p, uint64_t off, struct entry *e)
{
	unsigned char head[HEAD_MAX];
	uint64_t room, size, back;
	size_t h, hn;
	long pos;
	int type, shift;

	if (off < 12 || off >= p->size - HASH_LEN)
		return -1;
	room = p->size - HASH_LEN - off; /* an entry ends before the pack's trailer */
	hn = room < HEAD_MAX ? (size_t)room : HEAD_MAX;
	if (hn < 2 || pread_all(p->fd, head, hn, off) < 0)
		return -1;
	/* type and size: 3 bits and 4 bits in the first byte, then 7 bits a byte */
	type = head[0] >> 4 & 7;
	size = head[0] & 15;
	shift = 4;
	for (h = 1; head[h - 1] & 0x80; h++) {
		if (h >= hn || shift > 57)
			return -1;
		size |= (uint64_t)(head[h] & 0x7f) << shift;
		shift += 7;
	}
	e->off = off;
	e->size = size;
	e->type = type;
	e->base = 0;
	if (type == OBJ_OFS_DELTA) {
		/* how far back the base starts, big-endian 7 bits a byte, each continuation adding one (git's encoding)
		 */
		if (h >= hn)
			return -1;
		back = head[h] & 0x7f;
		while (head[h++] & 0x80) {
			if (h >= hn || back >= (uint64_t)1 << 56)
				return -1;
			back = ((back + 1) << 7) | (head[h] & 0x7f);
		}
		/* strictly before this entry, so that a chain of them always ends */
		if (back == 0 || back > off - 12)
			return -1;
		e->base = off - back;
	} else if (type == OBJ_REF_DELTA) {
		if (hn - h < HASH_LEN || (pos = find(ps, p, head + h)) < 0 ||
		    (e->base = entry_offset(p, (uint32_t)pos)) == 0)
			return -1;
		h += HASH_LEN;
	}
	e->at = off + h;
	return 0;
}

/* Reads one size of a delta's header (7 bits a byte, least significant first) at *d, moving *d past it; -1 when
 * overlong or cut short. */
static int delta_size(const unsigned char **d, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	int shift = 0;
	unsigned char c;
	do {
		if (*d >= end || shift > 56)
			return -1;
		c = *(*d)++;
		v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*out = v;
	return 0;
}

/*
 * Builds into dst (exactly dst_len bytes) the object that the delta ops
 * at d..end make of base: each op copies a range of the base (an offset
 * of up to 4 bytes and a size of up to 3, 0 meaning 0x10000) or inserts
 * its next 1 to 127 bytes.  -1 on op 0, a copy outside the base, more or
 * fewer bytes than dst_len, or ops cut short.
 */
static int delta_apply(unsigned char *dst, size_t dst_len, const unsigned char *base, size_t base_len,
		       const unsigned char *d, const unsigned char *end)
{
	size_t at = 0;
	while (d < end) {
		unsigned char op = *d++;
		size_t n;
		if (op & 0x80) {
			uint64_t off = 0, sz = 0;
			int k;
			for (k = 0; k < 4; k++)
				if (op & (1u << k)) {
					if (d >= end)
						return -1;
					off |= (uint64_t)*d++ << (8 * k);
				}
			for (k = 0; k < 3; k++)
				if (op & (0x10u << k)) {
					if (d >= end)
						return -1;
					sz |= (uint64_t)*d++ << (8 * k);
				}
			if (sz == 0)
				sz = 0x10000;
			if (off > base_len || sz > base_len - off || sz > dst_len - at)
				return -1;
			memcpy(dst + at, base + off, (size_t)sz);
			at += (size_t)sz;
		} else if (op) {
			n = op;
			if (n > (size_t)(end - d) || n > dst_len - at)
				return -1;
			memcpy(dst + at, d, n);
			d += n;
			at += n;
		} else {
			return -1; /* reserved */
		}
	}
	return at == dst_len ? 0 : -1;
}

/*
 * Inflates the delta of entry e into buf (e->size bytes, at most
 * PACK_READER_KEEP) and reads its header: the size of the base it applies
 * to and of its result; *ops is where its ops start.  -1 when it does not
 * inflate or its header is wrong.
 */
static int delta_open(struct pack_reader *pr, const struct pack *p, const struct entry *e, unsigned char *buf,
		      uint64_t *src, uint64_t *dst, const unsigned char **ops)
{
	const unsigned char *d = buf, *end = buf + e->size;
	if (inflate_at(pr, p, e->at, e->size, buf) < 0 || delta_size(&d, end, src) < 0 || delta_size(&d, end, dst) < 0)
		return -1;
	*ops = d;
	return 0;
}

/* A type that is not a blob's: PACK_NOT_BLOB for another of git's object types, PACK_MISS for anything else. */
static int not_blob(int type)
{
	return type >= 1 && type <= 4 ? PACK_NOT_BLOB : PACK_MISS;
}

/* The blob of len bytes built in pr->out, NUL-terminated, handed out. */
static int blob_out(struct pack_reader *pr, uint64_t len, const char **data, uint64_t *lenp)
{
	pr->out[len] = '\0';
	*data = (const char *)pr->out;
	*lenp = len;
	return PACK_BLOB;
}

/*
 * Reads the object whose entry top is a delta: down its chain of bases
 * (at most PACK_DELTA_DEPTH deltas) to a whole object or one the cache
 * holds, then each delta applied in turn from there up, the bases built
 * on the way kept in the cache.  The object's own delta is inflated
 * first, for the object's size in its header: one over max_size is
 * PACK_TOO_BIG without building anything.
 */
static int read_delta(struct pack_reader *pr, struct pack *p, const struct entry *top, uint64_t max_size,
		      const char **data, uint64_t *len)
{
	struct entry chain[PACK_DELTA_DEPTH], e;
	struct base *cur = NULL, *next = NULL;
	const unsigned char *ops, *mid;
	uint64_t src, dst, s2, d2;
	size_t n = 0, i;
	int rc = PACK_MISS;

	memset(&e, 0, sizeof(e));
	chain[n++] = *top;
	while ((cur = cache_get(&pr->cache, p, chain[n - 1].base)) == NULL) {
		if (entry_read(pr->ps, p, chain[n - 1].base, &e) < 0)
			return PACK_MISS;
		if (e.type == OBJ_OFS_DELTA || e.type == OBJ_REF_DELTA) {
			/* deeper than git makes them, or a cycle of REF_DELTAs */
			if (n == PACK_DELTA_DEPTH)
				return PACK_MISS;
			chain[n++] = e;
			continue;
		}
		/* the chain's end is the object's type */
		if (e.type != OBJ_BLOB)
			return not_blob(e.type);
		break;
	}
	if (top->size > PACK_READER_KEEP)
		return PACK_MISS;
	ensure(&pr->delta, &pr->delta_cap, top->size ? (size_t)top->size : 1);
	if (delta_open(pr, p, top, pr->delta, &src, &dst, &ops) < 0)
		return PACK_MISS;
	if (dst > max_size) {
		*len = dst;
		return PACK_TOO_BIG;
	}
	/*
	 * a chain holds its base, a delta and a result at once (libgit2 too):
	 * a large one is left to libgit2, which the scan lets one thread at a
	 * time do (scan/item.c, BIG_READ)
	 */
	if (dst > PACK_READER_KEEP)
		return PACK_MISS;
	if (!cur) {
		if (e.size > PACK_READER_KEEP)
			return PACK_MISS;
		cur = base_new(p, e.off, (size_t)e.size);
		if (inflate_at(pr, p, e.at, e.size, cur->data) < 0)
			goto done;
		cache_put(&pr->cache, cur);
	}
	/*
	 * the deltas between, from the base up; each inflated into out, which
	 * holds nothing until the object itself is built in it
	 */
	for (i = n - 1; i >= 1; i--) {
		if (chain[i].size > PACK_READER_KEEP)
			goto done;
		ensure_out(pr, chain[i].size ? (size_t)chain[i].size : 1);
		if (delta_open(pr, p, &chain[i], pr->out, &s2, &d2, &mid) < 0 || s2 != cur->len ||
		    d2 > PACK_READER_KEEP)
			goto done;
		next = base_new(p, chain[i].off, (size_t)d2);
		if (delta_apply(next->data, next->len, cur->data, cur->len, mid, pr->out + chain[i].size) < 0)
			goto done;
		base_drop(cur);
		cur = next;
		next = NULL;
		cache_put(&pr->cache, cur);
	}
	if (src != cur->len)
		goto done;
	/* ops point into pr->delta, which ensure_out leaves alone */
	ensure_out(pr, (size_t)dst + 1);
	if (delta_apply(pr->out, (size_t)dst, cur->data, cur->len, ops, pr->delta + top->size) < 0)
		goto done;
	rc = blob_out(pr, dst, data, len);
done:
	base_drop(next);
	base_drop(cur);
	return rc;
}

int pack_read(struct pack_reader *pr, const unsigned char id[20], uint64_t max_size, const char **data, uint64_t *len)
{
	const struct pack_set *ps = pr->ps;
	struct pack *p = NULL;
	struct base *b;
	struct entry e;
	size_t i;
	long pos = -1;

	if (!pr->z)
		return PACK_MISS;
	/* the previous blob's bytes are no longer wanted: a large one's buffers go back */
	trim(&pr->in, &pr->in_cap);
	trim(&pr->delta, &pr->delta_cap);
	trim_out(pr);
	for (i = 0; i < ps->n && pos < 0; i++)
		if ((pos = find(ps, &ps->p[i], id)) >= 0)
			p = &ps->p[i];
	if (!p || (e.off = entry_offset(p, (uint32_t)pos)) == 0)
		return PACK_MISS;
	/* built earlier as a base of some other blob */
	if ((b = cache_get(&pr->cache, p, e.off)) != NULL) {
		if (b->len > max_size) {
			*len = b->len;
			return PACK_TOO_BIG;
		}
		ensure_out(pr, b->len + 1);
		memcpy(pr->out, b->data, b->len);
		return blob_out(pr, b->len, data, len);
	}
	if (entry_read(ps, p, e.off, &e) < 0)
		return PACK_MISS;
	if (e.type == OBJ_OFS_DELTA || e.type == OBJ_REF_DELTA)
		return read_delta(pr, p, &e, max_size, data, len);
	if (e.type != OBJ_BLOB)
		return not_blob(e.type);
	if (e.size > max_size) {
		*len = e.size;
		return PACK_TOO_BIG;
	}
	if (e.size >= SIZE_MAX / 4)
		return PACK_MISS;
	ensure_out(pr, (size_t)e.size + 1);
	if (inflate_at(pr, p, e.at, e.size, pr->out) < 0)
		return PACK_MISS;
	return blob_out(pr, e.size, data, len);
}
