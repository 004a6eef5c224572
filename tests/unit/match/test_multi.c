/* test_multi.c - the Vectorscan pass never skips a pattern PCRE2 would match; it does skip the rest. */
#include "helpers.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/multi.h"
#include "match/twin.h"

/* 1 when PCRE2 (as the scan compiles content patterns) finds a match of src in s. */
static int pcre2_matches(struct match_ctx *c, const char *src, int caseless, const char *s, size_t len)
{
	struct match_regex *r = NULL;
	size_t off = 0, start = 0, ms, me, cs, ce;
	int rc;
	if (match_regex_compile(&r, src, caseless ? MATCH_CASELESS : 0, &off) < 0)
		return -1;
	rc = match_regex_next(c, r, s, len, &start, &ms, &me, &cs, &ce);
	match_regex_free(r);
	return rc == MATCH_OK;
}

/*
 * 1 when built with a libhs: multi_build compiles then, even with a library
 * that failed its self-test (scans do not use it; these tests check the rewriting).
 */
static int have_libhs(void)
{
	return strcmp(multi_engine(), "none") != 0;
}

/* Builds a multi of n patterns; NULL when Vectorscan is not there (the test then checks the stub). */
static struct multi *build(const char *const *src, const unsigned char *ci, size_t n)
{
	struct multi *m = NULL;
	if (!have_libhs()) {
		assert_int_equal(multi_build(&m, src, ci, n), -1);
		return NULL;
	}
	assert_int_equal(multi_build(&m, src, ci, n), 0);
	assert_non_null(m);
	return m;
}

/* What multi says of pattern id on s. */
static int may(const struct multi *m, struct multi_scratch *sc, const char *s, size_t id)
{
	size_t len = strlen(s);
	multi_scan(m, sc, s, len, twin_is_ascii(s, len));
	return multi_may_match(sc, id);
}

/* Patterns are skipped where they cannot match, and not where they can. */
static void test_skips(void **state)
{
	static const char *const src[] = {
		"heartbeat",
		"\\A(?=[\\s\\S]*?foo)(?=[\\s\\S]*?bar)",
		"(?i)\\bplace-?holders?\\b",
		"^\\W*TODO\\W*$",
		"a[^\\n]{0,3}b",
		"\\w+\\.get\\(",
		"(?|(a)|(b))c",
		"(?<=x)y",
	};
	static const unsigned char ci[] = {0, 0, 0, 0, 0, 0, 0, 0};
	struct multi *m = build(src, ci, 8);
	struct multi_scratch *sc;
	(void)state;
	if (!m)
		return;
	sc = multi_scratch_new(m);
	assert_int_equal(may(m, sc, "nothing here", 0), 0);
	assert_int_equal(may(m, sc, "a heartbeat", 0), 1);
	/* the lookaheads stand alone: both words, in any order */
	assert_int_equal(may(m, sc, "only foo", 1), 0);
	assert_int_equal(may(m, sc, "bar then foo", 1), 1);
	assert_int_equal(may(m, sc, "PlaceHolder here", 2), 1);
	assert_int_equal(may(m, sc, "no such word", 2), 0);
	/* CR ends a line for PCRE2: a pattern with $ runs on a CRLF file */
	assert_int_equal(may(m, sc, "x\r\n  TODO\r\n", 3), 1);
	assert_int_equal(may(m, sc, "x\n  TODO\n", 3), 1);
	assert_int_equal(may(m, sc, "x\n  TODO later\n", 3), 0);
	/* characters, not bytes, beyond ASCII */
	assert_int_equal(may(m, sc,
			     "a\xc3\xa9\xc3\xa9\xc3\xa9"
			     "b",
			     4),
			 1);
	assert_int_equal(may(m, sc, "\xc3\xa9.get(", 5), 1);
	assert_int_equal(may(m, sc, "\xc3\xa9.set(", 5), 0);
	assert_int_equal(may(m, sc, "bc", 6), 1);
	assert_int_equal(may(m, sc, "xy", 7), 1);
	assert_int_equal(may(m, sc, "zz", 7), 0);
	/* invalid UTF-8 runs everything, as does an empty subject */
	assert_int_equal(may(m, sc, "\xff nothing", 0), 1);
	assert_int_equal(may(m, sc, "", 0), 1);
	multi_scratch_free(sc);
	multi_free(m);
}

/* One case of test_windows: what multi says of pattern id on s, and PCRE2 agrees where it may match. */
static void window_case(struct match_ctx *c, const struct multi *m, struct multi_scratch *sc, const char *src,
			size_t id, const char *s, int want)
{
	int pm = pcre2_matches(c, src, 0, s, strlen(s));
	if (pm == 1 && want == 0)
		fail_msg("/%s/ matches \"%s\": the case is wrong", src, s);
	if (may(m, sc, s, id) != want)
		fail_msg("/%s/ on \"%s\": may match %d, want %d (%s)", src, s, !want, want, multi_describe(m, id));
}

/*
 * A pattern with long windows ([\s\S]{0,2500}?) is held as the pieces
 * between them, each an expression: it may match when every piece of one
 * alternative matched.  Each piece is needed (the 0 cases fail if one
 * were left out of its term) and none is required that a match can do
 * without (the 1 cases, which PCRE2 matches, fail if one were).
 */
static void test_windows(void **state)
{
	static const char *const src[] = {
		"foo[\\s\\S]{0,100}?bar",
		"(?:ab)[\\s\\S]{0,800}?(?:cd)|ef(?:gh|[\\s\\S]{0,2500}?ij|[\\s\\S]{0,400}?kl\\()",
		"x(?i:a[\\s\\S]{0,99}B)",
		"\\bqq[\\s\\S]{0,50}^zz",
		"\\A(?=[\\s\\S]*?one[\\s\\S]{0,300}two)(?=[\\s\\S]*?three)",
		"(?:(?:p|q)(?:[^\\n]*\\n){0,40}?r)",
	};
	static const unsigned char ci[] = {0, 0, 0, 0, 0, 0};
	struct match_ctx *c = match_ctx_new();
	struct multi *m = build(src, ci, 6);
	struct multi_scratch *sc;
	(void)state;
	if (!m) {
		match_ctx_free(c);
		return;
	}
	sc = multi_scratch_new(m);
	/* two pieces, one term */
	assert_string_equal(multi_describe(m, 0), "ascii: 2 exact, 0 prefilter; utf8: 2 exact, 0 prefilter");
	window_case(c, m, sc, src[0], 0, "foo and then bar", 1);
	window_case(c, m, sc, src[0], 0, "foo\n\xc3\xa9\nbar", 1);
	window_case(c, m, sc, src[0], 0, "foo alone", 0);
	window_case(c, m, sc, src[0], 0, "bar alone", 0);
	/* two terms: ab & cd, or ef & (gh | ij | kl() */
	window_case(c, m, sc, src[1], 1, "ab, then cd", 1);
	window_case(c, m, sc, src[1], 1, "efgh", 1);
	window_case(c, m, sc, src[1], 1, "ef ... ij", 1);
	window_case(c, m, sc, src[1], 1, "ef\nkl(", 1);
	window_case(c, m, sc, src[1], 1, "ab only", 0);
	window_case(c, m, sc, src[1], 1, "cd only", 0);
	window_case(c, m, sc, src[1], 1, "ef only", 0);
	window_case(c, m, sc, src[1], 1, "ij and kl( without", 0);
	window_case(c, m, sc, src[1], 1, "ab ij", 0);
	/* a (?i: group's pieces stay caseless */
	window_case(c, m, sc, src[2], 2, "xA then b", 1);
	window_case(c, m, sc, src[2], 2, "xA alone", 0);
	window_case(c, m, sc, src[2], 2, "x then b", 0);
	/* a piece starting with ^ (Vectorscan places it, or its loose copy runs) */
	window_case(c, m, sc, src[3], 3, "qq\nzz", 1);
	window_case(c, m, sc, src[3], 3, "qq zz", 0);
	/* windows inside a lookahead: three pieces */
	window_case(c, m, sc, src[4], 4, "three, one, two", 1);
	window_case(c, m, sc, src[4], 4, "one two", 0);
	window_case(c, m, sc, src[4], 4, "one three", 0);
	/* lines repeated in a group are a window too */
	window_case(c, m, sc, src[5], 5, "p\n\n\nr", 1);
	window_case(c, m, sc, src[5], 5, "p only", 0);
	multi_scratch_free(sc);
	multi_free(m);
	match_ctx_free(c);
}

/*
 * Unicode properties and caseless letters beyond ASCII follow PCRE2's
 * Unicode tables, newer than Vectorscan's: on such text they always run
 * (each subject below is matched by PCRE2 10.42, and was ruled out by the
 * database before).  Caseless Arabic has no case and is still filtered.
 */
static void test_newer_unicode(void **state)
{
	static const char *const src[] = {
		"\\p{So}",	       /* U+1F970, an emoji newer than Vectorscan's tables */
		"\\p{L}",	       /* U+1C80, a Cyrillic letter of Unicode 9 */
		"(?i)\xd0\xb2",	       /* caseless CYRILLIC SMALL LETTER VE: U+1C80 is its other case */
		"[\xd0\xb0-\xd1\x8f]", /* the same range, caseless by flag */
		"(?i:\xd8\xad\xd8\xa7\xd8\xaf\xd8\xab)", /* Arabic: no case */
	};
	static const unsigned char ci[] = {0, 0, 0, 1, 0};
	struct match_ctx *c = match_ctx_new();
	struct multi *m = build(src, ci, 5);
	struct multi_scratch *sc;
	static const char emoji[] = "caf\xc3\xa9 \xf0\x9f\xa5\xb0";
	static const char ve[] = "\xe1\xb2\x80 text";
	(void)state;
	if (!m) {
		match_ctx_free(c);
		return;
	}
	sc = multi_scratch_new(m);
	assert_int_equal(pcre2_matches(c, src[0], 0, emoji, strlen(emoji)), 1);
	assert_int_equal(may(m, sc, emoji, 0), 1);
	assert_int_equal(pcre2_matches(c, src[1], 0, ve, strlen(ve)), 1);
	assert_int_equal(may(m, sc, ve, 1), 1);
	assert_int_equal(pcre2_matches(c, src[2], 0, ve, strlen(ve)), 1);
	assert_int_equal(may(m, sc, ve, 2), 1);
	assert_int_equal(pcre2_matches(c, src[3], 1, ve, strlen(ve)), 1);
	assert_int_equal(may(m, sc, ve, 3), 1);
	/* caseless Arabic keeps its filter: an Arabic text without the word is skipped */
	assert_int_equal(may(m, sc, "\xd9\x86\xd8\xb5 \xc3\xa9", 4), 0);
	multi_scratch_free(sc);
	multi_free(m);
	match_ctx_free(c);
}

/* A serialized database loads for the same patterns only, and never when damaged. */
static void test_serialize(void **state)
{
	static const char *const src[] = {"heartbeat", "(?i)health(?:check|z)", "\\bfoo\\b"};
	static const char *const other[] = {"heartbeat", "(?i)health(?:check|z)", "\\bfoo\\b "};
	static const unsigned char ci[] = {0, 1, 0};
	struct multi *m = build(src, ci, 3), *l = NULL;
	struct multi_scratch *sc;
	unsigned char *bytes = NULL;
	size_t len = 0, i;
	uint64_t sum;
	(void)state;
	if (!m)
		return;
	assert_int_equal(multi_serialize(&bytes, &len, m), 0);
	/* the trailer is libdeflate's CRC-32 of the rest (little-endian, 8 bytes), the cache's checksum:
	 * every start checks the built-in database, 11 MB, and byte-wise FNV-1a took 15 ms of it */
	assert_true(len > 8);
	sum = 0;
	for (i = 0; i < 8; i++)
		sum |= (uint64_t)bytes[len - 8 + i] << (8 * i);
	assert_true(sum == libdeflate_crc32(0, bytes, len - 8));
	assert_int_equal(multi_load(&l, src, ci, 3, bytes, len), 0);
	sc = multi_scratch_new(l);
	assert_int_equal(may(l, sc, "no", 0), 0);
	assert_int_equal(may(l, sc, "HEALTHZ", 1), 1);
	multi_scratch_free(sc);
	multi_free(l);
	l = NULL;
	assert_int_equal(multi_load(&l, other, ci, 3, bytes, len), -1);
	assert_null(l);
	/* every single flipped byte and every truncation is caught */
	for (i = 0; i < len; i += 1 + len / 200) {
		bytes[i] ^= 0x5a;
		assert_int_equal(multi_load(&l, src, ci, 3, bytes, len), -1);
		bytes[i] ^= 0x5a;
		assert_int_equal(multi_load(&l, src, ci, 3, bytes, i), -1);
	}
	assert_null(l);
	free(bytes);
	multi_free(m);
}

/* ---- the differential test --------------------------------------------- */

static unsigned long long rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rnd_state >> 33) % n);
}

static const char *const atoms[] = {
	"a",
	"b",
	"ab",
	"foo",
	"k",
	"s",
	"K",
	"x",
	"\xc3\xa9",
	"\xe2\x84\xaa",
	"\xc5\xbf",
	"\xc3\x89",
	"\\w",
	"\\d",
	"\\s",
	"\\W",
	"\\S",
	"\\D",
	".",
	"\\N",
	"[a-c]",
	"[^a]",
	"[\\w.]",
	"[^\\s]",
	"[[:alpha:]]",
	"[[:digit:]_]",
	"\\b",
	"\\B",
	"^",
	"$",
	"\\A",
	"\\Z",
	"\\z",
	"\\r",
	"\\n",
	"\\R",
	"\\h",
	"\\v",
	"[\\s\\S]",
	"\\x{e9}",
	"\\xe9",
	"(?=a)",
	"(?!b)",
	"(?<=a)",
	"(?<!b)",
	"\\p{L}",
	"\\p{Lu}",
	"\\P{L}",
	"[^\\W]",
	"\\Qa.b\\E",
	"(?i:k)",
	"(?>ab|a)",
	"\\1",
	"(?|(a)|(b))",
	"[\\x{80}-\\x{ff}]",
	"\\t",
	" ",
	"-",
	"\\.",
	"(?#c)",
	"\\K",
	"a++",
	"[\\s\\S]*?",
	"(?-i:s)",
	/* from here on, only in test_differential_windows */
	"[\\s\\S]{0,40}?",
	"(?:a|[\\s\\S]{0,30}b)",
	"(?:[^\\n]*\\n){0,20}?",
	"(?:s[\\s\\S]{0,25}?k|x)",
};

/* The atoms and quantifiers the generator draws from: the first BASE_ATOMS and BASE_QUANTS, or all. */
#define BASE_ATOMS  64
#define BASE_QUANTS 11
static size_t natoms = BASE_ATOMS, nquants = BASE_QUANTS;

static void gen(char *out, size_t cap, int depth);

static void gen_piece(char *out, size_t cap, int depth)
{
	char inner[160];
	static const char *const q[] = {"?",  "*",  "+",       "{0,3}", "{2}", "{1,20}",
					"*?", "+?", "{0,30}?", "{3,}",	"*+",  "{0,99}?"};
	if (depth < 2 && rnd(4) == 0) {
		gen(inner, sizeof(inner), depth + 1);
		snprintf(out, cap, rnd(2) ? "(%s)" : "(?:%s)", inner);
	} else {
		snprintf(out, cap, "%s", atoms[rnd((unsigned)natoms)]);
	}
	if (rnd(3) == 0 && strlen(out) + 8 < cap)
		strcat(out, q[rnd((unsigned)nquants)]);
}

static void gen(char *out, size_t cap, int depth)
{
	unsigned n = 1 + rnd(4), i;
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		char piece[200];
		gen_piece(piece, sizeof(piece), depth);
		if (strlen(out) + strlen(piece) + 2 >= cap)
			break;
		if (i && rnd(5) == 0)
			strcat(out, "|");
		strcat(out, piece);
	}
}

/* A random pattern; a fifth are document patterns: \A then lookaheads anywhere in the text. */
static void gen_pattern(char *out, size_t cap)
{
	char a[200], b[200];
	gen(a, sizeof(a), 0);
	switch (rnd(6)) {
	case 0:
		gen(b, sizeof(b), 1);
		snprintf(out, cap, "\\A(?=[\\s\\S]*?%s)(?=[\\s\\S]*?(?:%s))", a, b);
		break;
	case 1:
		snprintf(out, cap, "(?i)%s", a);
		break;
	case 2:
		gen(b, sizeof(b), 1);
		snprintf(out, cap, "(?=%s)%s", b, a);
		break;
	default:
		snprintf(out, cap, "%s", a);
	}
}

static const char *const chars[] = {
	"a",
	"b",
	"k",
	"s",
	"x",
	"f",
	"o",
	"K",
	"S",
	"A",
	"1",
	"9",
	"_",
	" ",
	"\t",
	"\n",
	"\r",
	"\r\n",
	".",
	"-",
	"\xc3\xa9",
	"\xc3\x89",
	"\xe2\x84\xaa",
	"\xc5\xbf",
	"\xe4\xb8\xad",
	"\xc2\xa0",
	"\xd9\xa3",
	"\xf0\x9f\x98\x80",
	"foo",
	"ab",
	"\xff",
};

static size_t gen_subject(char *out, size_t cap)
{
	size_t len = 0, n = rnd(24), i;
	for (i = 0; i < n; i++) {
		const char *c = chars[rnd(sizeof(chars) / sizeof(chars[0]))];
		size_t cl = strlen(c);
		if (c[0] == '\xff' && rnd(4) != 0)
			continue; /* invalid UTF-8 now and then */
		if (len + cl + 1 >= cap)
			break;
		memcpy(out + len, c, cl);
		len += cl;
	}
	out[len] = '\0';
	return len;
}

#define ROUNDS	 6
#define PATTERNS 10
#define SUBJECTS 120

/*
 * Random patterns (from seed) and subjects: every subject PCRE2 matches,
 * multi lets through.  Returns how many runs it skipped of how many.
 */
static void differential(unsigned long long seed, size_t rounds, size_t *checked_out, size_t *skipped_out)
{
	struct match_ctx *c = match_ctx_new();
	size_t round, checked = 0, skipped = 0;
	rnd_state = seed;
	for (round = 0; round < rounds; round++) {
		char pats[PATTERNS][480];
		const char *src[PATTERNS];
		unsigned char ci[PATTERNS];
		struct multi *m = NULL;
		struct multi_scratch *sc;
		size_t n = 0, i, k;
		while (n < PATTERNS) {
			size_t off;
			struct match_regex *r = NULL;
			gen_pattern(pats[n], sizeof(pats[n]));
			ci[n] = (unsigned char)(rnd(3) == 0);
			if (match_regex_compile(&r, pats[n], ci[n] ? MATCH_CASELESS : 0, &off) < 0)
				continue; /* PCRE2 refuses it: the rules loader would too */
			match_regex_free(r);
			src[n] = pats[n];
			n++;
		}
		assert_int_equal(multi_build(&m, src, ci, n), 0);
		sc = multi_scratch_new(m);
		for (k = 0; k < SUBJECTS; k++) {
			char s[200];
			size_t len = gen_subject(s, sizeof(s));
			multi_scan(m, sc, s, len, twin_is_ascii(s, len));
			for (i = 0; i < n; i++) {
				int pm = pcre2_matches(c, src[i], ci[i], s, len);
				checked++;
				if (pm == 1 && !multi_may_match(sc, i)) {
					char hex[600];
					size_t h, o = 0;
					for (h = 0; h < len && o + 4 < sizeof(hex); h++)
						o += (size_t)snprintf(hex + o, sizeof(hex) - o, "%02x",
								      (unsigned char)s[h]);
					fail_msg("skipped a match: /%s/%s on %s (%s)", src[i], ci[i] ? "i" : "", hex,
						 multi_describe(m, i));
				}
				skipped += !multi_may_match(sc, i);
			}
		}
		multi_scratch_free(sc);
		multi_free(m);
	}
	match_ctx_free(c);
	*checked_out = checked;
	*skipped_out = skipped;
}

/* Random patterns and subjects: every subject PCRE2 matches, multi lets through. */
static void test_differential(void **state)
{
	size_t checked, skipped;
	(void)state;
	if (!have_libhs())
		return;
	natoms = BASE_ATOMS;
	nquants = BASE_QUANTS;
	differential(20261201, ROUNDS, &checked, &skipped);
	/* and it is a filter at all: it skips a good share of the runs */
	assert_true(skipped * 4 > checked);
}

/*
 * The same with long windows among the atoms and quantifiers, so that
 * patterns are split into pieces and terms (test_windows), in groups,
 * alternations and lookaheads, at random.
 */
static void test_differential_windows(void **state)
{
	size_t checked, skipped;
	(void)state;
	if (!have_libhs())
		return;
	natoms = sizeof(atoms) / sizeof(atoms[0]);
	nquants = BASE_QUANTS + 1;
	differential(20261202, 2 * ROUNDS, &checked, &skipped);
	natoms = BASE_ATOMS;
	nquants = BASE_QUANTS;
	print_message("checked %zu, skipped %zu\n", checked, skipped);
	assert_true(skipped * 5 > checked);
}

/*
 * Each class of the built-in database (made at build time) loads, holds
 * ascending ids of built-in patterns, and says of each of its patterns
 * what the whole database says, on text of the kinds the rules look for
 * and on random text: a blob scanned with its class gets the report the
 * whole database gives.
 */
static void test_builtin_classes(void **state)
{
	static const char *const texts[] = {
		"app.get('/health', async (req, res) => { await db.query('SELECT 1'); res.json({ok: true}) })\n",
		"def export_users(request):\n    if not request.user.has_perm('users.export'):\n        raise "
		"PermissionDenied\n",
		"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n-----BEGIN RSA PRIVATE KEY-----\n",
		"# Restore\n\n1. Stop the app\n2. psql -f backup.sql app\n3. Start it again\n",
		"class AuditLog(models.Model):\n    actor = models.ForeignKey(User)\n    action = models.CharField()\n",
		"logger = pino(); Sentry.init({ dsn: process.env.SENTRY_DSN })\nimport structlog\n",
		"{\"scripts\": {\"migrate\": \"prisma migrate deploy\", \"healthcheck\": \"curl -f "
		"localhost/healthz\"}}\n",
		"## On-call\n\nSeverity levels: SEV1 page the on-call engineer; الحوادث الحرجة\r\n",
	};
	struct multi *whole = NULL;
	struct multi_scratch *ws;
	size_t c, i, k, t;
	(void)state;
	if (!multi_builtin_len) {
		assert_int_equal(multi_builtin_nclass, 0);
		return;
	}
	assert_true(multi_builtin_nclass > 0);
	assert_int_equal(multi_load(&whole, multi_builtin_src, multi_builtin_caseless, multi_builtin_n,
				    multi_builtin_db, multi_builtin_len),
			 0);
	ws = multi_scratch_new(whole);
	rnd_state = 20261202;
	for (c = 0; c < multi_builtin_nclass; c++) {
		const struct multi_class *mc = &multi_builtin_class[c];
		struct multi *m = NULL;
		struct multi_scratch *sc;
		assert_true(mc->n > 0 && mc->n < multi_builtin_n);
		for (k = 0; k < mc->n; k++) {
			assert_true(mc->ids[k] < multi_builtin_n);
			assert_true(k == 0 || mc->ids[k] > mc->ids[k - 1]);
		}
		assert_int_equal(multi_load_class(&m, mc), 0);
		sc = multi_scratch_new(m);
		for (t = 0; t < sizeof(texts) / sizeof(texts[0]) + SUBJECTS; t++) {
			char buf[200];
			const char *s = buf;
			size_t len;
			if (t < sizeof(texts) / sizeof(texts[0]))
				len = strlen(s = texts[t]);
			else
				len = gen_subject(buf, sizeof(buf));
			multi_scan(whole, ws, s, len, twin_is_ascii(s, len));
			multi_scan(m, sc, s, len, twin_is_ascii(s, len));
			for (i = 0; i < mc->n; i++)
				if (multi_may_match(sc, i) != multi_may_match(ws, mc->ids[i]))
					fail_msg("class %zu says %d of built-in pattern %zu on text %zu, the whole "
						 "database %d",
						 c, multi_may_match(sc, i), mc->ids[i], t,
						 multi_may_match(ws, mc->ids[i]));
		}
		multi_scratch_free(sc);
		multi_free(m);
	}
	multi_scratch_free(ws);
	multi_free(whole);
}

/*
 * The answer depends on the bytes, not on where they are: the same subject
 * at each of 64 offsets from an aligned address gets the same answers for
 * every built-in pattern (Vectorscan 5.4.9 missed the local-setup pattern
 * after a long line of spaces at most offsets, and found it at others).
 */
static void test_alignment(void **state)
{
	static const char *const subjects[] = {
		"|                                                                                                   "
		"                                                                                                    "
		"                                                  |\n\n## Quickstart\n\nSome text here.\n\n```python "
		"/x/ filename=\"main.py\"\nprint(1)\n```\n",
		"| [Crew](https://example.invalid/crew)                 | Agents             | Multi agent "
		"framework.                                                             |\n\n## \xf0\x9f\x9a\x80 "
		"Quickstart\n\nInstrument your app.\n\n```bash\npip install somelib\n```\n\n```python "
		"filename=\"main.py\"\nfrom somelib import observe\n```\n",
	};
	struct multi *m = NULL;
	struct multi_scratch *sc;
	unsigned char first[4096];
	char *buf;
	size_t t, off, i;
	(void)state;
	if (!multi_builtin_len)
		return;
	assert_true(multi_builtin_n <= sizeof(first));
	assert_int_equal(multi_load(&m, multi_builtin_src, multi_builtin_caseless, multi_builtin_n, multi_builtin_db,
				    multi_builtin_len),
			 0);
	sc = multi_scratch_new(m);
	buf = aligned_alloc(64, 1024);
	assert_non_null(buf);
	for (t = 0; t < sizeof(subjects) / sizeof(subjects[0]); t++) {
		size_t len = strlen(subjects[t]);
		assert_true(len + 64 <= 1024);
		for (off = 0; off < 64; off++) {
			memcpy(buf + off, subjects[t], len);
			multi_scan(m, sc, buf + off, len, twin_is_ascii(buf + off, len));
			for (i = 0; i < multi_builtin_n; i++) {
				if (off == 0)
					first[i] = (unsigned char)multi_may_match(sc, i);
				else if (first[i] != multi_may_match(sc, i))
					fail_msg("subject %zu, built-in pattern %zu: %d at offset 0, %d at offset %zu",
						 t, i, first[i], multi_may_match(sc, i), off);
			}
		}
	}
	free(buf);
	multi_scratch_free(sc);
	multi_free(m);
}

/* The library is used only when it passes its self-test; multi_unavailable says why not, in words. */
static void test_selftest(void **state)
{
	(void)state;
	if (multi_available()) {
		assert_null(multi_unavailable());
	} else {
		assert_non_null(multi_unavailable());
		assert_non_null(strstr(multi_unavailable(), have_libhs() ? "self-test" : "built without"));
	}
	/* asked again, from the cache of the first answer: the same */
	assert_int_equal(multi_available(), multi_available());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skips),		cmocka_unit_test(test_serialize),
		cmocka_unit_test(test_windows),		cmocka_unit_test(test_differential_windows),
		cmocka_unit_test(test_newer_unicode),	cmocka_unit_test(test_differential),
		cmocka_unit_test(test_builtin_classes), cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_selftest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
