/* ci_branch.c - the branch a scan gates, and the pull or merge request target whose policy applies. */
#include "model/ci_branch.h"

#include <string.h>

#include "util/buf.h"
#include "util/err.h"

int ci_target_commit(git_commit **out, git_repository *repo, const char *branch, const char *source)
{
	struct buf ref = BUF_INIT;
	git_object *obj = NULL, *commit = NULL;
	size_t i;
	int rc = -1;

	for (i = 0; i < 2 && rc < 0; i++) {
		buf_clear(&ref);
		buf_printf(&ref, i == 0 ? "refs/remotes/origin/%s" : "refs/heads/%s", branch);
		if (git_revparse_single(&obj, repo, buf_cstr(&ref)) == 0 &&
		    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0)
			rc = 0;
		git_object_free(obj);
		obj = NULL;
	}
	/* the CI's own way to fetch more is the CLI's to add: this says only what holds for every clone */
	if (rc < 0)
		err_set("the policy comes from the target branch '%s' (%s), and neither origin/%s nor %s is in this "
			"clone%s; fetch it: git fetch --no-tags --depth=1 origin "
			"+refs/heads/%s:refs/remotes/origin/%s, "
			"or name the policy commit with --policy-rev REV",
			branch, source ? source : "--branch", branch, branch,
			git_repository_is_shallow(repo) == 1 ? " (a shallow clone holds only the change)" : "", branch,
			branch);
	else
		*out = (git_commit *)commit;
	buf_free(&ref);
	return rc;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

void ci_branch_resolve(struct ci_branch *out, const char *flag, const char *rev_branch, ci_env_fn env)
{
	static const char *const change[] = {"GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"};
	static const char *const pushed[] = {"GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"};
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; env && i < 2 && !out->target; i++)
		if (nonempty(env(change[i]))) {
			out->target = env(change[i]);
			out->target_source = change[i];
		}
	if (nonempty(flag)) {
		out->name = flag;
		out->source = "--branch";
		return;
	}
	if (out->target) {
		out->name = out->target;
		out->source = out->target_source;
		out->change = 1;
		return;
	}
	for (i = 0; env && i < 2; i++)
		if (nonempty(env(pushed[i]))) {
			out->name = env(pushed[i]);
			out->source = pushed[i];
			return;
		}
	if (nonempty(rev_branch)) {
		out->name = rev_branch;
		out->source = "revision";
	}
}
