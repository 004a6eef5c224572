/* test_ac.c - the Aho-Corasick automaton on its own: which words a text holds, each told once, in either case. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/ac.h"

/* What ac_scan told: how often each word was found, in order. */
struct told {
	size_t count[64];
	size_t order[256];
	size_t n;
};

static void record(void *arg, size_t word)
{
	struct told *t = arg;
	assert_true(word < 64);
	t->count[word]++;
	if (t->n < 256)
		t->order[t->n++] = word;
}

/* ac_new over copies of list, freed before the automaton is used: it keeps no pointer to them. */
static struct ac *ac_of(const char *const *list, size_t n)
{
	char *w[16];
	struct ac *a;
	size_t i;

	assert_true(n <= 16);
	for (i = 0; i < n; i++) {
		w[i] = strdup(list[i]);
		assert_non_null(w[i]);
	}
	a = ac_new(w, n);
	for (i = 0; i < n; i++)
		free(w[i]);
	return a;
}

/* Scans text with a fresh scratch; t holds what was found. */
static void scan(const struct ac *a, struct ac_scratch *s, const char *text, struct told *t)
{
	memset(t, 0, sizeof(*t));
	ac_scan(a, s, text, strlen(text), record, t);
}

static void test_words_each_told_once(void **state)
{
	static const char *const words[] = {"heart", "beat", "heartbeat", "eat", "missing"};
	struct ac *a = ac_of(words, 5);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	size_t i;
	(void)state;

	scan(a, s, "heartbeat, heartbeat and heart", &t);
	for (i = 0; i < 4; i++) {
		assert_int_equal(t.count[i], 1);
		assert_true(ac_seen(a, s, i));
	}
	assert_int_equal(t.count[4], 0);
	assert_false(ac_seen(a, s, 4));
	assert_int_equal(t.n, 4);
	/* told where each first ends: heart, then heartbeat with its suffixes beat and eat */
	assert_int_equal(t.order[0], 0);
	assert_int_equal(t.order[1], 2);
	ac_scratch_free(s);
	ac_free(a);
}

static void test_suffixes_and_overlaps(void **state)
{
	static const char *const words[] = {"he", "she", "his", "hers"};
	struct ac *a = ac_of(words, 4);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	(void)state;

	scan(a, s, "ushers", &t);
	assert_int_equal(t.count[0], 1); /* inside "she" */
	assert_int_equal(t.count[1], 1);
	assert_int_equal(t.count[2], 0);
	assert_int_equal(t.count[3], 1); /* overlaps "she" */
	ac_scratch_free(s);
	ac_free(a);
}

static void test_either_case(void **state)
{
	static const char *const words[] = {"runbook", "a-b_c.d"};
	struct ac *a = ac_of(words, 2);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	(void)state;

	scan(a, s, "See the RunBook: A-B_C.D", &t);
	assert_true(ac_seen(a, s, 0));
	assert_true(ac_seen(a, s, 1));
	/* only letters fold: '-' is not '_' nor '=' */
	scan(a, s, "A_B_C.D a=b_c.d RUNBOO", &t);
	assert_false(ac_seen(a, s, 0));
	assert_false(ac_seen(a, s, 1));
	assert_int_equal(t.n, 0);
	ac_scratch_free(s);
	ac_free(a);
}

static void test_each_text_forgets_the_last(void **state)
{
	static const char *const words[] = {"alpha", "beta"};
	struct ac *a = ac_of(words, 2);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	int i;
	(void)state;

	for (i = 0; i < 3; i++) {
		scan(a, s, "alpha", &t);
		assert_true(ac_seen(a, s, 0));
		assert_false(ac_seen(a, s, 1));
		assert_int_equal(t.count[0], 1); /* told again for a new text */
		scan(a, s, "beta", &t);
		assert_false(ac_seen(a, s, 0));
		assert_true(ac_seen(a, s, 1));
		scan(a, s, "", &t);
		assert_false(ac_seen(a, s, 0));
		assert_false(ac_seen(a, s, 1));
	}
	/* found may be NULL: ac_seen still answers */
	ac_scan(a, s, "xbetax", 6, NULL, NULL);
	assert_true(ac_seen(a, s, 1));
	ac_scratch_free(s);
	ac_free(a);
}

static void test_words_never_found(void **state)
{
	/* a word with a byte outside ASCII, and an empty word, are never found */
	static const char *const words[] = {"caf\xc3\xa9", "", "ok", "ok"};
	struct ac *a = ac_of(words, 4);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	(void)state;

	scan(a, s, "caf\xc3\xa9 is ok", &t);
	assert_false(ac_seen(a, s, 0));
	assert_false(ac_seen(a, s, 1));
	/* a repeated word is told once, as its first index, and seen as both */
	assert_true(ac_seen(a, s, 2));
	assert_true(ac_seen(a, s, 3));
	assert_int_equal(t.count[2], 1);
	assert_int_equal(t.count[3], 0);
	assert_int_equal(t.n, 1);
	/* an index past the list is not a word */
	assert_false(ac_seen(a, s, 99));
	ac_scratch_free(s);
	ac_free(a);
}

static void test_no_words(void **state)
{
	struct ac *a = ac_new(NULL, 0);
	struct ac_scratch *s = ac_scratch_new(a);
	struct told t;
	(void)state;

	scan(a, s, "anything at all \xff\xfe", &t);
	assert_int_equal(t.n, 0);
	ac_scratch_free(s);
	ac_free(a);
	ac_scratch_free(NULL);
	ac_free(NULL);
}

/* 1 when text holds w, ASCII letters in either case */
static int naive_holds(const char *text, const char *w)
{
	size_t n = strlen(text), m = strlen(w), i, k;
	for (i = 0; m && i + m <= n; i++) {
		for (k = 0; k < m; k++) {
			unsigned char a = (unsigned char)text[i + k], b = (unsigned char)w[k];
			if (a >= 'A' && a <= 'Z')
				a |= 0x20;
			if (a != b)
				break;
		}
		if (k == m)
			return 1;
	}
	return 0;
}

static void test_agrees_with_a_naive_search(void **state)
{
	static const char alphabet[] = "abAB-c";
	unsigned long x = 12345;
	int round;
	(void)state;

	for (round = 0; round < 300; round++) {
		char *words[12], text[200];
		size_t nw = 1 + round % 12, i, k, len;
		struct ac *a;
		struct ac_scratch *s;
		struct told t;

		for (i = 0; i < nw; i++) {
			/* distinct lower-case words over a small alphabet, so that they overlap */
			char w[8];
			size_t wl;
			do {
				wl = 1 + (x = x * 6364136223846793005ul + 1442695040888963407ul) % 4;
				for (k = 0; k < wl; k++) {
					x = x * 6364136223846793005ul + 1442695040888963407ul;
					w[k] = "abc-"[(x >> 33) % 4];
				}
				w[wl] = '\0';
				for (k = 0; k < i && strcmp(words[k], w); k++)
					;
			} while (k < i);
			words[i] = strdup(w);
			assert_non_null(words[i]);
		}
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		len = (x >> 33) % sizeof(text);
		for (k = 0; k < len; k++) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			text[k] = alphabet[(x >> 33) % (sizeof(alphabet) - 1)];
		}
		text[len] = '\0';

		a = ac_new(words, nw);
		s = ac_scratch_new(a);
		scan(a, s, text, &t);
		for (i = 0; i < nw; i++) {
			int want = naive_holds(text, words[i]);
			if (ac_seen(a, s, i) != want || t.count[i] != (size_t)want)
				fail_msg("round %d: word '%s' in '%s': seen %d, told %zu, want %d", round, words[i],
					 text, ac_seen(a, s, i), t.count[i], want);
		}
		ac_scratch_free(s);
		ac_free(a);
		for (i = 0; i < nw; i++)
			free(words[i]);
	}
}

/*
 * Many words sharing prefixes (the trie's rows are added as its states are
 * made, ac.c: add_rows, far fewer than the words' letters): every word is
 * found where it is, by ac_seen, and no other.
 */
static void test_many_words_sharing_prefixes(void **state)
{
	enum { NW = 1200 };
	char **words = calloc(NW, sizeof(*words)), text[64];
	struct ac *a;
	struct ac_scratch *s;
	size_t i, k;
	(void)state;

	assert_non_null(words);
	for (i = 0; i < NW; i++) {
		/* "w" and the number in base 4 over "abcd": distinct, and sharing prefixes */
		char w[16];
		size_t n = i, len = 1;
		w[0] = 'w';
		do {
			w[len++] = "abcd"[n % 4];
			n /= 4;
		} while (n);
		w[len] = '\0';
		words[i] = strdup(w);
		assert_non_null(words[i]);
	}
	a = ac_new(words, NW);
	s = ac_scratch_new(a);
	for (k = 0; k < NW; k += 97) {
		snprintf(text, sizeof(text), "-%s-", words[k]);
		ac_scan(a, s, text, strlen(text), NULL, NULL);
		for (i = 0; i < NW; i++) {
			int want = strstr(text, words[i]) != NULL;
			if (ac_seen(a, s, i) != want)
				fail_msg("word '%s' in '%s': seen %d, want %d", words[i], text, ac_seen(a, s, i), want);
		}
	}
	ac_scratch_free(s);
	ac_free(a);
	for (i = 0; i < NW; i++)
		free(words[i]);
	free(words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_each_told_once),
		cmocka_unit_test(test_suffixes_and_overlaps),
		cmocka_unit_test(test_either_case),
		cmocka_unit_test(test_each_text_forgets_the_last),
		cmocka_unit_test(test_words_never_found),
		cmocka_unit_test(test_no_words),
		cmocka_unit_test(test_agrees_with_a_naive_search),
		cmocka_unit_test(test_many_words_sharing_prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
