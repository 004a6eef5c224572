/* test_scan.c - the tree walk: selection, pruning, content checks, skips. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "git/repo.h"
#include "scan/scan.h"

struct fx {
	git_repository *repo;
	struct repo_target target;
	struct rules *rs;
	struct scan_result *res;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_int_equal(repo_open(&f->repo, fixture_path("basic"), NULL), 0);
	assert_int_equal(repo_resolve(&f->target, f->repo, "HEAD"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	scan_result_free(f->res);
	rules_free(f->rs);
	repo_target_free(&f->target);
	git_repository_free(f->repo);
	free(f);
	return 0;
}

/* Scans the fixture with one rule whose evidence is `cond` (a YAML flow mapping). */
static const struct leaf_state *scan_with(struct fx *f, const char *cond, uint64_t max_size)
{
	char yaml[4096];
	struct scan_opts o;

	snprintf(yaml, sizeof(yaml),
		 "domains: [{id: d, title: D}]\n"
		 "rules:\n"
		 "  - {id: d.r, domain: d, level: required, title: T, next_step: N, evidence: %s}\n",
		 cond);
	scan_result_free(f->res);
	rules_free(f->rs);
	f->res = NULL;
	f->rs = load_rules_string(yaml);
	if (f->rs->diags.n)
		fail_msg("rules: %s", f->rs->diags.items[0].msg);
	memset(&o, 0, sizeof(o));
	o.max_file_size = max_size;
	o.commit_time = f->target.commit_time;
	git_oid_cpy(&o.commit_id, git_commit_id(f->target.commit));
	assert_int_equal(scan_run(&f->res, f->repo, f->target.tree, f->rs, &o), 0);
	assert_int_equal(f->res->nleaves, 1);
	return &f->res->leaves[0];
}

static int skipped(const struct scan_result *r, const char *path, const char *why)
{
	size_t i;
	for (i = 0; i < r->nskipped; i++)
		if (!strcmp(r->skipped[i].path, path) && strstr(r->skipped[i].why, why))
			return 1;
	return 0;
}

static void test_path_only(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: 'docs/runbooks/*.md'}}", 1 << 20);
	assert_int_equal(st->nselected, 2);
	assert_int_equal(st->nsatisfied, 2);
	assert_string_equal(st->ev[0].path, "docs/runbooks/deploy.md");
	assert_int_equal(st->ev[0].line, 0);
	assert_string_equal(st->ev[0].blob, "b09cec9c4ad2130185e35843555be09af5d4959e");
}

static void test_path_only_reads_no_blob(void **state)
{
	struct fx *f = *state;
	scan_with(f, "{file: {paths: '**/*.md'}}", 1 << 20);
	assert_int_equal(f->res->blobs_read, 0);
}

static void test_content_line_and_min_matches(void **state)
{
	const struct leaf_state *st =
		scan_with(*state, "{file: {paths: 'docs/runbooks/*.md', contains: {pattern: '(?i)rollback', min_matches: 2}}}",
			  1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_int_equal(st->ev[0].line, 9);
	st = scan_with(*state, "{file: {paths: 'docs/runbooks/*.md', contains: {pattern: '(?i)rollback', min_matches: 3}}}",
		       1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_int_equal(st->nnotes, 2);
	assert_non_null(strstr(st->notes[0].why, "2 times, fewer than 3"));
}

static void test_crlf_lines(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: ['crlf.txt', 'lf.txt'], contains: '^needle on three$'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 2);
	assert_string_equal(st->ev[0].path, "crlf.txt");
	assert_int_equal(st->ev[0].line, 3);
	assert_int_equal(st->ev[1].line, 3);
}

static void test_min_lines_and_not_contains(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: docs/runbooks/stub.md, min_lines: 3}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	st = scan_with(*state, "{file: {paths: docs/runbooks/stub.md, min_lines: 4}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_non_null(strstr(st->notes[0].why, "has 3 lines, fewer than the 4"));
	st = scan_with(*state, "{file: {paths: docs/runbooks/stub.md, not_contains: '\\bTBD\\b'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_int_equal(st->notes[0].at.line, 3);
	assert_non_null(strstr(st->notes[0].why, "at line 3"));
}

static void test_executable(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{file: {paths: 'scripts/*.sh', executable: true}}", 1 << 20);
	assert_int_equal(st->nselected, 2);
	assert_int_equal(st->nsatisfied, 1);
	assert_string_equal(st->ev[0].path, "scripts/backup.sh");
	assert_string_equal(st->notes[0].why, "is not executable");
	st = scan_with(*state, "{file: {paths: 'scripts/*.sh', executable: false}}", 1 << 20);
	assert_string_equal(st->ev[0].path, "scripts/restore.sh");
}

static void test_fresh_newest_valid_date(void **state)
{
	const struct leaf_state *st =
		scan_with(*state, "{file: {paths: docs/drill.md, fresh: {pattern: 'drill: (\\d{4}-\\d{2}-\\d{2})', days: 30}}}",
			  1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	/* 2026-02-30 is not a date; 2026-05-20 is the newest valid one */
	assert_int_equal(st->newest_day, date_parse_day("2026-05-20", 10));
	assert_int_equal(st->newest.line, 6);
}

static void test_binary_symlink_submodule(void **state)
{
	struct fx *f = *state;
	const struct leaf_state *st = scan_with(f, "{file: {paths: '**', contains: needle}}", 1 << 20);
	assert_true(skipped(f->res, "bin.dat", "is binary"));
	assert_true(skipped(f->res, "link.md", "symbolic link"));
	assert_true(skipped(f->res, "vendor/sub", "submodule"));
	/* big.txt, crlf.txt, lf.txt and the latin-1 name */
	assert_int_equal(st->nsatisfied, 4);
}

static void test_size_cap(void **state)
{
	struct fx *f = *state;
	const struct leaf_state *st = scan_with(f, "{file: {paths: big.txt, contains: needle}}", 100);
	assert_int_equal(st->nsatisfied, 0);
	assert_true(skipped(f->res, "big.txt", "larger than the 100-byte cap"));
	assert_non_null(strstr(st->notes[0].why, "larger than"));
}

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

static void test_no_file_records_violations(void **state)
{
	const struct leaf_state *st = scan_with(*state, "{no_file: {paths: '**/*.md', contains: 'TBD'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_string_equal(st->ev[0].path, "docs/runbooks/stub.md");
	assert_int_equal(st->ev[0].line, 3);
}

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

static void test_lines(void **state)
{
	(void)state;
	assert_int_equal(scan_count_lines("", 0), 0);
	assert_int_equal(scan_count_lines("a", 1), 1);
	assert_int_equal(scan_count_lines("a\n", 2), 1);
	assert_int_equal(scan_count_lines("a\r\nb\r\n", 6), 2);
	assert_int_equal(scan_count_lines("a\nb", 3), 2);
	assert_int_equal(scan_line_at("a\nb\nc", 0), 1);
	assert_int_equal(scan_line_at("a\nb\nc", 2), 2);
	assert_int_equal(scan_line_at("a\r\nb\r\nc", 6), 3);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_path_only),
		T(test_path_only_reads_no_blob),
		T(test_content_line_and_min_matches),
		T(test_crlf_lines),
		T(test_min_lines_and_not_contains),
		T(test_executable),
		T(test_fresh_newest_valid_date),
		T(test_binary_symlink_submodule),
		T(test_size_cap),
		T(test_non_utf8_path_is_kept_as_bytes),
		T(test_linguist_generated_is_not_evidence),
		T(test_excluded_folder_is_pruned),
		T(test_unselected_subtrees_are_not_walked),
		T(test_no_file_records_violations),
		cmocka_unit_test(test_parse_day),
		cmocka_unit_test(test_lines),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
