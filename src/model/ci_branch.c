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

/* How a variable's value names a branch. */
enum form {
	PLAIN,	/* the name itself */
	REF,	/* "refs/heads/NAME" or NAME; any other "refs/..." (a tag, a pull request) is no branch */
	REMOTE, /* as REF, and "origin/NAME" or "refs/remotes/origin/NAME" too (Jenkins' GIT_BRANCH) */
};

struct var {
	const char *name;
	const char *ci;	       /* set only in that CI: the variable counts only when this one is set too */
	const char *unless[2]; /* set (not empty): the value is not a branch (a tag build, a change request) */
	enum form form;
};

/* Pull and merge requests' targets, each CI's documented variable. */
static const struct var targets[] = {
	{"GITHUB_BASE_REF", NULL, {NULL, NULL}, PLAIN},
	{"CI_MERGE_REQUEST_TARGET_BRANCH_NAME", NULL, {NULL, NULL}, PLAIN},
	{"CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME", NULL, {NULL, NULL}, PLAIN},
	{"CHANGE_TARGET", "JENKINS_URL", {NULL, NULL}, PLAIN},
	{"BUILDKITE_PULL_REQUEST_BASE_BRANCH", NULL, {NULL, NULL}, PLAIN},
	{"SYSTEM_PULLREQUEST_TARGETBRANCH", "TF_BUILD", {NULL, NULL}, REF},
	{"BITBUCKET_PR_DESTINATION_BRANCH", NULL, {NULL, NULL}, PLAIN},
};

/* The branch a push (or a branch build) is for. */
static const struct var pushed[] = {
	{"GITHUB_REF_NAME", NULL, {NULL, NULL}, PLAIN}, /* a tag or a pull request's ref: see github_ref_is_branch */
	{"CI_COMMIT_BRANCH", NULL, {NULL, NULL}, PLAIN},
	{"CI_COMMIT_REF_NAME", NULL, {"CI_COMMIT_TAG", NULL}, PLAIN},
	{"BRANCH_NAME", "JENKINS_URL", {"CHANGE_ID", "TAG_NAME"}, PLAIN},
	{"GIT_BRANCH", "JENKINS_URL", {"CHANGE_ID", "TAG_NAME"}, REMOTE},
	{"CIRCLE_BRANCH", NULL, {"CIRCLE_TAG", NULL}, PLAIN},
	{"BUILDKITE_BRANCH", NULL, {"BUILDKITE_TAG", NULL}, PLAIN},
	{"BUILD_SOURCEBRANCH", "TF_BUILD", {NULL, NULL}, REF},
	{"BITBUCKET_BRANCH", NULL, {"BITBUCKET_TAG", NULL}, PLAIN},
};

static const char *skip_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) ? NULL : s + n;
}

/* The branch v names in form, or NULL. */
static const char *branch_of(const char *v, enum form form)
{
	const char *rest;
	if (form == PLAIN)
		return v;
	if ((rest = skip_prefix(v, "refs/heads/")) != NULL)
		return nonempty(rest);
	if (form == REMOTE &&
	    ((rest = skip_prefix(v, "refs/remotes/origin/")) != NULL || (rest = skip_prefix(v, "origin/")) != NULL))
		return nonempty(rest);
	return skip_prefix(v, "refs/") ? NULL : v;
}

/* GitHub sets GITHUB_REF_NAME to a tag's name on tag pushes and to "N/merge" in pull requests. */
static int github_ref_is_branch(ci_env_fn env)
{
	const char *type = nonempty(env("GITHUB_REF_TYPE")), *ref = nonempty(env("GITHUB_REF"));
	if (type && strcmp(type, "branch"))
		return 0;
	return !ref || !skip_prefix(ref, "refs/") || skip_prefix(ref, "refs/heads/");
}

/* The first of vars (n) that names a branch in env: its name into *name, the variable's into *source. */
static int find(const struct var *vars, size_t n, ci_env_fn env, const char **name, const char **source)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		const char *v = nonempty(env(vars[i].name)), *b;
		if (!v || (vars[i].ci && !nonempty(env(vars[i].ci))))
			continue;
		for (k = 0; k < 2; k++)
			if (vars[i].unless[k] && nonempty(env(vars[i].unless[k])))
				break;
		if (k < 2)
			continue;
		if (!strcmp(vars[i].name, "GITHUB_REF_NAME") && !github_ref_is_branch(env))
			continue;
		if ((b = branch_of(v, vars[i].form)) != NULL) {
			*name = b;
			*source = vars[i].name;
			return 1;
		}
	}
	return 0;
}

#define NVARS(a) (sizeof(a) / sizeof((a)[0]))

void ci_branch_resolve_rev(struct ci_branch *out, const char *flag, const char *rev_branch, int rev_named, int ci,
			   ci_env_fn env)
{
	int use_env = env && ci && !(rev_named && nonempty(rev_branch));

	memset(out, 0, sizeof(*out));
	out->source = "none";
	if (use_env)
		find(targets, NVARS(targets), env, &out->target, &out->target_source);
	if (nonempty(flag)) {
		out->name = flag;
		out->source = "--branch";
	} else if (rev_named && nonempty(rev_branch)) {
		out->name = rev_branch;
		out->source = "--rev";
	} else if (out->target) {
		out->name = out->target;
		out->source = out->target_source;
		out->change = 1;
	} else if (use_env && find(pushed, NVARS(pushed), env, &out->name, &out->source)) {
		; /* the pushed branch */
	} else if (nonempty(rev_branch)) {
		out->name = rev_branch;
		out->source = "revision";
	}
}

void ci_branch_resolve(struct ci_branch *out, const char *flag, const char *rev_branch, ci_env_fn env)
{
	ci_branch_resolve_rev(out, flag, rev_branch, 0, 1, env);
}

int ci_is_checkout(git_repository *repo, const git_commit *commit)
{
	git_oid head;
	if (git_reference_name_to_id(&head, repo, "HEAD") < 0)
		return 0;
	return git_oid_equal(&head, git_commit_id(commit));
}
