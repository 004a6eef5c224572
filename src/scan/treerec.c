/* treerec.c - folder records: encoding, checking, keys. */
#include "scan/treerec.h"

#include <stdlib.h>
#include <string.h>

#include "util/bytes.h"
#include "util/mem.h"

/*
 * A record, integers as LEB128 varints unless said:
 *   'T'  entries (u64 LE)  pruned (u64 LE)  has_attrs (u8)  attrs (20 bytes, zero without)  tree (20)
 *   then per entry: kind (u8)  namelen  name  and by kind
 *     file, link: blob (20)  flags (u8: 1 exec)  nsel  first leaf  then each gap - 1
 *     dir:        tree (20)
 *     the rest:   nothing
 * The counts are fixed-width so that treerec_end can write them last.
 */
#define TAG  'T'
#define HEAD (1 + 8 + 8 + 1 + 2 * GIT_OID_RAWSZ)

/* Reads one entry at *p; -1 when it does not check out. */
static int read_entry(const unsigned char **p, const unsigned char *end, size_t nleaves, struct treerec_entry *e)
{
	uint64_t v, n, i, leaf;

	memset(e, 0, sizeof(*e));
	if (*p >= end)
		return -1;
	e->kind = (enum treerec_kind) * (*p)++;
	if (e->kind < TREC_FILE || e->kind > TREC_PRUNED)
		return -1;
	if (buf_get_varint(p, end, &n) < 0 || n == 0 || n > (uint64_t)(end - *p))
		return -1;
	e->name = (const char *)*p;
	e->namelen = (size_t)n;
	if (memchr(e->name, '/', e->namelen) || memchr(e->name, '\0', e->namelen))
		return -1;
	*p += n;
	if (e->kind != TREC_FILE && e->kind != TREC_LINK && e->kind != TREC_DIR)
		return 0;
	if ((size_t)(end - *p) < GIT_OID_RAWSZ)
		return -1;
	git_oid_fromraw(&e->oid, *p);
	*p += GIT_OID_RAWSZ;
	if (e->kind == TREC_DIR)
		return 0;
	if (*p >= end || **p > 1)
		return -1;
	e->exec = **p & 1;
	(*p)++;
	if (buf_get_varint(p, end, &n) < 0 || n == 0 || n > nleaves)
		return -1;
	e->nsel = (size_t)n;
	e->sel = *p;
	for (i = 0, leaf = 0; i < n; i++) {
		if (buf_get_varint(p, end, &v) < 0 || v >= nleaves - leaf)
			return -1;
		leaf += v + (i > 0); /* strictly ascending, below nleaves */
		if (leaf >= nleaves)
			return -1;
	}
	return 0;
}

int treerec_parse(struct treerec *r, const unsigned char *rec, size_t len, size_t nleaves)
{
	const unsigned char *p, *end = rec + len;
	struct treerec_entry e;

	memset(r, 0, sizeof(*r));
	if (!rec || len < HEAD || rec[0] != TAG || rec[17] > 1)
		return -1;
	r->entries = (size_t)le_get64(rec + 1);
	r->pruned = (size_t)le_get64(rec + 9);
	r->has_attrs = rec[17];
	git_oid_fromraw(&r->attrs, rec + 18);
	git_oid_fromraw(&r->tree, rec + 18 + GIT_OID_RAWSZ);
	for (p = rec + HEAD; p < end;)
		if (read_entry(&p, end, nleaves, &e) < 0)
			return -1;
	r->p = rec + HEAD;
	r->end = end;
	return 0;
}

int treerec_next(struct treerec *r, struct treerec_entry *e)
{
	if (r->p >= r->end)
		return 0;
	/* checked by treerec_parse: cannot fail; the leaf count only bounds it there */
	return read_entry(&r->p, r->end, SIZE_MAX, e) == 0;
}

void treerec_sel(const struct treerec_entry *e, size_t *out)
{
	const unsigned char *p = e->sel;
	uint64_t v, leaf = 0;
	size_t i;
	for (i = 0; i < e->nsel; i++) {
		(void)buf_get_varint(&p, p + 10, &v);
		leaf += v + (i > 0);
		out[i] = (size_t)leaf;
	}
}

int treerec_class(enum treerec_kind kind)
{
	switch (kind) {
	case TREC_SUBMODULE:
	case TREC_NONE_SUBMODULE:
		return 'c';
	case TREC_DIR:
	case TREC_PRUNED:
		return 't';
	default:
		return 'b';
	}
}

void treerec_names_load(struct treerec_names *nm, struct treerec *r)
{
	struct treerec_entry e;
	size_t cap = 0;
	memset(nm, 0, sizeof(*nm));
	while (treerec_next(r, &e)) {
		XGROW(nm->e, cap, nm->n + 1);
		nm->e[nm->n++] = e;
	}
}

static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int d = memcmp(a, b, alen < blen ? alen : blen);
	return d ? d : (alen > blen) - (alen < blen);
}

static int by_name(const void *x, const void *y)
{
	const struct treerec_name *a = x, *b = y;
	return name_cmp(a->name, a->len, b->name, b->len);
}

const struct treerec_entry *treerec_names_find(struct treerec_names *nm, const char *name, size_t len)
{
	size_t lo = 0, hi = nm->n, i;
	if (nm->next < nm->n && !name_cmp(nm->e[nm->next].name, nm->e[nm->next].namelen, name, len))
		return &nm->e[nm->next++];
	if (!nm->by_name && nm->n) {
		nm->by_name = xmalloc(nm->n * sizeof(*nm->by_name));
		for (i = 0; i < nm->n; i++) {
			nm->by_name[i].name = nm->e[i].name;
			nm->by_name[i].len = nm->e[i].namelen;
			nm->by_name[i].at = i;
		}
		qsort(nm->by_name, nm->n, sizeof(*nm->by_name), by_name);
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct treerec_name *b = &nm->by_name[mid];
		int d = name_cmp(b->name, b->len, name, len);
		if (d == 0) {
			nm->next = b->at + 1;
			return &nm->e[b->at];
		}
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void treerec_names_free(struct treerec_names *nm)
{
	if (!nm)
		return;
	free(nm->e);
	free(nm->by_name);
	memset(nm, 0, sizeof(*nm));
}

void treerec_begin(struct buf *b, const git_oid *tree, const git_oid *attrs)
{
	unsigned char head[HEAD];
	memset(head, 0, sizeof(head));
	head[0] = TAG;
	if (attrs) {
		head[17] = 1;
		memcpy(head + 18, attrs->id, GIT_OID_RAWSZ);
	}
	memcpy(head + 18 + GIT_OID_RAWSZ, tree->id, GIT_OID_RAWSZ);
	buf_clear(b);
	buf_put(b, (const char *)head, sizeof(head));
}

void treerec_put(struct buf *b, const struct treerec_entry *e, const size_t *sel)
{
	size_t i;
	buf_putc(b, (char)e->kind);
	buf_put_varint(b, e->namelen);
	buf_put(b, e->name, e->namelen);
	if (e->kind != TREC_FILE && e->kind != TREC_LINK && e->kind != TREC_DIR)
		return;
	buf_put(b, (const char *)e->oid.id, GIT_OID_RAWSZ);
	if (e->kind == TREC_DIR)
		return;
	buf_putc(b, (char)(e->exec ? 1 : 0));
	buf_put_varint(b, e->nsel);
	for (i = 0; i < e->nsel; i++)
		buf_put_varint(b, i ? sel[i] - sel[i - 1] - 1 : sel[0]);
}

void treerec_end(struct buf *b, size_t entries, size_t pruned)
{
	if (b->len < HEAD)
		return;
	le_put64((unsigned char *)b->ptr + 1, entries);
	le_put64((unsigned char *)b->ptr + 9, pruned);
}

void treerec_ctx(git_oid *out, const git_oid *above, const git_oid *attrs)
{
	unsigned char both[2 * GIT_OID_RAWSZ];
	if (!attrs) {
		git_oid_cpy(out, above);
		return;
	}
	memcpy(both, above->id, GIT_OID_RAWSZ);
	memcpy(both + GIT_OID_RAWSZ, attrs->id, GIT_OID_RAWSZ);
	git_odb_hash(out, both, sizeof(both), GIT_OBJECT_BLOB);
}

void treerec_key(unsigned char out[GIT_OID_RAWSZ], struct buf *scratch, const git_oid *ctx, const char *dir, size_t len)
{
	git_oid k;
	buf_clear(scratch);
	buf_puts(scratch, "proofgate folder\n");
	buf_put(scratch, (const char *)ctx->id, GIT_OID_RAWSZ);
	buf_put(scratch, dir, len);
	/*
	 * hashed as a tree object: a blob id (the key of a blob's own record)
	 * is the hash of "blob ..." and can never be one of these
	 */
	git_odb_hash(&k, scratch->ptr, scratch->len, GIT_OBJECT_TREE);
	memcpy(out, k.id, GIT_OID_RAWSZ);
}
