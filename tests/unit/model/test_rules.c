/* test_rules.c - rule packs: loading, the model, strict validation with file, line and column. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/rules.h"

struct fx {
	struct rules *rs; /* what the test loaded; teardown frees it */
	struct rules *rs2;
	char dir[64]; /* a scratch folder for rules_add_path */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pg-test-rules-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Removes dir and everything in it (one level of subfolders is enough here). */
static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rm_tree(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rules_free(f->rs);
	rules_free(f->rs2);
	rm_tree(f->dir);
	free(f);
	return 0;
}

static void print_diags(const struct rules *rs)
{
	size_t i;
	for (i = 0; i < rs->diags.n; i++)
		print_message("  diag %s:%d:%d: %s\n",
			      rs->diags.items[i].at.file ? rs->diags.items[i].at.file : "(null)",
			      rs->diags.items[i].at.line, rs->diags.items[i].at.col, rs->diags.items[i].msg);
}

/* Asserts a diag holding needle at line:col (0: any line or column). */
static void expect_diag_at(const struct rules *rs, const char *needle, int line, int col, const char *src_file,
			   int src_line)
{
	size_t i;
	for (i = 0; i < rs->diags.n; i++)
		if (strstr(rs->diags.items[i].msg, needle) && (line == 0 || rs->diags.items[i].at.line == line) &&
		    (col == 0 || rs->diags.items[i].at.col == col))
			return;
	print_diags(rs);
	_fail(src_file, src_line);
}

#define EXPECT(rs, needle, line, col) expect_diag_at((rs), (needle), (line), (col), __FILE__, __LINE__)

static void expect_clean(const struct rules *rs, const char *src_file, int src_line)
{
	if (rs->diags.n == 0)
		return;
	print_diags(rs);
	_fail(src_file, src_line);
}

#define CLEAN(rs) expect_clean((rs), __FILE__, __LINE__)

static struct rules *load(struct fx *f, const char *yaml)
{
	rules_free(f->rs);
	f->rs = load_rules_string(yaml);
	assert_non_null(f->rs);
	return f->rs;
}

/* Loads yaml and expects it to be refused with a diag holding needle at line:col, in test.yml. */
static void refused(struct fx *f, const char *yaml, const char *needle, int line, int col, const char *src_file,
		    int src_line)
{
	struct rules *rs = load(f, yaml);
	size_t i;
	expect_diag_at(rs, needle, line, col, src_file, src_line);
	for (i = 0; i < rs->diags.n; i++)
		if (!rs->diags.items[i].at.file || strcmp(rs->diags.items[i].at.file, "test.yml")) {
			print_diags(rs);
			_fail(src_file, src_line);
		}
}

#define REFUSED(f, yaml, needle, line, col) refused((f), (yaml), (needle), (line), (col), __FILE__, __LINE__)

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	FILE *fp;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

/*
 * PRE is five lines: one domain d, one proof p, then "rules:" so that the
 * first rule starts on line 6.  RULE is that rule up to "    evidence:" (line 11).
 */
#define PRE "domains:\n  - {id: d, title: D}\nproofs:\n  - {id: p, title: P}\nrules:\n"
#define RULE                                                                                                           \
	"  - id: r\n"                                                                                                  \
	"    domain: d\n"                                                                                              \
	"    level: required\n"                                                                                        \
	"    title: T\n"                                                                                               \
	"    next_step: N\n"                                                                                           \
	"    evidence:\n"
/* the rule's evidence: a file leaf starting on line 12, its selector on line 13 */
#define LEAF(sel) PRE RULE "      file:\n" sel

static const char valid_pack[] =
	"domains:\n"
	"  - id: backup\n"
	"    order: 20\n"
	"    title: {en: Backup and restore, ar: \"\xd8\xa7\xd9\x84\xd9\x86\xd8\xb3\xd8\xae\"}\n"
	"    next_step: {en: Keep restore drills on the calendar}\n"
	"  - id: deployment\n"
	"    order: 10\n"
	"    title: Deployment\n"
	"  - id: alerting\n"
	"    title: Alerting\n" /* no order: its position, 2 */
	"proofs:\n"
	"  - id: backup\n"
	"    title: {en: Backup proof}\n"
	"  - id: production-claim\n"
	"    title: Production claim\n"
	"    description: every other proof\n"
	"    requires: [backup]\n"
	"exclude: [\"**/node_modules/**\", \"**/*.lock\"]\n"
	"rules:\n"
	"  - id: backup.script\n"
	"    domain: backup\n"
	"    level: required\n"
	"    title: {en: Database backup command, ar: \"\xd8\xa3\xd9\x85\xd8\xb1\"}\n"
	"    description: A real backup command\n"
	"    next_step:\n"
	"      en: Create a backup command\n"
	"    proofs: [backup, production-claim]\n"
	"    links: [https://example.org/backup]\n"
	"    evidence:\n"
	"      all:\n"
	"        - file:\n"
	"            paths: [\"{scripts,bin}/**/*backup*\"]\n"
	"            contains: {pattern: '\\b(pg_dump|restic)\\b', min_matches: 2, ignore_case: true}\n"
	"            not_contains: '(?i)\\b(placeholder|TODO)\\b'\n"
	"            min_lines: 5\n"
	"            executable: true\n"
	"            min_files: 1\n"
	"            what: a backup script\n"
	"        - any:\n"
	"            - file: {paths: docs/restore.md, fresh: {pattern: 'drill: (\\d{4}-\\d{2}-\\d{2})', days: 90}}\n"
	"            - no_file: {paths: '*.dump', exclude: [tmp/**], ignore_case: true}\n"
	"  - id: deploy.ci\n"
	"    domain: deployment\n"
	"    level: expected\n"
	"    title: CI\n"
	"    next_step: Add CI\n"
	"    evidence: {file: {paths: \".github/workflows/*.{yml,yaml}\"}}\n"
	"  - id: alert.pager\n"
	"    domain: alerting\n"
	"    level: advisory\n"
	"    title: Pager\n"
	"    next_step: Add a pager\n"
	"    evidence: {no_file: {paths: PAGER_TODO}}\n";

static int is_hex(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- a valid pack ---------------------------------------------------------- */

static void test_valid_pack_loads(void **state)
{
	struct fx *f = *state;
	struct rules *rs = load(f, valid_pack);
	struct rule *r;
	struct leaf *l;
	long i;

	CLEAN(rs);
	assert_int_equal(rs->ndomains, 3);
	assert_int_equal(rs->nproofs, 2);
	assert_int_equal(rs->nrules, 3);
	/* sorted by order: alerting (2, its position), deployment (10), backup (20) */
	assert_string_equal(rs->domains[0].id, "alerting");
	assert_int_equal(rs->domains[0].order, 2);
	assert_string_equal(rs->domains[1].id, "deployment");
	assert_string_equal(rs->domains[2].id, "backup");
	assert_string_equal(rs->domains[2].title.en, "Backup and restore");
	assert_string_equal(rs->domains[2].title.ar, "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb3\xd8\xae");
	assert_string_equal(text_get(&rs->domains[2].title, LANG_AR), "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb3\xd8\xae");
	assert_string_equal(text_get(&rs->domains[1].title, LANG_AR), "Deployment"); /* falls back to English */
	assert_string_equal(rs->domains[2].next_step.en, "Keep restore drills on the calendar");
	assert_int_equal(rs->domains[2].at.line, 2);
	assert_int_equal(rs->domains[2].at.col, 5);
	assert_string_equal(rs->domains[2].at.file, "test.yml");

	/* rules point at their domain after the sort */
	i = rules_find_rule(rs, "backup.script");
	assert_true(i >= 0);
	r = &rs->rules[i];
	assert_string_equal(rs->domains[r->domain].id, "backup");
	assert_int_equal(r->level, LEVEL_REQUIRED);
	assert_string_equal(r->title.ar, "\xd8\xa3\xd9\x85\xd8\xb1");
	assert_string_equal(r->next_step.en, "Create a backup command");
	assert_int_equal(r->nproofs, 2);
	assert_string_equal(rs->proofs[r->proof_idx[1]].id, "production-claim");
	assert_int_equal(r->nlinks, 1);
	assert_int_equal(r->at.line, 20);
	assert_int_equal(rs->rules[rules_find_rule(rs, "deploy.ci")].level, LEVEL_EXPECTED);
	assert_string_equal(rs->domains[rs->rules[rules_find_rule(rs, "deploy.ci")].domain].id, "deployment");
	assert_int_equal(rs->rules[rules_find_rule(rs, "alert.pager")].level, LEVEL_ADVISORY);
	assert_string_equal(level_name(LEVEL_ADVISORY), "advisory");

	/* the evidence tree: all(file, any(file, no_file)) */
	assert_int_equal(r->evidence->kind, COND_ALL);
	assert_int_equal(r->evidence->nkids, 2);
	assert_int_equal(r->evidence->kids[1]->kind, COND_ANY);
	l = r->evidence->kids[0]->leaf;
	assert_non_null(l);
	assert_int_equal(l->negated, 0);
	assert_int_equal(l->npaths, 1);
	assert_int_equal(l->nexclude, 2); /* the pack's */
	assert_non_null(l->contains);
	assert_int_equal(l->min_matches, 2);
	assert_non_null(l->not_contains);
	assert_int_equal(l->min_lines, 5);
	assert_int_equal(l->executable, 1);
	assert_string_equal(l->what.en, "a backup script");
	assert_true(leaf_needs_content(l));
	assert_true(match_glob_path(l->paths[0], "scripts/db/nightly-backup.sh", 28));
	l = r->evidence->kids[1]->kids[0]->leaf;
	assert_non_null(l->fresh);
	assert_int_equal(l->fresh_days, 90);
	assert_int_equal(l->executable, -1);
	l = r->evidence->kids[1]->kids[1]->leaf;
	assert_int_equal(l->negated, 1);
	/* a forbidding leaf keeps only its own exclude, not the pack's two (docs/rules.md) */
	assert_int_equal(l->nexclude, 1);
	assert_true(match_glob_path(l->exclude[0], "tmp/x.dump", 10));
	assert_false(leaf_needs_content(l));
	assert_true(match_glob_path(l->paths[0], "A/B.DUMP", 8)); /* ignore_case, any depth */

	/* leaves collected from every rule, each knowing its index */
	assert_int_equal(rs->nleaves, 5);
	for (i = 0; i < (long)rs->nleaves; i++)
		assert_int_equal(rs->leaves[i]->index, (size_t)i);

	assert_int_equal(rs->proofs[rules_find_proof(rs, "production-claim")].nrequires, 1);
	assert_int_equal(rules_find_domain(rs, "nope"), -1);
	assert_int_equal(rules_find_rule(rs, "nope"), -1);
	assert_int_equal(rules_find_proof(rs, "nope"), -1);
}

static void test_digest(void **state)
{
	struct fx *f = *state;
	char first[sizeof(f->rs->digest)];
	char *changed;

	load(f, valid_pack);
	CLEAN(f->rs);
	assert_int_equal(strlen(f->rs->digest), 45);
	assert_memory_equal(f->rs->digest, "sha1:", 5);
	assert_true(is_hex(f->rs->digest + 5, 40));
	memcpy(first, f->rs->digest, sizeof(first));

	/* the same input, the same digest */
	load(f, valid_pack);
	assert_string_equal(f->rs->digest, first);

	/* one byte more (a comment), another digest */
	changed = malloc(strlen(valid_pack) + 4);
	assert_non_null(changed);
	strcpy(changed, valid_pack);
	strcat(changed, "#x\n");
	load(f, changed);
	free(changed);
	CLEAN(f->rs);
	assert_true(is_hex(f->rs->digest + 5, 40));
	assert_string_not_equal(f->rs->digest, first);

	/* the same bytes under another name: another pack, another digest */
	f->rs2 = rules_new();
	assert_int_equal(rules_add_buffer(f->rs2, "other.yml", valid_pack, strlen(valid_pack)), 0);
	assert_int_equal(rules_finish(f->rs2), 0);
	assert_string_not_equal(f->rs2->digest, first);
}

static void test_two_packs_share_names(void **state)
{
	struct fx *f = *state;
	static const char a[] = "domains: [{id: ops, title: Ops}]\nproofs: [{id: pr, title: P}]\n";
	static const char b[] =
		"rules:\n  - {id: ops.x, domain: ops, level: required, title: T, next_step: N, proofs: [pr],"
		" evidence: {file: {paths: x}}}\n";
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "a.yml", a, strlen(a)), 0);
	assert_int_equal(rules_add_buffer(f->rs, "b.yml", b, strlen(b)), 0);
	assert_int_equal(rules_finish(f->rs), 0);
	CLEAN(f->rs);
	assert_int_equal(f->rs->nrules, 1);
	assert_string_equal(f->rs->rules[0].at.file, "b.yml");
	assert_int_equal(f->rs->nfiles, 2);
}

/* ---- malformed YAML ---------------------------------------------------------- */

static void test_yaml_bad_indentation(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains:\n  - id: d\n   title: D\n", "malformed YAML", 3, 4);
	REFUSED(f, "domains:\n  - id: d\n    title: D\n  x: 1\n", "malformed YAML", 4, 3);
}

static void test_yaml_unclosed_quote(void **state)
{
	struct fx *f = *state;
	/* found at the end of the file; the message says where the quote opens */
	REFUSED(f, "rules:\n  - id: 'r\n    domain: d\n", "quoted scalar that starts at line 2, column 9", 4, 1);
	REFUSED(f, "rules:\n  - id: \"r\n", "quoted scalar that starts at line 2, column 9", 3, 1);
	REFUSED(f, "domains: \"d\nrules: []\n", "malformed YAML: found unexpected end of stream", 3, 1);
	REFUSED(f, "domains: [{id: d, title: D}\n", "flow sequence that starts at line 1, column 10", 2, 1);
}

static void test_yaml_tab_indentation(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains:\n  - id: d\n\ttitle: D\n", "tab", 3, 1);
	REFUSED(f, "rules:\n\t- id: r\n", "malformed YAML", 2, 1);
	REFUSED(f, "rules:\n\t- id: r\n", "indent YAML with spaces, not tabs", 2, 1);
}

static void test_yaml_second_document(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains: [{id: d, title: D}]\n---\nrules: []\n", "second", 2, 1);
	REFUSED(f, "---\ndomains: [{id: d, title: D}]\n...\n---\nproofs: []\n", "second", 4, 1);
	/* a malformed second document is malformed YAML, with its place */
	REFUSED(f, "domains: [{id: d, title: D}]\n---\nx: [\n", "malformed YAML", 4, 1);
}

static void test_yaml_empty_and_scalar_root(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "", "empty rule pack", 1, 1);
	REFUSED(f, "# only a comment\n\n", "empty rule pack", 1, 1);
	REFUSED(f, "just words\n", "must be a mapping, found a string", 1, 1);
	REFUSED(f, "\n\n  42\n", "must be a mapping, found a string", 3, 3);
	REFUSED(f, "- a\n- b\n", "must be a mapping, found a list", 1, 1);
	REFUSED(f, "{}\n", "needs at least one of domains, proofs or rules", 1, 1);
}

/* ---- strict keys ---------------------------------------------------------- */

static void test_unknown_keys_everywhere(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains: [{id: d, title: D}]\nrulez: []\n", "unknown key 'rulez'", 2, 1);
	REFUSED(f, "domains:\n  - id: d\n    title: D\n    colour: red\n", "domain: unknown key 'colour'", 4, 5);
	REFUSED(f, "proofs:\n  - id: p\n    title: P\n    require: [q]\n", "proof: unknown key 'require'", 4, 5);
	REFUSED(f, PRE RULE "      file: {paths: a}\n    severity: high\n", "rule: unknown key 'severity'", 13, 5);
	REFUSED(f, PRE RULE "      file: {paths: a}\n      also: x\n", "condition: unknown key 'also'", 13, 7);
	REFUSED(f, LEAF("        paths: a\n        contain: x\n"), "file: unknown key 'contain'", 14, 9);
	REFUSED(f, LEAF("        paths: a\n        fresh: {pattern: '(\\d+)', days: 3, weeks: 1}\n"),
		"fresh: unknown key 'weeks'", 14, 44);
	REFUSED(f, LEAF("        paths: a\n        contains: {pattern: x, ignorecase: true}\n"),
		"contains: unknown key 'ignorecase'", 14, 32);
	/* the message lists what is allowed */
	REFUSED(f, "domains:\n  - id: d\n    title: D\n    colour: red\n",
		"expected one of: id, title, order, next_step", 4, 5);
}

static void test_unknown_language(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains:\n  - id: d\n    title: {en: D, fr: E}\n", "unknown language 'fr'", 3, 20);
	REFUSED(f, "domains:\n  - id: d\n    title: {ar: \"\xd8\xaf\"}\n", "needs an English text (en)", 3, 12);
	REFUSED(f, "domains:\n  - id: d\n    title: [D]\n", "title must be a string or a mapping", 3, 12);
	REFUSED(f, "domains:\n  - id: d\n    title: {en: [D]}\n", "title must be a string, found a list", 3, 17);
}

static void test_wrong_types(void **state)
{
	struct fx *f = *state;
	/* a list where a string goes */
	REFUSED(f, "domains:\n  - id: [d]\n    title: D\n", "domain id must be a string, found a list", 2, 9);
	REFUSED(f,
		PRE "  - id: r\n    domain: [d]\n    level: required\n    title: T\n    next_step: N\n"
		    "    evidence: {file: {paths: a}}\n",
		"domain must be a string, found a list", 7, 13);
	/* a mapping where a list goes */
	REFUSED(f, "domains:\n  - {id: d, title: D}\nrules: {id: r}\n", "rules must be a list, found a mapping", 3, 8);
	REFUSED(f, PRE RULE "      file: {paths: a}\n    proofs: {p: 1}\n",
		"proofs must be a list of strings, found a mapping", 13, 13);
	REFUSED(f, LEAF("        paths: {a: b}\n"), "paths must be a list of strings, found a mapping", 13, 16);
	REFUSED(f, PRE RULE "      all: {file: {paths: a}}\n", "all must be a non-empty list of conditions", 12, 12);
	REFUSED(f, PRE RULE "      file: [paths, a]\n", "file must be a mapping, found a list", 12, 13);
	/* scalars of the wrong kind */
	REFUSED(f,
		PRE "  - id: r\n    domain: d\n    level: 3\n    title: T\n    next_step: N\n"
		    "    evidence: {file: {paths: a}}\n",
		"level must be required, expected or advisory, found '3'", 8, 12);
	REFUSED(f,
		PRE "  - id: r\n    domain: d\n    level: Required\n    title: T\n    next_step: N\n"
		    "    evidence: {file: {paths: a}}\n",
		"level must be required, expected or advisory", 8, 12);
	REFUSED(f, LEAF("        paths: a\n        executable: yes\n"), "executable must be true or false", 14, 21);
	REFUSED(f, LEAF("        paths: a\n        executable: 'true'\n"), "executable must be true or false", 14, 21);
	REFUSED(f, LEAF("        paths: a\n        executable: 1\n"), "executable must be true or false", 14, 21);
	REFUSED(f, LEAF("        paths: a\n        ignore_case: on\n"), "ignore_case must be true or false", 14, 22);
	REFUSED(f, LEAF("        paths: a\n        min_lines: ten\n"), "min_lines must be a whole number, found 'ten'",
		14, 20);
	REFUSED(f, LEAF("        paths: a\n        min_lines: 0\n"), "min_lines must be between 1", 14, 20);
	REFUSED(f, LEAF("        paths: a\n        min_lines: 5.5\n"), "min_lines must be a whole number", 14, 20);
	REFUSED(f, LEAF("        paths: a\n        min_lines: '5'\n"), "min_lines must be a whole number", 14, 20);
	REFUSED(f, LEAF("        paths: a\n        min_lines: 99999999999999999999999\n"),
		"min_lines must be a whole number", 14, 20);
	REFUSED(f, "domains:\n  - {id: d, title: D, order: first}\n", "order must be a whole number, found 'first'", 2,
		30);
	REFUSED(f, LEAF("        paths: a\n        fresh: {pattern: '(\\d+)', days: -1}\n"),
		"fresh.days must be between 0", 14, 41);
	REFUSED(f, LEAF("        paths: a\n        contains: {pattern: x, min_matches: 0}\n"),
		"min_matches must be between 1", 14, 45);
	REFUSED(f, LEAF("        paths: a\n        not_contains: {pattern: x, min_matches: 2}\n"),
		"min_matches is allowed only under contains", 14, 49);
	REFUSED(f, PRE RULE "      no_file: {paths: a, min_files: 2}\n", "min_files has no meaning here", 12, 38);
	/* an empty value is no string */
	REFUSED(f, "domains:\n  - id: d\n    title:\n", "title must be a string, found an empty value", 3, 11);
}

static void test_missing_required_keys(void **state)
{
	struct fx *f = *state;
	/* each is reported at the mapping that lacks it */
	REFUSED(f, "domains:\n  - title: D\n", "missing required key 'id'", 2, 5);
	REFUSED(f, "domains:\n  - id: d\n", "missing required key 'title'", 2, 5);
	REFUSED(f, "proofs:\n  - id: p\n", "missing required key 'title'", 2, 5);
	REFUSED(f,
		PRE "  - domain: d\n    level: required\n    title: T\n    next_step: N\n    evidence: {file: {paths: "
		    "a}}\n",
		"missing required key 'id'", 6, 5);
	REFUSED(f,
		PRE
		"  - id: r\n    level: required\n    title: T\n    next_step: N\n    evidence: {file: {paths: a}}\n",
		"missing required key 'domain'", 6, 5);
	REFUSED(f, PRE "  - id: r\n    domain: d\n    title: T\n    next_step: N\n    evidence: {file: {paths: a}}\n",
		"missing required key 'level'", 6, 5);
	REFUSED(f,
		PRE
		"  - id: r\n    domain: d\n    level: required\n    next_step: N\n    evidence: {file: {paths: a}}\n",
		"missing required key 'title'", 6, 5);
	REFUSED(f,
		PRE "  - id: r\n    domain: d\n    level: required\n    title: T\n    evidence: {file: {paths: a}}\n",
		"missing required key 'next_step'", 6, 5);
	REFUSED(f, PRE "  - id: r\n    domain: d\n    level: required\n    title: T\n    next_step: N\n",
		"missing required key 'evidence'", 6, 5);
	REFUSED(f, LEAF("        contains: x\n"), "missing required key 'paths'", 13, 9);
	REFUSED(f, LEAF("        paths: a\n        fresh: {pattern: '(\\d+)'}\n"), "missing required key 'days'", 14,
		16);
	REFUSED(f, LEAF("        paths: a\n        fresh: {days: 3}\n"), "missing required key 'pattern'", 14, 16);
	REFUSED(f, LEAF("        paths: a\n        contains: {min_matches: 3}\n"), "missing required key 'pattern'", 14,
		19);
	REFUSED(f, LEAF("        paths: []\n"), "paths must list at least one glob", 13, 16);
}

static void test_duplicate_keys(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains: [{id: d, title: D, title: E}]\n", "duplicate key 'title'", 1, 29);
	REFUSED(f, "domains: [{id: d, title: D}]\ndomains: [{id: e, title: E}]\n", "duplicate key 'domains'", 2, 1);
	REFUSED(f, PRE RULE "      file: {paths: a}\n    level: advisory\n", "duplicate key 'level'", 13, 5);
	REFUSED(f, LEAF("        paths: a\n        paths: b\n"), "duplicate key 'paths'", 14, 9);
	REFUSED(f, PRE RULE "      file: {paths: a}\n      file: {paths: b}\n", "duplicate key 'file'", 13, 7);
	/* in a text mapping too: the second en must not silently win */
	REFUSED(f, "domains:\n  - id: d\n    title: {en: D, en: E}\n", "duplicate key 'en'", 3, 20);
	REFUSED(f, "domains:\n  - id: d\n    title: {en: D, ar: \"\xd8\xaf\", ar: \"\xd8\xaf\"}\n",
		"duplicate key 'ar'", 3, 0);
}

/* ---- ids and references ---------------------------------------------------------- */

static void test_duplicate_ids_in_a_pack(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains:\n  - {id: d, title: D}\n  - {id: d, title: E}\n",
		"duplicate domain id 'd' (first defined at test.yml:2)", 3, 5);
	REFUSED(f, "proofs:\n  - {id: p, title: P}\n  - {id: p, title: Q}\n",
		"duplicate proof id 'p' (first defined at test.yml:2)", 3, 5);
	REFUSED(f, PRE RULE "      file: {paths: a}\n" RULE "      file: {paths: b}\n",
		"duplicate rule id 'r' (first defined at test.yml:6)", 13, 5);
}

static void test_duplicate_ids_three_times(void **state)
{
	struct fx *f = *state;
	/* every later copy is reported, in file order, each pointing at the first */
	load(f,
	     "domains:\n  - {id: b, title: B}\n  - {id: a, title: A}\n  - {id: b, title: B2}\n  - {id: a, title: A2}\n"
	     "  - {id: b, title: B3}\n");
	assert_int_equal(f->rs->diags.n, 3);
	assert_int_equal(f->rs->diags.items[0].at.line, 4);
	assert_non_null(strstr(f->rs->diags.items[0].msg, "duplicate domain id 'b' (first defined at test.yml:2)"));
	assert_int_equal(f->rs->diags.items[1].at.line, 5);
	assert_non_null(strstr(f->rs->diags.items[1].msg, "duplicate domain id 'a' (first defined at test.yml:3)"));
	assert_int_equal(f->rs->diags.items[2].at.line, 6);
	assert_non_null(strstr(f->rs->diags.items[2].msg, "duplicate domain id 'b' (first defined at test.yml:2)"));
}

/* A pack of n domains d0..d(n-1), a duplicate of d7 at the end, and one rule using the last domain. */
static char *many_domains(size_t n, size_t *len)
{
	char *s = malloc(n * 32 + 256);
	size_t i, k;
	assert_non_null(s);
	k = (size_t)sprintf(s, "domains:\n");
	for (i = 0; i < n; i++)
		k += (size_t)sprintf(s + k, "  - {id: d%zu, title: D}\n", i);
	k += (size_t)sprintf(s + k,
			     "  - {id: d7, title: again}\nrules:\n  - {id: r, domain: d%zu, level: advisory, title: T,"
			     " next_step: N, evidence: {file: {paths: a}}}\n",
			     n - 1);
	*len = k;
	return s;
}

static void test_large_pack(void **state)
{
	struct fx *f = *state;
	size_t n = 120000, len, i;
	char *s = many_domains(n, &len);

	/* no timing assertion (shared, noisy machines): a quadratic check would show in `make bench`-like runs, and a
	 * hang is caught by the test runner's timeout */
	assert_true(len < (4u << 20));
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "test.yml", s, len), 0);
	free(s);
	assert_int_equal(rules_finish(f->rs), -1);
	assert_int_equal(f->rs->diags.n, 1);
	EXPECT(f->rs, "duplicate domain id 'd7' (first defined at test.yml:9)", (int)n + 2, 5);
	assert_int_equal(f->rs->ndomains, n + 1);
	assert_string_equal(f->rs->domains[f->rs->rules[0].domain].id, "d119999");

	/* a chain of 60000 proofs: no deep recursion, no quadratic lookups */
	s = malloc(60000 * 48 + 256);
	assert_non_null(s);
	len = (size_t)sprintf(s, "proofs:\n");
	for (i = 0; i < 60000; i++)
		len += (size_t)sprintf(s + len, "  - {id: p%zu, title: P, requires: [p%zu]}\n", i, i + 1);
	len += (size_t)sprintf(s + len, "  - {id: p60000, title: P, requires: [p0]}\n");
	rules_free(f->rs);
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "test.yml", s, len), 0);
	assert_int_equal(rules_finish(f->rs), -1);
	EXPECT(f->rs, "is part of a requirement loop", 0, 0);
	assert_int_equal(f->rs->diags.n, 1);
	/* the same chain without the loop back */
	strcpy(strstr(s, "  - {id: p60000"), "  - {id: p60000, title: P}\n");
	rules_free(f->rs);
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "test.yml", s, strlen(s)), 0);
	free(s);
	rules_finish(f->rs);
	EXPECT(f->rs, "no rules loaded", 0, 0);
	assert_int_equal(f->rs->diags.n, 1);
}

static void test_duplicate_ids_across_packs(void **state)
{
	struct fx *f = *state;
	static const char a[] =
		"domains: [{id: d, title: D}]\nproofs: [{id: p, title: P}]\n"
		"rules: [{id: r, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: a}}}]\n";
	static const char b[] =
		"\ndomains: [{id: d, title: D2}]\nproofs: [{id: p, title: P2}]\n"
		"rules: [{id: r, domain: d, level: advisory, title: T, next_step: N, evidence: {file: {paths: b}}}]\n";
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "a.yml", a, strlen(a)), 0);
	assert_int_equal(rules_add_buffer(f->rs, "b.yml", b, strlen(b)), 0);
	assert_int_equal(rules_finish(f->rs), -1);
	EXPECT(f->rs, "duplicate domain id 'd' (first defined at a.yml:1)", 2, 11);
	EXPECT(f->rs, "duplicate proof id 'p' (first defined at a.yml:2)", 3, 10);
	EXPECT(f->rs, "duplicate rule id 'r' (first defined at a.yml:3)", 4, 9);
	assert_int_equal(f->rs->diags.n, 3);
	assert_string_equal(f->rs->diags.items[0].at.file, "b.yml");
}

static void test_unknown_references(void **state)
{
	struct fx *f = *state;
	REFUSED(f,
		PRE "  - id: r\n    domain: oncall\n    level: required\n    title: T\n    next_step: N\n"
		    "    evidence: {file: {paths: a}}\n",
		"rule 'r' names unknown domain 'oncall'", 7, 13);
	REFUSED(f, PRE RULE "      file: {paths: a}\n    proofs: [p, nope]\n", "rule 'r' names unknown proof 'nope'",
		13, 17);
	REFUSED(f, "proofs:\n  - {id: a, title: A, requires: [b]}\n", "proof 'a' requires unknown proof 'b'", 2, 34);
	/* a pack with rules and no domain at all */
	REFUSED(f,
		"rules: [{id: r, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: a}}}]\n",
		"unknown domain 'd'", 1, 25);
}

static void test_proof_loops(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "proofs:\n  - {id: a, title: A, requires: [a]}\n", "proof 'a' requires itself", 2, 34);
	REFUSED(f, "proofs:\n  - {id: a, title: A, requires: [b]}\n  - {id: b, title: B, requires: [a]}\n",
		"part of a requirement loop", 2, 5);
	/* the proof named is one in the loop, not one that merely leads to it */
	load(f, "proofs:\n  - {id: a, title: A, requires: [b]}\n  - {id: b, title: B, requires: [c]}\n"
		"  - {id: c, title: C, requires: [b]}\n");
	assert_true(f->rs->diags.n >= 1);
	assert_null(strstr(f->rs->diags.items[0].msg, "proof 'a'"));
	assert_non_null(strstr(f->rs->diags.items[0].msg, "requirement loop"));
	/* a chain without a loop is fine */
	load(f, "domains: [{id: d, title: D}]\nproofs:\n  - {id: a, title: A, requires: [b, c]}\n"
		"  - {id: b, title: B, requires: [c]}\n  - {id: c, title: C}\n"
		"rules: [{id: r, domain: d, level: required, title: T, next_step: N, proofs: [a], evidence: {file: "
		"{paths: a}}}]\n");
	CLEAN(f->rs);
}

static void test_bad_ids(void **state)
{
	struct fx *f = *state;
	REFUSED(f, "domains: [{id: Backup, title: D}]\n", "domain id 'Backup' must start with a lowercase letter", 1,
		16);
	REFUSED(f, "domains: [{id: 1st, title: D}]\n", "must start with a lowercase letter", 1, 16);
	REFUSED(f, "domains: [{id: 'a b', title: D}]\n", "may hold only a-z, 0-9", 1, 16);
	REFUSED(f, "proofs: [{id: a/b, title: P}]\n", "proof id 'a/b' may hold only", 1, 15);
	REFUSED(f, "proofs: [{id: \"\xd8\xaf\", title: P}]\n", "must start with a lowercase letter", 1, 15);
	REFUSED(f,
		PRE "  - id: r!\n    domain: d\n    level: required\n    title: T\n    next_step: N\n"
		    "    evidence: {file: {paths: a}}\n",
		"rule id 'r!' may hold only", 6, 9);
	REFUSED(f, "domains: [{id: '', title: D}]\n", "domain id '' must start with a lowercase letter", 1, 16);
	/* allowed characters */
	load(f, "domains: [{id: a0.b-c_d, title: D}]\n"
		"rules: [{id: a0.b-c_d.e, domain: a0.b-c_d, level: required, title: T, next_step: N, evidence: {file: "
		"{paths: a}}}]\n");
	CLEAN(f->rs);
}

/* ---- globs and patterns ---------------------------------------------------------- */

static void test_invalid_globs(void **state)
{
	struct fx *f = *state;
	REFUSED(f, LEAF("        paths: ['docs/[a']\n"),
		"invalid glob 'docs/[a': missing terminating ] for character class at offset 7", 13, 17);
	REFUSED(f, LEAF("        paths: [ok, '{a,b']\n"), "invalid glob '{a,b': unmatched '{' at offset 0", 13, 21);
	REFUSED(f, LEAF("        paths: a\n        exclude: 'x}'\n"), "invalid glob 'x}': unmatched '}' at offset 1",
		14, 18);
	REFUSED(f, "exclude: ['**/[x']\n" PRE RULE "      file: {paths: a}\n", "invalid glob '**/[x'", 1, 11);
	REFUSED(f, LEAF("        paths: ''\n"), "invalid glob '': empty glob", 13, 16);
}

/*
 * A glob written twice in a pack is compiled once and shared (packs repeat
 * their path lists through YAML anchors); the same text ignoring case is
 * another glob, and an invalid glob is reported at every place it is written.
 */
static void test_globs_shared(void **state)
{
	static const char pack_a[] = PRE "  - {id: r.a, domain: d, level: required, title: T, next_step: N,"
					 " evidence: {file: {paths: 'docs/*.md'}}}\n";
	static const char pack_b[] = "rules: [{id: r.b, domain: d, level: required, title: T, next_step: N,"
				     " evidence: {file: {paths: 'docs/*.md'}}}]\n";
	struct fx *f = *state;
	const struct leaf *a, *b, *c;

	load(f, PRE "  - {id: r.a, domain: d, level: required, title: T, next_step: N,\n"
		    "     evidence: {file: {paths: ['docs/*.md', 'x/**'], exclude: 'docs/old/**'}}}\n"
		    "  - {id: r.b, domain: d, level: required, title: T, next_step: N,\n"
		    "     evidence: {file: {paths: ['x/**', 'docs/*.md'], exclude: ['docs/old/**']}}}\n"
		    "  - {id: r.c, domain: d, level: required, title: T, next_step: N,\n"
		    "     evidence: {file: {paths: 'docs/*.md', ignore_case: true}}}\n");
	CLEAN(f->rs);
	assert_int_equal(f->rs->nrules, 3);
	a = f->rs->rules[0].evidence->leaf;
	b = f->rs->rules[1].evidence->leaf;
	c = f->rs->rules[2].evidence->leaf;
	assert_ptr_equal(a->paths[0], b->paths[1]);
	assert_ptr_equal(a->paths[1], b->paths[0]);
	assert_ptr_equal(a->exclude[0], b->exclude[0]);
	assert_ptr_not_equal(a->paths[0], c->paths[0]);
	assert_int_equal(a->paths[0]->caseless, 0);
	assert_int_equal(c->paths[0]->caseless, 1);
	assert_true(match_glob_path(a->paths[0], "docs/run.md", 11));
	assert_false(match_glob_path(a->paths[0], "DOCS/RUN.MD", 11));
	assert_true(match_glob_path(c->paths[0], "DOCS/RUN.MD", 11));

	/* across the files of a pack (the built-in one heads each with the same excludes) */
	f->rs2 = rules_new();
	assert_int_equal(rules_add_buffer(f->rs2, "a.yml", pack_a, sizeof(pack_a) - 1), 0);
	assert_int_equal(rules_add_buffer(f->rs2, "b.yml", pack_b, sizeof(pack_b) - 1), 0);
	assert_int_equal(rules_finish(f->rs2), 0);
	CLEAN(f->rs2);
	assert_int_equal(f->rs2->nrules, 2);
	assert_ptr_equal(f->rs2->rules[0].evidence->leaf->paths[0], f->rs2->rules[1].evidence->leaf->paths[0]);

	load(f, PRE
	     "  - {id: r.a, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: 'x/'}}}\n"
	     "  - {id: r.b, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: 'x/'}}}\n");
	assert_int_equal(f->rs->diags.n, 2);
	EXPECT(f->rs, "invalid glob 'x/'", 6, 0);
	EXPECT(f->rs, "invalid glob 'x/'", 7, 0);
}

static void test_invalid_regexes(void **state)
{
	struct fx *f = *state;
	REFUSED(f, LEAF("        paths: a\n        contains: '(pager'\n"),
		"contains: invalid regex '(pager': missing closing parenthesis at offset 6", 14, 19);
	REFUSED(f, LEAF("        paths: a\n        not_contains: {pattern: 'a{2,1}'}\n"),
		"not_contains: invalid regex 'a{2,1}'", 14, 33);
	REFUSED(f, LEAF("        paths: a\n        contains: {pattern: '[x', min_matches: 2}\n"), "at offset 2", 14,
		29);
	REFUSED(f, LEAF("        paths: a\n        fresh: {pattern: '(\\d+', days: 3}\n"),
		"fresh.pattern: invalid regex", 14, 26);
	REFUSED(f, LEAF("        paths: a\n        contains: '\\p{Klingon}'\n"), "invalid regex", 14, 19);
}

static void test_fresh_needs_a_group(void **state)
{
	struct fx *f = *state;
	REFUSED(f, LEAF("        paths: a\n        fresh: {pattern: '\\d{4}-\\d{2}-\\d{2}', days: 30}\n"),
		"needs a capture group", 14, 26);
	load(f, LEAF("        paths: a\n        fresh: {pattern: 'on (?<date>\\d{4}-\\d{2}-\\d{2})', days: 30}\n"));
	CLEAN(f->rs);
}

/* ---- conditions ---------------------------------------------------------- */

static void test_condition_shape(void **state)
{
	struct fx *f = *state;
	REFUSED(f, PRE RULE "      file: {paths: a}\n      no_file: {paths: b}\n",
		"exactly one of all, any, file, no_file", 12, 7);
	REFUSED(f, PRE RULE "      {}\n", "needs one of all, any, file, no_file", 12, 7);
	REFUSED(f, PRE RULE "      all: []\n", "all must be a non-empty list of conditions", 12, 12);
	REFUSED(f, PRE RULE "      any: []\n", "any must be a non-empty list of conditions", 12, 12);
	REFUSED(f, PRE RULE "      any:\n        - file: {paths: a}\n        - nope: 1\n", "unknown key 'nope'", 14,
		11);
	REFUSED(f, PRE RULE "      file\n", "condition must be a mapping, found a string", 12, 7);
}

/* Writes a rule whose evidence nests `all` depth times around a file leaf. */
static char *nested(int depth)
{
	size_t cap = strlen(PRE RULE) + 64 + (size_t)depth * 10;
	char *s = malloc(cap);
	int i;
	assert_non_null(s);
	strcpy(s, PRE RULE "      ");
	for (i = 0; i < depth; i++)
		strcat(s, "{all: [");
	strcat(s, "{file: {paths: a}}");
	for (i = 0; i < depth; i++)
		strcat(s, "]}");
	strcat(s, "\n");
	return s;
}

static void test_nesting_limit(void **state)
{
	struct fx *f = *state;
	char *s = nested(10);
	load(f, s);
	free(s);
	CLEAN(f->rs);
	assert_int_equal(f->rs->nleaves, 1);

	/* the boundary: 32 levels of all/any around a leaf load, 33 do not */
	s = nested(32);
	load(f, s);
	free(s);
	CLEAN(f->rs);
	s = nested(33);
	load(f, s);
	free(s);
	EXPECT(f->rs, "conditions nest deeper than 32 levels", 12, 0);

	s = nested(40);
	load(f, s);
	free(s);
	EXPECT(f->rs, "conditions nest deeper than 32 levels", 12, 0);

	/* far deeper: refused before libyaml's scanner goes quadratic */
	s = nested(1000);
	load(f, s);
	free(s);
	EXPECT(f->rs, "nests deeper than 200 levels", 12, 0);
	assert_int_equal(f->rs->diags.n, 1);
}

static void test_deep_flow_nesting(void **state)
{
	struct fx *f = *state;
	size_t depth = 1000000, k, i;
	char *s = malloc(2 * depth + 64);

	assert_non_null(s);
	k = (size_t)sprintf(s, "domains: ");
	for (i = 0; i < depth; i++)
		s[k++] = '[';
	for (i = 0; i < depth; i++)
		s[k++] = ']';
	s[k++] = '\n';
	s[k] = '\0';
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "test.yml", s, k), -1);
	free(s);
	/* the root mapping is the first level: the 200th '[' is the 201st */
	EXPECT(f->rs, "rule pack nests deeper than 200 levels of lists and mappings", 1, 209);
	assert_int_equal(f->rs->diags.n, 1);

	/* modest nesting is loaded and judged as usual */
	load(f, "domains: [[[[[[[[[[{id: d, title: D}]]]]]]]]]]\n");
	EXPECT(f->rs, "domain must be a mapping, found a list", 1, 0);
}

static void test_alias_bomb(void **state)
{
	struct fx *f = *state;
	/* each list is ten of the one before: 10^9 leaves if aliases were expanded */
	static const char bomb[] =
		PRE RULE "      all: &a [&c {file: {paths: a}}, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			 "  - {id: r2, domain: d, level: required, title: T, next_step: N, evidence: {all: &b [{all: "
			 "*a}, {all: *a}, {all: *a},"
			 " {all: *a}, {all: *a}, {all: *a}, {all: *a}, {all: *a}, {all: *a}, {all: *a}]}}\n"
			 "  - {id: r3, domain: d, level: required, title: T, next_step: N, evidence: {all: &e [{all: "
			 "*b}, {all: *b}, {all: *b},"
			 " {all: *b}, {all: *b}, {all: *b}, {all: *b}, {all: *b}, {all: *b}, {all: *b}]}}\n"
			 "  - {id: r4, domain: d, level: required, title: T, next_step: N, evidence: {all: &g [{all: "
			 "*e}, {all: *e}, {all: *e},"
			 " {all: *e}, {all: *e}, {all: *e}, {all: *e}, {all: *e}, {all: *e}, {all: *e}]}}\n"
			 "  - {id: r5, domain: d, level: required, title: T, next_step: N, evidence: {all: &h [{all: "
			 "*g}, {all: *g}, {all: *g},"
			 " {all: *g}, {all: *g}, {all: *g}, {all: *g}, {all: *g}, {all: *g}, {all: *g}]}}\n"
			 "  - {id: r6, domain: d, level: required, title: T, next_step: N, evidence: {all: &i [{all: "
			 "*h}, {all: *h}, {all: *h},"
			 " {all: *h}, {all: *h}, {all: *h}, {all: *h}, {all: *h}, {all: *h}, {all: *h}]}}\n"
			 "  - {id: r7, domain: d, level: required, title: T, next_step: N, evidence: {all: &j [{all: "
			 "*i}, {all: *i}, {all: *i},"
			 " {all: *i}, {all: *i}, {all: *i}, {all: *i}, {all: *i}, {all: *i}, {all: *i}]}}\n"
			 "  - {id: r8, domain: d, level: required, title: T, next_step: N, evidence: {all: &k [{all: "
			 "*j}, {all: *j}, {all: *j},"
			 " {all: *j}, {all: *j}, {all: *j}, {all: *j}, {all: *j}, {all: *j}, {all: *j}]}}\n"
			 "  - {id: r9, domain: d, level: required, title: T, next_step: N, evidence: {all: [{all: *k}, "
			 "{all: *k}, {all: *k},"
			 " {all: *k}, {all: *k}, {all: *k}, {all: *k}, {all: *k}, {all: *k}, {all: *k}]}}\n";

	load(f, bomb);
	EXPECT(f->rs, "rule pack too complex", 0, 0);
	assert_true(f->rs->diags.n < 50);

	/* reusing a selector through an alias is ordinary YAML and loads */
	load(f, PRE RULE "      file: &sel {paths: ['docs/**/*.md', '*.txt'], contains: 'x', min_lines: 3}\n"
			 "  - {id: r2, domain: d, level: advisory, title: T, next_step: N, evidence: {no_file: *sel}}\n"
			 "  - {id: r3, domain: d, level: advisory, title: T, next_step: N, evidence: {any: [{file: "
			 "*sel}, {file: *sel}]}}\n");
	CLEAN(f->rs);
	assert_int_equal(f->rs->nrules, 3);
	assert_int_equal(f->rs->nleaves, 4);
	assert_int_equal(f->rs->rules[1].evidence->leaf->min_lines, 3);
}

/* ---- size, files and folders ---------------------------------------------------------- */

static void test_pack_too_big(void **state)
{
	struct fx *f = *state;
	size_t n = (4u << 20) + 1;
	char *big = malloc(n + 1);
	char p[512];
	FILE *fp;

	assert_non_null(big);
	memset(big, '#', n);
	big[n] = '\0';
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "big.yml", big, n), -1);
	EXPECT(f->rs, "larger than 4194304 bytes", 1, 1);

	snprintf(p, sizeof(p), "%s/big.yml", f->dir);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(big, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	free(big);
	f->rs2 = rules_new();
	assert_int_equal(rules_add_path(f->rs2, p), -1);
	assert_int_equal(f->rs2->diags.n, 1);
	assert_non_null(strstr(f->rs2->diags.items[0].msg, "larger than 4194304 bytes"));
	assert_string_equal(f->rs2->diags.items[0].at.file, p);
}

static void test_add_path_file_and_missing(void **state)
{
	struct fx *f = *state;
	char p[512];

	write_file(
		f->dir, "one.yml",
		"domains: [{id: d, title: D}]\n"
		"rules: [{id: r, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: a}}}]\n");
	snprintf(p, sizeof(p), "%s/one.yml", f->dir);
	f->rs = rules_new();
	assert_int_equal(rules_add_path(f->rs, p), 0);
	assert_int_equal(rules_finish(f->rs), 0);
	assert_int_equal(f->rs->nrules, 1);
	assert_string_equal(f->rs->rules[0].at.file, p);

	snprintf(p, sizeof(p), "%s/missing.yml", f->dir);
	f->rs2 = rules_new();
	assert_int_equal(rules_add_path(f->rs2, p), -1);
	assert_int_equal(f->rs2->diags.n, 1);
	assert_non_null(strstr(f->rs2->diags.items[0].msg, "cannot read rules"));
	assert_non_null(strstr(f->rs2->diags.items[0].msg, "No such file"));
	assert_string_equal(f->rs2->diags.items[0].at.file, p);
}

static void test_add_path_folder(void **state)
{
	struct fx *f = *state;
	char sub[512];

	/* b.yml uses the domain a.yaml declares: name order, both extensions */
	write_file(
		f->dir, "b.yml",
		"rules: [{id: r, domain: d, level: required, title: T, next_step: N, evidence: {file: {paths: a}}}]\n");
	write_file(f->dir, "a.yaml", "domains: [{id: d, title: D}]\n");
	write_file(f->dir, "c.yml",
		   "rules: [{id: r2, domain: d, level: advisory, title: T, next_step: N,"
		   " evidence: {file: {paths: b}}}]\n");
	write_file(f->dir, "notes.txt", "not: [yaml\n");
	write_file(f->dir, "README.md", "# rules\n");
	write_file(f->dir, ".hidden.yml", "broken: [\n");
	write_file(f->dir, "x.yml.bak", "broken: [\n");
	f->rs = rules_new();
	assert_int_equal(rules_add_path(f->rs, f->dir), 0);
	assert_int_equal(rules_finish(f->rs), 0);
	CLEAN(f->rs);
	assert_int_equal(f->rs->nrules, 2);
	assert_string_equal(f->rs->rules[0].id, "r");
	assert_string_equal(f->rs->rules[1].id, "r2");
	assert_non_null(strstr(f->rs->domains[0].at.file, "/a.yaml"));
	assert_non_null(strstr(f->rs->rules[0].at.file, "/b.yml"));
	assert_non_null(strstr(f->rs->rules[1].at.file, "/c.yml"));

	/* a trailing slash changes nothing */
	snprintf(sub, sizeof(sub), "%s/", f->dir);
	f->rs2 = rules_new();
	assert_int_equal(rules_add_path(f->rs2, sub), 0);
	assert_int_equal(rules_finish(f->rs2), 0);
	assert_int_equal(f->rs2->nrules, 2);
	/* the digest does not depend on how the folder was named... but on the pack names */
	assert_true(is_hex(f->rs2->digest + 5, 40));

	/* one broken pack in a folder: the others still load, the error names the file */
	write_file(f->dir, "d.yml", "\nrules: [{id: x\n");
	rules_free(f->rs);
	f->rs = rules_new();
	assert_int_equal(rules_add_path(f->rs, f->dir), -1);
	assert_int_equal(f->rs->nrules, 2);
	assert_int_equal(f->rs->diags.n, 1);
	assert_non_null(strstr(f->rs->diags.items[0].at.file, "/d.yml"));
	assert_int_equal(f->rs->diags.items[0].at.line, 3);
	assert_non_null(strstr(f->rs->diags.items[0].msg, "malformed YAML"));
	assert_non_null(strstr(f->rs->diags.items[0].msg, "that starts at line 2"));
}

static void test_add_path_empty_folder(void **state)
{
	struct fx *f = *state;
	char sub[512];

	snprintf(sub, sizeof(sub), "%s/empty", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(sub, "notes.txt", "x\n");
	f->rs = rules_new();
	assert_int_equal(rules_add_path(f->rs, sub), -1);
	EXPECT(f->rs, "rules folder holds no *.yml or *.yaml file", 0, 0);
	assert_string_equal(f->rs->diags.items[0].at.file, sub);
	/* and finishing such a set says so too, without crashing */
	assert_int_equal(rules_finish(f->rs), -1);
}

static void test_builtin_pack(void **state)
{
	struct fx *f = *state;
	f->rs = rules_new();
	assert_int_equal(rules_add_builtin(f->rs), 0);
	assert_int_equal(rules_finish(f->rs), 0);
	CLEAN(f->rs);
	assert_true(f->rs->nrules >= 1);
	assert_true(f->rs->ndomains >= 1);
	assert_true(is_hex(f->rs->digest + 5, 40));
}

static void test_no_rules_at_all(void **state)
{
	struct fx *f = *state;
	f->rs = rules_new();
	assert_int_equal(rules_finish(f->rs), -1);
	EXPECT(f->rs, "no rules loaded", 0, 0);
}

static void test_every_problem_reported(void **state)
{
	struct fx *f = *state;
	/* one pass finds them all, each at its place, and add_buffer says the pack failed */
	static const char yaml[] = PRE "  - id: r\n"
				       "    domain: d\n"
				       "    level: sometimes\n"
				       "    title: {en: T, de: X}\n"
				       "    next_step: N\n"
				       "    evidence:\n"
				       "      any:\n"
				       "        - file: {paths: '[a', contains: '(x'}\n"
				       "        - no_file: {paths: ok, min_lines: many}\n"
				       "  - id: r2\n"
				       "    domain: d\n"
				       "    level: advisory\n"
				       "    title: T\n"
				       "    next_step: N\n"
				       "    evidence: {file: {paths: ok}}\n";
	f->rs = rules_new();
	assert_int_equal(rules_add_buffer(f->rs, "test.yml", yaml, strlen(yaml)), -1);
	EXPECT(f->rs, "level must be required, expected or advisory, found 'sometimes'", 8, 12);
	EXPECT(f->rs, "unknown language 'de'", 9, 20);
	EXPECT(f->rs, "invalid glob '[a'", 13, 25);
	EXPECT(f->rs, "invalid regex '(x'", 13, 41);
	EXPECT(f->rs, "min_lines must be a whole number, found 'many'", 14, 43);
	assert_int_equal(f->rs->diags.n, 5);
	/* the valid rule is kept, the broken one is not */
	assert_int_equal(f->rs->nrules, 1);
	assert_string_equal(f->rs->rules[0].id, "r2");
	assert_int_equal(rules_finish(f->rs), -1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_valid_pack_loads),
		T(test_digest),
		T(test_two_packs_share_names),
		T(test_yaml_bad_indentation),
		T(test_yaml_unclosed_quote),
		T(test_yaml_tab_indentation),
		T(test_yaml_second_document),
		T(test_yaml_empty_and_scalar_root),
		T(test_unknown_keys_everywhere),
		T(test_unknown_language),
		T(test_wrong_types),
		T(test_missing_required_keys),
		T(test_duplicate_keys),
		T(test_duplicate_ids_in_a_pack),
		T(test_duplicate_ids_three_times),
		T(test_duplicate_ids_across_packs),
		T(test_large_pack),
		T(test_unknown_references),
		T(test_proof_loops),
		T(test_bad_ids),
		T(test_invalid_globs),
		T(test_globs_shared),
		T(test_invalid_regexes),
		T(test_fresh_needs_a_group),
		T(test_condition_shape),
		T(test_nesting_limit),
		T(test_deep_flow_nesting),
		T(test_every_problem_reported),
		T(test_alias_bomb),
		T(test_pack_too_big),
		T(test_add_path_file_and_missing),
		T(test_add_path_folder),
		T(test_add_path_empty_folder),
		T(test_builtin_pack),
		T(test_no_rules_at_all),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
