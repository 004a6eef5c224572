/* loose.h - loose objects read by proofgate, checked whole, ahead of libgit2's own reader. */
#ifndef PG_LOOSE_H
#define PG_LOOSE_H

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <stddef.h>

/*
 * libgit2 1.5.1 (Debian 12's) trusts a loose object's header: a body
 * longer than the size "blob 4\0" declares is inflated past the end of its
 * buffer (upstream issue 7177, fixed by pull requests 7178 and 7236), and
 * a truncated stream can loop forever (issue 7342).  The scanned
 * repository is input like any other, so this backend answers for every
 * loose object before libgit2's reader can see it: the file is read whole,
 * inflated by zlib into exactly the size its header declares, and refused
 * - as an error naming the object, never handed on - when the header is
 * not "TYPE SIZE\0", the body is longer or shorter, the stream is cut or
 * followed by more bytes, or the size is more than deflate can make of the
 * file.  Objects it does not hold (packed ones) go to libgit2 as before;
 * a newer libgit2 changes nothing.  It covers the repository's own
 * objects folder; loose objects of an alternate (objects/info/alternates,
 * set up on the machine, not by a change) are still libgit2's to read.
 */

/*
 * A backend for the loose objects under objects_dir ("…/objects").  The
 * caller hands it to git_odb_add_backend, which owns it after; on error
 * returns -1 with err set.
 */
int loose_backend_new(git_odb_backend **out, const char *objects_dir);

/* Puts a loose backend ahead of libgit2's in repo's object database; -1 with err set. */
int loose_attach(git_repository *repo);

/*
 * The same for an object database opened on its own (git_odb_open, as each
 * scan worker does: libgit2 objects are not shared between threads), whose
 * loose objects lie under objects_dir; -1 with err set.
 */
int loose_attach_odb(git_odb *odb, const char *objects_dir);

/*
 * Reads one loose object file's bytes (len of them) as the backend does:
 * 0 with *type, *size and *body (malloc'd, NUL-terminated, the caller
 * frees), or -1 with err naming what is wrong.  For the tests and the fuzzer.
 */
int loose_parse(void **body, size_t *size, git_object_t *type, const unsigned char *file, size_t len);

#endif
