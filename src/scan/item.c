/*
 * item.c - one selected file, on whichever thread claims it: its facts from
 * the cache, or its blob probed, read and matched; then each selecting leaf
 * decided.  Touches only the item and the worker's own state.
 */
#include "scan/internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/pack.h"
#include "match/twin.h"
#include "store/cache.h"
#include "util/mem.h"

/* What run_item learns of one blob, handed from step to step. */
struct blob {
	struct blob_facts bf;  /* what its contents show: from the cache, or matched now */
	struct blob_facts old; /* a cached record that did not stand for it: other leaves' facts are kept */
	git_odb_object *obj;   /* the blob as libgit2 read it, or NULL (a pack reader's bytes, or none) */
	const char *data;      /* its bytes once read ("" before) */
	size_t len;
	int have_data;		/* its bytes were read: freshness can be matched again */
	struct subject sj;	/* data as matched, once it is text */
	int missing;		/* it could not be read: it->problem says why */
	int too_big;		/* larger than a forbidding condition reads (forbid_read_cap) */
	int big;		/* holds the job's big_lock (read through libgit2, over BIG_READ) */
	const char *unreadable; /* why its contents are not matched as evidence (too large, binary), or NULL */
	char reason[160];
};

/* 1 when some leaf that reads the item's contents is not settled. */
static int contents_wanted(const struct scan_job *j, const struct item *it)
{
	size_t i;
	int live = 0;
	for (i = 0; i < it->nsel; i++)
		if (leaf_needs_content(j->rs->leaves[it->sel[i]]) && !is_settled(j, it->sel[i]))
			live = 1;
	return live;
}

/*
 * Cache hit: 1 when a cached record stands for the blob, into b->bf; else
 * b->old keeps what it holds, and -1 says there was no record of it (or
 * none this build reads), 0 one that does not decide it.
 */
static int cache_hit(struct worker *wk, const struct item *it, struct blob *b)
{
	const struct scan_job *j = wk->job;
	const unsigned char *rec;
	size_t reclen;

	rec = cache_get(j->opts->cache, it->oid.id, &reclen);
	if (!rec || facts_decode(&b->old, rec, reclen, j->rs->nleaves) < 0)
		return -1;
	if (!facts_complete(j, it, &b->old))
		return 0;
	/* a cached result stands for the blob only where the blob is there: a partial clone still errs */
	if (!object_present(j->packs, wk->odb, &it->oid))
		return 0;
	b->bf = b->old;
	memset(&b->old, 0, sizeof(b->old));
	return 1;
}

/*
 * 1 when a forbidding (no_file) leaf selecting the item reads its contents:
 * such a leaf reads binary blobs, and blobs over the size cap up to
 * forbid_read_cap, since a secret is text inside them too.
 */
static int forbid_wanted(const struct scan_job *j, const struct item *it)
{
	size_t i;
	for (i = 0; i < it->nsel; i++) {
		const struct leaf *l = j->rs->leaves[it->sel[i]];
		if (l->negated && needs_facts(l, it->exec))
			return 1;
	}
	return 0;
}

/* Records why the item's blob could not be read: libgit2's last error, or why (class GIT_ERROR_ODB). */
static void set_problem(struct item *it, struct blob *b, const char *why)
{
	const git_error *ge = git_error_last();
	b->missing = 1;
	if (why || !ge || !ge->message) {
		it->problem = xstrdup(why ? why : "unknown error");
		it->problem_class = GIT_ERROR_ODB;
	} else {
		it->problem = xstrdup(ge->message);
		it->problem_class = ge->klass;
	}
}

/*
 * Probe: the blob's size and type without inflating it, from the pack
 * indexes (which hand over a whole packed blob of at most max bytes in
 * b->data at once) or else libgit2's header; sets b->missing when neither
 * has it.  Returns what pack_read said.
 */
static int probe_blob(struct worker *wk, struct item *it, struct blob *b, uint64_t max, size_t *size,
		      git_object_t *type)
{
	uint64_t plen = 0;
	int prc = pack_read(wk->pk, it->oid.id, max, &b->data, &plen);

	*size = 0;
	*type = GIT_OBJECT_BLOB;
	if (prc == PACK_BLOB || prc == PACK_TOO_BIG)
		*size = (size_t)plen;
	else if (prc == PACK_NOT_BLOB)
		*type = GIT_OBJECT_INVALID;
	if (prc == PACK_MISS && git_odb_read_header(size, type, wk->odb, &it->oid) < 0)
		set_problem(it, b, NULL);
	return prc;
}

/*
 * Read: the blob's bytes when it is a blob within the size cap, or within
 * forbid_read_cap when a forbidding leaf reads it; its size, and whether it
 * is binary, into b->bf.
 */
static void read_blob(struct worker *wk, struct item *it, struct blob *b)
{
	uint64_t cap = wk->job->opts->max_file_size;
	int forbid = forbid_wanted(wk->job, it);
	size_t size;
	git_object_t type;
	int prc = probe_blob(wk, it, b, forbid ? forbid_read_cap(cap) : cap, &size, &type);

	if (b->missing)
		return;
	if (size > cap) {
		b->bf.size = size;
		if (!forbid)
			return;
		if (size > forbid_read_cap(cap)) {
			b->too_big = 1;
			return;
		}
	}
	if (type != GIT_OBJECT_BLOB) {
		set_problem(it, b, "object type mismatch: the tree lists a blob");
		return;
	}
	/*
	 * libgit2 applies a delta with its base, the delta and the result in
	 * memory at once (a 6 MB result over a 6 MB base: 12 MB, more for a
	 * chain); one thread at a time does so for a blob over BIG_READ, from
	 * the read until run_item frees the object, so that such reads never
	 * pile up across threads: at --jobs 4 they held 30 MB at once
	 */
	if (prc == PACK_MISS && size > BIG_READ) {
		pthread_mutex_lock(&wk->job->big_lock);
		b->big = 1;
		wk->job->big_reads++;
	}
	if (prc == PACK_MISS && git_odb_read(&b->obj, wk->odb, &it->oid) < 0) {
		set_problem(it, b, NULL);
		return;
	}
	it->read = 1;
	b->have_data = 1;
	if (b->obj) {
		b->data = git_odb_object_data(b->obj);
		b->len = git_odb_object_size(b->obj);
	} else {
		b->len = size;
	}
	b->bf.size = b->len;
	b->bf.seen = 1;
	b->bf.binary = memchr(b->data, '\0', b->len < BINARY_PROBE ? b->len : BINARY_PROBE) != NULL;
}

/*
 * 1 when some pattern of a leaf selecting the item is worth looking for
 * the blob's words: one PCRE2 does not find the starts of fast by itself.
 */
static int words_wanted(const struct scan_job *j, const struct item *it)
{
	size_t i, k;
	int wanted = 0;
	for (i = 0; i < it->nsel; i++)
		for (k = 0; j->pf_use && k < TW_N; k++)
			wanted |= j->pf_ids[it->sel[i] * TW_N + k] >= 0 && !j->pf_fast[it->sel[i] * TW_N + k] &&
				  !is_settled(j, it->sel[i]);
	return wanted;
}

/*
 * Match: the facts of the blob for every leaf that needs them (only the
 * forbidding ones when forbid_only: a binary blob, or one over the size
 * cap), keeping the old record's for the rest.
 */
static void match_blob(struct worker *wk, const struct item *it, struct blob *b, int forbid_only)
{
	const struct scan_job *j = wk->job;
	const struct rules *rs = j->rs;
	size_t i;
	int lines = 0;

	b->sj.data = b->data;
	b->sj.len = b->len;
	b->sj.ascii = twin_is_ascii(b->data, b->len);
	/* counted once, for the content marks and the leaves that want enough lines */
	for (i = 0; i < it->nsel; i++)
		lines |= rs->leaves[it->sel[i]]->min_lines > 0;
	if (!forbid_only || lines || b->old.have_lines) {
		b->bf.have_lines = 1;
		b->bf.nlines = scan_count_lines(b->data, b->len);
	}
	if (!forbid_only) {
		/* minified or generated: evidence leaves are not matched, forbidding ones are */
		b->bf.marks = scan_content_marks(b->data, b->len, b->bf.nlines);
		b->sj.generated = scan_generated(it->path, b->bf.marks);
		if (b->sj.generated)
			facts_generated_blob(wk, it);
	}
	wk->pf_wanted = words_wanted(j, it);
	for (i = 0; i < it->nsel; i++) {
		const struct leaf *l = rs->leaves[it->sel[i]];
		if (forbid_only && !l->negated)
			continue;
		if (needs_facts(l, it->exec) && !is_settled(j, l->index) && !facts_find(&b->bf, l->index))
			facts_compute(wk, l, &b->sj, b->bf.nlines, LONG_MAX, facts_add(&b->bf));
	}
	/* what earlier scans found for other leaves stays in the record */
	for (i = 0; i < b->old.nlf; i++)
		if (!facts_find(&b->bf, b->old.lf[i].leaf))
			*facts_add(&b->bf) = b->old.lf[i];
}

/*
 * Why a readable blob's contents are not matched as evidence (too large,
 * binary), into b->unreadable and it->skipped.
 */
static void note_unmatched(const struct scan_job *j, struct item *it, struct blob *b)
{
	if (b->missing)
		return;
	if (b->bf.size > j->opts->max_file_size) {
		snprintf(b->reason, sizeof(b->reason),
			 "is larger than the %llu-byte cap (%zu bytes): not content-matched",
			 (unsigned long long)j->opts->max_file_size, (size_t)b->bf.size);
		b->unreadable = b->reason;
	} else if (b->bf.binary) {
		b->unreadable = "is binary (a NUL in its first 8000 bytes): not content-matched";
	}
	if (b->unreadable)
		it->skipped = xstrdup(b->unreadable);
}

static void out_set(struct leaf_out *o, const struct leaf *l, const struct why *why, size_t line, long day, char *err)
{
	if (err) {
		o->kind = OUT_ERROR;
		o->text = err;
	} else if (why->kind != WHY_NONE) {
		if (!l->negated) {
			o->kind = OUT_NOTE;
			o->line = line;
			o->why = *why;
		}
	} else {
		o->kind = OUT_EVIDENCE;
		o->line = line;
		o->day = day;
	}
}

/* Decide: what the file does to the i-th leaf selecting it, into it->outs[i]. */
static void decide_leaf(struct worker *wk, struct item *it, const struct blob *b, size_t i)
{
	const struct scan_job *j = wk->job;
	const struct leaf *l = j->rs->leaves[it->sel[i]];
	struct leaf_out *o = &it->outs[i];
	struct facts tmp;
	struct why why;
	char *err;
	size_t line;
	long day;

	o->leaf = l->index;
	o->day = -1;
	if (is_settled(j, l->index))
		return; /* the merge ignores it */
	if (b->missing && leaf_needs_content(l)) {
		o->kind = OUT_ERROR; /* no text: the merge words it->problem */
		return;
	}
	if (l->negated && b->too_big && needs_facts(l, it->exec)) {
		uint64_t cap = j->opts->max_file_size;
		o->kind = OUT_ERROR;
		o->text = scan_msg("'%s' is %llu bytes, more than the %llu a forbidding condition reads (%d times "
				   "--max-file-size): what the rule forbids cannot be looked for in it; raise "
				   "--max-file-size to at least %llu, or keep the file out of the rule's paths",
				   it->path, (unsigned long long)b->bf.size, (unsigned long long)forbid_read_cap(cap),
				   FORBID_READ_FACTOR,
				   (unsigned long long)((b->bf.size + FORBID_READ_FACTOR - 1) / FORBID_READ_FACTOR));
		return;
	}
	/* a forbidding leaf matched binary and large blobs too: its facts decide */
	if (leaf_needs_content(l) && b->unreadable && !l->negated) {
		/* the path is selected but its text cannot be matched */
		if (l->negated || !exec_mismatch(l, it->exec)) {
			o->kind = OUT_NOTE;
			o->text = xstrdup(b->unreadable);
		}
		return;
	}
	if (!facts_decide(l, facts_find(&b->bf, l->index), &b->bf, it->exec, it->path, j->commit_day, &why, &line, &day,
			  &err)) {
		/* the cacheable dates cannot tell: look again with this commit's cutoff */
		if (!b->have_data) {
			/* not reachable: facts_complete() sends such a file to be read */
			o->kind = OUT_ERROR;
			o->text = scan_msg("cannot decide freshness of '%s'", it->path);
			return;
		}
		facts_compute(wk, l, &b->sj, b->bf.nlines, j->commit_day + 1, &tmp);
		facts_decide(l, &tmp, &b->bf, it->exec, it->path, j->commit_day, &why, &line, &day, &err);
	}
	out_set(o, l, &why, line, day, err);
}

/* Decides every leaf selecting the item from what b holds, then frees it. */
static void decide_all(struct worker *wk, struct item *it, struct blob *b)
{
	size_t i;

	it->outs = xcalloc(it->nsel ? it->nsel : 1, sizeof(*it->outs));
	for (i = 0; i < it->nsel; i++)
		decide_leaf(wk, it, b, i);
	blob_facts_free(&b->bf);
	blob_facts_free(&b->old);
	git_odb_object_free(b->obj); /* the contents are not kept past the leaves that needed them */
	if (b->big)
		pthread_mutex_unlock(&wk->job->big_lock);
}

/* An empty blob: nothing read yet, its text "" (ASCII). */
static void blob_init(struct blob *b)
{
	memset(b, 0, sizeof(*b));
	b->data = "";
	b->sj.data = "";
	b->sj.ascii = 1;
}

int run_item_cached(struct worker *wk, struct item *it)
{
	const struct scan_job *j = wk->job;
	struct blob b;
	int hit;

	/* without the cache the thread that claims the item decides it: nothing is worked out twice */
	if (!j->opts->cache)
		return 0;
	blob_init(&b);
	if (it->content && contents_wanted(j, it)) {
		hit = cache_hit(wk, it, &b);
		if (hit <= 0) {
			it->uncached = hit < 0; /* the thread that reads it need not look again */
			blob_facts_free(&b.old);
			return 0;
		}
		note_unmatched(j, it, &b);
	}
	decide_all(wk, it, &b);
	return 1;
}

void run_item(struct worker *wk, struct item *it)
{
	const struct scan_job *j = wk->job;
	struct blob b;

	blob_init(&b);
	/* every leaf that wanted the contents is settled: the blob need not be read at all */
	if (it->content && contents_wanted(j, it)) {
		if (it->uncached || cache_hit(wk, it, &b) <= 0) {
			facts_next_blob(wk, it);
			it->classed = wk->mm_class >= 0;
			read_blob(wk, it, &b);
			if (b.bf.seen)
				match_blob(wk, it, &b, b.bf.binary || b.bf.size > j->opts->max_file_size);
			if (!b.missing && j->opts->cache) {
				facts_encode(&wk->ser, &b.bf);
				cache_put(j->opts->cache, it->oid.id, wk->ser.ptr, wk->ser.len);
			}
		}
		note_unmatched(j, it, &b);
	}
	decide_all(wk, it, &b);
}

void item_free(struct item *it)
{
	size_t i;
	if (!it)
		return;
	for (i = 0; i < it->nsel && it->outs; i++)
		free(it->outs[i].text);
	free(it->outs);
	free(it->sel);
	free(it->skipped);
	free(it->problem);
	free(it->path);
	memset(it, 0, sizeof(*it));
}
