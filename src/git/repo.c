/* repo.c - opening repositories and resolving revisions, never writing. */
#include "git/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/loose.h"
#include "util/err.h"
#include "util/mem.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

/* 1 when value (a safe.directory entry) lets dir be opened, as git reads it. */
static int safe_dir_matches(const char *value, const char *dir)
{
	size_t n = strlen(value);
	if (!strcmp(value, "*"))
		return 1;
	while (n > 1 && value[n - 1] == '/')
		n--;
	if (n >= 2 && value[n - 1] == '*' && value[n - 2] == '/')
		return !strncmp(dir, value, n - 1);
	return strlen(dir) == n && !strncmp(dir, value, n);
}

/* 1 when git's safe.directory, in system, global or XDG config, lists dir. */
static int safe_dir_listed(const char *dir)
{
	git_config *cfg = NULL, *snap = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int found = 0;

	if (git_config_open_default(&cfg) < 0 || git_config_snapshot(&snap, cfg) < 0)
		goto done;
	if (git_config_multivar_iterator_new(&it, snap, "safe.directory", NULL) < 0)
		goto done;
	while (git_config_next(&e, it) == 0) {
		/* an empty value resets the list, as in git */
		if (!*e->value)
			found = 0;
		else if (safe_dir_matches(e->value, dir))
			found = 1;
	}
done:
	git_config_iterator_free(it);
	git_config_free(snap);
	git_config_free(cfg);
	return found;
}

/* The folder git names in safe.directory: the work tree, or the git dir when bare. */
static char *trust_dir(git_repository *repo)
{
	const char *d = git_repository_is_bare(repo) ? git_repository_path(repo) : git_repository_workdir(repo);
	size_t n = strlen(d);
	while (n > 1 && d[n - 1] == '/')
		n--;
	return xstrndup(d, n);
}

static int owned_by_us(const char *path, const char *sudo_uid)
{
	struct stat st;
	uid_t me = geteuid();

	if (stat(path, &st) < 0)
		return 1; /* nothing to compare; opening will say what is wrong */
	if (st.st_uid == me)
		return 1;
	/* as git does: root working through sudo may use the invoking user's repository */
	return me == 0 && sudo_uid && (uid_t)strtoul(sudo_uid, NULL, 10) == st.st_uid;
}

/* pack windows count as resident memory: keep them few and small */
#define MWINDOW_SIZE ((size_t)8 << 20)
#define MWINDOW_MAPPED_LIMIT ((size_t)16 << 20)
#define OBJECT_CACHE_MAX ((ssize_t)16 << 20)

void repo_global_init(void)
{
	/*
	 * libgit2 1.5 reports a missing safe.directory as "not found"; the owner
	 * check is done here instead, with git's rules and a message that says
	 * what to set.
	 */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	/*
	 * libgit2 shares one mapping of a pack between every object database
	 * of the process, made with the window size in force when the pack is
	 * first read: set before anything is read, or the first lookup maps a
	 * whole pack (up to 1 GiB) and every page a worker touches stays
	 * resident.
	 */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, MWINDOW_SIZE);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, MWINDOW_MAPPED_LIMIT);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, OBJECT_CACHE_MAX);
	/*
	 * As git itself, objects are not re-hashed on every read (that was a
	 * sixth of a full scan's time): packed objects carry zlib checksums and
	 * a damaged one fails to inflate; `git fsck` is the tool that re-hashes.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

int repo_open(git_repository **out, const char *path, const char *sudo_uid)
{
	char *dir = NULL;
	int rc;

	*out = NULL;
	/* GIT_REPOSITORY_OPEN_FROM_ENV is not used: GIT_DIR and friends from a CI
	 * job should not silently redirect the scan */
	rc = git_repository_open_ext(out, path, 0, NULL);
	if (rc == GIT_ENOTFOUND)
		return err_set("'%s' is not a git repository (or inside one); give the path of a work tree or a bare repository",
			       path);
	if (rc < 0)
		return err_set("cannot open repository '%s': %s", path, git_msg());
	dir = trust_dir(*out);
	if ((!owned_by_us(dir, sudo_uid) || !owned_by_us(git_repository_path(*out), sudo_uid)) && !safe_dir_listed(dir)) {
		err_set("repository at '%s' is owned by another user, and git's safe.directory does not list it; "
			"if you trust it, run: git config --global --add safe.directory '%s'",
			dir, dir);
		git_repository_free(*out);
		*out = NULL;
		free(dir);
		return -1;
	}
	free(dir);
	/* loose objects are read and checked by proofgate, never by libgit2 1.5's reader (git/loose.h) */
	if (loose_attach(*out) < 0) {
		git_repository_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
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
