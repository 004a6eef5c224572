/* cache.h - a content cache outside the repository: values keyed by blob id, per namespace. */
#ifndef PG_CACHE_H
#define PG_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* Keys are raw object ids (SHA-1). */
#define CACHE_KEY_SIZE 20
/* cache_open's answer when the folder is not this user's alone (see docs/cache.md). */
#define CACHE_EREFUSED (-2)
/* How many reasons for skipped segments a cache keeps for cache_notes. */
#define CACHE_MAX_NOTES 4
/* Default bound on everything under the cache folder, in bytes. */
#define CACHE_DEFAULT_MAX_BYTES ((uint64_t)256 << 20)

/*
 * On disk: DIR/v1/NSHASH/seg-*.pgc, one folder per namespace (the scanner
 * puts the rule-pack digest and everything else results depend on in it).
 * A segment is written to a temporary file and renamed, so a reader never
 * sees half of one; each carries its namespace, its exact length and a
 * checksum, and one that does not check out is ignored and removed.
 * Concurrent runs each add their own segments; none edits a segment in place.
 * Segments are mapped read-only, never copied onto the heap, and only
 * those within the size bound are mapped at all: a segment larger than the
 * bound, truncated, corrupt, or not this user's own is skipped and noted
 * (cache_notes).
 */
struct cache;

/*
 * Opens the cache folder dir for namespace ns, loading what earlier runs
 * stored.  dir must not be inside any folder of forbidden (a NULL-terminated
 * list, e.g. the scanned repository's work tree and git folder).  max_bytes
 * bounds the whole folder and what is mapped (0: CACHE_DEFAULT_MAX_BYTES).
 * Returns 0 and *out (the caller ends it with cache_close); CACHE_EREFUSED
 * with err when the folder (dir, or the folders proofgate keeps below it)
 * is owned by another user or writable by group or others; -1 with err when
 * the cache cannot be used at all.  The caller then scans without it.
 */
int cache_open(struct cache **out, const char *dir, const char *ns, const char *const *forbidden, uint64_t max_bytes);

/*
 * The value stored for key, or NULL; *len is its length.  The bytes belong
 * to the cache and stay valid until cache_close.  Safe from any thread.
 */
const unsigned char *cache_get(struct cache *c, const unsigned char key[CACHE_KEY_SIZE], size_t *len);

/*
 * Records a value for key (copied).  Safe from any thread.  Values are
 * written in segments as they accumulate and at cache_close; a write that
 * fails turns writing off for this run and is reported by cache_close.
 */
void cache_put(struct cache *c, const unsigned char key[CACHE_KEY_SIZE], const void *val, size_t len);

/*
 * Writes what was recorded, merges segments when there are many, keeps the
 * folder within its bound (oldest segments go first) and frees c (NULL is
 * fine).  Returns 0, or -1 with err when something could not be written;
 * nothing read from the cache is affected by that.
 */
int cache_close(struct cache *c);

/* Counts of this run, for the curious (--verbose, benchmarks). */
struct cache_stats {
	size_t hits, misses, puts, segments_loaded, segments_written, segments_skipped;
};
void cache_get_stats(const struct cache *c, struct cache_stats *out);

/*
 * Why segments were skipped at cache_open: up to CACHE_MAX_NOTES lines
 * ("FOLDER/seg-....pgc: larger than the cache's size bound"), into *out;
 * returns how many.  They belong to the cache (valid until cache_close);
 * the count of all skipped segments is in cache_stats.
 */
size_t cache_notes(const struct cache *c, const char *const **out);

/*
 * The default cache folder: XDG_CACHE_HOME/proofgate, else
 * HOME/.cache/proofgate, given those variables' values (either may be NULL).
 * Returns a string the caller frees, or NULL when neither is usable.
 */
char *cache_default_dir(const char *xdg_cache_home, const char *home);

#endif
