/* cmd_explain.c - `proofgate explain RULE-ID`: what a rule looks for, where, and the next safe step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "verdict/verdict.h"

static void explain_usage(FILE *f)
{
	fputs("usage: proofgate explain [--rules PATH] [--no-builtin] [--lang LANG] RULE-ID\n\n"
	      "Says what a rule looks for, where, which proofs it backs, and the next safe\n"
	      "step when it fails.\n\noptions:\n",
	      f);
	opts_print(f, cli_rules_opts);
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

/* Rules whose id starts as id does, up to its first dot: the same domain, probably. */
static void suggest(const struct rules *rs, const char *id)
{
	const char *dot = strchr(id, '.');
	size_t plen = dot ? (size_t)(dot - id) : strlen(id), i, n = 0;
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

int cmd_explain(int argc, char **argv)
{
	struct cli_rules_args a;
	struct rules *rs = NULL;
	long idx;
	int first, rc = EXIT_UNDECIDED;

	memset(&a, 0, sizeof(a));
	a.builtin = 1;
	if (opts_parse(argc, argv, cli_rules_opts, cli_rules_opt, &a, &first) < 0) {
		explain_usage(stderr);
	} else if (a.help) {
		explain_usage(stdout);
		rc = EXIT_PASS;
	} else if (argc - first != 1) {
		cli_error("explain takes one RULE-ID");
		explain_usage(stderr);
	} else if (cli_load_rules(&rs, NULL, a.builtin, a.rules, a.nrules) == 0) {
		idx = rules_find_rule(rs, argv[first]);
		if (idx < 0) {
			cli_error("no rule '%s'; 'proofgate rules list' shows every rule id", argv[first]);
			suggest(rs, argv[first]);
		} else {
			explain_rule(rs, &rs->rules[idx], a.lang);
			rc = EXIT_PASS;
		}
	}
	rules_free(rs);
	free(a.rules);
	return rc;
}
