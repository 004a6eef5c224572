/* html.c - the readiness page from the command line: the environment and the remote say where files link to. */
#include "cli/html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/page.h"
#include "util/mem.h"

static const char *env_true(const char *name, const char *value)
{
	const char *v = getenv(name);
	return v && !strcmp(v, "true") ? getenv(value) : NULL;
}

char *cli_repo_name(git_repository *repo, const char **source)
{
	git_config *cfg = NULL;
	const char *url = NULL, *v;
	char *name = NULL;

	*source = NULL;
	/* read as cli_link_base reads it (no git_remote_lookup) */
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 && url && *url) {
		if ((name = report_repo_name(url)))
			*source = "remote.origin.url";
	} else if ((v = env_true("GITHUB_ACTIONS", "GITHUB_REPOSITORY")) && *v) {
		name = xstrdup(v);
		*source = "GITHUB_REPOSITORY";
	} else if ((v = env_true("GITLAB_CI", "CI_PROJECT_PATH")) && *v) {
		name = xstrdup(v);
		*source = "CI_PROJECT_PATH";
	}
	git_config_free(cfg);
	return name;
}

char *cli_link_base(git_repository *repo, const char *commit_hex)
{
	git_config *cfg = NULL;
	const char *url = NULL;
	struct page_where w;
	char *base;

	memset(&w, 0, sizeof(w));
	/*
	 * The origin's URL straight from the configuration (git_remote_lookup
	 * would run libgit2 1.5's config regex, whose match data it leaks); a
	 * repository without one has only the CI variables.
	 */
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0)
		w.remote = url;
	w.github_server = getenv("GITHUB_SERVER_URL");
	w.github_repo = env_true("GITHUB_ACTIONS", "GITHUB_REPOSITORY");
	w.gitlab_server = getenv("CI_SERVER_URL");
	w.gitlab_project = env_true("GITLAB_CI", "CI_PROJECT_URL");
	base = page_link_base(&w, commit_hex);
	git_config_free(cfg);
	return base;
}
