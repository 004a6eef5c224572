/* test_facts.c - what a blob's contents show a leaf, and what that decides: through scan_run, and piece by piece. */
#include "scan_fx.h"

#include <limits.h>

#include "scan/internal.h"
#include "util/date.h"

/* ---- through scan_run ------------------------------------------------------------------ */

static void test_content_line_and_min_matches(void **state)
{
	const struct leaf_state *st = scan_with(
		*state, "{file: {paths: 'docs/runbooks/*.md', contains: {pattern: '(?i)rollback', min_matches: 2}}}",
		1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	assert_int_equal(st->ev[0].line, 9);
	st = scan_with(*state,
		       "{file: {paths: 'docs/runbooks/*.md', contains: {pattern: '(?i)rollback', min_matches: 3}}}",
		       1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_int_equal(st->nnotes, 2);
	assert_non_null(strstr(st->notes[0].why, "2 times, fewer than 3"));
}

static void test_crlf_lines(void **state)
{
	const struct leaf_state *st =
		scan_with(*state, "{file: {paths: ['crlf.txt', 'lf.txt'], contains: '^needle on three$'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 2);
	assert_string_equal(st->ev[0].path, "crlf.txt");
	assert_int_equal(st->ev[0].line, 3);
	assert_int_equal(st->ev[1].line, 3);
}

static void test_min_lines_and_not_contains(void **state)
{
	const struct leaf_state *st =
		scan_with(*state, "{file: {paths: docs/runbooks/stub.md, min_lines: 3}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	st = scan_with(*state, "{file: {paths: docs/runbooks/stub.md, min_lines: 4}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_non_null(strstr(st->notes[0].why, "has 3 lines, fewer than the 4"));
	st = scan_with(*state, "{file: {paths: docs/runbooks/stub.md, not_contains: '\\bTBD\\b'}}", 1 << 20);
	assert_int_equal(st->nsatisfied, 0);
	assert_int_equal(st->notes[0].at.line, 3);
	assert_non_null(strstr(st->notes[0].why, "at line 3"));
}

/* What one leaf's scan says, for comparing with the same leaf among others. */
static void same_leaf_state(const struct leaf_state *a, const struct leaf_state *b)
{
	size_t i;
	assert_int_equal(a->nselected, b->nselected);
	assert_int_equal(a->nsatisfied, b->nsatisfied);
	assert_int_equal(a->nev, b->nev);
	for (i = 0; i < a->nev; i++) {
		assert_string_equal(a->ev[i].path, b->ev[i].path);
		assert_int_equal(a->ev[i].line, b->ev[i].line);
	}
	assert_int_equal(a->nnotes, b->nnotes);
	for (i = 0; i < a->nnotes; i++) {
		assert_string_equal(a->notes[i].at.path, b->notes[i].at.path);
		assert_int_equal(a->notes[i].at.line, b->notes[i].at.line);
		assert_string_equal(a->notes[i].why, b->notes[i].why);
	}
}

/*
 * Leaves sharing a pattern search a blob for it once (facts.c,
 * first_match), as contains or as not_contains: each leaf still says what
 * it says alone, on the blob that matches (stub.md, TBD at line 3) and on
 * the one after it that does not (the search kept is the blob's own); a
 * caseless pattern of the same source is another pattern.
 */
static void test_shared_pattern_searched_once(void **state)
{
	static const char *const leaves[] = {
		"{file: {paths: 'docs/runbooks/*.md', not_contains: '\\bTBD\\b'}}",
		"{file: {paths: 'docs/runbooks/*.md', contains: '\\bTBD\\b'}}",
		"{file: {paths: 'docs/runbooks/*.md', not_contains: '(?i)\\btbd\\b'}}",
		"{file: {paths: ['docs/runbooks/*.md', 'docs/*.md'], contains: '\\bTBD\\b', not_contains: "
		"'\\bTBD\\b'}}",
	};
	struct fx *f = *state;
	struct leaf_state alone[4];
	struct scan_result *res;
	struct scan_opts o;
	char cond[1024];
	size_t i;

	memset(alone, 0, sizeof(alone));
	for (i = 0; i < 4; i++) {
		const struct leaf_state *st = scan_with(f, leaves[i], 1 << 20);
		alone[i] = *st;
		/* kept past the next scan: only the counts, paths and lines compared below (strings copied) */
		for (size_t k = 0; k < st->nev; k++)
			alone[i].ev[k].path = strdup(st->ev[k].path);
		for (size_t k = 0; k < st->nnotes; k++) {
			alone[i].notes[k].at.path = strdup(st->notes[k].at.path);
			alone[i].notes[k].why = strdup(st->notes[k].why);
		}
	}
	assert_int_equal(alone[0].nsatisfied, 1); /* deploy.md */
	assert_int_equal(alone[1].nsatisfied, 1); /* stub.md */
	assert_int_equal(alone[0].notes[0].at.line, 3);
	snprintf(cond, sizeof(cond), "{any: [%s, %s, %s, %s]}", leaves[0], leaves[1], leaves[2], leaves[3]);
	fx_rule(f, cond);
	o = fx_opts(f, 1 << 20);
	for (int jobs = 1; jobs <= 2; jobs++) {
		o.jobs = (unsigned)jobs;
		res = NULL;
		assert_int_equal(scan_run(&res, f->repo, f->target.tree, f->rs, &o), 0);
		assert_int_equal(res->nleaves, 4);
		for (i = 0; i < 4; i++)
			same_leaf_state(&res->leaves[i], &alone[i]);
		scan_result_free(res);
	}
	for (i = 0; i < 4; i++) {
		for (size_t k = 0; k < alone[i].nev; k++)
			free(alone[i].ev[k].path);
		for (size_t k = 0; k < alone[i].nnotes; k++) {
			free(alone[i].notes[k].at.path);
			free(alone[i].notes[k].why);
		}
	}
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
	const struct leaf_state *st = scan_with(
		*state, "{file: {paths: docs/drill.md, fresh: {pattern: 'drill: (\\d{4}-\\d{2}-\\d{2})', days: 30}}}",
		1 << 20);
	assert_int_equal(st->nsatisfied, 1);
	/* 2026-02-30 is not a date; 2026-05-20 is the newest valid one */
	assert_int_equal(st->newest_day, date_parse_day("2026-05-20", 10));
	assert_int_equal(st->newest.line, 6);
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

/* ---- facts_compute, facts_decide and facts_why on their own ---------------------------- */

/* every check at once, in the order they are made */
#define ALL_CHECKS                                                                                                     \
	"{file: {paths: x.md, executable: true, min_lines: 4, not_contains: TBD,"                                      \
	" contains: {pattern: rollback, min_matches: 2}, fresh: {pattern: 'drill: (\\d{4}-\\d{2}-\\d{2})', days: "     \
	"30}}}"

static long day_of(const char *ymd)
{
	return date_parse_day(ymd, 10);
}

/* facts_decide for leaf 0 of f->rs with the facts given; returns what it returned. */
static int decide(struct fx *f, const struct facts *ft, size_t nlines, int exec, long commit_day, struct why *why,
		  size_t *line, long *day, char **err)
{
	struct blob_facts bf;
	memset(&bf, 0, sizeof(bf));
	bf.seen = 1;
	bf.have_lines = 1;
	bf.nlines = nlines;
	return facts_decide(f->rs->leaves[0], ft, &bf, exec, "x.md", commit_day, why, line, day, err);
}

static void test_decide_in_check_order(void **state)
{
	struct fx *f = *state;
	long today = day_of("2026-06-01");
	struct facts ft;
	struct why why;
	size_t line;
	long day;
	char *err;

	fx_rule(f, ALL_CHECKS);
	memset(&ft, 0, sizeof(ft));
	ft.nc_rc = MATCH_OK;
	ft.nc_line = 7;
	assert_int_equal(decide(f, &ft, 10, 0, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_EXEC_NOT);
	assert_int_equal(decide(f, &ft, 3, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_LINES);
	assert_int_equal(why.n, 3);
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_NC_MATCH);
	assert_int_equal(line, 7);
	ft.nc_rc = MATCH_LIMIT_HIT;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_UNREADABLE);
	assert_non_null(err);
	assert_non_null(strstr(err, "pattern /TBD/ hit PCRE2's match limit"));
	assert_non_null(strstr(err, "in 'x.md'"));
	free(err);
	ft.nc_rc = MATCH_NONE;
	ft.c_rc = MATCH_NONE;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_NO_MATCH);
	ft.c_count = 1;
	ft.c_line = 5;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_FEW);
	assert_int_equal(why.n, 1);
	ft.c_count = 2;
	ft.c_rc = MATCH_OK;
	ft.f_rc = MATCH_NONE;
	ft.f_later = 1;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_LATER);
	ft.f_later = 0;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_NO_DATE);
	assert_null(err);
}

static void test_decide_fresh_from_kept_dates(void **state)
{
	struct fx *f = *state;
	long today = day_of("2026-06-01");
	struct facts ft;
	struct why why;
	size_t line;
	long day;
	char *err;

	fx_rule(f, ALL_CHECKS);
	memset(&ft, 0, sizeof(ft));
	ft.nc_rc = MATCH_NONE;
	ft.c_rc = MATCH_OK;
	ft.f_rc = MATCH_NONE;
	ft.c_count = 2;
	ft.c_line = 5;
	ft.nf = 2;
	ft.f[0].day = today + 5; /* after the commit: proves nothing */
	ft.f[0].line = 2;
	ft.f[1].day = today - 3;
	ft.f[1].line = 9;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_NONE);
	assert_int_equal(day, today - 3);
	assert_int_equal(line, 9);
	assert_null(err);
	/* only later dates kept and older ones dropped: the kept dates cannot tell */
	ft.nf = 1;
	ft.f_more = 1;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 0);
	/* nothing dropped: there is no date at or before the commit */
	ft.f_more = 0;
	assert_int_equal(decide(f, &ft, 10, 1, today, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_LATER);
}

static void test_decide_path_only_needs_no_facts(void **state)
{
	struct fx *f = *state;
	struct why why;
	size_t line;
	long day;
	char *err;

	fx_rule(f, "{file: {paths: x.md}}");
	assert_int_equal(decide(f, NULL, 0, 0, 0, &why, &line, &day, &err), 1);
	assert_int_equal(why.kind, WHY_NONE);
	assert_int_equal(line, 0);
	assert_int_equal(day, -1);
}

static void check_why(const struct leaf *l, enum why_kind kind, size_t n, const char *want)
{
	struct why w = {kind, n};
	char *got = facts_why(l, &w);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_why_words(void **state)
{
	struct fx *f = *state;
	const struct leaf *l;
	struct why none = {WHY_NONE, 0};

	fx_rule(f, ALL_CHECKS);
	l = f->rs->leaves[0];
	check_why(l, WHY_EXEC_NOT, 0, "is not executable");
	check_why(l, WHY_EXEC_IS, 0, "is executable");
	check_why(l, WHY_LINES, 1, "has 1 line, fewer than the 4 needed to hold real steps");
	check_why(l, WHY_NC_MATCH, 3, "matches /TBD/ at line 3");
	check_why(l, WHY_UNREADABLE, 0, "could not be read");
	check_why(l, WHY_NO_MATCH, 0, "does not match /rollback/");
	check_why(l, WHY_FEW, 1, "matches /rollback/ 1 time, fewer than 2");
	check_why(l, WHY_LATER, 0, "dates matching /drill: (\\d{4}-\\d{2}-\\d{2})/ are all after the scanned commit");
	check_why(l, WHY_NO_DATE, 0, "holds no date (YYYY-MM-DD) matching /drill: (\\d{4}-\\d{2}-\\d{2})/");
	assert_null(facts_why(l, &none));
	/* a long pattern is named, not quoted */
	fx_rule(f, "{file: {paths: x.md, contains: 'a{1}b{1}c{1}d{1}e{1}f{1}g{1}h{1}i{1}j{1}k{1}l{1}m{1}'}}");
	check_why(f->rs->leaves[0], WHY_NO_MATCH, 0, "does not match the pattern it looks for");
}

/* facts_compute with a worker of its own: no twins, no prefilter. */
static void compute(const struct leaf *l, const char *text, long cutoff, struct facts *out)
{
	struct scan_job j;
	struct worker wk;
	struct twin *twins[TW_N] = {NULL, NULL, NULL};
	struct subject sj;

	memset(&j, 0, sizeof(j));
	memset(&wk, 0, sizeof(wk));
	j.twins = twins;
	wk.job = &j;
	wk.mc = match_ctx_new();
	sj.data = text;
	sj.len = strlen(text);
	sj.ascii = 1;
	sj.generated = 0;
	facts_compute(&wk, l, &sj, scan_count_lines(text, sj.len), cutoff, out);
	match_ctx_free(wk.mc);
}

static void test_compute_stops_where_decided(void **state)
{
	struct fx *f = *state;
	struct facts ft;

	fx_rule(f, "{file: {paths: x.md, not_contains: TBD, contains: {pattern: rollback, min_matches: 2},"
		   " fresh: {pattern: 'on (\\d{4}-\\d{2}-\\d{2})', days: 30}}}");
	compute(f->rs->leaves[0], "a\nTBD\nrollback\nrollback\n", LONG_MAX, &ft);
	assert_int_equal(ft.have, HAVE_NC);
	assert_int_equal(ft.nc_rc, MATCH_OK);
	assert_int_equal(ft.nc_line, 2);
	compute(f->rs->leaves[0], "a\nrollback\nrollback\nrollback\n", LONG_MAX, &ft);
	assert_int_equal(ft.have, HAVE_NC | HAVE_C | HAVE_F);
	assert_int_equal(ft.c_count, 2); /* min_matches found: no need to count on */
	assert_int_equal(ft.c_line, 2);
	assert_int_equal(ft.nf, 0);
	compute(f->rs->leaves[0], "rollback once\n", LONG_MAX, &ft);
	assert_int_equal(ft.have, HAVE_NC | HAVE_C);
	assert_int_equal(ft.c_count, 1);
}

static void test_compute_keeps_newest_dates(void **state)
{
	struct fx *f = *state;
	const char *text = "on 2026-01-03\non 2026-01-01\non 2026-01-06\non 2026-01-02\n"
			   "on 2026-01-05\non 2026-01-04\non 2026-01-06\non 2026-02-30\n";
	struct facts ft;

	fx_rule(f, "{file: {paths: x.md, fresh: {pattern: 'on (\\d{4}-\\d{2}-\\d{2})', days: 30}}}");
	compute(f->rs->leaves[0], text, LONG_MAX, &ft);
	assert_int_equal(ft.nf, FRESH_KEEP);
	assert_int_equal(ft.f_more, 1);
	assert_int_equal(ft.f_later, 0);
	assert_int_equal(ft.f[0].day, day_of("2026-01-06"));
	assert_int_equal(ft.f[0].line, 3); /* its first occurrence */
	assert_int_equal(ft.f[1].day, day_of("2026-01-05"));
	assert_int_equal(ft.f[2].day, day_of("2026-01-04"));
	assert_int_equal(ft.f[3].day, day_of("2026-01-03"));
	assert_int_equal(ft.f[3].line, 1);
	/* with a cutoff, later dates are only noted */
	compute(f->rs->leaves[0], text, day_of("2026-01-04"), &ft);
	assert_int_equal(ft.nf, 4);
	assert_int_equal(ft.f_more, 0);
	assert_int_equal(ft.f_later, 1);
	assert_int_equal(ft.f[0].day, day_of("2026-01-04"));
	assert_int_equal(ft.f[0].line, 6);
}

/* A scan of the fixture with f->rs and o: the leaf's state checked, and whether the words were worked out. */
static int words_scan(struct fx *f, struct scan_opts o, int want_error, size_t want_satisfied, int *multi)
{
	struct scan_result *res = NULL;
	int built;
	assert_int_equal(scan_run(&res, f->repo, f->target.tree, f->rs, &o), 0);
	assert_int_equal(res->leaves[0].error != NULL, want_error);
	assert_int_equal(res->leaves[0].nsatisfied, want_satisfied);
	built = res->words_built;
	if (multi)
		*multi = res->filter != SCAN_FILTER_WORDS;
	scan_result_free(res);
	return built;
}

/*
 * With one Vectorscan pass the words each pattern needs are worked out only
 * when a pattern PCRE2 cannot finish asks them for a proof (facts.c,
 * words_may).  big.txt holds "needle" and "padding" but never
 * "needlepadding": the Vectorscan pass rules that pattern out before PCRE2
 * runs (no words); the nested repeat before "padding" spends its budget on
 * big.txt and neither filter rules it out (the words asked, an error).
 * Without Vectorscan the words filter up front, and prove the first absent.
 */
static void test_words_built_when_needed(void **state)
{
	struct fx *f = *state;
	struct scan_opts o;
	int multi;

	fx_rule(f, "{file: {paths: big.txt, contains: needle}}");
	o = fx_opts(f, 1 << 20);
	words_scan(f, o, 0, 1, &multi);
	if (!multi)
		skip(); /* built without Vectorscan: the words filter every scan */
	for (int jobs = 1; jobs <= 2; jobs++) {
		o = fx_opts(f, 1 << 20);
		o.jobs = (unsigned)jobs;
		fx_rule(f, "{file: {paths: big.txt, contains: needle}}");
		assert_int_equal(words_scan(f, o, 0, 1, NULL), 0);
		fx_rule(f, "{file: {paths: big.txt, contains: '(?:[a-z ]+)+(?<=e)needlepadding'}}");
		assert_int_equal(words_scan(f, o, 0, 0, NULL), 0);
		fx_rule(f, "{file: {paths: big.txt, contains: '(?:[a-z ]+)+(?<=e)padding'}}");
		assert_int_equal(words_scan(f, o, 1, 0, NULL), 1);
		o.no_multi = 1;
		fx_rule(f, "{file: {paths: big.txt, contains: needle}}");
		assert_int_equal(words_scan(f, o, 0, 1, NULL), 1);
		fx_rule(f, "{file: {paths: big.txt, contains: '(?:[a-z ]+)+(?<=e)needlepadding'}}");
		assert_int_equal(words_scan(f, o, 0, 0, NULL), 1);
	}
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_content_line_and_min_matches),
		T(test_crlf_lines),
		T(test_min_lines_and_not_contains),
		T(test_shared_pattern_searched_once),
		T(test_executable),
		T(test_fresh_newest_valid_date),
		cmocka_unit_test(test_lines),
		T(test_decide_in_check_order),
		T(test_decide_fresh_from_kept_dates),
		T(test_decide_path_only_needs_no_facts),
		T(test_why_words),
		T(test_compute_stops_where_decided),
		T(test_compute_keeps_newest_dates),
		T(test_words_built_when_needed),
	};
#undef T
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
