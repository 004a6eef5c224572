/* org.c - merging repositories' JSON reports: read, check, name, sort worst first, count, compare. */
#include "verdict/org.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- the skim: one validating pass that finds the top-level members ----------
 *
 * A report is mostly its rules (evidence, what was looked for); a merge needs
 * only the small members around them.  Building jansson's tree of the whole
 * report costs ten times more than reading it, so one pass checks the whole
 * document's syntax (a truncated or damaged report is an error, wherever the
 * damage is) and notes where each wanted member's value lies; jansson then
 * parses only those.
 */

#define SKIM_DEPTH 64

struct skim {
	const char *start, *p, *end;
	int truncated;
};

static int sk_fail(struct skim *s, int truncated)
{
	s->truncated = truncated;
	return -1;
}

static void sk_ws(struct skim *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

static int hexdigit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Nonzero when one of the 8 bytes in w is a quote, a backslash, a control or not ASCII. */
static uint64_t special8(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
	return ((q - ONES) & ~q) | ((b - ONES) & ~b) | ((w - ONES * 0x20) & ~w) | w;
}

/* The length a UTF-8 sequence with lead byte c has, or 0 when c leads none. */
static size_t utf8_need(unsigned char c)
{
	return c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
}

/* 1 when p..end is the start of a UTF-8 sequence that the end of the file cut short. */
static int utf8_cut(const unsigned char *p, const unsigned char *end)
{
	size_t n = utf8_need(*p), i;
	if (!n || (size_t)(end - p) >= n)
		return 0;
	for (i = 1; p + i < end; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

static int sk_string(struct skim *s)
{
	const unsigned char *p = (const unsigned char *)s->p + 1, *end = (const unsigned char *)s->end;
	for (;;) {
		uint64_t w;
		/* eight plain ASCII bytes at a time: most of a report */
		while (end - p >= 8 && (memcpy(&w, p, 8), !(special8(w) & HIGHS)))
			p += 8;
		while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
			p++;
		if (p >= end)
			return s->p = (const char *)p, sk_fail(s, 1);
		if (*p == '"')
			break;
		if (*p >= 0x80) {
			/* a report is UTF-8 (jansson writes nothing else); a sequence cut by the end is truncation */
			size_t n = utf8_need(*p);
			if (!n || (size_t)(end - p) < n || !buf_is_utf8((const char *)p, n))
				return s->p = (const char *)p, sk_fail(s, utf8_cut(p, end));
			p += n;
			continue;
		}
		if (*p < 0x20)
			return s->p = (const char *)p, sk_fail(s, 0);
		/* an escape */
		if (p + 1 >= end)
			return s->p = (const char *)p, sk_fail(s, 1);
		if (p[1] == 'u') {
			int i;
			for (i = 2; i < 6; i++) {
				if (p + i >= end)
					return s->p = (const char *)p, sk_fail(s, 1);
				if (!hexdigit((char)p[i]))
					return s->p = (const char *)p, sk_fail(s, 0);
			}
			p += 6;
		} else if (strchr("\"\\/bfnrt", p[1]) && p[1]) {
			p += 2;
		} else {
			return s->p = (const char *)p, sk_fail(s, 0);
		}
	}
	s->p = (const char *)p + 1;
	return 0;
}

static int sk_digits(struct skim *s)
{
	const char *from = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	if (s->p == from)
		return sk_fail(s, s->p == s->end);
	return 0;
}

static int sk_number(struct skim *s)
{
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (sk_digits(s) < 0)
		return -1;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (sk_digits(s) < 0)
			return -1;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (sk_digits(s) < 0)
			return -1;
	}
	/* a number is the last thing in a file only when cut short there */
	if (s->p == s->end)
		return sk_fail(s, 1);
	return 0;
}

static int sk_word(struct skim *s, const char *w)
{
	size_t n = strlen(w), have = (size_t)(s->end - s->p);
	if (have < n)
		return sk_fail(s, !memcmp(s->p, w, have));
	if (memcmp(s->p, w, n))
		return sk_fail(s, 0);
	s->p += n;
	return 0;
}

static int sk_value(struct skim *s, int depth);

/* An object or array after its opening bracket. */
static int sk_container(struct skim *s, int depth, char close)
{
	int first = 1;
	if (depth > SKIM_DEPTH)
		return sk_fail(s, 0);
	s->p++;
	for (;;) {
		sk_ws(s);
		if (s->p >= s->end)
			return sk_fail(s, 1);
		if (*s->p == close && first) {
			s->p++;
			return 0;
		}
		if (close == '}') {
			if (*s->p != '"' || sk_string(s) < 0)
				return s->p < s->end && *s->p != '"' ? sk_fail(s, 0) : -1;
			sk_ws(s);
			if (s->p >= s->end)
				return sk_fail(s, 1);
			if (*s->p++ != ':')
				return s->p--, sk_fail(s, 0);
		}
		if (sk_value(s, depth + 1) < 0)
			return -1;
		first = 0;
		sk_ws(s);
		if (s->p >= s->end)
			return sk_fail(s, 1);
		if (*s->p == close) {
			s->p++;
			return 0;
		}
		if (*s->p != ',')
			return sk_fail(s, 0);
		s->p++;
	}
}

static int sk_value(struct skim *s, int depth)
{
	sk_ws(s);
	if (s->p >= s->end)
		return sk_fail(s, 1);
	switch (*s->p) {
	case '{':
		return sk_container(s, depth, '}');
	case '[':
		return sk_container(s, depth, ']');
	case '"':
		return sk_string(s);
	case 't':
		return sk_word(s, "true");
	case 'f':
		return sk_word(s, "false");
	case 'n':
		return sk_word(s, "null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return sk_number(s);
		return sk_fail(s, 0);
	}
}

/* The top-level members a merge reads. */
enum member { M_TOOL, M_REPOSITORY, M_DIGEST, M_LANG, M_VERDICT, M_GATE, M_DOMAINS, M_PROOFS, M_GAPS, M_COUNT };
static const char *const member_names[M_COUNT] = {"tool", "repository", "rules_digest", "lang", "verdict",
						  "gate", "domains",	"proofs",	"gaps"};

struct span {
	const char *at;
	size_t len;
};

/* Checks the whole document and finds the wanted members' values; -1 with the skim's position on failure. */
static int skim_report(struct skim *s, struct span found[M_COUNT])
{
	int first = 1;
	memset(found, 0, sizeof(struct span) * M_COUNT);
	sk_ws(s);
	if (s->p >= s->end)
		return sk_fail(s, 1);
	if (*s->p != '{')
		return sk_value(s, 0) < 0 ? -1 : sk_fail(s, 0);
	s->p++;
	for (;;) {
		const char *key;
		size_t klen;
		int m;
		sk_ws(s);
		if (s->p >= s->end)
			return sk_fail(s, 1);
		if (*s->p == '}' && first) {
			s->p++;
			break;
		}
		if (*s->p != '"')
			return sk_fail(s, 0);
		key = s->p + 1;
		if (sk_string(s) < 0)
			return -1;
		klen = (size_t)(s->p - 1 - key);
		sk_ws(s);
		if (s->p >= s->end)
			return sk_fail(s, 1);
		if (*s->p != ':')
			return sk_fail(s, 0);
		s->p++;
		sk_ws(s);
		for (m = 0; m < M_COUNT; m++)
			if (strlen(member_names[m]) == klen && !memcmp(key, member_names[m], klen))
				break;
		if (m < M_COUNT)
			found[m].at = s->p;
		if (sk_value(s, 1) < 0)
			return -1;
		if (m < M_COUNT)
			found[m].len = (size_t)(s->p - found[m].at);
		first = 0;
		sk_ws(s);
		if (s->p >= s->end)
			return sk_fail(s, 1);
		if (*s->p == '}') {
			s->p++;
			break;
		}
		if (*s->p != ',')
			return sk_fail(s, 0);
		s->p++;
	}
	sk_ws(s);
	return s->p == s->end ? 0 : sk_fail(s, 0);
}

/* ---- the view ----------------------------------------------------------------- */

struct org *org_new(void)
{
	return xcalloc(1, sizeof(struct org));
}

static void repo_free(struct org_repo *r)
{
	size_t i;
	free(r->name);
	free(r->file);
	free(r->rev);
	free(r->commit);
	free(r->branch);
	free(r->version);
	free(r->digest);
	for (i = 0; i < r->nproven; i++)
		free(r->proven[i]);
	free(r->proven);
	free(r->status);
}

static void variants_free(struct org_variant *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].value);
	free(v);
}

void org_free(struct org *o)
{
	size_t i;
	if (!o)
		return;
	for (i = 0; i < o->nrepos; i++)
		repo_free(&o->repos[i]);
	free(o->repos);
	for (i = 0; i < o->ndomains; i++) {
		free(o->domains[i].id);
		free(o->domains[i].title);
	}
	free(o->domains);
	for (i = 0; i < o->nerrors; i++) {
		free(o->errors[i].file);
		free(o->errors[i].detail);
	}
	free(o->errors);
	variants_free(o->digests, o->ndigests);
	variants_free(o->versions, o->nversions);
	variants_free(o->langs, o->nlangs);
	for (i = 0; i < o->nchanges; i++) {
		free(o->changes[i].repo);
		free(o->changes[i].domain);
		free(o->changes[i].domain_title);
	}
	free(o->changes);
	free(o->previous);
	free(o);
}

static const char *const problem_words[] = {"cannot be read", "is not valid JSON", "ends too early (truncated)",
					    "is not a proofgate report: missing or wrong field"};

/* Records why file was not merged; returns -1 with err saying it. */
static int add_error(struct org *o, const char *file, enum org_problem problem, const char *detail)
{
	struct org_error *e;
	struct buf safe = BUF_INIT;
	buf_put_safe(&safe, file, strlen(file));
	XGROW(o->errors, o->errors_cap, o->nerrors + 1);
	e = &o->errors[o->nerrors++];
	e->file = xstrdup(file);
	e->problem = problem;
	e->detail = xstrdup(detail);
	err_set("cannot merge report '%s': it %s: %s", buf_cstr(&safe), problem_words[problem], detail);
	buf_free(&safe);
	return -1;
}

int org_status_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "ready"))
		return STATUS_READY;
	if (!strcmp(s, "readiness-only"))
		return STATUS_READINESS_ONLY;
	if (!strcmp(s, "blocked"))
		return STATUS_BLOCKED;
	return -1;
}

/* Line and column (1-based, in bytes) of p in data, for a person to find the spot. */
static void where_in(char out[64], const char *data, const char *p)
{
	size_t line = 1, col = 1;
	const char *q;
	for (q = data; q < p; q++) {
		if (*q == '\n')
			line++, col = 1;
		else
			col++;
	}
	snprintf(out, 64, "line %zu, column %zu", line, col);
}

static json_t *member(const struct span *s)
{
	json_error_t je;
	if (!s->at)
		return NULL;
	/* the skim checked the syntax; jansson still refuses invalid UTF-8 and odd \u escapes */
	return json_loadb(s->at, s->len, JSON_DECODE_ANY, &je);
}

static const char *str_at(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int is_oid(const char *s)
{
	size_t i;
	if (!s || strlen(s) != 40)
		return 0;
	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static long find_domain(const struct org *o, const char *id)
{
	size_t i;
	for (i = 0; i < o->ndomains; i++)
		if (!strcmp(o->domains[i].id, id))
			return (long)i;
	return -1;
}

/* The domains of one report, checked, as (org domain index, status) pairs. */
static int read_domains(struct org *o, json_t *domains, long **idx, int **st, size_t *n, char field[64])
{
	size_t i;
	*n = json_array_size(domains);
	*idx = xcalloc(*n + 1, sizeof(**idx));
	*st = xcalloc(*n + 1, sizeof(**st));
	for (i = 0; i < *n; i++) {
		json_t *d = json_array_get(domains, i);
		const char *id = str_at(d, "id"), *title = str_at(d, "title");
		int s = org_status_parse(str_at(d, "status"));
		if (!id || !*id || !title || s < 0) {
			snprintf(field, 64, "domains[%zu].%s", i, !id || !*id ? "id" : !title ? "title" : "status");
			return -1;
		}
		(*idx)[i] = find_domain(o, id);
		if ((*idx)[i] < 0) {
			struct org_domain *od;
			XGROW(o->domains, o->domains_cap, o->ndomains + 1);
			od = &o->domains[o->ndomains];
			memset(od, 0, sizeof(*od));
			od->id = xstrdup(id);
			od->title = xstrdup(title);
			(*idx)[i] = (long)o->ndomains++;
		}
		(*st)[i] = s;
	}
	return 0;
}

/* The fields of a report's members a merge reads. */
struct fields {
	const char *version, *commit, *rev, *digest, *lang, *verdict, *fail_on;
	json_t *branch, *passed, *decided;
	int fo;
};

/* Looks the fields up and checks them; the first one wrong is named in field ("" when all are right). */
static void get_fields(struct fields *f, json_t *const m[M_COUNT], char field[64])
{
	f->version = str_at(m[M_TOOL], "version");
	f->commit = str_at(m[M_REPOSITORY], "commit");
	f->rev = str_at(m[M_REPOSITORY], "rev");
	f->branch = json_object_get(m[M_REPOSITORY], "branch");
	f->digest = json_string_value(m[M_DIGEST]);
	f->lang = json_string_value(m[M_LANG]);
	f->verdict = json_string_value(m[M_VERDICT]);
	f->passed = json_object_get(m[M_GATE], "passed");
	f->decided = json_object_get(m[M_GATE], "decided");
	f->fail_on = str_at(m[M_GATE], "fail_on");
	if (!f->version)
		snprintf(field, 64, "tool.version");
	else if (!is_oid(f->commit))
		snprintf(field, 64, "repository.commit");
	else if (!f->rev)
		snprintf(field, 64, "repository.rev");
	else if (!f->branch || !(json_is_string(f->branch) || json_is_null(f->branch)))
		snprintf(field, 64, "repository.branch");
	else if (!f->digest)
		snprintf(field, 64, "rules_digest");
	else if (!f->lang || (strcmp(f->lang, "en") && strcmp(f->lang, "ar")))
		snprintf(field, 64, "lang");
	else if (!f->verdict || (strcmp(f->verdict, "go") && strcmp(f->verdict, "stop")))
		snprintf(field, 64, "verdict");
	else if (!json_is_boolean(f->passed))
		snprintf(field, 64, "gate.passed");
	else if (!json_is_boolean(f->decided))
		snprintf(field, 64, "gate.decided");
	else if (fail_on_parse((enum fail_on *)&f->fo, f->fail_on ? f->fail_on : "") < 0)
		snprintf(field, 64, "gate.fail_on");
	else if (!json_is_array(m[M_DOMAINS]))
		snprintf(field, 64, "domains");
	else if (!json_is_array(m[M_PROOFS]))
		snprintf(field, 64, "proofs");
	else if (m[M_GAPS] && !json_is_array(m[M_GAPS]))
		snprintf(field, 64, "gaps");
}

/* The proven proofs' ids into r; -1 naming the first bad entry in field. */
static int read_proofs(struct org_repo *r, json_t *proofs, char field[64])
{
	size_t i;
	r->nproofs = json_array_size(proofs);
	r->proven = xcalloc(r->nproofs + 1, sizeof(*r->proven));
	for (i = 0; i < r->nproofs; i++) {
		json_t *p = json_array_get(proofs, i);
		const char *id = str_at(p, "id"), *status = str_at(p, "status");
		if (!id || !status || (strcmp(status, "proven") && strcmp(status, "unproven"))) {
			snprintf(field, 64, "proofs[%zu].%s", i, !id ? "id" : "status");
			return -1;
		}
		if (!strcmp(status, "proven"))
			r->proven[r->nproven++] = xstrdup(id);
	}
	return 0;
}

/* read_domains, leaving no new column behind when a domain is bad. */
static int read_domains_or_undo(struct org *o, json_t *domains, long **idx, int **st, size_t *n, char field[64])
{
	size_t before = o->ndomains;
	if (read_domains(o, domains, idx, st, n, field) == 0)
		return 0;
	while (o->ndomains > before) {
		o->ndomains--;
		free(o->domains[o->ndomains].id);
		free(o->domains[o->ndomains].title);
	}
	return -1;
}

/* The checked fields, and each domain's status by the org's columns (nd pairs of idx, st), into r. */
static void fill_repo(struct org_repo *r, const struct org *o, const char *file, const struct fields *f, size_t ngaps,
		      const long *idx, const int *st, size_t nd)
{
	size_t i;
	r->file = xstrdup(file);
	r->rev = xstrdup(f->rev);
	r->commit = xstrdup(f->commit);
	r->branch = json_is_string(f->branch) ? xstrdup(json_string_value(f->branch)) : NULL;
	r->version = xstrdup(f->version);
	r->digest = xstrdup(f->digest);
	r->lang = !strcmp(f->lang, "ar") ? LANG_AR : LANG_EN;
	r->go = !strcmp(f->verdict, "go");
	r->gate_passed = json_is_true(f->passed);
	r->gate_decided = json_is_true(f->decided);
	r->fail_on = (enum fail_on)f->fo;
	r->ngaps = ngaps;
	/* domains later reports add are filled in by org_finish */
	r->nstatus = o->ndomains;
	r->status = xmalloc((o->ndomains + 1) * sizeof(*r->status));
	for (i = 0; i < o->ndomains; i++)
		r->status[i] = -1;
	for (i = 0; i < nd; i++)
		r->status[idx[i]] = st[i];
}

int org_add_buffer(struct org *o, const char *file, const char *data, size_t len)
{
	struct skim s = {data, data, data + len, 0};
	struct span sp[M_COUNT];
	json_t *m[M_COUNT] = {NULL};
	struct org_repo r;
	struct fields f;
	long *idx = NULL;
	int *st = NULL;
	size_t nd = 0;
	char field[64] = "", pos[64];
	int rc = -1, k;

	memset(&r, 0, sizeof(r));
	memset(&f, 0, sizeof(f));
	if (skim_report(&s, sp) < 0) {
		where_in(pos, data, s.p);
		return add_error(o, file, s.truncated ? ORG_TRUNCATED : ORG_NOT_JSON, pos);
	}
	for (k = 0; k < M_COUNT; k++) {
		m[k] = member(&sp[k]);
		if (!m[k] && strcmp(member_names[k], "gaps")) {
			snprintf(field, sizeof(field), "%s", member_names[k]);
			goto done;
		}
	}
	if (!str_at(m[M_TOOL], "name") || strcmp(str_at(m[M_TOOL], "name"), "proofgate")) {
		snprintf(field, sizeof(field), "tool.name");
		goto done;
	}
	get_fields(&f, m, field);
	if (*field || read_proofs(&r, m[M_PROOFS], field) < 0 ||
	    read_domains_or_undo(o, m[M_DOMAINS], &idx, &st, &nd, field) < 0)
		goto done;
	fill_repo(&r, o, file, &f, json_array_size(m[M_GAPS]), idx, st, nd);
	XGROW(o->repos, o->repos_cap, o->nrepos + 1);
	o->repos[o->nrepos++] = r;
	memset(&r, 0, sizeof(r));
	rc = 0;
done:
	if (rc < 0 && *field)
		add_error(o, file, ORG_BAD_FIELD, field);
	repo_free(&r);
	free(idx);
	free(st);
	for (k = 0; k < M_COUNT; k++)
		json_decref(m[k]);
	return rc;
}

int org_add_report(struct org *o, const char *path)
{
	struct buf data = BUF_INIT;
	int rc;

	if (file_read(&data, path, BUF_MAX) < 0)
		return add_error(o, path, ORG_OPEN, err_last());
	rc = org_add_buffer(o, path, data.ptr, data.len);
	buf_free(&data);
	return rc;
}

/* ---- naming, order, totals ---------------------------------------------------- */

/* The last n path components of file, without a final .json (caller frees). */
static char *name_of(const char *file, int n)
{
	size_t len = strlen(file), end = len, start;
	if (len > 5 && !strcmp(file + len - 5, ".json"))
		end = len - 5;
	start = end;
	while (start > 0 && n > 0) {
		start--;
		if (file[start] == '/' && --n == 0) {
			start++;
			break;
		}
	}
	return xstrndup(file + start, end - start);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(struct org_repo *const *)a)->name, (*(struct org_repo *const *)b)->name);
}

/*
 * A report is named by its file: api.json is "api".  Where several share
 * a name (every job wrote proofgate.json into a folder of its own) the
 * folder is named too, then the whole path.
 */
static void name_repos(struct org *o)
{
	struct org_repo **by = xcalloc(o->nrepos + 1, sizeof(*by));
	size_t i, j;
	int level;

	for (i = 0; i < o->nrepos; i++)
		o->repos[i].name = name_of(o->repos[i].file, 1);
	for (level = 2; level <= 3; level++) {
		int again = 0;
		for (i = 0; i < o->nrepos; i++)
			by[i] = &o->repos[i];
		qsort(by, o->nrepos, sizeof(*by), cmp_name);
		for (i = 0; i < o->nrepos; i = j) {
			for (j = i + 1; j < o->nrepos && !strcmp(by[i]->name, by[j]->name); j++)
				;
			if (j - i < 2)
				continue;
			again = 1;
			for (; i < j; i++) {
				free(by[i]->name);
				by[i]->name = level < 3 ? name_of(by[i]->file, level) : xstrdup(by[i]->file);
			}
		}
		if (!again)
			break;
	}
	free(by);
}

/* Worst first: stop before go, a failed gate first, then more blocked, more readiness-only, fewer proofs. */
static int cmp_worst(const void *pa, const void *pb)
{
	const struct org_repo *a = pa, *b = pb;
	int af = !a->gate_decided || !a->gate_passed, bf = !b->gate_decided || !b->gate_passed;
	if (a->go != b->go)
		return a->go - b->go;
	if (af != bf)
		return bf - af;
	if (a->count[STATUS_BLOCKED] != b->count[STATUS_BLOCKED])
		return a->count[STATUS_BLOCKED] > b->count[STATUS_BLOCKED] ? -1 : 1;
	if (a->count[STATUS_READINESS_ONLY] != b->count[STATUS_READINESS_ONLY])
		return a->count[STATUS_READINESS_ONLY] > b->count[STATUS_READINESS_ONLY] ? -1 : 1;
	if (a->nproven != b->nproven)
		return a->nproven < b->nproven ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void count_variant(struct org_variant **v, size_t *n, size_t *cap, const char *value)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].value, value)) {
			(*v)[i].count++;
			return;
		}
	XGROW(*v, *cap, *n + 1);
	(*v)[*n].value = xstrdup(value);
	(*v)[(*n)++].count = 1;
}

static int cmp_variant(const void *pa, const void *pb)
{
	const struct org_variant *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->value, b->value);
}

void org_finish(struct org *o)
{
	size_t i, j;

	name_repos(o);
	for (i = 0; i < o->nrepos; i++) {
		struct org_repo *r = &o->repos[i];
		if (r->nstatus < o->ndomains) {
			r->status = xrealloc(r->status, (o->ndomains + 1) * sizeof(*r->status));
			for (j = r->nstatus; j < o->ndomains; j++)
				r->status[j] = -1;
			r->nstatus = o->ndomains;
		}
		memset(r->count, 0, sizeof(r->count));
		for (j = 0; j < o->ndomains; j++) {
			if (r->status[j] < 0)
				continue;
			r->count[r->status[j]]++;
			o->domains[j].count[r->status[j]]++;
			o->domains[j].present++;
		}
		o->ngo += r->go;
		o->ngate_failed += r->gate_decided && !r->gate_passed;
		o->nundecided += !r->gate_decided;
		count_variant(&o->digests, &o->ndigests, &o->digests_cap, r->digest);
		count_variant(&o->versions, &o->nversions, &o->versions_cap, r->version);
		count_variant(&o->langs, &o->nlangs, &o->langs_cap, r->lang == LANG_AR ? "ar" : "en");
	}
	if (o->nrepos)
		qsort(o->repos, o->nrepos, sizeof(*o->repos), cmp_worst);
	if (o->ndigests)
		qsort(o->digests, o->ndigests, sizeof(*o->digests), cmp_variant);
	if (o->nversions)
		qsort(o->versions, o->nversions, sizeof(*o->versions), cmp_variant);
	if (o->nlangs)
		qsort(o->langs, o->nlangs, sizeof(*o->langs), cmp_variant);
}

enum lang org_lang(const struct org *o)
{
	size_t i, ar = 0;
	for (i = 0; i < o->nrepos; i++)
		ar += o->repos[i].lang == LANG_AR;
	return ar * 2 > o->nrepos ? LANG_AR : LANG_EN;
}

/* ---- what changed since an earlier merge -------------------------------------- */

static void add_change(struct org *o, const char *repo, const char *domain, const char *title, int before, int after)
{
	struct org_change *c;
	XGROW(o->changes, o->changes_cap, o->nchanges + 1);
	c = &o->changes[o->nchanges++];
	c->repo = xstrdup(repo);
	c->domain = domain ? xstrdup(domain) : NULL;
	c->domain_title = title ? xstrdup(title) : NULL;
	c->before = before;
	c->after = after;
}

static json_t *find_named(json_t *repos, const char *name)
{
	size_t i;
	json_t *r;
	json_array_foreach(repos, i, r)
	{
		const char *n = str_at(r, "name");
		if (n && !strcmp(n, name))
			return r;
	}
	return NULL;
}

/* A previous repository's verdict (1 go, 0 stop), or -1. */
static int prev_go(json_t *r)
{
	const char *v = str_at(r, "verdict");
	return v && !strcmp(v, "go") ? 1 : v && !strcmp(v, "stop") ? 0 : -1;
}

static const char *prev_title(json_t *domains, const char *id)
{
	size_t i;
	json_t *d;
	json_array_foreach(domains, i, d)
	{
		const char *did = str_at(d, "id");
		if (did && !strcmp(did, id))
			return str_at(d, "title");
	}
	return NULL;
}

int org_compare(struct org *o, const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *repos, *domains, *gone;
	struct buf safe = BUF_INIT;
	size_t i, j;
	int rc = -1;

	buf_put_safe(&safe, path, strlen(path));
	if (!root) {
		err_set("cannot read the previous merge '%s': line %d, column %d: %s", buf_cstr(&safe), je.line,
			je.column, je.text);
		goto done;
	}
	repos = json_object_get(root, "repositories");
	domains = json_object_get(root, "domains");
	if (!str_at(root, "kind") || strcmp(str_at(root, "kind"), "org") || !json_is_array(repos) ||
	    !json_is_array(domains)) {
		err_set("cannot read the previous merge '%s': it is not what 'proofgate merge --json' writes",
			buf_cstr(&safe));
		goto done;
	}
	for (i = 0; i < o->nrepos; i++) {
		const struct org_repo *r = &o->repos[i];
		json_t *p = find_named(repos, r->name), *st = json_object_get(p, "statuses");
		if (!p) {
			add_change(o, r->name, NULL, NULL, -1, r->go);
			continue;
		}
		if (prev_go(p) != r->go)
			add_change(o, r->name, NULL, NULL, prev_go(p), r->go);
		for (j = 0; j < o->ndomains; j++) {
			int before = org_status_parse(json_string_value(json_object_get(st, o->domains[j].id)));
			if (before != r->status[j])
				add_change(o, r->name, o->domains[j].id, o->domains[j].title, before, r->status[j]);
		}
		/* domains the repository had before and has no more */
		if (json_is_object(st)) {
			const char *id;
			json_t *v;
			json_object_foreach(st, id, v)
			{
				int before = org_status_parse(json_string_value(v));
				if (before >= 0 && find_domain(o, id) < 0)
					add_change(o, r->name, id, prev_title(domains, id), before, -1);
			}
		}
	}
	json_array_foreach(repos, i, gone)
	{
		const char *n = str_at(gone, "name");
		size_t k;
		for (k = 0; n && k < o->nrepos && strcmp(o->repos[k].name, n); k++)
			;
		if (n && k == o->nrepos)
			add_change(o, n, NULL, NULL, prev_go(gone), -1);
	}
	o->previous = xstrdup(path);
	rc = 0;
done:
	buf_free(&safe);
	json_decref(root);
	return rc;
}
