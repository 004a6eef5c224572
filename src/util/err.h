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

void err_clear(void);

#endif
