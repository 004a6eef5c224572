/* risk.c - a heuristic over PCRE2 syntax for patterns that invite catastrophic backtracking. */
#include "match/risk.h"

#include <ctype.h>
#include <string.h>

/* Most groups open at once, and alternatives compared per group; past them the heuristic looks no deeper. */
#define RISK_DEPTH 64
#define RISK_ALTS  32

struct group {
	size_t start;		 /* offset of its '(' */
	int atomic;		 /* (?>...) or (*atomic:...): no backtracking into it */
	int inner;		 /* holds an unbounded repeat, at any depth */
	int alt_inner, alt_must; /* the current alternative: holds an unbounded repeat; something it must match */
	int bare;		 /* some alternative is unbounded repeats and optional parts only, as a+ in (a+)+ */
	int all_must;		 /* every alternative so far has something it must match */
	size_t alt[RISK_ALTS];	 /* where each alternative starts */
	size_t alt_end[RISK_ALTS];
	size_t nalt;
};

/* The last complete item, waiting for what follows: a quantifier, or not. */
enum atom_kind { ATOM_NONE, ATOM_TEXT, ATOM_GROUP };
struct atom {
	enum atom_kind kind;
	int inner, bare, overlap, atomic, must;
	size_t start;
};

/* 1 when one alternative of g (each end known) is a prefix of another, or equal to it. */
static int alts_overlap(const char *p, const struct group *g)
{
	size_t a, b;
	for (a = 0; a < g->nalt; a++)
		for (b = 0; b < g->nalt; b++) {
			size_t la = g->alt_end[a] - g->alt[a], lb = g->alt_end[b] - g->alt[b];
			if (a != b && la <= lb && !memcmp(p + g->alt[a], p + g->alt[b], la))
				return 1;
		}
	return 0;
}

/* The offset past the first c at or after i (or the end). */
static size_t past(const char *p, size_t i, size_t n, char c)
{
	while (i < n && p[i] != c)
		i++;
	return i < n ? i + 1 : n;
}

/* Past an escape at i ('\\'): \Q..\E, \x{..}, \p{..}, \g<..>, \k'..', \cX, or one character. */
static size_t skip_escape(const char *p, size_t i, size_t n)
{
	const char *e;
	char c = i + 1 < n ? p[i + 1] : '\0';
	if (c == 'Q') {
		e = strstr(p + i + 2, "\\E");
		return e ? (size_t)(e - p) + 2 : n;
	}
	if (c == 'c')
		return i + 3 <= n ? i + 3 : n;
	if (c && strchr("xopPNgk", c) && i + 2 < n && strchr("{<'", p[i + 2]))
		return past(p, i + 3, n, p[i + 2] == '{' ? '}' : p[i + 2] == '<' ? '>' : '\'');
	return i + 2 <= n ? i + 2 : n;
}

/* Past a class at i ('['), its first ']' literal, POSIX names and escapes inside. */
static size_t skip_class(const char *p, size_t i, size_t n)
{
	i++;
	if (i < n && p[i] == '^')
		i++;
	if (i < n && p[i] == ']')
		i++;
	while (i < n && p[i] != ']') {
		if (p[i] == '\\')
			i += 2;
		else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':')
			i = past(p, i + 2, n, ']');
		else
			i++;
	}
	return i < n ? i + 1 : n;
}

/*
 * A quantifier at i: its end into *end, whether it is unbounded (*, +,
 * {n,}) and possessive.  Returns 0 when there is none ({ that is text).
 */
static int quantifier(const char *p, size_t i, size_t n, size_t *end, int *unbounded, int *possessive)
{
	size_t j = i + 1;
	*unbounded = 0;
	if (p[i] == '*' || p[i] == '+') {
		*unbounded = 1;
	} else if (p[i] == '{') {
		while (j < n && isdigit((unsigned char)p[j]))
			j++;
		if (j == i + 1 || j >= n)
			return 0;
		if (p[j] == ',') {
			size_t k = ++j;
			while (j < n && isdigit((unsigned char)p[j]))
				j++;
			*unbounded = j == k;
		}
		if (j >= n || p[j] != '}')
			return 0;
		j++;
	} else if (p[i] != '?') {
		return 0;
	}
	*possessive = j < n && p[j] == '+';
	if (j < n && (p[j] == '+' || p[j] == '?'))
		j++;
	*end = j;
	return 1;
}

/* Where a group opened at i ('(') has its body; 0 with *item set when it is no group but one item. */
static size_t group_body(const char *p, size_t i, size_t n, int *item, int *atomic)
{
	const char *q = p + i;
	*item = 0;
	*atomic = 0;
	if (q[1] != '?' && q[1] != '*')
		return i + 1;
	if (q[1] == '*') {
		size_t j = i + 2, k;
		while (j < n && (isalpha((unsigned char)p[j]) || p[j] == '_'))
			j++;
		k = j - (i + 2);
		if (j < n && p[j] == ':' && k && !(k == 4 && !strncmp(q + 2, "MARK", 4)) &&
		    !(k == 5 && !strncmp(q + 2, "PRUNE", 5)) && !(k == 4 && !strncmp(q + 2, "SKIP", 4)) &&
		    !(k == 4 && !strncmp(q + 2, "THEN", 4))) {
			*atomic = k == 6 && !strncmp(q + 2, "atomic", 6);
			return j + 1;
		}
		*item = 1;
		return past(p, i, n, ')');
	}
	switch (q[2]) {
	case ':':
	case '=':
	case '!':
	case '|':
		return i + 3;
	case '>':
		*atomic = 1;
		return i + 3;
	case '(':
		return i + 2; /* a condition: the group it holds comes next */
	case '<':
		if (q[3] == '=' || q[3] == '!')
			return i + 4;
		return past(p, i + 3, n, '>');
	case '\'':
		return past(p, i + 3, n, '\'');
	case 'P':
		if (q[3] == '<')
			return past(p, i + 4, n, '>');
		*item = 1;
		return past(p, i, n, ')');
	default:
		break;
	}
	{
		/* options: (?i) is an item, (?i:...) a group */
		size_t j = i + 2;
		while (j < n && (isalpha((unsigned char)p[j]) || p[j] == '^' || p[j] == '-'))
			j++;
		if (j > i + 2 && j < n && p[j] == ':')
			return j + 1;
		*item = 1; /* (?i), (?R), (?1), (?&name), (?C...), (?#...) */
		return past(p, i, n, ')');
	}
}

/* The current alternative of g ends: is it bare repeats? */
static void alt_done(struct group *g)
{
	if (g->alt_inner && !g->alt_must)
		g->bare = 1;
	if (!g->alt_must)
		g->all_must = 0;
	g->alt_inner = g->alt_must = 0;
}

/* The atom a is not quantified (or only by a bounded repeat of at least one): what it adds to g. */
static void atom_plain(struct group *g, const struct atom *a)
{
	if (a->kind == ATOM_TEXT)
		g->alt_must = 1;
	else if (a->kind == ATOM_GROUP) {
		g->alt_inner |= a->inner;
		g->alt_must |= a->must;
	}
}

int match_pattern_risky(const char *p, size_t *off)
{
	struct group st[RISK_DEPTH + 1];
	struct atom at;
	size_t n = strlen(p), i = 0, depth = 0, over = 0;

	memset(&st[0], 0, sizeof(st[0]));
	st[0].all_must = 1;
	memset(&at, 0, sizeof(at));
	*off = 0;
	while (i <= n) {
		char c = i < n ? p[i] : '\0';
		size_t end;
		int unb, poss, opt;
		if (i < n && quantifier(p, i, n, &end, &unb, &poss)) {
			opt = p[i] == '*' || p[i] == '?' || (p[i] == '{' && p[i + 1] == '0');
			if (at.kind == ATOM_GROUP && unb && !poss && !at.atomic && (at.bare || at.overlap)) {
				*off = at.start;
				return 1;
			}
			if (unb && !poss && at.kind != ATOM_NONE)
				st[depth].alt_inner = st[depth].inner = 1;
			else if (!opt && !unb)
				atom_plain(&st[depth], &at);
			else if (!opt && at.kind == ATOM_TEXT)
				st[depth].alt_must = 1; /* a possessive a++ still needs its a */
			memset(&at, 0, sizeof(at));
			i = end;
			continue;
		}
		atom_plain(&st[depth], &at);
		memset(&at, 0, sizeof(at));
		if (i == n)
			break;
		if (c == '\\') {
			/* zero-width escapes match no text */
			at.kind = i + 1 < n && strchr("bBAzZGK", p[i + 1]) ? ATOM_NONE : ATOM_TEXT;
			i = skip_escape(p, i, n);
		} else if (c == '[') {
			at.kind = ATOM_TEXT;
			i = skip_class(p, i, n);
		} else if (c == '(') {
			int item, atomic;
			size_t body = group_body(p, i, n, &item, &atomic);
			if (item) {
				i = body;
			} else if (depth == RISK_DEPTH) {
				over++;
				i = body;
			} else {
				struct group *g = &st[++depth];
				memset(g, 0, sizeof(*g));
				g->start = i;
				g->atomic = atomic;
				g->all_must = 1;
				g->alt[0] = body;
				g->nalt = 1;
				i = body;
			}
		} else if (c == '|') {
			struct group *g = &st[depth];
			alt_done(g);
			/* the pattern's own alternatives (depth 0) are no group: nothing repeats them */
			if (!over && depth && g->nalt < RISK_ALTS) {
				g->alt_end[g->nalt - 1] = i;
				g->alt[g->nalt++] = i + 1;
			}
			i++;
		} else if (c == ')' && over) {
			over--;
			i++;
		} else if (c == ')' && depth) {
			struct group *g = &st[depth--];
			alt_done(g);
			g->alt_end[g->nalt - 1] = i;
			at.kind = ATOM_GROUP;
			at.inner = g->inner;
			at.bare = g->bare;
			at.must = g->all_must;
			at.overlap = g->nalt > 1 && alts_overlap(p, g);
			at.atomic = g->atomic;
			at.start = g->start;
			/* what a group holds, its enclosing group holds too */
			st[depth].inner |= g->inner;
			i++;
		} else {
			at.kind = strchr("^$", c) ? ATOM_NONE : ATOM_TEXT;
			i++;
		}
	}
	return 0;
}
