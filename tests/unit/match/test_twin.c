/* test_twin.c - ASCII twins find what their regexes find, through match.c's machinery. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "match/twin.h"

/* Counts matches of r in s, through the twin when twin is set. */
static size_t count(struct match_ctx *c, const struct match_regex *r, const struct twin *t, const char *s,
		    size_t *last_capture)
{
	size_t start = 0, ms, me, cs, ce, n = 0, len = strlen(s);
	int rc;
	while ((rc = t ? twin_next(c, t, s, len, &start, &ms, &me, &cs, &ce)
		       : match_regex_next(c, r, s, len, &start, &ms, &me, &cs, &ce)) == MATCH_OK) {
		n++;
		*last_capture = cs;
	}
	assert_int_equal(rc, MATCH_NONE);
	return n;
}

static void same(const char *pattern, const char *subject, size_t expected)
{
	struct match_ctx *c = match_ctx_new();
	struct match_regex *r = NULL;
	struct twin *t;
	size_t off = 0, cap_r = 0, cap_t = 0;

	assert_int_equal(match_regex_compile(&r, pattern, 0, &off), 0);
	t = twin_compile(r);
	assert_non_null(t);
	/* compiled at its first use, not before */
	assert_false(twin_compiled(t));
	assert_int_equal(count(c, r, NULL, subject, &cap_r), expected);
	assert_int_equal(count(c, r, t, subject, &cap_t), expected);
	assert_true(twin_compiled(t));
	assert_true(twin_ready(t));
	assert_int_equal(cap_r, cap_t);
	twin_free(t);
	match_regex_free(r);
	match_ctx_free(c);
}

static void test_empty_lines_crlf_and_lf(void **state)
{
	(void)state;
	/* a CRLF file has as many empty lines as its LF twin: the twin steps over a whole \r\n too */
	same("^$", "a\n\nb\n\nc", 2);
	same("^$", "a\r\n\r\nb\r\n\r\nc", 2);
	same("^", "one\r\ntwo\r\nthree", 3);
}

static void test_capture_group_named_date(void **state)
{
	(void)state;
	same("(x)?drill: (?<date>\\d{4}-\\d{2}-\\d{2})", "drill: 2026-05-20\ndrill: 2026-06-01\n", 2);
}

static void test_no_twin_for_unicode_only_pattern(void **state)
{
	struct match_regex *r = NULL;
	struct match_ctx *c = match_ctx_new();
	struct twin *t;
	size_t off = 0, cap = 0;
	(void)state;
	assert_int_equal(match_regex_compile(&r, "a\\x{100}?b", 0, &off), 0);
	/* nothing in the pattern says so until the twin is compiled without UTF, which fails: r runs instead */
	t = twin_compile(r);
	assert_non_null(t);
	assert_false(twin_ready(t));
	assert_true(twin_compiled(t));
	assert_int_equal(count(c, r, t, "ab ab a-b", &cap), 2);
	twin_free(t);
	match_ctx_free(c);
	match_regex_free(r);
	assert_true(twin_is_ascii("plain text\r\n", 12));
	assert_false(twin_is_ascii("caf\xc3\xa9", 5));
}

/* fuzz_twin's findings: a pattern with a character beyond ASCII has no twin, so the UTF pattern runs */
static void test_no_twin_for_pattern_beyond_ascii(void **state)
{
	static const char *const pats[] = {"\xe2\x80\xa2?\\s*runbook", "\xd8\xb9*x",
					   "(?i)\xc5\xbf"
					   "ecret",
					   "(?i)\xe2\x84\xaa"
					   "ey"};
	struct match_ctx *c = match_ctx_new();
	size_t i, off = 0, ms, me, cs, ce, start;
	(void)state;
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		struct match_regex *r = NULL;
		assert_int_equal(match_regex_compile(&r, pats[i], 0, &off), 0);
		assert_null(twin_compile(r));
		match_regex_free(r);
	}
	/* and the UTF pattern finds on ASCII text what the byte twin missed */
	{
		struct match_regex *r = NULL;
		const char *s = "see the runbook";
		start = 0;
		assert_int_equal(match_regex_compile(&r, "\xe2\x80\xa2?\\s*runbook", 0, &off), 0);
		assert_int_equal(match_regex_next(c, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
		match_regex_free(r);
		assert_int_equal(match_regex_compile(&r,
						     "(?i)\xc5\xbf"
						     "ecret",
						     0, &off),
				 0);
		s = "the SECRET";
		start = 0;
		assert_int_equal(match_regex_next(c, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
		match_regex_free(r);
	}
	match_ctx_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_lines_crlf_and_lf),
		cmocka_unit_test(test_capture_group_named_date),
		cmocka_unit_test(test_no_twin_for_unicode_only_pattern),
		cmocka_unit_test(test_no_twin_for_pattern_beyond_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
