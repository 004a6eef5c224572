/* helpers.c - shared test helpers. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "git/repo.h"
#include "match/match.h"

/* As the CLI does: PROOFGATE_NO_JIT=1 (valgrind) turns PCRE2's JIT off. */
__attribute__((constructor)) static void jit_from_env(void)
{
	const char *off = getenv("PROOFGATE_NO_JIT");
	match_set_jit(!(off && *off));
}

int libgit2_group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	repo_global_init();
	return 0;
}

int libgit2_group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

const char *fixture_path(const char *name)
{
	static char buf[4096];
	const char *base = getenv("PG_FIXTURES");
	snprintf(buf, sizeof(buf), "%s/%s", base ? base : "build/fixtures", name);
	return buf;
}

struct rules *load_rules_string(const char *yaml)
{
	struct rules *rs = rules_new();
	if (rules_add_buffer(rs, "test.yml", yaml, strlen(yaml)) == 0)
		rules_finish(rs);
	return rs;
}

int has_diag(const struct rules *rs, const char *needle, int line)
{
	size_t i;
	for (i = 0; i < rs->diags.n; i++)
		if (strstr(rs->diags.items[i].msg, needle) && (line == 0 || rs->diags.items[i].at.line == line))
			return 1;
	return 0;
}
