/*
 * fuzz_multi.c - the one Vectorscan pass (match/multi.h) against PCRE2 itself.
 *
 * Input: a flags byte (bit 0: caseless), then patterns separated by NUL
 * bytes, the last piece being the subject (as it is: ASCII, other UTF-8 or
 * neither; CR and CRLF too).  Every pattern that compiles as a content
 * regex goes into one database, as the scan puts a rule pack's; a pattern
 * the pass rules out on the subject must not match it.  Without Vectorscan
 * the harness checks that multi_build refuses.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/multi.h"
#include "match/twin.h"

#define MAX_PATTERNS 6

static struct match_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1, *end = data + size, *piece;
	struct match_regex *r[MAX_PATTERNS];
	const char *src[MAX_PATTERNS];
	unsigned char ci[MAX_PATTERNS];
	struct multi *m = NULL;
	struct multi_scratch *s;
	size_t n = 0, len = 0, off, i;
	char *subject = NULL;

	if (size < 2 || size > 2048)
		return 0;
	if (!ctx)
		ctx = match_ctx_new();
	while (fuzz_next(&p, end, '\0', &piece, &len)) {
		char *pat = fuzz_strndup(piece, len);
		if (p >= end && n > 0) {
			subject = pat; /* the last piece */
			break;
		}
		if (n < MAX_PATTERNS && match_regex_compile(&r[n], pat, data[0] & 1 ? MATCH_CASELESS : 0, &off) == 0) {
			src[n] = r[n]->src;
			ci[n] = data[0] & 1;
			n++;
		}
		free(pat);
	}
	if (!subject)
		subject = fuzz_strndup("", 0);
	len = strlen(subject);
	if (multi_build(&m, src, ci, n) < 0) {
		if (strcmp(multi_engine(), "none") != 0 && n > 0)
			fuzz_fail("multi_build refused %zu patterns with Vectorscan built in", n);
		goto done;
	}
	s = multi_scratch_new(m);
	multi_scan(m, s, subject, len, twin_is_ascii(subject, len));
	for (i = 0; i < n; i++) {
		size_t start = 0, ms, me, cs, ce;
		if (!multi_may_match(s, i) &&
		    match_regex_next(ctx, r[i], subject, len, &start, &ms, &me, &cs, &ce) == MATCH_OK)
			fuzz_fail("the pass rules out /%s/ (%s) on '%s', which it matches at %zu", r[i]->src,
				  multi_describe(m, i), subject, ms);
	}
	multi_scratch_free(s);
done:
	for (i = 0; i < n; i++)
		match_regex_free(r[i]);
	multi_free(m);
	free(subject);
	return 0;
}
