/* pack.h - a fast path for whole blobs stored in a repository's pack files. */
#ifndef PG_PACK_H
#define PG_PACK_H

#include <stddef.h>
#include <stdint.h>

/*
 * libgit2 inflates objects with zlib; most of a full scan's time was that
 * inflation.  A blob stored whole in a pack (every blob of a freshly
 * repacked tip, as `git gc` leaves it) is found here through the pack's
 * .idx and read from the pack, both with pread (neither is mapped, so none
 * of them stays resident: a mapped index of a large repository became so
 * page by page), and inflated in one call with libdeflate, which checks
 * the zlib checksum.  Kept per pack: the fan-out table and, from the first
 * lookup, every 32nd id's first 8 bytes; nothing per object.
 *
 * It is only a fast path: anything it does not handle - loose objects,
 * deltas, alternates, a pack it does not understand, an object that does
 * not inflate to its recorded size - is PACK_MISS, and the caller reads it
 * through libgit2 as before, so errors and partial clones are reported
 * exactly as libgit2 reports them.
 */

enum {
	PACK_BLOB = 0, /* the blob's bytes are in *data, *len */
	PACK_TOO_BIG,  /* a blob larger than the cap: *len is its size, not read */
	PACK_NOT_BLOB, /* the object is there but is not a blob */
	PACK_MISS      /* not handled here: ask libgit2 */
};

/* The pack indexes of one object directory, shared read-only between threads. */
struct pack_set;

/* One thread's decompressor and buffers; not shared. */
struct pack_reader;

/*
 * Opens objects/pack/ *.idx under objdir.  Never fails the scan: a folder
 * without packs or with packs it cannot use gives an empty set (every
 * read is then PACK_MISS).  Owned by the caller; pack_set_free.
 */
struct pack_set *pack_set_open(const char *objdir);
/* Closes and frees the set; NULL is fine. */
void pack_set_free(struct pack_set *ps);
/* objects the set can find */
size_t pack_set_count(const struct pack_set *ps);

/* 1 when some pack of the set holds the object (cheaper than asking libgit2, which also stats loose files). */
int pack_has(const struct pack_set *ps, const unsigned char id[20]);

struct pack_reader *pack_reader_new(const struct pack_set *ps);
/* Bytes the reader's buffers hold now (for tests); 0 for NULL. */
size_t pack_reader_held(const struct pack_reader *pr);

/* Frees the reader and its buffers (not the set); NULL is fine. */
void pack_reader_free(struct pack_reader *pr);

/*
 * Reads the object with the 20-byte id.  On PACK_BLOB, *data stays valid
 * until the next call with the same reader, and starts at a multiple of
 * PACK_DATA_ALIGN bytes (Vectorscan then scans it in place: multi_scan
 * copies a subject that is not so aligned).
 *
 * Memory: a reader holds at most 2 x PACK_READER_KEEP bytes between
 * reads.  A blob whose stream may be longer than that is inflated from a
 * mapping of the pack (only the pages of its compressed stream are read
 * in, and unmapped at once) into a buffer of its size (at most max_size,
 * the scan's --max-file-size), given back at the next call: each thread
 * holds one large blob at a time, only while it is being matched.
 */
#define PACK_DATA_ALIGN	 64
#define PACK_READER_KEEP ((size_t)1 << 20)
int pack_read(struct pack_reader *pr, const unsigned char id[20], uint64_t max_size, const char **data, uint64_t *len);

#endif
