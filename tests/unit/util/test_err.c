/* test_err.c - the per-thread last error message. */
#include "helpers.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "util/err.h"

static int setup(void **state)
{
	(void)state;
	err_clear();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	err_clear();
	return 0;
}

static void test_set_returns_minus_one_and_formats(void **state)
{
	(void)state;
	assert_int_equal(err_set("cannot read '%s': %s at offset %zu", "x.yml", "bad", (size_t)7), -1);
	assert_string_equal(err_last(), "cannot read 'x.yml': bad at offset 7");
	assert_int_equal(err_set("%s", "second"), -1);
	assert_string_equal(err_last(), "second");
}

static void test_sys_appends_what_errno_says(void **state)
{
	(void)state;
	errno = ENOENT;
	assert_int_equal(err_sys("cannot open '%s'", "x"), -1);
	assert_string_equal(err_last(), "cannot open 'x': No such file or directory");
	assert_string_equal(err_os(EACCES), "Permission denied");
	/* errno 0 means a failure that left no code: say input/output error, never "Success" */
	assert_string_equal(err_os(0), "Input/output error");
}

static void test_clear_gives_unknown(void **state)
{
	(void)state;
	assert_string_equal(err_last(), "unknown error");
	err_set("something");
	err_clear();
	assert_string_equal(err_last(), "unknown error");
	/* an empty message is no message */
	err_set("%s", "");
	assert_string_equal(err_last(), "unknown error");
}

static void test_long_message_is_cut(void **state)
{
	char big[5000];
	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(err_set("%s", big), -1);
	assert_int_equal(strlen(err_last()), 2047);
	assert_int_equal(err_last()[0], 'x');
}

static void test_wrap_own_message(void **state)
{
	(void)state;
	/* adding context to the last error must not read what it is overwriting */
	err_set("no such file");
	err_set("cannot read rules '%s': %s", "a.yml", err_last());
	assert_string_equal(err_last(), "cannot read rules 'a.yml': no such file");
	err_set("%s%s", err_last(), err_last());
	assert_string_equal(err_last(),
			    "cannot read rules 'a.yml': no such filecannot read rules 'a.yml': no such file");
}

static void *other_thread(void *arg)
{
	(void)arg;
	/* a fresh thread starts with no error, and sets its own */
	if (strcmp(err_last(), "unknown error"))
		return NULL;
	err_set("from the worker");
	return (void *)(strcmp(err_last(), "from the worker") == 0 ? "ok" : NULL);
}

static void test_per_thread(void **state)
{
	pthread_t t;
	void *res = NULL;
	(void)state;
	err_set("from main");
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	assert_int_equal(pthread_join(t, &res), 0);
	assert_non_null(res);
	assert_string_equal(err_last(), "from main");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_set_returns_minus_one_and_formats),
		T(test_sys_appends_what_errno_says),
		T(test_clear_gives_unknown),
		T(test_long_message_is_cut),
		T(test_wrap_own_message),
		T(test_per_thread),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
