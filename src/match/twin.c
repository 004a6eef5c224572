/* twin.c - content regexes recompiled without UTF and UCP, run on ASCII subjects only. */
#include "match/twin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct twin {
	pcre2_code *code;
	int group;	     /* capture group that twin_next reports: "date", else 1, else 0 */
	atomic_uchar jitted; /* match_jit_once */
};

struct twin *twin_compile(const struct match_regex *r)
{
	pcre2_compile_context *cc = NULL;
	struct twin *t = NULL;
	uint32_t opts = 0, nl = 0, ncap = 0;
	PCRE2_SIZE eo;
	int ec;
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
	if (!r || !r->code || pcre2_pattern_info(r->code, PCRE2_INFO_ARGOPTIONS, &opts) != 0 ||
	    pcre2_pattern_info(r->code, PCRE2_INFO_NEWLINE, &nl) != 0)
		return NULL;
	cc = pcre2_compile_context_create(NULL);
	if (!cc)
		return NULL;
	pcre2_set_newline(cc, nl);
	/* the same options but the Unicode ones; (*UTF) or (*UCP) in the pattern makes it twinless */
	opts &= ~(uint32_t)(PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NO_UTF_CHECK);
	opts |= PCRE2_NEVER_UTF | PCRE2_NEVER_UCP;
	t = xcalloc(1, sizeof(*t));
	/* run_src: with the budget's callouts (regex.h), so the twin counts steps as r does */
	t->code = pcre2_compile((PCRE2_SPTR)r->run_src, PCRE2_ZERO_TERMINATED, opts, &ec, &eo, cc);
	pcre2_compile_context_free(cc);
	if (!t->code) {
		free(t);
		return NULL;
	}
	/* the same groups, or it is not the same pattern */
	pcre2_pattern_info(t->code, PCRE2_INFO_CAPTURECOUNT, &ncap);
	if (ncap != r->ncaptures) {
		twin_free(t);
		return NULL;
	}
	t->group = match_report_group(t->code, ncap);
	return t;
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
	match_jit_once(&((struct twin *)t)->jitted, &t->code, 1); /* at first use, as regex.c's */
	return match_code_next(c, t->code, t->group, subject, len, start, mstart, mend, cstart, cend);
}
