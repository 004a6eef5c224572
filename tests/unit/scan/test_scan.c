/* test_scan.c - scan_run as its callers see it: a result per leaf, the same whatever the threads, *out on success only.
 */
#include "scan_fx.h"

#include "util/date.h"
#include "util/err.h"

static void test_path_only(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: 'docs/runbooks/*.md'}}", 1 << 20);
	assert_int_equal(st->nselected, 2);
	assert_int_equal(st->nsatisfied, 2);
	assert_string_equal(st->ev[0].path, "docs/runbooks/deploy.md");
	assert_int_equal(st->ev[0].line, 0);
	assert_string_equal(st->ev[0].blob, "b09cec9c4ad2130185e35843555be09af5d4959e");
}

static void test_no_file_records_violations(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{no_file: {paths: '**/*.md', contains: 'TBD'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_string_equal(st->ev[0].path, "docs/runbooks/stub.md");
	assert_int_equal(st->ev[0].line, 3);
}

/* Four threads, and one: the same result, merged in walk order. */
static void test_threads_change_nothing(void **state)
{
	struct fx *f = *state;
	struct scan_opts o = fx_opts(f, 1 << 20);
	struct scan_result *one = NULL, *four = NULL;

	fx_rule(f, "{any: [{file: {paths: '**', contains: '(?i)e'}}, {file: {paths: '**/*.md', min_lines: 2}},"
		   " {no_file: {paths: '**', contains: needle}}]}");
	o.jobs = 1;
	assert_int_equal(scan_run(&one, f->repo, f->target.tree, f->rs, &o), 0);
	o.jobs = 4;
	assert_int_equal(scan_run(&four, f->repo, f->target.tree, f->rs, &o), 0);
	assert_int_equal(one->nleaves, 3);
	assert_true(one->leaves[0].nsatisfied > 0);
	fx_same_result(one, four);
	scan_result_free(one);
	scan_result_free(four);
}

/* A tree the repository does not hold: -1 with the reason, and *out as it was. */
static void test_out_untouched_on_failure(void **state)
{
	struct fx *f = *state;
	struct scan_opts o = fx_opts(f, 1 << 20);
	git_repository *other = NULL;
	struct repo_target t;
	struct scan_result sentinel, *res = &sentinel;

	assert_int_equal(repo_open(&other, fixture_path("stubs"), NULL), 0);
	assert_int_equal(repo_resolve(&t, other, "HEAD"), 0);
	fx_rule(f, "{file: {paths: '**'}}");
	assert_int_equal(scan_run(&res, f->repo, t.tree, f->rs, &o), -1);
	assert_ptr_equal(res, &sentinel);
	assert_non_null(strstr(err_last(), "cannot read tree"));
	repo_target_free(&t);
	git_repository_free(other);
}

static void test_jobs(void **state)
{
	(void)state;
	assert_int_equal(scan_jobs(3), 3);
	assert_int_equal(scan_jobs(SCAN_MAX_JOBS + 1), SCAN_MAX_JOBS);
	assert_true(scan_jobs(0) >= 1);
}

/* date_parse_day is util/date's; kept here until util has a test of its own */
static void test_parse_day(void **state)
{
	(void)state;
	assert_int_equal(date_parse_day("1970-01-01", 10), 0);
	assert_int_equal(date_parse_day("2026-06-01", 10), 20605);
	assert_int_equal(date_parse_day("2024-02-29", 10), 19782);
	assert_int_equal(date_parse_day("2023-02-29", 10), -1);
	assert_int_equal(date_parse_day("2026-13-01", 10), -1);
	assert_int_equal(date_parse_day("2026-04-31", 10), -1);
	assert_int_equal(date_parse_day("2026-1-01", 9), -1);
	assert_int_equal(date_parse_day("2026-06-01T10:00:00Z", 20), 20605);
	assert_int_equal(date_parse_day("2026-06-011", 11), -1);
	assert_int_equal(date_parse_day("2026-06-0", 9), -1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_path_only),
		T(test_no_file_records_violations),
		T(test_threads_change_nothing),
		T(test_out_untouched_on_failure),
		cmocka_unit_test(test_jobs),
		cmocka_unit_test(test_parse_day),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
