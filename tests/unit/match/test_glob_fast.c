/* test_glob_fast.c - globs matched segment by segment agree with PCRE2's conversion, path for path. */
#include "helpers.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/glob_fast.h"
#include "match/match.h"
#include "model/rules.h"

/* Globs that stress the segment matcher (and some it must leave to PCRE2). */
static const char *const tricky_globs[] = {
	"**",
	"*",
	"*.md",
	"/README.md",
	"README.md",
	"docs/*.md",
	"docs/**",
	"docs/**/*.md",
	"**/docs/**",
	"**/a/**/b/**",
	"a/**/b",
	"**/*a*b*c*",
	"*a*a*",
	"**/x*y",
	"**/*.{js,ts}",
	"**/{a,b}/**/c*",
	"[Cc][Hh][Aa][Nn][Gg][Ee][Ll][Oo][Gg]*",
	"[Rr]eadme{,.md}",
	"[a-c]*",
	"*.[ch]",
	"x[!a]y",
	"x?y",
	"**/L\xc4\xb1NK*", /* DOTLESS I: paired with I by Turkish casing (not PCRE2 10.42s default) */
	"**/\xe2\x84\xaa"
	"ey*", /* KELVIN SIGN: an ASCII k */
	"**/\xc5\xbf"
	"ecret*", /* LONG S: an ASCII s */
	"**/r[\xc3\xa9"
	"e]sum[\xc3\xa9"
	"e]*", /* a class with a non-ASCII member still matches ASCII */
	"[a\xc3\xa9]bc",
	"[!\xc3\xa9]",
	"a\\*b",
	"**/.github/workflows/*.{yml,yaml}",
	"*-lock.*",
	"*.min.{js,css}",
	"**/*{backup,نسخ}*",
	"**/تقرير*.md",
	"docs/**/دليل/*",
	"a**b",
	"**/**/x",
	"/**/x",
	"x/**/**",
	"*.{example,sample,}",
	"**/key*",
	"**/secret*",
	"**/*.md",
	"docs/**/readme*",
	"**/*ks*",
};

static const char *const tricky_paths[] = {
	"README.md",
	"readme.md",
	"README",
	"docs/README.md",
	"docs/a/b/c.md",
	"docs",
	"docs/x",
	"x/docs/y",
	"a/b",
	"a/x/b",
	"a/x/y/b",
	"a/b/c",
	"b/a/b",
	"abc",
	"aXbYc",
	"aaa",
	"a",
	"xy",
	"x/y",
	"xay",
	"xby",
	"x*y",
	"a*b",
	"a/*b",
	"CHANGELOG",
	"changelog.md",
	"ChangeLog-2024.txt",
	"src/CHANGELOG.md",
	"Readme",
	"readme",
	"Readme.md",
	"c.h",
	"dir/c.c",
	"dir/c.cc",
	".github/workflows/ci.yml",
	"sub/.github/workflows/ci.yaml",
	"package-lock.json",
	"web/yarn-lock.x",
	"app.min.js",
	"app.min.css",
	"db_backup.sh",
	"نسخ-احتياطي.md",
	"docs/تقرير-الحادث.md",
	"docs/x/دليل/a.md",
	"docs/دليل/a.md",
	"a/x/y/z/b",
	"x",
	"q/x",
	"q/r/x",
	"x/a",
	"x/a/b",
	"file.example",
	"file.",
	"file",
	".env",
	"a/.hidden.md",
	"trailing.md.bak",
	"UPPER/CASE/PATH.MD",
	"x\xffy.md",
	"docs/caf\xe9.md",
	"LINK.md",
	"link.md",
	"Key.txt",
	"secret.env",
	"docs/Resume.md",
	"docs/resume.md",
	"abc",
	"x",
	/* not ASCII: caseless ASCII globs match these by bytes, but for the letters that fold to ASCII */
	"docs/\xe2\x84\xaa"
	"ey.txt", /* KELVIN SIGN: "key*" ignoring case */
	"\xc5\xbf"
	"ecret.env",								   /* LONG S: "secret*" ignoring case */
	"docs/\xd9\x85\xd9\x84\xd8\xa7\xd8\xad\xd8\xb8\xd8\xa7\xd8\xaa/README.MD", /* Arabic folder */
	"docs/\xc3\xa9t\xc3\xa9/Key.TXT",
	"a\xc3\xa9"
	"ks/x.md",
	"L\xc4\xb1NK.md",
	"\xe2\x84\xaa\xc5\xbf.md",
};

struct paths {
	char **p;
	size_t n, cap;
};

static void add_path(struct paths *ps, const char *p)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 256;
		ps->p = realloc(ps->p, ps->cap * sizeof(*ps->p));
		assert_non_null(ps->p);
	}
	ps->p[ps->n++] = strdup(p);
}

static int collect(const char *root, const git_tree_entry *e, void *payload)
{
	char full[4096];
	snprintf(full, sizeof(full), "%s%s", root, git_tree_entry_name(e));
	add_path(payload, full);
	return 0;
}

/* every path of every fixture's HEAD, and the tricky ones */
static void all_paths(struct paths *ps)
{
	static const char *const fixtures[] = {"basic",	       "seed-v1",   "ops-ready", "layouts",
					       "layouts-more", "near-miss", "stubs",	 "arabic"};
	size_t i;
	memset(ps, 0, sizeof(*ps));
	for (i = 0; i < sizeof(tricky_paths) / sizeof(*tricky_paths); i++)
		add_path(ps, tricky_paths[i]);
	for (i = 0; i < sizeof(fixtures) / sizeof(*fixtures); i++) {
		git_repository *repo = NULL;
		git_object *tree = NULL;
		assert_int_equal(git_repository_open(&repo, fixture_path(fixtures[i])), 0);
		assert_int_equal(git_revparse_single(&tree, repo, "HEAD^{tree}"), 0);
		assert_int_equal(git_tree_walk((git_tree *)tree, GIT_TREEWALK_PRE, collect, ps), 0);
		git_object_free(tree);
		git_repository_free(repo);
	}
}

static void free_paths(struct paths *ps)
{
	size_t i;
	for (i = 0; i < ps->n; i++)
		free(ps->p[i]);
	free(ps->p);
}

/* Checks one glob on every path, both ways; counts the alternatives matched without PCRE2. */
static void agree(const struct match_glob *g, const struct paths *ps, size_t *fast, size_t *hits)
{
	size_t i;
	for (i = 0; i < g->nalts; i++)
		*fast += g->fast[i] != NULL;
	for (i = 0; i < ps->n; i++) {
		int a = match_glob_path(g, ps->p[i], strlen(ps->p[i]));
		int b = match_glob_path_pcre2(g, ps->p[i], strlen(ps->p[i]));
		if (a != b)
			fail_msg("glob '%s' on '%s': segment matcher %d, PCRE2 %d", g->src, ps->p[i], a, b);
		*hits += (size_t)a;
	}
}

static void test_tricky_globs_agree(void **state)
{
	struct paths ps;
	size_t i, fast = 0, hits = 0;
	(void)state;
	all_paths(&ps);
	for (i = 0; i < sizeof(tricky_globs) / sizeof(*tricky_globs); i++) {
		for (int ic = 0; ic < 2; ic++) {
			struct match_glob *g = NULL;
			size_t off;
			assert_int_equal(match_glob_compile(&g, tricky_globs[i], ic, &off), 0);
			agree(g, &ps, &fast, &hits);
			match_glob_free(g);
		}
	}
	assert_true(fast > 20); /* most of them take the fast way */
	assert_true(hits > 100);
	free_paths(&ps);
}

static void test_builtin_globs_agree(void **state)
{
	struct rules *rs = rules_new();
	struct paths ps;
	size_t i, k, fast = 0, hits = 0, alts = 0;
	(void)state;
	assert_int_equal(rules_add_builtin(rs), 0);
	assert_int_equal(rules_finish(rs), 0);
	all_paths(&ps);
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		for (k = 0; k < l->npaths; k++) {
			agree(l->paths[k], &ps, &fast, &hits);
			alts += l->paths[k]->nalts;
		}
		/* a pack's excludes are shared by its leaves: once per pack is enough */
		for (k = 0; k < l->nexclude && (i == 0 || k >= rs->leaves[i - 1]->nexclude ||
						l->exclude[k] != rs->leaves[i - 1]->exclude[k]);
		     k++) {
			agree(l->exclude[k], &ps, &fast, &hits);
			alts += l->exclude[k]->nalts;
		}
	}
	/* the built-in pack's globs are nearly all within the segment matcher's reach */
	assert_true(fast * 10 >= alts * 9);
	assert_true(hits > 500);
	free_paths(&ps);
	rules_free(rs);
}

/* a small generator with a fixed seed: the same cases on every run */
static unsigned long rnd(unsigned long *x)
{
	*x = *x * 6364136223846793005ul + 1442695040888963407ul;
	return (*x >> 33);
}

/* Random globs and paths over a tiny alphabet, where the corner cases of '**' and '*' live. */
static void test_random_globs_agree(void **state)
{
	static const char *const gparts[] = {"a", "b", "ab", "*", "**", "/", "/", "[ab]", ".", "{a,b}", "{,x}"};
	static const char *const pparts[] = {"a", "b", "/", ".", "x", "ab"};
	struct paths ps;
	unsigned long x = 20260601;
	size_t i, k, fast = 0, hits = 0, globs = 0;
	(void)state;

	memset(&ps, 0, sizeof(ps));
	for (i = 0; i < 400; i++) {
		char p[64] = "";
		size_t n = 1 + rnd(&x) % 7;
		for (k = 0; k < n; k++)
			strcat(p, pparts[rnd(&x) % (sizeof(pparts) / sizeof(*pparts))]);
		/* paths from git: no empty segment, no leading or trailing slash */
		if (p[0] == '/' || p[strlen(p) - 1] == '/' || strstr(p, "//"))
			continue;
		add_path(&ps, p);
	}
	for (i = 0; i < 3000; i++) {
		char g[96] = "";
		struct match_glob *mg = NULL;
		size_t off, n = 1 + rnd(&x) % 6;
		for (k = 0; k < n; k++)
			strcat(g, gparts[rnd(&x) % (sizeof(gparts) / sizeof(*gparts))]);
		if (match_glob_compile(&mg, g, (int)(rnd(&x) % 2), &off) < 0)
			continue; /* a glob the loader refuses (a trailing '/', say) */
		agree(mg, &ps, &fast, &hits);
		match_glob_free(mg);
		globs++;
	}
	assert_true(globs > 1000);
	assert_true(fast > 1000);
	assert_true(hits > 1000);
	free_paths(&ps);
}

/* UTF-8 of code point c into b; its length */
static size_t utf8_of(unsigned c, unsigned char *b)
{
	if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 63));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | ((c >> 6) & 63));
		b[2] = (unsigned char)(0x80 | (c & 63));
		return 3;
	}
	b[0] = (unsigned char)(0xf0 | c >> 18);
	b[1] = (unsigned char)(0x80 | ((c >> 12) & 63));
	b[2] = (unsigned char)(0x80 | ((c >> 6) & 63));
	b[3] = (unsigned char)(0x80 | (c & 63));
	return 4;
}

/*
 * The segment matcher takes a caseless ASCII glob on a path that is not
 * ASCII unless the path holds a character PCRE2 pairs with an ASCII letter:
 * asks this PCRE2, for every code point beyond ASCII, whether an ASCII class
 * ignoring case matches it, and checks match_fold_ascii_unsafe knows each.
 */
static void test_fold_ascii_pairs(void **state)
{
	pcre2_code *co;
	pcre2_match_data *md;
	int ec, found = 0;
	PCRE2_SIZE eo;
	unsigned c;
	(void)state;
	co = pcre2_compile((PCRE2_SPTR) "[\\x00-\\x7f]", PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS, &ec, &eo, NULL);
	assert_non_null(co);
	md = pcre2_match_data_create_from_pattern(co, NULL);
	for (c = 0x80; c < 0x110000; c++) {
		unsigned char b[4];
		size_t n;
		if (c >= 0xd800 && c < 0xe000)
			continue;
		n = utf8_of(c, b);
		if (pcre2_match(co, b, n, 0, PCRE2_ANCHORED, md, NULL) < 0)
			continue;
		found++;
		if (!match_fold_ascii_unsafe((const char *)b, n))
			fail_msg("PCRE2 pairs U+%04X with an ASCII letter, and the segment matcher does not know it",
				 c);
	}
	assert_true(found >= 2); /* KELVIN SIGN and LONG S in PCRE2 10.42 */
	pcre2_match_data_free(md);
	pcre2_code_free(co);
}

/* A caseless ASCII glob on a path that is not ASCII is decided without PCRE2 unless the path holds such a letter. */
static void test_fold_ascii_fast(void **state)
{
	static const struct {
		const char *path;
		int fast, match;
	} cases[] = {
		{"docs/\xd9\x85\xd9\x84\xd8\xa7\xd8\xad\xd8\xb8\xd8\xa7\xd8\xaa/Key.MD", 1, 1},
		{"docs/\xc3\xa9t\xc3\xa9/key.txt", 1, 1},
		{"docs/\xc3\xa9t\xc3\xa9/lock.txt", 1, 0},
		{"docs/\xe2\x84\xaa"
		 "ey.txt",
		 0, 1},
		{"docs/\xc5\xbf"
		 "/key.txt",
		 0, 1},
		{"docs/\xc4\xb1/key.txt", 0, 1},
	};
	struct match_glob *g = NULL;
	size_t i, off;
	(void)state;
	assert_int_equal(match_glob_compile(&g, "**/key*", 1, &off), 0);
	assert_int_equal(g->nalts, 1);
	assert_non_null(g->fast[0]);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct match_path mp;
		int r;
		match_path_prepare(&mp, cases[i].path, strlen(cases[i].path));
		r = glob_fast_match(g->fast[0], &mp);
		if (cases[i].fast)
			assert_int_equal(r, cases[i].match);
		else
			assert_int_equal(r, -1);
		assert_int_equal(match_glob_path(g, cases[i].path, strlen(cases[i].path)), cases[i].match);
		assert_int_equal(match_glob_path_pcre2(g, cases[i].path, strlen(cases[i].path)), cases[i].match);
	}
	match_glob_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tricky_globs_agree), cmocka_unit_test(test_builtin_globs_agree),
		cmocka_unit_test(test_random_globs_agree), cmocka_unit_test(test_fold_ascii_pairs),
		cmocka_unit_test(test_fold_ascii_fast),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
