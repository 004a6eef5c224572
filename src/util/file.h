/* file.h - a whole file read into a buffer, with a size cap. */
#ifndef PG_FILE_H
#define PG_FILE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Reads the file at path into out, which must be empty (BUF_INIT) and is
 * written only on success: the bytes, NUL-terminated.  A file of more than
 * max bytes (at most BUF_MAX) is an error, as is one that cannot be opened
 * or read.  Returns 0, or -1 with err_last() saying why in words a caller
 * puts after the file's name: the system's reason ("No such file or
 * directory") or "larger than 4194304 bytes" ("larger than 1 GiB" for
 * whole GiB).
 */
int file_read(struct buf *out, const char *path, size_t max);

#endif
