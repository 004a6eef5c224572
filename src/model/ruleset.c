/* ruleset.c - one call from "which packs, which policy" to a finished rule set. */
#include "model/ruleset.h"

int ruleset_load(struct rules **out, struct diag_list *pack_diags, struct diag_list *policy_diags,
		 const struct ruleset_sources *src)
{
	struct rules *rs = rules_new();
	size_t i;
	int rc = 0;

	if (src->builtin && rules_add_builtin(rs) < 0)
		rc = RULESET_EPACKS;
	for (i = 0; i < src->npaths; i++)
		if (rules_add_path(rs, src->paths[i]) < 0)
			rc = RULESET_EPACKS;
	if (src->policy && config_load_packs(src->policy, policy_diags, rs, src->repo, src->commit) < 0)
		rc = RULESET_EPACKS;
	/* even after a failure: references between packs are problems worth listing too */
	if (rules_finish(rs) < 0)
		rc = RULESET_EPACKS;
	/* levels change after the digest: it names the packs, which is what cached facts depend on */
	if (rc == 0 && src->policy && config_apply(src->policy, policy_diags, rs) < 0)
		rc = RULESET_EPOLICY;
	if (rc < 0) {
		diag_list_move(pack_diags, &rs->diags);
		rules_free(rs);
		return rc;
	}
	*out = rs;
	return 0;
}
