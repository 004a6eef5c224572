/* mem.c - the one out-of-memory policy: a message and exit status 2. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "util/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void oom(size_t n)
{
	fprintf(stderr, "proofgate: out of memory allocating %zu bytes\n", n);
	exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

void *xmalloc_aligned(size_t align, size_t n)
{
	void *p = NULL;
	if (posix_memalign(&p, align, n ? n : 1) != 0)
		oom(n);
	return p;
}

/* n rounded up to whole pages: no more is mapped, so a huge page never holds memory past the buffer's end */
static size_t big_len(size_t n)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t p = pg > 0 ? (size_t)pg : 4096;
	if (n > SIZE_MAX - 2 * BIG_PAGE)
		oom(n);
	return (n + p - 1) / p * p;
}

void *xmalloc_big(size_t n)
{
	size_t len = big_len(n ? n : 1), head;
	char *m = mmap(NULL, len + BIG_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		oom(n);
	/*
	 * the mapping is one huge page longer than needed: it is cut to start
	 * at a BIG_PAGE boundary; each whole huge page of it is one fault, the
	 * tail past the last one small pages
	 */
	head = (BIG_PAGE - (size_t)((uintptr_t)m % BIG_PAGE)) % BIG_PAGE;
	if (head)
		munmap(m, head);
	munmap(m + head + len, BIG_PAGE - head); /* head < BIG_PAGE: a tail is always left */
#ifdef MADV_HUGEPAGE
	madvise(m + head, len, MADV_HUGEPAGE); /* advice: without it the same memory in small pages */
#endif
	return m + head;
}

void xfree_big(void *p, size_t n)
{
	if (p)
		munmap(p, big_len(n ? n : 1));
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **items, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;
	if (need <= *cap)
		return;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / size)
			oom(need * size);
		n *= 2;
	}
	*items = xrealloc(*items, n * size);
	*cap = n;
}
