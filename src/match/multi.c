/* multi.c - content patterns rewritten for Vectorscan, compiled into two databases, one scan per subject. */
#define _DEFAULT_SOURCE /* madvise */
#include "match/multi.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/bytes.h"
#include "util/err.h"
#include "util/mem.h"

/*
 * Without Vectorscan (PG_HAVE_HS unset, the Makefile found no libhs) only
 * the stubs at the end are built: multi_build fails and the scan keeps its
 * word prefilter.
 */
#ifdef PG_HAVE_HS
#include <hs.h>
#include <libdeflate.h>

enum { DB_ASCII, DB_UTF8, DB_N };
/* as written; in prefilter mode; in prefilter mode with ^ dropped (a loose copy); not at all */
enum { MODE_EXACT, MODE_PREFILTER, MODE_LOOSE, MODE_NONE };

/* Bounded repeats above this lose their upper bound (Vectorscan's compile time and memory grow with them). */
#define REPEAT_CAP 16
/* Top-level lookaheads a pattern may be split into; more and it stays whole. */
#define MAX_LA 8
/* The serialized format; part of the key, so a new rewriting never loads an old database. */
#define MULTI_MAGIC "PGMULTI4"

struct expr {
	char *re;	/* as Vectorscan gets it */
	char *loose;	/* the same without ^ (Vectorscan refuses a ^ it cannot place: "embedded start anchors") */
	unsigned flags; /* HS_FLAG_* without PREFILTER */
	size_t pat;	/* the pattern it stands for */
	size_t term;	/* the alternative of that pattern it is one piece of (struct dbset) */
	unsigned char mode;
};

/*
 * A pattern may match when every expression of one of its terms matched
 * somewhere: the terms are the alternatives of split_windows, each the
 * pieces it cannot match without.
 */
struct dbset {
	struct expr *e;
	size_t n, cap;
	size_t *term_pat;  /* per term: its pattern */
	size_t *term_need; /* per term: its expressions (0: holds on every subject) */
	size_t nterm, tcap;
	hs_database_t *db; /* NULL when no expression compiled */
};

struct multi {
	size_t npat;
	uint64_t key;
	unsigned char *anchors;	     /* per pattern: ^, $ or \Z, which a CR changes */
	unsigned char *always[DB_N]; /* per pattern: runs on every such subject */
	struct dbset d[DB_N];
};

struct multi_scratch {
	size_t npat;
	unsigned char *may; /* per pattern, for the last subject */
	unsigned char *hit; /* per expression of the database scanned */
	size_t *count;	    /* per term of that database: expressions that matched */
	size_t nhit, ncount;
	hs_scratch_t *hs;
	char *copy; /* the subject, copied to an ALIGN-byte boundary (multi_scan) */
	size_t copy_cap;
};

/*
 * Vectorscan (5.4.9 here) can answer differently for the same bytes at
 * another address: a pattern of the built-in pack was reported on a
 * README at some offsets modulo 64 and not at others (docs/testing.md).
 * Each subject is scanned from a copy at this boundary, so the answer
 * depends on the bytes alone, never on where the blob was read to.
 */
#define ALIGN	  64
#define COPY_KEEP (256u << 10)

/* ---- rewriting --------------------------------------------------------- */

struct rw {
	int utf8;	  /* for the UTF-8 database: the UCP superset */
	int ok;		  /* 0: the pattern cannot be rewritten, it always runs */
	int split_ok;	  /* the top-level lookaheads may stand alone */
	int anchors;	  /* ^, $ or \Z outside a class */
	int nonascii;	  /* a byte beyond ASCII, or \x{...} */
	int props;	  /* \p or \P */
	int loose;	  /* drop every ^ outside classes: an assertion less only widens */
	int quant;	  /* the last thing read was a quantifier: a + after it makes it possessive */
	int depth;	  /* open groups */
	int in_la;	  /* inside a top-level lookahead */
	struct buf whole; /* the pattern rewritten */
	struct buf opts;  /* leading option settings, e.g. (?i) */
	struct buf rest;  /* the pattern without its top-level lookaheads */
	struct buf la[MAX_LA];
	size_t nla;
	struct buf *cur; /* rest, or the lookahead being read */
};

static void emit(struct rw *w, const char *s, size_t n)
{
	buf_put(&w->whole, s, n);
	buf_put(w->cur, s, n);
}

static void emits(struct rw *w, const char *s)
{
	emit(w, s, strlen(s));
}

/* A literal byte, escaped so that it means itself anywhere (\Q...\E's contents). */
static void emit_lit(struct rw *w, unsigned char c)
{
	char tmp[8];
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
		tmp[0] = (char)c;
		emit(w, tmp, 1);
		return;
	}
	if (c < 0x20 || c == 0x7f)
		snprintf(tmp, sizeof(tmp), "\\x%02x", c);
	else
		snprintf(tmp, sizeof(tmp), "\\%c", c);
	emits(w, tmp);
}

/* After a backslash at p[0]: how many bytes the escape takes (at least 2, never past the end). */
static size_t escape_len(const char *p)
{
	size_t k;
	char c = p[1];
	if (!c)
		return 1;
	if (strchr("xopPgkN", c) && p[2] == '{') {
		for (k = 3; p[k] && p[k] != '}'; k++)
			;
		return p[k] ? k + 1 : k;
	}
	if ((c == 'k' || c == 'g') && (p[2] == '<' || p[2] == '\'')) {
		char close = p[2] == '<' ? '>' : '\'';
		for (k = 3; p[k] && p[k] != close; k++)
			;
		return p[k] ? k + 1 : k;
	}
	if ((c == 'p' || c == 'P') && p[2])
		return 3;
	if (c == 'c' && p[2])
		return 3;
	return 2;
}

/* \Q...\E from p (at the Q); returns the bytes read. */
static size_t quoted(struct rw *w, const char *p)
{
	size_t k = 1;
	while (p[k] && !(p[k] == '\\' && p[k + 1] == 'E'))
		emit_lit(w, (unsigned char)p[k++]);
	return p[k] ? k + 2 : k;
}

/* A class from p (at the '['); returns the bytes read. */
static size_t klass(struct rw *w, const char *p)
{
	size_t k = 1;
	int neg = 0, widen = 0;
	emits(w, "[");
	if (p[k] == '^') {
		neg = 1;
		emits(w, "^");
		k++;
	}
	if (p[k] == ']') {
		emits(w, "\\]");
		k++;
	}
	while (p[k] && p[k] != ']') {
		if (p[k] == '[' && p[k + 1] == ':') {
			size_t e = k + 2;
			while (p[e] && p[e] != ']' && !(p[e] == ':' && p[e + 1] == ']'))
				e++;
			if (p[e] == ':') {
				/* a POSIX class: Unicode under UCP */
				if (neg || p[k + 2] == '^')
					w->ok &= !w->utf8;
				widen = 1;
				emit(w, p + k, e + 2 - k);
				k = e + 2;
				continue;
			}
		}
		if (p[k] == '\\') {
			size_t n = escape_len(p + k);
			char c = p[k + 1];
			if (c == 'Q') {
				k += 1 + quoted(w, p + k + 1);
				continue;
			}
			if (strchr("wdshv", c) && c)
				widen = 1;
			if (strchr("WDSHV", c) && c && neg)
				w->ok &= !w->utf8; /* [^\W] is \w: under UCP, more than Vectorscan's */
			if (c == 'p' || c == 'P')
				w->props = 1;
			if (c == 'x' && p[k + 2] == '{')
				w->nonascii = 1;
			emit(w, p + k, n);
			k += n;
			continue;
		}
		if ((unsigned char)p[k] >= 0x80)
			w->nonascii = 1;
		emit(w, p + k, 1);
		k++;
	}
	if (widen && !neg && w->utf8)
		emits(w, "\\x{80}-\\x{10ffff}");
	emits(w, "]");
	return p[k] ? k + 1 : k;
}

/* A {n}, {n,} or {n,m} quantifier at p: its length, bounds into *lo and *hi (-1: none); 0 when it is not one. */
static size_t repeat(const char *p, long *lo, long *hi)
{
	size_t k = 1;
	char *end;
	if (p[k] < '0' || p[k] > '9')
		return 0;
	*lo = strtol(p + k, &end, 10);
	k = (size_t)(end - p);
	*hi = *lo;
	if (p[k] == ',') {
		k++;
		*hi = -1;
		if (p[k] >= '0' && p[k] <= '9') {
			*hi = strtol(p + k, &end, 10);
			k = (size_t)(end - p);
		}
	}
	return p[k] == '}' ? k + 1 : 0;
}

/* An option setting "(?i)" or a group "(?i:" at p (at the '('): its length, and whether it is a group. */
static size_t option(const char *p, int *group, int *extended)
{
	size_t k = 2;
	*extended = 0;
	while (p[k] && strchr("imsxnUJ-^", p[k])) {
		*extended |= p[k] == 'x';
		k++;
	}
	if (p[k] != ')' && p[k] != ':')
		return 0;
	*group = p[k] == ':';
	return k + 1;
}

static void rw_init(struct rw *w, int utf8)
{
	memset(w, 0, sizeof(*w));
	w->utf8 = utf8;
	w->ok = 1;
	w->split_ok = 1;
	w->cur = &w->rest;
}

static void rw_free(struct rw *w)
{
	size_t i;
	buf_free(&w->whole);
	buf_free(&w->opts);
	buf_free(&w->rest);
	for (i = 0; i < MAX_LA; i++)
		buf_free(&w->la[i]);
}

/* 1 when nothing has been read at the top level yet but option settings. */
static int at_start(const struct rw *w)
{
	return w->rest.len == 0 && w->nla == 0 && !w->in_la;
}

/* Rewrites src into w: w->whole, and when w->split_ok the lookaheads and the rest apart. */
static void rewrite(struct rw *w, const char *src)
{
	const char *p = src;
	while (*p && w->ok) {
		unsigned char c = (unsigned char)*p;
		int q = w->quant;
		w->quant = 0;
		if (c == '\\') {
			size_t n = escape_len(p);
			char e = p[1];
			if (e == 'Q') {
				p += 1 + quoted(w, p + 1);
				continue;
			}
			if (w->utf8 && e && strchr("wdshv", e)) {
				char tmp[40];
				snprintf(tmp, sizeof(tmp), "[\\%c\\x{80}-\\x{10ffff}]", e);
				emits(w, tmp);
			} else if ((w->utf8 && (e == 'b' || e == 'B')) || e == 'K') {
				/* dropped: an assertion less only widens; \K only moves the start reported */
			} else {
				emit(w, p, n);
			}
			w->anchors |= e == 'Z';
			w->props |= e == 'p' || e == 'P';
			w->nonascii |= e == 'x' && p[2] == '{';
			p += n;
			continue;
		}
		if (c == '[') {
			p += klass(w, p);
			continue;
		}
		if (c == '(' && p[1] == '?') {
			int group, ext;
			size_t n;
			if (p[2] == '#') {
				while (*p && *p != ')')
					p++;
				p += *p == ')';
				continue;
			}
			n = option(p, &group, &ext);
			if (ext) {
				w->ok = 0; /* extended mode: spaces and comments this reader does not know */
				break;
			}
			if (n && !group) {
				if (w->depth == 0 && at_start(w)) {
					buf_put(&w->opts, p, n);
					buf_put(&w->whole, p, n);
				} else {
					if (w->depth == 0)
						w->split_ok = 0;
					emit(w, p, n);
				}
				p += n;
				continue;
			}
			if (p[2] == '=' && w->depth == 0) {
				buf_puts(&w->whole, "(?=");
				if (w->nla == MAX_LA) {
					w->split_ok = 0;
				} else {
					w->cur = &w->la[w->nla++];
					w->in_la = 1;
				}
				w->depth++;
				p += 3;
				continue;
			}
			w->depth++;
			if (p[2] == '|' || p[2] == '>') {
				/*
				 * branch reset only numbers captures: a plain group matches
				 * the same; an atomic group matches less than a plain one
				 */
				emits(w, "(?:");
				p += 3;
			} else {
				emit(w, p, 2);
				p += 2;
			}
			continue;
		}
		if (c == '(') {
			w->depth++;
			emit(w, p, 1);
			p++;
			continue;
		}
		if (c == ')') {
			if (w->depth > 0)
				w->depth--;
			if (w->depth == 0 && w->in_la) {
				buf_puts(&w->whole, ")");
				w->in_la = 0;
				w->cur = &w->rest;
				/* (?=x)? is optional: it cannot stand alone */
				if (p[1] == '?' || p[1] == '*' || p[1] == '+' || p[1] == '{')
					w->split_ok = 0;
			} else {
				emit(w, p, 1);
			}
			p++;
			continue;
		}
		if (c == '|' && w->depth == 0)
			w->split_ok = 0;
		if (c == '^' || c == '$')
			w->anchors = 1;
		if (c == '+' && q) {
			/* possessive: the plain quantifier matches more */
			w->quant = 0;
			p++;
			continue;
		}
		w->quant = c == '*' || c == '+' || c == '?';
		if (c == '^' && w->loose) {
			p++;
			continue;
		}
		if (c >= 0x80)
			w->nonascii = 1;
		if (c == '{') {
			long lo, hi;
			size_t n = repeat(p, &lo, &hi);
			if (n && (lo > REPEAT_CAP || hi > REPEAT_CAP)) {
				char tmp[32];
				snprintf(tmp, sizeof(tmp), "{%ld,}", lo > REPEAT_CAP ? (long)REPEAT_CAP : lo);
				emits(w, tmp);
				p += n;
				w->quant = 1;
				continue;
			}
			if (n) {
				emit(w, p, n);
				p += n;
				w->quant = 1;
				continue;
			}
		}
		emit(w, p, 1);
		p++;
	}
	if (w->depth != 0 || w->in_la)
		w->split_ok = 0;
}

/* ---- building ------------------------------------------------------------ */

static int on_any(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx)
{
	(void)id;
	(void)from;
	(void)to;
	(void)flags;
	*(int *)ctx = 1;
	return 0;
}

#define SELFTEST_SPACES 250

/*
 * Vectorscan 5.4.9 misses the match of \n *#?[^a]{0,4} in "|", 250 spaces,
 * "|\n\n## Quickstart\n" when the subject starts at most addresses modulo
 * 64 (docs/testing.md, finding 15); Hyperscan 5.4.0 finds it at every one.
 * A library that misses it is not used, so no pattern is ruled out that
 * PCRE2 would match: 1 when the library finds it at every offset.
 */
static int selftest(void)
{
	static const char tail[] = "|\n\n## Quickstart\n";
	const size_t len = 1 + SELFTEST_SPACES + sizeof(tail) - 1;
	hs_database_t *db = NULL;
	hs_compile_error_t *cerr = NULL;
	hs_scratch_t *s = NULL;
	char *buf = NULL, *base;
	size_t off;
	int ok = 0;

	if (hs_compile("\\n *#?[^a]{0,4}", HS_FLAG_MULTILINE | HS_FLAG_SINGLEMATCH, HS_MODE_BLOCK, NULL, &db, &cerr) !=
	    HS_SUCCESS) {
		hs_free_compile_error(cerr);
		goto done;
	}
	if (hs_alloc_scratch(db, &s) != HS_SUCCESS)
		goto done;
	buf = xmalloc(len + 2 * ALIGN);
	base = buf + (ALIGN - (uintptr_t)buf % ALIGN) % ALIGN;
	for (off = 0, ok = 1; off < ALIGN && ok; off++) {
		char *at = base + off;
		int hit = 0;
		at[0] = '|';
		memset(at + 1, ' ', SELFTEST_SPACES);
		memcpy(at + 1 + SELFTEST_SPACES, tail, sizeof(tail) - 1);
		ok = hs_scan(db, at, (unsigned)len, 0, s, on_any, &hit) == HS_SUCCESS && hit;
	}
done:
	free(buf);
	hs_free_scratch(s);
	hs_free_database(db);
	return ok;
}

static pthread_once_t selftest_once = PTHREAD_ONCE_INIT;
static int selftest_ok;

static void run_selftest(void)
{
	selftest_ok = selftest();
}

int multi_available(void)
{
	pthread_once(&selftest_once, run_selftest);
	return selftest_ok;
}

const char *multi_unavailable(void)
{
	static char why[160];
	if (multi_available())
		return NULL;
	snprintf(why, sizeof(why), "libhs %.*s misses matches at some memory alignments (its self-test failed)",
		 (int)strcspn(hs_version(), " "), hs_version());
	return why;
}

const char *multi_engine(void)
{
	return hs_version();
}

/* The key of a pattern list: the format, Vectorscan's version, every source and its caselessness. */
static uint64_t key_of(const char *const *src, const unsigned char *caseless, size_t n)
{
	uint64_t h = fnv1a(FNV1A_INIT, MULTI_MAGIC, strlen(MULTI_MAGIC));
	const char *v = multi_engine();
	size_t i;
	h = fnv1a(h, v, strlen(v) + 1);
	h = fnv1a(h, &n, sizeof(n));
	for (i = 0; i < n; i++) {
		h = fnv1a(h, src[i], strlen(src[i]) + 1);
		h = fnv1a(h, &caseless[i], 1);
	}
	return h;
}

static void add_expr(struct dbset *d, const char *re, const char *loose, unsigned flags, size_t pat, size_t term)
{
	struct expr *e;
	XGROW(d->e, d->cap, d->n + 1);
	e = &d->e[d->n++];
	e->re = xstrdup(re);
	e->loose = xstrdup(loose);
	e->flags = flags;
	e->pat = pat;
	e->term = term;
	e->mode = MODE_EXACT;
	d->term_need[term]++;
}

/*
 * A piece without its leading \A and [\s\S]*? (any characters, as
 * the UTF-8 rewriting spells it too): the piece matches somewhere either
 * way, and Vectorscan refuses a ^ after it ("embedded start anchors").
 */
static const char *unprefixed(const char *piece)
{
	static const char *const any[] = {"[\\s\\S]", "[\\s\\S\\x{80}-\\x{10ffff}]", "[\\S\\s]"};
	size_t i;
	/* the rest after \A(?=...)(?=...): \A dropped, which only widens */
	if (strncmp(piece, "\\A", 2) == 0)
		piece += 2;
	for (i = 0; i < sizeof(any) / sizeof(any[0]); i++) {
		size_t n = strlen(any[i]);
		if (strncmp(piece, any[i], n) == 0 && piece[n] == '*')
			return piece + n + 1 + (piece[n + 1] == '?');
	}
	return piece;
}

/* 1 when a piece, unprefixed, is empty or only ^: it holds at offset 0 of every subject. */
static int trivial(const struct buf *b)
{
	const char *body = b->len ? unprefixed(b->ptr) : "";
	return body[0] == '\0' || strcmp(body, "^") == 0;
}

/*
 * 1 when src sets the caseless option anywhere: PCRE2_CASELESS, or an
 * option setting such as (?i), (?si: or (?-x+i).
 */
static int any_caseless(const char *src, int caseless)
{
	const char *p;
	if (caseless)
		return 1;
	for (p = src; (p = strstr(p, "(?")) != NULL; p += 2) {
		const char *q = p + 2;
		while (*q && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^-", *q) && *q != 'i')
			q++;
		if (*q == 'i')
			return 1;
	}
	return 0;
}

/*
 * 1 when src holds a character beyond ASCII that may have a case (any but
 * the scripts and symbols known to have none), or a \x{...} escape.
 * Vectorscan's case tables are older than PCRE2's: caseless, such a
 * character can match text the UTF-8 database would rule out.
 */
static int cased_nonascii(const char *src)
{
	static const unsigned long caseless_blocks[][2] = {
		{0x0590, 0x08ff},   /* Hebrew, Arabic, Syriac, Thaana, NKo, ... Arabic Extended */
		{0x0900, 0x0dff},   /* Indic scripts */
		{0x0e00, 0x0fff},   /* Thai, Lao, Tibetan */
		{0x2000, 0x206f},   /* general punctuation */
		{0x2190, 0x23ff},   /* arrows, mathematical operators, technical */
		{0x2500, 0x27bf},   /* box drawing, shapes, dingbats */
		{0x3000, 0x9fff},   /* CJK */
		{0xac00, 0xd7af},   /* Hangul */
		{0xfb1d, 0xfdff},   /* Hebrew and Arabic presentation forms */
		{0xfe70, 0xfeff},   /* Arabic presentation forms B */
		{0x1f300, 0x1faff}, /* emoji and pictographs */
	};
	const unsigned char *p = (const unsigned char *)src;
	while (*p) {
		unsigned long cp;
		size_t n, i;
		if (p[0] == '\\' && p[1] == 'x' && p[2] == '{')
			return 1;
		if (p[0] == '\\' && p[1]) {
			p += 2;
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
		cp = *p & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 1; /* not UTF-8: assume the worst */
			cp = cp << 6 | (p[i] & 0x3f);
		}
		p += n;
		for (i = 0; i < sizeof(caseless_blocks) / sizeof(caseless_blocks[0]); i++)
			if (cp >= caseless_blocks[i][0] && cp <= caseless_blocks[i][1])
				break;
		if (i == sizeof(caseless_blocks) / sizeof(caseless_blocks[0]))
			return 1;
	}
	return 0;
}

/* ---- splitting at windows ------------------------------------------------ */

/*
 * A window is a long repeat between two parts of a pattern, as in
 * A[\s\S]{0,2500}?B.  Held without its bound (REPEAT_CAP), it made
 * Vectorscan carry A's match over the rest of the blob, at several times
 * the cost of finding A and B alone.  The pattern cannot match unless A
 * and B both match somewhere (each where it lies in the match: \b, ^ and
 * look-arounds see the same bytes around it), so A and B go into the
 * database as expressions of their own and the window is dropped.  An
 * alternation whose alternatives hold windows gives one term per
 * alternative (the pattern may match when every piece of one term
 * matched); a group holding windows splits its concatenation too, and
 * when each of its alternatives comes down to one piece they are
 * alternatives of one expression again.  Only widens: PCRE2 decides.
 */
#define MAX_TERMS  8
#define MAX_PIECES (MAX_LA + 4) /* at least MAX_LA + 1: pattern_dnf falls back to the lookaheads and the rest */

struct dnf {
	size_t n;			    /* terms */
	size_t np[MAX_TERMS];		    /* pieces of each */
	char *piece[MAX_TERMS][MAX_PIECES]; /* each a regex for Vectorscan */
};

static void dnf_clear(struct dnf *d)
{
	size_t t, i;
	for (t = 0; t < d->n; t++)
		for (i = 0; i < d->np[t]; i++)
			free(d->piece[t][i]);
	d->n = 0;
}

/* d becomes one term of no piece: holds everywhere. */
static void dnf_true(struct dnf *d)
{
	d->n = 1;
	d->np[0] = 0;
}

/* A class at p (at the '['): its length. */
static size_t class_len(const char *p)
{
	size_t k = 1;
	if (p[k] == '^')
		k++;
	if (p[k] == ']')
		k++;
	while (p[k] && p[k] != ']') {
		if (p[k] == '\\') {
			k += escape_len(p + k);
			continue;
		}
		if (p[k] == '[' && p[k + 1] == ':') {
			size_t e = k + 2;
			while (p[e] && p[e] != ']' && !(p[e] == ':' && p[e + 1] == ']'))
				e++;
			if (p[e] == ':') {
				k = e + 2;
				continue;
			}
		}
		k++;
	}
	return p[k] ? k + 1 : k;
}

/* A group at p (at the '('): its length with the ')'. */
static size_t group_len(const char *p)
{
	size_t k = 1;
	int depth = 1;
	while (p[k] && depth) {
		if (p[k] == '\\') {
			k += escape_len(p + k);
			continue;
		}
		if (p[k] == '[') {
			k += class_len(p + k);
			continue;
		}
		depth += p[k] == '(';
		depth -= p[k] == ')';
		k++;
	}
	return k;
}

/* The atom at p, of the n bytes left: an escape, a class, a group, a character. */
static size_t atom_len(const char *p, size_t n)
{
	size_t k = 1;
	if (*p == '\\')
		k = escape_len(p);
	else if (*p == '[')
		k = class_len(p);
	else if (*p == '(')
		k = group_len(p);
	else if ((unsigned char)*p >= 0xc0)
		while (k < n && ((unsigned char)p[k] & 0xc0) == 0x80)
			k++;
	return k < n ? k : n;
}

/* The quantifier at p (0: none); *open: without an upper bound, *brace: written {n,} (a bound was dropped). */
static size_t quant_len(const char *p, size_t n, int *open, int *brace)
{
	size_t k = 0;
	long lo, hi;
	*open = *brace = 0;
	if (n == 0)
		return 0;
	if (*p == '*' || *p == '+') {
		*open = 1;
		k = 1;
	} else if (*p == '?') {
		k = 1;
	} else if (*p == '{' && (k = repeat(p, &lo, &hi)) != 0) {
		*open = *brace = hi < 0;
	}
	if (k && k < n && (p[k] == '?' || p[k] == '+'))
		k++;
	return k < n ? k : n;
}

/* A non-group option setting, (?i) say, at p: its length, else 0. */
static size_t setting_len(const char *p)
{
	int group, ext;
	size_t n;
	if (p[0] != '(' || p[1] != '?')
		return 0;
	n = option(p, &group, &ext);
	return n && !group ? n : 0;
}

/* Adds open + s[0..n) + close to every term of d; -1 when a term is full. */
static int dnf_and_piece(struct dnf *d, const char *open, const char *s, size_t n, const char *close)
{
	size_t t;
	for (t = 0; t < d->n; t++) {
		struct buf b = BUF_INIT;
		if (d->np[t] == MAX_PIECES)
			return -1;
		buf_puts(&b, open);
		buf_put(&b, s, n);
		buf_puts(&b, close);
		d->piece[t][d->np[t]++] = buf_detach(&b);
		buf_free(&b);
	}
	return 0;
}

/* d becomes d AND e (every term of one with every term of the other); -1 when too many. */
static int dnf_and(struct dnf *d, const struct dnf *e)
{
	struct dnf r;
	size_t a, b, i;
	r.n = 0;
	if (d->n * e->n > MAX_TERMS)
		return -1;
	for (a = 0; a < d->n; a++)
		for (b = 0; b < e->n; b++) {
			if (d->np[a] + e->np[b] > MAX_PIECES) {
				dnf_clear(&r);
				return -1;
			}
			r.np[r.n] = 0;
			for (i = 0; i < d->np[a]; i++)
				r.piece[r.n][r.np[r.n]++] = xstrdup(d->piece[a][i]);
			for (i = 0; i < e->np[b]; i++)
				r.piece[r.n][r.np[r.n]++] = xstrdup(e->piece[b][i]);
			r.n++;
		}
	dnf_clear(d);
	*d = r;
	return 0;
}

/*
 * 1 when the atom at p with its quantifier is a window: a repeat that may
 * cross lines ([\s\S], a group, or . under (?s)) whose upper bound was
 * dropped (written {n,}), or [\s\S] repeated without bound.
 */
static int is_window(const char *p, size_t ql, int open, int brace)
{
	int wide = strncmp(p, "[\\s\\S", 5) == 0 || strncmp(p, "[\\S\\s", 5) == 0;
	return ql && ((brace && (wide || *p == '(' || *p == '.')) || (open && wide));
}

/* 1 when s[0..n) holds a window, in a group or not. */
static int has_window(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t al = atom_len(s + i, n - i), ql;
		int open, brace;
		ql = quant_len(s + i + al, n - i - al, &open, &brace);
		if (is_window(s + i, ql, open, brace) || (s[i] == '(' && al > 2 && has_window(s + i + 1, al - 2)))
			return 1;
		i += al + ql;
	}
	return 0;
}

static int dnf_alt(struct dnf *out, const char *s, size_t n, int *split, int depth);

/*
 * A concatenation s[0..n) into out: its runs between windows as pieces,
 * a group holding windows as its own terms.  *split set when anything
 * was split.  -1 when it would take too many terms or pieces.
 */
static int dnf_concat(struct dnf *out, const char *s, size_t n, int *split, int depth)
{
	size_t i = 0, run = 0;
	dnf_true(out);
	while (i < n) {
		size_t al = atom_len(s + i, n - i), ql;
		int open, brace;
		ql = quant_len(s + i + al, n - i - al, &open, &brace);
		if (is_window(s + i, ql, open, brace)) {
			/* a window: the run before it is a piece, the window is dropped */
			if (i > run && dnf_and_piece(out, "", s + run, i - run, "") < 0)
				return -1;
			i += al + ql;
			run = i;
			*split = 1;
			continue;
		}
		if (ql == 0 && s[i] == '(' && al >= 2 && s[i + al - 1] == ')' && depth < 4) {
			/* a plain group, capturing, (?: or (?flags: */
			size_t head = 1;
			char wrap[24] = "";
			struct dnf g;
			int gsplit = 0;
			if (s[i + 1] == '?') {
				int grp, ext;
				size_t on = option(s + i, &grp, &ext);
				if (s[i + 2] == ':')
					head = 3;
				else if (on && grp && on < sizeof(wrap))
					head = on; /* (?i: and the like: its pieces keep the options */
				else
					head = 0; /* a look-around, a named group: not entered */
				if (head > 3) {
					memcpy(wrap, s + i, head);
					wrap[head] = '\0';
				}
			}
			if (head && head < al) {
				g.n = 0;
				if (dnf_alt(&g, s + i + head, al - head - 1, &gsplit, depth + 1) < 0) {
					dnf_clear(&g);
					return -1;
				}
				if (gsplit) {
					size_t t, k;
					if (i > run && dnf_and_piece(out, "", s + run, i - run, "") < 0) {
						dnf_clear(&g);
						return -1;
					}
					for (t = 0; wrap[0] && t < g.n; t++)
						for (k = 0; k < g.np[t]; k++) {
							struct buf b = BUF_INIT;
							buf_puts(&b, wrap);
							buf_puts(&b, g.piece[t][k]);
							buf_puts(&b, ")");
							free(g.piece[t][k]);
							g.piece[t][k] = buf_detach(&b);
							buf_free(&b);
						}
					if (dnf_and(out, &g) < 0) {
						dnf_clear(&g);
						return -1;
					}
					dnf_clear(&g);
					*split = 1;
					i += al;
					run = i;
					continue;
				}
				dnf_clear(&g);
			}
		}
		i += al + ql;
	}
	if (n > run && dnf_and_piece(out, "", s + run, n - run, "") < 0)
		return -1;
	return 0;
}

/*
 * An alternation s[0..n) into out: one term per alternative, merged back
 * into one piece when each alternative is one piece; s itself when no
 * alternative holds a window (or an option setting inside would not
 * carry over to the pieces).
 */
static int dnf_alt(struct dnf *out, const char *s, size_t n, int *split, int depth)
{
	size_t i = 0, from = 0, t, nplain = 0;
	struct buf plain = BUF_INIT; /* the alternatives without a window, as they are */
	struct dnf acc;
	acc.n = 0;
	if (!has_window(s, n))
		goto whole;
	/* an option setting at this level reaches past its alternative: keep s whole */
	for (i = 0; i < n; i += atom_len(s + i, n - i))
		if (setting_len(s + i))
			goto whole;
	for (i = 0; i <= n; i += i < n ? atom_len(s + i, n - i) : 1) {
		struct dnf a;
		int asplit = 0;
		if (i < n && s[i] != '|')
			continue;
		a.n = 0;
		if (!has_window(s + from, i - from)) {
			buf_puts(&plain, nplain++ ? "|" : "");
			buf_put(&plain, s + from, i - from);
		} else if (dnf_concat(&a, s + from, i - from, &asplit, depth) < 0 || acc.n + a.n > MAX_TERMS) {
			dnf_clear(&a);
			dnf_clear(&acc);
			buf_free(&plain);
			return -1;
		} else {
			for (t = 0; t < a.n; t++) {
				acc.np[acc.n] = a.np[t];
				memcpy(acc.piece[acc.n], a.piece[t], a.np[t] * sizeof(char *));
				acc.n++;
			}
		}
		from = i + 1;
	}
	if (nplain) {
		/* one term: their alternation */
		if (acc.n == MAX_TERMS) {
			dnf_clear(&acc);
			buf_free(&plain);
			return -1;
		}
		acc.np[acc.n] = 1;
		acc.piece[acc.n][0] = nplain > 1 ? NULL : buf_detach(&plain);
		if (nplain > 1) {
			struct buf b = BUF_INIT;
			buf_puts(&b, "(?:");
			buf_puts(&b, buf_cstr(&plain));
			buf_puts(&b, ")");
			acc.piece[acc.n][0] = buf_detach(&b);
			buf_free(&b);
		}
		acc.n++;
	}
	buf_free(&plain);
	*split = 1;
	for (t = 0; t < acc.n && acc.np[t] == 1; t++)
		;
	if (t == acc.n && acc.n > 1) {
		/* each alternative one piece: one expression again */
		struct buf b = BUF_INIT;
		buf_puts(&b, "(?:");
		for (t = 0; t < acc.n; t++) {
			buf_puts(&b, t ? "|" : "");
			buf_puts(&b, acc.piece[t][0]);
		}
		buf_puts(&b, ")");
		dnf_clear(&acc);
		dnf_true(out);
		out->np[0] = 1;
		out->piece[0][0] = buf_detach(&b);
		buf_free(&b);
		return 0;
	}
	*out = acc;
	return 0;
whole:
	buf_free(&plain);
	dnf_true(out);
	out->np[0] = 1;
	out->piece[0][0] = xstrndup(s, n);
	return 0;
}

/* s without ^ outside classes: the loose copy of an expression (struct expr). */
static char *strip_carets(const char *s)
{
	struct buf b = BUF_INIT;
	char *r;
	size_t i = 0, n = strlen(s);
	while (i < n) {
		size_t k = s[i] == '\\' ? escape_len(s + i) : s[i] == '[' ? class_len(s + i) : setting_len(s + i);
		if (s[i] == '(' && s[i + 1] == '?' && !k) {
			int grp, ext;
			k = option(s + i, &grp, &ext); /* (?^i: keeps its ^ */
		}
		if (k) {
			buf_put(&b, s + i, k);
			i += k;
			continue;
		}
		if (s[i] != '^')
			buf_putc(&b, s[i]);
		i++;
	}
	r = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* A new term of pattern pat in d: its index. */
static size_t add_term(struct dbset *d, size_t pat)
{
	if (d->nterm == d->tcap) {
		d->tcap = d->tcap ? 2 * d->tcap : 16;
		d->term_pat = xrealloc(d->term_pat, d->tcap * sizeof(*d->term_pat));
		d->term_need = xrealloc(d->term_need, d->tcap * sizeof(*d->term_need));
	}
	d->term_pat[d->nterm] = pat;
	d->term_need[d->nterm] = 0;
	return d->nterm++;
}

/* Piece j of the nla + 1 of w (nla 0: the whole, without its leading options). */
static const char *rw_piece(const struct rw *w, size_t j, size_t nla)
{
	if (nla == 0)
		return buf_cstr(&w->whole) + w->opts.len;
	return j < nla ? buf_cstr(&w->la[j]) : buf_cstr(&w->rest);
}

/*
 * The pieces a pattern cannot match without, as rewritten: the top-level
 * lookaheads and the rest when w->split_ok, else the whole; each split at
 * its windows (split_windows above).  Into out; without windows, or when
 * they would take too many terms, the pieces as they are, one term.
 */
static void pattern_dnf(struct dnf *out, const struct rw *w)
{
	size_t j, nla = w->split_ok ? w->nla : 0;
	dnf_true(out);
	for (j = 0; j <= nla; j++) {
		const char *piece = rw_piece(w, j, nla);
		struct dnf d;
		int split = 0;
		if (nla > 0)
			piece = unprefixed(piece);
		d.n = 0;
		if (dnf_alt(&d, piece, strlen(piece), &split, 0) < 0 || dnf_and(out, &d) < 0) {
			dnf_clear(&d);
			goto plain;
		}
		dnf_clear(&d);
	}
	return;
plain:
	dnf_clear(out);
	dnf_true(out);
	for (j = 0; j <= nla; j++) {
		const char *piece = rw_piece(w, j, nla);
		out->piece[0][out->np[0]++] = xstrdup(nla > 0 ? unprefixed(piece) : piece);
	}
}

/* The expressions of pattern i for database k, into m. */
static void pattern_exprs(struct multi *m, size_t k, size_t i, const char *src, int caseless)
{
	struct rw w;
	struct dnf d;
	struct buf one = BUF_INIT;
	unsigned flags = HS_FLAG_MULTILINE | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY;
	size_t t, j;

	d.n = 0;
	rw_init(&w, k == DB_UTF8);
	rewrite(&w, src);
	m->anchors[i] |= (unsigned char)w.anchors;
	/*
	 * on text beyond ASCII, Unicode properties and caseless letters beyond
	 * ASCII follow Vectorscan's older Unicode tables, not PCRE2's: run them
	 */
	if (k == DB_UTF8 && (w.props || (any_caseless(src, caseless) && cased_nonascii(src)))) {
		m->always[k][i] = 1;
		goto done;
	}
	if (!w.ok) {
		m->always[k][i] = 1;
		goto done;
	}
	if (caseless)
		flags |= HS_FLAG_CASELESS;
	if (k == DB_UTF8 || w.nonascii || w.props)
		flags |= HS_FLAG_UTF8;
	if (w.props)
		flags |= HS_FLAG_UCP;
	pattern_dnf(&d, &w);
	for (t = 0; t < d.n; t++) {
		size_t term = add_term(&m->d[k], i);
		for (j = 0; j < d.np[t]; j++) {
			struct buf b = BUF_INIT;
			char *loose;
			buf_puts(&b, d.piece[t][j]);
			if (trivial(&b)) {
				buf_free(&b);
				continue;
			}
			buf_free(&b);
			buf_clear(&one);
			buf_put(&one, w.opts.ptr, w.opts.len);
			buf_puts(&one, d.piece[t][j]);
			loose = strip_carets(buf_cstr(&one));
			add_expr(&m->d[k], buf_cstr(&one), loose, flags, i, term);
			free(loose);
		}
	}
done:
	dnf_clear(&d);
	buf_free(&one);
	rw_free(&w);
}

static unsigned mode_flags(const struct expr *e)
{
	return e->flags | (e->mode == MODE_PREFILTER || e->mode == MODE_LOOSE ? HS_FLAG_PREFILTER : 0);
}

static const char *mode_re(const struct expr *e)
{
	return e->mode == MODE_LOOSE ? e->loose : e->re;
}

/* Compiles the expressions of d whose mode is not MODE_NONE, for any x86-64 (or whatever the host is). */
static hs_error_t compile_db(struct dbset *d, hs_compile_error_t **cerr)
{
	const char **res = xmalloc((d->n ? d->n : 1) * sizeof(*res));
	unsigned *flags = xmalloc((d->n ? d->n : 1) * sizeof(*flags));
	unsigned *ids = xmalloc((d->n ? d->n : 1) * sizeof(*ids));
	hs_platform_info_t plat;
	size_t i, n = 0;
	hs_error_t rc;

	for (i = 0; i < d->n; i++) {
		if (d->e[i].mode == MODE_NONE)
			continue;
		res[n] = mode_re(&d->e[i]);
		flags[n] = mode_flags(&d->e[i]);
		ids[n] = (unsigned)i;
		n++;
	}
	*cerr = NULL;
	d->db = NULL;
	rc = HS_SUCCESS;
	if (n > 0) {
		/* generic: the same bytes on every machine, so a serialized database travels */
		memset(&plat, 0, sizeof(plat));
		plat.tune = HS_TUNE_FAMILY_GENERIC;
		rc = hs_compile_multi(res, flags, ids, (unsigned)n, HS_MODE_BLOCK, &plat, &d->db, cerr);
		if (rc != HS_SUCCESS && *cerr && (*cerr)->expression >= 0)
			(*cerr)->expression = (int)ids[(*cerr)->expression];
	}
	free(res);
	free(flags);
	free(ids);
	return rc;
}

/* Settles each expression's mode: as written, else in prefilter mode, else not at all. */
static void classify(struct dbset *d)
{
	size_t i;
	for (i = 0; i < d->n; i++) {
		hs_expr_info_t *info = NULL;
		hs_compile_error_t *cerr = NULL;
		struct expr *e = &d->e[i];
		for (e->mode = MODE_EXACT; e->mode < MODE_NONE; e->mode++) {
			if (hs_expression_info(mode_re(e), mode_flags(e), &info, &cerr) == HS_SUCCESS) {
				free(info);
				break;
			}
			hs_free_compile_error(cerr);
			cerr = NULL;
		}
	}
}

/* Marks the patterns of expressions left out of d as always running. */
static void settle_always(struct multi *m, size_t k)
{
	size_t i;
	for (i = 0; i < m->d[k].n; i++)
		if (m->d[k].e[i].mode == MODE_NONE || !m->d[k].db)
			m->always[k][m->d[k].e[i].pat] = 1;
}

/* Compiles database k; an expression the whole compile refuses steps down a mode, and it tries again. */
static void build_db(struct multi *m, size_t k)
{
	struct dbset *d = &m->d[k];
	size_t tries;
	for (tries = 0; tries <= 2 * d->n + 1; tries++) {
		hs_compile_error_t *cerr = NULL;
		hs_error_t rc = compile_db(d, &cerr);
		int bad = cerr ? cerr->expression : -1;
		hs_free_compile_error(cerr);
		if (rc == HS_SUCCESS)
			break;
		d->db = NULL;
		if (bad < 0 || (size_t)bad >= d->n)
			break; /* the database as a whole: every pattern runs always */
		d->e[bad].mode++;
	}
	settle_always(m, k);
}

static struct multi *multi_alloc(const char *const *src, const unsigned char *caseless, size_t n)
{
	struct multi *m = xcalloc(1, sizeof(*m));
	size_t k;
	m->npat = n;
	m->key = key_of(src, caseless, n);
	m->anchors = xcalloc(n ? n : 1, 1);
	for (k = 0; k < DB_N; k++) {
		m->always[k] = xcalloc(n ? n : 1, 1);
	}
	return m;
}

static void *hs_xmalloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

int multi_build(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n)
{
	struct multi *m;
	size_t i, k;

	/* Vectorscan's allocations fall under the one out-of-memory policy */
	hs_set_allocator(hs_xmalloc, free);
	m = multi_alloc(src, caseless, n);
	for (k = 0; k < DB_N; k++) {
		for (i = 0; i < n; i++)
			pattern_exprs(m, k, i, src[i], caseless[i]);
		classify(&m->d[k]);
		build_db(m, k);
	}
	*out = m;
	return 0;
}

void multi_free(struct multi *m)
{
	size_t i, k;
	if (!m)
		return;
	for (k = 0; k < DB_N; k++) {
		for (i = 0; i < m->d[k].n; i++) {
			free(m->d[k].e[i].re);
			free(m->d[k].e[i].loose);
		}
		free(m->d[k].e);
		hs_free_database(m->d[k].db);
		free(m->always[k]);
		free(m->d[k].term_pat);
		free(m->d[k].term_need);
	}
	free(m->anchors);
	free(m);
}

/* ---- serializing --------------------------------------------------------- */

static void put64(struct buf *b, uint64_t v)
{
	unsigned char t[8];
	int i;
	for (i = 0; i < 8; i++)
		t[i] = (unsigned char)(v >> (8 * i));
	buf_put(b, (const char *)t, 8);
}

static int get64(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	int i;
	if ((size_t)(end - *p) < 8)
		return -1;
	*v = 0;
	for (i = 0; i < 8; i++)
		*v |= (uint64_t)(*p)[i] << (8 * i);
	*p += 8;
	return 0;
}

int multi_serialize(unsigned char **out, size_t *len, const struct multi *m)
{
	struct buf b = BUF_INIT;
	size_t i, k;
	int rc = -1;

	buf_put(&b, MULTI_MAGIC, 8);
	put64(&b, m->key);
	for (k = 0; k < DB_N; k++) {
		char *bytes = NULL;
		size_t blen = 0;
		put64(&b, m->d[k].n);
		for (i = 0; i < m->d[k].n; i++)
			buf_putc(&b, (char)m->d[k].e[i].mode);
		if (m->d[k].db && hs_serialize_database(m->d[k].db, &bytes, &blen) != HS_SUCCESS) {
			err_set("cannot serialize the pattern database");
			goto done;
		}
		put64(&b, blen);
		if (blen && buf_put(&b, bytes, blen) < 0) {
			free(bytes);
			err_set("the pattern database is too large to serialize");
			goto done;
		}
		free(bytes);
	}
	put64(&b, libdeflate_crc32(0, b.ptr, b.len)); /* CRC-32: the SIMD one, as the cache's segments */
	*len = b.len;
	*out = (unsigned char *)buf_detach(&b);
	rc = 0;
done:
	buf_free(&b);
	return rc;
}

/*
 * The built-in databases are bytes of the executable, mapped read-only
 * from its file: once deserialized onto the heap they are not read again,
 * yet every page the load touched stayed resident (11 MB for the pack's
 * database and its classes, beside their heap copies).  Their whole pages
 * are dropped from the process's memory; the kernel would read them back
 * from the file if they were read again (a later load does that).  Only
 * for those arrays: on other memory MADV_DONTNEED would zero the bytes.
 */
static void drop_builtin_pages(const unsigned char *data, size_t len)
{
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t from, to;
	int builtin = data == multi_builtin_db;
	size_t c;

	for (c = 0; c < multi_builtin_nclass; c++)
		builtin |= data == multi_builtin_class[c].db;
	if (!builtin || pg <= 0)
		return;
	from = ((uintptr_t)data + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
	to = ((uintptr_t)data + len) & ~((uintptr_t)pg - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED); /* advice: nothing to do if refused */
}

int multi_load(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n,
	       const unsigned char *data, size_t len)
{
	struct multi *m = NULL;
	const unsigned char *p = data, *end;
	uint64_t v, sum;
	size_t i, k;
	int rc = -1;

	if (len < 8 + 8 + 8 || memcmp(data, MULTI_MAGIC, 8) != 0) {
		err_set("not a pattern database of this version");
		goto done;
	}
	end = data + len - 8;
	if (get64(&end, data + len, &sum) < 0 || sum != libdeflate_crc32(0, data, len - 8)) {
		err_set("the pattern database is damaged (checksum)");
		goto done;
	}
	end = data + len - 8;
	p += 8;
	hs_set_allocator(hs_xmalloc, free);
	m = multi_alloc(src, caseless, n);
	if (get64(&p, end, &v) < 0 || v != m->key) {
		err_set("the pattern database is for other patterns or another Vectorscan");
		goto done;
	}
	for (k = 0; k < DB_N; k++) {
		struct dbset *d = &m->d[k];
		size_t sz = 0;
		for (i = 0; i < n; i++)
			pattern_exprs(m, k, i, src[i], caseless[i]);
		if (get64(&p, end, &v) < 0 || v != d->n || (size_t)(end - p) < d->n) {
			err_set("the pattern database does not fit its patterns");
			goto done;
		}
		for (i = 0; i < d->n; i++)
			d->e[i].mode = *p++ > MODE_NONE ? MODE_NONE : p[-1];
		if (get64(&p, end, &v) < 0 || v > (uint64_t)(end - p)) {
			err_set("the pattern database is truncated");
			goto done;
		}
		if (v) {
			if (hs_serialized_database_size((const char *)p, (size_t)v, &sz) != HS_SUCCESS ||
			    hs_deserialize_database((const char *)p, (size_t)v, &d->db) != HS_SUCCESS) {
				err_set("Vectorscan refuses the serialized pattern database");
				goto done;
			}
		}
		p += v;
		settle_always(m, k);
	}
	if (p != end) {
		err_set("the pattern database has trailing bytes");
		goto done;
	}
	*out = m;
	m = NULL;
	rc = 0;
	drop_builtin_pages(data, len);
done:
	multi_free(m);
	return rc;
}

/* ---- scanning ------------------------------------------------------------ */

struct multi_scratch *multi_scratch_new(const struct multi *m)
{
	struct multi_scratch *s = xcalloc(1, sizeof(*s));
	size_t k, most = 1;
	s->npat = m ? m->npat : 0;
	s->may = xcalloc(s->npat ? s->npat : 1, 1);
	for (k = 0; m && k < DB_N; k++) {
		if (m->d[k].n > most)
			most = m->d[k].n;
		if (m->d[k].nterm > s->ncount)
			s->ncount = m->d[k].nterm;
		/* fails only out of memory (the allocator exits then); without scratch hs_scan fails: all run */
		if (m->d[k].db)
			hs_alloc_scratch(m->d[k].db, &s->hs);
	}
	s->hit = xcalloc(most, 1);
	s->nhit = most;
	s->count = xcalloc(s->ncount ? s->ncount : 1, sizeof(*s->count));
	return s;
}

void multi_scratch_free(struct multi_scratch *s)
{
	if (!s)
		return;
	hs_free_scratch(s->hs);
	free(s->copy);
	free(s->may);
	free(s->hit);
	free(s->count);
	free(s);
}

/* 1 when the len bytes at s are valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

struct hit_ctx {
	const struct dbset *d;
	struct multi_scratch *s;
};

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx)
{
	struct hit_ctx *h = ctx;
	(void)from;
	(void)to;
	(void)flags;
	if (id < h->s->nhit && !h->s->hit[id]) {
		h->s->hit[id] = 1;
		h->s->count[h->d->e[id].term]++;
	}
	return 0;
}

void multi_scan(const struct multi *m, struct multi_scratch *s, const char *data, size_t len, int ascii)
{
	size_t i, k = ascii ? DB_ASCII : DB_UTF8;
	int cr, all = 0;

	/* an empty subject (where Vectorscan reports nothing), invalid UTF-8, or too long: run everything */
	if (len == 0 || len > UINT_MAX || (!ascii && !valid_utf8((const unsigned char *)data, len)))
		all = 1;
	memset(s->count, 0, s->ncount * sizeof(*s->count));
	if (!all && m->d[k].db) {
		struct hit_ctx h;
		h.d = &m->d[k];
		h.s = s;
		memset(s->hit, 0, s->nhit);
		if ((uintptr_t)data % ALIGN) {
			char *at;
			if (s->copy_cap < len + ALIGN) {
				free(s->copy);
				s->copy_cap = len + ALIGN;
				s->copy = xmalloc(s->copy_cap);
			}
			at = s->copy + (ALIGN - (uintptr_t)s->copy % ALIGN) % ALIGN;
			memcpy(at, data, len);
			data = at;
		}
		if (hs_scan(m->d[k].db, data, (unsigned)len, 0, s->hs, on_match, &h) != HS_SUCCESS)
			all = 1;
	}
	cr = !all && memchr(data, '\r', len) != NULL;
	/* a copy of a large blob is not kept: each worker has a scratch per database */
	if (s->copy_cap > COPY_KEEP) {
		free(s->copy);
		s->copy = NULL;
		s->copy_cap = 0;
	}
	for (i = 0; i < s->npat; i++)
		s->may[i] = (unsigned char)(all || m->always[k][i] || (cr && m->anchors[i]));
	for (i = 0; i < m->d[k].nterm; i++)
		if (s->count[i] == m->d[k].term_need[i])
			s->may[m->d[k].term_pat[i]] = 1;
}

int multi_may_match(const struct multi_scratch *s, size_t id)
{
	return id >= s->npat || s->may[id];
}

const char *multi_describe(const struct multi *m, size_t id)
{
	static char out[160];
	static const char *const dbname[DB_N] = {"ascii", "utf8"};
	size_t k, i, len = 0;
	out[0] = '\0';
	for (k = 0; k < DB_N && id < m->npat; k++) {
		size_t exact = 0, pre = 0;
		for (i = 0; i < m->d[k].n; i++)
			if (m->d[k].e[i].pat == id) {
				exact += m->d[k].e[i].mode == MODE_EXACT;
				pre += m->d[k].e[i].mode == MODE_PREFILTER || m->d[k].e[i].mode == MODE_LOOSE;
			}
		if (m->always[k][id])
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s: always", k ? "; " : "", dbname[k]);
		else
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s: %zu exact, %zu prefilter",
						k ? "; " : "", dbname[k], exact, pre);
	}
	return out;
}

#else /* without Vectorscan */

const char *multi_engine(void)
{
	return "none";
}

int multi_available(void)
{
	return 0;
}

const char *multi_unavailable(void)
{
	return "built without Vectorscan or Hyperscan";
}

int multi_build(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n)
{
	(void)out;
	(void)src;
	(void)caseless;
	(void)n;
	return err_set("built without Vectorscan");
}

int multi_serialize(unsigned char **out, size_t *len, const struct multi *m)
{
	(void)out;
	(void)len;
	(void)m;
	return err_set("built without Vectorscan");
}

int multi_load(struct multi **out, const char *const *src, const unsigned char *caseless, size_t n,
	       const unsigned char *data, size_t len)
{
	(void)out;
	(void)src;
	(void)caseless;
	(void)n;
	(void)data;
	(void)len;
	return err_set("built without Vectorscan");
}

void multi_free(struct multi *m)
{
	(void)m;
}

struct multi_scratch *multi_scratch_new(const struct multi *m)
{
	(void)m;
	return xcalloc(1, 1);
}

void multi_scratch_free(struct multi_scratch *s)
{
	free(s);
}

void multi_scan(const struct multi *m, struct multi_scratch *s, const char *data, size_t len, int ascii)
{
	(void)m;
	(void)s;
	(void)data;
	(void)len;
	(void)ascii;
}

int multi_may_match(const struct multi_scratch *s, size_t id)
{
	(void)s;
	(void)id;
	return 1;
}

const char *multi_describe(const struct multi *m, size_t id)
{
	(void)m;
	(void)id;
	return "always";
}

#endif

int multi_load_class(struct multi **out, const struct multi_class *c)
{
	const char **src = xmalloc((c->n ? c->n : 1) * sizeof(*src));
	unsigned char *ci = xmalloc(c->n ? c->n : 1);
	size_t k;
	int rc;

	for (k = 0; k < c->n; k++) {
		src[k] = multi_builtin_src[c->ids[k]];
		ci[k] = multi_builtin_caseless[c->ids[k]];
	}
	rc = multi_load(out, src, ci, c->n, c->db, c->len);
	free(src);
	free(ci);
	return rc;
}
