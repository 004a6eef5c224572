/* test_result.c - decided files applied to the result in walk order: evidence, notes, errors, skips, settled leaves. */
#include "helpers.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/internal.h"
#include "util/mem.h"

struct res_fx {
	struct rules *rs;
	struct scan_job j;
	atomic_uchar settled[4];
	struct scan_result *r;
};

/* A result for the leaves of cond (a condition as YAML). */
static void res_fx(struct res_fx *x, const char *cond)
{
	char yaml[1024];

	snprintf(yaml, sizeof(yaml),
		 "domains: [{id: d, title: D}]\n"
		 "rules:\n"
		 "  - {id: d.r, domain: d, level: required, title: T, next_step: N, evidence: %s}\n",
		 cond);
	memset(x, 0, sizeof(*x));
	x->rs = load_rules_string(yaml);
	assert_int_equal(x->rs->diags.n, 0);
	assert_true(x->rs->nleaves <= 4);
	x->j.rs = x->rs;
	x->j.settled = x->settled;
	x->r = result_new(x->rs->nleaves);
}

static void res_fx_free(struct res_fx *x)
{
	scan_result_free(x->r);
	rules_free(x->rs);
}

/* Merges a file at path selected by leaf alone, with what it did to it. */
static void merge(struct res_fx *x, const char *path, size_t leaf, enum out_kind kind, size_t line, long day,
		  const char *text, enum why_kind why)
{
	struct item it;
	memset(&it, 0, sizeof(it));
	it.path = xstrdup(path);
	memset(&it.oid, 0x11, sizeof(it.oid));
	it.sel = xmalloc(sizeof(*it.sel));
	it.sel[0] = leaf;
	it.nsel = 1;
	it.outs = xcalloc(1, sizeof(*it.outs));
	it.outs[0].leaf = leaf;
	it.outs[0].kind = kind;
	it.outs[0].line = line;
	it.outs[0].day = day;
	it.outs[0].why.kind = why;
	it.outs[0].text = text ? xstrdup(text) : NULL;
	result_merge(x->r, &x->j, &it);
	assert_null(it.path); /* the merge frees what the item held */
}

static void test_evidence_and_newest_date(void **state)
{
	struct res_fx x;
	const struct leaf_state *st;
	(void)state;

	res_fx(&x, "{file: {paths: '**', fresh: {pattern: 'on (\\d{4}-\\d{2}-\\d{2})', days: 30}}}");
	st = &x.r->leaves[0];
	assert_int_equal(st->newest_day, -1);
	merge(&x, "a", 0, OUT_EVIDENCE, 3, 100, NULL, WHY_NONE);
	merge(&x, "b", 0, OUT_EVIDENCE, 4, 120, NULL, WHY_NONE);
	merge(&x, "c", 0, OUT_EVIDENCE, 5, 90, NULL, WHY_NONE);
	merge(&x, "d", 0, OUT_NONE, 0, -1, NULL, WHY_NONE);
	assert_int_equal(st->nselected, 4);
	assert_int_equal(st->nsatisfied, 3);
	assert_int_equal(st->nev, 3);
	assert_string_equal(st->ev[0].path, "a");
	assert_int_equal(st->ev[0].line, 3);
	assert_string_equal(st->ev[0].blob, "1111111111111111111111111111111111111111");
	assert_int_equal(st->newest_day, 120);
	assert_string_equal(st->newest.path, "b");
	assert_int_equal(st->newest.line, 4);
	res_fx_free(&x);
}

static void test_notes_and_errors(void **state)
{
	struct res_fx x;
	const struct leaf_state *st;
	char path[16];
	int i;
	(void)state;

	res_fx(&x, "{file: {paths: '**', contains: needle}}");
	st = &x.r->leaves[0];
	merge(&x, "ready", 0, OUT_NOTE, 0, -1, "is binary", WHY_NONE);
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "n%d", i);
		merge(&x, path, 0, OUT_NOTE, 0, -1, NULL, WHY_NO_MATCH);
	}
	assert_int_equal(st->nnotes, SCAN_NOTES_MAX);
	assert_int_equal(st->nnotes_total, 7);
	assert_string_equal(st->notes[0].why, "is binary");
	assert_string_equal(st->notes[1].at.path, "n0");
	assert_string_equal(st->notes[1].why, "does not match /needle/");
	merge(&x, "e1", 0, OUT_ERROR, 0, -1, "first", WHY_NONE);
	merge(&x, "e2", 0, OUT_ERROR, 0, -1, "second", WHY_NONE);
	assert_string_equal(st->error, "first");
	assert_int_equal(st->nselected, 9);
	res_fx_free(&x);
}

/* A file leaf without freshness settles at min_files files and a full list of evidence; later files do not count. */
static void test_settles(void **state)
{
	struct res_fx x;
	char path[16];
	int i;
	(void)state;

	res_fx(&x, "{all: [{file: {paths: '**'}}, {no_file: {paths: '**'}},"
		   " {file: {paths: '**', fresh: {pattern: 'on (\\d{4}-\\d{2}-\\d{2})', days: 30}}}]}");
	for (i = 0; i < SCAN_EVIDENCE_MAX; i++) {
		snprintf(path, sizeof(path), "f%d", i);
		assert_false(is_settled(&x.j, 0));
		merge(&x, path, 0, OUT_EVIDENCE, 0, -1, NULL, WHY_NONE);
		merge(&x, path, 1, OUT_EVIDENCE, 0, -1, NULL, WHY_NONE);
		merge(&x, path, 2, OUT_EVIDENCE, 0, 100 + i, NULL, WHY_NONE);
	}
	assert_true(is_settled(&x.j, 0));
	assert_false(is_settled(&x.j, 1));
	assert_false(is_settled(&x.j, 2));
	merge(&x, "late", 0, OUT_EVIDENCE, 0, -1, NULL, WHY_NONE);
	merge(&x, "late", 1, OUT_EVIDENCE, 0, -1, NULL, WHY_NONE);
	merge(&x, "late", 2, OUT_EVIDENCE, 0, 200, NULL, WHY_NONE);
	assert_int_equal(x.r->leaves[0].nselected, SCAN_EVIDENCE_MAX);
	assert_int_equal(x.r->leaves[0].nsatisfied, SCAN_EVIDENCE_MAX);
	assert_int_equal(x.r->leaves[1].nsatisfied, SCAN_EVIDENCE_MAX + 1);
	assert_int_equal(x.r->leaves[2].newest_day, 200);
	res_fx_free(&x);
}

static void test_skipped_once_when_it_mattered(void **state)
{
	struct res_fx x;
	struct item it;
	(void)state;

	res_fx(&x, "{all: [{file: {paths: '**', contains: needle}}, {file: {paths: '**'}}]}");
	memset(&it, 0, sizeof(it));
	/* a submodule: no leaf reads it, always reported */
	it.path = xstrdup("sub");
	it.skipped = xstrdup("submodule, not scanned");
	result_merge(x.r, &x.j, &it);
	assert_int_equal(x.r->nskipped, 1);
	assert_string_equal(x.r->skipped[0].path, "sub");
	assert_string_equal(x.r->skipped[0].why, "submodule, not scanned");
	/* a binary file the content leaf selects, listed once whatever the leaves */
	it.path = xstrdup("bin");
	it.skipped = xstrdup("is binary");
	it.read = 1;
	it.sel = xmalloc(2 * sizeof(*it.sel));
	it.sel[0] = 0;
	it.sel[1] = 1;
	it.nsel = 2;
	it.outs = xcalloc(2, sizeof(*it.outs));
	it.outs[0].leaf = 0;
	it.outs[0].kind = OUT_NOTE;
	it.outs[0].text = xstrdup("is binary");
	it.outs[1].leaf = 1;
	it.outs[1].kind = OUT_EVIDENCE;
	result_merge(x.r, &x.j, &it);
	assert_int_equal(x.r->nskipped, 2);
	assert_int_equal(x.r->blobs_read, 1);
	/* once the content leaf is settled, a file it alone would have read is not listed */
	atomic_store(&x.settled[0], 1);
	it.path = xstrdup("bin2");
	it.skipped = xstrdup("is binary");
	it.sel = xmalloc(sizeof(*it.sel));
	it.sel[0] = 0;
	it.nsel = 1;
	it.outs = xcalloc(1, sizeof(*it.outs));
	result_merge(x.r, &x.j, &it);
	assert_int_equal(x.r->nskipped, 2);
	res_fx_free(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence_and_newest_date),
		cmocka_unit_test(test_notes_and_errors),
		cmocka_unit_test(test_settles),
		cmocka_unit_test(test_skipped_once_when_it_mattered),
	};
	scan_result_free(NULL);
	item_free(NULL);
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
