/* err.h - the last error of the current thread, for the CLI to show. */
#ifndef PG_ERR_H
#define PG_ERR_H

/*
 * Library code records why it failed with err_set() and returns -1; only
 * the CLI layer prints err_last().  Messages follow the project style:
 * lowercase, no full stop, quoted paths, where and why.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int err_set(const char *fmt, ...);

/* The message, or "unknown error"; owned by this module, valid until the next err_set. */
const char *err_last(void);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
/*
 * err_set for a failed system call: the message, then ": " and what errno
 * says (read on entry, so formatting cannot change it).  Returns -1.
 */
int err_sys(const char *fmt, ...);

/* What errno e says, as a message part (strerror, thread-safe, never NULL). */
const char *err_os(int e);

void err_clear(void);

#endif
