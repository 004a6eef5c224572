/*
 * fuzz_glob.c - glob conversion and matching (match/match.h).
 *
 * Input: a flags byte (bit 0: ignore case), the glob, then paths, one a
 * line.  Paths made from the glob itself (wildcards filled in) and a few
 * fixed ones are tried too.  For a glob that compiles, on every path:
 *   - the segment matcher agrees with PCRE2 (match_glob_path and
 *     match_glob_path_pcre2);
 *   - without braces, both agree with PCRE2's own conversion of the glob,
 *     compiled here as it comes (so a rewrite of the converted pattern
 *     cannot change what it matches); a glob PCRE2 converts and compiles
 *     must compile;
 *   - folder pruning keeps every folder above a matching path
 *     (match_glob_may_descend), and a folder said to be covered whole
 *     (match_glob_covers_dir) has only matching paths below it;
 *   - a single-alternative glob's literal word (match_glob_word) is in
 *     every ASCII path it matches (the scan uses words on ASCII paths
 *     only), and one said to match no ASCII path matches none.
 * A glob that does not compile must leave nothing allocated (LeakSanitizer).
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "util/buf.h"
#include "util/utf8.h"

#define MAX_PATHS 16

static const char *const fixed[] = {
	"README.md",
	"docs/ops/oncall.md",
	"a/b/c/d.md",
	"package-lock.json",
	"web/package-lock.json",
	"secret/x",
	"a/my-secrets/x",
	"a/b/secret.txt",
	"node_modules/a/b.js",
	"x",
	"docs/caf\xc3\xa9.md",
	"docs/caf\xe9.md",
	"K",
	"s",
};

/* The conversion match.c is expected to make, by PCRE2 alone: NULL when PCRE2 refuses the glob. */
static pcre2_code *reference(const char *glob, int icase)
{
	struct buf full = BUF_INIT;
	pcre2_convert_context *cc = pcre2_convert_context_create(NULL);
	PCRE2_UCHAR *conv = NULL;
	PCRE2_SIZE convlen = 0, eo;
	pcre2_code *code = NULL;
	int ec;

	if (glob[0] == '/')
		buf_puts(&full, glob + 1);
	else if (!strchr(glob, '/'))
		buf_printf(&full, "**/%s", glob);
	else
		buf_puts(&full, glob);
	pcre2_set_glob_separator(cc, '/');
	pcre2_set_glob_escape(cc, '\\');
	if (pcre2_pattern_convert((PCRE2_SPTR)buf_cstr(&full), full.len, PCRE2_CONVERT_GLOB | PCRE2_CONVERT_UTF, &conv,
				  &convlen, cc) == 0) {
		code = pcre2_compile(conv, convlen, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (icase ? PCRE2_CASELESS : 0),
				     &ec, &eo, NULL);
		pcre2_converted_pattern_free(conv);
	}
	pcre2_convert_context_free(cc);
	buf_free(&full);
	return code;
}

/* A path the glob probably matches: every wildcard filled in with something ('**' as depth or as nothing). */
static char *path_from_glob(const char *g, int deep)
{
	struct buf b = BUF_INIT;
	const char *p = g[0] == '/' ? g + 1 : g;
	char *out;
	for (; *p; p++) {
		if (p[0] == '*' && p[1] == '*') {
			buf_puts(&b, deep ? "d1/d2" : "");
			p++;
		} else if (*p == '*') {
			buf_puts(&b, "zz");
		} else if (*p == '?') {
			buf_putc(&b, 'q');
		} else if (*p == '\\' && p[1]) {
			buf_putc(&b, *++p);
		} else if (*p == '[') {
			const char *e = strchr(p + 1, ']');
			if (!e)
				break;
			buf_putc(&b, p[1] == '!' || p[1] == '^' ? '_' : p[1]);
			p = e;
		} else if (*p == '{') {
			continue;
		} else if (*p == ',') {
			/* the first alternative only: skip to the group's end */
			while (p[1] && p[1] != '}')
				p++;
		} else if (*p == '}') {
			continue;
		} else {
			buf_putc(&b, *p);
		}
	}
	out = fuzz_strndup(buf_cstr(&b), b.len);
	buf_free(&b);
	/* no empty segment, no leading or trailing slash */
	{
		char *r = out, *w = out;
		for (; *r; r++)
			if (*r != '/' || (w > out && w[-1] != '/'))
				*w++ = *r;
		while (w > out && w[-1] == '/')
			w--;
		*w = '\0';
	}
	return out;
}

static void check_path(const struct match_glob *g, const pcre2_code *ref, pcre2_match_data *md, const char *glob,
		       const char *path)
{
	size_t len = strlen(path), i;
	int fast = match_glob_path(g, path, len);
	int slow = match_glob_path_pcre2(g, path, len);

	if (fast != slow)
		fuzz_fail("glob '%s' on '%s': segment matcher %d, PCRE2 %d", glob, path, fast, slow);
	if (ref && buf_is_utf8(path, len)) {
		int want = pcre2_match(ref, (PCRE2_SPTR)path, len, 0, 0, md, NULL) >= 0;
		if (want != slow)
			fuzz_fail("glob '%s' on '%s': %d, PCRE2's own conversion %d", glob, path, slow, want);
	}
	for (i = 0; i < len; i++) {
		if (path[i] != '/')
			continue;
		if (fast && !match_glob_may_descend(g, path, i + 1))
			fuzz_fail("glob '%s' matches '%s' but prunes folder '%.*s'", glob, path, (int)(i + 1), path);
		if (!fast && match_glob_covers_dir(g, path, i))
			fuzz_fail("glob '%s' covers folder '%.*s' but not '%s' below it", glob, (int)i, path, path);
	}
	if (fast && g->nalts == 1) {
		char word[256];
		int ascii_never = 0;
		size_t n = match_glob_word(g, 0, word, sizeof(word), &ascii_never), k;
		struct buf low = BUF_INIT;
		int ascii = 1;
		for (k = 0; k < len; k++) {
			char c = path[k];
			ascii &= (unsigned char)c < 0x80;
			buf_putc(&low, c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c);
		}
		/* the scan looks for words in ASCII paths only */
		if (n && ascii && !strstr(buf_cstr(&low), word))
			fuzz_fail("glob '%s' matches '%s', which lacks its word '%s'", glob, path, word);
		if (ascii_never && ascii)
			fuzz_fail("glob '%s' matches ASCII '%s' but says it matches none", glob, path);
		buf_free(&low);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data + 1, *end = data + size, *piece;
	struct match_glob *g = NULL;
	pcre2_code *ref = NULL;
	pcre2_match_data *md = NULL;
	char *glob, *paths[MAX_PATHS + 2];
	size_t n, npaths = 0, off = 0, i;
	int icase;

	if (size < 2 || size > 1024)
		return 0;
	icase = data[0] & 1;
	if (!fuzz_next(&p, end, '\n', &piece, &n) || memchr(piece, '\0', n))
		return 0;
	glob = fuzz_strndup(piece, n);
	while (npaths < MAX_PATHS && fuzz_next(&p, end, '\n', &piece, &n))
		if (n && !memchr(piece, '\0', n))
			paths[npaths++] = fuzz_strndup(piece, n);
	paths[npaths++] = path_from_glob(glob, 1);
	paths[npaths++] = path_from_glob(glob, 0);

	if (!strchr(glob, '{') && !strchr(glob, '}'))
		ref = reference(glob, icase);
	if (match_glob_compile(&g, glob, icase, &off) < 0) {
		size_t gl = strlen(glob);
		/* match.c refuses these on purpose, whatever PCRE2 makes of them */
		int refused = gl == 0 || glob[gl - 1] == '/' || !strncmp(glob, "./", 2);
		if (ref && !refused)
			fuzz_fail("glob '%s' does not compile, but PCRE2's own conversion does", glob);
		if (off > gl)
			fuzz_fail("glob '%s': error offset %zu past its end", glob, off);
	} else {
		md = pcre2_match_data_create(4, NULL);
		for (i = 0; i < npaths; i++)
			check_path(g, ref, md, glob, paths[i]);
		for (i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
			check_path(g, ref, md, glob, fixed[i]);
		pcre2_match_data_free(md);
		match_glob_free(g);
	}
	pcre2_code_free(ref);
	match_thread_cleanup();
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(glob);
	return 0;
}
