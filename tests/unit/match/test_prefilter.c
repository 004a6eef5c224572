/* test_prefilter.c - the words a pattern needs: found right, and never skipping a pattern that matches. */
#include "helpers.h"

#include <ctype.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/prefilter.h"
#include "model/rules.h"
#include "match/twin.h"

/* Adds pattern to a fresh prefilter, compiles it, and returns its clauses as text (or "-" for none). */
static const char *clauses_of(const char *pattern)
{
	static char out[4096];
	struct prefilter *pf = prefilter_new();
	int id = prefilter_add(pf, pattern);
	prefilter_compile(pf);
	snprintf(out, sizeof(out), "%s", id < 0 ? "-" : prefilter_describe(pf, id));
	prefilter_free(pf);
	return out;
}

/* 1 when the ASCII subject may hold a match of pattern, by the prefilter */
static int may(const char *pattern, const char *subject)
{
	struct prefilter *pf = prefilter_new();
	struct prefilter_scratch *s;
	int id = prefilter_add(pf, pattern), r;
	prefilter_compile(pf);
	s = prefilter_scratch_new(pf);
	prefilter_scan(pf, s, subject, strlen(subject));
	r = prefilter_may_match(pf, s, id);
	prefilter_scratch_free(s);
	prefilter_free(pf);
	return r;
}

static void test_words_found(void **state)
{
	(void)state;
	assert_string_equal(clauses_of("heart-?beat"), "{heart-beat|heartbeat}");
	assert_string_equal(clauses_of("(?i:Sidekiq)::Web"), "{sidekiq::web}");
	assert_string_equal(clauses_of("foo(?:bar)?baz"), "{foobarbaz|foobaz}");
	assert_string_equal(clauses_of("\\bqueue[_ ](?:depth|lag)\\b"),
			    "{queue_depth|queue_lag|queue depth|queue lag}");
	/* every lookahead of a document-wide AND is a clause of its own */
	assert_string_equal(clauses_of("\\A(?=[\\s\\S]*?(?i:restore))(?=[\\s\\S]*?\\bbackup\\b)"),
			    "{restore} {backup}");
	/* \x60 and escaped punctuation are literal */
	assert_string_equal(clauses_of("\\x60cmd\\.run\\("), "{`cmd.run(}");
	/* a repeated piece still needs one copy */
	assert_string_equal(clauses_of("(?:abc)+\\d+xyz"), "{abc} {xyz}");
	/* a class of a few characters multiplies out */
	assert_string_equal(clauses_of("log[Ss]ink"), "{logsink}");
}

static void test_no_prefilter_when_unsure(void **state)
{
	(void)state;
	assert_string_equal(clauses_of("(abc)\\1"), "-");	 /* backreference */
	assert_string_equal(clauses_of("(?x) abc # c"), "-");	 /* extended mode */
	assert_string_equal(clauses_of("\\Qabc\\E"), "-");	 /* quoting */
	assert_string_equal(clauses_of("(?(1)abc|def)"), "-");	 /* conditional */
	assert_string_equal(clauses_of("(*UTF)abc"), "-");	 /* verb */
	assert_string_equal(clauses_of("(?|(abc)|(def))"), "-"); /* branch reset */
	assert_string_equal(clauses_of("ab|xyz"), "-");		 /* a word too short to be worth it */
	assert_string_equal(clauses_of("[a-z]+ing"), "{ing}");
	assert_string_equal(clauses_of("abc|\\w+"), "-");	    /* a branch with no word */
	assert_string_equal(clauses_of("(?:abc)?"), "-");	    /* may match nothing */
	assert_string_equal(clauses_of("(?i)\\x{212A}elvin"), "-"); /* KELVIN SIGN matches an ASCII k caselessly */
	assert_string_equal(clauses_of("(?i)\xc5\xbf"
				       "ecret"),
			    "-"); /* so does LONG S an ASCII s */
	/* DOTLESS I is paired with I by Turkish casing: not trusted either */
	assert_string_equal(clauses_of("(?i)l\xc4\xb1"
				       "nk"),
			    "-");
	assert_string_equal(clauses_of("a{,3}bcd"), "-"); /* a quantifier in newer PCRE2 only */
	/* a comment vanishes in PCRE2: the quantifier after it repeats the letter before it */
	assert_string_equal(clauses_of("password(?#x)?"), "-");
	/* (?<* is a lookbehind, not a named group */
	assert_string_equal(clauses_of("(?<*abc)|(?<n>defg)"), "-");
	/* [: that is no POSIX class makes the [ a literal */
	assert_string_equal(clauses_of("[[:a]|:]]longword"), "-");
	/* real names and POSIX classes are still read */
	assert_string_equal(clauses_of("(?<name>abc)|(?'q'defg)"), "{abc|defg}");
	assert_string_equal(clauses_of("[[:alpha:]]xyz"), "{xyz}");
}

static void test_may_match(void **state)
{
	(void)state;
	assert_true(may("(?i)heart-?beat", "a HeartBeat here"));
	assert_false(may("(?i)heart-?beat", "a heart that beats"));
	assert_true(may("\\A(?=[\\s\\S]*?restore)(?=[\\s\\S]*?backup)", "backup first\nthen RESTORE"));
	assert_false(may("\\A(?=[\\s\\S]*?restore)(?=[\\s\\S]*?backup)", "backup only"));
	/* an Arabic word is never in ASCII text; with an ASCII branch it may be */
	assert_false(may("قيد الإنشاء", "under construction"));
	assert_true(may("قيد الإنشاء|construction", "under construction"));
	/* overlapping words and words inside words are all seen */
	assert_true(may("abcd|bcx", "zabcx"));
	assert_true(may("\\A(?=[\\s\\S]*?she)(?=[\\s\\S]*?hers)", "ushers"));
	assert_true(may("\\A(?=[\\s\\S]*?she)(?=[\\s\\S]*?he\\b)", "she"));
}

/* ---- the property: a pattern skipped by the prefilter has no match ----------------------- */

struct corpus {
	char **s;
	size_t *len;
	size_t n, cap;
};

static void corpus_add(struct corpus *c, const char *s, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->s = realloc(c->s, c->cap * sizeof(*c->s));
		c->len = realloc(c->len, c->cap * sizeof(*c->len));
		assert_true(c->s && c->len);
	}
	c->s[c->n] = malloc(len + 1);
	assert_non_null(c->s[c->n]);
	memcpy(c->s[c->n], s, len);
	c->s[c->n][len] = '\0';
	c->len[c->n++] = len;
}

struct walk {
	git_repository *repo;
	struct corpus *c;
};

static int each_file(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	git_blob *b = NULL;
	const char *data;
	size_t len, i;
	char *up;
	(void)root;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_blob_lookup(&b, w->repo, git_tree_entry_id(e)) < 0)
		return 0;
	data = git_blob_rawcontent(b);
	len = (size_t)git_blob_rawsize(b);
	if (twin_is_ascii(data, len) && !memchr(data, '\0', len)) {
		corpus_add(w->c, data, len);
		/* the same text in capitals: caseless patterns must still be run */
		up = malloc(len + 1);
		assert_non_null(up);
		for (i = 0; i < len; i++)
			up[i] = (char)toupper((unsigned char)data[i]);
		corpus_add(w->c, up, len);
		free(up);
	}
	git_blob_free(b);
	return 0;
}

static void fixture_corpus(struct corpus *c)
{
	static const char *const fixtures[] = {"basic",	       "seed-v1",   "ops-ready", "layouts",
					       "layouts-more", "near-miss", "stubs",	 "arabic"};
	size_t i;
	for (i = 0; i < sizeof(fixtures) / sizeof(*fixtures); i++) {
		struct walk w;
		git_object *tree = NULL;
		w.c = c;
		assert_int_equal(git_repository_open(&w.repo, fixture_path(fixtures[i])), 0);
		assert_int_equal(git_revparse_single(&tree, w.repo, "HEAD^{tree}"), 0);
		assert_int_equal(git_tree_walk((git_tree *)tree, GIT_TREEWALK_PRE, each_file, &w), 0);
		git_object_free(tree);
		git_repository_free(w.repo);
	}
}

static unsigned long rnd(unsigned long *x)
{
	*x = *x * 6364136223846793005ul + 1442695040888963407ul;
	return *x >> 33;
}

/* Lines of the corpus shuffled together with a fixed seed: new neighbours for multi-line patterns. */
static void mixed_corpus(struct corpus *c, size_t nfiles)
{
	unsigned long x = 7;
	size_t i, k;
	for (i = 0; i < 400; i++) {
		char buf[8192];
		size_t n = 0;
		for (k = 0; k < 12; k++) {
			const struct corpus *from = c;
			size_t f = rnd(&x) % nfiles, at, e;
			if (from->len[f] == 0)
				continue;
			at = rnd(&x) % from->len[f];
			for (e = at; e < from->len[f] && from->s[f][e] != '\n'; e++)
				;
			if (n + (e - at) + 1 >= sizeof(buf))
				break;
			memcpy(buf + n, from->s[f] + at, e - at);
			n += e - at;
			buf[n++] = '\n';
		}
		corpus_add(c, buf, n);
	}
}

static void test_never_skips_a_match(void **state)
{
	struct rules *rs = rules_new();
	struct prefilter *pf = prefilter_new();
	struct prefilter_scratch *scr;
	struct match_ctx *mc = match_ctx_new();
	const struct match_regex **res = NULL;
	int *ids = NULL;
	struct corpus c;
	size_t nres = 0, i, k, skipped = 0, matched = 0, nfiles;
	(void)state;

	memset(&c, 0, sizeof(c));
	assert_int_equal(rules_add_builtin(rs), 0);
	assert_int_equal(rules_finish(rs), 0);
	res = calloc(rs->nleaves * 3, sizeof(*res));
	ids = calloc(rs->nleaves * 3, sizeof(*ids));
	assert_true(res && ids);
	for (i = 0; i < rs->nleaves; i++) {
		const struct match_regex *r[3] = {rs->leaves[i]->contains, rs->leaves[i]->not_contains,
						  rs->leaves[i]->fresh};
		for (k = 0; k < 3; k++)
			if (r[k]) {
				res[nres] = r[k];
				ids[nres++] = prefilter_add(pf, r[k]->src);
			}
	}
	prefilter_compile(pf);
	scr = prefilter_scratch_new(pf);
	fixture_corpus(&c);
	nfiles = c.n;
	assert_true(nfiles > 50);
	mixed_corpus(&c, nfiles);
	for (i = 0; i < c.n; i++) {
		prefilter_scan(pf, scr, c.s[i], c.len[i]);
		for (k = 0; k < nres; k++) {
			size_t start = 0, ms, me, cs, ce;
			int rc;
			if (prefilter_may_match(pf, scr, ids[k]))
				continue;
			skipped++;
			rc = match_regex_next(mc, res[k], c.s[i], c.len[i], &start, &ms, &me, &cs, &ce);
			if (rc == MATCH_OK)
				fail_msg("prefilter skipped /%s/ (%s) but it matches at %zu: '%.*s'", res[k]->src,
					 prefilter_describe(pf, ids[k]), ms, (int)(me - ms > 60 ? 60 : me - ms),
					 c.s[i] + ms);
		}
		/* and the patterns do match somewhere in this corpus: the check has teeth */
		for (k = 0; k < nres; k++) {
			size_t start = 0, ms, me, cs, ce;
			matched +=
				match_regex_next(mc, res[k], c.s[i], c.len[i], &start, &ms, &me, &cs, &ce) == MATCH_OK;
		}
	}
	assert_true(skipped > c.n * nres / 2); /* most patterns are skipped on most files */
	assert_true(matched > 200);
	for (i = 0; i < c.n; i++)
		free(c.s[i]);
	free(c.s);
	free(c.len);
	free(res);
	free(ids);
	prefilter_scratch_free(scr);
	prefilter_free(pf);
	match_ctx_free(mc);
	rules_free(rs);
}

/* ---- random patterns: the reader against PCRE2 itself -------------------------------------- */

static void gen_alt(unsigned long *x, char *out, size_t cap, int depth);

static void put(char *out, size_t cap, const char *s)
{
	if (strlen(out) + strlen(s) < cap)
		strcat(out, s);
}

static void gen_atom(unsigned long *x, char *out, size_t cap, int depth)
{
	static const char *const lits[] = {"a",	 "b",	"c",   "A",   "B",   "-",    " ",
					   "ab", "abc", "bca", "cab", "\\.", "\\x61"};
	static const char *const others[] = {".",   "[ab]", "[a-c]", "[^a]",  "[Bb]",	     "\\b",
					     "\\w", "\\d",  "\\s",   "^",     "$",	     "\\A",
					     "\\B", "[a-]", "\\n",   "(?#c)", "[[:alpha:]]", "[[:a]"};
	static const char *const opens[] = {"(?:", "(", "(?=", "(?!", "(?i:", "(?>", "(?<n>", "(?=[\\s\\S]*?"};
	static const char *const quants[] = {"?", "*", "+", "{2}", "{1,3}", "??", "+?", "{0,2}", "*+", "{2,}"};
	unsigned long r = rnd(x) % 10;
	if (depth < 3 && r < 2) {
		put(out, cap, opens[rnd(x) % (sizeof(opens) / sizeof(*opens))]);
		gen_alt(x, out, cap, depth + 1);
		put(out, cap, ")");
	} else if (r < 7) {
		put(out, cap, lits[rnd(x) % (sizeof(lits) / sizeof(*lits))]);
	} else {
		put(out, cap, others[rnd(x) % (sizeof(others) / sizeof(*others))]);
	}
	if (rnd(x) % 4 == 0)
		put(out, cap, quants[rnd(x) % (sizeof(quants) / sizeof(*quants))]);
}

static void gen_alt(unsigned long *x, char *out, size_t cap, int depth)
{
	int branches = 1 + (int)(rnd(x) % 3), b, k;
	for (b = 0; b < branches; b++) {
		int n = 1 + (int)(rnd(x) % 5);
		if (b)
			put(out, cap, "|");
		for (k = 0; k < n; k++)
			gen_atom(x, out, cap, depth);
	}
}

static void test_random_patterns_never_skip_a_match(void **state)
{
	static const char alphabet[] = "abcABC- \n.";
	unsigned long x = 424242;
	size_t round, i, k, tested = 0, skipped = 0, matched = 0;
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	(void)state;

	for (round = 0; round < 40; round++) {
		struct prefilter *pf = prefilter_new();
		struct prefilter_scratch *scr;
		char pats[100][256];
		pcre2_code *codes[100];
		int ids[100];
		size_t n = 0;
		while (n < 100) {
			int ec;
			PCRE2_SIZE eo;
			pats[n][0] = '\0';
			if (rnd(&x) % 4 == 0)
				put(pats[n], sizeof(pats[n]), "(?i)");
			gen_alt(&x, pats[n], sizeof(pats[n]), 0);
			codes[n] = pcre2_compile((PCRE2_SPTR)pats[n], PCRE2_ZERO_TERMINATED,
						 PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &ec, &eo, NULL);
			if (!codes[n])
				continue;
			ids[n] = prefilter_add(pf, pats[n]);
			if (ids[n] < 0) {
				pcre2_code_free(codes[n]);
				continue;
			}
			n++;
		}
		prefilter_compile(pf);
		scr = prefilter_scratch_new(pf);
		for (i = 0; i < 300; i++) {
			char subj[48];
			size_t len = rnd(&x) % sizeof(subj), c;
			/* words from the patterns' own letters, so that some match */
			for (c = 0; c < len; c++)
				subj[c] = alphabet[rnd(&x) % (sizeof(alphabet) - 1)];
			if (i % 3 == 0 && len >= 3)
				memcpy(subj + rnd(&x) % (len - 2), i % 2 ? "abc" : "cab", 3);
			prefilter_scan(pf, scr, subj, len);
			for (k = 0; k < n; k++) {
				int hit = pcre2_match(codes[k], (PCRE2_SPTR)subj, len, 0, 0, md, NULL) >= 0;
				tested++;
				matched += (size_t)hit;
				if (prefilter_may_match(pf, scr, ids[k]))
					continue;
				skipped++;
				if (hit)
					fail_msg("prefilter skipped /%s/ (%s) on '%.*s', which it matches", pats[k],
						 prefilter_describe(pf, ids[k]), (int)len, subj);
			}
		}
		for (k = 0; k < n; k++)
			pcre2_code_free(codes[k]);
		prefilter_scratch_free(scr);
		prefilter_free(pf);
	}
	pcre2_match_data_free(md);
	assert_true(skipped > tested / 2);
	assert_true(matched > 1000);
}

/*
 * Many patterns over a few hundred words, each word in several patterns (a
 * word's id is looked up by hash, prefilter.c: word_id, through the table's
 * growth): each pattern is told by its own words only, and describes them.
 */
static void test_many_patterns_sharing_words(void **state)
{
	enum { NP = 600, NWORD = 250 };
	struct prefilter *pf = prefilter_new();
	struct prefilter_scratch *s;
	int ids[NP];
	char text[64], want[64];
	size_t i;
	(void)state;

	for (i = 0; i < NP; i++) {
		char a[16], b[16], *w[2] = {a, b};
		snprintf(a, sizeof(a), "word%zu", i % NWORD);
		snprintf(b, sizeof(b), "term%zu", (i * 7) % NWORD);
		ids[i] = prefilter_add_words(pf, w, 2);
		assert_true(ids[i] >= 0);
	}
	prefilter_compile(pf);
	/* read-only now: no pattern is added */
	assert_int_equal(prefilter_add(pf, "another"), -1);
	s = prefilter_scratch_new(pf);
	snprintf(text, sizeof(text), "a word17x and term3y");
	prefilter_scan(pf, s, text, strlen(text));
	for (i = 0; i < NP; i++) {
		/* the words are found inside others too: word1 and word17 in word17x, term3 in term3y */
		char a[16], b[16];
		snprintf(a, sizeof(a), "word%zu", i % NWORD);
		snprintf(b, sizeof(b), "term%zu", (i * 7) % NWORD);
		assert_int_equal(prefilter_may_match(pf, s, ids[i]), strstr(text, a) || strstr(text, b) ? 1 : 0);
	}
	snprintf(want, sizeof(want), "{word5|term35}");
	assert_string_equal(prefilter_describe(pf, ids[5]), want);
	prefilter_scratch_free(s);
	prefilter_free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_found),
		cmocka_unit_test(test_no_prefilter_when_unsure),
		cmocka_unit_test(test_may_match),
		cmocka_unit_test(test_never_skips_a_match),
		cmocka_unit_test(test_random_patterns_never_skip_a_match),
		cmocka_unit_test(test_many_patterns_sharing_words),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
