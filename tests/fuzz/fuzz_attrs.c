/*
 * fuzz_attrs.c - attribute files as the scan reads them (git/linguist.h).
 *
 * Input: the text of a root .gitattributes, then a NUL, then paths, one a
 * line.  Each line's pattern also gives a path of its own (wildcards
 * filled in), so that most inputs reach a match.  Every input is parsed
 * and every path evaluated (under ASan/UBSan), and three answers must
 * hold:
 * - the same lines in a folder d/ mark d/PATH as they mark PATH at the
 *   root (patterns are relative to their file's folder), when the text
 *   defines no macro (only the root file may);
 * - a last line "* -linguist-generated -linguist-vendored" unmarks every
 *   path, and "* linguist-vendored" marks every one (later lines decide);
 * - where git and libgit2 read a line alike (no '!', quote, backslash,
 *   \v, \f, \r, macro, empty "name=" or "-name=value" anywhere in the text), libgit2 asked about the
 *   committed file (in memory) gives the same answer: two readings of
 *   git's wildmatch that must agree.
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

/* libgit2's answer for the commit's own .gitattributes: either attribute set or "true". */
static int libgit2_marks(const git_attr_options *opts, const char *path)
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

static int name_byte(uint8_t c)
{
	return c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/*
 * 1 when git and libgit2 read every line of text alike: none of the bytes
 * they read apart ('!', a quote, a backslash, \v, \f, \r, NUL), no macro,
 * no line git finds too long, and every attribute a valid name (git drops
 * a line with an invalid one; libgit2 keeps it).
 */
static int plain_text(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const uint8_t *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, k;
		if (e - i >= 2048)
			return 0;
		for (k = i; k < e; k++)
			if (s[k] == '!' || s[k] == '"' || s[k] == '\\' || s[k] == '\v' || s[k] == '\f' || s[k] == '\r' ||
			    s[k] == 0)
				return 0;
		if (e - i >= 6 && !memcmp(s + i, "[attr]", 6))
			return 0;
		k = i;
		while (k < e && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k < e && s[k] != '#') {
			while (k < e && s[k] != ' ' && s[k] != '\t')
				k++; /* the pattern */
			for (;;) {
				while (k < e && (s[k] == ' ' || s[k] == '\t'))
					k++;
				if (k == e)
					break;
				int unset = s[k] == '-';
				if (unset)
					k++;
				if (k == e || !name_byte(s[k]) || s[k] == '-')
					return 0;
				while (k < e && name_byte(s[k]))
					k++;
				if (k < e && s[k] == '=') {
					/*
					 * "name=" with nothing after: git sets the empty string,
					 * libgit2 true; "-name=value": git unsets, libgit2 sets
					 */
					if (unset || k + 1 == e || s[k + 1] == ' ' || s[k + 1] == '\t')
						return 0;
					while (k < e && s[k] != ' ' && s[k] != '\t')
						k++;
				}
				else if (k < e && s[k] != ' ' && s[k] != '\t')
					return 0;
			}
		}
		i = e + 1;
	}
	return 1;
}

/* 1 when text holds "[attr]" anywhere (a macro, which only the root may define). */
static int has_macro(const uint8_t *s, size_t n)
{
	size_t i;
	for (i = 0; i + 6 <= n; i++)
		if (!memcmp(s + i, "[attr]", 6))
			return 1;
	return 0;
}

/* What the scan decides for path under text placed in the folder dir ("" or "d/"), with tail appended. */
static int ours(const uint8_t *text, size_t tlen, const char *tail, const char *dir, const char *path)
{
	struct linguist *lg = linguist_new();
	char *buf = malloc(tlen + strlen(tail) + 2);
	size_t n = tlen;
	int r;
	if (!buf)
		abort();
	memcpy(buf, text, tlen);
	if (*tail) {
		buf[n++] = '\n';
		memcpy(buf + n, tail, strlen(tail));
		n += strlen(tail);
	}
	if (*dir) {
		linguist_enter_text(lg, "", 0, "", 0, 0);
		linguist_enter_text(lg, buf, n, dir, strlen(dir), 1);
	} else {
		linguist_enter_text(lg, buf, n, "", 0, 0);
	}
	r = linguist_marks(lg, path, strlen(path));
	linguist_free(lg);
	free(buf);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *text, *piece;
	size_t tlen, n, npaths = 0, i;
	char *paths[2 * MAX_PATHS], sub[4200];
	git_oid blob, tree_id, commit_id;
	git_treebuilder *tb = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_attr_options opts;
	int macros, plain;

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
	macros = has_macro(text, tlen);
	plain = plain_text(text, tlen);

	if (plain) {
		if (git_blob_create_from_buffer(&blob, repo, text, tlen) < 0 ||
		    git_treebuilder_new(&tb, repo, NULL) < 0 ||
		    git_treebuilder_insert(NULL, tb, ".gitattributes", &blob, GIT_FILEMODE_BLOB) < 0 ||
		    git_treebuilder_write(&tree_id, tb) < 0 || git_tree_lookup(&tree, repo, &tree_id) < 0 ||
		    git_signature_new(&sig, "fuzz", "fuzz@proofgate.invalid", 1780315200, 0) < 0 ||
		    git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, "fuzz", tree, 0, NULL) < 0) {
			fprintf(stderr, "fuzz_attrs: cannot write objects: %s\n", git_error_last()->message);
			abort();
		}
		memset(&opts, 0, sizeof(opts));
		opts.version = GIT_ATTR_OPTIONS_VERSION;
		opts.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM | GIT_ATTR_CHECK_INCLUDE_COMMIT;
		git_oid_cpy(&opts.attr_commit_id, &commit_id);
	}
	for (i = 0; i < npaths; i++) {
		int here;
		if (!tree_path(paths[i]))
			continue;
		here = ours(text, tlen, "", "", paths[i]);
		snprintf(sub, sizeof(sub), "d/%s", paths[i]);
		if (!macros && ours(text, tlen, "", "d/", sub) != here)
			fuzz_fail("'%s' at the root and 'd/%s' below d/ differ", paths[i], paths[i]);
		if (ours(text, tlen, "* -linguist-generated -linguist-vendored", "", paths[i]))
			fuzz_fail("'%s' stays marked after a last line unsetting both", paths[i]);
		if (!ours(text, tlen, "* linguist-vendored", "", paths[i]))
			fuzz_fail("'%s' is not marked after a last line setting linguist-vendored", paths[i]);
		if (plain && libgit2_marks(&opts, paths[i]) != here)
			fuzz_fail("libgit2 says %d for '%s', the scan %d", !here, paths[i], here);
	}

	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	git_attr_cache_flush(repo);
	git_mempack_reset(mem);
	return 0;
}
