/* shallow.c - a shallow clone's edge, read as git reads it: the commits .git/shallow lists have no parents. */
#include "git/shallow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* A set of object ids: open addressing, the table a power of two and never more than half full. */
struct oidset {
	git_oid *slot;
	unsigned char *used;
	size_t n, cap;
};

static size_t oid_hash(const git_oid *id)
{
	size_t h = 0;
	memcpy(&h, id->id, sizeof(h) < GIT_OID_RAWSZ ? sizeof(h) : GIT_OID_RAWSZ);
	return h;
}

static size_t oidset_find(const struct oidset *s, const git_oid *id)
{
	size_t i = oid_hash(id) & (s->cap - 1);
	while (s->used[i] && git_oid_cmp(&s->slot[i], id))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static int oidset_has(const struct oidset *s, const git_oid *id)
{
	return s->cap && s->used[oidset_find(s, id)];
}

/* Adds id; returns 1 when it was new, 0 when it was there. */
static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t i;
	if (2 * (s->n + 1) > s->cap) {
		struct oidset big = {NULL, NULL, 0, s->cap ? 2 * s->cap : 64};
		big.slot = xcalloc(big.cap, sizeof(*big.slot));
		big.used = xcalloc(big.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i]) {
				size_t j = oidset_find(&big, &s->slot[i]);
				big.slot[j] = s->slot[i];
				big.used[j] = 1;
				big.n++;
			}
		free(s->slot);
		free(s->used);
		*s = big;
	}
	i = oidset_find(s, id);
	if (s->used[i])
		return 0;
	s->slot[i] = *id;
	s->used[i] = 1;
	s->n++;
	return 1;
}

/* Frees what s holds; NULL is fine. */
static void oidset_free(struct oidset *s)
{
	if (!s)
		return;
	free(s->slot);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

/* The commits .git/shallow lists (none when there is no such file); -1 and err when it cannot be read. */
static int read_edge(struct oidset *edge, git_repository *repo)
{
	struct buf path = BUF_INIT;
	char line[128];
	FILE *f;
	int rc = -1;

	buf_printf(&path, "%sshallow", git_repository_commondir(repo));
	if (!(f = fopen(buf_cstr(&path), "r"))) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc < 0)
			err_set("cannot read %s: %s", buf_cstr(&path), err_os(errno));
		goto done;
	}
	while (fgets(line, sizeof(line), f)) {
		git_oid id;
		if (git_oid_fromstrn(&id, line, strcspn(line, "\r\n")) < 0) {
			err_set("%s: a line is not a commit id: this clone's record of its edge is damaged",
				buf_cstr(&path));
			goto done;
		}
		oidset_add(edge, &id);
	}
	if (ferror(f)) {
		err_set("cannot read %s: %s", buf_cstr(&path), err_os(errno));
		goto done;
	}
	rc = 0;
done:
	if (f)
		fclose(f);
	buf_free(&path);
	return rc;
}

/*
 * Every commit reachable from start without going past the edge: a commit on
 * the edge is kept but not its parents, and a commit the clone lacks ends its
 * line too.  Returns 0, or -1 and err.
 */
static int reach(struct oidset *seen, git_repository *repo, const git_oid *start, const struct oidset *edge)
{
	git_oid *stack = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	XGROW(stack, cap, n + 1);
	stack[n++] = *start;
	oidset_add(seen, start);
	while (n) {
		git_oid id = stack[--n];
		git_commit *c = NULL;
		unsigned int i, np;
		if (oidset_has(edge, &id))
			continue;
		if (git_commit_lookup(&c, repo, &id) < 0) {
			if (git_error_last() && git_error_last()->klass == GIT_ERROR_ODB)
				continue;
			err_set("cannot read commit %s: %s", git_oid_tostr_s(&id),
				git_error_last() ? git_error_last()->message : "unknown error");
			goto done;
		}
		np = git_commit_parentcount(c);
		for (i = 0; i < np; i++) {
			const git_oid *p = git_commit_parent_id(c, i);
			if (oidset_add(seen, p)) {
				XGROW(stack, cap, n + 1);
				stack[n++] = *p;
			}
		}
		git_commit_free(c);
	}
	rc = 0;
done:
	free(stack);
	return rc;
}

int repo_merge_base(git_oid *out, git_repository *repo, const git_oid *one, const git_oid *two)
{
	struct oidset edge = {0}, from_one = {0}, from_two = {0};
	git_oid base;
	int found, rc = -1;

	if (git_repository_is_shallow(repo) != 1) {
		int e = git_merge_base(out, repo, one, two);
		if (e == 0)
			return 0;
		if (e == GIT_ENOTFOUND && git_error_last() && git_error_last()->klass == GIT_ERROR_MERGE)
			return REPO_NO_BASE;
		err_set("%s", git_error_last() ? git_error_last()->message : "cannot find the merge base");
		return -1;
	}
	/*
	 * libgit2 1.5 walks past the edge when the objects are there (and
	 * fails when they are not): what it finds counts only if git would,
	 * reaching it from both commits without crossing the edge.
	 */
	found = git_merge_base(&base, repo, one, two) == 0;
	git_error_clear();
	if (!found) {
		rc = REPO_NO_BASE_SHALLOW;
		goto done;
	}
	if (read_edge(&edge, repo) < 0 || reach(&from_one, repo, one, &edge) < 0 ||
	    reach(&from_two, repo, two, &edge) < 0)
		goto done;
	if (!oidset_has(&from_one, &base) || !oidset_has(&from_two, &base)) {
		rc = REPO_NO_BASE_SHALLOW;
		goto done;
	}
	git_oid_cpy(out, &base);
	rc = 0;
done:
	oidset_free(&edge);
	oidset_free(&from_one);
	oidset_free(&from_two);
	return rc;
}
