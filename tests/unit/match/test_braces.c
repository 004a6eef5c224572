/* test_braces.c - {a,b} expansion on its own: alternatives in order, classes and escapes whole, errors in place. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "match/braces.h"
#include "util/err.h"

/* glob's alternatives joined by spaces (static buffer); fails the test when it does not expand. */
static const char *expand(const char *glob)
{
	static char out[8192];
	char **alts = NULL;
	size_t n = 0, i, off = 0, len = 0;

	if (glob_braces_expand(&alts, &n, glob, &off) != 0)
		fail_msg("'%s' did not expand: %s at offset %zu", glob, err_last(), off);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t l = strlen(alts[i]);
		assert_true(len + l + 2 < sizeof(out));
		if (i)
			out[len++] = ' ';
		memcpy(out + len, alts[i], l + 1);
		len += l;
		free(alts[i]);
	}
	free(alts);
	return out;
}

/* Expanding glob must fail at offset want_off with a message holding needle, leaving the outputs alone. */
static void bad(const char *glob, size_t want_off, const char *needle)
{
	char **alts = (char **)1;
	size_t n = 77, off = 12345;

	err_clear();
	assert_int_equal(glob_braces_expand(&alts, &n, glob, &off), -1);
	assert_ptr_equal(alts, (char **)1);
	assert_int_equal(n, 77);
	if (off != want_off)
		fail_msg("'%s': offset %zu, want %zu (%s)", glob, off, want_off, err_last());
	if (!strstr(err_last(), needle))
		fail_msg("'%s': message '%s' lacks '%s'", glob, err_last(), needle);
}

static void test_alternatives_in_order(void **state)
{
	(void)state;
	assert_string_equal(expand("docs/*.md"), "docs/*.md");
	assert_string_equal(expand("a{b,c}d"), "abd acd");
	assert_string_equal(expand("a{,.bak}"), "a a.bak");
	assert_string_equal(expand("{a,b}{c,d}"), "ac ad bc bd");
	assert_string_equal(expand("/{a,{b,c}x}.txt"), "/a.txt /bx.txt /cx.txt");
	assert_string_equal(expand("{a}"), "a");
	assert_string_equal(expand("x{}y"), "xy");
}

static void test_classes_and_escapes_are_whole(void **state)
{
	(void)state;
	/* inside a class, braces and commas are members */
	assert_string_equal(expand("{[}],a}"), "[}] a");
	assert_string_equal(expand("{[,]x,y}"), "[,]x y");
	assert_string_equal(expand("[{]"), "[{]");
	assert_string_equal(expand("{[!}],b}"), "[!}] b");
	/* escaped, they are literal */
	assert_string_equal(expand("\\{a,b\\}"), "\\{a,b\\}");
	assert_string_equal(expand("{a\\,b,c}"), "a\\,b c");
	/* an open '[' is no class: what follows it is read as usual */
	assert_string_equal(expand("[{a,b}"), "[a [b");
}

static void test_errors_where_they_are(void **state)
{
	(void)state;
	bad("{a,b", 0, "unmatched '{'");
	bad("x/{a,{b}", 2, "unmatched '{'");
	bad("a}", 1, "unmatched '}'");
	bad("x/{aaaa,b}}", 10, "unmatched '}'");
	/* 2^8 alternatives are fine, 2^9 too many */
	assert_int_equal(strlen(expand("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}")), 256 * 9 - 1);
	bad("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}", 8, "too many {a,b} alternatives (more than 256)");
}

static void test_class_end(void **state)
{
	static const char *const closed[] = {"[abc]x", "[!]]", "[^a-z]", "[]]", "[{,}]"};
	static const size_t at[] = {4, 3, 5, 2, 4};
	static const char *const open[] = {"[", "[abc", "[]", "[!]", "[!"};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(closed) / sizeof(*closed); i++)
		assert_int_equal(glob_class_end(closed[i]) - closed[i], at[i]);
	for (i = 0; i < sizeof(open) / sizeof(*open); i++)
		assert_ptr_equal(glob_class_end(open[i]), open[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alternatives_in_order),
		cmocka_unit_test(test_classes_and_escapes_are_whole),
		cmocka_unit_test(test_errors_where_they_are),
		cmocka_unit_test(test_class_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
