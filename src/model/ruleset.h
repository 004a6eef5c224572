/* ruleset.h - the rule set a command runs with, assembled from all its sources in one call. */
#ifndef PG_RULESET_H
#define PG_RULESET_H

#include <git2.h>
#include <stddef.h>

#include "model/config.h"
#include "model/rules.h"
#include "util/diag.h"

/* Where the rules come from; all borrowed. */
struct ruleset_sources {
	int builtin;	    /* 1: the pack compiled into the binary */
	char *const *paths; /* rule pack files or folders (--rules), in order */
	size_t npaths;
	const struct config *policy; /* the repository policy whose packs and levels apply, or NULL */
	git_repository *repo;	     /* with policy: the repository and commit */
	git_commit *commit;	     /* its packs are read from */
};

/* Why ruleset_load failed. */
enum {
	RULESET_EPACKS = -1,  /* a pack could not be read or is invalid */
	RULESET_EPOLICY = -2, /* the policy names a rule that no pack defines */
};

/*
 * Loads the built-in pack, each path and the policy's packs (every one, so
 * that all problems are listed), resolves references between them and sets
 * the digest (rules_finish), then applies the policy's level overrides.
 * Returns 0 and *out, which the caller frees with rules_free; or
 * RULESET_EPACKS with the packs' problems appended to pack_diags and a pack
 * the policy names wrongly to policy_diags; or RULESET_EPOLICY with the
 * unknown rules in policy_diags.  *out is untouched on failure.
 * policy_diags may be NULL when there is no policy.
 */
int ruleset_load(struct rules **out, struct diag_list *pack_diags, struct diag_list *policy_diags,
		 const struct ruleset_sources *src);

#endif
