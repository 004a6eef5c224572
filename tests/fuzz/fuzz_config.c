/*
 * fuzz_config.c - the repository policy, .proofgate.yml (model/config.h).
 *
 * Input: the policy's YAML.  It is parsed and validated, applied to an
 * empty rule set (every rule it names is then unknown), asked for the
 * gate of a few branches, and freed; a crash, a leak, a hang or undefined
 * behaviour fails.
 */
#include "fuzz.h"

#include <stdlib.h>

#include "model/config.h"
#include "model/rules.h"
#include "util/diag.h"
#include "verdict/verdict.h"

/* 2026-06-01T12:00:00Z, the fixtures' commit date */
#define COMMIT_TIME 1780315200LL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const branches[] = {"main", "release/1.0", "hotfix/x", "feature/a/b", ""};
	struct config *cfg = NULL;
	struct diag_list diags = DIAG_LIST_INIT;
	struct rules *rs;
	size_t i;

	if (size > CONFIG_MAX_BYTES)
		return 0;
	if (config_load_buffer(&cfg, &diags, ".proofgate.yml", (const char *)data, size, COMMIT_TIME) == 0 && cfg) {
		rs = rules_new();
		(void)rules_finish(rs);
		(void)config_apply(cfg, &diags, rs);
		rules_free(rs);
		for (i = 0; i < sizeof(branches) / sizeof(*branches); i++)
			(void)config_gate_for(cfg, branches[i]);
		(void)verdict_policy_of(cfg);
	}
	config_free(cfg);
	diag_list_clear(&diags);
	return 0;
}
