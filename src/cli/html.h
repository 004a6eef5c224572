/* html.h - the readiness page from the command line: where its files link to, and writing it. */
#ifndef PG_CLI_HTML_H
#define PG_CLI_HTML_H

#include <git2.h>

#include "report/report.h"

/*
 * The web address below which the scanned commit's files are shown on
 * GitHub or GitLab, from repo's origin remote and the CI's variables, or
 * NULL when nothing says where the repository lives.  The caller frees.
 */
char *cli_link_base(git_repository *repo, const char *commit_hex);

/*
 * The repository's name for the reports ("owner/name"): from the origin
 * remote's URL, the scanned repository itself; without an origin remote,
 * from the CI's variables (GITHUB_REPOSITORY when GITHUB_ACTIONS is true,
 * CI_PROJECT_PATH when GITLAB_CI is true).  *source says which; NULL when
 * nothing names it (a local remote path names no server's repository).
 * The caller frees.
 */
char *cli_repo_name(git_repository *repo, const char **source);

#endif
