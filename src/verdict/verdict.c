/* verdict.c - rules to outcomes, outcomes to domains and proofs, domains to the gate. */
#include "verdict/verdict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/date.h"
#include "util/mem.h"

const char *outcome_name(enum outcome o)
{
	switch (o) {
	case OUTCOME_PASS:
		return "pass";
	case OUTCOME_FAIL:
		return "fail";
	case OUTCOME_ERROR:
		return "error";
	case OUTCOME_WAIVED:
		return "waived";
	case OUTCOME_OFF:
		return "off";
	}
	return "?";
}

int outcome_fails(enum outcome o)
{
	return o == OUTCOME_FAIL || o == OUTCOME_ERROR;
}

const char *waiver_state_name(enum waiver_state s)
{
	switch (s) {
	case WAIVER_UNUSED:
		return "unused";
	case WAIVER_USED:
		return "used";
	case WAIVER_EXPIRED:
		return "expired";
	}
	return "?";
}

const char *status_name(enum status s)
{
	switch (s) {
	case STATUS_READY:
		return "ready";
	case STATUS_READINESS_ONLY:
		return "readiness-only";
	case STATUS_BLOCKED:
		return "blocked";
	}
	return "?";
}

const char *status_label(enum status s, enum lang lang)
{
	if (lang == LANG_AR) {
		switch (s) {
		case STATUS_READY:
			return "أساس جاهز";
		case STATUS_READINESS_ONLY:
			return "جاهزية فقط";
		case STATUS_BLOCKED:
			return "محجوب حتى يكتمل الدليل أو التكامل";
		}
	}
	return status_name(s);
}

/* What one condition gathered on its way to an outcome. */
struct acc {
	enum outcome outcome;
	const struct evidence **ev;
	size_t *evrank; /* per ev: the leaf it came from, twice, plus 1 unless it is a fresh leaf's newest date */
	size_t nev, evcap, rankcap;
	char **looked;
	size_t nlooked, lookedcap;
	struct miss *misses;
	size_t nmisses, missescap;
};

static void acc_ev(struct acc *a, const struct evidence *e, size_t rank)
{
	XGROW(a->ev, a->evcap, a->nev + 1);
	XGROW(a->evrank, a->rankcap, a->nev + 1);
	a->evrank[a->nev] = rank;
	a->ev[a->nev++] = e;
}

static void acc_looked(struct acc *a, char *s)
{
	XGROW(a->looked, a->lookedcap, a->nlooked + 1);
	a->looked[a->nlooked++] = s;
}

/* Takes why (the caller's allocation). */
static void acc_miss(struct acc *a, const struct evidence *at, char *why)
{
	XGROW(a->misses, a->missescap, a->nmisses + 1);
	a->misses[a->nmisses].at = at;
	a->misses[a->nmisses++].why = why;
}

static void acc_free(struct acc *a)
{
	size_t i;
	for (i = 0; i < a->nlooked; i++)
		free(a->looked[i]);
	for (i = 0; i < a->nmisses; i++)
		free(a->misses[i].why);
	free(a->looked);
	free(a->ev);
	free(a->evrank);
	free(a->misses);
	memset(a, 0, sizeof(*a));
}

/* Moves everything from src into dst; src is empty after. */
static void acc_merge(struct acc *dst, struct acc *src, int ev, int looked)
{
	size_t i;
	if (ev)
		for (i = 0; i < src->nev; i++)
			acc_ev(dst, src->ev[i], src->evrank[i]);
	if (looked) {
		for (i = 0; i < src->nlooked; i++) {
			acc_looked(dst, src->looked[i]);
			src->looked[i] = NULL;
		}
		for (i = 0; i < src->nmisses; i++) {
			acc_miss(dst, src->misses[i].at, src->misses[i].why);
			src->misses[i].why = NULL;
		}
	}
	acc_free(src);
}

/* The words of generated explanations, in each report language. */
struct phrases {
	const char *a_file_in, *no_file_in, *executable, *not_executable, *lines, *matching, *not_matching,
		*date_matching, *mentioning, *without, *date_mentioning, *its_pattern, *times, *within, * or, *comma,
		*more_places, *looked_none, *looked_none_count, *looked_one_count, *looked_only, *found_forbidden,
		*could_not, *too_old, *found, *nothing_forbidden, *and_more, *no_evidence, *files_in;
};

/* %N is a count with its noun, said as the language says it (count_noun). */
static const struct phrases PH_EN = {"a file in ",
				     "no file in ",
				     ", executable",
				     ", not executable",
				     ", at least %N",
				     "matching",
				     "not matching",
				     "with a date matching",
				     "mentioning",
				     "without",
				     "with a date on a line mentioning",
				     "a pattern (see proofgate explain)",
				     " at least %N",
				     " within %N of the commit",
				     " or ",
				     ", ",
				     " or %N (see proofgate explain)",
				     "looked for %s; no such file in the tree",
				     "looked for %s; %N found, none counts",
				     "looked for %s; 1 file found, and it does not count",
				     "looked for %s; only %zu of %zu found",
				     "found %N where there must be %s",
				     "could not check %s: %s",
				     "looked for %s; the newest date found is %s at %s:%zu, %N before the commit (%s)",
				     "found ",
				     "nothing forbidden found",
				     " and %zu more",
				     "no evidence",
				     "at least %N in "};

static const struct phrases PH_AR = {"ملف في ",
				     "لا ملف في ",
				     "، قابل للتنفيذ",
				     "، غير قابل للتنفيذ",
				     "، من %N على الأقل",
				     "يطابق",
				     "لا يطابق",
				     "بتاريخ يطابق",
				     "يذكر",
				     "دون",
				     "بتاريخ في سطر يذكر",
				     "نمطاً (انظر proofgate explain)",
				     " %N على الأقل",
				     " خلال %N من تاريخ الإيداع",
				     " أو ",
				     "، ",
				     " أو %N (انظر proofgate explain)",
				     "بحثنا عن %s؛ لا يوجد ملف كهذا في الشجرة",
				     "بحثنا عن %s؛ وُجد %N ولا يُحتسب أيٌّ منها",
				     "بحثنا عن %s؛ وُجد ملف واحد ولا يُحتسب",
				     "بحثنا عن %s؛ وُجد %zu فقط من %zu",
				     "وُجد %N حيث المطلوب %s",
				     "تعذّر التحقق من %s: %s",
				     "بحثنا عن %s؛ أحدث تاريخ وُجد هو %s في %s:%zu، قبل الإيداع بـ %N (%s)",
				     "وُجد ",
				     "لم يُعثر على شيء محظور",
				     " و%zu غيرها",
				     "لا دليل",
				     "%N على الأقل في "};

static const struct phrases *phrases(enum lang lang)
{
	return lang == LANG_AR ? &PH_AR : &PH_EN;
}

/* ---- counts and their nouns ------------------------------------------------ */

/*
 * A counted noun.  English: singular and plural.  Arabic, as the number asks:
 * one ("ملف واحد"), two in the nominative and in the genitive or accusative
 * ("ملفان", "ملفين"), 3 to 10 (the plural), 11 to 99 (the singular
 * accusative), and 100, 1000... (the singular genitive), by the last two
 * digits past 100.
 */
struct noun {
	const char *en_one, *en_many;
	const char *ar_one, *ar_two_nom, *ar_two_gen, *ar_few, *ar_many, *ar_hundred;
};

enum { N_FILE, N_LINE, N_TIME, N_DAY, N_PLACE, N_WORD };

/* English keeps the words its reports have always used ("file(s)"), which tests and readers match on. */
static const struct noun NOUNS[] = {
	[N_FILE] = {"file(s)", "file(s)", "ملف واحد", "ملفان", "ملفين", "ملفات", "ملفاً", "ملف"},
	[N_LINE] = {"lines", "lines", "سطر واحد", "سطران", "سطرين", "أسطر", "سطراً", "سطر"},
	[N_TIME] = {"times", "times", "مرة واحدة", "مرتان", "مرتين", "مرات", "مرة", "مرة"},
	[N_DAY] = {"days", "days", "يوم واحد", "يومان", "يومين", "أيام", "يوماً", "يوم"},
	[N_PLACE] = {"more places", "more places", "موضع آخر", "موضعان آخران", "موضعين آخرين", "مواضع أخرى",
		     "موضعاً آخر", "موضع آخر"},
	[N_WORD] = {"other word", "other words", "كلمة أخرى", "كلمتان أخريان", "كلمتين أخريين", "كلمات أخرى",
		    "كلمة أخرى", "كلمة أخرى"},
};

/* Appends n with its noun in lang; gen: the Arabic noun follows a preposition or is an object. */
static void count_noun(struct buf *b, unsigned long long n, int noun, enum lang lang, int gen)
{
	const struct noun *w = &NOUNS[noun];
	unsigned long long last = n % 100;
	if (lang != LANG_AR)
		buf_printf(b, "%llu %s", n, n == 1 ? w->en_one : w->en_many);
	else if (n == 1)
		buf_puts(b, w->ar_one);
	else if (n == 2)
		buf_puts(b, gen ? w->ar_two_gen : w->ar_two_nom);
	else if (n >= 3 && n <= 10)
		buf_printf(b, "%llu %s", n, w->ar_few);
	else if (n > 100 && last >= 3 && last <= 10)
		buf_printf(b, "%llu %s", n, w->ar_few);
	else if (last >= 11)
		buf_printf(b, "%llu %s", n, w->ar_many);
	else
		buf_printf(b, "%llu %s", n, w->ar_hundred);
}

/*
 * Appends fmt with "%N" standing for count_noun(n, noun) and the other
 * conversions (%s, %zu, %ld) taken from ap in order, as printf would.
 */
/* a phrase table's format (see buf_phrase in util/buf.h): the documented exception to -Wformat-nonliteral */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void put_counted(struct buf *b, const char *fmt, unsigned long long n, int noun, enum lang lang, int gen, ...)
{
	const char *mark = strstr(fmt, "%N");
	va_list ap;

	va_start(ap, gen);
	if (!mark) {
		buf_vprintf(b, fmt, ap);
		va_end(ap);
		return;
	}
	/* the conversions before %N, then the count, then the rest with what is left of ap */
	{
		char *before = xstrndup(fmt, (size_t)(mark - fmt));
		va_list copy;
		va_copy(copy, ap);
		buf_vprintf(b, before, copy);
		va_end(copy);
		/* step ap past the conversions the head used: %s, %zu and %ld only appear in these phrases */
		{
			const char *p;
			for (p = before; (p = strchr(p, '%')); p++) {
				if (p[1] == 's')
					(void)va_arg(ap, const char *);
				else if (p[1] == 'z')
					(void)va_arg(ap, size_t);
				else if (p[1] == 'l')
					(void)va_arg(ap, long);
				else if (p[1] == '%')
					p++;
			}
		}
		free(before);
	}
	count_noun(b, n, noun, lang, gen);
	buf_vprintf(b, mark + 2, ap);
	va_end(ap);
}
#pragma GCC diagnostic pop

/* ---- patterns said in words --------------------------------------------------- */

/* Reports name a few globs and short patterns; `proofgate explain` names them all. */
#define SHORT_GLOBS   4
#define SHORT_PATTERN 48
#define WORDS_SHOWN   3

static void put_globs(struct buf *b, const struct phrases *ph, struct match_glob **g, size_t n, int full,
		      enum lang lang)
{
	size_t i, shown = full || n <= SHORT_GLOBS ? n : SHORT_GLOBS - 1;
	for (i = 0; i < shown; i++)
		buf_printf(b, "%s`%s`", i ? (i + 1 == n ? ph->or : ph->comma) : "", g[i]->src);
	if (shown < n)
		put_counted(b, ph->more_places, n - shown, N_PLACE, lang, 1);
}

struct words {
	char **w;
	size_t n, cap;
};

/* 1 for a byte that can be part of a word: letters, digits, '_', and every byte of a UTF-8 letter. */
static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* Keeps the word in cur when it says something (three letters or more), once, and empties cur. */
static void words_flush(struct words *ws, struct buf *cur)
{
	size_t start = 0, end = cur->len, letters = 0, run, i;
	const char *s = buf_cstr(cur);
	while (start < end && !word_byte((unsigned char)s[start]))
		start++;
	while (end > start && !word_byte((unsigned char)s[end - 1]))
		end--;
	/* a word has a run of three letters or more: "to be" alone says nothing */
	for (i = start, run = 0; i < end; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!word_byte(ch))
			run = 0;
		else if (ch < 0x80 || (ch & 0xc0) == 0xc0)
			run++;
		if (run > letters)
			letters = run;
	}
	if (letters >= 3) {
		char *w = xstrndup(s + start, end - start);
		for (i = 0; i < ws->n && strcasecmp(ws->w[i], w); i++)
			;
		if (i < ws->n) {
			free(w);
		} else {
			XGROW(ws->w, ws->cap, ws->n + 1);
			ws->w[ws->n++] = w;
		}
	}
	buf_clear(cur);
}

/* Drops the last character of cur (a whole UTF-8 sequence): the atom a '?' or '*' makes optional. */
static void words_drop_last(struct buf *cur)
{
	while (cur->len && ((unsigned char)cur->ptr[cur->len - 1] & 0xc0) == 0x80)
		cur->len--;
	if (cur->len)
		cur->len--;
	if (cur->ptr)
		cur->ptr[cur->len] = '\0';
}

/* The index of the ')' closing the group opened at re[open], past escapes and classes; strlen(re) when none. */
static size_t group_end(const char *re, size_t open)
{
	size_t i = open + 1, n = strlen(re);
	int depth = 1;
	while (i < n) {
		if (re[i] == '\\') {
			i += 2;
			continue;
		}
		if (re[i] == '[') {
			i++;
			if (i < n && re[i] == '^')
				i++;
			if (i < n && re[i] == ']')
				i++;
			while (i < n && re[i] != ']')
				i += re[i] == '\\' ? 2 : 1;
		} else if (re[i] == '(') {
			depth++;
		} else if (re[i] == ')' && --depth == 0) {
			return i;
		}
		i++;
	}
	return n;
}

/*
 * 1 when the group from re[open] to re[close] holds only literal
 * alternatives ("(e|ing)", "(?:written|added)"), with the first one's place.
 */
static int simple_group(const char *re, size_t open, size_t close, size_t *start, size_t *len)
{
	size_t i = open + 1, bar;
	if (re[i] == '?') {
		if (re[i + 1] != ':')
			return 0;
		i += 2;
	}
	*start = i;
	for (bar = i; bar < close && re[bar] != '|'; bar++)
		;
	for (; i < close; i++)
		if (strchr("()[]{}?*+.^$\\", re[i]))
			return 0;
	*len = bar - *start;
	return *len > 0;
}

/* Where pattern_words is: the words so far, the word being read, and the negative lookarounds it is inside. */
struct pw {
	struct words *ws;
	struct buf cur;
	const char *re;
	size_t n;
	int neg[64], depth, in_neg;
};

/* A backslash at i: a \Q...\E literal, an escaped sign (a letter of the word), or an escape ending the word. */
static size_t pw_escape(struct pw *p, size_t i)
{
	const char *re = p->re;
	size_t n = p->n;
	char e = i + 1 < n ? re[i + 1] : '\0';

	if (e == 'Q') { /* \Q...\E: literal */
		const char *q = strstr(re + i + 2, "\\E");
		size_t len = q ? (size_t)(q - (re + i + 2)) : n - i - 2;
		if (!p->in_neg)
			buf_put(&p->cur, re + i + 2, len);
		return i + 2 + len + (q ? 2 : 0);
	}
	if (strchr("pPxoNkgu", e) && i + 2 < n && re[i + 2] == '{') {
		const char *close = strchr(re + i + 2, '}');
		words_flush(p->ws, &p->cur);
		return close ? (size_t)(close - re) + 1 : n;
	}
	if (e && !word_byte((unsigned char)e) && e != ' ') {
		if (!p->in_neg) /* an escaped sign stands for itself: \. \- \/ */
			buf_putc(&p->cur, e);
		return i + 2;
	}
	words_flush(p->ws, &p->cur); /* \b \s \w \d \1 ... */
	return i + (e ? 2 : 1);
}

/* A class [...] at i: no word, and it ends the one being read. */
static size_t pw_class(struct pw *p, size_t i)
{
	const char *re = p->re;
	size_t n = p->n;

	words_flush(p->ws, &p->cur);
	i++;
	if (i < n && re[i] == '^')
		i++;
	if (i < n && re[i] == ']')
		i++;
	while (i < n && re[i] != ']') {
		if (re[i] == '\\')
			i++;
		else if (re[i] == '[' && i + 1 < n && re[i + 1] == ':') {
			const char *close = strstr(re + i, ":]");
			i = close ? (size_t)(close - re) + 1 : n;
		}
		i++;
	}
	return i + 1;
}

/* The "(?" of a group at i (just past the '('): whether it is a negative lookaround, or a comment or flags. */
static size_t pw_group_kind(struct pw *p, size_t i, size_t close, int *negative, int *opens, int *comment)
{
	const char *re = p->re;
	size_t n = p->n;

	if (i >= n || re[i] != '?')
		return i;
	i++;
	if (i < n && (re[i] == '!' || (re[i] == '<' && i + 1 < n && re[i + 1] == '!')))
		*negative = 1;
	if (i < n && re[i] == '#') { /* a comment */
		*comment = 1;
		return close < n ? close + 1 : n;
	}
	if (i < n && strchr(":=!>|", re[i]))
		return i + 1;
	if (i + 1 < n && re[i] == '<' && (re[i + 1] == '=' || re[i + 1] == '!'))
		return i + 2;
	if (i < n && (re[i] == '<' || re[i] == 'P' || re[i] == '\'')) { /* a named group */
		char endc = re[i] == '\'' ? '\'' : '>';
		i++;
		while (i < n && re[i] != endc)
			i++;
		return i + 1;
	}
	while (i < n && (word_byte((unsigned char)re[i]) || re[i] == '-' || re[i] == '^'))
		i++;
	if (i < n && re[i] == ')') /* (?i): flags, no group */
		*opens = 0;
	return i + 1;
}

/* A '(' at i: an optional group is left out, simple alternatives go on with the first, else a group opens. */
static size_t pw_group(struct pw *p, size_t i)
{
	const char *re = p->re;
	size_t n = p->n, close = group_end(re, i), alt_start, alt_len;
	int negative = 0, opens = 1, comment = 0;

	/* "not (?:yet )?implemented" reads "not implemented": an optional group is left out, the word goes on */
	if (close < n && (re[close + 1] == '?' || re[close + 1] == '*')) {
		i = close + 2;
		if (i < n && (re[i] == '?' || re[i] == '+'))
			i++;
		return i;
	}
	/* "restor(?:e|ing)" reads "restore": a word goes on with the first of simple alternatives */
	if (p->cur.len && close < n && !p->in_neg && simple_group(re, i, close, &alt_start, &alt_len)) {
		buf_put(&p->cur, re + alt_start, alt_len);
		return close + 1;
	}
	words_flush(p->ws, &p->cur);
	i = pw_group_kind(p, i + 1, close, &negative, &opens, &comment);
	if (!comment && opens && p->depth < 64) {
		p->neg[p->depth++] = negative;
		p->in_neg += negative;
	}
	return i;
}

/* A quantifier at i: "holders?" reads "holder"; a counted repeat ends the word; "{" not a repeat is a letter. */
static size_t pw_quantifier(struct pw *p, size_t i)
{
	const char *re = p->re;
	size_t n = p->n, min;
	char c = re[i];

	if (c == '{') {
		char *end;
		unsigned long v = strtoul(re + i + 1, &end, 10);
		if (end == re + i + 1 || (*end != ',' && *end != '}')) { /* a literal brace */
			if (!p->in_neg)
				buf_putc(&p->cur, c);
			return i + 1;
		}
		min = v;
		i = strchr(re + i, '}') ? (size_t)(strchr(re + i, '}') - re) + 1 : n;
	} else {
		min = c == '+';
		i++;
	}
	if (!min)
		words_drop_last(&p->cur); /* "holders?" reads "holder" */
	else if (c == '{')
		words_flush(p->ws, &p->cur);
	if (i < n && (re[i] == '?' || re[i] == '+')) /* lazy or possessive */
		i++;
	return i;
}

/*
 * The literal words a PCRE2 pattern looks for ("pg_dump", "coming soon"), in
 * the order written, each once: what a person can read where the pattern
 * itself is too long to show.  Classes, escapes like \b and \s, anchors and
 * what a negative lookaround rules out are not words; an optional letter
 * ("holders?") is left out of its word.
 */
static void pattern_words(struct words *ws, const char *re)
{
	struct pw p;
	size_t i = 0;

	memset(&p, 0, sizeof(p)); /* p.cur is then BUF_INIT */
	p.ws = ws;
	p.re = re;
	p.n = strlen(re);
	while (i < p.n) {
		char c = re[i];
		if (c == '\\')
			i = pw_escape(&p, i);
		else if (c == '[')
			i = pw_class(&p, i);
		else if (c == '(')
			i = pw_group(&p, i);
		else if (c == ')') {
			words_flush(ws, &p.cur);
			if (p.depth > 0)
				p.in_neg -= p.neg[--p.depth];
			i++;
		} else if (c == '?' || c == '*' || c == '+' || c == '{')
			i = pw_quantifier(&p, i);
		else if (c == '|' || c == '^' || c == '$' || c == '.') {
			words_flush(ws, &p.cur);
			i++;
		} else {
			if (!p.in_neg)
				buf_putc(&p.cur, c);
			i++;
		}
	}
	words_flush(ws, &p.cur);
	buf_free(&p.cur);
}

static void words_free(struct words *ws)
{
	size_t i;
	for (i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
}

/* Appends a few of the pattern's words, quoted ("a", "b" or 3 other words); 0 when it has none to show. */
static int put_words(struct buf *b, const struct phrases *ph, const char *re, enum lang lang)
{
	struct words ws = {NULL, 0, 0};
	size_t i, shown;
	const char *open = lang == LANG_AR ? "«" : "\"", *close = lang == LANG_AR ? "»" : "\"";

	pattern_words(&ws, re);
	shown = ws.n <= WORDS_SHOWN + 1 ? ws.n : WORDS_SHOWN;
	for (i = 0; i < shown; i++) {
		buf_puts(b, i == 0 ? "" : i + 1 == ws.n ? ph->or : ph->comma);
		buf_printf(b, "%s", open);
		buf_put_safe(b, ws.w[i], strlen(ws.w[i]));
		buf_puts(b, close);
	}
	if (shown < ws.n) {
		buf_puts(b, ph->or);
		count_noun(b, ws.n - shown, N_WORD, lang, 1);
	}
	words_free(&ws);
	return shown > 0;
}

/* ", matching /re/", or for a long pattern its words: ", mentioning "a", "b" or "c"". */
static void put_pattern(struct buf *b, const struct phrases *ph, const char *verb, const char *in_words,
			const struct match_regex *re, int full, enum lang lang)
{
	size_t at = b->len;
	if (full || strlen(re->src) <= SHORT_PATTERN) {
		buf_printf(b, "%s%s /%s/", ph->comma, verb, re->src);
		return;
	}
	buf_printf(b, "%s%s ", ph->comma, in_words);
	if (!put_words(b, ph, re->src, lang)) {
		b->len = at;
		b->ptr[at] = '\0';
		buf_printf(b, "%s%s %s", ph->comma, verb, ph->its_pattern);
	}
}

char *verdict_describe_leaf(const struct leaf *l, enum lang lang, int full)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;

	if (l->what.en) {
		buf_puts(&b, text_get(&l->what, lang));
		buf_puts(&b, " (");
	}
	if (l->negated)
		buf_puts(&b, ph->no_file_in);
	else if (l->min_files > 1)
		put_counted(&b, ph->files_in, l->min_files, N_FILE, lang, 1);
	else
		buf_puts(&b, ph->a_file_in);
	put_globs(&b, ph, l->paths, l->npaths, full, lang);
	if (l->executable == 1)
		buf_puts(&b, ph->executable);
	else if (l->executable == 0)
		buf_puts(&b, ph->not_executable);
	if (l->min_lines)
		put_counted(&b, ph->lines, l->min_lines, N_LINE, lang, 1);
	if (l->contains) {
		put_pattern(&b, ph, ph->matching, ph->mentioning, l->contains, full, lang);
		if (l->min_matches > 1)
			put_counted(&b, ph->times, l->min_matches, N_TIME, lang, 1);
	}
	if (l->not_contains)
		put_pattern(&b, ph, ph->not_matching, ph->without, l->not_contains, full, lang);
	if (l->fresh) {
		put_pattern(&b, ph, ph->date_matching, ph->date_mentioning, l->fresh, full, lang);
		put_counted(&b, ph->within, (unsigned long long)l->fresh_days, N_DAY, lang, 1);
	}
	if (l->what.en)
		buf_puts(&b, ")");
	return buf_detach(&b);
}

/* ---- reasons the scan gives in English, said in the report's language -------------------- */

/* 1 when s is exactly prefix, then /re/ or "the pattern it looks for", then suffix; *rest after the prefix part. */
static int says_pattern(const char *s, const char *prefix, const struct match_regex *re, const char **rest)
{
	size_t pl = strlen(prefix), rl;
	if (!re || strncmp(s, prefix, pl))
		return 0;
	s += pl;
	rl = strlen(re->src);
	if (s[0] == '/' && !strncmp(s + 1, re->src, rl) && s[1 + rl] == '/') {
		*rest = s + rl + 2;
		return 1;
	}
	if (!strncmp(s, "the pattern it looks for", 24)) {
		*rest = s + 24;
		return 1;
	}
	return 0;
}

/*
 * The pattern as a reason names it: /re/ when short, else its words ("a",
 * "b" or "c"), else (a long pattern without plain words) where to read it.
 */
static void put_reason_pattern(struct buf *b, const struct match_regex *re, enum lang lang)
{
	if (strlen(re->src) <= SHORT_PATTERN)
		buf_printf(b, "/%s/", re->src);
	else if (!put_words(b, phrases(lang), re->src, lang))
		buf_puts(b, lang == LANG_AR ? "نمطاً يعرضه proofgate explain" : "shown by proofgate explain");
}

/* 1 when a long pattern has words to show in place of itself. */
static int has_words(const struct match_regex *re)
{
	struct words ws = {NULL, 0, 0};
	int yes;
	pattern_words(&ws, re->src);
	yes = ws.n > 0;
	words_free(&ws);
	return yes;
}

/* The whole string matched fmt (sscanf with a trailing %n). */
#define WHOLE(n) ((n) > 0)

/* Fixed Arabic wordings of the scan's own reasons about a file; 1 when why was one of them. */
static int reason_ar_file(struct buf *b, const char *why)
{
	size_t n = 0, m = 0;
	int end = 0;

	if (!strcmp(why, "is not executable"))
		buf_puts(b, "ليس قابلاً للتنفيذ");
	else if (!strcmp(why, "is executable"))
		buf_puts(b, "قابل للتنفيذ");
	else if (!strcmp(why, "could not be read"))
		buf_puts(b, "تعذّرت قراءته");
	else if (!strcmp(why, "too old"))
		buf_puts(b, "أقدم من اللازم");
	else if ((sscanf(why, "has %zu lines, fewer than the %zu needed to hold real steps%n", &n, &m, &end) == 2 &&
		  WHOLE(end) && !why[end]) ||
		 (sscanf(why, "has %zu line, fewer than the %zu needed to hold real steps%n", &n, &m, &end) == 2 &&
		  WHOLE(end) && !why[end])) {
		if (n == 0) {
			buf_puts(b, "ليس فيه أي سطر");
		} else {
			buf_puts(b, "فيه ");
			count_noun(b, n, N_LINE, LANG_AR, 0);
		}
		buf_puts(b, "، والمطلوب ");
		count_noun(b, m, N_LINE, LANG_AR, 0);
		buf_puts(b, " على الأقل لخطوات فعلية");
	} else
		return 0;
	return 1;
}

/* Fixed Arabic wordings of why a file's contents were not matched; 1 when why was one of them. */
static int reason_ar_skipped(struct buf *b, const char *why)
{
	unsigned long long cap;
	size_t n = 0;
	int end = 0;

	if (!strcmp(why, "is binary (a NUL in its first 8000 bytes): not content-matched"))
		buf_puts(b, "ملف ثنائي (فيه NUL في أول 8000 بايت): لم تُطابَق محتوياته");
	else if (sscanf(why, "is larger than the %llu-byte cap (%zu bytes): not content-matched%n", &cap, &n, &end) ==
			 2 &&
		 WHOLE(end) && !why[end])
		buf_printf(b, "أكبر من حد %llu بايت (%zu بايت): لم تُطابَق محتوياته", cap, n);
	else if (!strcmp(why, "symbolic link, not followed"))
		buf_puts(b, "رابط رمزي، لم يُتبع");
	else if (!strcmp(why, "submodule, not scanned"))
		buf_puts(b, "وحدة فرعية (submodule)، لم تُفحص");
	else
		return 0;
	return 1;
}

/*
 * The scan's reasons that quote the leaf's content pattern (what disqualified
 * the file, that it does not match, that it matches too few times), said by
 * the pattern's words where it is long, and in Arabic; 1 when why was one.
 */
static int reason_pattern(struct buf *b, const struct leaf *l, const char *why, enum lang lang)
{
	const struct match_regex *pat = l ? l->contains : NULL;
	/* in English a long pattern's words are added where it has some; Arabic says everything anew */
	int ar = lang == LANG_AR, long_pat = pat && strlen(pat->src) > SHORT_PATTERN && (ar || has_words(pat));
	const char *rest = NULL;
	size_t n = 0, m = 0;
	int end = 0;

	if (l && l->not_contains && says_pattern(why, "matches ", l->not_contains, &rest) &&
	    sscanf(rest, " at line %zu%n", &n, &end) == 1 && WHOLE(end) && !rest[end] && ar) {
		/* what disqualified the file is the point: quoted whole, as the scan does */
		buf_printf(b, "يطابق /%s/ في السطر %zu", l->not_contains->src, n);
	} else if (says_pattern(why, "does not match ", pat, &rest) && !*rest && (ar || long_pat)) {
		if (ar) {
			buf_puts(b, long_pat && has_words(pat) ? "لا يذكر " : "لا يطابق ");
			put_reason_pattern(b, pat, lang);
		} else { /* the scan's words stay, which readers and tests know; the pattern's words follow */
			buf_puts(b, "does not match the pattern it looks for (");
			put_reason_pattern(b, pat, lang);
			buf_puts(b, ")");
		}
	} else if (says_pattern(why, "matches ", pat, &rest) &&
		   ((sscanf(rest, " %zu times, fewer than %zu%n", &n, &m, &end) == 2 && WHOLE(end) && !rest[end]) ||
		    (sscanf(rest, " %zu time, fewer than %zu%n", &n, &m, &end) == 2 && WHOLE(end) && !rest[end])) &&
		   (ar || long_pat)) {
		if (ar) {
			buf_puts(b, long_pat && has_words(pat) ? "يذكر " : "يطابق ");
			put_reason_pattern(b, pat, lang);
			buf_puts(b, " ");
			count_noun(b, n, N_TIME, lang, 1);
			buf_printf(b, "، أقل من %zu", m);
		} else {
			buf_puts(b, "matches the pattern it looks for (");
			put_reason_pattern(b, pat, lang);
			buf_printf(b, ") %s", rest + 1);
		}
	} else
		return 0;
	return 1;
}

/* The scan's reasons about a freshness pattern's dates, by its words where it is long; 1 when why was one. */
static int reason_fresh(struct buf *b, const struct leaf *l, const char *why, enum lang lang)
{
	int ar = lang == LANG_AR;
	const char *rest = NULL;

	if (!l || !l->fresh || !(ar || (strlen(l->fresh->src) > SHORT_PATTERN && has_words(l->fresh))))
		return 0;
	if (says_pattern(why, "dates matching ", l->fresh, &rest) &&
	    !strcmp(rest, " are all after the scanned commit")) {
		buf_puts(b, ar ? "كل التواريخ المطابقة لـ " : "dates matching the pattern it looks for (");
		put_reason_pattern(b, l->fresh, lang);
		buf_puts(b, ar ? " بعد الإيداع المفحوص" : ") are all after the scanned commit");
	} else if (says_pattern(why, "holds no date (YYYY-MM-DD) matching ", l->fresh, &rest) && !*rest) {
		buf_puts(b, ar ? "لا يحوي تاريخاً (YYYY-MM-DD) يطابق "
			       : "holds no date (YYYY-MM-DD) matching the pattern it looks for (");
		put_reason_pattern(b, l->fresh, lang);
		if (!ar)
			buf_puts(b, ")");
	} else
		return 0;
	return 1;
}

char *verdict_reason(const struct leaf *l, const char *why, enum lang lang)
{
	struct buf b = BUF_INIT;
	int ar = lang == LANG_AR;

	if (!why)
		return NULL;
	if (!(ar && reason_ar_file(&b, why)) && !reason_pattern(&b, l, why, lang) && !reason_fresh(&b, l, why, lang) &&
	    !(ar && reason_ar_skipped(&b, why)))
		buf_puts(&b, why); /* a wording not known here stays as the scan gave it */
	return buf_detach(&b);
}

static void eval_leaf(struct acc *a, const struct leaf *l, const struct leaf_state *st, long commit_day, enum lang lang)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;
	char *desc = verdict_describe_leaf(l, lang, 0);
	size_t i;

	if (l->negated) {
		if (st->nsatisfied) {
			a->outcome = OUTCOME_FAIL;
			for (i = 0; i < st->nev; i++)
				acc_ev(a, &st->ev[i], 2 * l->index + 1);
			put_counted(&b, ph->found_forbidden, st->nsatisfied, N_FILE, lang, 0, desc);
		} else if (st->error) {
			a->outcome = OUTCOME_ERROR;
			buf_phrase(&b, ph->could_not, desc, st->error);
		} else {
			a->outcome = OUTCOME_PASS;
		}
		for (i = 0; i < st->nnotes && a->outcome != OUTCOME_PASS; i++)
			acc_miss(a, &st->notes[i].at, verdict_reason(l, st->notes[i].why, lang));
		goto done;
	}

	if (st->nsatisfied >= l->min_files) {
		long threshold = commit_day - l->fresh_days;
		if (l->fresh && st->newest_day < threshold) {
			char day[64], cday[64];
			date_format_day(day, st->newest_day);
			date_format_day(cday, commit_day);
			a->outcome = OUTCOME_FAIL;
			put_counted(&b, ph->too_old, (unsigned long long)(commit_day - st->newest_day), N_DAY, lang, 1,
				    desc, day, st->newest.path, st->newest.line, cday);
			acc_miss(a, &st->newest, verdict_reason(l, "too old", lang));
		} else {
			a->outcome = OUTCOME_PASS;
			if (l->fresh)
				acc_ev(a, &st->newest, 2 * l->index);
			for (i = 0; i < st->nev; i++)
				if (!l->fresh || strcmp(st->ev[i].path, st->newest.path))
					acc_ev(a, &st->ev[i], 2 * l->index + 1);
		}
	} else if (st->error) {
		a->outcome = OUTCOME_ERROR;
		buf_phrase(&b, ph->could_not, desc, st->error);
	} else {
		a->outcome = OUTCOME_FAIL;
		if (st->nselected == 0)
			buf_phrase(&b, ph->looked_none, desc);
		else if (st->nsatisfied == 0 && st->nselected == 1 && lang == LANG_AR)
			buf_phrase(&b, ph->looked_one_count, desc);
		else if (st->nsatisfied == 0)
			put_counted(&b, ph->looked_none_count, st->nselected, N_FILE, lang, 0, desc);
		else
			buf_phrase(&b, ph->looked_only, desc, st->nsatisfied, l->min_files);
		for (i = 0; i < st->nnotes; i++)
			acc_miss(a, &st->notes[i].at, verdict_reason(l, st->notes[i].why, lang));
	}
done:
	if (b.len)
		acc_looked(a, buf_detach(&b));
	buf_free(&b);
	free(desc);
}

static void eval_cond(struct acc *out, const struct cond *c, const struct scan_result *scan, long commit_day,
		      enum lang lang)
{
	size_t i, npass = 0, nfail = 0, nerr = 0;
	struct acc *kids;

	memset(out, 0, sizeof(*out));
	if (c->kind == COND_LEAF) {
		eval_leaf(out, c->leaf, &scan->leaves[c->leaf->index], commit_day, lang);
		return;
	}
	kids = xcalloc(c->nkids, sizeof(*kids));
	for (i = 0; i < c->nkids; i++) {
		eval_cond(&kids[i], c->kids[i], scan, commit_day, lang);
		npass += kids[i].outcome == OUTCOME_PASS;
		nfail += kids[i].outcome == OUTCOME_FAIL;
		nerr += kids[i].outcome == OUTCOME_ERROR;
	}
	if (c->kind == COND_ALL)
		out->outcome = nfail ? OUTCOME_FAIL : nerr ? OUTCOME_ERROR : OUTCOME_PASS;
	else
		out->outcome = npass ? OUTCOME_PASS : nerr ? OUTCOME_ERROR : OUTCOME_FAIL;
	for (i = 0; i < c->nkids; i++) {
		int ok = kids[i].outcome == OUTCOME_PASS;
		if (out->outcome == OUTCOME_PASS)
			acc_merge(out, &kids[i], ok, 0);
		else
			acc_merge(out, &kids[i], !ok, !ok);
	}
	free(kids);
}

/* ---- evidence ranked, best first (docs/rules.md, "Which evidence is shown first") ------ */

struct ranked {
	const struct evidence *e;
	size_t rank;
};

static size_t path_depth(const char *p)
{
	size_t n = 0;
	for (; *p; p++)
		n += *p == '/';
	return n;
}

/*
 * The condition the rule lists first (its primary kind of evidence), and
 * within it a fresh condition's newest date; then a match at a line before
 * a whole file; then the shallower path, the path's bytes, the line.
 */
static int ranked_cmp(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	size_t da, db;
	int c;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((a->e->line > 0) != (b->e->line > 0))
		return a->e->line > 0 ? -1 : 1;
	da = path_depth(a->e->path);
	db = path_depth(b->e->path);
	if (da != db)
		return da < db ? -1 : 1;
	c = strcmp(a->e->path, b->e->path);
	if (c)
		return c;
	return a->e->line < b->e->line ? -1 : a->e->line > b->e->line;
}

/*
 * Orders a's evidence best first (a total order, so the same on every
 * machine) and keeps each place once: a line that satisfies several
 * conditions of the rule is one piece of evidence (the same file at other
 * lines stays: each line proves its own part).
 */
static void rank_evidence(struct acc *a)
{
	struct ranked *r;
	size_t i, j, n = 0;
	if (a->nev < 2)
		return;
	r = xmalloc(a->nev * sizeof(*r));
	for (i = 0; i < a->nev; i++) {
		r[i].e = a->ev[i];
		r[i].rank = a->evrank[i];
	}
	qsort(r, a->nev, sizeof(*r), ranked_cmp);
	for (i = 0; i < a->nev; i++) {
		for (j = 0; j < n && (a->ev[j]->line != r[i].e->line || strcmp(a->ev[j]->path, r[i].e->path)); j++)
			;
		if (j < n)
			continue;
		a->ev[n] = r[i].e;
		a->evrank[n++] = r[i].rank;
	}
	a->nev = n;
	free(r);
}

/* ---- evidence the policy declares --------------------------------------------------- */

static const struct config_evidence *declared_for(const struct verdict_policy *pol, const char *id)
{
	size_t i;
	for (i = 0; pol && i < pol->nevidence; i++)
		if (!strcmp(pol->evidence[i].rule, id))
			return &pol->evidence[i];
	return NULL;
}

/* The file conditions of c, in rule order (the ones declared evidence replaced the paths of). */
static void file_leaves(const struct cond *c, const struct leaf ***out, size_t *n, size_t *cap)
{
	size_t i;
	if (c->kind != COND_LEAF) {
		for (i = 0; i < c->nkids; i++)
			file_leaves(c->kids[i], out, n, cap);
		return;
	}
	if (c->leaf->negated)
		return;
	XGROW(*out, *cap, *n + 1);
	(*out)[(*n)++] = c->leaf;
}

static int ev_matches(const struct match_glob *g, const struct evidence *e)
{
	return e->path && match_glob_path(g, e->path, strlen(e->path));
}

/*
 * Why declared path i does not count for any of the rule's file
 * conditions, or NULL when a file it names counts.  *unreadable is set when
 * the why is that its file could not be read (an error, not a failure).
 */
static char *declared_why(const struct config_evidence *d, size_t i, const struct leaf **lv, size_t nl,
			  const struct scan_result *scan, enum lang lang, int *unreadable)
{
	const struct match_glob *g = d->globs[i];
	int literal = config_evidence_literal(d->paths[i]), complete = 1, ar = lang == LANG_AR;
	struct buf b = BUF_INIT;
	size_t k, j;

	*unreadable = 0;
	if (!g)
		return NULL; /* a policy with problems is never applied */
	for (k = 0; k < nl; k++) {
		const struct leaf_state *st = &scan->leaves[lv[k]->index];
		for (j = 0; j < st->nev; j++)
			if (ev_matches(g, &st->ev[j]))
				return NULL;
	}
	for (k = 0; k < nl; k++) {
		const struct leaf_state *st = &scan->leaves[lv[k]->index];
		for (j = 0; j < st->nnotes; j++)
			if (ev_matches(g, &st->notes[j].at)) {
				char *why = verdict_reason(lv[k], st->notes[j].why, lang);
				if (!literal) { /* a glob: which of its files this is */
					buf_put_safe(&b, st->notes[j].at.path, strlen(st->notes[j].at.path));
					buf_puts(&b, ": ");
				}
				if (st->notes[j].at.line)
					buf_printf(&b, ar ? "السطر %zu: " : "line %zu: ", st->notes[j].at.line);
				buf_puts(&b, why);
				free(why);
				return buf_detach(&b);
			}
		if (st->nsatisfied > st->nev || st->nnotes_total > st->nnotes)
			complete = 0;
	}
	for (j = 0; j < scan->nskipped; j++)
		if (match_glob_path(g, scan->skipped[j].path, strlen(scan->skipped[j].path))) {
			char *why = verdict_reason(NULL, scan->skipped[j].why, lang);
			if (!literal) {
				buf_put_safe(&b, scan->skipped[j].path, strlen(scan->skipped[j].path));
				buf_puts(&b, ": ");
			}
			buf_puts(&b, why);
			free(why);
			return buf_detach(&b);
		}
	for (k = 0; k < nl; k++) {
		const struct leaf_state *st = &scan->leaves[lv[k]->index];
		if (st->error) {
			*unreadable = 1;
			buf_printf(&b, ar ? "تعذّرت قراءته: %s" : "could not be read: %s", st->error);
			return buf_detach(&b);
		}
	}
	if (!complete)
		buf_puts(&b, ar ? "لم يُتحقق منه: ملفات الدليل المعلنة أكثر مما يحفظه التقرير؛ أعلن عدداً أقل"
				: "not confirmed: more declared files were found than the report keeps; declare fewer");
	else if (literal)
		buf_puts(&b, ar ? "ليس في الإيداع المفحوص (أو معلَّم linguist-generated أو linguist-vendored، أو في مجلد "
				  "حزم مثبّتة)"
				: "is not in the scanned commit (or is marked linguist-generated or linguist-vendored, "
				  "or lies in a folder of installed packages)");
	else
		buf_puts(&b, ar ? "لا يطابق أي ملف في الإيداع المفحوص" : "matches no file in the scanned commit");
	return buf_detach(&b);
}

/*
 * Checks every declared path of the rule: each must name a file that
 * counts (a glob: at least one).  A path that is missing or does not
 * count fails the rule, its why first among what was looked for; a file
 * that could not be read leaves it an error.
 */
static void check_declared(struct rule_result *rr, struct acc *a, const struct config_evidence *d,
			   const struct scan_result *scan, enum lang lang)
{
	const struct leaf **lv = NULL;
	size_t nl = 0, lvcap = 0, cap = 0, i, n = 0;
	int hard = 0;
	struct buf b = BUF_INIT;
	char **looked;

	rr->declared = d;
	file_leaves(rr->rule->evidence, &lv, &nl, &lvcap);
	for (i = 0; i < d->npaths; i++) {
		int unreadable;
		char *why = declared_why(d, i, lv, nl, scan, lang, &unreadable);
		if (!why)
			continue;
		hard |= !unreadable;
		XGROW(rr->declared_problems, cap, rr->ndeclared_problems + 1);
		rr->declared_problems[rr->ndeclared_problems].path = d->paths[i];
		rr->declared_problems[rr->ndeclared_problems++].why = why;
	}
	free(lv);
	if (!rr->ndeclared_problems)
		return;
	if (hard)
		a->outcome = OUTCOME_FAIL;
	else if (a->outcome == OUTCOME_PASS)
		a->outcome = OUTCOME_ERROR;
	/* what the policy declared and why it does not count comes first: it is what the team can fix */
	looked = xmalloc((a->nlooked + rr->ndeclared_problems) * sizeof(*looked));
	for (i = 0; i < rr->ndeclared_problems; i++) {
		buf_printf(&b, lang == LANG_AR ? "الدليل المعلن في %s: '%s': %s" : "evidence declared in %s: '%s': %s",
			   CONFIG_FILE, rr->declared_problems[i].path, rr->declared_problems[i].why);
		looked[n++] = buf_detach(&b);
	}
	for (i = 0; i < a->nlooked; i++)
		looked[n++] = a->looked[i];
	free(a->looked);
	a->looked = looked;
	a->nlooked = a->lookedcap = n;
	buf_free(&b);
}

static void rule_message(struct rule_result *rr, enum lang lang)
{
	const struct phrases *ph = phrases(lang);
	struct buf b = BUF_INIT;
	size_t i;

	if (rr->outcome == OUTCOME_PASS) {
		if (rr->nev == 0)
			buf_puts(&b, ph->nothing_forbidden);
		else if (rr->declared)
			buf_printf(&b,
				   lang == LANG_AR ? "وُجد (دليل معلن في %s): " : "found (evidence declared in %s): ",
				   CONFIG_FILE);
		else
			buf_puts(&b, ph->found);
		for (i = 0; i < rr->nev && i < 3; i++) {
			buf_printf(&b, "%s", i ? ", " : "");
			buf_put_safe(&b, rr->ev[i]->path, strlen(rr->ev[i]->path));
			if (rr->ev[i]->line)
				buf_printf(&b, ":%zu", rr->ev[i]->line);
		}
		if (rr->nev > 3)
			buf_phrase(&b, ph->and_more, rr->nev - 3);
	} else if (rr->nlooked) {
		buf_put_safe(&b, rr->looked_for[0], strlen(rr->looked_for[0]));
	} else {
		buf_puts(&b, ph->no_evidence);
	}
	rr->message = buf_detach(&b);
}

static int proof_eval(struct verdict *v, const struct rules *rs, size_t p, signed char *memo)
{
	struct proof_result *pr = &v->proofs[p];
	size_t i;
	int ok;

	if (memo[p] >= 0)
		return memo[p];
	ok = pr->nrules > 0 || rs->proofs[p].nrequires > 0;
	for (i = 0; i < pr->nrules; i++)
		if (v->rules[pr->rules[i]].outcome != OUTCOME_PASS)
			ok = 0;
	for (i = 0; i < rs->proofs[p].nrequires; i++)
		if (!proof_eval(v, rs, rs->proofs[p].requires_idx[i], memo))
			ok = 0;
	memo[p] = (signed char)ok;
	pr->proven = ok;
	return ok;
}

static int is_off(const struct verdict_policy *pol, const char *id)
{
	size_t i;
	for (i = 0; pol && i < pol->noff; i++)
		if (!strcmp(pol->off[i], id))
			return 1;
	return 0;
}

/* Waives or marks expired; one waiver per rule (the first that applies). */
static void apply_waivers(struct verdict *v, const struct rules *rs, const struct verdict_policy *pol, long commit_day)
{
	size_t i;

	v->nwaivers = pol ? pol->nwaivers : 0;
	v->waivers = xcalloc(v->nwaivers ? v->nwaivers : 1, sizeof(*v->waivers));
	for (i = 0; i < v->nwaivers; i++) {
		const struct waiver *w = &pol->waivers[i];
		struct waiver_result *wr = &v->waivers[i];
		struct rule_result *rr;
		struct buf b = BUF_INIT;

		wr->waiver = w;
		wr->rule = rules_find_rule(rs, w->rule);
		wr->state = WAIVER_UNUSED;
		if (w->expires_day < commit_day)
			wr->state = WAIVER_EXPIRED;
		if (wr->rule < 0)
			continue;
		rr = &v->rules[wr->rule];
		if (!outcome_fails(rr->outcome) || rr->waiver)
			continue;
		rr->waiver = w;
		if (wr->state == WAIVER_EXPIRED) {
			buf_printf(&b, "the waiver for this rule expired on %s (owner %s: %s); %s", w->expires,
				   w->owner, w->reason, rr->message);
			free(rr->message);
			rr->message = buf_detach(&b);
			continue;
		}
		wr->state = WAIVER_USED;
		rr->outcome = OUTCOME_WAIVED;
	}
}

struct verdict_policy verdict_policy_of(const struct config *cfg)
{
	struct verdict_policy p;
	memset(&p, 0, sizeof(p));
	if (!cfg)
		return p;
	p.off = cfg->off;
	p.noff = cfg->noff;
	p.waivers = cfg->waivers;
	p.nwaivers = cfg->nwaivers;
	p.evidence = cfg->evidence;
	p.nevidence = cfg->nevidence;
	return p;
}

int verdict_compute(struct verdict **out, const struct rules *rs, const struct scan_result *scan, long long commit_time)
{
	return verdict_compute_policy(out, rs, scan, commit_time, NULL, LANG_EN);
}

int verdict_compute_policy(struct verdict **out, const struct rules *rs, const struct scan_result *scan,
			   long long commit_time, const struct verdict_policy *pol, enum lang lang)
{
	struct verdict *v = xcalloc(1, sizeof(*v));
	long commit_day = date_day_of(commit_time);
	signed char *memo;
	size_t i, j;

	v->nrules = rs->nrules;
	v->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(*v->rules));
	for (i = 0; i < rs->nrules; i++) {
		struct rule_result *rr = &v->rules[i];
		const struct config_evidence *d = declared_for(pol, rs->rules[i].id);
		struct acc a;
		eval_cond(&a, rs->rules[i].evidence, scan, commit_day, lang);
		rr->rule = &rs->rules[i];
		if (d)
			check_declared(rr, &a, d, scan, lang);
		rank_evidence(&a);
		free(a.evrank);
		rr->outcome = a.outcome;
		rr->ev = a.ev;
		rr->nev = a.nev;
		rr->looked_for = a.looked;
		rr->nlooked = a.nlooked;
		rr->misses = a.misses;
		rr->nmisses = a.nmisses;
		rr->found = a.outcome;
		rule_message(rr, lang);
		if (is_off(pol, rr->rule->id))
			rr->outcome = OUTCOME_OFF;
	}
	apply_waivers(v, rs, pol, commit_day);

	v->ndomains = rs->ndomains;
	v->domains = xcalloc(rs->ndomains ? rs->ndomains : 1, sizeof(*v->domains));
	v->go = 1;
	for (i = 0; i < rs->ndomains; i++) {
		struct domain_result *d = &v->domains[i];
		const struct rule_result *first_req = NULL, *first_exp = NULL;
		d->domain = &rs->domains[i];
		d->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(size_t));
		for (j = 0; j < rs->nrules; j++) {
			const struct rule_result *rr = &v->rules[j];
			if (rs->rules[j].domain != i || rr->outcome == OUTCOME_OFF)
				continue;
			d->rules[d->nrules++] = j;
			if (!outcome_fails(rr->outcome))
				continue;
			if (rs->rules[j].level == LEVEL_REQUIRED && !first_req)
				first_req = rr;
			else if (rs->rules[j].level == LEVEL_EXPECTED && !first_exp)
				first_exp = rr;
		}
		d->status = first_req ? STATUS_BLOCKED : first_exp ? STATUS_READINESS_ONLY : STATUS_READY;
		d->next = first_req ? first_req : first_exp;
		if (d->status != STATUS_READY)
			v->go = 0;
	}

	v->nproofs = rs->nproofs;
	v->proofs = xcalloc(rs->nproofs ? rs->nproofs : 1, sizeof(*v->proofs));
	memo = xmalloc(rs->nproofs ? rs->nproofs : 1);
	for (i = 0; i < rs->nproofs; i++) {
		struct proof_result *pr = &v->proofs[i];
		pr->proof = &rs->proofs[i];
		pr->rules = xcalloc(rs->nrules ? rs->nrules : 1, sizeof(size_t));
		for (j = 0; j < rs->nrules; j++) {
			size_t k;
			if (v->rules[j].outcome == OUTCOME_OFF)
				continue;
			for (k = 0; k < rs->rules[j].nproofs; k++)
				if (rs->rules[j].proof_idx[k] == i) {
					pr->rules[pr->nrules++] = j;
					break;
				}
		}
		memo[i] = -1;
	}
	for (i = 0; i < rs->nproofs; i++)
		proof_eval(v, rs, i, memo);
	free(memo);
	*out = v;
	return 0;
}

void verdict_free(struct verdict *v)
{
	size_t i, j;
	if (!v)
		return;
	for (i = 0; i < v->nrules; i++) {
		struct rule_result *rr = &v->rules[i];
		free(rr->message);
		free(rr->ev);
		for (j = 0; j < rr->nlooked; j++)
			free(rr->looked_for[j]);
		free(rr->looked_for);
		for (j = 0; j < rr->nmisses; j++)
			free(rr->misses[j].why);
		free(rr->misses);
		for (j = 0; j < rr->ndeclared_problems; j++)
			free(rr->declared_problems[j].why);
		free(rr->declared_problems);
	}
	for (i = 0; i < v->ndomains; i++)
		free(v->domains[i].rules);
	for (i = 0; i < v->nproofs; i++)
		free(v->proofs[i].rules);
	free(v->rules);
	free(v->domains);
	free(v->proofs);
	free(v->gate.branch);
	free(v->gate.pattern);
	free(v->waivers);
	free(v);
}
