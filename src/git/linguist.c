/* linguist.c - words of the attribute lines that name linguist, to ask libgit2 only where they occur. */
#include "git/linguist.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

#define GLOBAL SIZE_MAX /* a word from outside the tree: applies everywhere */

struct word {
	char *w; /* lower case */
	size_t depth;
};

struct linguist {
	struct word *w;
	size_t n, cap;
	int all; /* every path must be asked */
	struct buf src; /* every source outside the tree, as read: hashed into id */
	git_oid id;
};

/* Records what a source outside the tree said, so that the global id changes with it. */
static void note_source(struct linguist *lg, const char *what, const char *s, size_t len)
{
	buf_printf(&lg->src, "%s %zu\n", what, len);
	buf_put(&lg->src, s, len);
}

static void add_word(struct linguist *lg, const char *s, size_t n, size_t depth)
{
	size_t i;
	char *w = xstrndup(s, n);
	for (i = 0; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			w[i] = (char)(w[i] | 0x20);
	XGROW(lg->w, lg->cap, lg->n + 1);
	lg->w[lg->n].w = w;
	lg->w[lg->n++].depth = depth;
}

/* What libgit2 reads as white space in an attribute line (git__isspace): it skips it first and it ends a pattern. */
static int attr_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n';
}

/*
 * Where the [...] class opening at s[j] ends (the index of its ']'), read
 * as libgit2's wildmatch reads it: a first member may be ']', a backslash
 * escapes the next character, "[:name:]" is one member, and a range's end
 * may be ']' when escaped.  n when the class is not closed within s[0..n).
 */
static size_t class_end(const char *s, size_t j, size_t n)
{
	size_t p = j + 1, q;
	char c, prev = 0;

	if (p < n && (s[p] == '!' || s[p] == '^'))
		p++;
	if (p >= n)
		return n;
	for (c = s[p];;) {
		if (c == '\\') {
			if (++p >= n)
				return n;
			c = s[p];
		} else if (c == '-' && prev && p + 1 < n && s[p + 1] != ']') {
			if (s[++p] == '\\' && ++p >= n)
				return n;
			c = 0; /* a range ends: no range may start at its end */
		} else if (c == '[' && p + 1 < n && s[p + 1] == ':') {
			for (q = p + 2; q < n && s[q] != ']'; q++)
				;
			if (q >= n)
				return n;
			if (q > p + 2 && s[q - 1] == ':') {
				p = q; /* a named class, "[:alpha:]" */
				c = 0;
			} /* else a plain '[' member, and reading goes on after it */
		}
		prev = c;
		if (++p >= n)
			return n;
		c = s[p];
		if (c == ']')
			return p;
	}
}

/* One line of an attribute file, read as libgit2 reads it (attr_file.c, wildmatch.c). */
static void add_line(struct linguist *lg, const char *s, size_t len, size_t depth)
{
	static const char meta[] = "*?[]\\/!\"";
	size_t i = 0, p0, p1, best = 0, best_at = 0, k;

	while (i < len && attr_space(s[i]))
		i++;
	if (i == len || s[i] == '#')
		return;
	for (k = i; k + 8 <= len; k++)
		if (!memcmp(s + k, "linguist", 8))
			break;
	if (k + 8 > len)
		return; /* names no linguist attribute */
	/*
	 * A quoted pattern, a macro (usable on any line), or a pattern with a
	 * leading '!': libgit2 reads that as "every path but these" (git
	 * ignores the line), so it can match any path.
	 */
	if (s[i] == '"' || s[i] == '!' || (len - i >= 6 && !memcmp(s + i, "[attr]", 6))) {
		lg->all = 1;
		return;
	}
	/* the pattern ends at the first white space no backslash escapes */
	p0 = i;
	while (i < len && !attr_space(s[i]))
		i += s[i] == '\\' && i + 1 < len ? 2 : 1;
	p1 = i < len ? i : len;
	/*
	 * the longest piece of the pattern without wildcards, classes,
	 * escapes or slashes: every match holds it
	 */
	for (i = p0; i < p1;) {
		size_t j = i;
		while (j < p1 && !strchr(meta, s[j]))
			j++;
		if (j - i > best) {
			best = j - i;
			best_at = i;
		}
		if (j < p1 && s[j] == '[') {
			/* a class stands for one character, whatever it lists: skip to its end */
			j = class_end(s, j, p1);
			if (j >= p1) {
				lg->all = 1; /* an open class: be sure */
				return;
			}
		} else if (j + 1 < p1 && s[j] == '\\') {
			j++; /* an escaped character is not a wildcard, but not worth a word either */
		}
		i = j + 1;
	}
	if (best == 0)
		lg->all = 1;
	else
		add_word(lg, s + best_at, best, depth);
}

static void add_text(struct linguist *lg, const char *s, size_t len, size_t depth)
{
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		add_line(lg, s + i, e - i, depth);
		i = e + 1;
	}
}

/* A file outside the tree; a missing one is fine, an unreadable one makes every path be asked. */
static void add_file(struct linguist *lg, const char *path)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		if (errno != ENOENT && errno != ENOTDIR)
			lg->all = 1;
		note_source(lg, lg->all ? "unreadable" : "missing", path, strlen(path));
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_put(&b, chunk, n) < 0) {
			lg->all = 1;
			break;
		}
	if (ferror(f))
		lg->all = 1;
	fclose(f);
	note_source(lg, "file", path, strlen(path));
	note_source(lg, lg->all ? "unreadable" : "text", b.ptr ? b.ptr : "", b.len);
	add_text(lg, b.ptr ? b.ptr : "", b.len, GLOBAL);
	buf_free(&b);
}

static int add_blob(struct linguist *lg, git_repository *repo, const git_oid *id, size_t depth)
{
	git_blob *b = NULL;
	if (git_blob_lookup(&b, repo, id) < 0) {
		lg->all = 1; /* libgit2 will not read it either, but be sure */
		return -1;
	}
	add_text(lg, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), depth);
	git_blob_free(b);
	return 0;
}

/* The .gitattributes files of the index (a work tree's attributes come from there, not the files). */
static void add_index(struct linguist *lg, git_repository *repo)
{
	git_index *idx = NULL;
	size_t i, n;

	if (git_repository_is_bare(repo))
		return;
	if (git_repository_index(&idx, repo) < 0) {
		lg->all = 1;
		note_source(lg, "no index", "", 0);
		return;
	}
	n = git_index_entrycount(idx);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		size_t len = strlen(e->path);
		if (len >= 14 && !strcmp(e->path + len - 14, ".gitattributes") &&
		    (len == 14 || e->path[len - 15] == '/')) {
			note_source(lg, "index", e->path, len);
			note_source(lg, "blob", (const char *)e->id.id, GIT_OID_RAWSZ);
			add_blob(lg, repo, &e->id, GLOBAL);
		}
	}
	git_index_free(idx);
}

struct linguist *linguist_new(git_repository *repo)
{
	struct linguist *lg = xcalloc(1, sizeof(*lg));
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT;
	git_buf xdg = GIT_BUF_INIT;
	struct buf p = BUF_INIT;

	buf_printf(&p, "%sinfo/attributes", git_repository_commondir(repo));
	add_file(lg, p.ptr);
	buf_clear(&p);
	/* the user's attributes file: core.attributesFile, else the XDG default (both, to be sure) */
	if (git_repository_config_snapshot(&cfg, repo) == 0) {
		if (git_config_get_path(&path, cfg, "core.attributesfile") == 0)
			add_file(lg, path.ptr);
		git_buf_dispose(&path);
		git_config_free(cfg);
	} else {
		lg->all = 1;
		note_source(lg, "no config", "", 0);
	}
	/*
	 * the XDG file, where libgit2 itself looks for it ($XDG_CONFIG_HOME/git,
	 * else ~/.config/git, as libgit2 found them at start): no environment read here
	 */
	if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, &xdg) == 0 && xdg.ptr) {
		const char *d = xdg.ptr;
		while (*d) {
			size_t n = strcspn(d, ":");
			if (n) {
				buf_clear(&p);
				buf_put(&p, d, n);
				buf_puts(&p, "/attributes");
				add_file(lg, p.ptr);
			}
			d += n + (d[n] == ':');
		}
	}
	git_buf_dispose(&xdg);
	buf_free(&p);
	add_index(lg, repo);
	git_odb_hash(&lg->id, lg->src.ptr ? lg->src.ptr : "", lg->src.len, GIT_OBJECT_BLOB);
	buf_free(&lg->src);
	return lg;
}

void linguist_free(struct linguist *lg)
{
	size_t i;
	if (!lg)
		return;
	for (i = 0; i < lg->n; i++)
		free(lg->w[i].w);
	free(lg->w);
	free(lg);
}

void linguist_global_id(const struct linguist *lg, git_oid *out)
{
	git_oid_cpy(out, &lg->id);
}

const git_oid *linguist_attrs_of(const git_tree *tree)
{
	const git_tree_entry *e = git_tree_entry_byname(tree, ".gitattributes");
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB ? git_tree_entry_id(e) : NULL;
}

int linguist_enter(struct linguist *lg, git_repository *repo, const git_oid *attrs, size_t depth)
{
	return attrs ? add_blob(lg, repo, attrs, depth) : 0;
}

void linguist_leave(struct linguist *lg, size_t depth)
{
	while (lg->n > 0 && lg->w[lg->n - 1].depth != GLOBAL && lg->w[lg->n - 1].depth >= depth)
		free(lg->w[--lg->n].w);
}

static int holds(const char *path, size_t len, const char *w)
{
	size_t m = strlen(w), i, k;
	for (i = 0; i + m <= len; i++) {
		for (k = 0; k < m; k++) {
			char c = path[i + k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c | 0x20);
			if (c != w[k])
				break;
		}
		if (k == m)
			return 1;
	}
	return 0;
}

int linguist_may_apply(const struct linguist *lg, const char *path, size_t len)
{
	size_t i;
	if (lg->all)
		return 1;
	for (i = 0; i < lg->n; i++)
		if (holds(path, len, lg->w[i].w))
			return 1;
	return 0;
}
