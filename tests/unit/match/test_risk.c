/* test_risk.c - the heuristic that flags patterns inviting catastrophic backtracking (match/risk.h). */
#include "helpers.h"

#include "match/risk.h"

static int risky(const char *p, size_t *off)
{
	size_t o = 99;
	int r = match_pattern_risky(p, &o);
	if (off)
		*off = o;
	return r;
}

static void test_nested_unbounded(void **state)
{
	size_t off;
	(void)state;
	assert_true(risky("(a+)+$", &off));
	assert_int_equal(off, 0);
	assert_true(risky("x(a*)*", &off));
	assert_int_equal(off, 1);
	assert_true(risky("^(?:\\w+\\s?)+$", NULL));
	assert_true(risky("(?i:(?:(?:a|b)+))*", NULL)); /* deeper than one level */
	assert_true(risky("(a+|b)+", NULL));		/* one alternative is a bare repeat */
	assert_true(risky("(x+x+)+y", NULL));
	assert_true(risky("(?<n>[a-z]+){2,}", NULL));
}

static void test_overlapping_alternatives(void **state)
{
	(void)state;
	assert_true(risky("(a|a)*", NULL));
	assert_true(risky("(?:ab|abc)+", NULL));
	assert_false(risky("(?:ab|cd)+", NULL));
}

static void test_safe_shapes(void **state)
{
	(void)state;
	/* bounded, possessive, atomic, or nothing repeated inside */
	assert_false(risky("(a+){2}", NULL));
	assert_false(risky("(?:[^\\n]*\\n){0,40}?x", NULL));
	assert_false(risky("(a++)+", NULL));
	assert_false(risky("(a+)++", NULL));
	assert_false(risky("(?>a+)+", NULL));
	assert_false(risky("(?i)\\b(?:roll ?back|revert)\\b", NULL));
	assert_false(risky("a|a|ab", NULL)); /* alternatives of the whole pattern: nothing repeats them */
	assert_true(risky("x|(a|a)+", NULL));
	/* something each round must match that the repeat inside cannot skip */
	assert_false(risky("(?:\\.\\d+)*", NULL));
	assert_false(risky("(?:a+b)+", NULL));
	assert_false(risky("(?i:(?:a|b)+c)*", NULL));
	/* what looks like a group inside a class, an escape or \Q..\E is text */
	assert_false(risky("[(a+)]+", NULL));
	assert_false(risky("\\(a+\\)+", NULL));
	assert_false(risky("\\Q(a+)+\\E", NULL));
	/* unbalanced or cut short: no crash, no claim */
	assert_false(risky("(a+", NULL));
	assert_false(risky("a)+", NULL));
	assert_false(risky("x{", NULL));
	assert_false(risky("", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested_unbounded),
		cmocka_unit_test(test_overlapping_alternatives),
		cmocka_unit_test(test_safe_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
