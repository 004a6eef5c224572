/* regex.c - content regexes: compiled with UTF and Unicode properties, matched with limits, JIT at first use. */
#include "match/regex.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "match/alloc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

/* match_regex_fast_start for a compiled pattern. */
static int fast_start_of(const pcre2_code *code)
{
	uint32_t type = 0;
	const uint8_t *bitmap = NULL;
	int bits = 0, i;

	if (!code || pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return 0;
	if (type == 1)
		return 1;
	if (type != 0 || pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 || !bitmap)
		return 0;
	for (i = 0; i < 256; i++)
		bits += (bitmap[i >> 3] >> (i & 7)) & 1;
	return bits <= MATCH_FAST_START_BYTES;
}

int match_regex_fast_start(const struct match_regex *r)
{
	return r ? r->fast_start : 0;
}

int match_report_group(const pcre2_code *code, uint32_t ncaptures)
{
	int named;
	if (ncaptures < 1)
		return 0;
	named = pcre2_substring_number_from_name(code, (PCRE2_SPTR) "date");
	return named > 0 ? named : 1;
}

/* The positions of a compiled pattern's callouts: auto ones (255) and explicit numbered ones apart. */
struct callouts {
	size_t *pos;
	size_t n, cap;
	size_t plain; /* explicit (?C) or (?C0) callouts */
};

static int list_callout(pcre2_callout_enumerate_block *cb, void *data)
{
	struct callouts *co = data;
	if (cb->callout_string) {
		return 0;
	} else if (cb->callout_number == 255) {
		XGROW(co->pos, co->cap, co->n + 1);
		co->pos[co->n++] = cb->pattern_position;
	} else if (cb->callout_number == 0) {
		co->plain++;
	}
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * 1 when a step must be counted before the item at p: after a quantifier
 * (*, +, ?, {n,m}, with its lazy or possessive mark), after a closing
 * parenthesis, and after \R or \X (which can match two ways); with
 * extended syntax possible (ext), white space is looked past.  Every loop
 * PCRE2 can backtrack into goes on past one of these, and an alternation
 * without one is tried at most once per branch, so between two counted
 * steps PCRE2 does at most about a pattern's length of work.  An extra
 * position here only costs a callout; a missing one would not count.
 */
static int counts_before(const char *pattern, size_t p, int ext)
{
	unsigned char c;
	while (ext && p > 0 && strchr(" \t\n\r\f\v", pattern[p - 1]))
		p--;
	if (p == 0)
		return 0;
	c = (unsigned char)pattern[p - 1];
	if (c && strchr("*+?})", c))
		return 1;
	return p >= 2 && pattern[p - 2] == '\\' && (c == 'R' || c == 'X');
}

/* 1 when the pattern may switch on extended syntax: (?x), (?xx), (?ix:...), and the like. */
static int maybe_extended(const char *pattern)
{
	const char *q;
	for (q = strstr(pattern, "(?"); q; q = strstr(q + 1, "(?")) {
		const char *o = q + 2;
		while (*o && (isalpha((unsigned char)*o) || *o == '^' || *o == '-')) {
			if (*o == 'x')
				return 1;
			o++;
		}
	}
	return 0;
}

/*
 * Compiles r->src for running with the budget (regex.h): the pattern with
 * a callout `(?C)` inserted where counts_before says, found from PCRE2's
 * own auto-callout positions (so PCRE2 parses the pattern, its escapes,
 * classes and comments), into r->code and r->run_src.  Inside \Q..\E an
 * insertion would be text, so a pattern holding \Q, or a rewrite that does
 * not give at least the callouts meant, keeps PCRE2_AUTO_CALLOUT on the
 * whole pattern instead: slower, as sound.  Should even that compile fail
 * (it compiled plainly when loaded: out of memory), r->code is the plain
 * pattern, or NULL.
 */
static void counted_compile(struct match_regex *r, pcre2_compile_context *cc)
{
	struct callouts all, got;
	struct buf b = BUF_INIT;
	pcre2_code *autoc = NULL, *rew = NULL;
	size_t i, kept = 0, from = 0, len = strlen(r->src);
	uint32_t copts = r->opts;
	PCRE2_SIZE eo;
	int ec, fail = 0, ext = maybe_extended(r->src);

	memset(&all, 0, sizeof(all));
	memset(&got, 0, sizeof(got));
	autoc = pcre2_compile((PCRE2_SPTR)r->src, PCRE2_ZERO_TERMINATED, copts | PCRE2_AUTO_CALLOUT, &ec, &eo, cc);
	if (!autoc) {
		r->code = pcre2_compile((PCRE2_SPTR)r->src, PCRE2_ZERO_TERMINATED, copts, &ec, &eo, cc);
		goto done;
	}
	/* inside \Q..\E an inserted (?C) would be text: such a pattern keeps every auto-callout */
	fail = strstr(r->src, "\\Q") != NULL;
	pcre2_callout_enumerate(autoc, list_callout, &all);
	/* code order is pattern order but for repeated groups, which PCRE2 copies: sorted, once each */
	qsort(all.pos, all.n, sizeof(*all.pos), cmp_size);
	for (i = 0; i < all.n; i++) {
		size_t p = all.pos[i];
		if ((i && p == all.pos[i - 1]) || p > len || !counts_before(r->src, p, ext))
			continue;
		fail |= buf_put(&b, r->src + from, p - from) < 0 || buf_put(&b, "(?C)", 4) < 0;
		from = p;
		kept++;
	}
	fail |= buf_put(&b, r->src + from, len - from) < 0;
	if (!fail)
		rew = pcre2_compile((PCRE2_SPTR)buf_cstr(&b), b.len, copts, &ec, &eo, cc);
	if (rew)
		pcre2_callout_enumerate(rew, list_callout, &got);
	/* each kept position is its own callout at least (PCRE2 copies a group repeated {n,m} times) */
	if (rew && got.n == 0 && got.plain >= r->plain_callouts + kept) {
		r->code = rew;
		rew = NULL;
		r->run_src = buf_detach(&b);
	} else {
		r->code = autoc;
		autoc = NULL;
	}
done:
	if (!r->run_src)
		r->run_src = xstrdup(r->src);
	pcre2_code_free(autoc);
	pcre2_code_free(rew);
	buf_free(&b);
	free(all.pos);
	free(got.pos);
}

/* Every content regex's compile context: CRLF files see \r\n as one line end, as LF files do. */
static pcre2_compile_context *regex_context(void)
{
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	if (cc)
		pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	return cc;
}

/* one lock for every regex's compile for running: each is compiled once, at its first search */
static pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;

const pcre2_code *match_regex_ready(const struct match_regex *r)
{
	struct match_regex *w = (struct match_regex *)r; /* compiled at first use: the one change a search makes */
	pcre2_compile_context *cc;

	if (atomic_load_explicit(&w->state, memory_order_acquire) == MATCH_REGEX_READY)
		return w->code;
	pthread_mutex_lock(&ready_lock);
	if (atomic_load_explicit(&w->state, memory_order_relaxed) != MATCH_REGEX_READY) {
		cc = regex_context();
		counted_compile(w,
				cc); /* with no context PCRE2's default newline is LF: cc is NULL only out of memory */
		pcre2_compile_context_free(cc);
		atomic_store_explicit(&w->state, MATCH_REGEX_READY, memory_order_release);
	}
	pthread_mutex_unlock(&ready_lock);
	return w->code;
}

int match_regex_is_ready(const struct match_regex *r)
{
	return atomic_load_explicit(&((struct match_regex *)r)->state, memory_order_acquire) == MATCH_REGEX_READY;
}

int match_regex_compile(struct match_regex **out, const char *pattern, unsigned flags, size_t *erroff)
{
	struct match_regex *r = NULL;
	struct callouts plain;
	pcre2_compile_context *cc = NULL;
	pcre2_code *code = NULL;
	uint32_t copts = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_MATCH_INVALID_UTF;
	PCRE2_SIZE eo = 0;
	int ec, rc = -1;

	*erroff = 0;
	memset(&plain, 0, sizeof(plain));
	if (flags & MATCH_CASELESS)
		copts |= PCRE2_CASELESS;
	cc = regex_context();
	if (!cc) {
		err_set("cannot create a compile context");
		goto done;
	}
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, copts, &ec, &eo, cc);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*erroff = eo;
		err_set("%s", (char *)msg);
		goto done;
	}
	/* what the scan asks of a pattern up front, read off this compile; the one that runs comes later */
	r = xcalloc(1, sizeof(*r));
	r->src = xstrdup(pattern);
	pcre2_pattern_info(code, PCRE2_INFO_ARGOPTIONS, &r->opts);
	pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &r->newline);
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &r->ncaptures);
	r->group = match_report_group(code, r->ncaptures);
	r->fast_start = fast_start_of(code);
	pcre2_callout_enumerate(code, list_callout, &plain);
	r->plain_callouts = plain.plain;
	*out = r;
	r = NULL;
	rc = 0;
done:
	pcre2_code_free(code);
	pcre2_compile_context_free(cc);
	free(plain.pos);
	match_regex_free(r);
	return rc;
}

void match_regex_free(struct match_regex *r)
{
	if (!r)
		return;
	pcre2_code_free(r->code);
	free(r->src);
	free(r->run_src);
	free(r);
}

struct match_ctx {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
	/* the budget (regex.h): steps spent, its size, a fixed size for tests (or 0), and what it is for */
	unsigned long spent, budget, fixed;
	const pcre2_code *b_code;
	const char *b_subject;
	size_t b_len;
};

/* One step of the budget per callout; past it the match is abandoned (PCRE2_ERROR_CALLOUT). */
static int count_step(pcre2_callout_block *cb, void *data)
{
	struct match_ctx *c = data;
	(void)cb;
	if (++c->spent > c->budget)
		return PCRE2_ERROR_CALLOUT;
	return 0;
}

void match_budget_reset(struct match_ctx *c)
{
	c->spent = 0;
	c->b_code = NULL;
	c->b_subject = NULL;
	c->b_len = 0;
}

unsigned long match_budget_spent(const struct match_ctx *c)
{
	return c->spent;
}

void match_budget_set(struct match_ctx *c, unsigned long steps)
{
	c->fixed = steps;
}

unsigned long match_budget_for(size_t len)
{
	unsigned long per = MATCH_BUDGET_PER_BYTE;
	if (len > (ULONG_MAX - MATCH_BUDGET_BASE) / per)
		return ULONG_MAX;
	return MATCH_BUDGET_BASE + per * (unsigned long)len;
}

/*
 * JIT code runs on a 32 KiB machine stack unless given its own: that fails
 * `^(?:\w|\s)*$` on a 2000-character line.  Give it room like the interpreter's.
 */
#define MATCH_JIT_STACK_MIN (32u << 10)
#define MATCH_JIT_STACK_MAX (8u << 20)

struct match_ctx *match_ctx_new(void)
{
	struct match_ctx *c = xcalloc(1, sizeof(*c));
	c->md = match_pcre2_data_new(32);
	c->mc = match_pcre2_context_new();
	pcre2_set_match_limit(c->mc, MATCH_LIMIT);
	pcre2_set_depth_limit(c->mc, MATCH_DEPTH_LIMIT);
	pcre2_set_callout(c->mc, count_step, c);
	/* NULL when JIT is unavailable: the interpreter needs no JIT stack */
	c->js = pcre2_jit_stack_create(MATCH_JIT_STACK_MIN, MATCH_JIT_STACK_MAX, NULL);
	if (c->js)
		pcre2_jit_stack_assign(c->mc, NULL, c->js);
	return c;
}

void match_ctx_free(struct match_ctx *c)
{
	if (!c)
		return;
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mc);
	pcre2_jit_stack_free(c->js);
	free(c);
}

int match_code_next(struct match_ctx *c, const pcre2_code *code, int group, const char *subject, size_t len,
		    size_t *start, size_t *mstart, size_t *mend, size_t *cstart, size_t *cend)
{
	PCRE2_SIZE *ov;
	int n;

	if (*start > len)
		return MATCH_NONE;
	if (code != c->b_code || subject != c->b_subject || len != c->b_len) {
		/* another pattern or subject: a budget of its own */
		c->spent = 0;
		c->b_code = code;
		c->b_subject = subject;
		c->b_len = len;
		c->budget = c->fixed ? c->fixed : match_budget_for(len);
	}
	if (c->spent > c->budget)
		return MATCH_BUDGET_HIT;
	n = pcre2_match(code, (PCRE2_SPTR)subject, len, *start, 0, c->md, c->mc);
	if (n == PCRE2_ERROR_NOMATCH)
		return MATCH_NONE;
	if (n == PCRE2_ERROR_CALLOUT && c->spent > c->budget)
		return MATCH_BUDGET_HIT;
	if (n == PCRE2_ERROR_MATCHLIMIT || n == PCRE2_ERROR_DEPTHLIMIT || n == PCRE2_ERROR_HEAPLIMIT ||
	    n == PCRE2_ERROR_JIT_STACKLIMIT)
		return MATCH_LIMIT_HIT;
	if (n < 0)
		return MATCH_FAILED;
	ov = pcre2_get_ovector_pointer(c->md);
	*mstart = ov[0];
	*mend = ov[1];
	if (group > 0 && group < n && ov[2 * group] != PCRE2_UNSET) {
		*cstart = ov[2 * group];
		*cend = ov[2 * group + 1];
	} else {
		*cstart = ov[0];
		*cend = ov[1];
	}
	*start = ov[1];
	if (ov[1] == ov[0]) {
		/*
		 * After an empty match step one character, not one byte (an empty
		 * match inside a UTF-8 sequence counts twice), and over a whole
		 * \r\n (else ^ matches again after the \r).
		 */
		if (*start + 1 < len && subject[*start] == '\r' && subject[*start + 1] == '\n')
			*start += 2;
		else
			for ((*start)++; *start < len && ((unsigned char)subject[*start] & 0xc0) == 0x80; (*start)++)
				;
	}
	return MATCH_OK;
}

int match_regex_next(struct match_ctx *c, const struct match_regex *r, const char *subject, size_t len, size_t *start,
		     size_t *mstart, size_t *mend, size_t *cstart, size_t *cend)
{
	const pcre2_code *code = match_regex_ready(r);
	if (!code)
		return MATCH_FAILED;
	/* the compile for running and the JIT state are the things matching changes in a shared regex */
	match_jit_once(&((struct match_regex *)r)->jitted, &r->code, 1);
	return match_code_next(c, code, r->group, subject, len, start, mstart, mend, cstart, cend);
}
