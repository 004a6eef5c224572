/* test_glob.c - globs: braces expanded, converted by pcre2_pattern_convert, matched segment by segment or by PCRE2. */
#include "helpers.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/glob.h"
#include "util/err.h"

/* What a test compiled; teardown frees it all. */
struct fx {
	struct match_glob *globs[64];
	size_t nglobs;
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
	size_t i;
	for (i = 0; i < f->nglobs; i++)
		match_glob_free(f->globs[i]);
	free(f);
	return 0;
}

static struct match_glob *glob_ic(struct fx *f, const char *src, int icase)
{
	struct match_glob *g = NULL;
	size_t off = 99;
	int rc = match_glob_compile(&g, src, icase, &off);
	if (rc != 0)
		fail_msg("glob '%s' did not compile: %s at offset %zu", src, err_last(), off);
	assert_non_null(g);
	assert_true(f->nglobs < 64);
	f->globs[f->nglobs++] = g;
	return g;
}

static struct match_glob *glob(struct fx *f, const char *src)
{
	return glob_ic(f, src, 0);
}

static int path(const struct match_glob *g, const char *p)
{
	return match_glob_path(g, p, strlen(p));
}

static int descend(const struct match_glob *g, const char *dir)
{
	return match_glob_may_descend(g, dir, strlen(dir));
}

static int covers(const struct match_glob *g, const char *dir)
{
	return match_glob_covers_dir(g, dir, strlen(dir));
}

/* Compiling src must fail at offset want_off with a message holding needle. */
static void glob_bad(const char *src, size_t want_off, const char *needle)
{
	struct match_glob *g = (struct match_glob *)1;
	size_t off = 12345;
	err_clear();
	assert_int_equal(match_glob_compile(&g, src, 0, &off), -1);
	assert_ptr_equal(g, (struct match_glob *)1); /* *out only on success */
	if (off != want_off)
		fail_msg("glob '%s': offset %zu, want %zu (%s)", src, off, want_off, err_last());
	if (!strstr(err_last(), needle))
		fail_msg("glob '%s': message '%s' lacks '%s'", src, err_last(), needle);
}

static void test_glob_star_stays_in_segment(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "docs/*.md");
	assert_true(path(g, "docs/a.md"));
	assert_true(path(g, "docs/.md"));
	assert_false(path(g, "docs/x/a.md"));
	assert_false(path(g, "docs/a.mdx"));
	assert_false(path(g, "xdocs/a.md"));
	assert_false(path(g, "a/docs/a.md")); /* a glob with / is anchored at the root */
	g = glob(f, "src/*/main.c");
	assert_true(path(g, "src/cli/main.c"));
	assert_false(path(g, "src/main.c"));
	assert_false(path(g, "src/a/b/main.c"));
}

static void test_glob_double_star_any_depth(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "docs/**/*.md");
	assert_true(path(g, "docs/a.md"));
	assert_true(path(g, "docs/x/a.md"));
	assert_true(path(g, "docs/x/y/a.md"));
	assert_false(path(g, "docs/x/y/a.txt"));
	assert_false(path(g, "src/docs/a.md"));
	assert_false(path(g, "docsx/a.md"));
	g = glob(f, "**/README.md");
	assert_true(path(g, "README.md"));
	assert_true(path(g, "a/b/c/README.md"));
	assert_false(path(g, "a/xREADME.md"));
	g = glob(f, "ops/**");
	assert_true(path(g, "ops/a"));
	assert_true(path(g, "ops/a/b/c"));
	assert_false(path(g, "opsx/a"));
}

static void test_glob_question_mark(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "/v?.txt");
	assert_true(path(g, "v1.txt"));
	assert_false(path(g, "v12.txt"));
	assert_false(path(g, "v.txt"));
	assert_false(path(g, "v/.txt")); /* ? never matches the separator */
	/* ? is one character, not one byte */
	assert_true(path(g, "v\xd8\xb9.txt"));
}

static void test_glob_classes(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "/[a-c]x");
	assert_true(path(g, "ax"));
	assert_true(path(g, "cx"));
	assert_false(path(g, "dx"));
	assert_false(path(g, "Ax"));
	g = glob(f, "/[!x]y");
	assert_true(path(g, "ay"));
	assert_false(path(g, "xy"));
	assert_false(path(g, "/y")); /* a negated class does not match the separator */
	g = glob(f, "/file[0-9][0-9].log");
	assert_true(path(g, "file07.log"));
	assert_false(path(g, "file7.log"));
}

static void test_glob_braces(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, ".github/workflows/*.{yml,yaml}");
	assert_int_equal(g->nalts, 2);
	assert_true(path(g, ".github/workflows/ci.yml"));
	assert_true(path(g, ".github/workflows/ci.yaml"));
	assert_false(path(g, ".github/workflows/ci.yam"));
	assert_false(path(g, ".github/workflows/ci.{yml,yaml}"));
	/* nested */
	g = glob(f, "/{a,{b,c}x}.txt");
	assert_int_equal(g->nalts, 3);
	assert_true(path(g, "a.txt"));
	assert_true(path(g, "bx.txt"));
	assert_true(path(g, "cx.txt"));
	assert_false(path(g, "b.txt"));
	assert_false(path(g, "ax.txt"));
	/* several groups multiply */
	g = glob(f, "/{src,lib}/{a,b}.{c,h}");
	assert_int_equal(g->nalts, 8);
	assert_true(path(g, "src/a.c"));
	assert_true(path(g, "lib/b.h"));
	assert_false(path(g, "src/c.c"));
	/* an empty alternative */
	g = glob(f, "/a{,.bak}");
	assert_true(path(g, "a"));
	assert_true(path(g, "a.bak"));
	assert_false(path(g, "a.ba"));
}

static void test_glob_braces_with_classes(void **state)
{
	struct fx *f = *state;
	/* a class is one unit: braces and commas inside it are literal */
	struct match_glob *g = glob(f, "/{[}],a}");
	assert_true(path(g, "}"));
	assert_true(path(g, "a"));
	assert_false(path(g, "["));
	g = glob(f, "/{[,]x,y}");
	assert_true(path(g, ",x"));
	assert_true(path(g, "y"));
	assert_false(path(g, "[")); /* not split at the comma inside the class */
	g = glob(f, "/[{]");
	assert_true(path(g, "{"));
}

static void test_glob_no_slash_any_depth(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "Dockerfile");
	assert_true(path(g, "Dockerfile"));
	assert_true(path(g, "ops/Dockerfile"));
	assert_true(path(g, "a/b/c/Dockerfile"));
	assert_false(path(g, "ops/Dockerfile.dev"));
	assert_false(path(g, "xDockerfile"));
	g = glob(f, "*.md");
	assert_true(path(g, "a.md"));
	assert_true(path(g, "a/b/c.md"));
}

static void test_glob_leading_slash_anchors(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "/README.md");
	assert_true(path(g, "README.md"));
	assert_false(path(g, "docs/README.md"));
	assert_false(path(g, "/README.md")); /* paths are given without a leading / */
	g = glob(f, "/docs/*.md");
	assert_true(path(g, "docs/a.md"));
	assert_false(path(g, "x/docs/a.md"));
}

static void test_glob_ignore_case(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob_ic(f, "docs/runbook*.{md,txt}", 1);
	assert_true(path(g, "DOCS/RunBook-DB.MD"));
	assert_true(path(g, "docs/runbook.txt"));
	assert_true(path(g, "Docs/RUNBOOK.Txt"));
	g = glob(f, "docs/runbook*.md");
	assert_false(path(g, "DOCS/runbook.md"));
	assert_false(path(g, "docs/runbook.MD"));
	/* caseless beyond ASCII */
	g = glob_ic(f, "/\xc3\xa9t\xc3\xa9.md", 1);
	assert_true(path(g, "\xc3\x89T\xc3\x89.md"));
}

static void test_glob_escapes(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "/a\\*b");
	assert_true(path(g, "a*b"));
	assert_false(path(g, "axb"));
	g = glob(f, "/a\\?");
	assert_true(path(g, "a?"));
	assert_false(path(g, "ab"));
	g = glob(f, "/\\[x]");
	assert_true(path(g, "[x]"));
	assert_false(path(g, "x"));
	/* escaped braces are literal and not expanded */
	g = glob(f, "/\\{a,b\\}");
	assert_int_equal(g->nalts, 1);
	assert_true(path(g, "{a,b}"));
	assert_false(path(g, "a"));
}

static void test_glob_non_utf8_path(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "docs/*");
	int r;
	/* paths are bytes: a Latin-1 name must not crash the matcher (PCRE2_MATCH_INVALID_UTF) */
	r = path(g, "docs/caf\xe9");
	assert_true(r == 0 || r == 1);
	assert_true(path(g, "docs/cafe"));
	g = glob(f, "**/*.txt");
	r = path(g, "\xff\xfe/a.txt");
	assert_true(r == 0 || r == 1);
	r = descend(g, "\xff\xfe/");
	assert_true(r == 0 || r == 1);
	assert_true(path(g, "ok/a.txt"));
	/* a non-UTF-8 name is matched in its display form (\xNN), so * still finds it */
	g = glob(f, "docs/caf*.md");
	assert_true(path(g, "docs/caf\xe9.md"));
	assert_true(path(g, "docs/caf\xc3\xa9.md"));
	assert_false(path(g, "docs/caf\xe9.txt"));
	g = glob(f, "/docs/caf\\\\xe9.md"); /* the display form itself, its backslash escaped */
	assert_true(path(g, "docs/caf\xe9.md"));
	g = glob(f, "**/*.txt");
	assert_true(path(g, "\xff\xfe/a.txt"));
	assert_true(descend(g, "\xff\xfe/"));
	g = glob(f, "**/vendor/**");
	assert_true(covers(g, "\xff/vendor"));
}

static void *thread_globs(void *arg)
{
	struct match_glob *g = arg;
	intptr_t ok = path(g, "a/b.md") && path(g, "a/caf\xe9.md") && !path(g, "a/b.txt");
	/* a worker frees what matching kept for its thread before it ends */
	match_thread_cleanup();
	return (void *)ok;
}

static void *thread_forgets_cleanup(void *arg)
{
	struct match_glob **gs = arg;
	/* no match_thread_cleanup(): thread exit must free what matching kept (LeakSanitizer, valgrind) */
	intptr_t ok = path(gs[0], "a/caf\xe9.md") && !covers(gs[1], "caf\xe9");
	return (void *)ok;
}

static void test_glob_thread_exit_frees(void **state)
{
	struct fx *f = *state;
	struct match_glob *gs[2];
	pthread_t t[4];
	void *ok = NULL;
	int i;

	gs[0] = glob(f, "**/*.md");
	gs[1] = glob(f, "*.md"); /* no dir_all: covers_dir answers before matching */
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, thread_forgets_cleanup, gs), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &ok), 0);
		assert_true(ok != NULL);
	}
}

static void test_glob_thread_cleanup(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "**/*.md");
	pthread_t t;
	void *ok = NULL;

	assert_int_equal(pthread_create(&t, NULL, thread_globs, g), 0);
	assert_int_equal(pthread_join(t, &ok), 0);
	assert_true(ok != NULL);
	/* cleanup is safe twice and matching works after it */
	match_thread_cleanup();
	match_thread_cleanup();
	assert_true(path(g, "x/caf\xe9.md"));
	assert_true(path(g, "x/y.md"));
	match_thread_cleanup();
}

/* A thread's share of test_glob_all_at_first_pcre2_match: matches a non-UTF-8 path, so through PCRE2. */
static void *thread_pcre2(void *arg)
{
	const struct match_glob *g = arg;
	intptr_t ok = path(g, "a/caf\xe9.yml") && path(g, "b/caf\xe9.yaml") && !path(g, "a/caf\xe9.txt");
	match_thread_cleanup();
	return (void *)ok;
}

static void test_glob_all_at_first_pcre2_match(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "**/*.{yml,yaml}"), *shared = glob(f, "**/*.{yml,yaml,json}");
	pthread_t t[4];
	void *ok = NULL;
	int i;

	/* loaded: the alternatives compiled (which checks them), their combined pattern only kept as text */
	assert_int_equal(g->nalts, 2);
	assert_non_null(g->alts[0]);
	assert_non_null(g->alts[1]);
	assert_null(g->all);
	assert_non_null(g->all_src);
	/* paths matched segment by segment never compile it */
	assert_true(path(g, "a/b.yml"));
	assert_false(path(g, "a/b.txt"));
	assert_null(g->all);
	/* the first PCRE2 match (a path that is not UTF-8) compiles it, once */
	assert_true(path(g, "a/caf\xe9.yaml"));
	assert_non_null(g->all);
	assert_null(g->all_src);
	assert_false(path(g, "a/caf\xe9.yam"));
	/* threads racing to the first PCRE2 match all get the same answers */
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, thread_pcre2, shared), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &ok), 0);
		assert_true(ok != NULL);
	}
	assert_non_null(shared->all);
	assert_null(shared->all_src);
}

static void test_glob_invalid(void **state)
{
	(void)state;
	glob_bad("[a", 2, "missing terminating ]");
	glob_bad("docs/[a", 7, "missing terminating ]");
	/* offsets are in the glob as written, also when it got a leading / or none */
	glob_bad("/x/[a", 5, "missing terminating ]");
	/* and when braces were expanded */
	glob_bad("{a,b}/[x", 8, "missing terminating ]");
	glob_bad("{a,b", 0, "unmatched '{'");
	glob_bad("x/{a,{b}", 2, "unmatched '{'");
	glob_bad("a}", 1, "unmatched '}'");
	glob_bad("x/{aaaa,b}}", 10, "unmatched '}'");
	glob_bad("", 0, "empty glob");
	glob_bad("a\\", 2, "");
	glob_bad("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}", 8, "too many {a,b} alternatives");
	/* globs that would silently match nothing: paths have no trailing / and no ./ */
	glob_bad("docs/", 4, "write 'docs/**'");
	glob_bad("/", 0, "ending in '/'");
	glob_bad("./README.md", 0, "write '/README.md'");
	/* not UTF-8: refused where it breaks, and what was made for it before is freed (LeakSanitizer) */
	glob_bad("docs/\xff", 5, "UTF-8 error");
	glob_bad("{a,b}/\xff", 6, "UTF-8 error");
}

static void test_glob_may_descend(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "docs/**/*.md");
	assert_true(descend(g, "docs/"));
	assert_true(descend(g, "docs/x/"));
	assert_true(descend(g, "docs/x/y/"));
	assert_false(descend(g, "src/"));
	assert_false(descend(g, "docsx/"));
	assert_false(descend(g, "a/docs/"));
	g = glob(f, "**/x");
	assert_true(descend(g, "a/"));
	assert_true(descend(g, "a/b/c/"));
	g = glob(f, "Dockerfile");
	assert_true(descend(g, "anything/"));
	g = glob(f, "/README.md");
	assert_false(descend(g, "docs/"));
	g = glob(f, "{ops,infra}/*.sh");
	assert_true(descend(g, "ops/"));
	assert_true(descend(g, "infra/"));
	assert_false(descend(g, "src/"));
	assert_false(descend(g, "ops/sub/"));
	g = glob_ic(f, "ops/*.sh", 1);
	assert_true(descend(g, "OPS/"));
	/* fuzz_glob's finding 5: a glob starting with two stars and text prunes no folder it can match in */
	g = glob(f, "/**.md");
	assert_true(descend(g, "docs/"));
	assert_true(descend(g, "docs/ops/"));
	assert_true(path(g, "docs/ops/oncall.md"));
	g = glob(f, "/**-lock.json");
	assert_true(descend(g, "web/"));
	assert_true(path(g, "web/package-lock.json"));
	g = glob(f, "**secret*/x");
	assert_true(descend(g, "a/"));
	assert_true(path(g, "a/mysecrets/x"));
	assert_false(path(g, "a/mysecrets/y"));
}

/* fuzz_glob's finding 6: "(*COMMIT)" inside a class is the class's text, not PCRE2's verb */
static void test_glob_commit_verb_in_class(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "a[(*COMMIT)]b");
	assert_true(path(g, "a(b"));
	assert_true(path(g, "aTb"));
	assert_false(path(g, "axb"));
}

static void test_glob_covers_dir(void **state)
{
	struct fx *f = *state;
	struct match_glob *g = glob(f, "node_modules/**");
	assert_true(covers(g, "node_modules"));
	assert_false(covers(g, "a/node_modules"));
	assert_false(covers(g, "node_modules2"));
	g = glob(f, "**/node_modules/**");
	assert_true(covers(g, "node_modules"));
	assert_true(covers(g, "a/node_modules"));
	assert_true(covers(g, "a/b/node_modules"));
	assert_false(covers(g, "a/node_modules_x"));
	assert_false(covers(g, "a"));
	/* a glob that does not end in slash-star-star covers no folder */
	g = glob(f, "node_modules/*");
	assert_false(covers(g, "node_modules"));
	g = glob(f, "docs/**/*.md");
	assert_false(covers(g, "docs"));
	/* what covers_dir claims, match_glob_path must agree with */
	g = glob(f, "**/vendor/**");
	assert_true(covers(g, "a/vendor"));
	assert_true(path(g, "a/vendor/x"));
	assert_true(path(g, "a/vendor/x/y/z.c"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_glob_star_stays_in_segment),
		T(test_glob_double_star_any_depth),
		T(test_glob_question_mark),
		T(test_glob_classes),
		T(test_glob_braces),
		T(test_glob_braces_with_classes),
		T(test_glob_no_slash_any_depth),
		T(test_glob_leading_slash_anchors),
		T(test_glob_ignore_case),
		T(test_glob_escapes),
		T(test_glob_non_utf8_path),
		T(test_glob_thread_cleanup),
		T(test_glob_thread_exit_frees),
		T(test_glob_all_at_first_pcre2_match),
		T(test_glob_invalid),
		T(test_glob_may_descend),
		T(test_glob_commit_verb_in_class),
		T(test_glob_covers_dir),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
