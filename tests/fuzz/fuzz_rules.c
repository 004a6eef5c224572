/*
 * fuzz_rules.c - loading a rule pack from a buffer (model/rules.h).
 *
 * Input: the YAML of one pack, as a repository may keep it.  It is loaded,
 * finished (references resolved, digest taken) and freed; a crash, a leak,
 * a hang or undefined behaviour fails.  What loads must also be
 * self-consistent: every rule is found by its own id.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "model/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *rs;
	int line = 0, col = 0;
	size_t i;

	if (size > 65536)
		return 0;
	(void)rules_nesting_exceeds((const char *)data, size, &line, &col);
	rs = rules_new();
	if (rules_add_buffer(rs, "fuzz.yml", (const char *)data, size) == 0 && rules_finish(rs) == 0) {
		for (i = 0; i < rs->nrules; i++)
			if (rules_find_rule(rs, rs->rules[i].id) != (long)i)
				fuzz_fail("rule '%s' is not found by its id", rs->rules[i].id);
	}
	rules_free(rs);
	return 0;
}
