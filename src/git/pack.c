/* pack.c - whole blobs read straight from pack files: .idx lookup, pread, one libdeflate call. */
#include "git/pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
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
/* bytes of entry header read ahead of the data; a header is at most 10 bytes for 64-bit sizes */
#define HEAD_MAX 16

struct pack {
	int fd;
	uint64_t size;	    /* of the .pack file */
	unsigned char *idx; /* the .idx file, mapped: only the pages lookups touch become resident */
	size_t idx_len;
	uint32_t n;
	const unsigned char *fanout, *ids, *off32, *off64;
	uint32_t nlarge;
};

struct pack_set {
	struct pack *p;
	size_t n;
};

struct pack_reader {
	const struct pack_set *ps;
	struct libdeflate_decompressor *z;
	unsigned char *in, *out;
	size_t in_cap, out_cap;
	int out_big; /* out is a large blob's, from xmalloc_big */
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

/* Where entry i starts; 0 when the index says something impossible. */
static uint64_t entry_offset(const struct pack *p, uint32_t i)
{
	uint32_t o = be32(p->off32 + 4 * (size_t)i);
	uint64_t off = o;
	if (o & 0x80000000u) {
		if ((o & 0x7fffffffu) >= p->nlarge)
			return 0;
		off = be64(p->off64 + 8 * (size_t)(o & 0x7fffffffu));
	}
	return off >= 12 && off < p->size - HASH_LEN ? off : 0;
}

/* Maps a whole file read-only; -1 when it cannot (then the pack is not used). */
static int map_file(const char *path, unsigned char **out, size_t *len)
{
	struct stat st;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size <= SIZE_MAX) {
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			*out = m;
			*len = (size_t)st.st_size;
			rc = 0;
		}
	}
	close(fd);
	return rc;
}

/*
 * Checks an index (version 2) against its pack.  -1 leaves the pack
 * unused; nothing is reported, since libgit2 still reads (and complains
 * about) whatever is there.  Nothing is allocated per object: what the
 * scan keeps for a pack is its mapped index and a file descriptor.
 */
static int pack_load(struct pack *p, const char *idx_path)
{
	char *pack_path = NULL;
	unsigned char head[12], trailer[HASH_LEN];
	size_t len, plen, want;
	uint32_t i;
	int rc = -1;
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	if (map_file(idx_path, &p->idx, &p->idx_len) < 0)
		goto done;
	len = p->idx_len;
	if (len < 8 + 1024 + 2 * HASH_LEN || memcmp(p->idx, IDX_MAGIC, 4) || be32(p->idx + 4) != 2)
		goto done;
	p->fanout = p->idx + 8;
	for (i = 1; i < 256; i++)
		if (be32(p->fanout + 4 * i) < be32(p->fanout + 4 * (i - 1)))
			goto done;
	p->n = be32(p->fanout + 4 * 255);
	if ((uint64_t)p->n * (HASH_LEN + 4 + 4) > (uint64_t)(SIZE_MAX / 2))
		goto done; /* more objects than a 32-bit size_t can count the index of */
	want = 8 + 1024 + (size_t)p->n * (HASH_LEN + 4 + 4) + 2 * HASH_LEN;
	if (len < want || (len - want) % 8)
		goto done;
	p->ids = p->fanout + 1024;
	p->off32 = p->ids + (size_t)p->n * HASH_LEN + 4 * (size_t)p->n; /* past the CRCs */
	p->off64 = p->off32 + 4 * (size_t)p->n;
	p->nlarge = (uint32_t)((len - want) / 8);

	plen = strlen(idx_path) - 4; /* without ".idx" */
	pack_path = xmalloc(plen + sizeof(".pack"));
	memcpy(pack_path, idx_path, plen);
	memcpy(pack_path + plen, ".pack", sizeof(".pack"));
	p->fd = open(pack_path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0 || fstat(p->fd, &st) < 0 || (uint64_t)st.st_size < 12 + HASH_LEN)
		goto done;
	p->size = (uint64_t)st.st_size;
	/* the pack is the one this index describes: header, count and checksum agree */
	if (pread_all(p->fd, head, sizeof(head), 0) < 0 || memcmp(head, "PACK", 4) ||
	    (be32(head + 4) != 2 && be32(head + 4) != 3) || be32(head + 8) != p->n ||
	    pread_all(p->fd, trailer, HASH_LEN, p->size - HASH_LEN) < 0 ||
	    memcmp(trailer, p->idx + len - 2 * HASH_LEN, HASH_LEN))
		goto done;
	rc = 0;
done:
	free(pack_path);
	if (rc < 0) {
		if (p->fd >= 0)
			close(p->fd);
		if (p->idx)
			munmap(p->idx, p->idx_len);
		memset(p, 0, sizeof(*p));
		p->fd = -1;
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
		close(ps->p[i].fd);
		munmap(ps->p[i].idx, ps->p[i].idx_len);
	}
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

void pack_reader_free(struct pack_reader *pr)
{
	if (!pr)
		return;
	if (pr->z)
		libdeflate_free_decompressor(pr->z);
	free(pr->in);
	free_out(pr);
	free(pr);
}

/* The idx position of id in p, or -1. */
static long find(const struct pack *p, const unsigned char *id)
{
	uint32_t lo = id[0] ? be32(p->fanout + 4 * (size_t)(id[0] - 1)) : 0;
	uint32_t hi = be32(p->fanout + 4 * (size_t)id[0]);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(p->ids + (size_t)mid * HASH_LEN, id, HASH_LEN);
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
	return pr ? pr->in_cap + pr->out_cap : 0;
}

int pack_has(const struct pack_set *ps, const unsigned char id[20])
{
	size_t i;
	for (i = 0; ps && i < ps->n; i++)
		if (find(&ps->p[i], id) >= 0)
			return 1;
	return 0;
}

/*
 * A large blob's stream is inflated from a mapping of the pack, not
 * copied to a buffer of the bound on its length (the blob's size): only
 * the pages the stream covers (its compressed length) are read in, and
 * they leave the process with the mapping.  Same checks as the pread path.
 */
static int inflate_mapped(struct pack_reader *pr, const struct pack *p, uint64_t at, size_t in_len, size_t size)
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
	rc = libdeflate_zlib_decompress_ex(pr->z, (unsigned char *)m + skip, in_len, pr->out, size, NULL, NULL) ==
			     LIBDEFLATE_SUCCESS
		     ? 0
		     : -1;
	munmap(m, map_len);
	return rc;
}

int pack_read(struct pack_reader *pr, const unsigned char id[20], uint64_t max_size, const char **data, uint64_t *len)
{
	const struct pack_set *ps = pr->ps;
	const struct pack *p = NULL;
	unsigned char head[HEAD_MAX];
	uint64_t off, room, size, want;
	size_t i, h, hn, in_len;
	long pos = -1;
	int type, shift;

	if (!pr->z)
		return PACK_MISS;
	/* the previous blob's bytes are no longer wanted: a large one's buffers go back */
	trim(&pr->in, &pr->in_cap);
	trim_out(pr);
	for (i = 0; i < ps->n && pos < 0; i++)
		if ((pos = find(&ps->p[i], id)) >= 0)
			p = &ps->p[i];
	if (!p || (off = entry_offset(p, (uint32_t)pos)) == 0)
		return PACK_MISS;
	room = p->size - HASH_LEN - off; /* an entry ends before the pack's trailer */
	hn = room < HEAD_MAX ? (size_t)room : HEAD_MAX;
	if (hn < 2 || pread_all(p->fd, head, hn, off) < 0)
		return PACK_MISS;
	/* type and size: 3 bits and 4 bits in the first byte, then 7 bits a byte */
	type = head[0] >> 4 & 7;
	size = head[0] & 15;
	shift = 4;
	for (h = 1; head[h - 1] & 0x80; h++) {
		if (h >= hn || shift > 57)
			return PACK_MISS;
		size |= (uint64_t)(head[h] & 0x7f) << shift;
		shift += 7;
	}
	if (type == OBJ_OFS_DELTA || type == OBJ_REF_DELTA)
		return PACK_MISS; /* libgit2 applies deltas, with its base cache */
	if (type != OBJ_BLOB)
		return type >= 1 && type <= 4 ? PACK_NOT_BLOB : PACK_MISS;
	if (size > max_size) {
		*len = size;
		return PACK_TOO_BIG;
	}
	if (size >= SIZE_MAX / 4)
		return PACK_MISS;
	/*
	 * The deflated data is read without knowing where it ends: zlib's
	 * output is never longer than its input by more than 5 bytes a 64 KiB
	 * block and 6 for the stream, so this much holds any stream git
	 * writes; one that does not fit fails to inflate and goes to libgit2.
	 * Bytes of the next entries read along are ignored.
	 */
	want = size + size / 8192 + 64;
	in_len = (size_t)(room - h < want ? room - h : want);
	ensure_out(pr, (size_t)size + 1);
	if (in_len > PACK_READER_KEEP) {
		/* see inflate_mapped */
		if (inflate_mapped(pr, p, off + h, in_len, (size_t)size) < 0)
			return PACK_MISS;
	} else {
		ensure(&pr->in, &pr->in_cap, in_len ? in_len : 1);
		if (pread_all(p->fd, pr->in, in_len, off + h) < 0)
			return PACK_MISS;
		/* the stream must fill exactly `size` bytes and pass its Adler-32 check */
		if (libdeflate_zlib_decompress_ex(pr->z, pr->in, in_len, pr->out, (size_t)size, NULL, NULL) !=
		    LIBDEFLATE_SUCCESS)
			return PACK_MISS;
	}
	pr->out[size] = '\0';
	*data = (const char *)pr->out;
	*len = size;
	return PACK_BLOB;
}
