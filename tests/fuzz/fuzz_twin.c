/*
 * fuzz_twin.c - ASCII twins (match/twin.h) against the UTF pattern they stand in for.
 *
 * Input: a flags byte (bit 0: caseless, as a rule's ignore_case), the
 * pattern, a NUL, then the subject (made ASCII: the scan runs a twin on
 * ASCII subjects only).  When the pattern has a twin, both must find the
 * same matches at the same offsets with the same reported group, match
 * after match, until both find no more (or a match limit stops either:
 * limits are per start position and count differently).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/twin.h"

#define MAX_MATCHES 64

static struct match_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1, *end = data + size, *pat;
	struct match_regex *r = NULL;
	struct twin *t;
	size_t plen, slen, off = 0, i, k;
	size_t a_start = 0, b_start = 0;
	char *pattern, *subject;

	if (size < 2 || size > 4096)
		return 0;
	if (!ctx)
		ctx = match_ctx_new(); /* one for the process, as a worker thread keeps one */
	fuzz_next(&p, end, '\0', &pat, &plen);
	pattern = fuzz_strndup(pat, plen);
	slen = (size_t)(end - p);
	subject = fuzz_strndup(p, slen);
	for (i = 0; i < slen; i++)
		subject[i] &= 0x7f;
	if (match_regex_compile(&r, pattern, data[0] & 1 ? MATCH_CASELESS : 0, &off) == 0 && (t = twin_compile(r))) {
		for (k = 0; k < MAX_MATCHES; k++) {
			size_t ams = 0, ame = 0, acs = 0, ace = 0, bms = 0, bme = 0, bcs = 0, bce = 0;
			int a = match_regex_next(ctx, r, subject, slen, &a_start, &ams, &ame, &acs, &ace);
			int b = twin_next(ctx, t, subject, slen, &b_start, &bms, &bme, &bcs, &bce);
			if (a == MATCH_LIMIT_HIT || b == MATCH_LIMIT_HIT)
				break;
			if (a != b)
				fuzz_fail("/%s/%s on %zu ASCII bytes: match %zu is %s with UTF, %s with the twin",
					  pattern, data[0] & 1 ? "i" : "", slen, k,
					  a == MATCH_OK ? "found" : "not found", b == MATCH_OK ? "found" : "not found");
			if (a != MATCH_OK)
				break;
			if (ams != bms || ame != bme || acs != bcs || ace != bce)
				fuzz_fail("/%s/ match %zu: UTF at %zu-%zu (group %zu-%zu), twin at %zu-%zu (group "
					  "%zu-%zu)",
					  pattern, k, ams, ame, acs, ace, bms, bme, bcs, bce);
		}
		twin_free(t);
	}
	match_regex_free(r);
	free(pattern);
	free(subject);
	return 0;
}
