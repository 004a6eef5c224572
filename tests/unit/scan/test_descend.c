/*
 * test_descend.c - the walk's folder questions answered without PCRE2 (a
 * glob that may match below every folder; a folder glob matched segment by
 * segment) say what PCRE2 says, for every glob of the built-in pack and
 * some harder ones, over folders of every shape.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/glob.h"
#include "model/rules.h"

static const char *const FOLDERS[] = {
	"a/",
	"docs/",
	"docs/old/",
	"src/lib/deep/er/",
	".github/",
	".github/workflows/",
	"node_modules/",
	"x/node_modules/",
	"x/node_modules/y/",
	"Node_Modules/",
	"vendor/",
	"a/vendor/",
	"a/b/vendor/",
	"vendorx/",
	"test/",
	"tests/unit/",
	"src/__tests__/",
	"backup-tools/",
	"ops/deploy/",
	"deploy/",
	"config/",
	"app/routes/",
	"lang/en/",
	"caf\xc3\xa9/",
	"\xd9\x86\xd8\xb4\xd8\xb1/",
	"bad\xff/",
	"x/bad\xfe\xff/y/",
	"-/",
	".env/",
	"a/.b/",
	"dist/",
	"a/dist/b/",
	"third_party/x/",
	"[x]/",
	"{a,b}/",
	"*/",
};

/* Harder globs than the pack's: anchored, one star at the top, escapes, classes, case. */
static const char *const GLOBS[] = {
	"**",
	"*",
	"x",
	"/x",
	"/**/x",
	"/docs/**",
	"docs/**",
	"docs/*/x.md",
	"*/vendor/**",
	"a/*/vendor/**",
	"**/vendor/**",
	"**/*vendor*/**",
	"**/[!a]*/**",
	"**/\\*",
	"\\**/x",
	"**/{test,tests}/**/*.py",
	"{docs,doc}/**",
	"{/docs,x}/**",
	"/{a,b}/**",
	"**/caf\xc3\xa9/**",
	"**/.env",
	"a/**/b",
	"?/**",
	"[a-c]/**",
};

struct dfx {
	struct rules *rs;
	size_t checked, fast;
};

static int setup(void **state)
{
	struct dfx *x = calloc(1, sizeof(*x));
	x->rs = rules_new();
	assert_int_equal(rules_add_builtin(x->rs), 0);
	assert_int_equal(rules_finish(x->rs), 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct dfx *x = *state;
	rules_free(x->rs);
	free(x);
	return 0;
}

/* Every folder against g both ways: may_descend and covers_dir, fast and through PCRE2. */
static void both_ways(struct dfx *x, const struct match_glob *g)
{
	size_t i;
	for (i = 0; i < sizeof(FOLDERS) / sizeof(*FOLDERS); i++) {
		const char *d = FOLDERS[i];
		size_t len = strlen(d);
		int fast = match_glob_may_descend(g, d, len), slow = match_glob_may_descend_pcre2(g, d, len);
		if (fast != slow)
			fail_msg("may_descend('%s', '%s'): %d, PCRE2 says %d", g->src, d, fast, slow);
		fast = match_glob_covers_dir(g, d, len - 1);
		slow = match_glob_covers_dir_pcre2(g, d, len - 1);
		if (fast != slow)
			fail_msg("covers_dir('%s', '%s'): %d, PCRE2 says %d", g->src, d, fast, slow);
		x->checked++;
	}
	x->fast += g->anywhere || g->dir_fast;
}

static void test_builtin_globs(void **state)
{
	struct dfx *x = *state;
	size_t i, k;

	for (i = 0; i < x->rs->nleaves; i++) {
		const struct leaf *l = x->rs->leaves[i];
		for (k = 0; k < l->npaths; k++)
			both_ways(x, l->paths[k]);
		for (k = 0; k < l->nexclude; k++)
			both_ways(x, l->exclude[k]);
	}
	assert_true(x->checked > 1000);
	/* most of the pack's globs are answered without PCRE2 */
	assert_true(x->fast * 2 > x->checked / (sizeof(FOLDERS) / sizeof(*FOLDERS)));
}

static void test_harder_globs(void **state)
{
	struct dfx *x = *state;
	size_t i;
	int ic;

	for (ic = 0; ic < 2; ic++)
		for (i = 0; i < sizeof(GLOBS) / sizeof(*GLOBS); i++) {
			struct match_glob *g = NULL;
			size_t off;
			if (match_glob_compile(&g, GLOBS[i], ic, &off) < 0)
				fail_msg("glob '%s' does not compile", GLOBS[i]);
			both_ways(x, g);
			match_glob_free(g);
		}
	assert_true(x->fast > 0);
}

/* The shortcuts are taken where they hold, and only there. */
static void test_which_globs_are_fast(void **state)
{
	static const struct {
		const char *glob;
		int anywhere, dir_fast;
	} cases[] = {
		{"*.md", 1, 0},	    {"**/x/**", 1, 1},	   {"/**/x", 1, 0},   {"docs/**", 0, 1},
		{"/docs/**", 0, 1}, {"*/vendor/**", 0, 1}, {"/a/b.md", 0, 0}, {"{a,b/c}", 1, 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct match_glob *g = NULL;
		size_t off;
		assert_int_equal(match_glob_compile(&g, cases[i].glob, 0, &off), 0);
		if (g->anywhere != cases[i].anywhere || (g->dir_fast != NULL) != cases[i].dir_fast)
			fail_msg("'%s': anywhere %d, dir_fast %d", cases[i].glob, g->anywhere, g->dir_fast != NULL);
		match_glob_free(g);
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_builtin_globs),
		T(test_harder_globs),
		T(test_which_globs_are_fast),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
