/*
 * wildmatch.c - git's wildmatch semantics, written afresh: the answers of
 * git's wildmatch() (and so of git check-attr) for the same pattern and
 * path, checked against git itself in tests/unit/git/test_wildmatch.c.
 */
#include "git/wildmatch.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

enum { W_MATCH, W_NOMATCH, W_ABORT_ALL, W_ABORT_TO_STARSTAR };

/* git's ctype, ASCII only: no locale decides a verdict */
static int is_upper(unsigned c)
{
	return c >= 'A' && c <= 'Z';
}
static int is_lower(unsigned c)
{
	return c >= 'a' && c <= 'z';
}
static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}
static int is_alpha(unsigned c)
{
	return is_upper(c) || is_lower(c);
}
static int is_print(unsigned c)
{
	return c >= 0x20 && c <= 0x7e;
}
static int is_punct(unsigned c)
{
	return is_print(c) && c != ' ' && !is_alpha(c) && !is_digit(c);
}
static int is_xdigit(unsigned c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Whether c is in the class named s (n bytes): 1, 0, or -1 for a name git does not know. */
static int in_named_class(const unsigned char *s, size_t n, unsigned c)
{
#define IS(name) (n == sizeof(name) - 1 && !memcmp(s, name, n))
	if (IS("alnum"))
		return is_alpha(c) || is_digit(c);
	if (IS("alpha"))
		return is_alpha(c);
	if (IS("blank"))
		return c == ' ' || c == '\t';
	if (IS("cntrl"))
		return c < 0x20 || c == 0x7f;
	if (IS("digit"))
		return is_digit(c);
	if (IS("graph"))
		return is_print(c) && c != ' ';
	if (IS("lower"))
		return is_lower(c);
	if (IS("print"))
		return is_print(c);
	if (IS("punct"))
		return is_punct(c);
	if (IS("space"))
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	if (IS("upper"))
		return is_upper(c);
	if (IS("xdigit"))
		return is_xdigit(c);
	return -1;
#undef IS
}

static int special(unsigned c)
{
	return c == '*' || c == '?' || c == '[' || c == '\\';
}

/*
 * The class opening at *pp ('[' already passed: *pp is its first byte)
 * against t: W_MATCH or W_NOMATCH with *pp on its closing ']', or
 * W_ABORT_ALL when the pattern ends inside it.
 */
static int match_class(const unsigned char **pp, unsigned t, int flags)
{
	const unsigned char *p = *pp;
	unsigned c = *p, prev = 0;
	int negated = 0, matched = 0;

	if (c == '!' || c == '^') {
		negated = 1;
		c = *++p;
	}
	/* the first member may be ']': the test for the end comes after it */
	for (;;) {
		if (!c)
			return W_ABORT_ALL;
		if (c == '\\') {
			c = *++p;
			if (!c)
				return W_ABORT_ALL;
			if (t == c)
				matched = 1;
		} else if (c == '-' && prev && p[1] && p[1] != ']') {
			c = *++p;
			if (c == '\\' && !(c = *++p))
				return W_ABORT_ALL;
			if (t <= c && t >= prev)
				matched = 1;
			c = 0; /* no range starts where one ended */
		} else if (c == '[' && p[1] == ':') {
			const unsigned char *s = p + 2, *e = s;
			int r;
			while (*e && *e != ']')
				e++;
			if (!*e)
				return W_ABORT_ALL;
			if (e == s || e[-1] != ':') {
				/* no ":]": the '[' is a plain member, and reading goes on after it */
				if (t == '[')
					matched = 1;
			} else {
				r = in_named_class(s, (size_t)(e - s - 1), t);
				if (r < 0)
					return W_ABORT_ALL;
				if (r)
					matched = 1;
				p = e;
				c = 0;
			}
		} else if (t == c) {
			matched = 1;
		}
		prev = c;
		c = *++p;
		if (c == ']')
			break;
	}
	*pp = p;
	if (matched == negated || ((flags & WILD_PATHNAME) && t == '/'))
		return W_NOMATCH;
	return W_MATCH;
}

static int dowild(const unsigned char *p, const unsigned char *text, int flags)
{
	const unsigned char *start = p;
	unsigned pc;

	for (; (pc = *p) != '\0'; text++, p++) {
		unsigned t = *text;
		int r, slash_ok;

		if (!t && pc != '*')
			return W_ABORT_ALL;
		switch (pc) {
		case '\\':
			pc = *++p; /* a lone trailing backslash matches nothing */
				   /* fall through */
		default:
			if (t != pc)
				return W_NOMATCH;
			continue;
		case '?':
			if ((flags & WILD_PATHNAME) && t == '/')
				return W_NOMATCH;
			continue;
		case '[':
			p++;
			if ((r = match_class(&p, t, flags)) != W_MATCH)
				return r;
			continue;
		case '*':
			if (*++p == '*') {
				const unsigned char *before = p - 2;
				while (*++p == '*')
					;
				if (!(flags & WILD_PATHNAME)) {
					slash_ok = 1;
				} else if ((before < start || *before == '/') &&
					   (!*p || *p == '/' || (p[0] == '\\' && p[1] == '/'))) {
					/* "**" as a whole part: "a/" then "**" then "/b" also matches "a/b" */
					if (p[0] == '/' && dowild(p + 1, text, flags) == W_MATCH)
						return W_MATCH;
					slash_ok = 1;
				} else {
					slash_ok = 0;
				}
			} else {
				slash_ok = !(flags & WILD_PATHNAME);
			}
			if (!*p) {
				/* a trailing "*" matches the rest of one part, "**" everything */
				if (!slash_ok && strchr((const char *)text, '/'))
					return W_NOMATCH;
				return W_MATCH;
			}
			if (!slash_ok && *p == '/') {
				/* "*" then "/": the rest of this part */
				const char *sl = strchr((const char *)text, '/');
				if (!sl)
					return W_NOMATCH;
				text = (const unsigned char *)sl;
				break; /* the loop's step matches the slash */
			}
			for (;;) {
				if (!t)
					break;
				if (!special(*p)) {
					/* skip to where the literal after the star occurs */
					unsigned want = *p;
					while ((t = *text) != '\0' && (slash_ok || t != '/')) {
						if (t == want)
							break;
						text++;
					}
					if (t != want)
						return W_NOMATCH;
				}
				if ((r = dowild(p, text, flags)) != W_NOMATCH) {
					if (!slash_ok || r != W_ABORT_TO_STARSTAR)
						return r;
				} else if (!slash_ok && t == '/') {
					return W_ABORT_TO_STARSTAR;
				}
				t = *++text;
			}
			return W_ABORT_ALL;
		}
	}
	return *text ? W_NOMATCH : W_MATCH;
}

int wild_match(const char *pattern, size_t plen, const char *text, size_t tlen, int flags)
{
	char pbuf[256], tbuf[256];
	char *p = plen < sizeof(pbuf) ? pbuf : xmalloc(plen + 1);
	char *t = tlen < sizeof(tbuf) ? tbuf : xmalloc(tlen + 1);
	int r;

	memcpy(p, pattern, plen);
	p[plen] = '\0';
	memcpy(t, text, tlen);
	t[tlen] = '\0';
	r = dowild((const unsigned char *)p, (const unsigned char *)t, flags) == W_MATCH;
	if (p != pbuf)
		free(p);
	if (t != tbuf)
		free(t);
	return r;
}
