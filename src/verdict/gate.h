/* gate.h - the gate: which fail_on applies to the scanned branch, and whether the verdict passes it. */
#ifndef PG_GATE_H
#define PG_GATE_H

#include "model/config.h"
#include "verdict/verdict.h"

/* What decides the gate; all borrowed. */
struct gate_request {
	const char *branch;	   /* the branch the gate is for, or NULL */
	const char *branch_source; /* where its name came from: "--branch", "GITHUB_BASE_REF", ..., or NULL */
	int fail_on_set;	   /* 1 when --fail-on gave fail_on */
	enum fail_on fail_on;
	const struct config *policy; /* its gates, or NULL */
	int regression;		     /* 1 when --fail-on listed regression */
};

/*
 * Chooses fail_on, first that applies: --fail-on; the policy's first gate
 * whose glob matches the branch (recorded in v->gate.pattern); blocked for a
 * release branch (repo_is_release_branch); never.  Then
 * applies it (verdict_gate) and records where branch and fail_on came from.
 * The regression part (v->gate.regression): --fail-on's when it names a
 * level, else --fail-on's or the policy gate's.  A --fail-on or policy gate
 * that lists only regression leaves the level to what follows it.
 * verdict_diff_gate applies the regression part once a base is compared.
 */
void verdict_choose_gate(struct verdict *v, const struct gate_request *req);

/*
 * Applies fail_on (from source, for messages) to v for branch (may be NULL):
 * sets v->gate afresh, decided only when the rules whose evidence could not
 * be read cannot change the answer.
 */
void verdict_gate(struct verdict *v, enum fail_on fail_on, const char *source, const char *branch);

#endif
