/* glob_fast.c - most globs matched segment by segment, without a PCRE2 call per path (glob.c's fast path). */
#include "match/glob_fast.h"

#include <stdlib.h>
#include <string.h>

#include "match/braces.h"
#include "util/mem.h"

/*
 * Most globs are made of literal text, ASCII classes, '*' within a segment
 * and whole '**' segments.  Those are matched here segment by segment, with
 * the meaning PCRE2's conversion gives them ('*' is any run without '/',
 * '**' any number of whole segments, a trailing '**' at least one), without
 * a regex call per path; anything else ('?', escapes, negated classes, '**'
 * inside a segment, a caseless glob that is not ASCII, a path that is not
 * UTF-8, a path with a character caseless matching pairs with an ASCII
 * letter when the glob ignores case) goes to PCRE2.  The tests check both
 * ways agree.  A path that is not ASCII is matched byte by byte: a literal
 * or class here is ASCII, so it never matches part of a character, and a
 * star takes whole characters wherever the next ASCII atom or the end of the
 * segment lands.
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
	/*
	 * The bytes the last segment ends with, folded (atom_byte), when it is
	 * not "**": a path whose last segment does not end so cannot match.
	 */
	unsigned char tail[8];
	size_t ntail;
};

#define FAST_MAX_SEGS MATCH_PATH_SEGS

void glob_fast_free(struct glob_fast *f)
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
	size_t i = 0;

	memset(sg, 0, sizeof(*sg));
	if (n == 2 && p[0] == '*' && p[1] == '*') {
		sg->any = 1;
		return 0;
	}
	/* an atom takes a byte at least: n atoms at most, allocated once, not grown one at a time */
	if (n)
		sg->a = xmalloc(n * sizeof(*sg->a));
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
		sg->a[sg->n++] = at;
	}
	return 0;
}

/* 1 when some [...] class of glob holds a byte that is not ASCII (or a class is left open). */
static int nonascii_in_class(const char *g)
{
	const char *p, *end;
	for (p = g; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			end = glob_class_end(p);
			if (end == p)
				return 1;
			for (; p < end; p++)
				if ((unsigned char)*p >= 0x80)
					return 1;
		}
	}
	return 0;
}

static int atom_byte(const struct atom *a);

/* f->tail: the single bytes the last segment ends with (at most 8), unless it is "**". */
static void set_tail(struct glob_fast *f)
{
	const struct seg *sg = f->nsegs ? &f->segs[f->nsegs - 1] : NULL;
	unsigned char rev[8];
	size_t n = 0, i;
	int b;

	if (!sg || sg->any)
		return;
	while (n < sizeof(rev) && n < sg->n && (b = atom_byte(&sg->a[sg->n - 1 - n])) >= 0)
		rev[n++] = (unsigned char)b;
	for (i = 0; i < n; i++)
		f->tail[i] = rev[n - 1 - i];
	f->ntail = n;
}

/* Whether the last segment of mp ends with f->tail (folded as atom_byte folds): else f cannot match. */
static int tail_holds(const struct glob_fast *f, const struct match_path *mp)
{
	size_t i, end, len;
	if (!f->ntail)
		return 1;
	if (!mp->np)
		return 0;
	end = mp->end[mp->np - 1];
	len = end - mp->at[mp->np - 1];
	if (len < f->ntail)
		return 0;
	for (i = 0; i < f->ntail; i++) {
		unsigned char c = (unsigned char)mp->s[end - f->ntail + i];
		if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != f->tail[i])
			return 0;
	}
	return 1;
}

struct glob_fast *glob_fast_new(const char *alt, int caseless)
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
			f->ascii_never = !nonascii_in_class(alt) && !strstr(alt, "\xe2\x84\xaa") &&
					 !strstr(alt, "\xc5\xbf") && !strstr(alt, "\xc4\xb1");
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
	set_tail(f);
	return f;
}

/* the one byte an atom stands for, folded (a letter in either case counts as one); else -1 */
static int atom_byte(const struct atom *a)
{
	int c, found = -1, n = 0, i;
	if (a->star)
		return -1;
	/* a byte of the set at a time: most of its 32 bytes are empty */
	for (i = 0; i < 32 && n <= 2; i++) {
		if (!a->set[i])
			continue;
		for (c = i * 8; c < i * 8 + 8; c++) {
			if (!((a->set[c >> 3] >> (c & 7)) & 1))
				continue;
			n++;
			if (found < 0)
				found = c >= 'A' && c <= 'Z' ? c | 0x20 : c;
		}
	}
	if (n == 1)
		return found;
	if (n == 2 && found >= 'a' && found <= 'z' && ((a->set[found >> 3] >> (found & 7)) & 1) &&
	    ((a->set[(found ^ 0x20) >> 3] >> ((found ^ 0x20) & 7)) & 1))
		return found;
	return -1;
}

size_t glob_fast_word(const struct glob_fast *f, char *buf, size_t cap, int *ascii_never)
{
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

int glob_fast_match(const struct glob_fast *f, const struct match_path *mp)
{
	if (!f || (f->caseless && !mp->ascii && (f->ascii_never || !mp->fold_ascii)))
		return -1;
	return !f->ascii_never && tail_holds(f, mp) && segs_match(f, 0, mp, 0);
}
