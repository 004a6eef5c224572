/* test_item.c - one selected file: what is read, what is skipped and why, what a warm cache spares. */
#include "scan_fx.h"

static void test_path_only_reads_no_blob(void **state)
{
	struct fx *f = *state;
	scan_with(f, "{file: {paths: '**/*.md'}}", 1 << 20);
	assert_int_equal(f->res->blobs_read, 0);
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

/* 1 when the leaf's evidence (for no_file: the files that break it) cites path. */
static int cites(const struct leaf_state *st, const char *path)
{
	size_t i;
	for (i = 0; i < st->nev; i++)
		if (!strcmp(st->ev[i].path, path))
			return 1;
	return 0;
}

/* A forbidding leaf reads the binary file (needle after a NUL) that an evidence leaf skips. */
static void test_forbidding_reads_binary(void **state)
{
	struct fx *f = *state;
	const struct leaf_state *st = scan_with(f, "{no_file: {paths: '*.dat', contains: needle}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_true(cites(st, "bin.dat"));
	assert_null(st->error);
	st = scan_with(f, "{file: {paths: '*.dat', contains: needle}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_true(skipped(f->res, "bin.dat", "is binary"));
}

/* Over the cap a forbidding leaf reads a file whole up to 8 times the cap; past that it is its error. */
static void test_forbidding_over_the_cap(void **state)
{
	struct fx *f = *state;
	/* big.txt is 4690 bytes */
	const struct leaf_state *st = scan_with(f, "{no_file: {paths: big.txt, contains: needle}}", 1000);
	assert_int_equal(st->nsatisfied, 1);
	assert_true(cites(st, "big.txt"));
	assert_null(st->error);
	st = scan_with(f, "{no_file: {paths: big.txt, contains: needle}}", 500);
	assert_int_equal(st->nsatisfied, 0);
	assert_non_null(st->error);
	assert_non_null(strstr(st->error, "'big.txt' is 4690 bytes, more than the 4000"));
	/* an evidence leaf still skips it */
	st = scan_with(f, "{file: {paths: big.txt, contains: needle}}", 1000);
	assert_int_equal(st->nsatisfied, 0);
	assert_null(st->error);
}

/* A second scan through the cache reads no blob and reports the same, binary and all. */
static void test_cached_facts_spare_the_reads(void **state)
{
	struct fx *f = *state;
	const char *dir = fx_tmpdir();
	struct scan_result *cold, *warm;

	fx_rule(f, "{all: [{file: {paths: '**', contains: needle}}, {file: {paths: '**/*.md', min_lines: 3}},"
		   " {file: {paths: docs/drill.md, fresh: {pattern: 'drill: (\\d{4}-\\d{2}-\\d{2})', days: 30}}}]}");
	cold = fx_scan_cached(f, dir, 0);
	warm = fx_scan_cached(f, dir, 0);
	assert_true(cold->blobs_read > 0);
	assert_int_equal(warm->blobs_read, 0);
	assert_true(skipped(warm, "bin.dat", "is binary"));
	fx_same_result(cold, warm);
	scan_result_free(cold);
	scan_result_free(warm);
	fx_rmdir(dir);
}

/* The big and small blob's reads of a scan of a scratch repository at HEAD, --jobs jobs. */
static struct scan_result *scan_big(unsigned jobs)
{
	git_repository *repo = NULL;
	struct repo_target t;
	struct scan_opts o;
	struct scan_result *res = NULL;
	struct rules *rs = load_rules_string("domains: [{id: d, title: D}]\n"
					     "rules:\n"
					     "  - {id: d.r, domain: d, level: required, title: T, next_step: N,"
					     " evidence: {no_file: {paths: '*.txt', contains: needle}}}\n");
	assert_int_equal(repo_open(&repo, in_scratch("big"), NULL), 0);
	assert_int_equal(repo_resolve(&t, repo, "HEAD"), 0);
	memset(&o, 0, sizeof(o));
	o.max_file_size = 8 << 20;
	o.commit_time = t.commit_time;
	o.jobs = jobs;
	git_oid_cpy(&o.commit_id, git_commit_id(t.commit));
	assert_int_equal(scan_run(&res, repo, t.tree, rs, &o), 0);
	assert_int_equal(res->blobs_read, 2);
	rules_free(rs);
	repo_target_free(&t);
	git_repository_free(repo);
	return res;
}

/*
 * A blob over 1 MiB that libgit2 reads (loose here; a delta in a pack) is
 * read under the job's one lock for such reads; one the pack fast path
 * reads whole is not, nor a small one.
 */
static void test_big_libgit2_reads_one_at_a_time(void **state)
{
	struct scan_result *res;
	unsigned jobs;
	(void)state;
	scratch_sh("git init -q big && head -c 1572864 /dev/zero | tr '\\0' a > big/big.txt && "
		   "echo needle > big/small.txt && git -C big add . && git -C big commit -qm big");
	for (jobs = 1; jobs <= 4; jobs *= 2) {
		res = scan_big(jobs);
		assert_int_equal(res->big_reads, 1);
		scan_result_free(res);
	}
	scratch_sh("git -C big repack -adq --depth=0 && git -C big prune");
	res = scan_big(4);
	assert_int_equal(res->big_reads, 0);
	scan_result_free(res);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_path_only_reads_no_blob),
		T(test_binary_symlink_submodule),
		T(test_size_cap),
		T(test_forbidding_reads_binary),
		T(test_forbidding_over_the_cap),
		T(test_cached_facts_spare_the_reads),
		cmocka_unit_test_setup_teardown(test_big_libgit2_reads_one_at_a_time, scratch_setup, scratch_teardown),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
