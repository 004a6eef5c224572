/*
 * fuzz_prefilter.c - the literal prefilter (match/prefilter.h) against PCRE2 itself.
 *
 * Input: a flags byte (bit 0: caseless), then patterns separated by NUL
 * bytes, the last piece being the subject (made ASCII: the scan uses the
 * prefilter on ASCII subjects only).  Every pattern that compiles as a
 * content regex is added to one prefilter, as the scan adds a rule pack's;
 * a pattern the prefilter rules out on the subject must not match it.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/prefilter.h"

#define MAX_PATTERNS 8

static struct match_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1, *end = data + size, *piece;
	struct match_regex *r[MAX_PATTERNS];
	int ids[MAX_PATTERNS];
	struct prefilter *pf;
	struct prefilter_scratch *s;
	size_t n = 0, len, off, i;
	char *subject = NULL;

	if (size < 2 || size > 4096)
		return 0;
	if (!ctx)
		ctx = match_ctx_new();
	pf = prefilter_new();
	while (fuzz_next(&p, end, '\0', &piece, &len)) {
		char *pat = fuzz_strndup(piece, len);
		if (p >= end && n > 0) {
			subject = pat; /* the last piece */
			break;
		}
		if (n < MAX_PATTERNS && match_regex_compile(&r[n], pat, data[0] & 1 ? MATCH_CASELESS : 0, &off) == 0) {
			ids[n] = prefilter_add(pf, r[n]->src);
			n++;
		}
		free(pat);
	}
	if (!subject)
		subject = fuzz_strndup("", 0);
	len = strlen(subject);
	for (i = 0; i < len; i++)
		subject[i] &= 0x7f;
	prefilter_compile(pf);
	s = prefilter_scratch_new(pf);
	prefilter_scan(pf, s, subject, len);
	for (i = 0; i < n; i++) {
		size_t start = 0, ms, me, cs, ce;
		if (ids[i] >= 0 && !prefilter_may_match(pf, s, ids[i]) &&
		    match_regex_next(ctx, r[i], subject, len, &start, &ms, &me, &cs, &ce) == MATCH_OK)
			fuzz_fail("prefilter rules out /%s/ (%s) on '%s', which it matches at %zu", r[i]->src,
				  prefilter_describe(pf, ids[i]), subject, ms);
		match_regex_free(r[i]);
	}
	prefilter_scratch_free(s);
	prefilter_free(pf);
	free(subject);
	return 0;
}
