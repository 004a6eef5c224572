/* rules.c - rule packs read with libyaml and validated strictly. */
#include "model/rules.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "match/risk.h"
#include "model/builtin.h"
#include "model/ydoc.h"
#include "util/buf.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/str.h"

/* A pack bigger than this is refused: rule packs are small. */
#define PACK_MAX_BYTES (4u << 20)
/*
 * Node visits beyond the pack's own nodes, which only aliases cause: a few
 * reused selectors are fine, a "billion laughs" stops here (each visit may
 * compile a glob, so this bounds the time too).
 */
#define PACK_MAX_ALIAS_NODES 20000
#define STR_(x)		     #x
#define STR(x)		     STR_(x)
/* Nesting of any/all. */
#define COND_MAX_DEPTH 32
/*
 * Nesting of YAML lists and mappings: libyaml's scanner takes time in the
 * square of the flow nesting ("[[[[..." of 100000 levels: 35 s), so a pack
 * deeper than this is refused before it is loaded.  any/all at 32 levels
 * take about 70.
 */
#define PACK_MAX_NESTING 200

struct ctx {
	struct ydoc y; /* the document; its file is owned by rs->files */
	struct rules *rs;
	char **pack_exclude;
	size_t npack_exclude;
	struct where *pack_exclude_at;
	/* the pack's excludes compiled once, case-sensitive [0] and not [1], shared by every condition */
	struct match_glob **pack_globs[2];
};

const char *text_get(const struct text *t, enum lang lang)
{
	if (lang == LANG_AR && t->ar)
		return t->ar;
	return t->en ? t->en : "";
}

const char *level_name(enum level l)
{
	switch (l) {
	case LEVEL_REQUIRED:
		return "required";
	case LEVEL_EXPECTED:
		return "expected";
	case LEVEL_ADVISORY:
		return "advisory";
	}
	return "?";
}

int leaf_needs_content(const struct leaf *l)
{
	return l->contains || l->not_contains || l->fresh || l->min_lines > 0;
}

/* A text: a string, or a mapping with en (required) and ar. */
static int get_text(struct ctx *c, const yaml_node_t *n, const char *what, struct text *out)
{
	yaml_node_pair_t *p;
	int rc = 0;

	if (n->type == YAML_SCALAR_NODE)
		return ydoc_str(&c->y, n, what, &out->en);
	if (n->type != YAML_MAPPING_NODE)
		return ydoc_diag(&c->y, n, "%s must be a string or a mapping of language to string (en, ar)", what);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(&c->y, p->key), *v = ydoc_node(&c->y, p->value);
		if (!k || !v)
			return ydoc_too_complex(&c->y, n);
		if (k->type != YAML_SCALAR_NODE)
			rc = ydoc_diag(&c->y, k, "%s: a language must be a string", what);
		else if ((!strcmp(ydoc_scalar(k), "en") && out->en) || (!strcmp(ydoc_scalar(k), "ar") && out->ar))
			rc = ydoc_diag(&c->y, k, "%s: duplicate key '%s'", what, ydoc_scalar(k));
		else if (!strcmp(ydoc_scalar(k), "en"))
			rc |= ydoc_str(&c->y, v, what, &out->en);
		else if (!strcmp(ydoc_scalar(k), "ar"))
			rc |= ydoc_str(&c->y, v, what, &out->ar);
		else
			rc = ydoc_diag(&c->y, k, "%s: unknown language '%s' (expected en or ar)", what, ydoc_scalar(k));
	}
	if (!out->en && rc == 0)
		return ydoc_diag(&c->y, n, "%s needs an English text (en)", what);
	return rc;
}

static void text_free(struct text *t)
{
	free(t->en);
	free(t->ar);
	t->en = t->ar = NULL;
}

/* The slot of glob src (icase) in rs->seen: where it is, or the empty one where it would go. */
static size_t seen_slot(const struct rules *rs, const char *src, int icase)
{
	size_t i = (size_t)(fnv1a(FNV1A_INIT, src, strlen(src)) ^ (uint64_t)(icase != 0)) & (rs->seen_cap - 1);
	while (rs->seen[i] && (rs->seen[i]->caseless != (icase != 0) || strcmp(rs->seen[i]->src, src)))
		i = (i + 1) & (rs->seen_cap - 1);
	return i;
}

/* Adds g to rs->seen (which takes a reference), growing the table to keep it at most half full. */
static void seen_add(struct rules *rs, struct match_glob *g)
{
	if (2 * (rs->nseen + 1) > rs->seen_cap) {
		struct match_glob **old = rs->seen;
		size_t i, n = rs->seen_cap;
		rs->seen_cap = n ? 2 * n : 256;
		rs->seen = xcalloc(rs->seen_cap, sizeof(*rs->seen));
		for (i = 0; i < n; i++)
			if (old[i])
				rs->seen[seen_slot(rs, old[i]->src, old[i]->caseless)] = old[i];
		free(old);
	}
	rs->seen[seen_slot(rs, g->src, g->caseless)] = match_glob_ref(g);
	rs->nseen++;
}

/* Compiles glob src, or shares the one already compiled from the same text and case (rs->seen). */
static int compile_glob(struct ctx *c, const yaml_node_t *at, const char *src, int icase, struct match_glob **out)
{
	struct rules *rs = c->rs;
	size_t off = 0, i;
	if (rs->seen_cap && rs->seen[i = seen_slot(rs, src, icase)]) {
		*out = match_glob_ref(rs->seen[i]);
		return 0;
	}
	if (match_glob_compile(out, src, icase, &off) < 0)
		return ydoc_diag(&c->y, at, "invalid glob '%s': %s at offset %zu", src, err_last(), off);
	seen_add(rs, *out);
	return 0;
}

/* A pattern: a string, or {pattern, ignore_case[, min_matches]}. */
static int get_pattern(struct ctx *c, const yaml_node_t *n, const char *what, int allow_min, struct match_regex **out,
		       size_t *min_matches)
{
	static const char *const keys[] = {"pattern", "ignore_case", "min_matches", NULL};
	yaml_node_t *v[3];
	const yaml_node_t *pn = n;
	int icase = 0;
	size_t off = 0;

	if (n->type == YAML_MAPPING_NODE) {
		long m = 1;
		if (ydoc_fields(&c->y, n, what, keys, v) < 0)
			return -1;
		if (ydoc_need(&c->y, n, v[0], what, "pattern") < 0)
			return -1;
		if (v[1] && ydoc_bool(&c->y, v[1], "ignore_case", &icase) < 0)
			return -1;
		if (v[2]) {
			if (!allow_min)
				return ydoc_diag(&c->y, v[2], "%s: min_matches is allowed only under contains", what);
			if (ydoc_long(&c->y, v[2], "min_matches", 1, 1000000, &m) < 0)
				return -1;
		}
		if (min_matches)
			*min_matches = (size_t)m;
		pn = v[0];
	}
	if (ydoc_want_scalar(&c->y, pn, what) < 0)
		return -1;
	if (match_regex_compile(out, ydoc_scalar(pn), icase ? MATCH_CASELESS : 0, &off) < 0)
		return ydoc_diag(&c->y, pn, "%s: invalid regex '%s': %s at offset %zu", what, ydoc_scalar(pn),
				 err_last(), off);
	if (match_pattern_risky(ydoc_scalar(pn), &off))
		diag_add(
			&c->rs->warnings, ydoc_where(&c->y, pn),
			"warning: pattern '%s' repeats a group that can match the same text in many ways (at offset "
			"%zu, "
			"as in (a+)+, (a*)* or (a|a)*): it may backtrack catastrophically and end as the rule's error; "
			"make the inner repeat possessive (a++) or the group atomic (?>...)",
			ydoc_scalar(pn), off);
	return 0;
}

static int get_globs(struct ctx *c, const yaml_node_t *n, const char *what, int icase, struct match_glob ***out,
		     size_t *nout)
{
	char **srcs = NULL;
	struct where *at = NULL;
	size_t n_src = 0, i;
	int rc;

	rc = ydoc_strlist(&c->y, n, what, &srcs, &n_src, &at);
	if (rc == 0 && n_src == 0)
		rc = ydoc_diag(&c->y, n, "%s must list at least one glob", what);
	if (rc == 0) {
		*out = xrealloc(*out, (*nout + n_src) * sizeof(**out));
		for (i = 0; i < n_src; i++) {
			yaml_node_t fake;
			fake.start_mark.line = (size_t)(at[i].line - 1);
			fake.start_mark.column = (size_t)(at[i].col - 1);
			if (compile_glob(c, &fake, srcs[i], icase, &(*out)[*nout]) < 0)
				rc = -1;
			else
				(*nout)++;
		}
	}
	ydoc_strlist_free(srcs, n_src);
	free(at);
	return rc;
}

static void leaf_free(struct leaf *l)
{
	size_t i;
	if (!l)
		return;
	for (i = 0; i < l->npaths; i++)
		match_glob_free(l->paths[i]);
	for (i = 0; i < l->nexclude; i++)
		match_glob_free(l->exclude[i]);
	free(l->paths);
	free(l->exclude);
	match_regex_free(l->contains);
	match_regex_free(l->not_contains);
	match_regex_free(l->fresh);
	text_free(&l->what);
	free(l);
}

static void cond_free(struct cond *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	free(c->kids);
	leaf_free(c->leaf);
	free(c);
}

/* Adds the pack's excludes to the leaf's, compiled once per case-sensitivity and shared. */
static int add_pack_excludes(struct ctx *c, struct leaf *l, int icase)
{
	struct match_glob **shared = c->pack_globs[icase ? 1 : 0];
	size_t i;
	int rc = 0;

	if (!c->npack_exclude)
		return 0;
	if (!shared) {
		/* compiled on first use; already validated when the pack was read */
		shared = c->pack_globs[icase ? 1 : 0] = xcalloc(c->npack_exclude, sizeof(*shared));
		for (i = 0; i < c->npack_exclude; i++) {
			yaml_node_t fake;
			fake.start_mark.line = (size_t)(c->pack_exclude_at[i].line - 1);
			fake.start_mark.column = (size_t)(c->pack_exclude_at[i].col - 1);
			if (compile_glob(c, &fake, c->pack_exclude[i], icase, &shared[i]) < 0)
				rc = -1;
		}
	}
	l->exclude = xrealloc(l->exclude, (l->nexclude + c->npack_exclude) * sizeof(*l->exclude));
	for (i = 0; i < c->npack_exclude; i++)
		if (shared[i])
			l->exclude[l->nexclude++] = match_glob_ref(shared[i]);
	return rc;
}

/* fresh: {pattern, days}: a date the pattern captures must be at most days old. */
static int get_fresh(struct ctx *c, const yaml_node_t *n, struct leaf *l)
{
	static const char *const keys[] = {"pattern", "days", NULL};
	yaml_node_t *v[2];
	int rc = 0;

	if (ydoc_fields(&c->y, n, "fresh", keys, v) < 0 || ydoc_need(&c->y, n, v[0], "fresh", "pattern") < 0 ||
	    ydoc_need(&c->y, n, v[1], "fresh", "days") < 0)
		return -1;
	if (get_pattern(c, v[0], "fresh.pattern", 0, &l->fresh, NULL) < 0)
		rc = -1;
	else if (l->fresh->ncaptures < 1)
		rc = ydoc_diag(&c->y, v[0], "fresh.pattern '%s' needs a capture group holding the date (YYYY-MM-DD)",
			       l->fresh->src);
	if (ydoc_long(&c->y, v[1], "fresh.days", 0, 36500, &l->fresh_days) < 0)
		rc = -1;
	return rc;
}

static int get_leaf(struct ctx *c, const yaml_node_t *n, int negated, struct leaf **out)
{
	static const char *const keys[] = {"paths",	   "exclude",	"ignore_case", "contains",
					   "not_contains", "min_lines", "executable",  "fresh",
					   "min_files",	   "what",	NULL};
	const char *what = negated ? "no_file" : "file";
	yaml_node_t *v[10];
	struct leaf *l = xcalloc(1, sizeof(*l));
	int icase = 0, rc = 0;

	l->negated = negated;
	l->executable = -1;
	l->min_files = 1;
	l->min_matches = 1;
	l->at = ydoc_where(&c->y, n);
	if (ydoc_fields(&c->y, n, what, keys, v) < 0 || ydoc_need(&c->y, n, v[0], what, "paths") < 0) {
		rc = -1;
		goto done;
	}
	if (v[2] && ydoc_bool(&c->y, v[2], "ignore_case", &icase) < 0)
		rc = -1;
	if (get_globs(c, v[0], "paths", icase, &l->paths, &l->npaths) < 0)
		rc = -1;
	if (v[1] && get_globs(c, v[1], "exclude", icase, &l->exclude, &l->nexclude) < 0)
		rc = -1;
	/* a no_file leaf forbids: the pack's excludes would let a change hide what it forbids (docs/rules.md) */
	if (!negated && add_pack_excludes(c, l, icase) < 0)
		rc = -1;
	if (v[3] && get_pattern(c, v[3], "contains", 1, &l->contains, &l->min_matches) < 0)
		rc = -1;
	if (v[4] && get_pattern(c, v[4], "not_contains", 0, &l->not_contains, NULL) < 0)
		rc = -1;
	if (v[5]) {
		long m = 0;
		if (ydoc_long(&c->y, v[5], "min_lines", 1, 100000000, &m) < 0)
			rc = -1;
		l->min_lines = (size_t)m;
	}
	if (v[6] && ydoc_bool(&c->y, v[6], "executable", &l->executable) < 0)
		rc = -1;
	if (v[7] && get_fresh(c, v[7], l) < 0)
		rc = -1;
	if (v[8]) {
		long m = 1;
		if (negated)
			rc = ydoc_diag(&c->y, v[8], "no_file: min_files has no meaning here (no file may match)");
		else if (ydoc_long(&c->y, v[8], "min_files", 1, 1000000, &m) < 0)
			rc = -1;
		l->min_files = (size_t)m;
	}
	if (v[9] && get_text(c, v[9], "what", &l->what) < 0)
		rc = -1;
done:
	if (rc < 0) {
		leaf_free(l);
		return -1;
	}
	*out = l;
	return 0;
}

static int get_cond(struct ctx *c, const yaml_node_t *n, int depth, struct cond **out)
{
	static const char *const keys[] = {"all", "any", "file", "no_file", NULL};
	yaml_node_t *v[4];
	struct cond *cd = NULL;
	int which = -1, i, rc = 0;

	if (depth > COND_MAX_DEPTH)
		return ydoc_diag(&c->y, n, "conditions nest deeper than %d levels", COND_MAX_DEPTH);
	if (ydoc_fields(&c->y, n, "condition", keys, v) < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		if (!v[i])
			continue;
		if (which >= 0)
			return ydoc_diag(
				&c->y, n,
				"a condition holds exactly one of all, any, file, no_file; found both '%s' and '%s'",
				keys[which], keys[i]);
		which = i;
	}
	if (which < 0)
		return ydoc_diag(&c->y, n, "a condition needs one of all, any, file, no_file");
	cd = xcalloc(1, sizeof(*cd));
	if (which <= 1) {
		yaml_node_item_t *it;
		cd->kind = which == 0 ? COND_ALL : COND_ANY;
		if (v[which]->type != YAML_SEQUENCE_NODE ||
		    v[which]->data.sequence.items.start == v[which]->data.sequence.items.top) {
			ydoc_diag(&c->y, v[which], "%s must be a non-empty list of conditions", keys[which]);
			cond_free(cd);
			return -1;
		}
		for (it = v[which]->data.sequence.items.start; it < v[which]->data.sequence.items.top; it++) {
			yaml_node_t *kn = ydoc_node(&c->y, *it);
			struct cond *kid = NULL;
			if (!kn) {
				rc = ydoc_too_complex(&c->y, n);
				break;
			}
			if (get_cond(c, kn, depth + 1, &kid) < 0) {
				rc = -1;
				continue;
			}
			cd->kids = xrealloc(cd->kids, (cd->nkids + 1) * sizeof(*cd->kids));
			cd->kids[cd->nkids++] = kid;
		}
	} else {
		cd->kind = COND_LEAF;
		rc = get_leaf(c, v[which], which == 3, &cd->leaf);
	}
	if (rc < 0) {
		cond_free(cd);
		return -1;
	}
	*out = cd;
	return 0;
}

static void collect_leaves(struct rules *rs, struct cond *c)
{
	size_t i;
	if (c->kind == COND_LEAF) {
		XGROW(rs->leaves, rs->leaves_cap, rs->nleaves + 1);
		c->leaf->index = rs->nleaves;
		rs->leaves[rs->nleaves++] = c->leaf;
		return;
	}
	for (i = 0; i < c->nkids; i++)
		collect_leaves(rs, c->kids[i]);
}

int level_parse(enum level *out, const char *s)
{
	if (!strcmp(s, "required"))
		*out = LEVEL_REQUIRED;
	else if (!strcmp(s, "expected"))
		*out = LEVEL_EXPECTED;
	else if (!strcmp(s, "advisory"))
		*out = LEVEL_ADVISORY;
	else
		return -1;
	return 0;
}

static int get_level(struct ctx *c, const yaml_node_t *n, enum level *out)
{
	if (ydoc_want_scalar(&c->y, n, "level") < 0)
		return -1;
	if (level_parse(out, ydoc_scalar(n)) < 0)
		return ydoc_diag(&c->y, n, "level must be required, expected or advisory, found '%s'", ydoc_scalar(n));
	return 0;
}

/* Ids: lowercase letters, digits, '.', '-' and '_', starting with a letter. */
static int check_id(struct ctx *c, const yaml_node_t *n, const char *what, const char *id)
{
	const char *p;
	if (!(*id >= 'a' && *id <= 'z'))
		return ydoc_diag(&c->y, n, "%s '%s' must start with a lowercase letter", what, id);
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'))
			return ydoc_diag(&c->y, n, "%s '%s' may hold only a-z, 0-9, '.', '-' and '_'", what, id);
	if (p - id > 100)
		return ydoc_diag(&c->y, n, "%s '%s' is longer than 100 characters", what, id);
	return 0;
}

static void rule_free(struct rule *r)
{
	free(r->id);
	free(r->domain_id);
	text_free(&r->title);
	text_free(&r->description);
	text_free(&r->next_step);
	ydoc_strlist_free(r->proofs, r->nproofs);
	free(r->proof_idx);
	free(r->proofs_at);
	ydoc_strlist_free(r->links, r->nlinks);
	cond_free(r->evidence);
}

static int get_rule(struct ctx *c, const yaml_node_t *n)
{
	static const char *const keys[] = {"id",	"domain", "level", "title",    "description",
					   "next_step", "proofs", "links", "evidence", NULL};
	yaml_node_t *v[9];
	struct rule r;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.at = ydoc_where(&c->y, n);
	if (ydoc_fields(&c->y, n, "rule", keys, v) < 0)
		return -1;
	if (ydoc_need(&c->y, n, v[0], "rule", "id") < 0 || ydoc_str(&c->y, v[0], "rule id", &r.id) < 0 ||
	    check_id(c, v[0], "rule id", r.id) < 0) {
		rule_free(&r);
		return -1;
	}
	if (ydoc_need(&c->y, n, v[1], r.id, "domain") < 0 || ydoc_str(&c->y, v[1], "domain", &r.domain_id) < 0)
		rc = -1;
	else
		r.domain_at = ydoc_where(&c->y, v[1]);
	if (ydoc_need(&c->y, n, v[2], r.id, "level") < 0 || get_level(c, v[2], &r.level) < 0)
		rc = -1;
	if (ydoc_need(&c->y, n, v[3], r.id, "title") < 0 || get_text(c, v[3], "title", &r.title) < 0)
		rc = -1;
	if (v[4] && get_text(c, v[4], "description", &r.description) < 0)
		rc = -1;
	if (ydoc_need(&c->y, n, v[5], r.id, "next_step") < 0 || get_text(c, v[5], "next_step", &r.next_step) < 0)
		rc = -1;
	if (v[6] && ydoc_strlist(&c->y, v[6], "proofs", &r.proofs, &r.nproofs, &r.proofs_at) < 0)
		rc = -1;
	if (v[7] && ydoc_strlist(&c->y, v[7], "links", &r.links, &r.nlinks, NULL) < 0)
		rc = -1;
	if (ydoc_need(&c->y, n, v[8], r.id, "evidence") < 0 || get_cond(c, v[8], 0, &r.evidence) < 0)
		rc = -1;
	if (rc < 0) {
		rule_free(&r);
		return -1;
	}
	XGROW(c->rs->rules, c->rs->rules_cap, c->rs->nrules + 1);
	c->rs->rules[c->rs->nrules++] = r;
	return 0;
}

static int get_domain(struct ctx *c, const yaml_node_t *n, long pos)
{
	static const char *const keys[] = {"id", "title", "order", "next_step", NULL};
	yaml_node_t *v[4];
	struct domain d;
	int rc = 0;

	memset(&d, 0, sizeof(d));
	d.at = ydoc_where(&c->y, n);
	d.order = pos;
	if (ydoc_fields(&c->y, n, "domain", keys, v) < 0)
		return -1;
	if (ydoc_need(&c->y, n, v[0], "domain", "id") < 0 || ydoc_str(&c->y, v[0], "domain id", &d.id) < 0 ||
	    check_id(c, v[0], "domain id", d.id) < 0)
		rc = -1;
	if (ydoc_need(&c->y, n, v[1], "domain", "title") < 0 || get_text(c, v[1], "title", &d.title) < 0)
		rc = -1;
	if (v[2] && ydoc_long(&c->y, v[2], "order", -1000000, 1000000, &d.order) < 0)
		rc = -1;
	if (v[3] && get_text(c, v[3], "next_step", &d.next_step) < 0)
		rc = -1;
	if (rc < 0) {
		free(d.id);
		text_free(&d.title);
		text_free(&d.next_step);
		return -1;
	}
	XGROW(c->rs->domains, c->rs->domains_cap, c->rs->ndomains + 1);
	c->rs->domains[c->rs->ndomains++] = d;
	return 0;
}

static void proof_free(struct proof *p)
{
	free(p->id);
	text_free(&p->title);
	text_free(&p->description);
	ydoc_strlist_free(p->requires, p->nrequires);
	free(p->requires_idx);
	free(p->requires_at);
}

static int get_proof(struct ctx *c, const yaml_node_t *n)
{
	static const char *const keys[] = {"id", "title", "description", "requires", NULL};
	yaml_node_t *v[4];
	struct proof p;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.at = ydoc_where(&c->y, n);
	if (ydoc_fields(&c->y, n, "proof", keys, v) < 0)
		return -1;
	if (ydoc_need(&c->y, n, v[0], "proof", "id") < 0 || ydoc_str(&c->y, v[0], "proof id", &p.id) < 0 ||
	    check_id(c, v[0], "proof id", p.id) < 0)
		rc = -1;
	if (ydoc_need(&c->y, n, v[1], "proof", "title") < 0 || get_text(c, v[1], "title", &p.title) < 0)
		rc = -1;
	if (v[2] && get_text(c, v[2], "description", &p.description) < 0)
		rc = -1;
	if (v[3] && ydoc_strlist(&c->y, v[3], "requires", &p.requires, &p.nrequires, &p.requires_at) < 0)
		rc = -1;
	if (rc < 0) {
		proof_free(&p);
		return -1;
	}
	XGROW(c->rs->proofs, c->rs->proofs_cap, c->rs->nproofs + 1);
	c->rs->proofs[c->rs->nproofs++] = p;
	return 0;
}

static int for_each_item(struct ctx *c, const yaml_node_t *seq, const char *what,
			 int (*fn)(struct ctx *, const yaml_node_t *, long))
{
	yaml_node_item_t *it;
	long pos = 0;
	int rc = 0;

	if (seq->type != YAML_SEQUENCE_NODE)
		return ydoc_diag(&c->y, seq, "%s must be a list, found %s", what, ydoc_kind(seq));
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++, pos++) {
		yaml_node_t *n = ydoc_node(&c->y, *it);
		if (!n)
			return ydoc_too_complex(&c->y, seq);
		if (fn(c, n, pos) < 0)
			rc = -1;
	}
	return rc;
}

static int rule_cb(struct ctx *c, const yaml_node_t *n, long pos)
{
	(void)pos;
	return get_rule(c, n);
}

static int proof_cb(struct ctx *c, const yaml_node_t *n, long pos)
{
	(void)pos;
	return get_proof(c, n);
}

static int domain_cb(struct ctx *c, const yaml_node_t *n, long pos)
{
	return get_domain(c, n, pos);
}

/*
 * A libyaml error at the place it was found.  When that is the end of the
 * input (an unclosed quote or bracket), the message also says where the
 * unclosed thing starts.
 */
static void yaml_diag(struct rules *rs, const char *file, const yaml_parser_t *p, const char *data, size_t len)
{
	yaml_mark_t m = p->problem_mark;
	struct buf hint = BUF_INIT;
	struct where at;

	if (p->context && m.index >= len && p->context_mark.index < len) {
		buf_printf(&hint, " that starts at line %d, column %d", (int)p->context_mark.line + 1,
			   (int)p->context_mark.column + 1);
	} else if (p->problem_offset < len && data[p->problem_offset] == '\t') {
		buf_puts(&hint, " (indent YAML with spaces, not tabs)");
	} else if (m.index < len && data[m.index] == '\t') {
		buf_puts(&hint, " (indent YAML with spaces, not tabs)");
	}
	at.file = file;
	at.line = (int)m.line + 1;
	at.col = (int)m.column + 1;
	diag_add(&rs->diags, at, "malformed YAML: %s%s%s%s", p->problem ? p->problem : "unknown problem",
		 p->context ? " " : "", p->context ? p->context : "", buf_cstr(&hint));
	buf_free(&hint);
}

/* 1 when lists and mappings nest deeper than PACK_MAX_NESTING; *at is where. */
static int too_deep(const char *data, size_t len, yaml_mark_t *at)
{
	yaml_parser_t p;
	yaml_event_t e;
	int depth = 0, rc = 0, more = 1;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	/* a YAML error stops this pass: the loader reports it */
	while (more && yaml_parser_parse(&p, &e)) {
		if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
			if (++depth > PACK_MAX_NESTING) {
				*at = e.start_mark;
				rc = 1;
				more = 0;
			}
		} else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) {
			depth--;
		} else if (e.type == YAML_STREAM_END_EVENT) {
			more = 0;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return rc;
}

int rules_nesting_exceeds(const char *data, size_t len, int *line, int *col)
{
	yaml_mark_t m;
	if (!too_deep(data, len, &m))
		return 0;
	*line = (int)m.line + 1;
	*col = (int)m.column + 1;
	return 1;
}

static const char *intern_file(struct rules *rs, const char *name)
{
	size_t i;
	for (i = 0; i < rs->nfiles; i++)
		if (!strcmp(rs->files[i], name))
			return rs->files[i];
	XGROW(rs->files, rs->files_cap, rs->nfiles + 1);
	rs->files[rs->nfiles] = xstrdup(name);
	return rs->files[rs->nfiles++];
}

/*
 * What is checked before a pack is parsed: its size, whether the same bytes
 * were loaded already (1: skip them), and how deeply it nests; the pack's
 * name and bytes join what the digest covers.  0 to go on, -1 with a problem.
 */
static int admit_pack(struct rules *rs, const char *name, const char *data, size_t len)
{
	const char *file;
	yaml_mark_t m;

	if (len > PACK_MAX_BYTES)
		return diag_add(&rs->diags, (struct where){intern_file(rs, name), 1, 1},
				"rule pack is larger than %u bytes", PACK_MAX_BYTES);
	XGROW(rs->pack_blobs, rs->pack_blobs_cap, rs->npack_blobs + 1);
	if (git_odb_hash(&rs->pack_blobs[rs->npack_blobs], data, len, GIT_OBJECT_BLOB) == 0) {
		/* the same bytes twice (rules/ of proofgate's own tree beside the
		 * built-in copy) is one pack, not a set of duplicate ids */
		if (rules_is_pack_blob(rs, &rs->pack_blobs[rs->npack_blobs]))
			return 1;
		rs->npack_blobs++;
	}
	file = intern_file(rs, name);
	buf_printf(&rs->canon, "%s", name);
	buf_putc(&rs->canon, '\0');
	buf_put(&rs->canon, data, len);
	buf_putc(&rs->canon, '\0');
	if (too_deep(data, len, &m))
		return diag_add(&rs->diags, (struct where){file, (int)m.line + 1, (int)m.column + 1},
				"rule pack nests deeper than %d levels of lists and mappings", PACK_MAX_NESTING);
	return 0;
}

/*
 * Parses data as exactly one YAML document with a root.  Returns 0 with
 * *parser and *doc for the caller to delete, or -1 with a problem (nothing
 * left to delete).
 */
static int load_document(struct rules *rs, const char *file, const char *data, size_t len, yaml_parser_t *parser,
			 yaml_document_t *doc)
{
	yaml_document_t extra;
	int more;

	if (!yaml_parser_initialize(parser))
		return diag_add(&rs->diags, (struct where){file, 1, 1}, "cannot initialise the YAML parser");
	yaml_parser_set_input_string(parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(parser, doc)) {
		yaml_diag(rs, file, parser, data, len);
		yaml_parser_delete(parser);
		return -1;
	}
	if (!yaml_document_get_root_node(doc)) {
		diag_add(&rs->diags, (struct where){file, 1, 1},
			 "empty rule pack: expected a mapping with domains, proofs and rules");
	} else if (!yaml_parser_load(parser, &extra)) {
		yaml_diag(rs, file, parser, data, len);
	} else {
		/* the second document starts at its "---" */
		struct where at = {file, (int)extra.start_mark.line + 1, (int)extra.start_mark.column + 1};
		more = yaml_document_get_root_node(&extra) != NULL;
		yaml_document_delete(&extra);
		if (!more)
			return 0;
		diag_add(&rs->diags, at, "a rule pack holds one YAML document; found a second one");
	}
	yaml_document_delete(doc);
	yaml_parser_delete(parser);
	return -1;
}

/* The pack's exclude list, checked once here so that an invalid glob is reported once. */
static void get_pack_excludes(struct ctx *c, const yaml_node_t *n)
{
	size_t i;
	if (ydoc_strlist(&c->y, n, "exclude", &c->pack_exclude, &c->npack_exclude, &c->pack_exclude_at) < 0)
		return;
	for (i = 0; i < c->npack_exclude; i++) {
		struct match_glob *g = NULL;
		yaml_node_t fake;
		fake.start_mark.line = (size_t)(c->pack_exclude_at[i].line - 1);
		fake.start_mark.column = (size_t)(c->pack_exclude_at[i].col - 1);
		if (compile_glob(c, &fake, c->pack_exclude[i], 0, &g) < 0) {
			ydoc_strlist_free(c->pack_exclude, c->npack_exclude);
			free(c->pack_exclude_at);
			c->pack_exclude = NULL;
			c->pack_exclude_at = NULL;
			c->npack_exclude = 0;
			return;
		}
		match_glob_free(g);
	}
}

/* The pack's top level: exclude first (every condition uses it), then domains, proofs and rules. */
static void get_pack(struct ctx *c, const yaml_node_t *root)
{
	static const char *const keys[] = {"domains", "proofs", "exclude", "rules", NULL};
	yaml_node_t *v[4];

	if (ydoc_fields(&c->y, root, "rule pack", keys, v) < 0)
		return;
	if (v[2])
		get_pack_excludes(c, v[2]);
	if (v[0])
		for_each_item(c, v[0], "domains", domain_cb);
	if (v[1])
		for_each_item(c, v[1], "proofs", proof_cb);
	if (v[3])
		for_each_item(c, v[3], "rules", rule_cb);
	if (!v[0] && !v[1] && !v[3])
		ydoc_diag(&c->y, root, "a rule pack needs at least one of domains, proofs or rules");
}

static void ctx_release(struct ctx *c)
{
	size_t i, j;
	for (i = 0; i < 2; i++) {
		for (j = 0; c->pack_globs[i] && j < c->npack_exclude; j++)
			match_glob_free(c->pack_globs[i][j]);
		free(c->pack_globs[i]);
	}
	ydoc_strlist_free(c->pack_exclude, c->npack_exclude);
	free(c->pack_exclude_at);
}

int rules_add_buffer(struct rules *rs, const char *name, const char *data, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct ctx c;
	size_t before = rs->diags.n;
	int rc = admit_pack(rs, name, data, len);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	memset(&c, 0, sizeof(c));
	c.rs = rs;
	c.y.file = intern_file(rs, name);
	c.y.diags = &rs->diags;
	c.y.too_complex = "rule pack too complex (aliases add more than " STR(PACK_MAX_ALIAS_NODES) " nodes)";
	if (load_document(rs, c.y.file, data, len, &parser, &doc) < 0)
		return -1;
	c.y.doc = &doc;
	/* every node once, plus what aliases may add */
	c.y.budget = PACK_MAX_ALIAS_NODES + (long)(doc.nodes.top - doc.nodes.start);
	get_pack(&c, yaml_document_get_root_node(&doc));
	ctx_release(&c);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rs->diags.n == before ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder is named in messages only: interning it on success would count it as a pack. */
static struct where path_at(struct rules *rs, const char *path)
{
	struct where w = {intern_file(rs, path), 0, 0};
	return w;
}

int rules_add_path(struct rules *rs, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		int saved = errno; /* path_at allocates */
		diag_add(&rs->diags, path_at(rs, path), "cannot read rules: %s", err_os(saved));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, cap = 0, i;
		int rc = 0;

		if (!d) {
			int saved = errno;
			diag_add(&rs->diags, path_at(rs, path), "cannot read rules folder: %s", err_os(saved));
			return -1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' ||
			    !(str_ends_with(e->d_name, ".yml") || str_ends_with(e->d_name, ".yaml")))
				continue;
			XGROW(names, cap, n + 1);
			names[n++] = xstrdup(e->d_name);
		}
		closedir(d);
		if (n == 0) {
			diag_add(&rs->diags, path_at(rs, path), "rules folder holds no *.yml or *.yaml file");
			rc = -1;
		}
		if (n)
			qsort(names, n, sizeof(*names), cmp_str);
		for (i = 0; i < n; i++) {
			struct buf full = BUF_INIT;
			buf_printf(&full, "%s%s%s", path, str_ends_with(path, "/") ? "" : "/", names[i]);
			if (rules_add_path(rs, full.ptr) < 0)
				rc = -1;
			buf_free(&full);
			free(names[i]);
		}
		free(names);
		return rc;
	} else {
		struct buf data = BUF_INIT;
		int rc;
		if (file_read(&data, path, PACK_MAX_BYTES) < 0) {
			diag_add(&rs->diags, path_at(rs, path), "cannot read rules: %s", err_last());
			return -1;
		}
		rc = rules_add_buffer(rs, path, data.ptr, data.len);
		buf_free(&data);
		return rc;
	}
}

int rules_add_builtin(struct rules *rs)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < builtin_nfiles; i++)
		if (rules_add_buffer(rs, builtin_files[i].name, builtin_files[i].data, builtin_files[i].len) < 0)
			rc = -1;
	return rc;
}

int rules_is_pack_blob(const struct rules *rs, const git_oid *oid)
{
	size_t i;
	for (i = 0; i < rs->npack_blobs; i++)
		if (git_oid_equal(&rs->pack_blobs[i], oid))
			return 1;
	return 0;
}

long rules_find_rule(const struct rules *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->nrules; i++)
		if (!strcmp(rs->rules[i].id, id))
			return (long)i;
	return -1;
}

long rules_find_domain(const struct rules *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->ndomains; i++)
		if (!strcmp(rs->domains[i].id, id))
			return (long)i;
	return -1;
}

long rules_find_proof(const struct rules *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->nproofs; i++)
		if (!strcmp(rs->proofs[i].id, id))
			return (long)i;
	return -1;
}

static int cmp_domain(const void *a, const void *b)
{
	const struct domain *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/*
 * Depth-first check that proof requirements do not loop; on a loop returns 1
 * and sets *in_loop to a proof that is part of it.  Iterative: a chain of
 * 100000 proofs must not overflow the stack.
 */
static int proof_cycle(const struct rules *rs, size_t start, unsigned char *state, size_t *in_loop)
{
	/* each entry: a proof and how many of its requirements were followed */
	size_t *stack_p = NULL, *stack_i = NULL, cap = 0, cap2 = 0, n = 0;
	int rc = 0;

	if (state[start] == 2)
		return 0;
	XGROW(stack_p, cap, 1);
	XGROW(stack_i, cap2, 1);
	stack_p[0] = start;
	stack_i[0] = 0;
	state[start] = 1;
	n = 1;
	while (n > 0 && !rc) {
		size_t p = stack_p[n - 1], i = stack_i[n - 1];
		if (i == rs->proofs[p].nrequires) {
			state[p] = 2;
			n--;
			continue;
		}
		stack_i[n - 1]++;
		p = rs->proofs[p].requires_idx[i];
		if (state[p] == 1) {
			*in_loop = p;
			rc = 1;
		} else if (state[p] == 0) {
			state[p] = 1;
			XGROW(stack_p, cap, n + 1);
			XGROW(stack_i, cap2, n + 1);
			stack_p[n] = p;
			stack_i[n] = 0;
			n++;
		}
	}
	free(stack_p);
	free(stack_i);
	return rc;
}

/* An id and its index, sorted by id then index: duplicates and lookups in n log n. */
struct idref {
	const char *id;
	size_t i;
};

static int cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The ids of n items of size stride at base (the id at offset off), sorted; caller frees. */
static struct idref *sort_ids(const void *base, size_t n, size_t stride, size_t off)
{
	struct idref *s = xcalloc(n, sizeof(*s));
	size_t i;
	for (i = 0; i < n; i++) {
		s[i].id = *(char *const *)((const char *)base + i * stride + off);
		s[i].i = i;
	}
	if (n)
		qsort(s, n, sizeof(*s), cmp_idref);
	return s;
}

/* Index of the first item with that id in a sorted_ids array, or -1. */
static long find_id(const struct idref *s, size_t n, const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(s[lo].id, id) ? (long)s[lo].i : -1;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Reports every later item whose id an earlier one has, in file order, pointing at the first. */
static void report_dups(struct rules *rs, const char *kind, const void *base, size_t n, size_t stride, size_t id_off,
			size_t at_off)
{
	struct idref *s = sort_ids(base, n, stride, id_off);
	size_t *pairs = xcalloc(2 * n, sizeof(size_t)); /* (later, first), sorted by later */
	size_t i, run = 0, nd = 0;

	for (i = 1; i < n; i++) {
		if (strcmp(s[i].id, s[run].id)) {
			run = i;
			continue;
		}
		pairs[2 * nd] = s[i].i;
		pairs[2 * nd + 1] = s[run].i;
		nd++;
	}
	if (nd)
		qsort(pairs, nd, 2 * sizeof(size_t), cmp_size);
	for (i = 0; i < nd; i++) {
		const char *item = (const char *)base + pairs[2 * i] * stride;
		const struct where *at = (const struct where *)(item + at_off);
		const struct where *first =
			(const struct where *)((const char *)base + pairs[2 * i + 1] * stride + at_off);
		diag_add(&rs->diags, *at, "duplicate %s id '%s' (first defined at %s:%d)", kind,
			 *(char *const *)(item + id_off), first->file, first->line);
	}
	free(pairs);
	free(s);
}

int rules_finish(struct rules *rs)
{
	size_t i, j;
	git_oid oid;
	struct idref *dom_ids, *proof_ids;

	/* duplicates: report the later one, pointing at the first (sorted: packs may be large) */
	report_dups(rs, "domain", rs->domains, rs->ndomains, sizeof(*rs->domains), offsetof(struct domain, id),
		    offsetof(struct domain, at));
	report_dups(rs, "proof", rs->proofs, rs->nproofs, sizeof(*rs->proofs), offsetof(struct proof, id),
		    offsetof(struct proof, at));
	report_dups(rs, "rule", rs->rules, rs->nrules, sizeof(*rs->rules), offsetof(struct rule, id),
		    offsetof(struct rule, at));

	if (rs->ndomains) /* qsort's base is declared nonnull: no NULL even for 0 items */
		qsort(rs->domains, rs->ndomains, sizeof(*rs->domains), cmp_domain);
	dom_ids = sort_ids(rs->domains, rs->ndomains, sizeof(*rs->domains), offsetof(struct domain, id));
	proof_ids = sort_ids(rs->proofs, rs->nproofs, sizeof(*rs->proofs), offsetof(struct proof, id));

	for (i = 0; i < rs->nproofs; i++) {
		struct proof *p = &rs->proofs[i];
		p->requires_idx = xcalloc(p->nrequires, sizeof(size_t));
		for (j = 0; j < p->nrequires; j++) {
			long k = find_id(proof_ids, rs->nproofs, p->requires[j]);
			if (k < 0)
				diag_add(&rs->diags, p->requires_at[j], "proof '%s' requires unknown proof '%s'", p->id,
					 p->requires[j]);
			else if ((size_t)k == i)
				diag_add(&rs->diags, p->requires_at[j], "proof '%s' requires itself", p->id);
			else
				p->requires_idx[j] = (size_t)k;
		}
	}
	if (rs->diags.n == 0 && rs->nproofs) {
		unsigned char *state = xcalloc(rs->nproofs, 1);
		size_t k = 0;
		for (i = 0; i < rs->nproofs; i++)
			if (proof_cycle(rs, i, state, &k)) {
				diag_add(&rs->diags, rs->proofs[k].at, "proof '%s' is part of a requirement loop",
					 rs->proofs[k].id);
				break;
			}
		free(state);
	}

	rs->nleaves = 0;
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		long d = find_id(dom_ids, rs->ndomains, r->domain_id);
		if (d < 0)
			diag_add(&rs->diags, r->domain_at, "rule '%s' names unknown domain '%s'", r->id, r->domain_id);
		else
			r->domain = (size_t)d;
		r->proof_idx = xcalloc(r->nproofs, sizeof(size_t));
		for (j = 0; j < r->nproofs; j++) {
			long k = find_id(proof_ids, rs->nproofs, r->proofs[j]);
			if (k < 0)
				diag_add(&rs->diags, r->proofs_at[j], "rule '%s' names unknown proof '%s'", r->id,
					 r->proofs[j]);
			else
				r->proof_idx[j] = (size_t)k;
		}
		collect_leaves(rs, r->evidence);
	}
	free(dom_ids);
	free(proof_ids);
	if (rs->nrules == 0 && rs->diags.n == 0)
		diag_add(&rs->diags, (struct where){rs->nfiles ? rs->files[0] : "(no rules)", 0, 0},
			 "no rules loaded: give --rules PATH or drop --no-builtin");

	if (git_odb_hash(&oid, rs->canon.ptr ? rs->canon.ptr : "", rs->canon.len, GIT_OBJECT_BLOB) == 0) {
		memcpy(rs->digest, "sha1:", 5);
		git_oid_tostr(rs->digest + 5, sizeof(rs->digest) - 5, &oid);
	}
	return rs->diags.n ? -1 : 0;
}

struct rules *rules_new(void)
{
	return xcalloc(1, sizeof(struct rules));
}

void rules_free(struct rules *rs)
{
	size_t i;
	if (!rs)
		return;
	for (i = 0; i < rs->ndomains; i++) {
		free(rs->domains[i].id);
		text_free(&rs->domains[i].title);
		text_free(&rs->domains[i].next_step);
	}
	for (i = 0; i < rs->nproofs; i++)
		proof_free(&rs->proofs[i]);
	for (i = 0; i < rs->nrules; i++)
		rule_free(&rs->rules[i]);
	for (i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	for (i = 0; i < rs->seen_cap; i++)
		match_glob_free(rs->seen[i]);
	free(rs->seen);
	free(rs->domains);
	free(rs->proofs);
	free(rs->rules);
	free(rs->leaves);
	diag_list_clear(&rs->diags);
	diag_list_clear(&rs->warnings);
	free(rs->files);
	buf_free(&rs->canon);
	free(rs->pack_blobs);
	free(rs);
}
