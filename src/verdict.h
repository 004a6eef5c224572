/* verdict.h - from leaf evidence to rule outcomes, domain statuses, proofs and the gate. */
#ifndef PG_VERDICT_H
#define PG_VERDICT_H

#include <stddef.h>

#include "rules.h"
#include "scan.h"

enum outcome { OUTCOME_PASS, OUTCOME_FAIL, OUTCOME_ERROR };
enum status { STATUS_READY, STATUS_READINESS_ONLY, STATUS_BLOCKED };
enum fail_on { FAIL_ON_BLOCKED, FAIL_ON_READINESS_ONLY, FAIL_ON_NEVER };

const char *outcome_name(enum outcome o);
const char *status_name(enum status s);
/* The seed's label for a status: "ready" / "أساس جاهز" and so on. */
const char *status_label(enum status s, enum lang lang);
const char *fail_on_name(enum fail_on f);
/* Parses "blocked", "readiness-only" or "never"; -1 when it is none. */
int fail_on_parse(enum fail_on *out, const char *s);

/* A near miss: a selected file that did not count, and why. */
struct miss {
	const struct evidence *at; /* borrowed from the scan result */
	const char *why;
};

struct rule_result {
	const struct rule *rule;
	enum outcome outcome;
	char *message;                 /* one sentence: why this outcome */
	const struct evidence **ev;    /* what satisfied it, or the violations */
	size_t nev;
	char **looked_for;             /* for fail/error: what was looked for and where */
	size_t nlooked;
	struct miss *misses;
	size_t nmisses;
};

struct domain_result {
	const struct domain *domain;
	enum status status;
	size_t *rules; /* indexes into verdict.rules */
	size_t nrules;
	const struct rule_result *next; /* the failing rule whose step comes next, or NULL */
};

struct proof_result {
	const struct proof *proof;
	int proven;
	size_t *rules;
	size_t nrules;
};

struct gate {
	enum fail_on fail_on;
	const char *fail_on_source; /* "--fail-on", "release branch", "default" */
	char *branch;
	int passed;
	int decided; /* 0 when an unreadable rule could change the answer */
};

struct verdict {
	struct rule_result *rules;
	size_t nrules;
	struct domain_result *domains;
	size_t ndomains;
	struct proof_result *proofs;
	size_t nproofs;
	int go;
	struct gate gate;
};

/*
 * Evaluates every rule over the scan's leaf states.  commit_time anchors
 * freshness.  The caller frees *out with verdict_free.
 */
int verdict_compute(struct verdict **out, const struct rules *rs, const struct scan_result *scan, long long commit_time);

/* Applies the gate; branch may be NULL.  Sets v->gate. */
void verdict_gate(struct verdict *v, enum fail_on fail_on, const char *source, const char *branch);

/* A description of what a leaf looks for (caller frees). */
char *verdict_describe_leaf(const struct leaf *l, enum lang lang);

void verdict_free(struct verdict *v);

#endif
