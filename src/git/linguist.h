/* linguist.h - which paths an attribute file could mark linguist-generated or linguist-vendored. */
#ifndef PG_LINGUIST_H
#define PG_LINGUIST_H

#include <git2.h>
#include <stddef.h>

/*
 * libgit2 decides a path's attributes, but asking it costs a few system
 * calls a path (it checks every attribute file for changes), most of a
 * cached scan's time.  Only lines that name a linguist attribute can make
 * a file generated or vendored, and a line's pattern matches only paths
 * holding its longest literal piece.  So the words of those lines are
 * gathered - from the scanned commit's .gitattributes on the way down the
 * tree, from the index's in a work tree, from info/attributes and the
 * user's attributes file - and libgit2 is asked only about paths holding
 * one of them (case ignored).  Anything unsure (a macro naming linguist, a
 * pattern without a literal piece, a file that cannot be read) makes every
 * path be asked, as before.
 */
struct linguist;

/* Reads the sources outside the tree; never fails (on trouble every path is asked). */
struct linguist *linguist_new(git_repository *repo);
void linguist_free(struct linguist *lg);

/*
 * What the sources outside the tree hold (info/attributes, the user's
 * attributes file, the index's .gitattributes), as one id: the walk's
 * folder records (treerec.h) are valid only under the same.
 */
void linguist_global_id(const struct linguist *lg, git_oid *out);

/* The id of tree's .gitattributes blob, or NULL; owned by tree. */
const git_oid *linguist_attrs_of(const git_tree *tree);
/*
 * At a folder of the walk (depth: 0 for the root): reads its .gitattributes
 * attrs (NULL: none).  -1 when that blob cannot be read (a partial clone):
 * libgit2 cannot read it either, so what it decides below is not what it
 * decides with the blob, and nothing below may be remembered (treerec.h).
 */
int linguist_enter(struct linguist *lg, git_repository *repo, const git_oid *attrs, size_t depth);
/* Leaving the folder at depth: its words no longer apply. */
void linguist_leave(struct linguist *lg, size_t depth);

/* 0 when no attribute line naming linguist can match path: libgit2 need not be asked. */
int linguist_may_apply(const struct linguist *lg, const char *path, size_t len);

#endif
