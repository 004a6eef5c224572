/* test_walk.c - the walk: pruning, generated files, paths kept as bytes, folder records replayed. */
#include "scan_fx.h"

static void test_non_utf8_path_is_kept_as_bytes(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: 'docs/caf*.md'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_string_equal(st->ev[0].path, "docs/caf\xe9.md");
}

static void test_linguist_generated_is_not_evidence(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: 'gen/**'}}", 1 << 20);
	assert_int_equal(st->nselected, 0);
	st = scan_with(*state, "{file: {paths: 'node_modules/**'}}", 1 << 20);
	assert_int_equal(st->nselected, 1);
}

static void test_excluded_folder_is_pruned(void **state)
{
	struct fx *f = *state;
	size_t pruned_without, pruned_with;
	scan_with(f, "{file: {paths: '**/README.md'}}", 1 << 20);
	pruned_without = f->res->trees_pruned;
	scan_with(f, "{file: {paths: '**/README.md', exclude: 'node_modules/**'}}", 1 << 20);
	pruned_with = f->res->trees_pruned;
	assert_int_equal(pruned_with, pruned_without + 1);
	assert_int_equal(f->res->leaves[0].nselected, 1);
}

static void test_unselected_subtrees_are_not_walked(void **state)
{
	struct fx *f = *state;
	scan_with(f, "{file: {paths: 'scripts/*.sh'}}", 1 << 20);
	/* docs, gen, node_modules and vendor are pruned at the root */
	assert_int_equal(f->res->trees_pruned, 4);
}

/*
 * With a cache, a second scan replays every folder from its record
 * (reading no tree) and reports the same; with no_records it walks them.
 */
static void test_records_replay_the_walk(void **state)
{
	struct fx *f = *state;
	const char *dir = fx_tmpdir();
	struct scan_result *cold, *warm, *walked;

	fx_rule(f, "{file: {paths: ['**/*.md', '**/*.sh', 'link.md', 'vendor/sub'], exclude: 'node_modules/**'}}");
	cold = fx_scan_cached(f, dir, 0);
	warm = fx_scan_cached(f, dir, 0);
	walked = fx_scan_cached(f, dir, 1);
	assert_true(cold->trees_read > 1);
	assert_int_equal(cold->trees_cached, 0);
	assert_int_equal(warm->trees_read, 0);
	assert_int_equal(warm->trees_cached, cold->trees_read);
	assert_int_equal(walked->trees_cached, 0);
	assert_int_equal(walked->trees_read, cold->trees_read);
	assert_true(cold->leaves[0].nsatisfied > 0);
	fx_same_result(cold, warm);
	fx_same_result(cold, walked);
	scan_result_free(cold);
	scan_result_free(warm);
	scan_result_free(walked);
	fx_rmdir(dir);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_non_utf8_path_is_kept_as_bytes), T(test_linguist_generated_is_not_evidence),
		T(test_excluded_folder_is_pruned),	T(test_unselected_subtrees_are_not_walked),
		T(test_records_replay_the_walk),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
