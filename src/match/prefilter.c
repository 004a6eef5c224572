/* prefilter.c - the words a regex cannot match without (a small reader of PCRE2 syntax), found by one ac.c pass. */
#include "match/prefilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/ac.h"
#include "util/bytes.h"
#include "util/mem.h"

#define SET_CAP	     256 /* strings an exact set may hold before it is cut into clauses */
#define MIN_WORD     3	 /* a clause with a shorter ASCII word is too weak to be worth keeping */
#define CLAUSE_MAX   512 /* words a kept clause may hold */
#define KEEP	     4	 /* clauses kept per pattern: the strongest */
#define DEPTH_MAX    64	 /* groups nested deeper than this: no prefilter */
#define NONASCII_LEN 100 /* a word that is never in an ASCII subject scores as a long one */

/* A set of distinct strings (lower-case ASCII; other bytes as they are). */
struct sset {
	char **s;
	size_t n, cap;
};

/*
 * What a piece of a pattern tells: when exact, e is every string it can
 * match; c are clauses, each a set of which every subject holding a match
 * holds at least one string.
 */
struct info {
	int exact;
	struct sset e;
	struct sset *c;
	size_t nc, cc;
};

struct parser {
	const char *p;
	int bad; /* a construct this reader does not know: no prefilter for the pattern */
	int depth;
};

struct pattern {
	size_t *cl; /* clause k's words are words[cl[k] .. cl[k + 1]) */
	size_t ncl;
};

struct prefilter {
	char **words; /* every word of every kept clause; index = word id */
	size_t nwords, wcap;
	size_t *wslot; /* open addressing on fnv1a: word id + 1, or 0 for a free slot */
	size_t nslots; /* a power of two over twice nwords, or 0 */
	struct pattern *pats;
	size_t npats, pcap;
	size_t *cwords; /* clause word ids, all patterns */
	size_t ncw, cwcap;
	struct ac *ac; /* finds the words; NULL until prefilter_compile */
	/* per word: the one-clause patterns it meets (by[bstart[w]..bstart[w+1])) */
	size_t *bstart;
	int *by;
};

struct prefilter_scratch {
	struct ac_scratch *ac;
	uint32_t *seen; /* per word: the subject number it was last found in */
	uint32_t *met;	/* per one-clause pattern: the subject number its clause was met in */
	uint32_t gen;
};

/* ---- string sets ------------------------------------------------------------------ */

static void sset_add(struct sset *s, const char *w, size_t n)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (strlen(s->s[i]) == n && !memcmp(s->s[i], w, n))
			return;
	XGROW(s->s, s->cap, s->n + 1);
	s->s[s->n++] = xstrndup(w, n);
}

static void sset_free(struct sset *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->s[i]);
	free(s->s);
	memset(s, 0, sizeof(*s));
}

static void sset_copy(struct sset *dst, const struct sset *src)
{
	size_t i;
	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		sset_add(dst, src->s[i], strlen(src->s[i]));
}

static int sset_has_empty(const struct sset *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!s->s[i][0])
			return 1;
	return 0;
}

/* every a followed by every b */
static void sset_product(struct sset *out, const struct sset *a, const struct sset *b)
{
	size_t i, k;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < a->n; i++)
		for (k = 0; k < b->n; k++) {
			size_t la = strlen(a->s[i]), lb = strlen(b->s[k]);
			char *t = xmalloc(la + lb + 1);
			memcpy(t, a->s[i], la);
			memcpy(t + la, b->s[k], lb + 1);
			sset_add(out, t, la + lb);
			free(t);
		}
}

static int word_ascii(const char *w)
{
	for (; *w; w++)
		if ((unsigned char)*w >= 0x80)
			return 0;
	return 1;
}

/* How strong a clause is: its shortest word that can be in ASCII text; -1 when useless. */
static int clause_score(const struct sset *s)
{
	size_t i;
	int best = NONASCII_LEN;
	if (s->n == 0 || s->n > CLAUSE_MAX || sset_has_empty(s))
		return -1;
	for (i = 0; i < s->n; i++) {
		int len = (int)strlen(s->s[i]);
		if (word_ascii(s->s[i]) && len < best)
			best = len;
	}
	return best < MIN_WORD ? -1 : best;
}

/* ---- pieces of patterns ------------------------------------------------------------ */

static void info_free(struct info *in)
{
	size_t i;
	sset_free(&in->e);
	for (i = 0; i < in->nc; i++)
		sset_free(&in->c[i]);
	free(in->c);
	memset(in, 0, sizeof(*in));
}

/* matches only the empty string (an anchor, an option setting) */
static void info_empty(struct info *in)
{
	memset(in, 0, sizeof(*in));
	in->exact = 1;
	sset_add(&in->e, "", 0);
}

static void info_word(struct info *in, const char *w, size_t n)
{
	memset(in, 0, sizeof(*in));
	in->exact = 1;
	sset_add(&in->e, w, n);
}

/* Adds a clause, taking it; a clause holding "" says nothing and is dropped. */
static void add_clause(struct info *in, struct sset *s)
{
	if (s->n == 0 || sset_has_empty(s)) {
		sset_free(s);
		return;
	}
	XGROW(in->c, in->cc, in->nc + 1);
	in->c[in->nc++] = *s;
	memset(s, 0, sizeof(*s));
}

static void move_clauses(struct info *to, struct info *from)
{
	size_t i;
	for (i = 0; i < from->nc; i++)
		add_clause(to, &from->c[i]);
	from->nc = 0;
}

/* The strongest clause of in (its exact set counts as one), or NULL. */
static const struct sset *best_clause(const struct info *in)
{
	const struct sset *best = NULL;
	int bs = -1;
	size_t i;
	if (in->exact && clause_score(&in->e) > bs) {
		best = &in->e;
		bs = clause_score(&in->e);
	}
	for (i = 0; i < in->nc; i++)
		if (clause_score(&in->c[i]) > bs) {
			best = &in->c[i];
			bs = clause_score(&in->c[i]);
		}
	return best;
}

/* a | b, into a */
static void info_alt(struct info *a, struct info *b)
{
	const struct sset *ka, *kb;
	struct sset u;
	size_t i;

	if (a->exact && b->exact && a->e.n + b->e.n <= SET_CAP) {
		for (i = 0; i < b->e.n; i++)
			sset_add(&a->e, b->e.s[i], strlen(b->e.s[i]));
		/* clauses of one branch do not hold for the other */
		for (i = 0; i < a->nc; i++)
			sset_free(&a->c[i]);
		a->nc = 0;
		info_free(b);
		return;
	}
	ka = best_clause(a);
	kb = best_clause(b);
	if (!ka || !kb) {
		info_free(a);
		info_free(b);
		return; /* a is now "nothing known" */
	}
	sset_copy(&u, ka);
	for (i = 0; i < kb->n; i++)
		sset_add(&u, kb->s[i], strlen(kb->s[i]));
	info_free(a);
	info_free(b);
	add_clause(a, &u);
}

static void parse_alt(struct parser *ps, struct info *out);

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_val(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* UTF-8 for cp into b (at least 4 bytes); its length.  ASCII is folded. */
static size_t put_cp(char *b, unsigned long cp)
{
	if (cp < 0x80) {
		b[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp);
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Caseless matching in UTF mode pairs two non-ASCII characters with ASCII
 * letters: KELVIN SIGN with k and LONG S with s; Turkish casing (not PCRE2
 * 10.42's) would pair DOTLESS I with I too.  A pattern holding one could
 * match ASCII text that no word of it is in.
 */
static int folds_to_ascii(unsigned long cp)
{
	return cp == 0x212a || cp == 0x17f || cp == 0x131;
}

/* One literal character at ps->p (not an escape); into b (folded), its length; *raw its code point. */
static size_t take_char(struct parser *ps, char *b, unsigned long *raw)
{
	const unsigned char *u = (const unsigned char *)ps->p;
	unsigned long cp;
	size_t n, i;

	*raw = u[0];
	if (u[0] < 0x80) {
		ps->p++;
		return put_cp(b, u[0]);
	}
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 1;
	cp = n == 1 ? u[0] : u[0] & (0x3f >> (n - 1));
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			ps->bad = 1;
			return 0;
		}
		cp = cp << 6 | (u[i] & 0x3f);
	}
	if (n == 1 || folds_to_ascii(cp)) {
		ps->bad = 1;
		return 0;
	}
	memcpy(b, u, n);
	ps->p += n;
	*raw = cp;
	return n;
}

/* \x.. (ps->p just past the x); the code point, 0 when there is none. */
static unsigned long take_hex(struct parser *ps)
{
	unsigned long cp = 0;
	int k;
	if (*ps->p == '{') {
		ps->p++;
		for (k = 0; is_hex(*ps->p) && k < 8; k++)
			cp = cp << 4 | (unsigned long)hex_val(*ps->p++);
		if (*ps->p != '}' || k == 0)
			return 0;
		ps->p++;
		return cp;
	}
	for (k = 0; k < 2 && is_hex(*ps->p); k++)
		cp = cp << 4 | (unsigned long)hex_val(*ps->p++);
	return cp;
}

/* skips \p{..} or \pL (ps->p just past the p) */
static void skip_prop(struct parser *ps)
{
	if (*ps->p == '{') {
		const char *e = strchr(ps->p, '}');
		if (!e) {
			ps->bad = 1;
			return;
		}
		ps->p = e + 1;
	} else if (*ps->p) {
		ps->p++;
	} else {
		ps->bad = 1;
	}
}

enum esc { ESC_CHAR, ESC_EMPTY, ESC_ANY };

/*
 * An escape (ps->p at the backslash).  ESC_CHAR puts the character in b
 * (*n bytes); ESC_EMPTY for assertions; ESC_ANY for a class of characters.
 * in_class: inside [...], where \b is a backspace.
 */
static enum esc take_escape(struct parser *ps, char *b, size_t *n, unsigned long *raw, int in_class)
{
	int e = (unsigned char)ps->p[1];
	unsigned long cp;

	ps->p += 2;
	*n = 0;
	*raw = 0;
	switch (e) {
	case 'b':
		if (in_class) {
			*n = put_cp(b, 8);
			return ESC_CHAR;
		}
		return ESC_EMPTY;
	case 'B':
	case 'A':
	case 'z':
	case 'Z':
	case 'G':
	case 'K':
		if (in_class)
			ps->bad = 1;
		return ESC_EMPTY;
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 's':
	case 'S':
	case 'h':
	case 'H':
	case 'v':
	case 'V':
		return ESC_ANY;
	case 'R':
	case 'X':
	case 'C':
		if (in_class)
			ps->bad = 1;
		return ESC_ANY;
	case 'N':
		if (*ps->p == '{' || in_class)
			ps->bad = 1; /* \N{U+..} names a character */
		return ESC_ANY;
	case 'p':
	case 'P':
		skip_prop(ps);
		return ESC_ANY;
	case 'x':
		cp = take_hex(ps);
		break;
	case 'n':
		cp = '\n';
		break;
	case 'r':
		cp = '\r';
		break;
	case 't':
		cp = '\t';
		break;
	case 'f':
		cp = '\f';
		break;
	case 'e':
		cp = 0x1b;
		break;
	case 'a':
		cp = 0x07;
		break;
	default:
		/* \Q, \E, backreferences, octal, \g, \k, \c, \o, \u and the rest */
		if (e == 0 || (e >= '0' && e <= '9') || (e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || e >= 0x80) {
			ps->bad = 1;
			return ESC_ANY;
		}
		cp = (unsigned long)e; /* escaped punctuation stands for itself */
		break;
	}
	if (cp == 0 || cp > 0x10ffff || folds_to_ascii(cp)) {
		ps->bad = 1;
		return ESC_ANY;
	}
	*raw = cp;
	*n = put_cp(b, cp);
	return ESC_CHAR;
}

/*
 * Where a POSIX class name that starts at p ends (its ':'), as PCRE2
 * decides: a ']' or another '[:' first means it is no POSIX class (NULL).
 */
static const char *posix_end(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && (p[1] == ']' || p[1] == '\\'))
			p++;
		else if ((*p == '[' && p[1] == ':') || *p == ']')
			return NULL;
		else if (*p == ':' && p[1] == ']')
			return p;
	}
	return NULL;
}

/* [...] (ps->p at the bracket): a small set of single characters, or nothing known. */
static void parse_class(struct parser *ps, struct info *out)
{
	struct sset set;
	int simple = 1, first = 1;
	char b[8], b2[8];
	size_t n, n2;
	unsigned long lo, hi;

	memset(&set, 0, sizeof(set));
	memset(out, 0, sizeof(*out));
	ps->p++;
	if (*ps->p == '^') {
		simple = 0;
		ps->p++;
	}
	for (;;) {
		enum esc k = ESC_CHAR;
		if (!*ps->p || ps->bad) {
			ps->bad = 1;
			break;
		}
		if (*ps->p == ']' && !first) {
			ps->p++;
			break;
		}
		first = 0;
		if (ps->p[0] == '[' && (ps->p[1] == ':' || ps->p[1] == '=' || ps->p[1] == '.')) {
			const char *e = ps->p[1] == ':' ? posix_end(ps->p + 2) : NULL;
			if (!e) {
				ps->bad = 1; /* not a POSIX class: PCRE2 reads the '[' as a literal */
				break;
			}
			simple = 0;
			ps->p = e + 2;
			continue;
		}
		if (*ps->p == '\\')
			k = take_escape(ps, b, &n, &lo, 1);
		else
			n = take_char(ps, b, &lo);
		if (ps->bad)
			break;
		if (k != ESC_CHAR) {
			simple = 0;
			continue;
		}
		if (ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1]) {
			enum esc k2 = ESC_CHAR;
			ps->p++;
			if (*ps->p == '\\')
				k2 = take_escape(ps, b2, &n2, &hi, 1);
			else if (*ps->p == '[')
				k2 = ESC_ANY, ps->bad = 1;
			else
				n2 = take_char(ps, b2, &hi);
			if (ps->bad || k2 != ESC_CHAR) {
				ps->bad = 1;
				break;
			}
			/* a range of ASCII characters, by their code points as written */
			if (hi >= 0x80 || lo >= 0x80 || hi < lo || hi - lo > 16) {
				simple = 0;
				continue;
			}
			for (unsigned long c = lo; c <= hi; c++) {
				char one;
				put_cp(&one, c);
				sset_add(&set, &one, 1);
			}
			continue;
		}
		sset_add(&set, b, n);
	}
	if (!ps->bad && simple && set.n > 0 && set.n <= 16) {
		out->exact = 1;
		out->e = set;
		return;
	}
	sset_free(&set);
}

/* A group name (letters, digits, '_', not starting with a digit) closed by end: past end, or NULL. */
static const char *skip_name(const char *q, char end)
{
	const char *s = q;
	if ((*s >= '0' && *s <= '9') || *s == end)
		return NULL;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')
		s++;
	return *s == end ? s + 1 : NULL;
}

enum group { G_PLAIN, G_LOOKAHEAD, G_DROP };

/* (?#...), q past the '#': taken whole (ps->p past it), or bad; NULL either way. */
static const char *group_comment(struct parser *ps, const char *q)
{
	/*
	 * PCRE2 drops a comment altogether: a quantifier after it
	 * repeats what came before, which this reader would miss
	 */
	const char *e = strchr(q, ')');
	if (!e || strchr("*+?{", e[1]))
		ps->bad = 1;
	else
		ps->p = e + 1;
	return NULL;
}

/*
 * Option letters, q past the '?': (?i) or (?-s) is taken whole (ps->p past
 * it, NULL returned), (?i:...) gives where its body starts; anything else
 * this reader leaves alone (bad, NULL).
 */
static const char *group_options(struct parser *ps, const char *q)
{
	const char *s = q, *t;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '^')
		s++;
	if (s == q && *s != ')') {
		ps->bad = 1;
		return NULL;
	}
	for (t = q; t < s; t++)
		if (*t == 'x' || *t == 'R' || *t == 'C' || *t == 'P') {
			ps->bad = 1;
			return NULL;
		}
	if (*s == ')') {
		ps->p = s + 1;
		return NULL;
	}
	if (*s != ':') {
		ps->bad = 1;
		return NULL;
	}
	return s + 1;
}

/*
 * The head of the group at ps->p: where its body starts, and in *kind what
 * the group is; NULL when it is bad (ps->bad) or was taken whole, matching
 * the empty string (a comment, an option setting).
 */
static const char *group_head(struct parser *ps, enum group *kind)
{
	const char *q = ps->p + 1;

	*kind = G_PLAIN;
	if (*q == '*') {
		ps->bad = 1; /* (*VERB) */
		return NULL;
	}
	if (*q != '?')
		return q;
	q++;
	switch (*q) {
	case ':':
	case '>':
		return q + 1;
	case '=':
		*kind = G_LOOKAHEAD;
		return q + 1;
	case '!':
		*kind = G_DROP;
		return q + 1;
	case '<':
		if (q[1] == '=' || q[1] == '!') {
			*kind = G_DROP; /* a lookbehind: what it needs is checked where it is, not kept */
			return q + 2;
		}
		q = skip_name(q + 1, '>'); /* not a name: (?<*...) is a lookbehind in newer PCRE2 */
		break;
	case 'P':
		q = q[1] == '<' ? skip_name(q + 2, '>') : NULL;
		break;
	case '\'':
		q = skip_name(q + 1, '\'');
		break;
	case '#':
		return group_comment(ps, q);
	default:
		return group_options(ps, q);
	}
	if (!q)
		ps->bad = 1;
	return q;
}

/* (...) (ps->p at the parenthesis) */
static void parse_group(struct parser *ps, struct info *out)
{
	enum group kind;
	const char *q;
	struct info in;

	memset(out, 0, sizeof(*out));
	q = group_head(ps, &kind);
	if (!q) {
		if (!ps->bad)
			info_empty(out);
		return;
	}
	if (++ps->depth > DEPTH_MAX) {
		ps->bad = 1;
		return;
	}
	ps->p = q;
	parse_alt(ps, &in);
	ps->depth--;
	if (ps->bad || *ps->p != ')') {
		ps->bad = 1;
		info_free(&in);
		return;
	}
	ps->p++;
	if (kind == G_PLAIN) {
		*out = in;
		return;
	}
	info_empty(out);
	if (kind == G_LOOKAHEAD) {
		/* consumes nothing, yet what it looks for must be in the subject */
		move_clauses(out, &in);
		if (in.exact) {
			add_clause(out, &in.e);
		}
	}
	info_free(&in);
}

static void parse_atom(struct parser *ps, struct info *out)
{
	char b[8];
	size_t n;

	memset(out, 0, sizeof(*out));
	switch (*ps->p) {
	case '(':
		parse_group(ps, out);
		return;
	case '[':
		parse_class(ps, out);
		return;
	case '.':
		ps->p++;
		return; /* nothing known */
	case '^':
	case '$':
		ps->p++;
		info_empty(out);
		return;
	case '*':
	case '+':
	case '?':
		ps->bad = 1;
		return;
	case '{':
		if (ps->p[1] == ',') {
			ps->bad = 1; /* a quantifier in newer PCRE2, a literal in older */
			return;
		}
		break;
	case '\\': {
		unsigned long raw;
		enum esc k = take_escape(ps, b, &n, &raw, 0);
		if (k == ESC_CHAR)
			info_word(out, b, n);
		else if (k == ESC_EMPTY)
			info_empty(out);
		return;
	}
	default:
		break;
	}
	{
		unsigned long raw;
		n = take_char(ps, b, &raw);
	}
	if (!ps->bad)
		info_word(out, b, n);
}

/* {n}, {n,}, {n,m} at ps->p: 1 and the bounds (max -1: none), or 0 when it is not one. */
static int take_braces(struct parser *ps, long *min, long *max)
{
	const char *s = ps->p + 1;
	char *e;
	if (*s < '0' || *s > '9')
		return 0;
	*min = strtol(s, &e, 10);
	*max = *min;
	if (*e == ',') {
		e++;
		if (*e == '}')
			*max = -1;
		else if (*e >= '0' && *e <= '9')
			*max = strtol(e, &e, 10);
		else
			return 0;
	}
	if (*e != '}')
		return 0;
	ps->p = e + 1;
	return 1;
}

static void parse_quantified(struct parser *ps, struct info *out)
{
	long min, max;
	struct info a;

	memset(out, 0, sizeof(*out));
	parse_atom(ps, &a);
	if (ps->bad) {
		info_free(&a);
		return;
	}
	for (;;) {
		if (*ps->p == '?') {
			min = 0, max = 1;
			ps->p++;
		} else if (*ps->p == '*') {
			min = 0, max = -1;
			ps->p++;
		} else if (*ps->p == '+') {
			min = 1, max = -1;
			ps->p++;
		} else if (*ps->p == '{' && take_braces(ps, &min, &max)) {
			/* taken */
		} else {
			break;
		}
		if (*ps->p == '?' || *ps->p == '+')
			ps->p++; /* lazy or possessive: the same strings */
		if (min == 1 && max == 1)
			continue;
		if (min == 0 && max == 1 && a.exact && a.e.n + 1 <= SET_CAP) {
			struct sset e = a.e;
			memset(&a.e, 0, sizeof(a.e));
			info_free(&a);
			a.exact = 1;
			a.e = e;
			sset_add(&a.e, "", 0);
		} else if (min == 0) {
			info_free(&a); /* may be absent: nothing known */
		} else {
			/* at least once: each clause still holds, and so does the exact set as a clause */
			if (a.exact) {
				add_clause(&a, &a.e);
				a.exact = 0;
			}
		}
	}
	*out = a;
}

/* Flushes the run of exact strings as a clause of out. */
static void flush_run(struct info *out, struct sset *run)
{
	add_clause(out, run);
	memset(run, 0, sizeof(*run));
	sset_add(run, "", 0);
}

static void parse_seq(struct parser *ps, struct info *out)
{
	struct sset run;
	int exact = 1;

	memset(out, 0, sizeof(*out));
	memset(&run, 0, sizeof(run));
	sset_add(&run, "", 0);
	while (*ps->p && *ps->p != '|' && *ps->p != ')') {
		struct info a;
		parse_quantified(ps, &a);
		if (ps->bad) {
			info_free(&a);
			break;
		}
		move_clauses(out, &a);
		if (a.exact && run.n * a.e.n <= SET_CAP) {
			struct sset p;
			sset_product(&p, &run, &a.e);
			sset_free(&run);
			run = p;
		} else if (a.exact) {
			exact = 0;
			add_clause(out, &run);
			run = a.e;
			memset(&a.e, 0, sizeof(a.e));
		} else {
			exact = 0;
			flush_run(out, &run);
		}
		info_free(&a);
	}
	if (exact && !ps->bad) {
		out->exact = 1;
		out->e = run;
		return;
	}
	add_clause(out, &run);
}

static void parse_alt(struct parser *ps, struct info *out)
{
	parse_seq(ps, out);
	while (!ps->bad && *ps->p == '|') {
		struct info b;
		ps->p++;
		parse_seq(ps, &b);
		info_alt(out, &b);
	}
}

/* ---- the prefilter ------------------------------------------------------------------ */

struct prefilter *prefilter_new(void)
{
	return xcalloc(1, sizeof(struct prefilter));
}

void prefilter_free(struct prefilter *pf)
{
	size_t i;
	if (!pf)
		return;
	for (i = 0; i < pf->nwords; i++)
		free(pf->words[i]);
	free(pf->words);
	free(pf->wslot);
	for (i = 0; i < pf->npats; i++)
		free(pf->pats[i].cl);
	free(pf->pats);
	free(pf->cwords);
	ac_free(pf->ac);
	free(pf->bstart);
	free(pf->by);
	free(pf);
}

/* The slot of word w in pf->wslot: where its id + 1 is, or the free slot it would take. */
static size_t word_slot(const struct prefilter *pf, const char *w)
{
	size_t mask = pf->nslots - 1, i = (size_t)fnv1a(FNV1A_INIT, w, strlen(w)) & mask;
	while (pf->wslot[i] && strcmp(pf->words[pf->wslot[i] - 1], w))
		i = (i + 1) & mask;
	return i;
}

/* The id of word w, added when new (ids in order of first sight); a hash, not a scan of every word. */
static size_t word_id(struct prefilter *pf, const char *w)
{
	size_t i;
	if (pf->nslots < 2 * (pf->nwords + 1)) {
		size_t n = pf->nslots ? 2 * pf->nslots : 64;
		free(pf->wslot);
		pf->wslot = xcalloc(n, sizeof(*pf->wslot));
		pf->nslots = n;
		for (i = 0; i < pf->nwords; i++)
			pf->wslot[word_slot(pf, pf->words[i])] = i + 1;
	}
	i = word_slot(pf, w);
	if (pf->wslot[i])
		return pf->wslot[i] - 1;
	XGROW(pf->words, pf->wcap, pf->nwords + 1);
	pf->words[pf->nwords] = xstrdup(w);
	pf->wslot[i] = pf->nwords + 1;
	return pf->nwords++;
}

/* Records a pattern made of the clauses cl; returns its id. */
static int push_pattern(struct prefilter *pf, const struct sset *const *cl, size_t ncl)
{
	struct pattern pat;
	size_t i, k;

	pat.ncl = ncl;
	pat.cl = xmalloc((ncl + 1) * sizeof(*pat.cl));
	for (k = 0; k < ncl; k++) {
		pat.cl[k] = pf->ncw;
		for (i = 0; i < cl[k]->n; i++) {
			XGROW(pf->cwords, pf->cwcap, pf->ncw + 1);
			pf->cwords[pf->ncw++] = word_id(pf, cl[k]->s[i]);
		}
	}
	pat.cl[ncl] = pf->ncw;
	XGROW(pf->pats, pf->pcap, pf->npats + 1);
	pf->pats[pf->npats] = pat;
	return (int)pf->npats++;
}

int prefilter_add(struct prefilter *pf, const char *pattern)
{
	struct parser ps = {pattern, 0, 0};
	struct info in;
	const struct sset *keep[KEEP];
	size_t nkeep = 0, i, k;
	int id = -1;

	if (pf->ac)
		return -1; /* compiled: read-only */
	parse_alt(&ps, &in);
	if (ps.bad || *ps.p) {
		info_free(&in);
		return -1;
	}
	/* the strongest clauses, strongest first */
	for (;;) {
		const struct sset *best = NULL;
		int bs = -1;
		if (nkeep == KEEP)
			break;
		for (i = 0; i <= in.nc; i++) {
			const struct sset *c = i < in.nc ? &in.c[i] : in.exact ? &in.e : NULL;
			int s, taken = 0;
			if (!c)
				continue;
			for (k = 0; k < nkeep; k++)
				taken |= keep[k] == c;
			s = taken ? -1 : clause_score(c);
			if (s > bs) {
				bs = s;
				best = c;
			}
		}
		if (!best)
			break;
		keep[nkeep++] = best;
	}
	if (nkeep > 0)
		id = push_pattern(pf, keep, nkeep);
	info_free(&in);
	return id;
}

int prefilter_add_words(struct prefilter *pf, char *const *words, size_t n)
{
	struct sset set;
	const struct sset *cl = &set;
	size_t i;
	int id;

	if (pf->ac || n == 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strlen(words[i]) < MIN_WORD)
			return -1;
	memset(&set, 0, sizeof(set));
	for (i = 0; i < n; i++) {
		char *w = xstrdup(words[i]), *c;
		for (c = w; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c | 0x20);
		sset_add(&set, w, strlen(w));
		free(w);
	}
	id = push_pattern(pf, &cl, 1);
	sset_free(&set);
	return id;
}

void prefilter_compile(struct prefilter *pf)
{
	size_t i, k, *fill;

	if (pf->ac)
		return;
	pf->ac = ac_new(pf->words, pf->nwords);
	free(pf->wslot); /* read-only from here on: no word is added */
	pf->wslot = NULL;
	pf->nslots = 0;
	/* the one-clause patterns each word meets: a scan marks them as it finds the word */
	pf->bstart = xcalloc(pf->nwords + 1, sizeof(*pf->bstart));
	for (i = 0; i < pf->npats; i++)
		if (pf->pats[i].ncl == 1)
			for (k = pf->pats[i].cl[0]; k < pf->pats[i].cl[1]; k++)
				pf->bstart[pf->cwords[k] + 1]++;
	for (i = 0; i < pf->nwords; i++)
		pf->bstart[i + 1] += pf->bstart[i];
	pf->by = xmalloc((pf->bstart[pf->nwords] ? pf->bstart[pf->nwords] : 1) * sizeof(*pf->by));
	fill = xcalloc(pf->nwords ? pf->nwords : 1, sizeof(*fill));
	for (i = 0; i < pf->npats; i++)
		if (pf->pats[i].ncl == 1)
			for (k = pf->pats[i].cl[0]; k < pf->pats[i].cl[1]; k++) {
				size_t w = pf->cwords[k];
				pf->by[pf->bstart[w] + fill[w]++] = (int)i;
			}
	free(fill);
}

struct prefilter_scratch *prefilter_scratch_new(const struct prefilter *pf)
{
	struct prefilter_scratch *s = xcalloc(1, sizeof(*s));
	s->ac = pf->ac ? ac_scratch_new(pf->ac) : NULL;
	s->seen = xcalloc(pf->nwords ? pf->nwords : 1, sizeof(*s->seen));
	s->met = xcalloc(pf->npats ? pf->npats : 1, sizeof(*s->met));
	s->gen = 1;
	return s;
}

void prefilter_scratch_free(struct prefilter_scratch *s)
{
	if (!s)
		return;
	ac_scratch_free(s->ac);
	free(s->seen);
	free(s->met);
	free(s);
}

struct meet {
	const struct prefilter *pf;
	struct prefilter_scratch *s;
};

/* ac_found_fn: word is in the subject, and so the one-clause patterns it meets may match */
static void meet_word(void *arg, size_t word)
{
	const struct meet *m = arg;
	size_t b;
	m->s->seen[word] = m->s->gen;
	for (b = m->pf->bstart[word]; b < m->pf->bstart[word + 1]; b++)
		m->s->met[m->pf->by[b]] = m->s->gen;
}

void prefilter_scan(const struct prefilter *pf, struct prefilter_scratch *s, const char *data, size_t len)
{
	struct meet m;

	if (++s->gen == 0) {
		memset(s->seen, 0, (pf->nwords ? pf->nwords : 1) * sizeof(*s->seen));
		memset(s->met, 0, (pf->npats ? pf->npats : 1) * sizeof(*s->met));
		s->gen = 1;
	}
	if (!pf->ac || !s->ac)
		return;
	m.pf = pf;
	m.s = s;
	ac_scan(pf->ac, s->ac, data, len, meet_word, &m);
}

int prefilter_may_match(const struct prefilter *pf, const struct prefilter_scratch *s, int id)
{
	const struct pattern *pat;
	size_t k, i;

	if (id < 0 || (size_t)id >= pf->npats)
		return 1;
	pat = &pf->pats[id];
	if (pat->ncl == 1)
		return s->met[id] == s->gen;
	for (k = 0; k < pat->ncl; k++) {
		int any = 0;
		for (i = pat->cl[k]; i < pat->cl[k + 1] && !any; i++)
			any = s->seen[pf->cwords[i]] == s->gen;
		if (!any)
			return 0;
	}
	return 1;
}

const char *prefilter_describe(const struct prefilter *pf, int id)
{
	static char buf[4096];
	const struct pattern *pat;
	size_t k, i, n = 0;

	buf[0] = '\0';
	if (id < 0 || (size_t)id >= pf->npats)
		return buf;
	pat = &pf->pats[id];
	for (k = 0; k < pat->ncl && n < sizeof(buf) - 1; k++) {
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s{", k ? " " : "");
		for (i = pat->cl[k]; i < pat->cl[k + 1] && n < sizeof(buf) - 1; i++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i > pat->cl[k] ? "|" : "",
					      pf->words[pf->cwords[i]]);
		if (n < sizeof(buf) - 1)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "}");
	}
	return buf;
}
