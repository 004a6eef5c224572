/*
 * installed.c - folders of installed Python packages kept in the tree: a
 * copy of site-packages or a `pip install --target` folder (Tautulli's
 * lib/, bazarr's libs/).  Someone else's code, with someone else's
 * heartbeats, audit logs and alert routes: like a linguist-vendored file,
 * never evidence for a `file` condition, still read by `no_file` ones.
 */
#include "scan/internal.h"

#include <string.h>

/* the folder names such a copy is kept under, at the root of the tree */
static const char *const HOMES[] = {"lib", "libs", "ext", "deps", "extlib", "pylib", "python_modules"};

/*
 * Packages every vendored HTTP stack brings along (requests and its
 * dependencies): a project names none of its own folders so, two of them
 * side by side are an installed copy.
 */
static const char *const MARKERS[] = {"certifi", "idna", "urllib3", "requests", "chardet", "charset_normalizer"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int in(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && memcmp(s + n - t, tail, t) == 0;
}

/* The last part of path (len bytes, ending in '/'), into *name and *nlen; 0 for the root. */
static int last_part(const char *path, size_t len, const char **name, size_t *nlen)
{
	size_t end, start;
	if (len < 2 || path[len - 1] != '/')
		return 0;
	end = len - 1;
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	*name = path + start;
	*nlen = end - start;
	return 1;
}

int installed_packages(git_repository *repo, const char *path, size_t len, const git_oid *tree_id)
{
	const char *name;
	size_t nlen, i, n, markers = 0;
	git_tree *tree = NULL;
	int found = 0;

	/* at the root only: a nested lib/ (a Kodi add-on's resources/lib/) mixes the project's own code in */
	if (!last_part(path, len, &name, &nlen) || name != path || !in(HOMES, NELEM(HOMES), name, nlen))
		return 0;
	if (git_tree_lookup(&tree, repo, tree_id) < 0)
		return 0; /* the walk reads it next and reports why it cannot */
	n = git_tree_entrycount(tree);
	for (i = 0; i < n && !found; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *ename = git_tree_entry_name(e);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		if (ends_with(ename, ".dist-info"))
			found = 1;
		else if (in(MARKERS, NELEM(MARKERS), ename, strlen(ename)))
			found = ++markers >= 2;
	}
	git_tree_free(tree);
	return found;
}
