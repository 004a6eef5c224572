/* twin.c - content regexes recompiled without UTF and UCP, run on ASCII subjects only. */
#include "match/twin.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

/* twin.state: not compiled yet, compiled, or found to have no twin after all (r runs instead) */
enum { TWIN_NEW, TWIN_READY, TWIN_NONE };

struct twin {
	const struct match_regex *r; /* the pattern it stands for; outlives the twin */
	uint32_t opts, newline;	     /* r's compile options and newline convention, read once */
	pcre2_code *code;	     /* set once state is TWIN_READY */
	int group;		     /* capture group that twin_next reports: "date", else 1, else 0 */
	atomic_uchar state;	     /* TWIN_NEW until the first twin_next; set under twin_lock */
	atomic_uchar jitted;	     /* match_jit_once */
};

/* one lock for every twin's compile: each is compiled once, at its first use */
static pthread_mutex_t twin_lock = PTHREAD_MUTEX_INITIALIZER;

struct twin *twin_compile(const struct match_regex *r)
{
	struct twin *t;
	uint32_t opts = 0, nl = 0;
	const unsigned char *c;

	/*
	 * Without UTF a character beyond ASCII is several bytes: a quantifier after
	 * it repeats its last byte only ("•?" then needs two bytes no ASCII text
	 * has), and caseless matching no longer pairs KELVIN SIGN and LONG S with
	 * k and s.  A pattern holding one has no twin (fuzz_twin's findings).
	 */
	for (c = r && r->src ? (const unsigned char *)r->src : NULL; c && *c; c++)
		if (*c >= 0x80)
			return NULL;
	if (!r)
		return NULL;
	opts = r->opts;
	nl = r->newline;
	/*
	 * Compiled at its first use (twin_build), not here: a scan runs few of
	 * its patterns on most repositories, and compiling every twin up front
	 * was a tenth of an empty repository's scan.
	 */
	t = xcalloc(1, sizeof(*t));
	t->r = r;
	t->opts = opts;
	t->newline = nl;
	return t;
}

/* Compiles t->r without UTF and UCP (once, whichever thread asks first); TWIN_NONE when that fails. */
static void twin_build(struct twin *t)
{
	pcre2_compile_context *cc = NULL;
	pcre2_code *code = NULL;
	uint32_t opts = t->opts, ncap = 0;
	PCRE2_SIZE eo;
	int ec, state = TWIN_NONE;

	pthread_mutex_lock(&twin_lock);
	if (atomic_load_explicit(&t->state, memory_order_relaxed) != TWIN_NEW)
		goto done;
	/* the pattern's own compile for running gives run_src (it waits for the first search too) */
	if (!match_regex_ready(t->r))
		goto publish;
	cc = pcre2_compile_context_create(NULL);
	if (!cc)
		goto publish;
	pcre2_set_newline(cc, t->newline);
	/* the same options but the Unicode ones; (*UTF) or (*UCP) in the pattern makes it twinless */
	opts &= ~(uint32_t)(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NO_UTF_CHECK);
	opts |= PCRE2_NEVER_UTF | PCRE2_NEVER_UCP;
	/* run_src: with the budget's callouts (regex.h), so the twin counts steps as r does */
	code = pcre2_compile((PCRE2_SPTR)t->r->run_src, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, cc);
	/* the same groups, or it is not the same pattern */
	if (code && pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap) == 0 && ncap == t->r->ncaptures) {
		t->code = code;
		t->group = match_report_group(code, ncap);
		code = NULL;
		state = TWIN_READY;
	}
publish:
	atomic_store_explicit(&t->state, (unsigned char)state, memory_order_release);
done:
	pthread_mutex_unlock(&twin_lock);
	pcre2_code_free(code);
	pcre2_compile_context_free(cc);
}

int twin_ready(struct twin *t)
{
	if (atomic_load_explicit(&t->state, memory_order_acquire) == TWIN_NEW)
		twin_build(t);
	return atomic_load_explicit(&t->state, memory_order_acquire) == TWIN_READY;
}

int twin_compiled(const struct twin *t)
{
	return atomic_load_explicit(&((struct twin *)t)->state, memory_order_acquire) != TWIN_NEW;
}

void twin_free(struct twin *t)
{
	if (!t)
		return;
	pcre2_code_free(t->code);
	free(t);
}

int twin_is_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint64_t acc = 0, w;

	/* eight bytes at a time: any high bit set means a byte of 0x80 or more */
	while (end - p >= 32) {
		uint64_t a, b, c, d;
		memcpy(&a, p, 8);
		memcpy(&b, p + 8, 8);
		memcpy(&c, p + 16, 8);
		memcpy(&d, p + 24, 8);
		if ((a | b | c | d) & 0x8080808080808080ull)
			return 0;
		p += 32;
	}
	while (end - p >= 8) {
		memcpy(&w, p, 8);
		acc |= w;
		p += 8;
	}
	if (acc & 0x8080808080808080ull)
		return 0;
	while (p < end)
		if (*p++ & 0x80)
			return 0;
	return 1;
}

int twin_next(struct match_ctx *c, const struct twin *t, const char *subject, size_t len, size_t *start, size_t *mstart,
	      size_t *mend, size_t *cstart, size_t *cend)
{
	struct twin *w = (struct twin *)t; /* compiled at first use: the only change a search makes to it */
	if (!twin_ready(w))
		return match_regex_next(c, t->r, subject, len, start, mstart, mend, cstart, cend);
	match_jit_once(&w->jitted, &w->code, 1); /* at first use, as regex.c's */
	return match_code_next(c, t->code, t->group, subject, len, start, mstart, mend, cstart, cend);
}
