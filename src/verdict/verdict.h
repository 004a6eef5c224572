/* verdict.h - from leaf evidence to rule outcomes, domain statuses, proofs and the gate. */
#ifndef PG_VERDICT_H
#define PG_VERDICT_H

#include <stddef.h>

#include "model/config.h"
#include "model/rules.h"
#include "scan/scan.h"

/*
 * waived: failed or errored, but a repository waiver covers it (counts as
 * passing for statuses and the gate, never for proofs); off: turned off by
 * the repository's policy, left out of domains, proofs and the gate.
 */
enum outcome { OUTCOME_PASS, OUTCOME_FAIL, OUTCOME_ERROR, OUTCOME_WAIVED, OUTCOME_OFF };
enum status { STATUS_READY, STATUS_READINESS_ONLY, STATUS_BLOCKED };

const char *outcome_name(enum outcome o);
const char *status_name(enum status s);
/* The seed's label for a status: "ready" / "أساس جاهز" and so on. */
const char *status_label(enum status s, enum lang lang);

/* A near miss: a selected file that did not count, and why. */
struct miss {
	const struct evidence *at; /* borrowed from the scan result */
	char *why;		   /* in the verdict's language (verdict_reason); owned by the verdict */
};

enum waiver_state { WAIVER_UNUSED, WAIVER_USED, WAIVER_EXPIRED };

/* What a waiver did in this scan. */
struct waiver_result {
	const struct waiver *waiver; /* borrowed from the policy */
	enum waiver_state state;
	long rule; /* index in verdict.rules, or -1 when no such rule is loaded */
};

/* The parts of a repository policy that change outcomes; all borrowed. */
struct verdict_policy {
	char *const *off; /* rule ids turned off */
	size_t noff;
	const struct waiver *waivers;
	size_t nwaivers;
	const struct config_evidence *evidence; /* evidence the policy declares, per rule */
	size_t nevidence;
};

/* What the verdict needs of the policy cfg (may be NULL: none); borrows from cfg. */
struct verdict_policy verdict_policy_of(const struct config *cfg);

struct rule_result {
	const struct rule *rule;
	enum outcome outcome;
	char *message;		    /* one sentence: why this outcome */
	const struct evidence **ev; /* what satisfied it, or the violations */
	size_t nev;
	char **looked_for; /* for fail/error: what was looked for and where */
	size_t nlooked;
	struct miss *misses;
	size_t nmisses;
	const struct waiver *waiver; /* the waiver that waived it, or that expired; NULL without */
	enum outcome found;	     /* the outcome before the policy (pass, fail or error) */
	/*
	 * The evidence the policy declares for this rule (its file conditions
	 * looked at these paths only), or NULL; with it, each declared path
	 * that is missing or does not count, and why (a path NULL: none).
	 */
	const struct config_evidence *declared;
	struct miss_declared {
		const char *path; /* as written in the policy; borrowed */
		char *why;	  /* owned by the verdict */
	} * declared_problems;
	size_t ndeclared_problems;
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
	const char *fail_on_source; /* "--fail-on", "release branch", "default", "policy" */
	char *branch;
	const char *branch_source; /* "--branch", "GITHUB_BASE_REF", ..., "revision", or NULL */
	char *pattern;		   /* the policy's branch glob that chose fail_on, or NULL */
	int passed;
	int decided; /* 0 when an unreadable rule could change the answer */
	/*
	 * regression: the gate also fails when anything got worse than a base
	 * (--fail-on regression, a policy gate), from regression_source;
	 * compared: a base was compared (verdict_diff_gate), regressed: and
	 * something that counts got worse.
	 */
	int regression;
	const char *regression_source;
	int compared, regressed;
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
	struct waiver_result *waivers; /* one per policy waiver, in policy order */
	size_t nwaivers;
};

/*
 * Evaluates every rule over the scan's leaf states.  commit_time anchors
 * freshness.  The caller frees *out with verdict_free.
 */
int verdict_compute(struct verdict **out, const struct rules *rs, const struct scan_result *scan,
		    long long commit_time);

/*
 * The same, under a repository policy (may be NULL): rules turned off get
 * `off`; a failing or erroring rule with a waiver that has not expired by the
 * commit's day gets `waived`; an expired waiver leaves the rule failing, its
 * message saying so.  Explanations are written in lang.  The caller frees
 * *out with verdict_free.
 */
int verdict_compute_policy(struct verdict **out, const struct rules *rs, const struct scan_result *scan,
			   long long commit_time, const struct verdict_policy *pol, enum lang lang);

/* "unused", "used" or "expired". */
const char *waiver_state_name(enum waiver_state s);

/* 1 when the outcome counts against a status (fail, error). */
int outcome_fails(enum outcome o);

/*
 * A description of what a leaf looks for (caller frees): with full, every
 * glob and pattern; else a few globs and only short patterns, for reports.
 */
char *verdict_describe_leaf(const struct leaf *l, enum lang lang, int full);

/*
 * A reason the scan gives in English (a near miss's, a file not scanned)
 * said in lang, and a long pattern of leaf l (may be NULL) in its words
 * ("does not mention "a", "b" or "c"") instead of "the pattern it looks
 * for".  A wording not known here comes back as it is.  The caller frees.
 */
char *verdict_reason(const struct leaf *l, const char *why, enum lang lang);

/* Frees the verdict (not what it borrows from the rules and the scan); NULL is fine. */
void verdict_free(struct verdict *v);

#endif
