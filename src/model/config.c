/* config.c - .proofgate.yml: strict libyaml validation, read from a commit through libgit2. */
#include "model/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"
#include "model/ydoc.h"

/* Nodes visited while reading the policy; stops alias bombs. */
#define CONFIG_MAX_NODES 20000
#define STR_(x)		 #x
#define STR(x)		 STR_(x)

struct cctx {
	struct ydoc y; /* y.diags: the caller's list */
	struct config *cfg;
	long commit_day;
};

static int get_levels(struct cctx *c, const yaml_node_t *n)
{
	struct config *cfg = c->cfg;
	yaml_node_pair_t *p;
	size_t cap = 0;
	int rc = 0;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_diag(&c->y, n, "levels must be a mapping of rule id to level, found %s", ydoc_kind(n));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(&c->y, p->key), *v = ydoc_node(&c->y, p->value);
		struct config_level l;
		size_t i;
		memset(&l, 0, sizeof(l));
		if (!k || !v)
			return ydoc_too_complex(&c->y, n);
		if (ydoc_str(&c->y, k, "levels: a rule id", &l.rule) < 0) {
			rc = -1;
			continue;
		}
		if (v->type != YAML_SCALAR_NODE || level_parse(&l.level, ydoc_scalar(v)) < 0) {
			rc = ydoc_diag(&c->y, v, "levels: '%s' must be required, expected or advisory", l.rule);
			free(l.rule);
			continue;
		}
		for (i = 0; i < cfg->nlevels; i++)
			if (!strcmp(cfg->levels[i].rule, l.rule))
				break;
		if (i < cfg->nlevels) {
			rc = ydoc_diag(&c->y, k, "levels: duplicate rule '%s'", l.rule);
			free(l.rule);
			continue;
		}
		l.at = ydoc_where(&c->y, k);
		XGROW(cfg->levels, cap, cfg->nlevels + 1);
		cfg->levels[cfg->nlevels++] = l;
	}
	return rc;
}

/* A gate's value: "blocked", "blocked,regression", or a list [blocked, regression]; -1 when it is none. */
static int gate_value(struct cctx *c, const yaml_node_t *v, struct config_gate *g)
{
	struct fail_on_spec spec;
	struct buf joined = BUF_INIT;
	int rc = -1;

	if (v->type == YAML_SCALAR_NODE) {
		buf_puts(&joined, ydoc_scalar(v));
	} else if (v->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it;
		for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
			const yaml_node_t *item = ydoc_node(&c->y, *it);
			if (!item || item->type != YAML_SCALAR_NODE || strchr(ydoc_scalar(item), ','))
				goto done;
			buf_printf(&joined, "%s%s", joined.len ? "," : "", ydoc_scalar(item));
		}
	}
	if (!joined.len || fail_on_spec_parse(&spec, buf_cstr(&joined)) < 0)
		goto done;
	g->fail_on = spec.has_level ? spec.level : FAIL_ON_NEVER;
	g->has_level = spec.has_level;
	g->regression = spec.regression;
	rc = 0;
done:
	buf_free(&joined);
	return rc;
}

static int get_gates(struct cctx *c, const yaml_node_t *n)
{
	struct config *cfg = c->cfg;
	yaml_node_pair_t *p;
	size_t cap = 0;
	int rc = 0;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_diag(&c->y, n,
				 "gates must be a mapping of branch glob to blocked, readiness-only or never, found %s",
				 ydoc_kind(n));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(&c->y, p->key), *v = ydoc_node(&c->y, p->value);
		struct config_gate g;
		struct buf anchored = BUF_INIT;
		size_t off = 0;
		memset(&g, 0, sizeof(g));
		if (!k || !v)
			return ydoc_too_complex(&c->y, n);
		if (ydoc_str(&c->y, k, "gates: a branch glob", &g.glob) < 0) {
			rc = -1;
			continue;
		}
		if (gate_value(c, v, &g) < 0) {
			rc = ydoc_diag(&c->y, v,
				       "gates: '%s' must be blocked, readiness-only or never, regression, or a list of "
				       "one level and regression",
				       g.glob);
			free(g.glob);
			continue;
		}
		{
			size_t i;
			for (i = 0; i < cfg->ngates && strcmp(cfg->gates[i].glob, g.glob); i++)
				;
			if (i < cfg->ngates) {
				rc = ydoc_diag(&c->y, k, "gates: duplicate glob '%s' (first at line %d)", g.glob,
					       cfg->gates[i].at.line);
				free(g.glob);
				continue;
			}
		}
		/* a branch glob matches the whole name: anchor it, or "main" would match "x/main" */
		if (g.glob[0] != '/')
			buf_putc(&anchored, '/');
		buf_puts(&anchored, g.glob);
		if (match_glob_compile(&g.match, buf_cstr(&anchored), 0, &off) < 0) {
			rc = ydoc_diag(&c->y, k, "gates: invalid glob '%s': %s at offset %zu", g.glob, err_last(),
				       off ? off - (g.glob[0] != '/') : 0);
			buf_free(&anchored);
			free(g.glob);
			continue;
		}
		buf_free(&anchored);
		g.at = ydoc_where(&c->y, k);
		XGROW(cfg->gates, cap, cfg->ngates + 1);
		cfg->gates[cfg->ngates++] = g;
	}
	return rc;
}

static void waiver_free(struct waiver *w)
{
	free(w->rule);
	free(w->reason);
	free(w->owner);
	free(w->expires);
}

/* Every problem of one waiver, not only the first: missing keys, empty words, a date that is none. */
static int get_waiver(struct cctx *c, const yaml_node_t *n, struct waiver *w)
{
	static const char *const keys[] = {"rule", "reason", "owner", "expires", NULL};
	static const char *const what[] = {"waiver: rule", "waiver: reason", "waiver: owner", "waiver: expires"};
	char **field[4];
	yaml_node_t *v[4];
	int rc = 0;
	size_t i;

	memset(w, 0, sizeof(*w));
	memset(v, 0, sizeof(v));
	field[0] = &w->rule;
	field[1] = &w->reason;
	field[2] = &w->owner;
	field[3] = &w->expires;
	w->at = ydoc_where(&c->y, n);
	/* an unknown key is a problem, and the known ones are still checked */
	if (ydoc_fields(&c->y, n, "waiver", keys, v) < 0) {
		rc = -1;
		if (n->type != YAML_MAPPING_NODE)
			return -1;
	}
	for (i = 0; i < 4; i++) {
		if (!v[i])
			rc = ydoc_diag(
				&c->y, n,
				"waiver: missing required key '%s' (a waiver needs rule, reason, owner and expires)",
				keys[i]);
		else if (ydoc_str(&c->y, v[i], what[i], field[i]) < 0)
			rc = -1;
	}
	if (w->reason && !w->reason[strspn(w->reason, " \t")])
		rc = ydoc_diag(&c->y, v[1], "waiver: reason must not be empty: say why the rule may fail");
	if (w->owner && !w->owner[strspn(w->owner, " \t")])
		rc = ydoc_diag(&c->y, v[2], "waiver: owner must not be empty: name who answers for it");
	if (w->expires) {
		w->expires_day = strlen(w->expires) == 10 ? date_parse_day(w->expires, 10) : -1;
		if (w->expires_day < 0)
			rc = ydoc_diag(&c->y, v[3], "waiver: expires must be a date YYYY-MM-DD, found '%s'",
				       w->expires);
	}
	return rc;
}

static int get_waivers(struct cctx *c, const yaml_node_t *n)
{
	struct config *cfg = c->cfg;
	yaml_node_item_t *it;
	size_t cap = 0;
	int rc = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_diag(&c->y, n,
				 "waivers must be a list of mappings (rule, reason, owner, expires), found %s",
				 ydoc_kind(n));
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *v = ydoc_node(&c->y, *it);
		struct waiver w;
		if (!v)
			return ydoc_too_complex(&c->y, n);
		if (get_waiver(c, v, &w) < 0) {
			waiver_free(&w);
			rc = -1;
			continue;
		}
		XGROW(cfg->waivers, cap, cfg->nwaivers + 1);
		cfg->waivers[cfg->nwaivers++] = w;
	}
	return rc;
}

/* ---- evidence: paths the policy declares as a rule's evidence ------------------------- */

int config_evidence_literal(const char *p)
{
	return !strpbrk(p, "*?[]{}\\");
}

static void evidence_free(struct config_evidence *e)
{
	size_t i;
	free(e->rule);
	for (i = 0; i < e->npaths; i++)
		match_glob_free(e->globs[i]);
	free(e->globs);
	ydoc_strlist_free(e->paths, e->npaths);
	free(e->paths_at);
}

/* What is wrong with a declared path as written, or NULL: it names files from the root of the tree. */
static const char *evidence_path_problem(const char *p)
{
	const char *seg = p, *end;
	if (p[0] == '/')
		return "is absolute: name it from the root of the repository, without the leading '/'";
	if (p[strlen(p) - 1] == '/')
		return "names a folder: name its files, or write a glob such as 'ops/**'";
	for (; seg; seg = *end ? end + 1 : NULL) {
		size_t n;
		end = strchr(seg, '/');
		if (!end)
			end = seg + strlen(seg);
		n = (size_t)(end - seg);
		if (n == 2 && !strncmp(seg, "..", 2))
			return "leaves the repository ('..'): name a path inside it";
		if (n == 0 || (n == 1 && *seg == '.'))
			return "has an empty or '.' segment: write the path as git lists it";
	}
	return NULL;
}

/* One rule's declared paths: a path or glob, or a list of them; each compiled anchored at the root. */
static int get_evidence_paths(struct cctx *c, const yaml_node_t *v, struct config_evidence *e)
{
	size_t i;
	int rc = 0;

	if (ydoc_strlist(&c->y, v, "evidence: a rule's paths", &e->paths, &e->npaths, &e->paths_at) < 0)
		return -1;
	if (!e->npaths)
		return ydoc_diag(&c->y, v, "evidence: '%s' declares no path: name at least one file or glob", e->rule);
	e->globs = xcalloc(e->npaths, sizeof(*e->globs)); /* NULL where a path has a problem */
	for (i = 0; i < e->npaths; i++) {
		const char *why = evidence_path_problem(e->paths[i]);
		struct buf anchored = BUF_INIT;
		size_t off = 0, j;
		for (j = 0; j < i && strcmp(e->paths[i], e->paths[j]); j++)
			;
		if (j < i) {
			rc = diag_add(c->y.diags, e->paths_at[i], "evidence: '%s' lists '%s' twice (first at line %d)",
				      e->rule, e->paths[i], e->paths_at[j].line);
			continue;
		}
		if (why) {
			rc = diag_add(c->y.diags, e->paths_at[i], "evidence: '%s' %s", e->paths[i], why);
			continue;
		}
		/* from the root, like rule packs' '/...': "nightly.sh" is the root's file, not any nightly.sh */
		buf_putc(&anchored, '/');
		buf_puts(&anchored, e->paths[i]);
		if (match_glob_compile(&e->globs[i], buf_cstr(&anchored), 0, &off) < 0)
			rc = diag_add(c->y.diags, e->paths_at[i], "evidence: invalid glob '%s': %s at offset %zu",
				      e->paths[i], err_last(), off ? off - 1 : 0);
		buf_free(&anchored);
	}
	return rc;
}

static int get_evidence(struct cctx *c, const yaml_node_t *n)
{
	struct config *cfg = c->cfg;
	yaml_node_pair_t *p;
	size_t cap = 0;
	int rc = 0;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_diag(&c->y, n,
				 "evidence must be a mapping of rule id to a path or a list of paths, found %s",
				 ydoc_kind(n));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(&c->y, p->key), *v = ydoc_node(&c->y, p->value);
		struct config_evidence e;
		size_t i;
		memset(&e, 0, sizeof(e));
		if (!k || !v)
			return ydoc_too_complex(&c->y, n);
		if (ydoc_str(&c->y, k, "evidence: a rule id", &e.rule) < 0) {
			rc = -1;
			continue;
		}
		for (i = 0; i < cfg->nevidence && strcmp(cfg->evidence[i].rule, e.rule); i++)
			;
		if (i < cfg->nevidence) {
			rc = ydoc_diag(&c->y, k,
				       "evidence: duplicate rule '%s' (first at line %d): list all its paths once",
				       e.rule, cfg->evidence[i].at.line);
			free(e.rule);
			continue;
		}
		e.at = ydoc_where(&c->y, k);
		if (get_evidence_paths(c, v, &e) < 0)
			rc = -1;
		XGROW(cfg->evidence, cap, cfg->nevidence + 1);
		cfg->evidence[cfg->nevidence++] = e;
	}
	return rc;
}

/* Every file condition of c (not no_file: what a rule forbids is not the team's to relocate). */
static void evidence_leaves(const struct cond *c, const struct config_evidence *e)
{
	size_t i;
	struct leaf *l;
	if (c->kind != COND_LEAF) {
		for (i = 0; i < c->nkids; i++)
			evidence_leaves(c->kids[i], e);
		return;
	}
	l = c->leaf;
	if (l->negated)
		return;
	for (i = 0; i < l->npaths; i++)
		match_glob_free(l->paths[i]);
	for (i = 0; i < l->nexclude; i++)
		match_glob_free(l->exclude[i]);
	free(l->exclude);
	l->exclude = NULL;
	l->nexclude = 0;
	l->paths = xrealloc(l->paths, e->npaths * sizeof(*l->paths));
	l->npaths = 0;
	for (i = 0; i < e->npaths; i++)
		if (e->globs[i])
			l->paths[l->npaths++] = match_glob_ref(e->globs[i]);
}

/*
 * Points the rules' file conditions at the declared paths and folds them
 * into the digest: folder records in the cache remember what the
 * conditions select, so a policy that moves them must not reuse those of
 * the pack alone.
 */
static void apply_evidence(const struct config *cfg, struct rules *rs)
{
	struct buf b = BUF_INIT;
	git_oid oid;
	size_t i, j;

	if (!cfg->nevidence)
		return;
	buf_puts(&b, rs->digest);
	for (i = 0; i < cfg->nevidence; i++) {
		const struct config_evidence *e = &cfg->evidence[i];
		long r = rules_find_rule(rs, e->rule);
		if (r < 0)
			continue;
		evidence_leaves(rs->rules[r].evidence, e);
		buf_printf(&b, "\nevidence %s", e->rule);
		for (j = 0; j < e->npaths; j++)
			buf_printf(&b, "%c%s", 0, e->paths[j]);
	}
	if (git_odb_hash(&oid, b.ptr, b.len, GIT_OBJECT_BLOB) == 0) {
		memcpy(rs->digest, "sha1:", 5);
		git_oid_tostr(rs->digest + 5, sizeof(rs->digest) - 5, &oid);
	}
	buf_free(&b);
}

/*
 * What the keys say together: an id listed twice in off, two waivers for
 * one rule, a rule both off and re-levelled or waived.  Each is written at
 * the later place, naming the earlier one.
 */
static void check_together(struct cctx *c)
{
	const struct config *cfg = c->cfg;
	size_t i, j;

	for (i = 0; i < cfg->noff; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(cfg->off[i], cfg->off[j])) {
				diag_add(c->y.diags, cfg->off_at[i], "off: '%s' is listed twice (first at line %d)",
					 cfg->off[i], cfg->off_at[j].line);
				break;
			}
	for (i = 0; i < cfg->nwaivers; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(cfg->waivers[i].rule, cfg->waivers[j].rule)) {
				diag_add(c->y.diags, cfg->waivers[i].at,
					 "waivers: a second waiver for '%s' (the first at line %d): a rule takes one "
					 "waiver; keep one",
					 cfg->waivers[i].rule, cfg->waivers[j].at.line);
				break;
			}
	for (i = 0; i < cfg->noff; i++) {
		for (j = 0; j < i && strcmp(cfg->off[i], cfg->off[j]); j++)
			;
		if (j < i)
			continue; /* listed twice: said once above */
		for (j = 0; j < cfg->nlevels; j++)
			if (!strcmp(cfg->off[i], cfg->levels[j].rule))
				diag_add(c->y.diags, cfg->levels[j].at,
					 "levels: '%s' is also turned off (off, line %d): a rule turned off has no "
					 "level; remove one of the two",
					 cfg->off[i], cfg->off_at[i].line);
		for (j = 0; j < cfg->nwaivers; j++)
			if (!strcmp(cfg->off[i], cfg->waivers[j].rule))
				diag_add(c->y.diags, cfg->waivers[j].at,
					 "waivers: '%s' is also turned off (off, line %d): a rule turned off needs no "
					 "waiver; remove one of the two",
					 cfg->off[i], cfg->off_at[i].line);
		for (j = 0; j < cfg->nevidence; j++)
			if (!strcmp(cfg->off[i], cfg->evidence[j].rule))
				diag_add(c->y.diags, cfg->evidence[j].at,
					 "evidence: '%s' is also turned off (off, line %d): a rule turned off looks "
					 "at no evidence; remove one of the two",
					 cfg->off[i], cfg->off_at[i].line);
	}
}

/* Runs after max_waiver_days is known: expiry beyond the limit is an error. */
static int check_expiry(struct cctx *c)
{
	struct config *cfg = c->cfg;
	size_t i;
	int rc = 0;

	for (i = 0; i < cfg->nwaivers; i++) {
		const struct waiver *w = &cfg->waivers[i];
		char cday[64];
		if (w->expires_day <= c->commit_day + cfg->max_waiver_days)
			continue;
		date_format_day(cday, c->commit_day);
		diag_add(c->y.diags, w->at,
			 "waiver for '%s' expires on %s, %ld days after the scanned commit (%s); the policy allows at "
			 "most "
			 "%ld days (max_waiver_days): pick an earlier date",
			 w->rule, w->expires, w->expires_day - c->commit_day, cday, cfg->max_waiver_days);
		rc = -1;
	}
	return rc;
}

const char *fail_on_name(enum fail_on f)
{
	switch (f) {
	case FAIL_ON_BLOCKED:
		return "blocked";
	case FAIL_ON_READINESS_ONLY:
		return "readiness-only";
	case FAIL_ON_NEVER:
		return "never";
	}
	return "?";
}

int fail_on_spec_parse(struct fail_on_spec *out, const char *s)
{
	struct fail_on_spec spec;
	memset(&spec, 0, sizeof(spec));
	while (*s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char item[32];
		enum fail_on level;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (!n || n >= sizeof(item))
			return -1;
		memcpy(item, s, n);
		item[n] = '\0';
		if (!strcmp(item, "regression") && !spec.regression) {
			spec.regression = 1;
		} else if (!spec.has_level && fail_on_parse(&level, item) == 0) {
			spec.has_level = 1;
			spec.level = level;
		} else {
			return -1;
		}
		if (!end)
			break;
		s = end + 1;
		if (!*s)
			return -1;
	}
	if (!spec.has_level && !spec.regression)
		return -1;
	*out = spec;
	return 0;
}

int fail_on_parse(enum fail_on *out, const char *s)
{
	if (!strcmp(s, "blocked"))
		*out = FAIL_ON_BLOCKED;
	else if (!strcmp(s, "readiness-only"))
		*out = FAIL_ON_READINESS_ONLY;
	else if (!strcmp(s, "never"))
		*out = FAIL_ON_NEVER;
	else
		return -1;
	return 0;
}

static struct config *config_new(const char *name)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));
	cfg->name = xstrdup(name);
	cfg->max_waiver_days = CONFIG_DEFAULT_WAIVER_DAYS;
	return cfg;
}

/*
 * Parses data as at most one YAML document.  Returns 0 with *parser and
 * *doc for the caller to delete (doc without a root: an empty policy), or
 * -1 with a problem (nothing left to delete).
 */
static int load_document(struct cctx *c, const char *data, size_t len, yaml_parser_t *parser, yaml_document_t *doc)
{
	const char *file = c->cfg->name;
	yaml_document_t extra;
	struct where at;
	int line, col;

	if (len > CONFIG_MAX_BYTES)
		return diag_add(c->y.diags, ydoc_where(&c->y, NULL), "policy is larger than %u bytes",
				CONFIG_MAX_BYTES);
	if (rules_nesting_exceeds(data, len, &line, &col))
		return diag_add(c->y.diags, (struct where){file, line, col},
				"policy nests lists and mappings too deeply");
	if (!yaml_parser_initialize(parser))
		return diag_add(c->y.diags, ydoc_where(&c->y, NULL), "cannot initialise the YAML parser");
	yaml_parser_set_input_string(parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(parser, doc)) {
		at = (struct where){file, (int)parser->problem_mark.line + 1, (int)parser->problem_mark.column + 1};
		diag_add(c->y.diags, at, "malformed YAML: %s%s%s",
			 parser->problem ? parser->problem : "unknown problem", parser->context ? " " : "",
			 parser->context ? parser->context : "");
		yaml_parser_delete(parser);
		return -1;
	}
	if (!yaml_document_get_root_node(doc))
		return 0; /* an empty policy changes nothing */
	if (!yaml_parser_load(parser, &extra)) {
		at = (struct where){file, (int)parser->problem_mark.line + 1, (int)parser->problem_mark.column + 1};
		diag_add(c->y.diags, at, "malformed YAML: %s", parser->problem ? parser->problem : "unknown problem");
	} else if (yaml_document_get_root_node(&extra)) {
		yaml_document_delete(&extra);
		at = (struct where){file, (int)parser->mark.line + 1, 1};
		diag_add(c->y.diags, at, "a policy holds one YAML document; found a second one");
	} else {
		yaml_document_delete(&extra);
		return 0;
	}
	yaml_document_delete(doc);
	yaml_parser_delete(parser);
	return -1;
}

static void get_max_waiver_days(struct cctx *c, const yaml_node_t *n)
{
	const char *s = n->type == YAML_SCALAR_NODE ? ydoc_scalar(n) : "";
	char *end;
	long d;
	errno = 0;
	d = strtol(s, &end, 10);
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !*s || *end || errno ||
	    d < 1 || d > 3650)
		ydoc_diag(&c->y, n, "max_waiver_days must be a whole number of days from 1 to 3650");
	else
		c->cfg->max_waiver_days = d;
}

/*
 * cache: on (the default), off (no gate of this policy reads or writes the
 * content cache), or {off: [branch globs]} (the gates of those branches
 * do not; globs as under gates).  A release gate that must not depend on
 * what other jobs wrote says so here (docs/cache.md).
 */
static void get_cache(struct cctx *c, const yaml_node_t *n)
{
	static const char *const keys[] = {"off", NULL};
	struct config *cfg = c->cfg;
	yaml_node_t *v[1];
	struct where *at = NULL;
	size_t i;

	if (n->type == YAML_SCALAR_NODE && (!strcmp(ydoc_scalar(n), "off") || !strcmp(ydoc_scalar(n), "on"))) {
		cfg->cache_off = !strcmp(ydoc_scalar(n), "off");
		return;
	}
	if (n->type != YAML_MAPPING_NODE) {
		ydoc_diag(&c->y, n, "cache must be on, off, or {off: [branch globs]}, found %s", ydoc_kind(n));
		return;
	}
	if (ydoc_fields(&c->y, n, "cache", keys, v) < 0 || !v[0] ||
	    ydoc_strlist(&c->y, v[0], "cache: off", &cfg->cache_off_globs, &cfg->ncache_off, &at) < 0)
		return;
	cfg->cache_off_match = xcalloc(cfg->ncache_off ? cfg->ncache_off : 1, sizeof(*cfg->cache_off_match));
	for (i = 0; i < cfg->ncache_off; i++) {
		struct buf anchored = BUF_INIT;
		size_t off = 0;
		/* anchored as a gate's glob: the whole branch name */
		if (cfg->cache_off_globs[i][0] != '/')
			buf_putc(&anchored, '/');
		buf_puts(&anchored, cfg->cache_off_globs[i]);
		if (match_glob_compile(&cfg->cache_off_match[i], buf_cstr(&anchored), 0, &off) < 0)
			diag_add(c->y.diags, at[i], "cache: invalid branch glob '%s': %s", cfg->cache_off_globs[i],
				 err_last());
		buf_free(&anchored);
	}
	free(at);
}

int config_cache_off(const struct config *cfg, const char *branch)
{
	size_t i;
	if (!cfg)
		return 0;
	if (cfg->cache_off)
		return 1;
	for (i = 0; branch && i < cfg->ncache_off; i++)
		if (cfg->cache_off_match[i] && match_glob_path(cfg->cache_off_match[i], branch, strlen(branch)))
			return 1;
	return 0;
}

/* The policy's keys; unknown ones are reported and the known ones still checked, so that every problem is listed. */
static void get_policy(struct cctx *c, const yaml_node_t *root)
{
	static const char *const keys[] = {"version", "rules",		 "off",	     "levels", "gates",
					   "waivers", "max_waiver_days", "evidence", "cache",  NULL};
	struct config *cfg = c->cfg;
	yaml_node_t *v[9];

	if (ydoc_fields(&c->y, root, "policy", keys, v) < 0 && root->type != YAML_MAPPING_NODE)
		return;
	if (v[0] && (v[0]->type != YAML_SCALAR_NODE || strcmp(ydoc_scalar(v[0]), "1")))
		ydoc_diag(&c->y, v[0], "version must be 1");
	if (v[1])
		ydoc_strlist(&c->y, v[1], "rules", &cfg->packs, &cfg->npacks, &cfg->packs_at);
	if (v[2])
		ydoc_strlist(&c->y, v[2], "off", &cfg->off, &cfg->noff, &cfg->off_at);
	if (v[3])
		get_levels(c, v[3]);
	if (v[4])
		get_gates(c, v[4]);
	if (v[5])
		get_waivers(c, v[5]);
	if (v[6])
		get_max_waiver_days(c, v[6]);
	if (v[7])
		get_evidence(c, v[7]);
	if (v[8])
		get_cache(c, v[8]);
	check_expiry(c);
	check_together(c);
}

static int parse(struct config *cfg, struct diag_list *diags, const char *data, size_t len, long long commit_time)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	const yaml_node_t *root;
	struct cctx c;
	size_t before = diags->n;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.y.doc = &doc;
	c.y.file = cfg->name;
	c.y.budget = CONFIG_MAX_NODES;
	c.y.diags = diags;
	c.y.too_complex = "policy too complex (more than " STR(CONFIG_MAX_NODES) " nodes)";
	c.commit_day = date_day_of(commit_time);
	cfg->present = 1;
	if (load_document(&c, data, len, &parser, &doc) < 0)
		return -2; /* nothing was read: nothing to check further */
	root = yaml_document_get_root_node(&doc);
	if (root)
		get_policy(&c, root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	cfg->nproblems = diags->n - before;
	return cfg->nproblems ? -1 : 0;
}

int config_load_buffer(struct config **out, struct diag_list *diags, const char *name, const char *data, size_t len,
		       long long commit_time)
{
	struct config *cfg = config_new(name);
	if (parse(cfg, diags, data, len, commit_time) < 0) {
		config_free(cfg);
		return -1;
	}
	*out = cfg;
	return 0;
}

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/*
 * Reads the blob at path in commit's tree into *out and *len (caller frees).
 * Returns 0, or 1 when there is no such entry or it is not a file, with
 * *type what path is (GIT_OBJECT_INVALID: nothing); or -1 with err set when
 * the object cannot be read.
 */
static int read_path(char **out, size_t *len, git_object_t *type, git_repository *repo, git_commit *commit,
		     const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	git_object_t t = GIT_OBJECT_INVALID;
	size_t n;
	char *p;
	int rc = -1, grc;

	if (git_commit_tree(&tree, commit) < 0) {
		err_set("cannot read the tree of commit %.12s: %s", git_oid_tostr_s(git_commit_id(commit)), git_msg());
		goto done;
	}
	grc = git_tree_entry_bypath(&e, tree, path);
	if (grc == GIT_ENOTFOUND) {
		rc = 1;
		goto done;
	}
	if (grc < 0) {
		err_set("cannot look up '%s': %s", path, git_msg());
		goto done;
	}
	t = git_tree_entry_type(e);
	if (t != GIT_OBJECT_BLOB || git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		rc = 1;
		goto done;
	}
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(e)) < 0) {
		err_set("cannot read '%s' (blob %s) from commit %.12s: %s; in a partial clone, fetch it with "
			"git fetch origin %s",
			path, git_oid_tostr_s(git_tree_entry_id(e)), git_oid_tostr_s(git_commit_id(commit)), git_msg(),
			git_oid_tostr_s(git_commit_id(commit)));
		goto done;
	}
	n = (size_t)git_blob_rawsize(blob);
	p = xmalloc(n + 1);
	memcpy(p, git_blob_rawcontent(blob), n);
	p[n] = '\0';
	*out = p;
	*len = n;
	rc = 0;
done:
	if (rc >= 0)
		*type = t;
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

int config_read_commit(struct config **out, struct diag_list *diags, git_repository *repo, git_commit *commit,
		       long long commit_time)
{
	struct config *cfg = config_new(CONFIG_FILE);
	git_object_t type;
	char *data = NULL;
	size_t len;
	int rc;

	git_oid_tostr(cfg->commit_hex, sizeof(cfg->commit_hex), git_commit_id(commit));
	rc = read_path(&data, &len, &type, repo, commit, CONFIG_FILE);
	if (rc < 0)
		rc = diag_add(diags, (struct where){cfg->name, 0, 0}, "%s", err_last()) - 1;
	else if (rc == 1 && type != GIT_OBJECT_INVALID)
		rc = diag_add(diags, (struct where){cfg->name, 0, 0}, "is not a file in commit %.12s",
			      cfg->commit_hex) -
		     1;
	else if (rc == 0)
		rc = parse(cfg, diags, data, len, commit_time);
	free(data);
	if (rc < -1) {
		config_free(cfg);
		return -1;
	}
	*out = cfg; /* no policy in the commit: present stays 0; problems: nproblems says how many */
	return 0;
}

int config_load_commit(struct config **out, struct diag_list *diags, git_repository *repo, git_commit *commit,
		       long long commit_time)
{
	struct config *cfg = NULL;
	if (config_read_commit(&cfg, diags, repo, commit, commit_time) < 0)
		return -1;
	if (cfg->nproblems) {
		config_free(cfg);
		return -1;
	}
	*out = cfg;
	return 0;
}

static int load_pack_blob(struct diag_list *diags, struct where at, struct rules *rs, git_repository *repo,
			  const git_oid *id, const char *name)
{
	git_blob *blob = NULL;
	int rc;
	if (git_blob_lookup(&blob, repo, id) < 0) {
		diag_add(diags, at, "rules: cannot read '%s' (blob %s): %s", name, git_oid_tostr_s(id), git_msg());
		return -1;
	}
	rc = rules_add_buffer(rs, name, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return rc;
}

int config_load_packs(const struct config *cfg, struct diag_list *diags, struct rules *rs, git_repository *repo,
		      git_commit *commit)
{
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	struct buf name = BUF_INIT;
	size_t i, j;
	int rc = 0;

	if (!cfg->npacks)
		return 0;
	if (git_commit_tree(&tree, commit) < 0) {
		diag_add(diags, cfg->packs_at[0], "cannot read the tree of commit %.12s: %s", cfg->commit_hex,
			 git_msg());
		return -1;
	}
	for (i = 0; i < cfg->npacks; i++) {
		const char *p = cfg->packs[i];
		while (*p == '/')
			p++;
		git_tree_entry_free(e);
		e = NULL;
		if (!*p || git_tree_entry_bypath(&e, tree, p) < 0) {
			diag_add(diags, cfg->packs_at[i], "rules: no file or folder '%s' in commit %.12s",
				 cfg->packs[i], cfg->commit_hex);
			rc = -1;
			continue;
		}
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && git_tree_entry_filemode(e) != GIT_FILEMODE_LINK) {
			if (load_pack_blob(diags, cfg->packs_at[i], rs, repo, git_tree_entry_id(e), p) < 0)
				rc = -1;
			continue;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			diag_add(diags, cfg->packs_at[i], "rules: '%s' is neither a file nor a folder", cfg->packs[i]);
			rc = -1;
			continue;
		}
		git_tree_free(sub);
		sub = NULL;
		if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0) {
			diag_add(diags, cfg->packs_at[i], "rules: cannot read folder '%s': %s", cfg->packs[i],
				 git_msg());
			rc = -1;
			continue;
		}
		/* tree entries are sorted by name, which gives the name order rules_add_path uses */
		for (j = 0; j < git_tree_entrycount(sub); j++) {
			const git_tree_entry *se = git_tree_entry_byindex(sub, j);
			const char *n = git_tree_entry_name(se);
			if (git_tree_entry_type(se) != GIT_OBJECT_BLOB ||
			    git_tree_entry_filemode(se) == GIT_FILEMODE_LINK ||
			    !(str_ends_with(n, ".yml") || str_ends_with(n, ".yaml")))
				continue;
			buf_clear(&name);
			buf_printf(&name, "%s%s%s", p, str_ends_with(p, "/") ? "" : "/", n);
			if (load_pack_blob(diags, cfg->packs_at[i], rs, repo, git_tree_entry_id(se), buf_cstr(&name)) <
			    0)
				rc = -1;
		}
	}
	buf_free(&name);
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(tree);
	return rc;
}

static int known_rule(struct diag_list *diags, const struct rules *rs, const char *id, struct where at,
		      const char *what)
{
	if (rules_find_rule(rs, id) >= 0)
		return 0;
	diag_add(diags, at, "%s names rule '%s', which no loaded rule pack defines (see 'proofgate rules list')", what,
		 id);
	return -1;
}

int config_apply(const struct config *cfg, struct diag_list *diags, struct rules *rs)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < cfg->noff; i++)
		rc |= known_rule(diags, rs, cfg->off[i], cfg->off_at[i], "off");
	for (i = 0; i < cfg->nwaivers; i++)
		rc |= known_rule(diags, rs, cfg->waivers[i].rule, cfg->waivers[i].at, "a waiver");
	for (i = 0; i < cfg->nlevels; i++) {
		long r = rules_find_rule(rs, cfg->levels[i].rule);
		if (r < 0)
			rc |= known_rule(diags, rs, cfg->levels[i].rule, cfg->levels[i].at, "levels");
		else
			rs->rules[r].level = cfg->levels[i].level;
	}
	for (i = 0; i < cfg->nevidence; i++)
		rc |= known_rule(diags, rs, cfg->evidence[i].rule, cfg->evidence[i].at, "evidence");
	if (!rc)
		apply_evidence(cfg, rs);
	return rc ? -1 : 0;
}

const struct config_gate *config_gate_for(const struct config *cfg, const char *branch)
{
	size_t i;
	if (!cfg || !branch)
		return NULL;
	for (i = 0; i < cfg->ngates; i++)
		if (match_glob_path(cfg->gates[i].match, branch, strlen(branch)))
			return &cfg->gates[i];
	return NULL;
}

/* The blob id of .proofgate.yml in commit, or a zero id when there is none. */
static void policy_id(git_oid *out, git_commit *commit)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	memset(out, 0, sizeof(*out));
	if (git_commit_tree(&tree, commit) == 0 && git_tree_entry_bypath(&e, tree, CONFIG_FILE) == 0)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(tree);
}

int config_differs(git_repository *repo, git_commit *a, git_commit *b)
{
	git_oid ia, ib;
	(void)repo;
	policy_id(&ia, a);
	policy_id(&ib, b);
	return !git_oid_equal(&ia, &ib);
}

void config_free(struct config *cfg)
{
	size_t i;
	if (!cfg)
		return;
	for (i = 0; i < cfg->npacks; i++)
		free(cfg->packs[i]);
	free(cfg->packs);
	free(cfg->packs_at);
	for (i = 0; i < cfg->noff; i++)
		free(cfg->off[i]);
	free(cfg->off);
	free(cfg->off_at);
	for (i = 0; i < cfg->nlevels; i++)
		free(cfg->levels[i].rule);
	free(cfg->levels);
	for (i = 0; i < cfg->ngates; i++) {
		free(cfg->gates[i].glob);
		match_glob_free(cfg->gates[i].match);
	}
	free(cfg->gates);
	for (i = 0; i < cfg->ncache_off; i++) {
		free(cfg->cache_off_globs[i]);
		match_glob_free(cfg->cache_off_match ? cfg->cache_off_match[i] : NULL);
	}
	free(cfg->cache_off_globs);
	free(cfg->cache_off_match);
	for (i = 0; i < cfg->nwaivers; i++)
		waiver_free(&cfg->waivers[i]);
	free(cfg->waivers);
	for (i = 0; i < cfg->nevidence; i++)
		evidence_free(&cfg->evidence[i]);
	free(cfg->evidence);
	free(cfg->name);
	free(cfg);
}
