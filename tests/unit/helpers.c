/* helpers.c - shared test helpers. */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

char scratch_dir[256];

int scratch_setup(void **state)
{
	(void)state;
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/pg-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(scratch_dir));
	return 0;
}

int scratch_teardown(void **state)
{
	char cmd[1024];
	(void)state;
	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", scratch_dir, scratch_dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

void scratch_sh(const char *fmt, ...)
{
	char cmd[2048];
	int n;
	va_list ap;
	n = snprintf(cmd, sizeof(cmd),
		     "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t "
		     "GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t "
		     "GIT_AUTHOR_DATE=2026-06-01T12:00:00Z GIT_COMMITTER_DATE=2026-06-01T12:00:00Z && (",
		     scratch_dir);
	va_start(ap, fmt);
	n += vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	snprintf(cmd + n, sizeof(cmd) - (size_t)n, ") >/dev/null 2>&1");
	assert_int_equal(system(cmd), 0);
}

const char *in_scratch(const char *name)
{
	static char buf[512];
	snprintf(buf, sizeof(buf), "%s/%s", scratch_dir, name);
	return buf;
}
