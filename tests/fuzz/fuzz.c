/* fuzz.c - helpers shared by the harnesses (fuzz.h). */
#define _DEFAULT_SOURCE /* mkdtemp, nftw */
#include "fuzz.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fuzz_strndup(const void *p, size_t n)
{
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

int fuzz_next(const uint8_t **p, const uint8_t *end, int sep, const uint8_t **piece, size_t *len)
{
	const uint8_t *at;
	if (*p >= end)
		return 0;
	at = memchr(*p, sep, (size_t)(end - *p));
	*piece = *p;
	*len = at ? (size_t)(at - *p) : (size_t)(end - *p);
	*p = at ? at + 1 : end;
	return 1;
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz: MISMATCH: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

void fuzz_empty_dir(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char scratch[4096];

static void scratch_remove(void)
{
	fuzz_empty_dir(scratch);
	rmdir(scratch);
}

const char *fuzz_scratch(void)
{
	const char *t = getenv("TMPDIR");
	if (scratch[0])
		return scratch;
	snprintf(scratch, sizeof(scratch), "%s/pgfuzz-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(scratch)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(scratch_remove);
	return scratch;
}

void fuzz_write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}
