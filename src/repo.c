/* repo.c - opening repositories and resolving revisions, never writing. */
#include "repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

int repo_open(git_repository **out, const char *path)
{
	int rc;

	*out = NULL;
	/* GIT_REPOSITORY_OPEN_FROM_ENV is not used: GIT_DIR and friends from a CI
	 * job should not silently redirect the scan */
	rc = git_repository_open_ext(out, path, 0, NULL);
	if (rc == 0)
		return 0;
	if (rc == GIT_EOWNER) {
		char *abs = realpath(path, NULL);
		err_set("repository at '%s' is owned by another user, and git's safe.directory does not list it; "
			"if you trust it, run: git config --global --add safe.directory '%s'",
			abs ? abs : path, abs ? abs : path);
		free(abs);
		return -1;
	}
	if (rc == GIT_ENOTFOUND)
		return err_set("'%s' is not a git repository (or inside one); give the path of a work tree or a bare repository",
			       path);
	return err_set("cannot open repository '%s': %s", path, git_msg());
}

int repo_resolve(struct repo_target *out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	git_reference *ref = NULL, *head = NULL;
	const git_signature *sig;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->rev = xstrdup(rev);
	if (git_revparse_ext(&obj, &ref, repo, rev) < 0) {
		if (git_repository_head_unborn(repo) == 1 && !strcmp(rev, "HEAD"))
			err_set("repository has no commits yet: there is nothing to scan at HEAD");
		else
			err_set("unknown revision '%s': %s; give a branch, tag or commit that exists here (a shallow clone may "
				"need: git fetch --deepen or --unshallow)",
				rev, git_msg());
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		err_set("revision '%s' does not name a commit: %s", rev, git_msg());
		goto done;
	}
	out->commit = (git_commit *)peeled;
	peeled = NULL;
	if (git_commit_tree(&out->tree, out->commit) < 0) {
		err_set("cannot read the tree of commit '%s': %s", rev, git_msg());
		goto done;
	}
	git_oid_tostr(out->commit_hex, sizeof(out->commit_hex), git_commit_id(out->commit));
	git_oid_tostr(out->tree_hex, sizeof(out->tree_hex), git_tree_id(out->tree));
	sig = git_commit_committer(out->commit);
	out->commit_time = sig ? (int64_t)sig->when.time : (int64_t)git_commit_time(out->commit);

	if (ref && git_reference_is_branch(ref)) {
		out->branch = xstrdup(git_reference_shorthand(ref));
	} else if (ref && git_reference_is_remote(ref)) {
		/* origin/release/1.2 names the branch release/1.2 */
		const char *s = git_reference_shorthand(ref), *slash = strchr(s, '/');
		out->branch = xstrdup(slash ? slash + 1 : s);
	} else if (!strcmp(rev, "HEAD") && git_repository_head(&head, repo) == 0 && git_reference_is_branch(head)) {
		out->branch = xstrdup(git_reference_shorthand(head));
	}
	rc = 0;
done:
	git_reference_free(head);
	git_reference_free(ref);
	git_object_free(peeled);
	git_object_free(obj);
	if (rc < 0)
		repo_target_free(out);
	return rc;
}

void repo_target_free(struct repo_target *t)
{
	git_tree_free(t->tree);
	git_commit_free(t->commit);
	free(t->branch);
	free(t->rev);
	memset(t, 0, sizeof(*t));
}

int repo_is_release_branch(const char *b)
{
	if (!b)
		return 0;
	return (!strncmp(b, "release/", 8) && b[8]) || (!strncmp(b, "release-", 8) && b[8]) ||
	       (!strncmp(b, "releases/", 9) && b[9]) || (!strncmp(b, "hotfix/", 7) && b[7]);
}
