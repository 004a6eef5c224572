/* regex.c - content regexes: compiled with UTF and Unicode properties, matched with limits, JIT at first use. */
#include "match/regex.h"

#include <stdlib.h>

#include "match/alloc.h"
#include "util/err.h"
#include "util/mem.h"

int match_regex_fast_start(const struct match_regex *r)
{
	uint32_t type = 0;
	const uint8_t *bitmap = NULL;
	int bits = 0, i;

	if (!r || !r->code || pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
		return 0;
	if (type == 1)
		return 1;
	if (type != 0 || pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTBITMAP, &bitmap) != 0 || !bitmap)
		return 0;
	for (i = 0; i < 256; i++)
		bits += (bitmap[i >> 3] >> (i & 7)) & 1;
	return bits <= MATCH_FAST_START_BYTES;
}

int match_report_group(const pcre2_code *code, uint32_t ncaptures)
{
	int named;
	if (ncaptures < 1)
		return 0;
	named = pcre2_substring_number_from_name(code, (PCRE2_SPTR) "date");
	return named > 0 ? named : 1;
}

int match_regex_compile(struct match_regex **out, const char *pattern, unsigned flags, size_t *erroff)
{
	struct match_regex *r = NULL;
	pcre2_compile_context *cc = NULL;
	uint32_t copts = PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_MATCH_INVALID_UTF;
	PCRE2_SIZE eo = 0;
	int ec, rc = -1;

	*erroff = 0;
	if (flags & MATCH_CASELESS)
		copts |= PCRE2_CASELESS;
	cc = pcre2_compile_context_create(NULL);
	if (!cc) {
		err_set("cannot create a compile context");
		goto done;
	}
	/* CRLF files: ^ and $ see \r\n as one line end, as LF files do */
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	r = xcalloc(1, sizeof(*r));
	r->src = xstrdup(pattern);
	r->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, copts, &ec, &eo, cc);
	if (!r->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*erroff = eo;
		err_set("%s", (char *)msg);
		goto done;
	}
	pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &r->ncaptures);
	r->group = match_report_group(r->code, r->ncaptures);
	*out = r;
	r = NULL;
	rc = 0;
done:
	pcre2_compile_context_free(cc);
	match_regex_free(r);
	return rc;
}

void match_regex_free(struct match_regex *r)
{
	if (!r)
		return;
	pcre2_code_free(r->code);
	free(r->src);
	free(r);
}

struct match_ctx {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
};

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
	n = pcre2_match(code, (PCRE2_SPTR)subject, len, *start, 0, c->md, c->mc);
	if (n == PCRE2_ERROR_NOMATCH)
		return MATCH_NONE;
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
	/* the JIT state is the one thing matching changes in a shared regex */
	match_jit_once(&((struct match_regex *)r)->jitted, &r->code, 1);
	return match_code_next(c, r->code, r->group, subject, len, start, mstart, mend, cstart, cend);
}
