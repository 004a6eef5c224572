/*
 * select.c - which leaves select a path, and which may match below a
 * folder: each distinct glob of the rule pack tested once per path, each
 * distinct exclude list once, and the words a glob's matches must hold
 * looked for in one pass over the path first.
 */
#include "scan/internal.h"

#include <stdlib.h>
#include <string.h>

#include "match/prefilter.h"
#include "match/twin.h"
#include "util/mem.h"

/*
 * Appends to words the word every ASCII path g matches holds, one per
 * alternative (an alternative that matches no ASCII path needs none).
 * Returns 0 when some alternative has no usable word.
 */
static int glob_words(const struct match_glob *g, char ***words, size_t *nw, size_t *cap)
{
	char buf[256];
	size_t i;
	for (i = 0; i < g->nalts; i++) {
		int never;
		size_t n = match_glob_word(g, i, buf, sizeof(buf), &never);
		if (never)
			continue;
		if (n < 3)
			return 0;
		XGROW(*words, *cap, *nw + 1);
		(*words)[(*nw)++] = xstrdup(buf);
	}
	return 1;
}

static void free_words(char **words, size_t nw)
{
	size_t i;
	for (i = 0; i < nw; i++)
		free(words[i]);
	free(words);
}

static void glob_words_init(struct globs *gl, const struct match_glob **uniq, const struct rules *rs)
{
	size_t k, i;
	int any = 0;

	gl->pf = prefilter_new();
	gl->pf_id = xmalloc((gl->n ? gl->n : 1) * sizeof(*gl->pf_id));
	for (k = 0; k < gl->n; k++) {
		char **words = NULL;
		size_t nw = 0, cap = 0;
		int ok = glob_words(uniq[k], &words, &nw, &cap);
		gl->pf_id[k] = ok && nw ? prefilter_add_words(gl->pf, words, nw) : -1;
		any |= gl->pf_id[k] >= 0;
		free_words(words, nw);
	}
	/* a leaf selects only paths holding a word of one of its globs */
	gl->leaf_pf = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*gl->leaf_pf));
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		char **words = NULL;
		size_t nw = 0, cap = 0;
		int ok = l->npaths > 0;
		for (k = 0; k < l->npaths && ok; k++)
			ok = glob_words(l->paths[k], &words, &nw, &cap);
		gl->leaf_pf[i] = ok && nw ? prefilter_add_words(gl->pf, words, nw) : -1;
		any |= gl->leaf_pf[i] >= 0;
		free_words(words, nw);
	}
	if (!any) {
		prefilter_free(gl->pf);
		gl->pf = NULL;
		return;
	}
	prefilter_compile(gl->pf);
	gl->pfs = prefilter_scratch_new(gl->pf);
}

/* The words of the current path, found once (ASCII paths only). */
static void path_words(struct globs *gl, const char *path, size_t len)
{
	if (!gl->pf_done) {
		prefilter_scan(gl->pf, gl->pfs, path, len);
		gl->pf_done = 1;
	}
}

void globs_init(struct globs *gl, const struct rules *rs)
{
	const struct match_glob **uniq = NULL;
	size_t cap = 0, i, k;

	memset(gl, 0, sizeof(*gl));
	gl->path_ids = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*gl->path_ids));
	gl->excl_ids = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*gl->excl_ids));
	for (i = 0; i < rs->nleaves; i++) {
		const struct leaf *l = rs->leaves[i];
		size_t n = l->npaths + l->nexclude;
		gl->path_ids[i] = xmalloc((l->npaths ? l->npaths : 1) * sizeof(size_t));
		gl->excl_ids[i] = xmalloc((l->nexclude ? l->nexclude : 1) * sizeof(size_t));
		for (k = 0; k < n; k++) {
			const struct match_glob *g = k < l->npaths ? l->paths[k] : l->exclude[k - l->npaths];
			size_t u;
			for (u = 0; u < gl->n; u++)
				if (!strcmp(uniq[u]->src, g->src) && uniq[u]->caseless == g->caseless)
					break;
			if (u == gl->n) {
				XGROW(uniq, cap, gl->n + 1);
				uniq[gl->n++] = g;
			}
			if (k < l->npaths)
				gl->path_ids[i][k] = u;
			else
				gl->excl_ids[i][k - l->npaths] = u;
		}
	}
	gl->elist = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*gl->elist));
	for (i = 0; i < rs->nleaves; i++) {
		size_t e;
		for (e = 0; e < i; e++)
			if (rs->leaves[e]->nexclude == rs->leaves[i]->nexclude &&
			    !memcmp(gl->excl_ids[e], gl->excl_ids[i], rs->leaves[i]->nexclude * sizeof(size_t)))
				break;
		gl->elist[i] = e < i ? gl->elist[e] : i;
	}
	gl->el_val = xcalloc(rs->nleaves ? rs->nleaves : 1, 1);
	gl->el_at = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*gl->el_at));
	glob_words_init(gl, uniq, rs);
	free(uniq);
	gl->val = xcalloc(gl->n ? gl->n : 1, 1);
	gl->dval = xcalloc(gl->n ? gl->n : 1, 1);
	gl->at = xcalloc(gl->n ? gl->n : 1, sizeof(*gl->at));
	gl->dat = xcalloc(gl->n ? gl->n : 1, sizeof(*gl->dat));
	/* numbers start at 1: nothing is remembered yet */
	gl->path_no = gl->dir_no = 1;
}

void globs_free(struct globs *gl, size_t nleaves)
{
	size_t i;

	if (!gl)
		return;
	for (i = 0; gl->path_ids && i < nleaves; i++) {
		free(gl->path_ids[i]);
		free(gl->excl_ids[i]);
	}
	free(gl->path_ids);
	free(gl->excl_ids);
	free(gl->elist);
	free(gl->el_val);
	free(gl->el_at);
	prefilter_scratch_free(gl->pfs);
	prefilter_free(gl->pf);
	free(gl->pf_id);
	free(gl->leaf_pf);
	free(gl->val);
	free(gl->dval);
	free(gl->at);
	free(gl->dat);
}

/* match_glob_path(g) for the current path, once per distinct glob. */
static int path_hit(struct globs *gl, size_t id, const struct match_glob *g, const char *path, size_t len)
{
	if (gl->at[id] != gl->path_no) {
		int word = gl->path_ascii && gl->pf && gl->pf_id[id] >= 0;
		if (word)
			path_words(gl, path, len);
		if (word && !prefilter_may_match(gl->pf, gl->pfs, gl->pf_id[id])) {
			gl->val[id] = 0; /* none of the glob's words is in the path */
		} else {
			if (!gl->mp_ready) {
				match_path_prepare(&gl->mp, path, len);
				gl->mp_ready = 1;
			}
			gl->val[id] = (unsigned char)match_glob_prepared(g, &gl->mp);
		}
		gl->at[id] = gl->path_no;
	}
	return gl->val[id];
}

int globs_selects(struct globs *gl, const struct leaf *l, const char *path, size_t len)
{
	size_t i, e;
	int hit = 0;
	for (i = 0; i < l->npaths && !hit; i++)
		hit = path_hit(gl, gl->path_ids[l->index][i], l->paths[i], path, len);
	if (!hit)
		return 0;
	e = gl->elist[l->index];
	if (gl->el_at[e] != gl->path_no) {
		gl->el_val[e] = 0;
		for (i = 0; i < l->nexclude && !gl->el_val[e]; i++)
			gl->el_val[e] =
				(unsigned char)path_hit(gl, gl->excl_ids[l->index][i], l->exclude[i], path, len);
		gl->el_at[e] = gl->path_no;
	}
	return !gl->el_val[e];
}

/* For the current folder: bit 0 remembered, bit 1 covers_dir, bit 2 may_descend (each computed when asked). */
static int dir_test(struct globs *gl, size_t id, const struct match_glob *g, const char *dir, size_t len, int covers)
{
	unsigned char bit = covers ? 2 : 4, known = covers ? 8 : 16;
	if (gl->dat[id] != gl->dir_no) {
		gl->dval[id] = 0;
		gl->dat[id] = gl->dir_no;
	}
	if (!(gl->dval[id] & known)) {
		int r = covers ? match_glob_covers_dir(g, dir, len - 1) : match_glob_may_descend(g, dir, len);
		gl->dval[id] |= known | (r ? bit : 0);
	}
	return (gl->dval[id] & bit) != 0;
}

static int leaf_may_descend(struct globs *gl, const struct leaf *l, const char *dir, size_t len)
{
	size_t i;
	int hit = 0;
	for (i = 0; i < l->nexclude; i++)
		if (dir_test(gl, gl->excl_ids[l->index][i], l->exclude[i], dir, len, 1))
			return 0;
	for (i = 0; i < l->npaths && !hit; i++)
		hit = dir_test(gl, gl->path_ids[l->index][i], l->paths[i], dir, len, 0);
	return hit;
}

void globs_next_path(struct globs *gl, const char *path, size_t len)
{
	gl->path_no++;
	gl->mp_ready = 0;
	gl->pf_done = 0;
	gl->path_ascii = twin_is_ascii(path, len);
}

size_t globs_select(struct globs *gl, const struct rules *rs, const size_t *active, size_t nactive, const char *path,
		    size_t len, size_t *sel)
{
	size_t nsel = 0, i;

	globs_next_path(gl, path, len);
	for (i = 0; i < nactive; i++) {
		const struct leaf *l = rs->leaves[active[i]];
		if (gl->path_ascii && gl->pf && gl->leaf_pf[active[i]] >= 0) {
			path_words(gl, path, len);
			if (!prefilter_may_match(gl->pf, gl->pfs, gl->leaf_pf[active[i]]))
				continue;
		}
		if (globs_selects(gl, l, path, len))
			sel[nsel++] = active[i];
	}
	return nsel;
}

size_t globs_descend(struct globs *gl, const struct rules *rs, const size_t *active, size_t nactive, const char *dir,
		     size_t len, size_t *sub)
{
	size_t nsub = 0, j;

	gl->dir_no++;
	for (j = 0; j < nactive; j++)
		if (leaf_may_descend(gl, rs->leaves[active[j]], dir, len))
			sub[nsub++] = active[j];
	return nsub;
}
