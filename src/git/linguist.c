/*
 * linguist.c - the linguist-generated and linguist-vendored attributes of
 * a path, from the scanned commit's .gitattributes files only, read as git
 * 2.39 reads an attributes file from a blob (attr.c: read_attr_from_buf,
 * parse_attr_line, fill_one; dir.c: parse_path_pattern, match_basename,
 * match_pathname).  Only what can decide those two attributes is kept: the
 * lines naming them, and the root file's macros that expand to them.
 */
#include "git/linguist.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "git/wildmatch.h"
#include "util/mem.h"

#define MAX_LINE 2048		     /* git ignores a longer line (ATTR_MAX_LINE_LENGTH) */
#define MAX_FILE (100 * 1024 * 1024) /* and a larger file (ATTR_MAX_FILE_SIZE) */
#define NONE	 SIZE_MAX

enum value { V_UNKNOWN, V_SET, V_UNSET, V_UNSPECIFIED, V_TRUE_STRING, V_STRING };

struct state {
	char *name;  /* until resolved */
	size_t attr; /* index into lg->attrs, or NONE */
	enum value v;
};

/* A pattern line of one file (a macro line is kept apart, in lg->macros). */
struct line {
	char *pat; /* without a leading '/' */
	size_t plen;
	int basename; /* no '/' in it: matches the file's name in any folder below */
	struct state *st;
	size_t nst;
};

struct file {
	size_t depth;
	char *dir; /* ending in '/', or "" */
	size_t dirlen;
	struct line *lines;
	size_t n, cap;
};

/* An attribute that can decide the two: index 0 and 1 are theirs; the others are macros. */
struct attr {
	char *name;
	struct state *def; /* a macro's attributes, or NULL */
	size_t ndef;
};

struct linguist {
	struct file *f;
	size_t n, cap;
	struct attr *attrs;
	size_t nattrs;
	struct line *macros; /* the root file's macro lines (pat: the name), all of them */
	size_t nmacros, macros_cap;
};

static const char blank[] = " \t\r\n";

static void states_free(struct state *st, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(st[i].name);
	free(st);
}

/* Frees the parts of l, not l. */
static void line_clear(struct line *l)
{
	free(l->pat);
	states_free(l->st, l->nst);
}

static void lines_free(struct line *l, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		line_clear(&l[i]);
	free(l);
}

/* git's attr_name_valid: [-_.A-Za-z0-9]+, not starting with '-'. */
static int name_valid(const char *s, size_t n)
{
	size_t i;
	if (n == 0 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!(c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return 1;
}

/* git's unquote_c_style: the pattern of a line starting with '"' into *out, *end after the quote; -1 when malformed. */
static int unquote(const char *s, char **out, size_t *outlen, const char **end)
{
	char *o = xmalloc(strlen(s) + 1);
	size_t n = 0;
	int c, oct;

	for (s++;;) {
		c = (unsigned char)*s++;
		if (c == '"') {
			o[n] = '\0';
			*out = o;
			*outlen = n;
			*end = s;
			return 0;
		}
		if (c == '\0')
			break;
		if (c != '\\') {
			o[n++] = (char)c;
			continue;
		}
		c = (unsigned char)*s++;
		switch (c) {
		case 'a':
			c = '\a';
			break;
		case 'b':
			c = '\b';
			break;
		case 'f':
			c = '\f';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 't':
			c = '\t';
			break;
		case 'v':
			c = '\v';
			break;
		case '\\':
		case '"':
			break;
		case '0':
		case '1':
		case '2':
		case '3':
			oct = (c - '0') << 6;
			if (*s < '0' || *s > '7')
				goto bad;
			oct |= (*s++ - '0') << 3;
			if (*s < '0' || *s > '7')
				goto bad;
			oct |= *s++ - '0';
			c = oct;
			break;
		default:
			goto bad;
		}
		o[n++] = (char)c;
	}
bad:
	free(o);
	return -1;
}

/*
 * The attributes after a pattern (s, a C string) into *out; -1 when one is
 * not a valid name, which makes git drop the whole line.
 */
static int parse_states(const char *s, struct state **out, size_t *nout)
{
	struct state *st = NULL;
	size_t n = 0, cap = 0;

	s += strspn(s, blank);
	while (*s) {
		const char *ep = s + strcspn(s, blank), *eq = strchr(s, '=');
		const char *name = s;
		size_t len;
		enum value v;

		if (eq && eq > ep)
			eq = NULL;
		len = (size_t)((eq ? eq : ep) - s);
		if (*s == '-' || *s == '!') {
			v = *s == '-' ? V_UNSET : V_UNSPECIFIED;
			name++;
			len--;
		} else if (!eq) {
			v = V_SET;
		} else {
			v = (size_t)(ep - eq - 1) == 4 && !memcmp(eq + 1, "true", 4) ? V_TRUE_STRING : V_STRING;
		}
		if (!name_valid(name, len)) {
			states_free(st, n);
			return -1;
		}
		XGROW(st, cap, n + 1);
		st[n].name = xstrndup(name, len);
		st[n].attr = NONE;
		st[n++].v = v;
		s = ep + strspn(ep, blank);
	}
	*out = st;
	*nout = n;
	return 0;
}

/* One line (a C string) of the file f; macro_ok for the root file. */
static void parse_line(struct linguist *lg, struct file *f, const char *line, int macro_ok)
{
	const char *s = line + strspn(line, blank), *states;
	char *pat = NULL;
	size_t plen, mustbedir = 0;
	struct line l;

	if (!*s || *s == '#' || strlen(line) >= MAX_LINE)
		return;
	if (*s == '"' && unquote(s, &pat, &plen, &states) == 0) {
		plen = strlen(pat); /* an escaped NUL ends it, as in git */
	} else {
		plen = strcspn(s, blank);
		pat = xstrndup(s, plen);
		states = s + plen;
	}
	memset(&l, 0, sizeof(l));
	if (plen > 6 && !memcmp(pat, "[attr]", 6)) {
		const char *name = pat + 6;
		size_t nlen;
		if (!macro_ok)
			goto drop; /* git: "[attr]x not allowed" below the root */
		name += strspn(name, blank);
		nlen = strcspn(name, blank);
		if (!name_valid(name, nlen) || parse_states(states, &l.st, &l.nst) < 0)
			goto drop;
		l.pat = xstrndup(name, nlen);
		l.plen = nlen;
		XGROW(lg->macros, lg->macros_cap, lg->nmacros + 1);
		lg->macros[lg->nmacros++] = l;
		goto drop;
	}
	if (pat[0] == '!')
		goto drop; /* git ignores negative patterns in attribute files */
	if (plen && pat[plen - 1] == '/') {
		plen--;
		mustbedir = 1;
	}
	if (mustbedir)
		goto drop; /* matches folders only, and a folder's attributes are not its files' */
	if (parse_states(states, &l.st, &l.nst) < 0)
		goto drop;
	l.basename = memchr(pat, '/', plen) == NULL;
	l.plen = plen - (!l.basename && pat[0] == '/');
	l.pat = xstrndup(pat + (plen - l.plen), l.plen);
	XGROW(f->lines, f->cap, f->n + 1);
	f->lines[f->n++] = l;
drop:
	free(pat);
}

/* The index of name among lg->attrs, or NONE. */
static size_t attr_index(const struct linguist *lg, const char *name)
{
	size_t i;
	for (i = 0; i < lg->nattrs; i++)
		if (!strcmp(lg->attrs[i].name, name))
			return i;
	return NONE;
}

/* Resolves names to attributes, dropping the states (and lines) that cannot decide the two. */
static void resolve(const struct linguist *lg, struct state *st, size_t *n)
{
	size_t i, k = 0;
	for (i = 0; i < *n; i++) {
		st[i].attr = attr_index(lg, st[i].name);
		if (st[i].attr == NONE)
			free(st[i].name);
		else
			st[k++] = st[i];
	}
	*n = k;
}

static void resolve_file(const struct linguist *lg, struct file *f)
{
	size_t i, k = 0;
	for (i = 0; i < f->n; i++) {
		resolve(lg, f->lines[i].st, &f->lines[i].nst);
		if (f->lines[i].nst)
			f->lines[k++] = f->lines[i];
		else
			line_clear(&f->lines[i]);
	}
	f->n = k;
}

/*
 * With the root file read: the macros that can decide the two (those
 * naming them, or a macro that does, however deep), each with its last
 * definition (git takes the last one).
 */
static void find_macros(struct linguist *lg)
{
	size_t i, j, cap = 2;
	int more = 1;

	for (i = 0; i < lg->nattrs; i++) {
		free(lg->attrs[i].name);
		states_free(lg->attrs[i].def, lg->attrs[i].ndef);
	}
	free(lg->attrs);
	lg->attrs = xcalloc(cap, sizeof(*lg->attrs));
	lg->attrs[0].name = xstrdup("linguist-generated");
	lg->attrs[1].name = xstrdup("linguist-vendored");
	lg->nattrs = 2;
	while (more) {
		more = 0;
		for (i = lg->nmacros; i-- > 0;) {
			struct line *m = &lg->macros[i];
			if (attr_index(lg, m->pat) != NONE)
				continue;
			for (j = 0; j < m->nst; j++)
				if (attr_index(lg, m->st[j].name) != NONE)
					break;
			if (j < m->nst) {
				XGROW(lg->attrs, cap, lg->nattrs + 1);
				memset(&lg->attrs[lg->nattrs], 0, sizeof(*lg->attrs));
				lg->attrs[lg->nattrs++].name = xstrdup(m->pat);
				more = 1;
			}
		}
	}
	for (i = 0; i < lg->nattrs; i++) {
		for (j = lg->nmacros; j-- > 0;)
			if (!strcmp(lg->macros[j].pat, lg->attrs[i].name))
				break;
		if (j == SIZE_MAX)
			continue;
		/* the definition moves to the attribute */
		lg->attrs[i].def = lg->macros[j].st;
		lg->attrs[i].ndef = lg->macros[j].nst;
		lg->macros[j].st = NULL;
		lg->macros[j].nst = 0;
		resolve(lg, lg->attrs[i].def, &lg->attrs[i].ndef);
	}
	lines_free(lg->macros, lg->nmacros);
	lg->macros = NULL;
	lg->nmacros = lg->macros_cap = 0;
}

struct linguist *linguist_new(void)
{
	return xcalloc(1, sizeof(struct linguist));
}

void linguist_free(struct linguist *lg)
{
	size_t i;
	if (!lg)
		return;
	while (lg->n > 0)
		linguist_leave(lg, 0);
	free(lg->f);
	for (i = 0; i < lg->nattrs; i++) {
		free(lg->attrs[i].name);
		states_free(lg->attrs[i].def, lg->attrs[i].ndef);
	}
	free(lg->attrs);
	lines_free(lg->macros, lg->nmacros);
	free(lg);
}

void linguist_global_id(const struct linguist *lg, git_oid *out)
{
	static const char rules[] = "proofgate attributes: the commit's .gitattributes only, as git 2.39 reads them\n";
	(void)lg;
	git_odb_hash(out, rules, sizeof(rules) - 1, GIT_OBJECT_BLOB);
}

const git_oid *linguist_attrs_of(const git_tree *tree)
{
	const git_tree_entry *e = git_tree_entry_byname(tree, ".gitattributes");
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB && git_tree_entry_filemode(e) != GIT_FILEMODE_LINK
		       ? git_tree_entry_id(e)
		       : NULL;
}

void linguist_enter_text(struct linguist *lg, const char *text, size_t len, const char *dir, size_t dirlen,
			 size_t depth)
{
	struct file *f;
	char *buf, *sp;

	XGROW(lg->f, lg->cap, lg->n + 1);
	f = &lg->f[lg->n++];
	memset(f, 0, sizeof(*f));
	f->depth = depth;
	f->dir = xstrndup(dir, dirlen);
	f->dirlen = dirlen;
	if (len <= MAX_FILE) {
		/* a C string, as git reads it: a NUL ends the file */
		buf = xstrndup(text, len);
		sp = buf;
		if (!strncmp(sp, "\xef\xbb\xbf", 3))
			sp += 3; /* a byte-order mark, as git skips it in a checked-out file */
		while (*sp) {
			char *ep = strchr(sp, '\n');
			if (ep)
				*ep = '\0';
			parse_line(lg, f, sp, depth == 0);
			sp = ep ? ep + 1 : sp + strlen(sp);
		}
		free(buf);
	}
	if (depth == 0 || !lg->attrs)
		find_macros(lg); /* the root's macros are known before any line is resolved */
	resolve_file(lg, f);
}

int linguist_enter(struct linguist *lg, git_repository *repo, const git_oid *attrs, const char *dir, size_t dirlen,
		   size_t depth)
{
	git_blob *b = NULL;
	int rc = 0;

	if (attrs && git_blob_lookup(&b, repo, attrs) < 0)
		rc = -1;
	if (b)
		linguist_enter_text(lg, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), dir, dirlen, depth);
	else
		linguist_enter_text(lg, "", 0, dir, dirlen, depth);
	git_blob_free(b);
	return rc;
}

void linguist_leave(struct linguist *lg, size_t depth)
{
	while (lg->n > 0 && lg->f[lg->n - 1].depth >= depth) {
		struct file *f = &lg->f[--lg->n];
		lines_free(f->lines, f->n);
		free(f->dir);
	}
}

/* The line's pattern against the file at path (len bytes), below f's folder. */
static int line_matches(const struct file *f, const struct line *l, const char *path, size_t len)
{
	const char *name;
	if (l->basename) {
		size_t k = len;
		while (k > 0 && path[k - 1] != '/')
			k--;
		name = path + k;
		return wild_match(l->pat, l->plen, name, len - (size_t)(name - path), 0);
	}
	if (len < f->dirlen || memcmp(path, f->dir, f->dirlen))
		return 0;
	return wild_match(l->pat, l->plen, path + f->dirlen, len - f->dirlen, WILD_PATHNAME);
}

/* git's fill_one: the line's attributes, last first, each unless already decided; a set macro expands. */
static void fill(const struct linguist *lg, enum value *vals, const struct state *st, size_t n)
{
	while (n-- > 0) {
		size_t a = st[n].attr;
		if (vals[a] != V_UNKNOWN)
			continue;
		vals[a] = st[n].v;
		if (st[n].v == V_SET && lg->attrs[a].def)
			fill(lg, vals, lg->attrs[a].def, lg->attrs[a].ndef);
	}
}

int linguist_marks(const struct linguist *lg, const char *path, size_t len)
{
	enum value small[16], *vals;
	size_t i, j;
	int r;

	if (!lg->nattrs)
		return 0;
	vals = lg->nattrs <= 16 ? small : xmalloc(lg->nattrs * sizeof(*vals));
	for (i = 0; i < lg->nattrs; i++)
		vals[i] = V_UNKNOWN;
	/* deeper files first, later lines first: the first to decide an attribute wins */
	for (i = lg->n; i-- > 0 && (vals[0] == V_UNKNOWN || vals[1] == V_UNKNOWN);) {
		const struct file *f = &lg->f[i];
		for (j = f->n; j-- > 0 && (vals[0] == V_UNKNOWN || vals[1] == V_UNKNOWN);)
			if (line_matches(f, &f->lines[j], path, len))
				fill(lg, vals, f->lines[j].st, f->lines[j].nst);
	}
	r = vals[0] == V_SET || vals[0] == V_TRUE_STRING || vals[1] == V_SET || vals[1] == V_TRUE_STRING;
	if (vals != small)
		free(vals);
	return r;
}
