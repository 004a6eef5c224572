/* test_jit.c - JIT on or off for the process, and each set of patterns JIT-compiled once, from any thread. */
#include "helpers.h"

#include <stdlib.h>

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "match/jit.h"

static pcre2_code *compile(const char *pattern)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &ec, &eo, NULL);
	assert_non_null(code);
	return code;
}

/* 1 when code holds JIT code */
static int jitted(const pcre2_code *code)
{
	size_t size = 0;
	assert_int_equal(pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &size), 0);
	return size > 0;
}

/* 1 when this PCRE2 has a JIT for this machine */
/* PCRE2 has a JIT and it is not switched off (PROOFGATE_NO_JIT=1 under valgrind, as helpers.c sets) */
static int have_jit(void)
{
	uint32_t on = 0;
	const char *off = getenv("PROOFGATE_NO_JIT");
	return pcre2_config(PCRE2_CONFIG_JIT, &on) >= 0 && on && !(off && *off);
}

static void test_once_at_first_use(void **state)
{
	pcre2_code *codes[3];
	atomic_uchar done = 0;
	(void)state;

	codes[0] = compile("a+b");
	codes[1] = NULL; /* skipped */
	codes[2] = compile("(x|y)*z");
	assert_false(jitted(codes[0]));
	match_jit_once(&done, codes, 3);
	assert_true(atomic_load(&done));
	assert_int_equal(jitted(codes[0]), have_jit());
	assert_int_equal(jitted(codes[2]), have_jit());
	pcre2_code_free(codes[0]);
	pcre2_code_free(codes[2]);
}

static void test_once_means_once(void **state)
{
	pcre2_code *code = compile("abc");
	atomic_uchar done = 1; /* given to the JIT already, as far as the flag says */
	(void)state;

	match_jit_once(&done, &code, 1);
	assert_false(jitted(code));
	pcre2_code_free(code);
}

static void test_two_arrays(void **state)
{
	pcre2_code *a[2], *b[2];
	atomic_uchar done = 0;
	(void)state;

	a[0] = compile("one");
	a[1] = compile("two");
	b[0] = NULL;
	b[1] = compile("three");
	match_jit_once_two(&done, a, 2, b, 2);
	assert_true(atomic_load(&done));
	assert_int_equal(jitted(a[0]), have_jit());
	assert_int_equal(jitted(a[1]), have_jit());
	assert_int_equal(jitted(b[1]), have_jit());
	pcre2_code_free(a[0]);
	pcre2_code_free(a[1]);
	pcre2_code_free(b[1]);
}

static void test_off_leaves_the_interpreter(void **state)
{
	pcre2_code *code = compile("x[0-9]+");
	atomic_uchar done = 0;
	(void)state;

	match_set_jit(0);
	match_jit_once(&done, &code, 1);
	match_set_jit(!(getenv("PROOFGATE_NO_JIT") && *getenv("PROOFGATE_NO_JIT"))); /* as helpers.c set it */
	assert_true(atomic_load(&done));
	assert_false(jitted(code));
	pcre2_code_free(code);
}

struct race {
	atomic_uchar done;
	pcre2_code *codes[8];
};

static void *jit_all(void *arg)
{
	struct race *r = arg;
	match_jit_once(&r->done, r->codes, 8);
	return NULL;
}

static void test_many_threads_one_flag(void **state)
{
	struct race r;
	pthread_t t[6];
	int i;
	(void)state;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < 8; i++)
		r.codes[i] = compile(i % 2 ? "(?:ab|cd)+e" : "[a-z]{2,5}\\d");
	for (i = 0; i < 6; i++)
		assert_int_equal(pthread_create(&t[i], NULL, jit_all, &r), 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (i = 0; i < 8; i++) {
		assert_int_equal(jitted(r.codes[i]), have_jit());
		pcre2_code_free(r.codes[i]);
	}
}

/* 1 when code's JIT code serves partial matching (PCRE2 refuses the mode it was not compiled for) */
static int jitted_partial(const pcre2_code *code)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	int rc = pcre2_jit_match(code, (PCRE2_SPTR) "ab", 2, 0, PCRE2_PARTIAL_SOFT, md, NULL);
	pcre2_match_data_free(md);
	return rc != PCRE2_ERROR_JIT_BADOPTION;
}

/*
 * Content patterns (match_jit_once) get JIT code for complete matches
 * only: partial matching's code would be most of their JIT memory and
 * only the globs' folder test (match_jit_once_two) uses it.
 */
static void test_partial_code_only_for_globs(void **state)
{
	pcre2_code *content = compile("abc"), *glob = compile("abc");
	atomic_uchar d1 = 0, d2 = 0;
	(void)state;
	if (!have_jit()) {
		pcre2_code_free(content);
		pcre2_code_free(glob);
		return;
	}
	match_set_jit(1);
	match_jit_once(&d1, &content, 1);
	match_jit_once_two(&d2, &glob, 1, NULL, 0);
	assert_true(jitted(content));
	assert_true(jitted(glob));
	assert_false(jitted_partial(content));
	assert_true(jitted_partial(glob));
	pcre2_code_free(content);
	pcre2_code_free(glob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_at_first_use),
		cmocka_unit_test(test_once_means_once),
		cmocka_unit_test(test_two_arrays),
		cmocka_unit_test(test_off_leaves_the_interpreter),
		cmocka_unit_test(test_many_threads_one_flag),
		cmocka_unit_test(test_partial_code_only_for_globs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
