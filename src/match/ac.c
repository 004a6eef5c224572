/* ac.c - Aho-Corasick over a fixed set of words: a table of moves, one load a byte, case folded by byte class. */
#include "match/ac.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define HIT 0x80000000u

struct ac {
	unsigned char cls[256]; /* byte -> class (case folded); 0 for bytes in no word */
	size_t ncls;
	uint32_t *go;	   /* nstates x ncls: the next state's row (state x ncls), HIT set when a word ends there */
	int32_t *out;	   /* per state: itself if a word ends there, else the nearest such suffix state, else 0 */
	int32_t *next_out; /* per state: the next word-ending state along its suffixes, or 0 */
	size_t nstates;
	size_t *wstate; /* word -> the state where it ends, or 0 for a word never found */
	size_t nwords;
	size_t *word_at; /* state where a word ends -> that word */
};

struct ac_scratch {
	uint32_t *seen; /* per state: the text number it was last seen in */
	uint32_t gen;
	size_t n;
};

/* The automaton while it is built: states numbered as the trie made them, -1 for a missing move. */
struct build {
	int32_t *go, *out, *next_out;
	int32_t *fail, *queue; /* queue: every state but the root, breadth first */
	size_t total, nqueue;
};

static int word_ascii(const char *w)
{
	for (; *w; w++)
		if ((unsigned char)*w >= 0x80)
			return 0;
	return 1;
}

/* A class per byte some word holds, upper-case letters sharing their lower-case forms'; b->total: states at most. */
static void classes(struct ac *a, struct build *b, char *const *words, size_t n)
{
	size_t i, c;

	memset(a->cls, 0, sizeof(a->cls));
	a->ncls = 1;
	b->total = 1;
	for (i = 0; i < n; i++) {
		const unsigned char *w = (const unsigned char *)words[i];
		if (!word_ascii(words[i]))
			continue;
		for (; *w; w++, b->total++)
			if (!a->cls[*w])
				a->cls[*w] = (unsigned char)a->ncls++;
	}
	/* upper-case letters read as their lower-case forms */
	for (c = 'A'; c <= 'Z'; c++)
		a->cls[c] = a->cls[c | 0x20];
}

/* Room in b for n states (rows of moves, all missing; out and next_out 0), *rows holding the room so far. */
static void add_rows(const struct ac *a, struct build *b, size_t *rows, size_t n)
{
	size_t had = *rows, i;
	if (n <= had)
		return;
	n = n > 2 * had ? n : 2 * had;
	if (n > b->total)
		n = b->total;
	b->go = xrealloc(b->go, n * a->ncls * sizeof(*b->go));
	for (i = had * a->ncls; i < n * a->ncls; i++)
		b->go[i] = -1;
	b->out = xrealloc(b->out, n * sizeof(*b->out));
	b->next_out = xrealloc(b->next_out, n * sizeof(*b->next_out));
	memset(b->out + had, 0, (n - had) * sizeof(*b->out));
	memset(b->next_out + had, 0, (n - had) * sizeof(*b->next_out));
	*rows = n;
}

/* The trie of the words: a state per prefix, out[s] = s where a word ends. */
static void trie(struct ac *a, struct build *b, char *const *words, size_t n)
{
	size_t i, s, rows = 0;

	/* rows for the states made, not for b->total: words share their prefixes */
	add_rows(a, b, &rows, 1);
	a->wstate = xcalloc(n ? n : 1, sizeof(*a->wstate));
	a->nwords = n;
	a->nstates = 1;
	for (i = 0; i < n; i++) {
		const unsigned char *w = (const unsigned char *)words[i];
		if (!word_ascii(words[i]))
			continue; /* never in an ASCII text: wstate 0, never seen */
		for (s = 0; *w; w++) {
			int32_t *t = &b->go[s * a->ncls + a->cls[*w]];
			if (*t < 0) {
				int32_t made = (int32_t)a->nstates++;
				add_rows(a, b, &rows, a->nstates);
				t = &b->go[s * a->ncls + a->cls[*w]]; /* b->go may have moved */
				*t = made;
			}
			s = (size_t)*t;
		}
		a->wstate[i] = s;
		b->out[s] = (int32_t)s;
	}
}

/* Breadth first: failure links, then the missing moves through them. */
static void links(const struct ac *a, struct build *b)
{
	size_t head = 0, tail = 0, c, ncls = a->ncls;
	int32_t *go = b->go;

	b->fail = xcalloc(a->nstates, sizeof(*b->fail));
	b->queue = xmalloc(a->nstates * sizeof(*b->queue));
	for (c = 0; c < ncls; c++) {
		int32_t t = go[c];
		if (t < 0) {
			go[c] = 0;
		} else {
			b->fail[t] = 0;
			b->queue[tail++] = t;
		}
	}
	while (head < tail) {
		int32_t u = b->queue[head++];
		int32_t f = b->fail[u];
		if (b->out[u])
			b->next_out[u] = b->out[f]; /* a word ends here; the next one along its suffixes */
		else
			b->out[u] = b->out[f];
		for (c = 0; c < ncls; c++) {
			int32_t *t = &go[(size_t)u * ncls + c];
			if (*t < 0) {
				*t = go[(size_t)f * ncls + c];
			} else {
				b->fail[*t] = go[(size_t)f * ncls + c];
				b->queue[tail++] = *t;
			}
		}
	}
	b->nqueue = tail;
}

/*
 * Renumbered breadth first, so the shallow states a scan spends most of
 * its time in share a few cache lines; each move holds the next row and
 * whether a word ends there, one load a byte.
 */
static void pack(struct ac *a, const struct build *b)
{
	int32_t *renum = xmalloc(a->nstates * sizeof(*renum));
	size_t i, s, c, ncls = a->ncls;

	renum[0] = 0;
	for (i = 0; i < b->nqueue; i++)
		renum[b->queue[i]] = (int32_t)i + 1;
	a->go = xmalloc(a->nstates * ncls * sizeof(*a->go));
	a->out = xcalloc(a->nstates, sizeof(*a->out));
	a->next_out = xcalloc(a->nstates, sizeof(*a->next_out));
	for (s = 0; s < a->nstates; s++) {
		size_t ns = (size_t)renum[s];
		a->out[ns] = b->out[s] ? renum[b->out[s]] : 0;
		a->next_out[ns] = b->next_out[s] ? renum[b->next_out[s]] : 0;
		for (c = 0; c < ncls; c++) {
			int32_t t = b->go[s * ncls + c];
			a->go[ns * ncls + c] = (uint32_t)renum[t] * (uint32_t)ncls | (b->out[t] ? HIT : 0);
		}
	}
	a->word_at = xcalloc(a->nstates, sizeof(*a->word_at));
	for (i = a->nwords; i-- > 0;) {
		a->wstate[i] = (size_t)renum[a->wstate[i]];
		a->word_at[a->wstate[i]] = i; /* a repeated word: its first index */
	}
	free(renum);
}

struct ac *ac_new(char *const *words, size_t n)
{
	struct ac *a = xcalloc(1, sizeof(*a));
	struct build b;

	memset(&b, 0, sizeof(b));
	classes(a, &b, words, n);
	trie(a, &b, words, n);
	links(a, &b);
	pack(a, &b);
	free(b.go);
	free(b.out);
	free(b.next_out);
	free(b.fail);
	free(b.queue);
	return a;
}

void ac_free(struct ac *a)
{
	if (!a)
		return;
	free(a->go);
	free(a->out);
	free(a->next_out);
	free(a->wstate);
	free(a->word_at);
	free(a);
}

struct ac_scratch *ac_scratch_new(const struct ac *a)
{
	struct ac_scratch *s = xcalloc(1, sizeof(*s));
	s->n = a->nstates ? a->nstates : 1;
	s->seen = xcalloc(s->n, sizeof(*s->seen));
	s->gen = 1;
	return s;
}

void ac_scratch_free(struct ac_scratch *s)
{
	if (!s)
		return;
	free(s->seen);
	free(s);
}

void ac_scan(const struct ac *a, struct ac_scratch *s, const char *text, size_t len, ac_found_fn *found, void *arg)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	const uint32_t *go = a->go;
	const unsigned char *cls = a->cls;
	size_t ncls = a->ncls;
	uint32_t gen, row = 0;

	if (++s->gen == 0) {
		memset(s->seen, 0, s->n * sizeof(*s->seen));
		s->gen = 1;
	}
	gen = s->gen;
	for (; p < end; p++) {
		uint32_t v = go[row + cls[*p]];
		row = v & ~HIT;
		if (v & HIT) {
			/* every word ending here: this state's own, then its suffixes' */
			int32_t w = a->out[row / ncls];
			while (w && s->seen[w] != gen) {
				s->seen[w] = gen;
				if (found)
					found(arg, a->word_at[w]);
				w = a->next_out[w];
			}
		}
	}
}

int ac_seen(const struct ac *a, const struct ac_scratch *s, size_t word)
{
	size_t st = word < a->nwords ? a->wstate[word] : 0;
	return st && s->seen[st] == s->gen;
}
