/* treerec.h - what the walk selected in one folder, kept in the cache so that an unchanged folder is not walked again.
 */
#ifndef PG_TREEREC_H
#define PG_TREEREC_H

#include <git2.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * Which entries of a folder the rules select, and for which leaves,
 * depends only on their paths and kinds, the rule pack and the attribute
 * files that apply (linguist marks); never on their contents.  A record
 * holds the walk's answer for one folder, entry by entry in tree order:
 * every entry's mode, name and object id, and the walk's answer for it:
 * selected files and links (with their selecting leaves), selected
 * submodules, subfolders descended into, and what was passed over.
 * Subfolders have records of their own, so each file is stored once
 * however deep it sits.
 *
 * The key (treerec_key) is the folder's path under an attribute context
 * (treerec_ctx: the attribute sources outside the tree, then the
 * .gitattributes of every folder above); the cache namespace covers the
 * rule pack and the record format.  A record names the tree it was made
 * from and lists all of that tree's entries, so it proves what it
 * describes: treerec_parse hashes the entries as git would and refuses a
 * record whose entries are not exactly that tree's (and takes the counts
 * and the folder's .gitattributes from them, never from stored bytes).
 * When the folder still holds that tree, the record stands for it whole
 * and the tree is not read; when the folder changed but its own
 * .gitattributes did not, the tree is read and each entry whose name and
 * kind the record knows keeps its answer, so only new paths are matched
 * against the rules.  Either way the walk checks each answer it takes
 * against the rules before using it (walk.c): see docs/cache.md.
 */

/* format of folder records; bump it when they or the selection change (it is in the cache namespace) */
#define TREEREC_FORMAT 5

enum treerec_kind {
	TREC_FILE = 1,	/* a blob the rules select (a rule pack's own blob is dropped when queued) */
	TREC_LINK,	/* the same, a symbolic link */
	TREC_NONE,	/* a blob no rule selects, or a generated or vendored one */
	TREC_SUBMODULE, /* a submodule some rule selects */
	TREC_NONE_SUBMODULE,
	TREC_DIR,   /* a subfolder some rule may match below */
	TREC_PRUNED /* a subfolder none can */
};

struct treerec_entry {
	enum treerec_kind kind;
	const char *name; /* not NUL-terminated; no '/' and no NUL in it */
	size_t namelen;
	unsigned mode;		  /* as the tree holds it (git_tree_entry_filemode_raw) */
	git_oid oid;		  /* the entry's object, whatever its kind */
	int exec;		  /* file: its mode is executable (from mode, as libgit2 reads it) */
	size_t nsel;		  /* file, link: leaves selecting it (at least one) */
	const unsigned char *sel; /* encoded; treerec_sel() decodes */
};

/* What kind of tree entry a record's entry was: 'b' blob, 'c' submodule, 't' tree. */
int treerec_class(enum treerec_kind kind);

/* A record being read; every byte was checked by treerec_parse, every count comes from its entries. */
struct treerec {
	size_t entries; /* tree entries the folder holds (what the walk counts) */
	size_t pruned;	/* of its subfolders, those recorded as passed over */
	int has_attrs;	/* it holds a .gitattributes blob, attrs */
	git_oid attrs;
	git_oid tree; /* the tree the record was made from: its entries hash to this id */
	const unsigned char *p, *end;
};

/*
 * Checks a whole record (nleaves: the rule pack's leaves) so that reading it
 * cannot fail half-way, and that it describes the tree it names: its
 * entries, hashed as a git tree, give that tree's id, and each entry's kind
 * fits its mode.  0 and *r ready, or -1 when it is not such a record; it is
 * then not trusted and the folder is walked.
 */
int treerec_parse(struct treerec *r, const unsigned char *rec, size_t len, size_t nleaves);
/* The next entry in tree order: 1, or 0 at the end. */
int treerec_next(struct treerec *r, struct treerec_entry *e);
/* A file entry's leaves, ascending, into out (e->nsel of them). */
void treerec_sel(const struct treerec_entry *e, size_t *out);

/*
 * A record's entries by name, for a changed folder: found in one step
 * while the tree's order follows the record's, by binary search after.
 */
struct treerec_name {
	const char *name;
	size_t len, at; /* at: its index in e */
};

struct treerec_names {
	struct treerec_entry *e;
	size_t n, next;
	struct treerec_name *by_name; /* sorted by name, made at the first miss */
};
/* Loads the entries of r into nm (freed with treerec_names_free); r's bytes must outlive nm. */
void treerec_names_load(struct treerec_names *nm, struct treerec *r);
/* The entry named name (len bytes), or NULL. */
const struct treerec_entry *treerec_names_find(struct treerec_names *nm, const char *name, size_t len);
/* Frees what nm holds and empties it; NULL is fine. */
void treerec_names_free(struct treerec_names *nm);

/* Starts a record in b (cleared) for tree. */
void treerec_begin(struct buf *b, const git_oid *tree);
/* Appends an entry (every entry of the tree, in its order); sel (e->nsel leaves, ascending) only for a file or link. */
void treerec_put(struct buf *b, const struct treerec_entry *e, const size_t *sel);

/* The object type (GIT_OBJECT_BLOB, _TREE, _COMMIT) and the normalised mode of a raw tree-entry mode, as libgit2 reads
 * them. */
git_object_t treerec_type(unsigned mode);
git_filemode_t treerec_filemode(unsigned mode);

/* The attribute context below a folder: the one above it, then its .gitattributes (attrs, or NULL). */
void treerec_ctx(git_oid *out, const git_oid *above, const git_oid *attrs);
/* The cache key of folder dir (its path with a trailing '/', "" for the root) under ctx. */
void treerec_key(unsigned char out[GIT_OID_RAWSZ], struct buf *scratch, const git_oid *ctx, const char *dir,
		 size_t len);

#endif
