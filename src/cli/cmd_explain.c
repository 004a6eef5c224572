/* cmd_explain.c - `proofgate explain RULE-ID`: what a rule looks for, where, and the next safe step. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "util/mem.h"
#include "verdict/verdict.h"

enum { O_FORMAT = 256, O_LANG };

#define A struct cli_rules_args
const struct opt cli_explain_opts[] = {
	OPT_STRINGS("rules", 0, "PATH", "add a rule pack file or folder (repeatable)", A, rules, nrules),
	OPT_CLEAR("no-builtin", 0, "do not load the built-in rule pack", A, builtin),
	OPT_CHOICE("format", O_FORMAT, "FMT", "text (default) or json", "text json"),
	OPT_CHOICE("lang", O_LANG, "LANG", "titles, descriptions and steps in en (default) or ar", "en ar"),
	OPT_SET("help", 0, "show this help and exit", A, help),
	OPT_END,
};
#undef A

static int explain_opt(int key, const char *arg, void *data)
{
	struct cli_rules_args *a = data;
	if (key == O_LANG)
		return cli_parse_lang(&a->lang, arg);
	if (strcmp(arg, "text") && strcmp(arg, "json"))
		return cli_error("--format must be text or json, not '%s'", arg), -1;
	a->format = arg;
	return 0;
}

static void explain_usage(FILE *f)
{
	fputs("usage: proofgate explain [options] RULE-ID\n\n"
	      "Says what a rule looks for, where, which proofs it backs, and the next safe\n"
	      "step when it fails.\n\noptions:\n",
	      f);
	opts_print(f, cli_explain_opts);
}

static void explain_cond(const struct cond *c, int depth, enum lang lang)
{
	size_t i;
	if (c->kind == COND_LEAF) {
		char *d = verdict_describe_leaf(c->leaf, lang, 1);
		printf("%*s- %s\n", depth * 2, "", d);
		if (c->leaf->nexclude) {
			printf("%*s  excluding:", depth * 2, "");
			for (i = 0; i < c->leaf->nexclude && i < 12; i++)
				printf(" `%s`", c->leaf->exclude[i]->src);
			if (c->leaf->nexclude > 12)
				printf(" and %zu more", c->leaf->nexclude - 12);
			putchar('\n');
		}
		free(d);
		return;
	}
	printf("%*s- %s of:\n", depth * 2, "", c->kind == COND_ALL ? "all" : "any");
	for (i = 0; i < c->nkids; i++)
		explain_cond(c->kids[i], depth + 1, lang);
}

/* The nearest rule id by edit distance, else the rules whose id starts as id does, up to its first dot. */
static void suggest(const struct rules *rs, const char *id)
{
	const char *dot = strchr(id, '.'), **ids = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(*ids)), *near;
	size_t plen = dot ? (size_t)(dot - id) : strlen(id), i, n = 0;
	for (i = 0; i < rs->nrules; i++)
		ids[i] = rs->rules[i].id;
	near = opts_nearest(id, ids, rs->nrules);
	free(ids);
	if (near) {
		fprintf(stderr, "  did you mean %s?\n", near);
		return;
	}
	for (i = 0; i < rs->nrules; i++)
		if (plen && !strncmp(rs->rules[i].id, id, plen) && n++ < 8)
			fprintf(stderr, "  did you mean %s?\n", rs->rules[i].id);
}

static void explain_rule(const struct rules *rs, const struct rule *r, enum lang lang)
{
	size_t i;
	printf("%s: %s\n", r->id, text_get(&r->title, lang));
	printf("domain: %s (%s)\nlevel: %s\n", r->domain_id, text_get(&rs->domains[r->domain].title, lang),
	       level_name(r->level));
	printf("proofs:");
	for (i = 0; i < r->nproofs; i++)
		printf(" %s", r->proofs[i]);
	printf("%s\n", r->nproofs ? "" : " none");
	if (r->description.en)
		printf("\n%s\n", text_get(&r->description, lang));
	printf("\nlooks for:\n");
	explain_cond(r->evidence, 1, lang);
	printf("\nnext safe step when it fails: %s\n", text_get(&r->next_step, lang));
	for (i = 0; i < r->nlinks; i++)
		printf("see: %s\n", r->links[i]);
	printf("defined at: %s:%d\n", r->at.file, r->at.line);
}

/* A condition as JSON: {"all": [...]}, {"any": [...]}, or a leaf with its description and selectors. */
static json_t *cond_json(const struct cond *c, enum lang lang)
{
	json_t *o = json_object(), *a;
	size_t i;
	if (c->kind != COND_LEAF) {
		a = json_array();
		for (i = 0; i < c->nkids; i++)
			json_array_append_new(a, cond_json(c->kids[i], lang));
		json_object_set_new(o, c->kind == COND_ALL ? "all" : "any", a);
		return o;
	}
	{
		const struct leaf *l = c->leaf;
		char *d = verdict_describe_leaf(l, lang, 1);
		json_object_set_new(o, l->negated ? "no_file" : "file", json_string(d));
		free(d);
		a = json_array();
		for (i = 0; i < l->npaths; i++)
			json_array_append_new(a, json_string(l->paths[i]->src));
		json_object_set_new(o, "paths", a);
		a = json_array();
		for (i = 0; i < l->nexclude; i++)
			json_array_append_new(a, json_string(l->exclude[i]->src));
		json_object_set_new(o, "exclude", a);
		if (l->contains)
			json_object_set_new(o, "contains", json_string(l->contains->src));
		if (l->not_contains)
			json_object_set_new(o, "not_contains", json_string(l->not_contains->src));
		if (l->fresh) {
			json_object_set_new(o, "fresh", json_string(l->fresh->src));
			json_object_set_new(o, "fresh_days", json_integer(l->fresh_days));
		}
	}
	return o;
}

static int explain_json(const struct rules *rs, const struct rule *r, enum lang lang)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;
	int rc;
	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "title", json_string(text_get(&r->title, lang)));
	json_object_set_new(o, "domain", json_string(r->domain_id));
	json_object_set_new(o, "domain_title", json_string(text_get(&rs->domains[r->domain].title, lang)));
	json_object_set_new(o, "level", json_string(level_name(r->level)));
	for (i = 0; i < r->nproofs; i++)
		json_array_append_new(a, json_string(r->proofs[i]));
	json_object_set_new(o, "proofs", a);
	json_object_set_new(o, "description",
			    r->description.en ? json_string(text_get(&r->description, lang)) : json_null());
	json_object_set_new(o, "looks_for", cond_json(r->evidence, lang));
	json_object_set_new(o, "next_step", json_string(text_get(&r->next_step, lang)));
	a = json_array();
	for (i = 0; i < r->nlinks; i++)
		json_array_append_new(a, json_string(r->links[i]));
	json_object_set_new(o, "links", a);
	json_object_set_new(o, "defined_at", json_pack("{s:s, s:i}", "file", r->at.file, "line", r->at.line));
	json_object_set_new(o, "rules_digest", json_string(rs->digest));
	rc = json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(o);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	struct cli_rules_args a;
	struct rules *rs = NULL;
	long idx;
	int first, rc = EXIT_UNDECIDED;

	memset(&a, 0, sizeof(a));
	a.builtin = 1;
	a.format = "text";
	if (opts_parse(argc, argv, cli_explain_opts, explain_opt, &a, &first) < 0) {
		cli_usage_hint("explain [options] RULE-ID", "explain");
	} else if (a.help) {
		explain_usage(stdout);
		rc = EXIT_PASS;
	} else if (argc - first != 1) {
		cli_error("explain takes one RULE-ID, got %d", argc - first);
		cli_usage_hint("explain [options] RULE-ID", "explain");
	} else if (cli_load_rules(&rs, NULL, a.builtin, a.rules, a.nrules) == 0) {
		idx = rules_find_rule(rs, argv[first]);
		if (idx < 0) {
			cli_error("no rule '%s'; 'proofgate rules list' shows every rule id", argv[first]);
			suggest(rs, argv[first]);
		} else if (!strcmp(a.format, "json")) {
			rc = explain_json(rs, &rs->rules[idx], a.lang) == 0 && fflush(stdout) == 0 ? EXIT_PASS
												   : EXIT_UNDECIDED;
		} else {
			explain_rule(rs, &rs->rules[idx], a.lang);
			rc = fflush(stdout) == 0 ? EXIT_PASS : EXIT_UNDECIDED;
		}
	}
	rules_free(rs);
	free(a.rules);
	return rc;
}
