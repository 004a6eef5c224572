/* test_mem.c - allocation helpers and the one out-of-memory policy. */
#include "helpers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/mem.h"

struct fx {
	int *ints;
	size_t cap;
	char *s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	free(f->ints);
	free(f->s);
	free(f);
	return 0;
}

static void test_xgrow(void **state)
{
	struct fx *f = *state;
	int *before;
	size_t i;

	XGROW(f->ints, f->cap, 1);
	assert_non_null(f->ints);
	assert_int_equal(f->cap, 8); /* a first allocation of eight */
	before = f->ints;
	XGROW(f->ints, f->cap, 8); /* fits: nothing moves */
	assert_ptr_equal(f->ints, before);
	assert_int_equal(f->cap, 8);
	for (i = 0; i < 8; i++)
		f->ints[i] = (int)i;
	XGROW(f->ints, f->cap, 9);
	assert_int_equal(f->cap, 16); /* doubles */
	XGROW(f->ints, f->cap, 100);
	assert_int_equal(f->cap, 128);
	for (i = 0; i < 8; i++)
		assert_int_equal(f->ints[i], (int)i); /* contents kept */
	f->ints[127] = 7;
}

static void test_strings(void **state)
{
	struct fx *f = *state;
	char *p;

	f->s = xstrndup("abcdef", 3);
	assert_string_equal(f->s, "abc");
	free(f->s);
	f->s = xstrndup("a\0b", 3); /* copies bytes, NUL included */
	assert_memory_equal(f->s, "a\0b", 4);
	free(f->s);
	f->s = xstrdup("\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84");
	assert_string_equal(f->s, "\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84");
	free(f->s);
	f->s = xstrdup("");
	assert_string_equal(f->s, "");

	p = xcalloc(16, 4);
	for (size_t i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	free(p);
	/* zero sizes still give memory the caller can free */
	p = xmalloc(0);
	assert_non_null(p);
	free(p);
	p = xcalloc(0, 0);
	assert_non_null(p);
	p = xrealloc(p, 0);
	assert_non_null(p);
	free(p);
}

/* Runs fn in a child; returns its exit status (-1 when it did not exit) and its stderr in err. */
static int in_child(void (*fn)(void), char *err, size_t errlen)
{
	int pfd[2], st = 0;
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pfd[1], 2);
		close(pfd[0]);
		fn();
		_exit(0);
	}
	close(pfd[1]);
	while (got + 1 < errlen && (n = read(pfd[0], err + got, errlen - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(pfd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void grow_too_far(void)
{
	char *p = NULL;
	size_t cap = 0;
	XGROW(p, cap, (size_t)-1); /* stops before asking malloc */
	free(p);
}

/*
 * A large transient buffer starts at a BIG_PAGE boundary, every byte of it
 * is writable and keeps what was written; sizes below, at and above a
 * huge page, and 0.
 */
static void test_xmalloc_big(void **state)
{
	static const size_t sizes[] = {0, 1, 4096, BIG_PAGE - 1, BIG_PAGE, BIG_PAGE + 1, 3 * BIG_PAGE + 12345};
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i] ? sizes[i] : 1;
		unsigned char *p = xmalloc_big(sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % BIG_PAGE, 0);
		for (k = 0; k < n; k += 1000)
			p[k] = (unsigned char)(k * 7);
		p[n - 1] = 0xa5;
		for (k = 0; k < n - 1; k += 1000)
			assert_int_equal(p[k], (unsigned char)(k * 7));
		assert_int_equal(p[n - 1], 0xa5);
		xfree_big(p, sizes[i]);
	}
	xfree_big(NULL, 5); /* like free(NULL) */
}

static void test_out_of_memory_exits_2(void **state)
{
	char err[512];
	(void)state;
	/* an element count no size_t can hold: the policy, not a wrap-around */
	assert_int_equal(in_child(grow_too_far, err, sizeof(err)), 2);
	assert_non_null(strstr(err, "proofgate: out of memory allocating"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_xgrow),
		T(test_strings),
		T(test_xmalloc_big),
		T(test_out_of_memory_exits_2),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
