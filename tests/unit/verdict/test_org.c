/* test_org.c - merging reports: reading and checking them, naming, worst first, totals, warnings, changes. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report/org.h"
#include "util/buf.h"
#include "util/err.h"
#include "verdict/org.h"

/* A report as proofgate writes it, small: statuses for deploy and backup, proofs, gate. */
static char *report(const char *verdict, const char *deploy, const char *backup, int proven, const char *digest,
		    const char *version)
{
	struct buf b = BUF_INIT;
	buf_printf(
		&b,
		"{\n  \"tool\": {\"name\": \"proofgate\", \"version\": \"%s\"},\n"
		"  \"repository\": {\"rev\": \"HEAD\", \"commit\": \"c1719bcba2b8a968566982969018c273d92cd978\", "
		"\"tree\": \"4b825dc642cb6eb9a060e54bf8d69288fbee4904\", \"branch\": \"main\", \"commit_time\": 1},\n"
		"  \"rules_digest\": \"%s\", \"lang\": \"en\", \"verdict\": \"%s\",\n"
		"  \"gate\": {\"fail_on\": \"blocked\", \"source\": \"default\", \"branch\": \"main\", \"passed\": %s, "
		"\"decided\": true},\n"
		"  \"gaps\": [{\"rule\": \"x\", \"domain\": \"backup\", \"level\": \"required\", \"outcome\": "
		"\"fail\"}],\n"
		"  \"domains\": [{\"id\": \"deploy\", \"title\": \"Deploy\", \"status\": \"%s\", "
		"\"next_step\": \"أضف دليل النشر — and more than eight bytes of ASCII\"},\n"
		"              {\"id\": \"backup\", \"title\": \"Backup \\u003cb\\u003e\", \"status\": \"%s\"}],\n"
		"  \"rules\": [{\"id\": \"x\", \"evidence\": [{\"path\": \"a \\\"b\\\" \\\\ \\u00e9\", \"line\": "
		"null}], "
		"\"n\": [1, -2.5e3, 0.0, true, false, null, {}, []]}],\n"
		"  \"proofs\": [{\"id\": \"p1\", \"title\": \"P1\", \"status\": \"%s\"}, "
		"{\"id\": \"p2\", \"title\": \"P2\", \"status\": \"unproven\"}],\n"
		"  \"skipped\": []\n}\n",
		version, digest, verdict, strcmp(backup, "blocked") ? "true" : "false", deploy, backup,
		proven ? "proven" : "unproven");
	return buf_detach(&b);
}

#define D1 "sha1:1111111111111111111111111111111111111111"
#define D2 "sha1:2222222222222222222222222222222222222222"

static int add(struct org *o, const char *file, const char *json)
{
	return org_add_buffer(o, file, json, strlen(json));
}

static void test_reads_and_merges_worst_first(void **state)
{
	struct org *o = org_new();
	char *a = report("go", "ready", "ready", 1, D1, "0.1.0"),
	     *b = report("stop", "ready", "blocked", 0, D1, "0.1.0"),
	     *c = report("stop", "readiness-only", "blocked", 1, D1, "0.1.0");
	(void)state;
	assert_int_equal(add(o, "reports/api.json", a), 0);
	assert_int_equal(add(o, "reports/web.json", b), 0);
	assert_int_equal(add(o, "reports/db.json", c), 0);
	org_finish(o);
	assert_int_equal(o->nrepos, 3);
	assert_int_equal(o->nerrors, 0);
	/* stop first; then the failed gate and more blocked or readiness-only domains */
	assert_string_equal(o->repos[0].name, "db");
	assert_string_equal(o->repos[1].name, "web");
	assert_string_equal(o->repos[2].name, "api");
	assert_int_equal(o->repos[2].go, 1);
	assert_int_equal(o->repos[0].nproven, 1);
	assert_string_equal(o->repos[0].proven[0], "p1");
	assert_int_equal(o->repos[0].nproofs, 2);
	assert_int_equal(o->repos[0].ngaps, 1);
	assert_string_equal(o->repos[0].branch, "main");
	/* totals: backup blocked in 2 of 3 */
	assert_int_equal(o->ndomains, 2);
	assert_string_equal(o->domains[1].id, "backup");
	assert_string_equal(o->domains[1].title, "Backup <b>");
	assert_int_equal(o->domains[1].count[STATUS_BLOCKED], 2);
	assert_int_equal(o->domains[1].present, 3);
	assert_int_equal(o->domains[0].count[STATUS_READINESS_ONLY], 1);
	assert_int_equal(o->ngo, 1);
	assert_int_equal(o->ngate_failed, 2);
	assert_int_equal(o->ndigests, 1);
	free(a);
	free(b);
	free(c);
	org_free(o);
}

static void test_damaged_reports_are_named_and_the_rest_merge(void **state)
{
	struct org *o = org_new();
	char *good = report("go", "ready", "ready", 1, D1, "0.1.0");
	size_t n = strlen(good);
	(void)state;
	/* every cut of a report is an error: the skim reads to the end */
	for (size_t cut = 0; cut < n - 1; cut += 7) {
		assert_int_equal(org_add_buffer(o, "cut.json", good, cut), -1);
		assert_true(o->errors[o->nerrors - 1].problem == ORG_TRUNCATED ||
			    o->errors[o->nerrors - 1].problem == ORG_NOT_JSON);
	}
	assert_int_equal(org_add_buffer(o, "cut.json", good, n / 2), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_TRUNCATED);
	assert_non_null(strstr(err_last(), "cannot merge report 'cut.json': it ends too early (truncated): line "));
	assert_int_equal(add(o, "x.json", "{\"tool\": {\"name\": \"proofgate\"},}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_NOT_JSON);
	assert_string_equal(o->errors[o->nerrors - 1].detail, "line 1, column 32");
	assert_int_equal(add(o, "x.json", "{\"a\": \"\x01\"}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_NOT_JSON);
	assert_int_equal(add(o, "x.json", "{\"a\": \"\\q\"}"), -1);
	assert_int_equal(add(o, "x.json", "{\"a\": 01}"), -1);
	assert_int_equal(add(o, "x.json", "{\"a\": 1} x"), -1);
	/* UTF-8 inside strings only, whole; a sequence the end cuts is truncation */
	assert_int_equal(add(o, "x.json", "{\"a\": \"\xd8\"}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_NOT_JSON);
	assert_int_equal(add(o, "x.json", "{\"a\": \"\xed\xa0\x80\"}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_NOT_JSON);
	assert_int_equal(add(o, "x.json", "{\"\xd8\xa7\": 1, \xd8\xa7}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_NOT_JSON);
	assert_int_equal(add(o, "x.json", "{\"a\": \"abcdefghij\xe2\x80"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_TRUNCATED);
	assert_int_equal(add(o, "bad\xff.json", "{\"a\": \"\xff\"}"), -1);
	assert_non_null(strstr(err_last(), "'bad\\xff.json'"));
	/* valid JSON, but not a report of proofgate's */
	assert_int_equal(add(o, "sarif.json", "{\"version\": \"2.1.0\", \"runs\": []}"), -1);
	assert_int_equal(o->errors[o->nerrors - 1].problem, ORG_BAD_FIELD);
	assert_string_equal(o->errors[o->nerrors - 1].detail, "tool");
	{
		char *bad = report("go", "ready", "nearly", 1, D1, "0.1.0");
		assert_int_equal(add(o, "odd.json", bad), -1);
		assert_string_equal(o->errors[o->nerrors - 1].detail, "domains[1].status");
		free(bad);
	}
	/* nothing a damaged report held is left in the view */
	assert_int_equal(o->ndomains, 0);
	assert_int_equal(add(o, "fine.json", good), 0);
	org_finish(o);
	assert_int_equal(o->nrepos, 1);
	assert_int_equal(o->ndomains, 2);
	free(good);
	org_free(o);
}

static void test_names_digests_and_versions(void **state)
{
	struct org *o = org_new();
	char *a = report("stop", "ready", "blocked", 0, D1, "0.1.0"),
	     *b = report("stop", "ready", "blocked", 0, D2, "0.2.0");
	(void)state;
	assert_int_equal(add(o, "out/api/proofgate.json", a), 0);
	assert_int_equal(add(o, "out/web/proofgate.json", a), 0);
	assert_int_equal(add(o, "x/web/proofgate.json", b), 0);
	assert_int_equal(add(o, "solo.json", a), 0);
	org_finish(o);
	/* the same name twice: the folder too; still the same: the whole path */
	assert_string_equal(o->repos[0].name, "api/proofgate");
	assert_string_equal(o->repos[1].name, "out/web/proofgate.json");
	assert_string_equal(o->repos[2].name, "solo");
	assert_string_equal(o->repos[3].name, "x/web/proofgate.json");
	assert_int_equal(o->ndigests, 2);
	assert_string_equal(o->digests[0].value, D1);
	assert_int_equal(o->digests[0].count, 3);
	assert_int_equal(o->nversions, 2);
	assert_int_equal(org_lang(o), LANG_EN);
	free(a);
	free(b);
	org_free(o);
}

static void test_changes_since_a_previous_merge(void **state)
{
	struct org *before = org_new(), *after = org_new();
	char *a = report("stop", "ready", "blocked", 0, D1, "0.1.0"),
	     *a2 = report("go", "ready", "ready", 1, D1, "0.1.0");
	char path[] = "/tmp/proofgate-test-org-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	(void)state;
	assert_int_equal(add(before, "api.json", a), 0);
	assert_int_equal(add(before, "gone.json", a), 0);
	org_finish(before);
	assert_int_equal(report_org_json(f, before, "0.1.0", LANG_EN), 0);
	fclose(f);
	assert_int_equal(add(after, "api.json", a2), 0);
	assert_int_equal(add(after, "new.json", a), 0);
	org_finish(after);
	assert_int_equal(org_compare(after, path), 0);
	/* api: stop to go, backup blocked to ready; new appeared; gone went */
	assert_int_equal(after->nchanges, 4);
	assert_string_equal(after->changes[0].repo, "new");
	assert_null(after->changes[0].domain);
	assert_int_equal(after->changes[0].before, -1);
	assert_string_equal(after->changes[1].repo, "api");
	assert_null(after->changes[1].domain);
	assert_int_equal(after->changes[1].after, 1);
	assert_string_equal(after->changes[2].domain, "backup");
	assert_int_equal(after->changes[2].before, STATUS_BLOCKED);
	assert_int_equal(after->changes[2].after, STATUS_READY);
	assert_string_equal(after->changes[3].repo, "gone");
	assert_int_equal(after->changes[3].after, -1);
	assert_string_equal(after->previous, path);
	/* a report is no previous merge */
	f = fopen(path, "w");
	fputs(a, f);
	fclose(f);
	assert_int_equal(org_compare(after, path), -1);
	assert_non_null(strstr(err_last(), "is not what 'proofgate merge --json' writes"));
	remove(path);
	free(a);
	free(a2);
	org_free(before);
	org_free(after);
}

static void test_outputs_escape_and_warn(void **state)
{
	struct org *o = org_new();
	char *a = report("stop", "ready", "blocked", 0, D1, "0.1.0"),
	     *b = report("go", "ready", "ready", 0, D2, "0.1.0");
	char *out = NULL;
	size_t len = 0;
	FILE *m;
	struct page pg;
	(void)state;
	assert_int_equal(add(o, "<img src=x onerror=y>.json", a), 0);
	assert_int_equal(add(o, "b.json", b), 0);
	assert_int_equal(add(o, "cut.json", "{\"tool\": "), -1);
	org_finish(o);
	memset(&pg, 0, sizeof(pg));
	m = open_memstream(&out, &len);
	assert_int_equal(report_org_html(m, o, &pg, "0.1.0"), 0);
	fclose(m);
	assert_null(strstr(out, "<img"));
	assert_non_null(strstr(out, "&lt;img src=x onerror=y&gt;"));
	assert_non_null(strstr(out, "Backup &lt;b&gt;"));
	assert_non_null(strstr(out, "class=\"banner\""));
	assert_non_null(strstr(out, D2));
	assert_non_null(strstr(out, "data-problem=\"truncated\""));
	/* blocked in 1 of 2 */
	assert_non_null(strstr(out, "data-status=\"blocked\" data-count=\"1\""));
	free(out);
	out = NULL;
	m = open_memstream(&out, &len);
	assert_int_equal(report_org_markdown(m, o, LANG_AR), 0);
	fclose(m);
	assert_non_null(strstr(out, "| Backup \\<b\\> | محجوب في 1 من 2 |"));
	assert_non_null(strstr(out, "\\<img src=x onerror=y\\>"));
	free(out);
	free(a);
	free(b);
	org_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_and_merges_worst_first),
		cmocka_unit_test(test_damaged_reports_are_named_and_the_rest_merge),
		cmocka_unit_test(test_names_digests_and_versions),
		cmocka_unit_test(test_changes_since_a_previous_merge),
		cmocka_unit_test(test_outputs_escape_and_warn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
