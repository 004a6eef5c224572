/* repo.c - opening repositories and resolving revisions, never writing. */
#include "git/repo.h"

#include <git2/sys/alloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "git/loose.h"
#include "git/pack.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "no reason given by libgit2";
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
#define MWINDOW_SIZE	     ((size_t)8 << 20)
#define MWINDOW_MAPPED_LIMIT ((size_t)16 << 20)
#define OBJECT_CACHE_MAX     ((ssize_t)16 << 20)

/*
 * libgit2's allocator: glibc's, except that a block of REPO_BIG_ALLOC
 * bytes or more starts at a multiple of PACK_DATA_ALIGN.  A blob libgit2
 * inflates (a delta's result, or a whole object off the fast path) is such
 * a block, so the Vectorscan pass scans it in place instead of copying it
 * to an aligned buffer first (multi_scan): one blob-sized copy fewer for
 * every blob read through libgit2.  Every block is glibc's, so free and
 * realloc work whichever allocator made it.
 */
static void *big_alloc(size_t n)
{
	void *p = NULL;
	if (n < REPO_BIG_ALLOC)
		return malloc(n);
	return posix_memalign(&p, PACK_DATA_ALIGN, n) == 0 ? p : NULL;
}

static void *a_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return big_alloc(n);
}

static void *a_calloc(size_t nelem, size_t elsize, const char *file, int line)
{
	size_t n;
	void *p;
	(void)file;
	(void)line;
	if (elsize && nelem > SIZE_MAX / elsize)
		return NULL;
	n = nelem * elsize;
	if (n < REPO_BIG_ALLOC)
		return calloc(nelem, elsize);
	p = big_alloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

static char *a_substrdup(const char *str, size_t n, const char *file, int line)
{
	char *p;
	(void)file;
	(void)line;
	if (n == SIZE_MAX || !(p = malloc(n + 1)))
		return NULL;
	memcpy(p, str, n);
	p[n] = '\0';
	return p;
}

static char *a_strndup(const char *str, size_t n, const char *file, int line)
{
	return a_substrdup(str, strnlen(str, n), file, line);
}

static char *a_strdup(const char *str, const char *file, int line)
{
	return a_substrdup(str, strlen(str), file, line);
}

static void *a_realloc(void *ptr, size_t size, const char *file, int line)
{
	(void)file;
	(void)line;
	return realloc(ptr, size);
}

static void *a_reallocarray(void *ptr, size_t nelem, size_t elsize, const char *file, int line)
{
	if (elsize && nelem > SIZE_MAX / elsize)
		return NULL;
	return a_realloc(ptr, nelem * elsize, file, line);
}

static void *a_mallocarray(size_t nelem, size_t elsize, const char *file, int line)
{
	if (elsize && nelem > SIZE_MAX / elsize)
		return NULL;
	return a_malloc(nelem * elsize, file, line);
}

static void a_free(void *ptr)
{
	free(ptr);
}

static git_allocator aligned_allocator = {
	.gmalloc = a_malloc,
	.gcalloc = a_calloc,
	.gstrdup = a_strdup,
	.gstrndup = a_strndup,
	.gsubstrdup = a_substrdup,
	.grealloc = a_realloc,
	.greallocarray = a_reallocarray,
	.gmallocarray = a_mallocarray,
	.gfree = a_free,
};

void repo_global_init(void)
{
	/* before anything is read: see aligned_allocator */
	git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &aligned_allocator);
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

/* The path of name below dir, or name itself when it is absolute (caller frees). */
static char *below(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	if (name[0] == '/' || !dir || !*dir)
		buf_puts(&b, name);
	else
		buf_printf(&b, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return buf_detach(&b);
}

/* Why a repository could not be opened; path is what the user named. */
static int open_failed(const char *path, int rc, int explicit_dir)
{
	const char *m = git_msg();
	if (rc == GIT_ENOTFOUND && explicit_dir)
		return err_set(
			"GIT_DIR names '%s', which is not a git repository (GIT_DIR names the git folder itself, "
			"such as .git, or a bare repository)",
			path);
	if (rc == GIT_ENOTFOUND)
		return err_set("'%s' is not a git repository (or inside one); give the path of a work tree or a bare "
			       "repository",
			       path);
	if (strstr(m, "objectformat"))
		return err_set(
			"'%s' is a SHA-256 repository (extensions.objectFormat = sha256), and libgit2 1.5, which "
			"this proofgate is built with, reads only SHA-1 repositories; scan a SHA-1 copy of its "
			"history: git init --bare --object-format=sha1 copy.git && git -C '%s' fast-export --all "
			"| git -C copy.git fast-import",
			path, path);
	return err_set("cannot open repository '%s': %s", path, m);
}

int repo_open(git_repository **out, const char *path, const char *sudo_uid)
{
	struct repo_env env;
	memset(&env, 0, sizeof(env));
	env.sudo_uid = sudo_uid;
	return repo_open_env(out, path, &env);
}

int repo_open_env(git_repository **out, const char *path, const struct repo_env *env)
{
	git_repository *repo = NULL;
	const char *git_dir = env && env->git_dir && *env->git_dir ? env->git_dir : NULL;
	const char *work_tree = env && env->work_tree && *env->work_tree ? env->work_tree : NULL;
	char *dir = NULL, *where = NULL;
	unsigned flags = env && env->across_fs ? GIT_REPOSITORY_OPEN_CROSS_FS : 0;
	int rc = -1, grc;

	*out = NULL;
	/* GIT_DIR names the repository itself, as for git: no search, and no .git appended */
	if (git_dir) {
		where = below(path, git_dir);
		grc = git_repository_open_ext(&repo, where,
					      GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT, NULL);
		if (grc < 0) {
			open_failed(where, grc, 1);
			goto done;
		}
	} else {
		grc = git_repository_open_ext(
			&repo, path, flags, env && env->ceiling_dirs && *env->ceiling_dirs ? env->ceiling_dirs : NULL);
		if (grc < 0) {
			open_failed(path, grc, 0);
			goto done;
		}
	}
	if (work_tree) {
		char *wt = below(path, work_tree);
		/* in memory only: update_gitlink 0 writes neither core.worktree nor a .git file */
		grc = git_repository_set_workdir(repo, wt, 0);
		if (grc < 0)
			err_set("GIT_WORK_TREE names '%s', which cannot be the work tree: %s", wt, git_msg());
		free(wt);
		if (grc < 0)
			goto done;
	}
	/* as git: a repository named by GIT_DIR is the user's choice, and the owner check is for discovery */
	if (!git_dir) {
		const char *sudo_uid = env ? env->sudo_uid : NULL;
		dir = trust_dir(repo);
		if ((!owned_by_us(dir, sudo_uid) || !owned_by_us(git_repository_path(repo), sudo_uid)) &&
		    !safe_dir_listed(dir)) {
			err_set("repository at '%s' is owned by another user, and git's safe.directory does not "
				"list it; if you trust it, run: git config --global --add safe.directory '%s'",
				dir, dir);
			goto done;
		}
	}
	/* loose objects are read and checked by proofgate, never by libgit2 1.5's reader (git/loose.h) */
	if (loose_attach(repo) < 0)
		goto done;
	*out = repo;
	repo = NULL;
	rc = 0;
done:
	git_repository_free(repo);
	free(where);
	free(dir);
	return rc;
}

/* The alternates (objects/info/alternates) whose folder is gone, quoted and comma-separated in b. */
static size_t missing_alternates(git_repository *repo, struct buf *b)
{
	char *objects = below(git_repository_commondir(repo), "objects"), *file = below(objects, "info/alternates");
	FILE *f = fopen(file, "r");
	char line[4096];
	size_t n = 0;
	struct stat st;

	while (f && fgets(line, sizeof(line), f)) {
		size_t len = strcspn(line, "\r\n");
		char *alt;
		line[len] = '\0';
		if (!len || line[0] == '#')
			continue;
		alt = below(objects, line);
		if (stat(alt, &st) < 0 || !S_ISDIR(st.st_mode))
			buf_printf(b, "%s'%s'", n++ ? ", " : "", alt);
		free(alt);
	}
	if (f)
		fclose(f);
	free(file);
	free(objects);
	return n;
}

/*
 * 1 when git made this a partial clone: a promisor remote (remote.NAME.promisor,
 * git 2.20 on) or extensions.partialClone (before).  The entries are walked,
 * not matched with a pattern: libgit2 1.5's config regex leaks its match data.
 */
static int is_partial(git_repository *repo)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int yes = 0, b;

	if (git_repository_config_snapshot(&cfg, repo) < 0 || git_config_iterator_new(&it, cfg) < 0)
		goto done;
	while (!yes && git_config_next(&e, it) == 0) {
		size_t n = strlen(e->name);
		if (!strcmp(e->name, "extensions.partialclone"))
			yes = e->value && *e->value;
		else if (!strncmp(e->name, "remote.", 7) && n > 16 && !strcmp(e->name + n - 9, ".promisor"))
			yes = git_config_parse_bool(&b, e->value) == 0 && b;
	}
done:
	git_config_iterator_free(it);
	git_config_free(cfg);
	return yes;
}

char *repo_object_problem(git_repository *repo, const git_oid *id, const char *what)
{
	const git_error *e = git_error_last();
	int klass = e ? e->klass : GIT_ERROR_NONE;
	char *why = xstrdup(e && e->message ? e->message : "not found"), hex[GIT_OID_HEXSZ + 1];
	struct buf b = BUF_INIT, alts = BUF_INIT;

	if (id) {
		git_oid_tostr(hex, sizeof(hex), id);
		buf_printf(&b, "object %s (%s)", hex, what);
	} else {
		buf_printf(&b, "an object of %s", what);
	}
	if (klass == GIT_ERROR_ZLIB || strstr(why, "inflate") || strstr(why, "corrupt") || strstr(why, "mismatch"))
		buf_printf(&b,
			   " is corrupt (%s): git fsck lists the damaged objects; fetch them again from a good clone, "
			   "or restore the repository",
			   why);
	else if (klass == GIT_ERROR_OS)
		buf_printf(&b, " cannot be read: %s", why);
	else if (missing_alternates(repo, &alts))
		buf_printf(&b,
			   " is not here (%s): the repository borrows objects from %s (objects/info/alternates), "
			   "which is gone; restore it, or clone the repository again without --shared or --reference",
			   why, buf_cstr(&alts));
	else if (is_partial(repo))
		buf_printf(&b,
			   " is missing (%s): this is a partial clone (a promisor remote) and the object was never "
			   "fetched; libgit2 does not fetch it on demand as git does: fetch it, or scan a full clone",
			   why);
	else if (git_repository_is_shallow(repo) == 1)
		buf_printf(&b,
			   " is missing (%s): this clone is shallow and the object lies past its edge (a shallow "
			   "clone may need: git fetch --deepen=N or --unshallow)",
			   why);
	else
		buf_printf(&b, " is missing (%s): the repository is damaged; git fsck lists what is missing", why);
	buf_free(&alts);
	free(why);
	return buf_detach(&b);
}

/* 1 when the repository holds any reference (HEAD, being symbolic, is not one). */
static int has_refs(git_repository *repo)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	int yes = git_reference_iterator_new(&it, repo) == 0 && git_reference_next(&ref, it) == 0;
	git_reference_free(ref);
	git_reference_iterator_free(it);
	return yes;
}

/* HEAD names a branch without commits while others have some: say which, and how to scan one. */
static void unborn_head(git_repository *repo, const char *rev)
{
	git_reference *head = NULL, *ref = NULL;
	git_branch_iterator *it = NULL;
	git_branch_t type;
	struct buf names = BUF_INIT;
	const char *target = NULL, *first = NULL;
	char *first_copy = NULL;
	size_t n = 0;

	if (git_reference_lookup(&head, repo, "HEAD") == 0 && git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		target = git_reference_symbolic_target(head);
	if (target && !strncmp(target, "refs/heads/", 11))
		target += 11;
	if (git_branch_iterator_new(&it, repo, GIT_BRANCH_ALL) == 0)
		while (git_branch_next(&ref, &type, it) == 0) {
			const char *name = git_reference_shorthand(ref);
			if (n < 6)
				buf_printf(&names, "%s%s", n ? ", " : "", name);
			if (!first_copy)
				first_copy = xstrdup(name);
			n++;
			git_reference_free(ref);
			ref = NULL;
		}
	first = first_copy;
	if (!n)
		err_set("repository has no commits yet: there is nothing to scan at %s", rev);
	else
		err_set("HEAD names branch '%s', which has no commits, while the repository has %zu branch%s: %s%s; "
			"scan one with --rev %s",
			target ? target : "(detached)", n, n == 1 ? "" : "es", buf_cstr(&names),
			n > 6 ? " and more" : "", first);
	free(first_copy);
	buf_free(&names);
	git_branch_iterator_free(it);
	git_reference_free(head);
}

/* Why rev did not resolve, from what the repository holds and what libgit2 said. */
static void resolve_failed(git_repository *repo, const char *rev)
{
	const git_error *e = git_error_last();
	int klass = e ? e->klass : GIT_ERROR_NONE;
	struct buf what = BUF_INIT;

	if (git_repository_head_unborn(repo) == 1 && !has_refs(repo)) {
		if (!strcmp(rev, "HEAD"))
			err_set("repository has no commits yet: there is nothing to scan at HEAD");
		else
			err_set("repository has no commits yet: there is nothing to scan, and no branch, tag or commit "
				"named '%s'",
				rev);
	} else if (git_repository_head_unborn(repo) == 1 && (!strncmp(rev, "HEAD", 4) || rev[0] == '@')) {
		unborn_head(repo, rev);
	} else if (strstr(rev, "@{-")) {
		/* libgit2 reads the reflog through the configuration, and what it leaves in its error is not why */
		err_set("unknown revision '%s': @{-N} names the branch checked out N switches ago, and HEAD's reflog "
			"here records no such switch (a fresh clone or a CI checkout records none); name the branch or "
			"commit instead",
			rev);
	} else if (strstr(rev, "@{")) {
		err_set("unknown revision '%s': @{...} reads the reflog, which holds no such entry here (a fresh clone "
			"or a CI checkout records almost none); name the branch or commit instead",
			rev);
	} else if (klass == GIT_ERROR_ODB || klass == GIT_ERROR_ZLIB || klass == GIT_ERROR_OS) {
		char *p;
		buf_printf(&what, "revision '%s'", rev);
		p = repo_object_problem(repo, NULL, buf_cstr(&what));
		err_set("%s revision '%s': %s", klass == GIT_ERROR_ODB ? "unknown" : "cannot read", rev, p);
		free(p);
	} else if (git_repository_is_shallow(repo) == 1) {
		err_set("unknown revision '%s': no branch, tag or commit of that name here, and this clone is shallow "
			"(a shallow clone may need: git fetch --deepen=N or --unshallow, or a fetch of that branch)",
			rev);
	} else {
		err_set("unknown revision '%s': no branch, tag or commit of that name here; 'git branch -a' and 'git "
			"tag' list what there is",
			rev);
	}
	buf_free(&what);
}

/* The revision resolved to obj, which is no commit: say what it is. */
static void not_a_commit(git_repository *repo, const char *rev, git_object *obj)
{
	git_object_t t = git_object_type(obj);
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, 13, git_object_id(obj));
	if (t == GIT_OBJECT_TAG) {
		/* a tag of a tree or a blob, or one whose target is not here */
		git_object *target = NULL;
		if (git_tag_peel(&target, (git_tag *)obj) == 0) {
			err_set("revision '%s' is a tag (%s) of a %s, not of a commit: proofgate scans a commit's "
				"tree; "
				"give a branch, tag or commit",
				rev, hex, git_object_type2string(git_object_type(target)));
			git_object_free(target);
		} else {
			char *p = repo_object_problem(repo, git_tag_target_id((git_tag *)obj), "the tag's target");
			err_set("cannot read revision '%s': %s", rev, p);
			free(p);
		}
		return;
	}
	err_set("revision '%s' names a %s (%s), not a commit: proofgate scans a commit's tree; give a branch, tag "
		"or commit",
		rev, git_object_type2string(t), hex);
}

int repo_resolve(struct repo_target *out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	git_reference *ref = NULL, *head = NULL;
	const git_signature *sig;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->rev = xstrdup(rev);
	/* some failures set no error of their own: what is left from before must not be taken for the cause */
	git_error_clear();
	if (git_revparse_ext(&obj, &ref, repo, rev) < 0) {
		resolve_failed(repo, rev);
		goto done;
	}
	git_error_clear();
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		not_a_commit(repo, rev, obj);
		goto done;
	}
	out->commit = (git_commit *)peeled;
	peeled = NULL;
	git_error_clear();
	if (git_commit_tree(&out->tree, out->commit) < 0) {
		char *p = repo_object_problem(repo, git_commit_tree_id(out->commit), "the commit's tree");
		err_set("cannot read the tree of commit '%s': %s", rev, p);
		free(p);
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
	if (!t)
		return;
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
