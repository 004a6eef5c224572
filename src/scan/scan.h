/* scan.h - the one pass over a commit's tree that gathers evidence for every leaf. */
#ifndef PG_SCAN_H
#define PG_SCAN_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

#include "model/rules.h"

/* Most evidence entries and near misses kept per leaf; the counts go on. */
#define SCAN_EVIDENCE_MAX 10
#define SCAN_NOTES_MAX	  5
/* Default size cap for content matching, in bytes. */
#define SCAN_DEFAULT_MAX_FILE_SIZE (8u << 20)

/* A place in the tree: path (bytes as git stores them), 1-based line (0: whole file), blob. */
struct evidence {
	char *path;
	size_t line;
	char blob[GIT_OID_HEXSZ + 1];
};

/* A file that was selected but did not count, and why. */
struct note {
	struct evidence at;
	char *why;
};

/*
 * What the walk gathered for one leaf.  Once a `file` leaf without
 * freshness has min_files files and SCAN_EVIDENCE_MAX evidence entries it
 * is settled (nothing later can change its outcome or evidence): later
 * files are neither matched against it nor counted.
 */
struct leaf_state {
	size_t nselected;  /* files whose path the leaf selects (until settled) */
	size_t nsatisfied; /* of those, files that showed everything asked */
	struct evidence ev[SCAN_EVIDENCE_MAX];
	size_t nev;
	struct note notes[SCAN_NOTES_MAX];
	size_t nnotes;
	size_t nnotes_total;
	char *error;	 /* the first reason the evidence could not be read, or NULL */
	long newest_day; /* fresh: newest date found, days since 1970-01-01, or -1 */
	struct evidence newest;
};

/* A tree entry that was not scanned: submodule, symlink, binary, too large. */
struct skipped {
	char *path;
	char *why;
};

/* What ruled out content patterns before PCRE2 ran them (the report never depends on it). */
enum scan_filter {
	SCAN_FILTER_NONE,	    /* every pattern ran on every file it selects (no_prefilter) */
	SCAN_FILTER_WORDS,	    /* the word prefilter (match/prefilter.h) */
	SCAN_FILTER_MULTI_BUILTIN,  /* one Vectorscan pass, the database made at build time */
	SCAN_FILTER_MULTI_COMPILED, /* one Vectorscan pass, a database compiled for this scan */
	SCAN_FILTER_MULTI_BOTH,	    /* the built-in one, and one compiled for the other patterns */
};

struct scan_result {
	struct leaf_state *leaves; /* one per rules->leaves entry */
	size_t nleaves;
	struct skipped *skipped;
	size_t nskipped, skipped_cap;
	size_t entries_seen;	/* tree entries the walk went past, from records too */
	size_t trees_pruned;	/* folders no rule can match below, not descended */
	size_t trees_read;	/* folders walked from their tree */
	size_t trees_cached;	/* folders replayed from their record in the cache */
	size_t trees_installed; /* folders of installed packages (installed.c): only no_file leaves read them */
	size_t blobs_read;
	size_t blobs_classed; /* of blobs_read, scanned with a class of the built-in database (multi.h) */
	size_t big_reads;     /* of blobs_read, over 1 MiB through libgit2: one thread at a time (item.c) */
	enum scan_filter filter;
	/*
	 * the words each pattern needs (match/prefilter.h) were worked out: the
	 * scan filters with them, or a pattern PCRE2 could not finish asked them
	 * for a proof (with one Vectorscan pass, most scans never need them)
	 */
	int words_built;
	/*
	 * the whole built-in Vectorscan database was loaded: some blob had no
	 * class holding its patterns, or a pattern could not finish (scans whose
	 * blobs all have a class never load it)
	 */
	int whole_loaded;
};

struct cache;

struct scan_opts {
	uint64_t max_file_size;
	int64_t commit_time; /* seconds; freshness is measured from it */
	git_oid commit_id;   /* .gitattributes are read from this commit */
	unsigned jobs;	     /* threads reading and matching blobs; 0: the online CPUs */
	struct cache *cache; /* per-blob results from earlier scans, or NULL; borrowed */
	/*
	 * Accelerations switched off, each giving the same report (the tests
	 * compare): no_fastpack reads every blob through libgit2, no_prefilter
	 * runs every pattern on every file it selects, no_multi filters them
	 * with the word prefilter instead of one Vectorscan pass, no_classes
	 * scans every blob with the whole built-in database instead of the
	 * smaller one of its class, no_records walks every folder instead of
	 * replaying folder records.
	 */
	int no_fastpack, no_prefilter, no_multi, no_classes, no_records;
};

/*
 * The distinct content patterns of rs (contains, not_contains, fresh; each
 * (source, caselessness) once, in leaf order), as the one Vectorscan pass
 * compiles them (match/multi.h).  src borrows the rules' strings.
 */
struct scan_patterns {
	const char **src;
	unsigned char *caseless;
	size_t n;
};

/*
 * Sets *out (clear with scan_patterns_clear) and, when ids is not NULL,
 * ids[leaf * 3 + k] (k: contains, not_contains, fresh) to the pattern's
 * index in it, or -1 where the leaf has no such pattern.
 */
int scan_patterns(struct scan_patterns *out, int *ids, const struct rules *rs);

/* Frees what scan_patterns set and empties *p; NULL is fine. */
void scan_patterns_clear(struct scan_patterns *p);

/* Most worker threads --jobs may ask for. */
#define SCAN_MAX_JOBS 256

/*
 * Walks tree once, reading each selected blob at most once, and sets *out
 * (caller frees with scan_result_free).  Unreadable evidence (missing
 * objects, match limits) is recorded in the leaf, not returned as failure;
 * returns -1 and sets err only when the walk itself cannot go on (*out is
 * then untouched).
 *
 * The calling thread walks the trees and queues each selected file, in walk
 * order, to opts->jobs worker threads that read, inflate and match it (each
 * with its own object database); results are merged back in walk order, so
 * *out is the same whatever the number of threads.  At most a bounded queue
 * of files is in flight; a blob's contents are dropped once matched.  With
 * opts->cache, a blob whose results are cached is not read at all.
 */
int scan_run(struct scan_result **out, git_repository *repo, git_tree *tree, const struct rules *rs,
	     const struct scan_opts *opts);

/* Frees a result of scan_run and all it holds; NULL is fine. */
void scan_result_free(struct scan_result *r);

/* The number of threads for jobs (0: the online CPUs), within 1..SCAN_MAX_JOBS. */
unsigned scan_jobs(unsigned jobs);

/*
 * Opens the content cache in dir for scans of repo with rs: its namespace
 * holds the rule-pack digest, the proofgate version, the cache format and
 * the PCRE2 version and limits, everything a cached result depends on (the
 * size cap and the commit date are applied when results are read back).
 * Refuses a dir inside the repository's work tree or git folder.  Returns 0
 * and *out (the caller ends it with cache_close), or -1 with err.
 */
int scan_cache_open(struct cache **out, git_repository *repo, const struct rules *rs, const char *dir);

/* 1-based line of byte offset off in data; CRLF and LF count the same. */
size_t scan_line_at(const char *data, size_t off);

/* Number of lines in data (a last line without newline counts). */
size_t scan_count_lines(const char *data, size_t len);

#endif
