/* glob.c - path globs: compiled by PCRE2 per brace alternative, matched by segments where glob_fast.c can. */
#include "match/glob.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "match/alloc.h"
#include "match/braces.h"
#include "match/glob_fast.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/utf8.h"

static pthread_mutex_t ready_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * One pattern for every alternative, so a path is tested in one call, not
 * one per alternative (a glob with twenty extensions cost twenty).  When it
 * does not compile (it cannot fail on what compiled alone) the alternatives
 * are tried one by one.  Compiled at the glob's first PCRE2 match, under one
 * lock, published with release/acquire; the JIT follows (the flags are all
 * a shared glob changes after it is loaded).
 */
void match_glob_ready(const struct match_glob *g)
{
	struct match_glob *m = (struct match_glob *)g;
	pcre2_code *more[2];

	if (!atomic_load_explicit(&m->ready, memory_order_acquire)) {
		pthread_mutex_lock(&ready_mu);
		if (!atomic_load_explicit(&m->ready, memory_order_relaxed)) {
			int ec;
			PCRE2_SIZE eo;
			if (m->all_src)
				m->all = pcre2_compile((PCRE2_SPTR)m->all_src, m->all_len,
						       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
							       (m->caseless ? PCRE2_CASELESS : 0),
						       &ec, &eo, NULL);
			free(m->all_src);
			m->all_src = NULL;
			atomic_store_explicit(&m->ready, 1, memory_order_release);
		}
		pthread_mutex_unlock(&ready_mu);
	}
	more[0] = m->all;
	more[1] = m->dir_all;
	match_jit_once_two(&m->jitted, m->alts, m->nalts, more, 2);
}

void match_path_prepare(struct match_path *mp, const char *path, size_t len)
{
	size_t i, start = 0;

	mp->s = path;
	mp->len = len;
	mp->np = 0;
	mp->ascii = 1;
	mp->split = 1;
	for (i = 0; i <= len; i++) {
		if (i < len && path[i] != '/') {
			if ((unsigned char)path[i] >= 0x80)
				mp->ascii = 0;
			continue;
		}
		if (mp->np == MATCH_PATH_SEGS) {
			mp->split = 0;
			break;
		}
		mp->at[mp->np] = start;
		mp->end[mp->np++] = i;
		start = i + 1;
	}
	mp->utf8 = mp->ascii || buf_is_utf8(path, len);
	mp->fold_ascii = mp->ascii || (mp->utf8 && !match_fold_ascii_unsafe(path, len));
}

int match_fold_ascii_unsafe(const char *s, size_t len)
{
	size_t i;
	/* U+212A is e2 84 aa; U+017F c5 bf; U+0130 and U+0131 c4 b0 and c4 b1 */
	for (i = 0; i + 1 < len; i++) {
		unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
		if ((c == 0xc5 && d == 0xbf) || (c == 0xc4 && (d == 0xb0 || d == 0xb1)) ||
		    (c == 0xe2 && d == 0x84 && i + 2 < len && (unsigned char)s[i + 2] == 0xaa))
			return 1;
	}
	return 0;
}

size_t match_glob_word(const struct match_glob *g, size_t alt, char *buf, size_t cap, int *ascii_never)
{
	return glob_fast_word(alt < g->nalts ? g->fast[alt] : NULL, buf, cap, ascii_never);
}

/*
 * The converter places (*COMMIT) after a glob's literal prefix, only to stop
 * backtracking early.  PCRE2's JIT then misses partial matches (folder
 * pruning asks "could a path below this folder match?"), so drop the verb:
 * every glob is anchored, and the results are the same without it.
 */
static void strip_commit(PCRE2_UCHAR *p, PCRE2_SIZE *len)
{
	static const char verb[] = "(*COMMIT)";
	const size_t vl = sizeof(verb) - 1;
	PCRE2_SIZE i = 0, o = 0;
	int in_class = 0; /* 1 just after '[' or '[^' (a ']' there is a member), 2 further in */

	while (i < *len) {
		if (p[i] == '\\' && i + 1 < *len) {
			p[o++] = p[i++]; /* the escaped byte is copied below */
			in_class = in_class ? 2 : 0;
		} else if (in_class) {
			if (p[i] == '[' && i + 1 < *len && p[i + 1] == ':') {
				/* "[:alpha:]" inside a class: up to its ':]' */
				while (i < *len && !(p[i] == ']' && p[i - 1] == ':'))
					p[o++] = p[i++];
				in_class = 2;
			} else if (p[i] == ']' && in_class == 2) {
				in_class = 0;
			} else {
				in_class = 2;
			}
		} else if (p[i] == '[') {
			in_class = 1;
			if (i + 1 < *len && p[i + 1] == '^')
				p[o++] = p[i++];
		} else if (*len - i >= vl && !memcmp(p + i, verb, vl)) {
			i += vl;
			continue;
		}
		p[o++] = p[i++];
	}
	p[o] = 0;
	*len = o;
}

/*
 * PCRE2 converts a glob starting with two stars and text ("**.md",
 * "**-lock.json", "**secret*") without an anchor ("(?s)\.md\z"): a whole
 * match is the same, but a partial match cannot begin inside a folder that
 * holds none of the text, so match_glob_may_descend pruned every folder.
 * Such a pattern gets "\A.*?" in front; tmp holds it when it does.
 */
static const PCRE2_UCHAR *anchor_start(const PCRE2_UCHAR *p, PCRE2_SIZE *len, struct buf *tmp)
{
	static const char opts[] = "(?s)", start[] = "\\A", seg[] = "(?:\\A|/)";
	const size_t ol = sizeof(opts) - 1;
	if (*len < ol || memcmp(p, opts, ol) ||
	    (*len - ol >= sizeof(start) - 1 && !memcmp(p + ol, start, sizeof(start) - 1)) ||
	    (*len - ol >= sizeof(seg) - 1 && !memcmp(p + ol, seg, sizeof(seg) - 1)))
		return p;
	buf_clear(tmp);
	buf_put(tmp, opts, ol);
	buf_puts(tmp, "\\A.*?");
	buf_put(tmp, (const char *)p + ol, *len - ol);
	*len = tmp->len;
	return (const PCRE2_UCHAR *)buf_cstr(tmp);
}

/* Whether a converted pattern is anchored as a whole-path glob is: at the start, or after a slash (anchor_start). */
static int anchored_start(const PCRE2_UCHAR *p, PCRE2_SIZE len)
{
	static const char start[] = "(?s)\\A", seg[] = "(?s)(?:\\A|/)";
	return (len >= sizeof(start) - 1 && !memcmp(p, start, sizeof(start) - 1)) ||
	       (len >= sizeof(seg) - 1 && !memcmp(p, seg, sizeof(seg) - 1));
}

/*
 * For a glob (full, as converted) ending in slash-star-star: the pattern of
 * the folder x itself, or NULL; and into *fast its segment program when the
 * pattern is anchored as a path glob's is (then both say the same of a
 * folder), else NULL.
 */
static pcre2_code *folder_code(struct glob_fast **fast, const struct buf *full, uint32_t copts,
			       pcre2_convert_context *cc)
{
	PCRE2_UCHAR *dconv = NULL;
	PCRE2_SIZE dlen = 0, eo;
	pcre2_code *code = NULL;
	size_t gl = full->len;
	int ec;

	*fast = NULL;
	if (gl <= 3 || strcmp(full->ptr + gl - 3, "/**") != 0)
		return NULL;
	if (pcre2_pattern_convert((PCRE2_SPTR)full->ptr, gl - 3, PCRE2_CONVERT_GLOB | PCRE2_CONVERT_UTF, &dconv, &dlen,
				  cc) == 0) {
		strip_commit(dconv, &dlen);
		code = pcre2_compile(dconv, dlen, copts, &ec, &eo, NULL);
		if (code && anchored_start(dconv, dlen)) {
			/* "/x": the folder glob as the root-relative path glob it is */
			struct buf f = BUF_INIT;
			buf_putc(&f, '/');
			buf_put(&f, full->ptr, gl - 3);
			*fast = glob_fast_new(buf_cstr(&f), (copts & PCRE2_CASELESS) != 0);
			buf_free(&f);
		}
		pcre2_converted_pattern_free(dconv);
	}
	return code;
}

/*
 * Converts and compiles one glob (no braces) into *out, and into *dir_all
 * the pattern of the folder it covers as a whole (folder_code); the
 * converted pattern is appended to text when given.  On error returns -1,
 * sets err and *erroff; *out and *dir_all are then untouched.
 */
static int convert_one(pcre2_code **out, pcre2_code **dir_all, struct glob_fast **dir_fast, const char *glob,
		       int ignore_case, size_t *erroff, struct buf *text)
{
	pcre2_convert_context *cc = NULL;
	pcre2_code *code = NULL;
	PCRE2_UCHAR *conv = NULL;
	PCRE2_SIZE convlen = 0, eo = 0;
	const PCRE2_UCHAR *pat;
	struct buf full = BUF_INIT, anchored = BUF_INIT;
	uint32_t copts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (ignore_case ? PCRE2_CASELESS : 0);
	int rc = -1, ec;

	if (glob[0] == '/')
		buf_puts(&full, glob + 1);
	else if (!strchr(glob, '/'))
		buf_printf(&full, "**/%s", glob);
	else
		buf_puts(&full, glob);

	cc = pcre2_convert_context_create(NULL);
	if (!cc) {
		err_set("cannot create a glob conversion context");
		goto done;
	}
	pcre2_set_glob_separator(cc, '/');
	pcre2_set_glob_escape(cc, '\\');
	ec = pcre2_pattern_convert((PCRE2_SPTR)full.ptr, full.len, PCRE2_CONVERT_GLOB | PCRE2_CONVERT_UTF, &conv,
				   &convlen, cc);
	if (ec != 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		/* report the offset in the glob as the author wrote it */
		if (glob[0] == '/')
			*erroff = convlen + 1;
		else if (full.len > strlen(glob))
			*erroff = convlen >= 3 ? convlen - 3 : 0;
		else
			*erroff = convlen;
		err_set("%s", (char *)msg);
		goto done;
	}
	strip_commit(conv, &convlen);
	pat = anchor_start(conv, &convlen, &anchored);
	if (text)
		buf_put(text, (const char *)pat, convlen);
	code = pcre2_compile(pat, convlen, copts, &ec, &eo, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		*erroff = 0;
		err_set("%s", (char *)msg);
		goto done;
	}
	/* a glob ending in slash-star-star covers the whole folder x: compile "x" to prune it as a unit */
	*dir_all = folder_code(dir_fast, &full, copts, cc);
	*out = code;
	rc = 0;
done:
	if (conv)
		pcre2_converted_pattern_free(conv);
	pcre2_convert_context_free(cc);
	buf_free(&full);
	buf_free(&anchored);
	return rc;
}

/* Refuses a glob no path could match: paths are files from the root, never "x/" nor "./x". */
static int check_glob(const char *glob, size_t *erroff)
{
	size_t len = strlen(glob);

	if (len == 0)
		return err_set("empty glob");
	if (glob[len - 1] == '/') {
		*erroff = len - 1;
		return err_set("a glob ending in '/' matches no file (write '%.*s/**' for every file below it)",
			       (int)(len - 1), glob);
	}
	if (!strncmp(glob, "./", 2))
		return err_set("paths have no leading './' (write '/%s' to anchor it at the root)", glob + 2);
	return 0;
}

/*
 * After alternative i of n failed, *erroff is in the expanded alternative.
 * PCRE2 reads braces as literals, so the glob as written usually fails at
 * the same place: take the offset (and message) from there, else keep the
 * offset if it fits.
 */
static void error_as_written(const char *glob, size_t n, int ignore_case, size_t *erroff)
{
	pcre2_code *whole = NULL, *whole_dir = NULL;
	struct glob_fast *whole_fast = NULL;
	size_t off = 0;

	if (n > 1 && convert_one(&whole, &whole_dir, &whole_fast, glob, ignore_case, &off, NULL) < 0)
		*erroff = off;
	else if (*erroff > strlen(glob))
		*erroff = 0;
	pcre2_code_free(whole);
	pcre2_code_free(whole_dir);
	glob_fast_free(whole_fast);
}

/*
 * Whether alternative alt (braces expanded) may match below every folder:
 * it has no '/' (it matches at any depth) or starts with two stars and a
 * slash (after the root's '/').  Its converted pattern then starts with
 * "(?:\A|/)" and, searched in "dir/", reaches the end of any folder's path
 * (a match or a partial one), which is what match_glob_may_descend asks of
 * PCRE2: tests/unit/scan/test_descend.c compares both ways.
 */
static int below_every_folder(const char *alt)
{
	return !strchr(alt, '/') || !strncmp(alt[0] == '/' ? alt + 1 : alt, "**/", 3);
}

/* Compiles alts[0..g->nalts) of glob into g's patterns. */
static int compile_alts(struct match_glob *g, char *const *alts, const char *glob, int ignore_case, size_t *erroff)
{
	struct buf all = BUF_INIT;
	size_t i, n = g->nalts;
	int rc = -1;

	for (i = 0; i < n; i++) {
		pcre2_code *dir_all = NULL;
		struct glob_fast *dir_fast = NULL;
		if (n > 1)
			buf_puts(&all, i ? ")|(?:" : "(?:");
		if (convert_one(&g->alts[i], &dir_all, &dir_fast, alts[i], ignore_case, erroff, n > 1 ? &all : NULL) <
		    0) {
			error_as_written(glob, n, ignore_case, erroff);
			goto done;
		}
		/* only a single-alternative glob may prune a folder as a whole */
		if (n == 1) {
			g->dir_all = dir_all;
			g->dir_fast = dir_fast;
		} else {
			pcre2_code_free(dir_all);
			glob_fast_free(dir_fast);
		}
		g->anywhere |= below_every_folder(alts[i]);
	}
	/* the pattern of every alternative, compiled at the first PCRE2 match (match_glob_ready) */
	if (n > 1) {
		buf_putc(&all, ')');
		g->all_len = all.len;
		g->all_src = xstrndup(all.ptr, all.len);
	}
	rc = 0;
done:
	buf_free(&all);
	return rc;
}

int match_glob_compile(struct match_glob **out, const char *glob, int ignore_case, size_t *erroff)
{
	struct match_glob *g = NULL;
	char **alts = NULL;
	size_t n = 0, i;
	int rc = -1;

	*erroff = 0;
	if (check_glob(glob, erroff) < 0 || glob_braces_expand(&alts, &n, glob, erroff) < 0)
		goto done;
	g = xcalloc(1, sizeof(*g));
	g->src = xstrdup(glob);
	g->caseless = ignore_case != 0;
	/* every slot starts NULL, so match_glob_free frees what a failed compile made */
	g->nalts = n;
	g->alts = xcalloc(n, sizeof(*g->alts));
	g->fast = xcalloc(n, sizeof(*g->fast));
	for (i = 0; i < n; i++)
		g->fast[i] = glob_fast_new(alts[i], ignore_case);
	if (compile_alts(g, alts, glob, ignore_case, erroff) < 0)
		goto done;
	*out = g;
	g = NULL;
	rc = 0;
done:
	for (i = 0; i < n; i++)
		free(alts[i]);
	free(alts);
	match_glob_free(g);
	return rc;
}

struct match_glob *match_glob_ref(struct match_glob *g)
{
	g->refs++;
	return g;
}

void match_glob_free(struct match_glob *g)
{
	size_t i;
	if (!g)
		return;
	if (g->refs) {
		g->refs--;
		return;
	}
	for (i = 0; i < g->nalts; i++)
		pcre2_code_free(g->alts[i]);
	for (i = 0; g->fast && i < g->nalts; i++)
		glob_fast_free(g->fast[i]);
	free(g->fast);
	pcre2_code_free(g->all);
	free(g->all_src);
	pcre2_code_free(g->dir_all);
	glob_fast_free(g->dir_fast);
	free(g->alts);
	free(g->src);
	free(g);
}

/*
 * Glob patterns are small and anchored; match data sized for them lives on
 * the thread so that path tests allocate nothing.
 */
static _Thread_local pcre2_match_data *glob_md;

/*
 * A thread that ends without match_thread_cleanup() would leak what it kept
 * (a scan's worker threads did): a key destructor cleans up at thread exit.
 */
static pthread_once_t cleanup_once = PTHREAD_ONCE_INIT;
static pthread_key_t cleanup_key;
static int cleanup_key_ok;

static void cleanup_at_exit(void *unused)
{
	(void)unused;
	match_thread_cleanup();
}

static void cleanup_key_init(void)
{
	cleanup_key_ok = pthread_key_create(&cleanup_key, cleanup_at_exit) == 0;
}

static pcre2_match_data *glob_data(void)
{
	if (!glob_md) {
		glob_md = match_pcre2_data_new(4);
		pthread_once(&cleanup_once, cleanup_key_init);
		if (cleanup_key_ok)
			pthread_setspecific(cleanup_key, glob_md); /* any non-NULL value: the destructor runs */
	}
	return glob_md;
}

/*
 * Paths are bytes.  PCRE2 in UTF mode cannot match across an invalid
 * sequence, so a path that is not UTF-8 is matched in the form reports show
 * it in (each invalid byte as \xNN): `docs/caf*.md` still finds it.
 */
static _Thread_local struct buf display;

void match_thread_cleanup(void)
{
	buf_free(&display);
	pcre2_match_data_free(glob_md);
	glob_md = NULL;
}

static void as_subject(const char **s, size_t *len)
{
	if (buf_is_utf8(*s, *len))
		return;
	buf_clear(&display);
	buf_put_safe(&display, *s, *len);
	(void)glob_data(); /* arms the cleanup at thread exit for display too */
	*s = buf_cstr(&display);
	*len = display.len;
}

int match_glob_path_pcre2(const struct match_glob *g, const char *path, size_t len)
{
	size_t i;
	match_glob_ready(g);
	as_subject(&path, &len);
	if (g->all)
		return pcre2_match(g->all, (PCRE2_SPTR)path, len, 0, 0, glob_data(), NULL) >= 0;
	for (i = 0; i < g->nalts; i++)
		if (pcre2_match(g->alts[i], (PCRE2_SPTR)path, len, 0, 0, glob_data(), NULL) >= 0)
			return 1;
	return 0;
}

int match_glob_prepared(const struct match_glob *g, const struct match_path *mp)
{
	size_t i;
	if (!mp->utf8 || !mp->split)
		return match_glob_path_pcre2(g, mp->s, mp->len);
	for (i = 0; i < g->nalts; i++) {
		int r = glob_fast_match(g->fast[i], mp);
		if (r < 0)
			return match_glob_path_pcre2(g, mp->s, mp->len);
		if (r)
			return 1;
	}
	return 0;
}

int match_glob_path(const struct match_glob *g, const char *path, size_t len)
{
	struct match_path mp;
	match_path_prepare(&mp, path, len);
	return match_glob_prepared(g, &mp);
}

int match_glob_may_descend(const struct match_glob *g, const char *dir, size_t len)
{
	return g->anywhere || match_glob_may_descend_pcre2(g, dir, len);
}

int match_glob_may_descend_pcre2(const struct match_glob *g, const char *dir, size_t len)
{
	size_t i;
	match_glob_ready(g);
	as_subject(&dir, &len);
	for (i = 0; i < g->nalts; i++) {
		int r = pcre2_match(g->alts[i], (PCRE2_SPTR)dir, len, 0, PCRE2_PARTIAL_SOFT, glob_data(), NULL);
		if (r >= 0 || r == PCRE2_ERROR_PARTIAL)
			return 1;
	}
	return 0;
}

int match_glob_covers_dir(const struct match_glob *g, const char *dir, size_t len)
{
	if (!g->dir_all)
		return 0;
	if (g->dir_fast) {
		struct match_path mp;
		int r;
		match_path_prepare(&mp, dir, len);
		if (mp.utf8 && mp.split && (r = glob_fast_match(g->dir_fast, &mp)) >= 0)
			return r;
	}
	return match_glob_covers_dir_pcre2(g, dir, len);
}

int match_glob_covers_dir_pcre2(const struct match_glob *g, const char *dir, size_t len)
{
	match_glob_ready(g);
	as_subject(&dir, &len);
	return g->dir_all && pcre2_match(g->dir_all, (PCRE2_SPTR)dir, len, 0, 0, glob_data(), NULL) >= 0;
}
