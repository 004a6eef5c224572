/* pack.h - a fast path for blobs stored in a repository's pack files, whole or as deltas. */
#ifndef PG_PACK_H
#define PG_PACK_H

#include <stddef.h>
#include <stdint.h>

/*
 * libgit2 inflates objects with zlib; most of a full scan's time was that
 * inflation.  A blob in a pack is found here through the pack's .idx and
 * read from the pack, both with pread (neither is mapped, so none of them
 * stays resident: a mapped index of a large repository became so page by
 * page), and inflated with libdeflate, which checks the zlib checksum.
 * Kept per pack: the fan-out table and, from the first lookup, every 32nd
 * id's first 8 bytes; nothing per object.
 *
 * A blob stored as a delta (OFS_DELTA, or REF_DELTA against an object of
 * the same pack) is built here too, as git builds it: down its chain of
 * bases to a whole object (whose type is the blob's), then each delta
 * inflated and applied in turn, every copy and insert checked against the
 * base and the result's recorded size.  libgit2 did this with zlib and
 * under its process-wide pack lock, which kept --jobs from scaling.  The
 * bases built on the way are kept in the reader's base cache (at most
 * PACK_BASE_CACHE bytes, the least recently used given back first), since
 * the blobs of a tree are often deltas against the same few bases.
 *
 * It is only a fast path: anything it does not handle - loose objects,
 * alternates, a pack it does not understand, an object that does not
 * inflate to its recorded size, a delta it finds wrong in any way, a chain
 * deeper than PACK_DELTA_DEPTH or whose base is in another pack, a chain
 * holding an object over PACK_READER_KEEP - is PACK_MISS, and the caller
 * reads it through libgit2 as before, so errors and partial clones are
 * reported exactly as libgit2 reports them.
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

/*
 * An index whose ids take at most bytes (PACK_IDS_HELD, 4 MiB, unless set
 * here before the first lookup) has them held in memory from its first
 * lookup; a larger one is searched with one pread a lookup (for tests).
 */
void pack_set_hold_ids(struct pack_set *ps, size_t bytes);
/* The packs of the set whose ids are held in memory (for tests). */
size_t pack_set_ids_held(const struct pack_set *ps);

/* 1 when some pack of the set holds the object (cheaper than asking libgit2, which also stats loose files). */
int pack_has(const struct pack_set *ps, const unsigned char id[20]);

struct pack_reader *pack_reader_new(const struct pack_set *ps);
/* Bytes the reader's buffers and base cache hold now (for tests); 0 for NULL. */
size_t pack_reader_held(const struct pack_reader *pr);

/* Frees the reader and its buffers (not the set); NULL is fine. */
void pack_reader_free(struct pack_reader *pr);

/*
 * Reads the object with the 20-byte id.  On PACK_BLOB, *data stays valid
 * until the next call with the same reader, and starts at a multiple of
 * PACK_DATA_ALIGN bytes (Vectorscan then scans it in place: multi_scan
 * copies a subject that is not so aligned), with a NUL after its *len
 * bytes.  On PACK_TOO_BIG *len is the blob's size (a delta's from its
 * header: nothing is built).
 *
 * Memory: a reader holds at most 3 x PACK_READER_KEEP bytes of buffers
 * and PACK_BASE_CACHE of bases between reads.  A whole blob whose stream
 * may be longer than that is inflated from a mapping of the pack (only
 * the pages of its compressed stream are read in, and unmapped at once)
 * into a buffer of its size (at most max_size, the scan's
 * --max-file-size), given back at the next call: each thread holds one
 * large blob at a time, only while it is being matched.  A delta chain
 * holds its base, a delta and a result at once, so one with an object
 * over PACK_READER_KEEP is PACK_MISS (the scan has libgit2 read such
 * blobs one thread at a time).
 */
#define PACK_DATA_ALIGN	 64
#define PACK_READER_KEEP ((size_t)1 << 20)
/* the most deltas a chain may hold (git's default --depth is 50); deeper is PACK_MISS, and so is a cycle */
#define PACK_DELTA_DEPTH 64
/*
 * bytes of bases a reader keeps (an object of more than a quarter of it is
 * not kept): on real.git 1, 2 and 4 MiB rebuilt 5,056, 4,958 and 4,648
 * whole bases for 9,700 deltas, and 4 MiB took the --jobs 4 peak from 73
 * to 81 MB
 */
#define PACK_BASE_CACHE ((size_t)2 << 20)
int pack_read(struct pack_reader *pr, const unsigned char id[20], uint64_t max_size, const char **data, uint64_t *len);

#endif
