/*
 * internal.h - what the files of the scan layer share; nothing outside
 * src/scan/ includes it (scan.h is the layer's interface, README says how
 * the files fit together).
 */
#ifndef PG_SCAN_INTERNAL_H
#define PG_SCAN_INTERNAL_H

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "git/pack.h"
#include "match/match.h"
#include "model/rules.h"
#include "scan/scan.h"
#include "util/buf.h"

struct item;
struct linguist;
struct multi;
struct multi_scratch;
struct prefilter;
struct prefilter_scratch;
struct scan_job;
struct twin;
struct walk;
struct worker;

/* git decides a blob is binary when its first 8000 bytes hold a NUL. */
#define BINARY_PROBE 8000
/*
 * A blob over this many bytes that libgit2 reads (a delta: libgit2 holds
 * its base, the delta and the result at once) is read by one thread at a
 * time (item.c, read_blob)
 */
#define BIG_READ ((size_t)1 << 20)
/*
 * A forbidding (no_file) condition reads a file larger than --max-file-size
 * whole, up to this many times the cap; a larger one is its rule's error.
 */
#define FORBID_READ_FACTOR 8

/* The largest blob a forbidding condition reads, for a size cap of cap bytes. */
static inline uint64_t forbid_read_cap(uint64_t cap)
{
	return cap > UINT64_MAX / FORBID_READ_FACTOR ? UINT64_MAX : cap * FORBID_READ_FACTOR;
}
/* newest distinct dates a cacheable freshness result keeps */
#define FRESH_KEEP 4

/* A message made like printf (caller frees); facts.c. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
char *
scan_msg(const char *fmt, ...);

/* ---- facts.c, facts_cache.c: what one blob's contents show ------------------------------ */

/*
 * What one blob's contents show one leaf, checked in this order: lines,
 * not_contains, contains, fresh, stopping at the first that decides.  Nothing here depends on the path or the commit
 * date, so it can be cached by blob id and rule-pack digest.
 */
enum { HAVE_NC = 1, HAVE_C = 2, HAVE_F = 4 };

struct fresh_day {
	long day;
	size_t off;
	size_t line;
};

struct facts {
	size_t leaf;
	unsigned have;
	int nc_rc; /* not_contains: MATCH_NONE, MATCH_OK (at nc_line) or a failure */
	size_t nc_line;
	int c_rc; /* contains: MATCH_OK once min_matches were found, else how the search ended */
	size_t c_count, c_line;
	int f_rc;    /* fresh: how the search ended */
	int f_more;  /* some dates older than those kept were dropped */
	int f_later; /* some date after the cutoff was seen (only with a cutoff) */
	size_t nf;   /* dates kept, newest first, each at its first occurrence */
	struct fresh_day f[FRESH_KEEP];
};

/* What a blob showed, as cached. */
struct blob_facts {
	uint64_t size;
	int seen; /* contents were read: binary and the facts mean something */
	int binary;
	int have_lines;
	size_t nlines;
	unsigned marks; /* MARK_*, what its contents look like (scan_content_marks) */
	struct facts *lf;
	size_t nlf, lf_cap;
};

/*
 * What a blob's contents say of it, as GitHub Linguist recognises minified
 * and generated files: lines averaging over 110 characters, a line among
 * the first 5 saying the file is generated and "DO NOT EDIT", a source map
 * object.
 */
enum { MARK_LONG_LINES = 1, MARK_GEN_HEADER = 2, MARK_SOURCE_MAP = 4 };

/* The MARK_* of a blob's bytes, lines of them (scan_count_lines: the caller has counted them once). */
unsigned scan_content_marks(const char *data, size_t len, size_t lines);

/*
 * 1 when a file at path with those marks is generated output, never
 * evidence for a `file` condition: a generated header or a source map
 * anywhere; long lines in a .js, .mjs, .cjs or .css file (minified).
 */
int scan_generated(const char *path, unsigned marks);

/* The content patterns of a leaf, in the order per-leaf tables (twins, prefilter ids) keep them. */
enum { TW_CONTAINS, TW_NOT_CONTAINS, TW_FRESH, TW_N };

/* The blob being matched: its bytes and whether they are all ASCII. */
struct subject {
	const char *data;
	size_t len;
	int ascii;
	int generated; /* scan_generated: `file` leaves do not match it */
};

/*
 * Why a file does not count for a leaf, kept as a code: most are never
 * shown (a leaf keeps SCAN_NOTES_MAX), so the text is made at the merge,
 * only for those kept.
 */
enum why_kind {
	WHY_NONE, /* it counts */
	WHY_EXEC_NOT,
	WHY_EXEC_IS,
	WHY_LINES,    /* n: its lines */
	WHY_NC_MATCH, /* n: the line */
	WHY_UNREADABLE,
	WHY_NO_MATCH,
	WHY_FEW, /* n: matches */
	WHY_LATER,
	WHY_NO_DATE,
	WHY_GENERATED /* n: its MARK_* (scan_generated says it is minified, generated or a source map) */
};

struct why {
	enum why_kind kind;
	size_t n;
};

/* 1 when the leaf asks for an executable bit the file does not have (or the reverse). */
static inline int exec_mismatch(const struct leaf *l, int exec)
{
	return l->executable >= 0 && exec != l->executable;
}

/* 1 when the leaf needs facts about this file's contents. */
static inline int needs_facts(const struct leaf *l, int exec)
{
	return leaf_needs_content(l) && !exec_mismatch(l, exec);
}

/*
 * The worker moves to the blob of it: what the filters found is for
 * another, and the smallest class of the built-in database holding every
 * pattern of the leaves selecting it is chosen (the whole one when none
 * does, or when the database is not used up front).
 */
void facts_next_blob(struct worker *wk, const struct item *it);

/*
 * The blob of it turned out generated (scan_generated): only forbidding
 * leaves match it, so the class is chosen again for their patterns alone,
 * unless a filter already ran over the blob.
 */
void facts_generated_blob(struct worker *wk, const struct item *it);

/*
 * Runs the leaf's content checks on the subject into *f, in check
 * order, stopping where the outcome is decided, with the worker's match
 * state.  Dates after cutoff are only noted (LONG_MAX: keep the newest
 * dates whatever the commit, for the cache).
 */
void facts_compute(struct worker *wk, const struct leaf *l, const struct subject *sj, size_t nlines, long cutoff,
		   struct facts *f);

/*
 * Decides whether one file shows what leaf asks, from its facts (f may be
 * NULL when the leaf reads no content).  Returns 1 with why->kind WHY_NONE
 * when it does (*line the line to cite, *day the date found or -1), or the
 * why when not; on a match failure sets *err (caller frees).  Returns 0
 * when f cannot tell: the dates kept for the cache are all after the
 * commit and older ones were dropped, so the contents must be matched
 * again with the commit's cutoff.
 */
int facts_decide(const struct leaf *l, const struct facts *f, const struct blob_facts *bf, int exec, const char *path,
		 long commit_day, struct why *why, size_t *line, long *day, char **err);

/* The words for a why, as a note shows them (caller frees; NULL for WHY_NONE). */
char *facts_why(const struct leaf *l, const struct why *w);

/* The facts of bf for leaf, or NULL. */
const struct facts *facts_find(const struct blob_facts *bf, size_t leaf);

/* Appends zeroed facts to bf and returns them (owned by bf). */
struct facts *facts_add(struct blob_facts *bf);

/* Frees what bf holds and empties it; NULL is fine. */
void blob_facts_free(struct blob_facts *bf);

/* Appends to b (cleared first) the record of bf the content cache keeps (facts_cache.c). */
void facts_encode(struct buf *b, const struct blob_facts *bf);

/*
 * Decodes a record facts_encode wrote for a pack of nleaves leaves into
 * *out (the caller frees it with blob_facts_free).  Returns 0, or -1 when
 * it is not a record this build wrote (*out untouched).
 */
int facts_decode(struct blob_facts *out, const unsigned char *p, size_t len, size_t nleaves);

/*
 * 1 when the cached facts bf decide every leaf selecting the item that
 * needs them and is not settled, so that the blob need not be read.
 */
int facts_complete(const struct scan_job *j, const struct item *it, const struct blob_facts *bf);

/* ---- item.c: one selected file, from the walk through a worker to the merge ------------ */

/* What one file did to one leaf; applied to the leaf state in walk order. */
enum out_kind { OUT_NONE, OUT_EVIDENCE, OUT_NOTE, OUT_ERROR };

struct leaf_out {
	size_t leaf;
	enum out_kind kind;
	size_t line;
	long day;
	struct why why; /* OUT_NOTE without text */
	char *text;	/* OUT_NOTE: a ready why, or NULL; OUT_ERROR: the message; owned */
};

enum item_state { ITEM_FREE, ITEM_QUEUED, ITEM_BUSY, ITEM_DONE };

/* One selected tree entry: queued by the walk, decided by a worker, merged in walk order. */
struct item {
	enum item_state state;
	char *path;
	git_oid oid;
	int exec;
	int content; /* some selecting leaf reads the contents */
	size_t *sel; /* leaves selecting it, in leaf order */
	size_t nsel;
	struct leaf_out *outs; /* one per sel, set by run_item */
	char *skipped;	       /* why it was not scanned or content-matched, or NULL */
	int read;	       /* its blob was read from the object database */
	int uncached;	       /* the cache has no record of its blob (run_item_cached looked) */
	int classed;	       /* its patterns are all in a class of the built-in database (facts_next_blob) */
	/*
	 * Its blob could not be read: libgit2's error class and message, made
	 * into words (repo_object_problem) at the merge, on the thread that owns
	 * the repository; NULL when it was read
	 */
	char *problem;
	int problem_class;
};

/*
 * Reads (or finds in the cache) what the file's contents show and
 * decides every leaf that selects it into it->outs.  Touches only it and
 * the worker's own state, so any thread may run any item.
 */
void run_item(struct worker *wk, struct item *it);

/*
 * The same when the cache is on and it (or nothing) decides the item, so
 * that its blob need not be read: 1 with it->outs set.  Else 0, the item
 * untouched but for it->uncached: it is for run_item.  A file the cache decides costs
 * less than handing it to another thread, so the walking thread runs this
 * first.
 */
int run_item_cached(struct worker *wk, struct item *it);

/* Frees what the item holds and empties it; NULL is fine. */
void item_free(struct item *it);

/* 1 when the object is in the repository (a partial clone may lack it): the pack indexes first, then libgit2. */
static inline int object_present(const struct pack_set *packs, git_odb *odb, const git_oid *id)
{
	return pack_has(packs, id->id) || git_odb_exists(odb, id);
}

/* ---- the job: what the threads share (scan.c, ring.c) ---------------------------------- */

/* A thread that reads and matches: its own object database and match state. */
struct worker {
	struct scan_job *job;
	git_odb *odb;
	struct match_ctx *mc;
	struct pack_reader *pk;	       /* whole packed blobs, without libgit2 */
	struct prefilter_scratch *pfs; /* words seen in the current blob; made when first needed */
	int pf_done;		       /* the current blob was scanned for them */
	int pf_asked;		       /* scan_job_words was asked: j->pf is final */
	int pf_wanted;		       /* some pattern the blob meets is worth the scan */
	struct multi_scratch *mms;     /* which patterns may match the current blob */
	int mm_done;		       /* the current blob was scanned for them */
	struct multi_scratch *mms2;    /* the same for j->mm2 */
	int mm2_done;
	struct multi_scratch **cms; /* per class of j->mm (j->cm), made when first needed */
	int mm_class;		    /* the class the current blob is scanned with, or -1 for j->mm itself */
	pthread_t tid;
	int started;
	struct buf ser; /* scratch for cache records */
	/*
	 * the current blob's first search for each distinct pattern
	 * (j->pat_ids), valid where first_gen equals blob_gen: leaves sharing
	 * a pattern (the placeholder not_contains of 25 document leaves) search
	 * a blob for it once
	 */
	struct first_hit *first;
	unsigned *first_gen;
	unsigned blob_gen;
};

/* What a first search (from offset 0, a fresh budget) found: facts.c, first_match. */
struct first_hit {
	int rc;
	size_t ms;
};

/* What the threads share: read-only inputs and the ring of queued files. */
struct scan_job {
	git_repository *repo; /* the walking thread's only: the merge names unreadable objects with it */
	const struct rules *rs;
	const struct scan_opts *opts;
	struct pack_set *packs; /* the repository's pack indexes, read-only */
	long commit_day;
	struct twin **twins; /* per leaf: contains, not_contains, fresh (TW_*); NULL when twinless */
	/*
	 * every content pattern in one Vectorscan pass (match/multi.h); NULL
	 * when built without it, and until first needed when mm_use is 0
	 * (scan_job_multi): then the word prefilter pf is used, or nothing;
	 * the built-in database's until a blob first needs the whole of it
	 * (scan_job_whole).  Set once, under mm_lock.
	 */
	struct multi *mm;
	struct multi *mm2; /* with the built-in pack's mm: the other patterns, or NULL */
	size_t mm_split;   /* ids from here on are mm2's (id - mm_split); SIZE_MAX without mm2 */
	int *mm_ids;	   /* per leaf and TW_*: the pattern's id in mm (or mm2), or -1 */
	int mm_use;	   /* mm rules out patterns before PCRE2 runs them */
	int mm_builtin;	   /* mm is the built-in pack's, made at build time */
	/*
	 * with the built-in database: mm, the whole of it, is loaded when a
	 * worker first needs it (scan_job_whole), since most blobs are scanned
	 * with the smaller database of their class; 1 once that was tried
	 */
	int mm_whole_tried;
	/*
	 * with the built-in database: the classes of its patterns
	 * (multi_builtin_class), each loaded when a worker first needs it
	 * (scan_job_class); cm_local[c * multi_builtin_n + id] is pattern id's
	 * index in class c, or -1
	 */
	struct multi **cm;
	int *cm_local;
	size_t ncm;
	int mm_tried;		 /* mm was built, or could not be (under mm_lock) */
	pthread_mutex_t mm_lock; /* building mm once a worker needs it */
	/*
	 * held by the one thread that reads a blob over BIG_READ through
	 * libgit2 (a delta, or any object outside the fast path), from the read
	 * until the object is freed: see item.c, read_blob
	 */
	pthread_mutex_t big_lock;
	size_t big_reads;	 /* such reads (under big_lock), into scan_result's */
	enum scan_filter filter; /* which of mm and pf, for --stats */
	int pf_use;		 /* pf rules out patterns before PCRE2 runs them */
	/*
	 * the words each pattern needs; NULL when no pattern needs any, and
	 * until first needed when mm_use is 1 (scan_job_words)
	 */
	struct prefilter *pf;
	int pf_tried; /* pf, pf_ids and pf_fast were built (under mm_lock) */
	int *pf_ids;  /* per leaf and TW_*: the pattern's id in pf, or -1 */
	/*
	 * per leaf and TW_*: PCRE2 finds the pattern's starts fast by itself
	 * (match_regex_fast_start), so it is prefiltered only when the words
	 * of the blob are looked for anyway, for some other pattern
	 */
	unsigned char *pf_fast;
	/*
	 * per leaf and TW_*: the index of the pattern's (source,
	 * caselessness) among the distinct ones (scan_patterns), or -1; npat
	 * of them (NULL: no first search is kept)
	 */
	int *pat_ids;
	size_t npat;
	atomic_uchar *settled; /* per leaf: nothing later in the walk can change it (see result.c) */
	pthread_mutex_t mu;
	pthread_cond_t work; /* a file was queued, or the walk ended */
	pthread_cond_t done; /* a file was decided */
	struct item *slots;
	size_t cap;
	size_t head, tail, claim; /* next to queue, next to merge, first that may be unclaimed */
	int closing;
	unsigned idle;	  /* workers waiting for work */
	int waiting_done; /* the walking thread waits for a decided item */
	struct worker *workers;
	size_t nworkers;
	int threaded;
};

/*
 * Builds j->mm once, whatever mm_use says (any thread may ask); 0 when
 * it exists, -1 without Vectorscan or when it could not compile.
 */
int scan_job_multi(struct scan_job *j);

/*
 * Loads the whole built-in database (j->mm) once, after scan_job_multi
 * chose it (any thread may ask); 0 when it exists, -1 when it could not
 * be loaded (or without it): PCRE2 then runs the blob's patterns, with the
 * same outcome, only slower.
 */
int scan_job_whole(struct scan_job *j);

/*
 * Builds j->pf (with pf_ids and pf_fast) once, whatever pf_use says (any
 * thread may ask); 0 when it exists, -1 when no pattern needs a word.
 */
int scan_job_words(struct scan_job *j);

/*
 * Loads class c of the built-in database (j->cm[c]) once (any thread may
 * ask); 0 when it exists, -1 when it could not be loaded: the blob is
 * scanned with j->mm then (scan_job_whole).
 */
int scan_job_class(struct scan_job *j, size_t c);

/* 1 when nothing later in the walk can change the leaf's outcome or evidence (any thread may ask). */
static inline int is_settled(const struct scan_job *j, size_t leaf)
{
	return atomic_load_explicit(&j->settled[leaf], memory_order_relaxed) != 0;
}

/* ---- ring.c: between the walk and the workers ------------------------------------------ */

/*
 * Opens the ring and starts a thread for each of j's j->nworkers workers
 * (made by the caller); a worker whose thread does not start is left out,
 * the walking thread does its share.
 */
void ring_start(struct scan_job *j);

/*
 * Queues an item, taking what it owns; decided items are merged as soon as
 * their turn comes.  Without threads the item is decided and merged at once.
 */
void ring_push(struct walk *w, struct item *it);

/* Decides and merges everything still queued, ends the threads and frees the ring (nothing when there is none). */
void ring_close(struct walk *w);

/* ---- result.c: the scan result, built in walk order ------------------------------------ */

/* An empty result for nleaves leaves (caller frees with scan_result_free). */
struct scan_result *result_new(size_t nleaves);

/*
 * Applies a decided item to r: the walking thread only, in walk order.
 * Marks in j->settled the leaves it settles; frees what the item holds.
 */
void result_merge(struct scan_result *r, struct scan_job *j, struct item *it);

/* ---- select.c: which leaves select a path ---------------------------------------------- */

/*
 * Leaves of a pack each hold their own copy of the pack's excludes, and
 * many share path globs: a glob written once is tested once per path.
 * Each distinct glob (source and case) gets an id; the result of each id
 * is remembered for the current path (and, apart, the current folder).
 */
struct globs {
	size_t **path_ids, **excl_ids; /* per leaf, per glob of paths / exclude */
	/*
	 * Leaves of a pack share its excludes: each distinct exclude list gets
	 * an id, and whether it excludes the current path is worked out once.
	 */
	size_t *elist;		   /* per leaf: its exclude list's id */
	unsigned char *el_val;	   /* per list: it excludes the current path */
	unsigned long *el_at;	   /* per list: the path number el_val is for */
	size_t n;		   /* distinct globs */
	unsigned char *val, *dval; /* results for the current path / folder */
	unsigned long *at, *dat;   /* the path (folder) number they are for */
	unsigned long path_no, dir_no;
	int path_ascii;	      /* the current path is all ASCII */
	struct match_path mp; /* the current path split for the globs, once mp_ready */
	int mp_ready;
	/*
	 * Words a glob's matches hold (match_glob_word), all found in one pass
	 * over an ASCII path: a glob none of whose words is there is a quick no.
	 */
	struct prefilter *pf;
	struct prefilter_scratch *pfs;
	int *pf_id;   /* per distinct glob, or -1 */
	int *leaf_pf; /* per leaf: the words of all its path globs, or -1 */
	int pf_done;  /* the current path was scanned */
};

/* The globs of rs, each distinct one given an id (gl's parts are freed with globs_free). */
void globs_init(struct globs *gl, const struct rules *rs);

/* Frees what gl holds for a pack of nleaves leaves; NULL is fine. */
void globs_free(struct globs *gl, size_t nleaves);

/* The walk moves to path: what the globs remembered is for another. */
void globs_next_path(struct globs *gl, const char *path, size_t len);

/* 1 when leaf l selects the current path (globs_next_path): one of its globs matches, no exclude does. */
int globs_selects(struct globs *gl, const struct leaf *l, const char *path, size_t len);

/*
 * Moves to path and returns how many of the leaves in active (indexes into
 * rs->leaves, ascending) select it, those leaves into sel in the same order.
 */
size_t globs_select(struct globs *gl, const struct rules *rs, const size_t *active, size_t nactive, const char *path,
		    size_t len, size_t *sel);

/*
 * Of active, the leaves that may match below the folder dir (len bytes,
 * ending in '/'), into sub; returns how many.  An excluded folder is not
 * descended into.
 */
size_t globs_descend(struct globs *gl, const struct rules *rs, const size_t *active, size_t nactive, const char *dir,
		     size_t len, size_t *sub);

/* ---- walk.c: the walk over the tree, on the calling thread ----------------------------- */

struct walk {
	git_repository *repo;
	struct globs gl;
	const struct rules *rs;
	const struct scan_opts *opts;
	struct scan_result *res;
	struct linguist *lg; /* the .gitattributes of the folders above (git/linguist.h) */
	size_t depth;	     /* of the folder being walked */
	struct buf path;
	size_t *sel; /* leaves selecting the current entry */
	struct scan_job *job;
	struct worker *self; /* the walking thread's: it helps when the ring is full */
	/*
	 * Folder records (treerec.h), kept when a cache is in use: one being
	 * built per depth of the walk (each allocated once: a folder's frame
	 * keeps a pointer to its own while deeper ones are added), and whether
	 * the cache's are read (scan_opts.no_records turns that off, for tests
	 * that compare).
	 */
	struct buf **recs;
	size_t nrecs, recs_cap;
	int records;
	/*
	 * depth of the folder whose .gitattributes could not be read, or
	 * SIZE_MAX: below it records are neither used nor written
	 */
	size_t no_records_below;
	struct buf keybuf;
};

/*
 * Folders of installed Python packages kept in the tree (installed.c).
 * installed_home: 1 when the folder at path (len bytes, ending in '/') is
 * at the root and named lib, libs, ext, deps, extlib, pylib or
 * python_modules, decided from the path alone.  installed_packages: 1 when
 * such a folder's tree holds a *.dist-info folder or two of certifi, idna,
 * urllib3, requests, chardet and charset_normalizer.
 */
int installed_home(const char *path, size_t len);
int installed_packages(const git_tree *tree);

/*
 * Sets up w for a walk of repo with rs into res, queueing to job's ring
 * and deciding on self when it must; w's parts are freed with walk_free.
 */
void walk_init(struct walk *w, git_repository *repo, const struct rules *rs, const struct scan_opts *opts,
	       struct scan_result *res, struct scan_job *job, struct worker *self);

/* Walks the root tree: 0, or -1 with err when a tree cannot be read. */
int walk_root(struct walk *w, const git_oid *tree);

/* Frees what w holds (not job, self nor res); NULL is fine. */
void walk_free(struct walk *w);

#endif
