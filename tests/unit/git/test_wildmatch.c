/* test_wildmatch.c - git's wildmatch answers (cases from git's t3070-wildmatch), bytes and NULs. */
#include "helpers.h"

#include <string.h>

#include "git/wildmatch.h"

struct wcase {
	const char *pat, *text;
	int flags, match;
};

#define P WILD_PATHNAME

static const struct wcase cases[] = {
	{"foo", "foo", 0, 1},
	{"bar", "foo", 0, 0},
	{"", "", 0, 1},
	{"???", "foo", 0, 1},
	{"??", "foo", 0, 0},
	{"*", "foo", 0, 1},
	{"f*", "foo", 0, 1},
	{"*f", "foo", 0, 0},
	{"*foo*", "foo", 0, 1},
	{"*ob*a*r*", "foobar", 0, 1},
	{"*ab", "aaaaaaabababab", 0, 1},
	{"foo\\*", "foo*", 0, 1},
	{"foo\\*bar", "foobar", 0, 0},
	{"f\\\\oo", "f\\oo", 0, 1},
	{"*[al]?", "ball", 0, 1},
	{"[ten]", "ten", 0, 0},
	{"**[!te]", "ten", 0, 1},
	{"**[!ten]", "ten", 0, 0},
	{"t[a-g]n", "ten", 0, 1},
	{"t[!a-g]n", "ten", 0, 0},
	{"t[!a-g]n", "ton", 0, 1},
	{"t[^a-g]n", "ton", 0, 1},
	{"a[]]b", "a]b", 0, 1},
	{"a[]-]b", "a-b", 0, 1},
	{"a[]-]b", "a]b", 0, 1},
	{"a[]-]b", "aab", 0, 0},
	{"a[]a-]b", "aab", 0, 1},
	{"]", "]", 0, 1},
	{"[!]-]", "]", 0, 0},
	{"[!]-]", "a", 0, 1},
	{"[\\-_]", "-", 0, 1},
	{"\\", "\\", 0, 0},
	{"[", "[", 0, 0},
	{"[abc", "a", 0, 0},
	{"*X*i", "abcXdefXghi", 0, 1},
	{"-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1", 0, 1},
	{"[[:alpha:]][[:digit:]][[:upper:]]", "a1B", 0, 1},
	{"[[:digit:][:upper:][:space:]]", "a", 0, 0},
	{"[[:digit:][:upper:][:space:]]", "A", 0, 1},
	{"[[:digit:][:upper:][:space:]]", "1", 0, 1},
	{"[[:digit:][:upper:][:spaci:]]", "1", 0, 0},
	{"[[:space:]]", " ", 0, 1},
	{"[[:space:]]", "\v", 0, 0},
	{"[[:xdigit:]]", "5", 0, 1},
	{"[a-c[:digit:]x-z]", "5", 0, 1},
	{"[a-c[:digit:]x-z]", "q", 0, 0},
	{"[[:alpha:]]", "\xc3", 0, 0},
	{"?", "\xc3", 0, 1},
	/* with WILD_PATHNAME */
	{"foo*bar", "foo/baz/bar", P, 0},
	{"foo*bar", "foo/baz/bar", 0, 1},
	{"foo**bar", "foo/baz/bar", P, 0},
	{"foo/**/bar", "foo/baz/bar", P, 1},
	{"foo/**/**/bar", "foo/baz/bar", P, 1},
	{"foo/**/bar", "foo/b/a/z/bar", P, 1},
	{"foo/**/bar", "foo/bar", P, 1},
	{"foo/*/bar", "foo/bar", P, 0},
	{"*/foo", "bar/foo", P, 1},
	{"**/foo", "foo", P, 1},
	{"**/foo", "bar/baz/foo", P, 1},
	{"*/foo", "bar/baz/foo", P, 0},
	{"**/bar*", "deep/foo/bar/baz", P, 0},
	{"**/bar/*", "deep/foo/bar/baz", P, 1},
	{"**/bar/*", "deep/foo/bar/baz/x", P, 0},
	{"**/bar/**", "deep/foo/bar/baz/x", P, 1},
	{"foo?bar", "foo/bar", P, 0},
	{"foo[/]bar", "foo/bar", P, 0},
	{"*/*/*", "foo/bba/arr", P, 1},
	{"*/*/*", "foo/bb/aa/rr", P, 0},
	{"**/**/**", "foo/bb/aa/rr", P, 1},
	{"a/**", "a/b/c", P, 1},
	{"a/**", "a", P, 0},
	{"**", "a/b", P, 1},
	{"*", "a/b", P, 0},
};

static void test_cases(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct wcase *c = &cases[i];
		int got = wild_match(c->pat, strlen(c->pat), c->text, strlen(c->text), c->flags);
		if (got != c->match)
			fail_msg("case %zu: '%s' against '%s' (flags %d): %d, expected %d", i, c->pat, c->text,
				 c->flags, got, c->match);
	}
}

/* lengths, not C strings: a NUL ends the text or the pattern as it does in git */
static void test_lengths_and_nul(void **state)
{
	char longp[600], longt[600];
	(void)state;
	assert_true(wild_match("a*", 2, "abc", 3, 0));
	assert_false(wild_match("abcd", 3, "abcd", 4, 0)); /* "abc" against "abcd" */
	assert_true(wild_match("a*", 2, "ab\0cd", 5, 0));
	assert_false(wild_match("a*d", 3, "ab\0cd", 5, 0));
	memset(longp, '*', sizeof(longp));
	memset(longt, 'a', sizeof(longt));
	assert_true(wild_match(longp, sizeof(longp), longt, sizeof(longt), P));
	longp[sizeof(longp) - 1] = 'b';
	assert_false(wild_match(longp, sizeof(longp), longt, sizeof(longt), P));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_lengths_and_nul),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
