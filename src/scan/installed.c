/*
 * installed.c - folders of installed Python packages kept in the tree: a
 * copy of site-packages or a `pip install --target` folder (Tautulli's
 * lib/, bazarr's libs/).  Someone else's code, with someone else's
 * heartbeats, audit logs and alert routes: like a linguist-vendored file,
 * never evidence for a `file` condition, still read by `no_file` ones.
 */
#include "scan/internal.h"

#include <string.h>

#include "util/str.h"

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

int installed_home(const char *path, size_t len)
{
	/* at the root only: a nested lib/ (a Kodi add-on's resources/lib/) mixes the project's own code in */
	return len >= 2 && path[len - 1] == '/' && !memchr(path, '/', len - 1) &&
	       in(HOMES, NELEM(HOMES), path, len - 1);
}

int installed_packages(const git_tree *tree)
{
	size_t i, n = git_tree_entrycount(tree), markers = 0;

	for (i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		if (str_ends_with(name, ".dist-info") ||
		    (in(MARKERS, NELEM(MARKERS), name, strlen(name)) && ++markers >= 2))
			return 1;
	}
	return 0;
}
