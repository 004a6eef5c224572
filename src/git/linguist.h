/* linguist.h - whether the scanned commit's .gitattributes mark a path linguist-generated or linguist-vendored. */
#ifndef PG_LINGUIST_H
#define PG_LINGUIST_H

#include <git2.h>
#include <stddef.h>

/*
 * A verdict depends on the commit, never on the machine: the attributes
 * come from the .gitattributes files of the scanned commit's tree only,
 * read as git reads them (git's attr.c and wildmatch semantics, git 2.39):
 * no info/attributes, core.attributesFile, ~/.config/git/attributes,
 * system file, index or work tree, and no core.ignorecase (matching is
 * case-sensitive).  The walk enters each folder's .gitattributes on the way
 * down the tree and leaves it on the way up; a file's attributes are then
 * those of the lines of the folders above it, deeper files and later lines
 * first, macros ("[attr]name ...") from the root file only.  A path is
 * marked when linguist-generated or linguist-vendored ends up set or
 * "true".
 */
struct linguist;

/* A new, empty stack of attribute files; the caller frees it with linguist_free. */
struct linguist *linguist_new(void);
/* Frees lg; NULL is fine. */
void linguist_free(struct linguist *lg);

/*
 * An id naming the way attributes are read (this file's rules), for the
 * walk's folder records (treerec.h): a record made under other rules is
 * not used.
 */
void linguist_global_id(const struct linguist *lg, git_oid *out);

/* The id of tree's .gitattributes blob (a symbolic link is not one, as for git), or NULL; owned by tree. */
const git_oid *linguist_attrs_of(const git_tree *tree);

/*
 * At the folder dir (dirlen bytes, ending in '/', or "" for the root) at
 * depth of the walk (0 for the root): reads its .gitattributes attrs (NULL:
 * none).  -1 when that blob cannot be read (a partial clone): nothing below
 * may be remembered (treerec.h); the folder then has no attributes.
 */
int linguist_enter(struct linguist *lg, git_repository *repo, const git_oid *attrs, const char *dir, size_t dirlen,
		   size_t depth);
/* As linguist_enter, from the text of the .gitattributes (len bytes). */
void linguist_enter_text(struct linguist *lg, const char *text, size_t len, const char *dir, size_t dirlen,
			 size_t depth);
/* Leaving the folder at depth: its lines no longer apply. */
void linguist_leave(struct linguist *lg, size_t depth);

/* 1 when the files entered mark the file at path (len bytes, from the root) generated or vendored. */
int linguist_marks(const struct linguist *lg, const char *path, size_t len);

#endif
