/*
 * fuzz_attrs.c - the attribute shortcut (git/linguist.h) against libgit2.
 *
 * Input: the text of a root .gitattributes, then a NUL, then paths, one a
 * line.  Each line's pattern also gives a path of its own (wildcards
 * filled in), so that most inputs reach a match.  The .gitattributes is
 * committed (in memory) and every path asked of libgit2 exactly as the
 * scan asks it; a path libgit2 marks linguist-generated or
 * linguist-vendored that linguist_may_apply() rules out is a mismatch: the
 * scan would never ask libgit2 about it and would keep a file it must drop.
 */
#include "fuzz.h"

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/linguist.h"

#define MAX_PATHS 24

static git_repository *repo;
static git_odb_backend *mem;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = fuzz_scratch();
	char path[4200];
	git_odb *odb = NULL;
	(void)argc;
	(void)argv;
	/* the machine's own attribute and config files stay out of it */
	snprintf(path, sizeof(path), "%s/home", dir);
	setenv("HOME", path, 1);
	setenv("XDG_CONFIG_HOME", path, 1);
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, path);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, path);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, path);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, path);
	snprintf(path, sizeof(path), "%s/repo.git", dir);
	/* objects live in memory (reset after every input), ahead of the folder's own */
	if (git_repository_init(&repo, path, 1) < 0 || git_repository_odb(&odb, repo) < 0 ||
	    git_mempack_new(&mem) < 0 || git_odb_add_backend(odb, mem, 1000) < 0) {
		fprintf(stderr, "fuzz_attrs: cannot set up a repository: %s\n", git_error_last()->message);
		abort();
	}
	git_odb_free(odb);
	return 0;
}

/* A path git could hold: relative, no empty, "." or ".." part, no NUL, no trailing slash. */
static int tree_path(const char *p)
{
	const char *s = p;
	if (!*p || *p == '/')
		return 0;
	for (;;) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.') ||
		    (n == 4 && !strncmp(s, ".git", 4)))
			return 0;
		if (!e)
			return 1;
		s = e + 1;
	}
}

/* A path the pattern of one attribute line matches, more or less: wildcards filled in. */
static char *path_from_line(const uint8_t *s, size_t n)
{
	char *p = malloc(n + 2), *o = p;
	size_t i = 0;
	if (!p)
		abort();
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '!' || s[i] == '/'))
		i++;
	for (; i < n && s[i] != ' ' && s[i] != '\t'; i++) {
		if (s[i] == '*')
			continue;
		*o++ = s[i] == '?' ? 'x' : s[i] == '\\' || s[i] == '[' || s[i] == ']' ? 'a' : (char)s[i];
	}
	*o = '\0';
	while (o > p && o[-1] == '/')
		*--o = '\0';
	return p;
}

/* What the scan decides (scan.c linguist_excluded): either attribute set or "true". */
static int excluded(const git_attr_options *opts, const char *path)
{
	static const char *names[] = {"linguist-generated", "linguist-vendored"};
	const char *values[2] = {NULL, NULL};
	size_t i;
	if (git_attr_get_many_ext(values, repo, (git_attr_options *)opts, path, 2, names) < 0)
		return 0;
	for (i = 0; i < 2; i++)
		if (git_attr_value(values[i]) == GIT_ATTR_VALUE_TRUE ||
		    (git_attr_value(values[i]) == GIT_ATTR_VALUE_STRING && !strcmp(values[i], "true")))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *text, *piece;
	size_t tlen, n, npaths = 0, i;
	char *paths[2 * MAX_PATHS];
	git_oid blob, tree_id, commit_id;
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_attr_options opts;
	struct linguist *lg = NULL;

	if (size > 4096 || !fuzz_next(&p, end, '\0', &text, &tlen))
		return 0;
	while (npaths < MAX_PATHS && fuzz_next(&p, end, '\n', &piece, &n))
		paths[npaths++] = fuzz_strndup(piece, n);
	for (i = 0; i < tlen && npaths < 2 * MAX_PATHS;) {
		const uint8_t *nl = memchr(text + i, '\n', tlen - i);
		size_t e = nl ? (size_t)(nl - text) : tlen;
		paths[npaths++] = path_from_line(text + i, e - i);
		i = e + 1;
	}

	if (git_blob_create_from_buffer(&blob, repo, text, tlen) < 0 || git_treebuilder_new(&tb, repo, NULL) < 0 ||
	    git_treebuilder_insert(NULL, tb, ".gitattributes", &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&tree_id, tb) < 0 || git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_signature_new(&sig, "fuzz", "fuzz@proofgate.invalid", 1780315200, 0) < 0 ||
	    git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, "fuzz", tree, 0, NULL) < 0) {
		fprintf(stderr, "fuzz_attrs: cannot write objects: %s\n", git_error_last()->message);
		abort();
	}
	/* the scan's own options (scan.c): the commit's attributes only, no system file */
	memset(&opts, 0, sizeof(opts));
	opts.version = GIT_ATTR_OPTIONS_VERSION;
	opts.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM | GIT_ATTR_CHECK_INCLUDE_COMMIT;
	git_oid_cpy(&opts.attr_commit_id, &commit_id);

	lg = linguist_new(repo);
	if (linguist_enter(lg, repo, &blob, 0) < 0)
		fuzz_fail("linguist_enter cannot read the .gitattributes blob");
	for (i = 0; i < npaths; i++) {
		if (!tree_path(paths[i]))
			continue;
		if (!linguist_may_apply(lg, paths[i], strlen(paths[i])) && excluded(&opts, paths[i]))
			fuzz_fail("libgit2 marks '%s' generated or vendored, the shortcut never asks it", paths[i]);
	}
	linguist_leave(lg, 0);

	linguist_free(lg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	git_attr_cache_flush(repo);
	git_mempack_reset(mem);
	return 0;
}
