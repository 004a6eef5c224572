/* test_select.c - which leaves select a path: each distinct glob once, exclude lists shared, the same answers as
 * matching each glob. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "scan/internal.h"

/*
 * Four leaves: 0 and 1 share a glob, 3 has it too but ignoring case; every
 * leaf has the pack's exclude, 1 one of its own besides.
 */
static const char PACK[] = "exclude: ['**/node_modules/**']\n"
			   "domains: [{id: d, title: D}]\n"
			   "rules:\n"
			   "  - {id: d.a, domain: d, level: required, title: T, next_step: N,\n"
			   "     evidence: {file: {paths: ['docs/**/*.md', '**/README.md']}}}\n"
			   "  - {id: d.b, domain: d, level: required, title: T, next_step: N,\n"
			   "     evidence: {any: [{file: {paths: 'docs/**/*.md', exclude: 'docs/old/**'}},\n"
			   "                      {file: {paths: '**/*.MD', ignore_case: true}}]}}\n"
			   "  - {id: d.c, domain: d, level: required, title: T, next_step: N,\n"
			   "     evidence: {file: {paths: 'docs/**/*.md', ignore_case: true}}}\n";

struct sel_fx {
	struct rules *rs;
	struct globs gl;
	size_t all[4], sel[4];
};

static int setup(void **state)
{
	struct sel_fx *x = calloc(1, sizeof(*x));
	size_t i;

	x->rs = load_rules_string(PACK);
	assert_int_equal(x->rs->diags.n, 0);
	assert_int_equal(x->rs->nleaves, 4);
	for (i = 0; i < 4; i++)
		x->all[i] = i;
	globs_init(&x->gl, x->rs);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct sel_fx *x = *state;
	globs_free(&x->gl, x->rs->nleaves);
	globs_free(NULL, 0);
	rules_free(x->rs);
	free(x);
	return 0;
}

static void test_each_glob_once(void **state)
{
	struct sel_fx *x = *state;
	const struct globs *gl = &x->gl;

	/*
	 * the docs glob, the README glob, the .MD glob, the docs glob ignoring
	 * case, docs/old, and node_modules twice: as written, and ignoring case
	 * (the copy of the pack's exclude a leaf that ignores case holds)
	 */
	assert_int_equal(gl->n, 7);
	assert_int_equal(gl->path_ids[0][0], gl->path_ids[1][0]);
	assert_true(gl->path_ids[3][0] != gl->path_ids[0][0]);
	assert_true(gl->path_ids[2][0] != gl->path_ids[0][0]);
	assert_int_equal(gl->excl_ids[2][0], gl->excl_ids[3][0]);
	assert_true(gl->excl_ids[2][0] != gl->excl_ids[0][0]);
	/* the same exclude list is one list, shared */
	assert_int_equal(gl->elist[2], gl->elist[3]);
	assert_true(gl->elist[0] != gl->elist[2]);
	assert_true(gl->elist[1] != gl->elist[0]);
}

/* What matching every glob of every leaf says, path by path. */
static size_t naive_select(const struct rules *rs, const char *path, size_t *sel)
{
	size_t i, k, n = 0;
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		int hit = 0, out = 0;
		for (k = 0; k < l->npaths; k++)
			hit |= match_glob_path(l->paths[k], path, strlen(path));
		for (k = 0; k < l->nexclude; k++)
			out |= match_glob_path(l->exclude[k], path, strlen(path));
		if (hit && !out)
			sel[n++] = i;
	}
	return n;
}

static void test_same_answers_as_each_glob(void **state)
{
	static const char *paths[] = {
		"docs/a.md",
		"docs/old/b.md",
		"docs/x/README.md",
		"README.md",
		"src/node_modules/README.md",
		"DOCS/A.MD",
		"docs/caf\xe9.md",
		"x/y/z.txt",
		"docs/README.MD",
		"node_modules/docs/a.md",
		"docs/a.md.txt",
		"readme.md",
		"docs/a.md",
		"a/b/c/d/README.md",
	};
	struct sel_fx *x = *state;
	size_t i, want[4], nwant, n, total = 0;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		n = globs_select(&x->gl, x->rs, x->all, 4, paths[i], strlen(paths[i]), x->sel);
		nwant = naive_select(x->rs, paths[i], want);
		if (n != nwant || memcmp(x->sel, want, n * sizeof(*want)))
			fail_msg("'%s': %zu leaves select it, matching each glob says %zu", paths[i], n, nwant);
		total += n;
	}
	/* the paths were chosen so that leaves do select some */
	assert_true(total >= 10);
	/* of active leaves only */
	n = globs_select(&x->gl, x->rs, x->all + 2, 2, "docs/a.md", 9, x->sel);
	assert_int_equal(n, 2);
	assert_int_equal(x->sel[0], 2);
	assert_int_equal(x->sel[1], 3);
	n = globs_select(&x->gl, x->rs, x->all, 2, "docs/old/a.md", 13, x->sel);
	assert_int_equal(n, 1);
	assert_int_equal(x->sel[0], 0);
}

static void test_descend(void **state)
{
	struct sel_fx *x = *state;
	size_t sub[4];

	/* below docs/old/ leaf 1 excludes everything; the others may match */
	assert_int_equal(globs_descend(&x->gl, x->rs, x->all, 4, "docs/old/", 9, sub), 3);
	assert_int_equal(sub[0], 0);
	assert_int_equal(sub[1], 2);
	assert_int_equal(sub[2], 3);
	/* an excluded folder is not descended into */
	assert_int_equal(globs_descend(&x->gl, x->rs, x->all, 4, "node_modules/", 13, sub), 0);
	/* the docs globs never match below x/ */
	assert_int_equal(globs_descend(&x->gl, x->rs, x->all, 4, "x/", 2, sub), 2);
	assert_int_equal(sub[0], 0);
	assert_int_equal(sub[1], 2);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_each_glob_once),
		T(test_same_answers_as_each_glob),
		T(test_descend),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
