/* facts_cache.c - per-blob facts as the content cache keeps them, and when a cached record stands for a blob. */
#include "scan/internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "match/multi.h"
#include "store/cache.h"
#include "scan/treerec.h"
#include "util/bytes.h"

#ifndef PROOFGATE_VERSION
#define PROOFGATE_VERSION "0.0.0"
#endif

/* format of cached per-blob results; bump it when they or the matching change */
#define FACTS_FORMAT 2
/* match results are small negatives or 0/1: stored shifted */
#define RC_BIAS 16

void facts_encode(struct buf *b, const struct blob_facts *bf)
{
	size_t i, k;
	buf_clear(b);
	buf_put_varint(b, FACTS_FORMAT);
	buf_put_varint(b, bf->size);
	buf_put_varint(b, (uint64_t)(bf->seen | bf->binary << 1 | bf->have_lines << 2 | bf->marks << 3));
	if (bf->have_lines)
		buf_put_varint(b, bf->nlines);
	buf_put_varint(b, bf->nlf);
	for (i = 0; i < bf->nlf; i++) {
		const struct facts *f = &bf->lf[i];
		buf_put_varint(b, f->leaf);
		buf_put_varint(b, f->have);
		if (f->have & HAVE_NC) {
			buf_put_varint(b, (uint64_t)(f->nc_rc + RC_BIAS));
			buf_put_varint(b, f->nc_line);
		}
		if (f->have & HAVE_C) {
			buf_put_varint(b, (uint64_t)(f->c_rc + RC_BIAS));
			buf_put_varint(b, f->c_count);
			buf_put_varint(b, f->c_line);
		}
		if (f->have & HAVE_F) {
			buf_put_varint(b, (uint64_t)(f->f_rc + RC_BIAS));
			buf_put_varint(b, (uint64_t)(f->f_more | f->f_later << 1));
			buf_put_varint(b, f->nf);
			for (k = 0; k < f->nf; k++) {
				buf_put_varint(b, (uint64_t)f->f[k].day);
				buf_put_varint(b, f->f[k].line);
			}
		}
	}
}

/* Reads one leaf's facts at *p (advanced past them); -1 when they are not what facts_encode wrote. */
static int decode_facts(struct facts *f, const unsigned char **p, const unsigned char *end, size_t nleaves)
{
	uint64_t v, k;

	if (buf_get_varint(p, end, &v) < 0 || v >= nleaves)
		return -1;
	f->leaf = (size_t)v;
	if (buf_get_varint(p, end, &v) < 0 || v > 7)
		return -1;
	f->have = (unsigned)v;
	if (f->have & HAVE_NC) {
		if (buf_get_varint(p, end, &v) < 0 || v > 2 * RC_BIAS)
			return -1;
		f->nc_rc = (int)v - RC_BIAS;
		if (buf_get_varint(p, end, &v) < 0)
			return -1;
		f->nc_line = (size_t)v;
	}
	if (f->have & HAVE_C) {
		if (buf_get_varint(p, end, &v) < 0 || v > 2 * RC_BIAS)
			return -1;
		f->c_rc = (int)v - RC_BIAS;
		if (buf_get_varint(p, end, &v) < 0)
			return -1;
		f->c_count = (size_t)v;
		if (buf_get_varint(p, end, &v) < 0)
			return -1;
		f->c_line = (size_t)v;
	}
	if (f->have & HAVE_F) {
		if (buf_get_varint(p, end, &v) < 0 || v > 2 * RC_BIAS)
			return -1;
		f->f_rc = (int)v - RC_BIAS;
		if (buf_get_varint(p, end, &v) < 0)
			return -1;
		f->f_more = (int)(v & 1);
		f->f_later = (int)(v >> 1 & 1);
		if (buf_get_varint(p, end, &v) < 0 || v > FRESH_KEEP)
			return -1;
		f->nf = (size_t)v;
		for (k = 0; k < f->nf; k++) {
			if (buf_get_varint(p, end, &v) < 0 || v > LONG_MAX)
				return -1;
			f->f[k].day = (long)v;
			if (buf_get_varint(p, end, &v) < 0)
				return -1;
			f->f[k].line = (size_t)v;
		}
	}
	return 0;
}

int facts_decode(struct blob_facts *out, const unsigned char *p, size_t len, size_t nleaves)
{
	const unsigned char *end = p + len;
	struct blob_facts bf;
	uint64_t v, n, i, flags;

	memset(&bf, 0, sizeof(bf));
	if (buf_get_varint(&p, end, &v) < 0 || v != FACTS_FORMAT)
		goto bad;
	if (buf_get_varint(&p, end, &bf.size) < 0 || buf_get_varint(&p, end, &flags) < 0)
		goto bad;
	bf.seen = (int)(flags & 1);
	bf.binary = (int)(flags >> 1 & 1);
	bf.have_lines = (int)(flags >> 2 & 1);
	bf.marks = (unsigned)(flags >> 3 & 7);
	if (bf.have_lines) {
		if (buf_get_varint(&p, end, &v) < 0)
			goto bad;
		bf.nlines = (size_t)v;
	}
	if (buf_get_varint(&p, end, &n) < 0 || n > nleaves)
		goto bad;
	for (i = 0; i < n; i++)
		if (decode_facts(facts_add(&bf), &p, end, nleaves) < 0)
			goto bad;
	if (p != end)
		goto bad;
	*out = bf;
	return 0;
bad:
	blob_facts_free(&bf);
	return -1;
}

int facts_complete(const struct scan_job *j, const struct item *it, const struct blob_facts *bf)
{
	size_t i;
	uint64_t cap = j->opts->max_file_size;
	/*
	 * Over the size cap or binary, only forbidding (no_file) leaves read the
	 * contents (item.c); over forbid_read_cap not even they can, whatever an
	 * earlier scan with a larger cap found: the blob is looked at again.
	 */
	int evidence_too = bf->size <= cap && !bf->binary;
	if (bf->size <= cap && !bf->seen)
		return 0;
	if (bf->size > cap && (!bf->seen || bf->size > forbid_read_cap(cap))) {
		for (i = 0; i < it->nsel; i++)
			if (j->rs->leaves[it->sel[i]]->negated && needs_facts(j->rs->leaves[it->sel[i]], it->exec))
				return 0;
		return 1;
	}
	for (i = 0; i < it->nsel; i++) {
		const struct leaf *l = j->rs->leaves[it->sel[i]];
		const struct facts *f;
		struct why why;
		char *err;
		size_t line;
		long day;
		int ok;
		if (!needs_facts(l, it->exec) || is_settled(j, l->index) || (!evidence_too && !l->negated))
			continue;
		if (!l->negated && scan_generated(it->path, bf->marks))
			continue; /* facts_decide needs no facts: not evidence */
		if (l->min_lines && !bf->have_lines)
			return 0;
		if (l->min_lines && bf->nlines < l->min_lines)
			continue;
		if (!(f = facts_find(bf, l->index)))
			return 0;
		/* every check the leaf asks for, up to the one that decided, must be there */
		if ((l->not_contains && !(f->have & HAVE_NC)) ||
		    (l->contains && !(f->have & HAVE_C) && !(f->have & HAVE_NC && f->nc_rc != MATCH_NONE)))
			return 0;
		if (l->fresh && !(f->have & HAVE_F)) {
			int stopped = (f->have & HAVE_NC && f->nc_rc != MATCH_NONE) ||
				      (f->have & HAVE_C && f->c_count < l->min_matches);
			if (!stopped)
				return 0;
		}
		ok = facts_decide(l, f, bf, it->exec, it->path, j->commit_day, &why, &line, &day, &err);
		free(err);
		if (!ok)
			return 0;
	}
	return 1;
}

int scan_cache_open(struct cache **out, git_repository *repo, const struct rules *rs, const char *dir)
{
	const char *forbidden[4];
	struct buf ns = BUF_INIT;
	char pcre[64] = "";
	size_t n = 0;
	int rc;

	if (git_repository_workdir(repo))
		forbidden[n++] = git_repository_workdir(repo);
	forbidden[n++] = git_repository_path(repo);
	forbidden[n++] = git_repository_commondir(repo);
	forbidden[n] = NULL;
	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	/* everything a cached result depends on but the blob itself */
	buf_printf(&ns,
		   "proofgate %s; facts %d; folders %d; pcre2 %s; limits %u/%u; budget %u+%u/byte; dates kept %d; "
		   "binary probe %d; proofs words+%s; rules %s",
		   PROOFGATE_VERSION, FACTS_FORMAT, TREEREC_FORMAT, pcre, MATCH_LIMIT, MATCH_DEPTH_LIMIT,
		   MATCH_BUDGET_BASE, MATCH_BUDGET_PER_BYTE, FRESH_KEEP, BINARY_PROBE, multi_engine(), rs->digest);
	rc = cache_open(out, dir, ns.ptr, forbidden, 0);
	buf_free(&ns);
	return rc;
}
