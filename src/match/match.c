/* match.c - globs converted by PCRE2 and content regexes, JIT-compiled. */
#include "match/match.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* A glob's patterns, given to the JIT at the glob's first PCRE2 match (the flag is all a shared glob changes). */
static void glob_jit(const struct match_glob *g)
{
	struct match_glob *m = (struct match_glob *)g;
	pcre2_code *more[2];
	more[0] = m->all;
	more[1] = m->dir_all;
	match_jit_once_two(&m->jitted, m->alts, m->nalts, more, 2);
}

/*
 * Most globs are made of literal text, ASCII classes, '*' within a segment
 * and whole '**' segments.  Those are matched here segment by segment, with
 * the meaning PCRE2's conversion gives them ('*' is any run without '/',
 * '**' any number of whole segments, a trailing '**' at least one), without
 * a regex call per path; anything else ('?', escapes, negated classes, '**'
 * inside a segment, a caseless glob or path that is not ASCII, a path that
 * is not UTF-8) goes to PCRE2.  The tests check both ways agree.
 */
/* One position of a segment pattern: '*', or the bytes it may be (a literal, or a class). */
struct atom {
	int star;
	unsigned char set[32];
};

struct seg {
	int any; /* "**": any number of whole segments */
	struct atom *a;
	size_t n;
};

struct glob_fast {
	struct seg *segs;
	unsigned char *more; /* per segment: some later segment is "**" */
	size_t nsegs;
	int caseless;
	/*
	 * A caseless alternative with a non-ASCII letter (an Arabic word, say)
	 * matches no ASCII path: caseless UTF-8 matching pairs no non-ASCII
	 * character with an ASCII one but KELVIN SIGN and LONG S (and, with
	 * Turkish casing, DOTLESS I), which such an alternative may not hold.
	 * Other paths go to PCRE2.
	 */
	int ascii_never;
};

#define FAST_MAX_SEGS MATCH_PATH_SEGS

static void glob_fast_free(struct glob_fast *f)
{
	size_t i;
	if (!f)
		return;
	for (i = 0; i < f->nsegs; i++)
		free(f->segs[i].a);
	free(f->segs);
	free(f->more);
	free(f);
}

static void set_add(unsigned char *set, unsigned c, int caseless)
{
	set[c >> 3] |= (unsigned char)(1u << (c & 7));
	if (caseless && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
		unsigned o = c ^ 0x20;
		set[o >> 3] |= (unsigned char)(1u << (o & 7));
	}
}

/*
 * One segment (n bytes at p) into atoms; -1 for what this matcher leaves to
 * PCRE2: '?', escapes, negated or non-ASCII classes, '/' or ']' first in a
 * class, '**' beside other text, a caseless non-ASCII byte.
 */
static int seg_atoms(struct seg *sg, const char *p, size_t n, int caseless);

static int seg_parse(struct seg *sg, const char *p, size_t n, int caseless)
{
	if (seg_atoms(sg, p, n, caseless) == 0)
		return 0;
	free(sg->a);
	memset(sg, 0, sizeof(*sg));
	return -1;
}

/* seg_parse's work; on -1 the caller frees what was added */
static int seg_atoms(struct seg *sg, const char *p, size_t n, int caseless)
{
	size_t i = 0, cap = 0;

	memset(sg, 0, sizeof(*sg));
	if (n == 2 && p[0] == '*' && p[1] == '*') {
		sg->any = 1;
		return 0;
	}
	while (i < n) {
		struct atom at;
		unsigned char c = (unsigned char)p[i];
		memset(&at, 0, sizeof(at));
		if (c == '*') {
			if (i + 1 < n && p[i + 1] == '*')
				return -1;
			at.star = 1;
			i++;
		} else if (c == '[') {
			size_t k = i + 1;
			if (k >= n || p[k] == '!' || p[k] == '^' || p[k] == ']')
				return -1;
			for (; k < n && p[k] != ']'; k++) {
				unsigned char lo = (unsigned char)p[k], hi = lo;
				if (lo >= 0x80 || lo == '\\' || lo == '/' || lo == '[')
					return -1;
				if (k + 2 < n && p[k + 1] == '-' && p[k + 2] != ']') {
					hi = (unsigned char)p[k + 2];
					if (hi >= 0x80 || hi == '\\' || hi == '[' || hi < lo)
						return -1;
					k += 2;
				}
				for (unsigned v = lo; v <= hi; v++)
					if (v != '/')
						set_add(at.set, v, caseless);
			}
			if (k >= n)
				return -1;
			i = k + 1;
		} else if (c == '?' || c == '\\' || c == ']' || (caseless && c >= 0x80)) {
			return -1;
		} else {
			set_add(at.set, c, caseless);
			i++;
		}
		XGROW(sg->a, cap, sg->n + 1);
		sg->a[sg->n++] = at;
	}
	return 0;
}

/* 1 when some [...] class of glob holds a byte that is not ASCII (or a class is left open). */
static int nonascii_in_class(const char *g)
{
	const char *p;
	for (p = g; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			const char *q = p + 1;
			if (*q == '!' || *q == '^')
				q++;
			if (*q == ']')
				q++; /* a leading ']' is a member */
			for (; *q && *q != ']'; q++)
				if ((unsigned char)*q >= 0x80)
					return 1;
			if (!*q)
				return 1;
			p = q;
		}
	}
	return 0;
}

/* The segment program of one alternative (no braces), or NULL when PCRE2 must match it. */
static struct glob_fast *glob_fast_new(const char *alt, int caseless)
{
	struct glob_fast *f = xcalloc(1, sizeof(*f));
	const char *p, *full = alt, *seg;
	char *tmp = NULL;
	size_t cap = 0, i;

	f->caseless = caseless;
	if (caseless) {
		for (p = alt; *p && (unsigned char)*p < 0x80; p++)
			;
		if (*p) {
			/* a class with a non-ASCII member may still match an ASCII character: PCRE2 decides */
			f->ascii_never = !nonascii_in_class(alt) && !strstr(alt, "\xe2\x84\xaa") && !strstr(alt, "\xc5\xbf") &&
					 !strstr(alt, "\xc4\xb1");
			if (!f->ascii_never) {
				free(f);
				return NULL;
			}
			return f;
		}
	}
	if (alt[0] == '/')
		full = alt + 1;
	else if (!strchr(alt, '/')) {
		tmp = xmalloc(strlen(alt) + 4);
		memcpy(tmp, "**/", 3);
		strcpy(tmp + 3, alt);
		full = tmp;
	}
	f->caseless = caseless;
	for (seg = full;; seg = p + 1) {
		size_t n;
		p = strchr(seg, '/');
		n = p ? (size_t)(p - seg) : strlen(seg);
		XGROW(f->segs, cap, f->nsegs + 1);
		/* an empty segment means something else to PCRE2 */
		if (n == 0 || f->nsegs == FAST_MAX_SEGS || seg_parse(&f->segs[f->nsegs], seg, n, caseless) < 0) {
			glob_fast_free(f);
			free(tmp);
			return NULL;
		}
		f->nsegs++;
		if (!p)
			break;
	}
	free(tmp);
	f->more = xcalloc(f->nsegs, 1);
	for (i = f->nsegs; i-- > 0;)
		f->more[i] = i + 1 < f->nsegs && (f->segs[i + 1].any || f->more[i + 1]);
	return f;
}

/* the one byte an atom stands for, folded (a letter in either case counts as one); else -1 */
static int atom_byte(const struct atom *a)
{
	int c, found = -1, n = 0;
	if (a->star)
		return -1;
	for (c = 0; c < 256; c++) {
		if (!((a->set[c >> 3] >> (c & 7)) & 1))
			continue;
		n++;
		if (found < 0)
			found = c >= 'A' && c <= 'Z' ? c | 0x20 : c;
	}
	if (n == 1)
		return found;
	if (n == 2 && found >= 'a' && found <= 'z' && ((a->set[found >> 3] >> (found & 7)) & 1) &&
	    ((a->set[(found ^ 0x20) >> 3] >> ((found ^ 0x20) & 7)) & 1))
		return found;
	return -1;
}

size_t match_glob_word(const struct match_glob *g, size_t alt, char *buf, size_t cap, int *ascii_never)
{
	const struct glob_fast *f = alt < g->nalts ? g->fast[alt] : NULL;
	size_t best = 0, i, k;

	*ascii_never = f && f->ascii_never;
	if (!f || f->ascii_never || cap < 2)
		return 0;
	for (i = 0; i < f->nsegs; i++) {
		const struct seg *sg = &f->segs[i];
		for (k = 0; k < sg->n;) {
			size_t m = 0;
			while (k + m < sg->n && atom_byte(&sg->a[k + m]) >= 0)
				m++;
			if (m > best && m < cap) {
				size_t j;
				for (j = 0; j < m; j++)
					buf[j] = (char)atom_byte(&sg->a[k + j]);
				buf[m] = '\0';
				best = m;
			}
			k += m ? m : 1;
		}
	}
	return best;
}

static int atom_has(const struct atom *a, unsigned char c)
{
	return (a->set[c >> 3] >> (c & 7)) & 1;
}

/* atoms a[0..m) (no stars) against s[0..m) */
static int piece_eq(const struct atom *a, const char *s, size_t m)
{
	size_t i;
	for (i = 0; i < m; i++)
		if (!atom_has(&a[i], (unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * A segment pattern against one whole path segment.  Split at its stars
 * into pieces, it matches when the first piece is a prefix, the last a
 * suffix and the pieces between appear in order between them: taking each
 * at its leftmost place never loses a match.
 */
static int seg_match(const struct seg *sg, const char *s, size_t n)
{
	size_t first = 0, last, npre, nsuf, at, end, k;

	while (first < sg->n && !sg->a[first].star)
		first++;
	if (first == sg->n)
		return sg->n == n && piece_eq(sg->a, s, n);
	last = sg->n - 1;
	while (!sg->a[last].star)
		last--;
	npre = first;
	nsuf = sg->n - last - 1;
	if (n < npre + nsuf || !piece_eq(sg->a, s, npre) || !piece_eq(sg->a + last + 1, s + n - nsuf, nsuf))
		return 0;
	at = npre;
	end = n - nsuf;
	for (k = first + 1; k < last;) {
		size_t m = 0, j;
		int found = 0;
		while (!sg->a[k + m].star)
			m++;
		for (j = at; !found && j + m <= end; j++)
			if (piece_eq(sg->a + k, s + j, m)) {
				found = 1;
				at = j + m;
			}
		if (!found)
			return 0;
		k += m + 1;
	}
	return 1;
}

/* segments gi.. of f against path segments pi.. */
static int segs_match(const struct glob_fast *f, size_t gi, const struct match_path *mp, size_t pi)
{
	size_t np = mp->np;
	for (;;) {
		if (gi == f->nsegs)
			return pi == np;
		if (f->segs[gi].any) {
			size_t k, rest = f->nsegs - gi - 1;
			if (rest == 0)
				return pi < np; /* at least one segment below */
			if (!f->more[gi]) {
				/* no other "**": the rest lines up with the last segments */
				if (np - pi < rest)
					return 0;
				pi = np - rest;
				gi++;
				continue;
			}
			for (k = pi; k < np; k++)
				if (segs_match(f, gi + 1, mp, k))
					return 1;
			return 0;
		}
		if (pi == np || !seg_match(&f->segs[gi], mp->s + mp->at[pi], mp->end[pi] - mp->at[pi]))
			return 0;
		gi++;
		pi++;
	}
}

void match_path_prepare(struct match_path *mp, const char *path, size_t len)
{
	size_t i, start = 0;

	mp->s = path;
	mp->len = len;
	mp->np = 0;
	mp->ascii = 1;
	mp->split = 1;
	for (i = 0; i <= len; i++) {
		if (i < len && path[i] != '/') {
			if ((unsigned char)path[i] >= 0x80)
				mp->ascii = 0;
			continue;
		}
		if (mp->np == MATCH_PATH_SEGS) {
			mp->split = 0;
			break;
		}
		mp->at[mp->np] = start;
		mp->end[mp->np++] = i;
		start = i + 1;
	}
	mp->utf8 = mp->ascii || buf_is_utf8(path, len);
}

/*
 * When p opens a complete [...] class, returns its closing ']', else p: a
 * class is one unit, so braces and commas inside it are literal.
 */
static const char *skip_class(const char *p)
{
	const char *q = p + 1;
	if (*q == '!' || *q == '^')
		q++;
	if (*q == ']')
		q++;
	while (*q && *q != ']')
		q++;
	return *q == ']' ? q : p;
}

/*
 * Checks that the braces of the glob as written balance, so that an error
 * names its offset there and not in an expanded alternative.
 */
static int check_braces(const char *glob, size_t *erroff)
{
	const char *p, *first_open = NULL;
	size_t depth = 0;

	for (p = glob; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			p = skip_class(p);
		} else if (*p == '{') {
			if (depth++ == 0)
				first_open = p;
		} else if (*p == '}') {
			if (depth == 0) {
				*erroff = (size_t)(p - glob);
				return err_set("unmatched '}'");
			}
			depth--;
		}
	}
	if (depth > 0) {
		*erroff = (size_t)(first_open - glob);
		return err_set("unmatched '{'");
	}
	return 0;
}

/* Expands the first {a,b} group of s recursively into out (a list of strings). */
static int expand_braces(char ***out, size_t *n, size_t *cap, const char *s, size_t base, size_t *erroff)
{
	const char *open = NULL, *p;
	int depth = 0;

	for (p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '[') {
			p = skip_class(p);
			continue;
		}
		if (*p == '{') {
			open = p;
			break;
		}
		if (*p == '}' ) {
			*erroff = base + (size_t)(p - s);
			return err_set("unmatched '}'");
		}
	}
	if (!open) {
		XGROW(*out, *cap, *n + 1);
		(*out)[(*n)++] = xstrdup(s);
		return 0;
	}

	/* find the matching close and the top-level commas */
	{
		const char *close = NULL, *alt = open + 1;
		struct buf b = BUF_INIT;
		int rc = 0;

		for (p = open + 1, depth = 1; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				continue;
			}
			if (*p == '[')
				p = skip_class(p);
			else if (*p == '{')
				depth++;
			else if (*p == '}' && --depth == 0) {
				close = p;
				break;
			}
		}
		if (!close) {
			*erroff = base + (size_t)(open - s);
			return err_set("unmatched '{'");
		}
		for (p = open + 1, depth = 0; p <= close; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				continue;
			}
			if (*p == '[')
				p = skip_class(p);
			else if (*p == '{')
				depth++;
			else if (*p == '}' && depth > 0)
				depth--;
			else if ((*p == ',' && depth == 0) || p == close) {
				buf_clear(&b);
				buf_put(&b, s, (size_t)(open - s));
				buf_put(&b, alt, (size_t)(p - alt));
				buf_puts(&b, close + 1);
				rc = expand_braces(out, n, cap, buf_cstr(&b), base, erroff);
				if (rc < 0)
					break;
				if (*n > 256) {
					*erroff = base + (size_t)(open - s);
					rc = err_set("too many {a,b} alternatives (more than 256)");
					break;
				}
				alt = p + 1;
			}
		}
		buf_free(&b);
		return rc;
	}
}

/*
 * The converter places (*COMMIT) after a glob's literal prefix, only to stop
 * backtracking early.  PCRE2's JIT then misses partial matches (folder
 * pruning asks "could a path below this folder match?"), so drop the verb:
 * every glob is anchored, and the results are the same without it.
 */
static void strip_commit(PCRE2_UCHAR *p, PCRE2_SIZE *len)
{
	static const char verb[] = "(*COMMIT)";
	const size_t vl = sizeof(verb) - 1;
	PCRE2_SIZE i = 0, o = 0;

	while (i < *len) {
		if (*len - i >= vl && !memcmp(p + i, verb, vl)) {
			i += vl;
			continue;
		}
		p[o++] = p[i++];
	}
	p[o] = 0;
	*len = o;
}

/* Converts and compiles one glob (no braces); its converted pattern is appended to text when given. */
static int convert_one(pcre2_code **out, pcre2_code **dir_all, const char *glob, int ignore_case, size_t *erroff,
		       struct buf *text)
{
	pcre2_convert_context *cc = NULL;
	PCRE2_UCHAR *conv = NULL;
	PCRE2_SIZE convlen = 0, eo = 0;
	struct buf full = BUF_INIT;
	uint32_t copts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (ignore_case ? PCRE2_CASELESS : 0);
	int rc = -1, ec;
	size_t gl;

	*out = NULL;
	*dir_all = NULL;
	if (glob[0] == '/')
		buf_puts(&full, glob + 1);
	else if (!strchr(glob, '/'))
		buf_printf(&full, "**/%s", glob);
	else
		buf_puts(&full, glob);

	cc = pcre2_convert_context_create(NULL);
	if (!cc) {
		err_set("cannot create a glob conversion context");
		goto done;
	}
	pcre2_set_glob_separator(cc, '/');
	pcre2_set_glob_escape(cc, '\\');
	ec = pcre2_pattern_convert((PCRE2_SPTR)full.ptr, full.len, PCRE2_CONVERT_GLOB | PCRE2_CONVERT_UTF,
				   &conv, &convlen, cc);
	if (ec != 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		/* report the offset in the glob as the author wrote it */
		if (glob[0] == '/')
			*erroff = convlen + 1;
		else if (full.len > strlen(glob))
			*erroff = convlen >= 3 ? convlen - 3 : 0;
		else
			*erroff = convlen;
		err_set("%s", (char *)msg);
		goto done;
	}
	strip_commit(conv, &convlen);
	if (text)
		buf_put(text, (const char *)conv, convlen);
	*out = pcre2_compile(conv, convlen, copts, &ec, &eo, NULL);
	if (!*out) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*erroff = 0;
		err_set("%s", (char *)msg);
		goto done;
	}

	/* a glob ending in slash-star-star covers the whole folder x: compile "x" to prune it as a unit */
	gl = full.len;
	if (gl > 3 && strcmp(full.ptr + gl - 3, "/**") == 0) {
		PCRE2_UCHAR *dconv = NULL;
		PCRE2_SIZE dlen = 0;
		if (pcre2_pattern_convert((PCRE2_SPTR)full.ptr, gl - 3, PCRE2_CONVERT_GLOB | PCRE2_CONVERT_UTF,
					  &dconv, &dlen, cc) == 0) {
			strip_commit(dconv, &dlen);
			*dir_all = pcre2_compile(dconv, dlen, copts, &ec, &eo, NULL);
			pcre2_converted_pattern_free(dconv);
		}
	}
	rc = 0;
done:
	if (conv)
		pcre2_converted_pattern_free(conv);
	pcre2_convert_context_free(cc);
	buf_free(&full);
	return rc;
}

int match_glob_compile(struct match_glob **out, const char *glob, int ignore_case, size_t *erroff)
{
	struct match_glob *g = NULL;
	struct buf all = BUF_INIT;
	char **alts = NULL;
	size_t n = 0, cap = 0, i;
	int rc = -1;

	*out = NULL;
	*erroff = 0;
	if (!*glob) {
		err_set("empty glob");
		goto done;
	}
	/* paths are files from the root, never "x/" nor "./x": such a glob would silently match nothing */
	if (glob[strlen(glob) - 1] == '/') {
		*erroff = strlen(glob) - 1;
		err_set("a glob ending in '/' matches no file (write '%.*s/**' for every file below it)",
			(int)(strlen(glob) - 1), glob);
		goto done;
	}
	if (!strncmp(glob, "./", 2)) {
		err_set("paths have no leading './' (write '/%s' to anchor it at the root)", glob + 2);
		goto done;
	}
	if (check_braces(glob, erroff) < 0 || expand_braces(&alts, &n, &cap, glob, 0, erroff) < 0)
		goto done;

	g = xcalloc(1, sizeof(*g));
	g->src = xstrdup(glob);
	g->alts = xcalloc(n, sizeof(*g->alts));
	g->fast = xcalloc(n, sizeof(*g->fast));
	for (i = 0; i < n; i++)
		g->fast[i] = glob_fast_new(alts[i], ignore_case);
	for (i = 0; i < n; i++) {
		pcre2_code *dir_all = NULL;
		if (n > 1)
			buf_puts(&all, i ? ")|(?:" : "(?:");
		if (convert_one(&g->alts[i], &dir_all, alts[i], ignore_case, erroff, n > 1 ? &all : NULL) < 0) {
			pcre2_code *whole = NULL, *whole_dir = NULL;
			size_t off = 0;
			/*
			 * The offset is in the expanded alternative.  PCRE2 reads braces as
			 * literals, so the glob as written usually fails at the same place:
			 * take the offset from there, else keep it if it fits.
			 */
			if (n > 1 && convert_one(&whole, &whole_dir, glob, ignore_case, &off, NULL) < 0)
				*erroff = off;
			else if (*erroff > strlen(glob))
				*erroff = 0;
			pcre2_code_free(whole);
			pcre2_code_free(whole_dir);
			goto done;
		}
		g->nalts++;
		/* only a single-alternative glob may prune a folder as a whole */
		if (n == 1)
			g->dir_all = dir_all;
		else
			pcre2_code_free(dir_all);
	}
	/*
	 * One pattern for every alternative: a path is tested in one call, not
	 * one per alternative (a glob with twenty extensions cost twenty).
	 * Without it (it cannot fail on what compiled alone) the alternatives
	 * are tried one by one.
	 */
	if (n > 1) {
		int ec;
		PCRE2_SIZE eo;
		buf_putc(&all, ')');
		g->all = pcre2_compile((PCRE2_SPTR)all.ptr, all.len,
				       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (ignore_case ? PCRE2_CASELESS : 0), &ec, &eo,
				       NULL);
	}
	*out = g;
	g = NULL;
	rc = 0;
done:
	for (i = 0; i < n; i++)
		free(alts[i]);
	free(alts);
	buf_free(&all);
	match_glob_free(g);
	return rc;
}

struct match_glob *match_glob_ref(struct match_glob *g)
{
	g->refs++;
	return g;
}

void match_glob_free(struct match_glob *g)
{
	size_t i;
	if (!g)
		return;
	if (g->refs) {
		g->refs--;
		return;
	}
	for (i = 0; i < g->nalts; i++)
		pcre2_code_free(g->alts[i]);
	for (i = 0; g->fast && i < g->nalts; i++)
		glob_fast_free(g->fast[i]);
	free(g->fast);
	pcre2_code_free(g->all);
	pcre2_code_free(g->dir_all);
	free(g->alts);
	free(g->src);
	free(g);
}

/*
 * Glob patterns are small and anchored; match data sized for them lives on
 * the thread so that path tests allocate nothing.
 */
static _Thread_local pcre2_match_data *glob_md;

/*
 * A thread that ends without match_thread_cleanup() would leak what it kept
 * (a scan's worker threads did): a key destructor cleans up at thread exit.
 */
static pthread_once_t cleanup_once = PTHREAD_ONCE_INIT;
static pthread_key_t cleanup_key;
static int cleanup_key_ok;

static void cleanup_at_exit(void *unused)
{
	(void)unused;
	match_thread_cleanup();
}

static void cleanup_key_init(void)
{
	cleanup_key_ok = pthread_key_create(&cleanup_key, cleanup_at_exit) == 0;
}

static pcre2_match_data *glob_data(void)
{
	if (!glob_md) {
		glob_md = pcre2_match_data_create(4, NULL);
		if (!glob_md) {
			fprintf(stderr, "proofgate: out of memory creating match data\n");
			exit(2);
		}
		pthread_once(&cleanup_once, cleanup_key_init);
		if (cleanup_key_ok)
			pthread_setspecific(cleanup_key, glob_md); /* any non-NULL value: the destructor runs */
	}
	return glob_md;
}

/*
 * Paths are bytes.  PCRE2 in UTF mode cannot match across an invalid
 * sequence, so a path that is not UTF-8 is matched in the form reports show
 * it in (each invalid byte as \xNN): `docs/caf*.md` still finds it.
 */
static _Thread_local struct buf display;

void match_thread_cleanup(void)
{
	buf_free(&display);
	pcre2_match_data_free(glob_md);
	glob_md = NULL;
}

static void as_subject(const char **s, size_t *len)
{
	if (buf_is_utf8(*s, *len))
		return;
	buf_clear(&display);
	buf_put_safe(&display, *s, *len);
	(void)glob_data(); /* arms the cleanup at thread exit for display too */
	*s = buf_cstr(&display);
	*len = display.len;
}

int match_glob_path_pcre2(const struct match_glob *g, const char *path, size_t len)
{
	size_t i;
	glob_jit(g);
	as_subject(&path, &len);
	if (g->all)
		return pcre2_match(g->all, (PCRE2_SPTR)path, len, 0, 0, glob_data(), NULL) >= 0;
	for (i = 0; i < g->nalts; i++)
		if (pcre2_match(g->alts[i], (PCRE2_SPTR)path, len, 0, 0, glob_data(), NULL) >= 0)
			return 1;
	return 0;
}

int match_glob_prepared(const struct match_glob *g, const struct match_path *mp)
{
	size_t i;
	if (!mp->utf8 || !mp->split)
		return match_glob_path_pcre2(g, mp->s, mp->len);
	for (i = 0; i < g->nalts; i++) {
		const struct glob_fast *f = g->fast[i];
		if (!f || (f->caseless && !mp->ascii))
			return match_glob_path_pcre2(g, mp->s, mp->len);
		if (!f->ascii_never && segs_match(f, 0, mp, 0))
			return 1;
	}
	return 0;
}

int match_glob_path(const struct match_glob *g, const char *path, size_t len)
{
	struct match_path mp;
	match_path_prepare(&mp, path, len);
	return match_glob_prepared(g, &mp);
}

int match_glob_may_descend(const struct match_glob *g, const char *dir, size_t len)
{
	size_t i;
	glob_jit(g);
	as_subject(&dir, &len);
	for (i = 0; i < g->nalts; i++) {
		int r = pcre2_match(g->alts[i], (PCRE2_SPTR)dir, len, 0, PCRE2_PARTIAL_SOFT, glob_data(), NULL);
		if (r >= 0 || r == PCRE2_ERROR_PARTIAL)
			return 1;
	}
	return 0;
}

int match_glob_covers_dir(const struct match_glob *g, const char *dir, size_t len)
{
	glob_jit(g);
	as_subject(&dir, &len);
	return g->dir_all && pcre2_match(g->dir_all, (PCRE2_SPTR)dir, len, 0, 0, glob_data(), NULL) >= 0;
}
