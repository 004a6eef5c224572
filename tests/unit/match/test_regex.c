/* test_regex.c - content regexes (PCRE2: UTF, Unicode properties, CRLF, limits, JIT). */
#include "helpers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "match/regex.h"
#include "util/err.h"

/* What a test compiled; teardown frees it all. */
struct fx {
	struct match_ctx *ctx;
	struct match_regex *res[64];
	size_t nres;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->ctx = match_ctx_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	size_t i;
	for (i = 0; i < f->nres; i++)
		match_regex_free(f->res[i]);
	match_ctx_free(f->ctx);
	free(f);
	return 0;
}

static struct match_regex *re(struct fx *f, const char *src, unsigned flags)
{
	struct match_regex *r = NULL;
	size_t off = 99;
	if (match_regex_compile(&r, src, flags, &off) != 0)
		fail_msg("regex '%s' did not compile: %s at offset %zu", src, err_last(), off);
	assert_true(f->nres < 64);
	f->res[f->nres++] = r;
	return r;
}

/* Number of matches of r in s (MATCH_OK results), or the first other result when negative. */
static int count(struct fx *f, const struct match_regex *r, const char *s, size_t len)
{
	size_t start = 0, ms, me, cs, ce, last = 0;
	int n = 0, rc;
	while ((rc = match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce)) == MATCH_OK) {
		assert_true(ms <= me);
		assert_true(me <= len);
		assert_true(start > ms); /* always progresses */
		assert_true(n == 0 || ms >= last);
		last = me;
		if (++n > 10000)
			fail_msg("match_regex_next loops on '%s'", r->src);
	}
	if (rc != MATCH_NONE)
		return rc;
	return n;
}

#define COUNT(f, r, lit) count((f), (r), (lit), sizeof(lit) - 1)

static void test_regex_utf8_and_properties(void **state)
{
	struct fx *f = *state;
	/* "استعادة" (restore) and "خطة" (plan) */
	static const char ar[] = "\xd8\xae\xd8\xb7\xd8\xa9 \xd8\xa7\xd8\xb3\xd8\xaa\xd8\xb9\xd8\xa7\xd8\xaf\xd8\xa9";
	struct match_regex *r = re(f, "\\p{Arabic}+", 0);
	size_t start = 0, ms, me, cs, ce;

	assert_int_equal(match_regex_next(f->ctx, r, ar, strlen(ar), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(ms, 0);
	assert_int_equal(me, 6); /* three letters, whole characters */
	assert_int_equal(COUNT(f, r, "restore plan"), 0);
	assert_int_equal(count(f, r, ar, strlen(ar)), 2);

	/* \w and \b know Arabic letters (UCP) */
	r = re(f, "^\\w+\\s\\w+$", 0);
	assert_int_equal(count(f, r, ar, strlen(ar)), 1);
	r = re(f, "\\b\\w{7}\\b", 0);
	assert_int_equal(count(f, r, ar, strlen(ar)), 1);
	/* . is one character, not one byte */
	r = re(f, "^.{3} ", 0);
	assert_int_equal(count(f, r, ar, strlen(ar)), 1);
}

static void test_regex_caseless(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "runbook", MATCH_CASELESS);
	assert_int_equal(COUNT(f, r, "RunBook RUNBOOK runbook"), 3);
	r = re(f, "runbook", 0);
	assert_int_equal(COUNT(f, r, "RunBook RUNBOOK runbook"), 1);
	/* inline (?i) works too */
	r = re(f, "(?i)todo", 0);
	assert_int_equal(COUNT(f, r, "ToDo"), 1);
	/* caseless beyond ASCII; Arabic has no case and still matches */
	r = re(f, "\xc3\xa9t\xc3\xa9 \xd8\xae\xd8\xb7\xd8\xa9", MATCH_CASELESS);
	assert_int_equal(COUNT(f, r, "\xc3\x89T\xc3\x89 \xd8\xae\xd8\xb7\xd8\xa9"), 1);
	r = re(f, "\xce\xb1", MATCH_CASELESS); /* Greek alpha */
	assert_int_equal(COUNT(f, r, "\xce\x91"), 1);
}

static void test_regex_multiline_lf_and_crlf(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "^step: (\\w+)$", 0);
	size_t start = 0, ms, me, cs, ce;
	static const char crlf[] = "intro\r\nstep: one\r\nstep: two\r\n";

	assert_int_equal(COUNT(f, r, "intro\nstep: one\nstep: two\n"), 2);
	assert_int_equal(COUNT(f, r, "intro\r\nstep: one\r\nstep: two\r\n"), 2);
	/* the capture does not swallow the \r */
	assert_int_equal(match_regex_next(f->ctx, r, crlf, strlen(crlf), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(ms, 7);
	assert_int_equal(me, 16);
	assert_int_equal(cs, 13);
	assert_int_equal(ce, 16);
	/* lines without a final newline */
	assert_int_equal(COUNT(f, r, "step: one"), 1);
	/* \N and . stop at \r too */
	r = re(f, "^a.*$", 0);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, "ab\r\nac", 6, &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(me, 2);
}

static void test_regex_empty_lines_crlf_like_lf(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "^$", 0);
	/* the same text with LF and with CRLF: as many empty lines */
	assert_int_equal(COUNT(f, r, "a\n\nb\n\nc"), 2);
	assert_int_equal(COUNT(f, r, "a\r\n\r\nb\r\n\r\nc"), 2);
	r = re(f, "^", 0);
	assert_int_equal(COUNT(f, r, "a\nb\nc"), 3);
	assert_int_equal(COUNT(f, r, "a\r\nb\r\nc"), 3);
}

static void test_regex_invalid(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = (struct match_regex *)1;
	size_t off = 999;
	(void)f;

	err_clear();
	assert_int_equal(match_regex_compile(&r, "(pager", 0, &off), -1);
	assert_ptr_equal(r, (struct match_regex *)1); /* *out only on success */
	assert_int_equal(off, 6);
	assert_non_null(strstr(err_last(), "missing closing parenthesis"));

	off = 999;
	assert_int_equal(match_regex_compile(&r, "ab[c", 0, &off), -1);
	assert_int_equal(off, 4);
	assert_non_null(strstr(err_last(), "missing terminating ]"));

	off = 999;
	assert_int_equal(match_regex_compile(&r, "a{2,1}", 0, &off), -1);
	assert_int_equal(off, 5);

	off = 999;
	assert_int_equal(match_regex_compile(&r, "x\\p{NoSuchScript}", 0, &off), -1);
	assert_true(off > 1 && off <= 17);

	/* a pattern that is not valid UTF-8 itself is refused, with its offset */
	off = 999;
	assert_int_equal(match_regex_compile(&r, "ab\xff", 0, &off), -1);
	assert_int_equal(off, 2);
}

static void test_regex_captures(void **state)
{
	struct fx *f = *state;
	static const char s[] = "Last drill: 2026-03-14\nnext: 2026-06-01\n";
	size_t start = 0, ms, me, cs, ce;
	struct match_regex *r = re(f, "drill: (\\d{4}-\\d{2}-\\d{2})", 0);

	assert_int_equal(r->ncaptures, 1);
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(ms, 5);
	assert_int_equal(me, 22);
	assert_int_equal(cs, 12);
	assert_int_equal(ce, 22);
	assert_memory_equal(s + cs, "2026-03-14", 10);

	/* the group named date wins over group 1 */
	r = re(f, "(next|Last)\\W.*?(?<date>\\d{4}-\\d{2}-\\d{2})", 0);
	assert_int_equal(r->ncaptures, 2);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_memory_equal(s + cs, "2026-03-14", 10);
	assert_int_equal(ce - cs, 10);
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_memory_equal(s + cs, "2026-06-01", 10);
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_NONE);

	/* no group: the capture is the whole match */
	r = re(f, "\\d{4}", 0);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(cs, ms);
	assert_int_equal(ce, me);

	/* group 1 unset in this match: fall back to the whole match */
	r = re(f, "(x)?\\d{4}", 0);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, s, strlen(s), &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(cs, ms);
	assert_int_equal(ce, me);
}

static void test_regex_empty_matches_progress(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "x*", 0);
	/* one empty match per character boundary, never inside a character */
	assert_int_equal(COUNT(f, r, "abc"), 4);
	assert_int_equal(COUNT(f, r, ""), 1);
	assert_int_equal(COUNT(f, r, "\xd8\xb9\xd8\xb9"), 3);
	assert_int_equal(COUNT(f, r, "\xf0\x9f\x9a\x80"), 2);
	assert_int_equal(COUNT(f, r, "axxb"), 4); /* "" before a, "xx", "" before b, "" at the end */
	r = re(f, "\\b", 0);
	assert_int_equal(COUNT(f, r, "ab cd"), 4);
	r = re(f, "(?=a)", 0);
	assert_int_equal(COUNT(f, r, "aaa"), 3);
}

static void test_regex_start_past_end(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "a", 0);
	size_t start = 4, ms, me, cs, ce;
	assert_int_equal(match_regex_next(f->ctx, r, "abc", 3, &start, &ms, &me, &cs, &ce), MATCH_NONE);
}

static void test_regex_invalid_utf8_subject(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "caf.", 0);
	static const char latin1[] = "caf\xe9 caf\xc3\xa9 \xff\xfe\x80 cafe";
	/* invalid bytes never match, valid text around them still does */
	assert_int_equal(COUNT(f, r, latin1), 2);
	r = re(f, "\\w+", 0);
	assert_int_equal(COUNT(f, r,
			       "ab\xff\xfe"
			       "cd\xc0\xaf"
			       "ef"),
			 3);
	r = re(f, "x*", 0);
	assert_true(COUNT(f, r, "\xff\xff\xff") >= 1);
	r = re(f, "^.*$", 0);
	assert_true(COUNT(f, r, "\xed\xa0\x80\n\xf4\x90\x80\x80\nok") >= 1);
}

static void test_regex_catastrophic_pattern(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "(a+)+$", 0);
	char s[32];
	size_t start = 0, ms, me, cs, ce;
	int rc;

	memset(s, 'a', 30);
	s[30] = 'b';
	s[31] = '\0';
	rc = match_regex_next(f->ctx, r, s, 31, &start, &ms, &me, &cs, &ce);
	/*
	 * Either answer is acceptable to the caller, but what PCRE2 10.42 really does,
	 * JIT or not, is hit the match limit (PCRE2_ERROR_MATCHLIMIT) within milliseconds.
	 */
	assert_true(rc == MATCH_LIMIT_HIT || rc == MATCH_NONE);
	assert_int_equal(rc, MATCH_LIMIT_HIT);

	/* the same pattern still works on ordinary text */
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, "aaa", 3, &start, &ms, &me, &cs, &ce), MATCH_OK);
	assert_int_equal(ms, 0);
	assert_int_equal(me, 3);
}

static void test_regex_long_line_is_no_limit(void **state)
{
	struct fx *f = *state;
	/* an alternation in a repeat over one long line: fine for PCRE2 with a real JIT stack */
	struct match_regex *r = re(f, "^(?:\\w|\\s)*$", 0);
	size_t n = 20000, start = 0, ms, me, cs, ce;
	char *s = malloc(n + 1);
	int rc;

	assert_non_null(s);
	memset(s, 'a', n);
	s[n] = '\0';
	rc = match_regex_next(f->ctx, r, s, n, &start, &ms, &me, &cs, &ce);
	free(s);
	assert_int_equal(rc, MATCH_OK);
	assert_int_equal(me, n);
}

/* n lines of `aaaa...a!` (k a's each), NUL-terminated; the caller frees */
static char *lines_of_a(size_t n, size_t k, size_t *len)
{
	char *s = malloc(n * (k + 2) + 1), *p = s;
	size_t i;
	assert_non_null(s);
	for (i = 0; i < n; i++) {
		memset(p, 'a', k);
		p[k] = '!';
		p[k + 1] = '\n';
		p += k + 2;
	}
	*p = '\0';
	*len = n * (k + 2);
	return s;
}

static void test_regex_budget_across_starts(void **state)
{
	struct fx *f = *state;
	/*
	 * Each start of (a+)+$ on a line of 14 a's stays far under PCRE2's
	 * match limit; 20,000 lines of them are what the budget is for.
	 */
	struct match_regex *r = re(f, "(a+)+$", 0);
	size_t len, start = 0, ms, me, cs, ce;
	char *s = lines_of_a(20000, 14, &len);
	int rc = match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce);
	assert_int_equal(rc, MATCH_BUDGET_HIT);
	assert_true(match_budget_spent(f->ctx) > match_budget_for(len));
	/* the same again gives the same: the count is the pattern's and the text's */
	start = 0;
	match_budget_reset(f->ctx);
	assert_int_equal(match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce), MATCH_BUDGET_HIT);
	free(s);
}

static void test_regex_budget_per_subject(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "(a+)+$", 0), *ok = re(f, "(?i)\\b(?:roll ?back|revert)\\b", 0);
	size_t len, start = 0, ms, me, cs, ce;
	char *s = lines_of_a(50, 10, &len);
	unsigned long one;

	/* a small text is within the budget; the steps spent are counted, the same each time */
	assert_int_equal(match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce), MATCH_NONE);
	one = match_budget_spent(f->ctx);
	assert_true(one > 0);
	match_budget_reset(f->ctx);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce), MATCH_NONE);
	assert_int_equal(match_budget_spent(f->ctx), one);
	/* a smaller budget than that ends the search, for the calls that follow too */
	match_budget_set(f->ctx, one / 2);
	match_budget_reset(f->ctx);
	start = 0;
	assert_int_equal(match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce), MATCH_BUDGET_HIT);
	assert_int_equal(match_regex_next(f->ctx, r, s, len, &start, &ms, &me, &cs, &ce), MATCH_BUDGET_HIT);
	/* another pattern has a budget of its own */
	start = 0;
	assert_int_equal(COUNT(f, ok, "then roll back, or revert\n"), 2);
	match_budget_set(f->ctx, 0);
	free(s);
}

static void test_regex_budget_callouts_keep_matches(void **state)
{
	struct fx *f = *state;
	/* the callouts the budget adds change no match, whatever the syntax around them */
	assert_int_equal(COUNT(f, re(f, "a+b", 0), "aab ab b"), 2);
	assert_int_equal(COUNT(f, re(f, "(?x) a + b  # comment\n", 0), "aab ab b"), 2);
	assert_int_equal(COUNT(f, re(f, "\\Qa+\\E", 0), "a+ aa+"), 2);
	assert_int_equal(COUNT(f, re(f, "(?:ab){2}c", 0), "ababc abc"), 1);
	assert_int_equal(COUNT(f, re(f, "x\\R?y", 0), "xy x\r\ny"), 2);
	assert_int_equal(COUNT(f, re(f, "(?<=a)b|[)}*]+", 0), "ab cb )}*"), 2);
	assert_string_equal(re(f, "(a+)+$", 0)->src, "(a+)+$");
}

static void test_regex_fast_start(void **state)
{
	struct fx *f = *state;
	assert_true(match_regex_fast_start(re(f, "pg_dump", 0)));
	assert_true(match_regex_fast_start(re(f, "(?:AKIA|ASIA|ghp_)[0-9A-Z]{16}", 0)));
	/* a word class, or a caseless alternation of many words, can start anywhere */
	assert_false(match_regex_fast_start(re(f, "\\w+HealthIndicator", 0)));
	assert_false(match_regex_fast_start(re(f, "(?i)\\b(?:worker|queue|job|sidekiq|celery|bull|cron)\\b", 0)));
	assert_false(match_regex_fast_start(NULL));
}

/* A thread's share of test_regex_ready_at_first_search: its own state, one shared pattern. */
struct racer {
	const struct match_regex *r;
	int matches;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	static const char text[] = "aab ab b aaab";
	struct match_ctx *c = match_ctx_new();
	size_t start = 0, ms, me, cs, ce;
	while (match_regex_next(c, x->r, text, sizeof(text) - 1, &start, &ms, &me, &cs, &ce) == MATCH_OK)
		x->matches++;
	match_ctx_free(c);
	return NULL;
}

static void test_regex_ready_at_first_search(void **state)
{
	struct fx *f = *state;
	struct match_regex *r = re(f, "(?<w>a+)b", MATCH_CASELESS), *shared = re(f, "(a+)+b", 0);
	struct racer x[4];
	pthread_t th[4];
	int i;

	/* loaded: checked, and what the scan asks up front known, but not compiled for running */
	assert_false(match_regex_is_ready(r));
	assert_null(r->code);
	assert_null(r->run_src);
	assert_true(r->opts & PCRE2_CASELESS);
	assert_int_equal(r->ncaptures, 1);
	assert_int_equal(r->group, 1);
	/* the first search compiles it, with the budget's callouts */
	assert_int_equal(COUNT(f, r, "AAB ab b"), 2);
	assert_true(match_regex_is_ready(r));
	assert_non_null(r->code);
	assert_non_null(strstr(r->run_src, "(?C)"));
	/* threads racing to its first search all get the same matches, and one compile */
	for (i = 0; i < 4; i++) {
		x[i].r = shared;
		x[i].matches = 0;
		assert_int_equal(pthread_create(&th[i], NULL, race, &x[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(x[i].matches, 3);
	}
	assert_true(match_regex_is_ready(shared));
	assert_ptr_equal(match_regex_ready(shared), shared->code);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_regex_utf8_and_properties),
		T(test_regex_caseless),
		T(test_regex_multiline_lf_and_crlf),
		T(test_regex_empty_lines_crlf_like_lf),
		T(test_regex_invalid),
		T(test_regex_captures),
		T(test_regex_empty_matches_progress),
		T(test_regex_start_past_end),
		T(test_regex_invalid_utf8_subject),
		T(test_regex_catastrophic_pattern),
		T(test_regex_long_line_is_no_limit),
		T(test_regex_budget_across_starts),
		T(test_regex_budget_per_subject),
		T(test_regex_budget_callouts_keep_matches),
		T(test_regex_fast_start),
		T(test_regex_ready_at_first_search),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
