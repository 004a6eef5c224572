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

/*
 * A transient buffer of n bytes (a blob being matched), mapped on its own
 * at a BIG_PAGE boundary and offered to the kernel as transparent huge
 * pages (madvise): one page fault per whole 2 MiB of it instead of one
 * per 4 KiB page, and no memory past its last page.  Give it back with xfree_big(p, n), with the same n (NULL is fine);
 * never with free().  Where huge pages are off, it is plain mapped memory.
 */
#define BIG_PAGE ((size_t)2 << 20)
void *xmalloc_big(size_t n);
void xfree_big(void *p, size_t n);

/* Grows *items (of *cap elements of size) so that it holds at least need. */
void xgrow(void **items, size_t *cap, size_t need, size_t size);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
