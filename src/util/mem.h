/* mem.h - allocation with one out-of-memory policy: print and exit 2. */
#ifndef PG_MEM_H
#define PG_MEM_H

#include <stddef.h>

/* Each returns memory the caller frees with free(); none returns NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* n bytes at a multiple of align (a power of two, a multiple of sizeof(void *)). */
void *xmalloc_aligned(size_t align, size_t n);

/* Grows *items (of *cap elements of size) so that it holds at least need. */
void xgrow(void **items, size_t *cap, size_t need, size_t size);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
