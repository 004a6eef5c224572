/* treerec.c - folder records: encoding, checking, keys. */
#include "scan/treerec.h"

#include <stdlib.h>
#include <string.h>

#include "util/bytes.h"
#include "util/mem.h"

/*
 * A record, integers as LEB128 varints unless said:
 *   'T'  tree (20)
 *   then per entry, every entry of the tree in its order:
 *     kind (u8)  mode  namelen  name  object id (20)
 *     and for a file or link: nsel  first leaf  then each gap - 1
 * Nothing else is stored: the counts and the .gitattributes come from the
 * entries, which must hash to the tree (treerec_parse).
 */
#define TAG  'T'
#define HEAD (1 + GIT_OID_RAWSZ)

#define MODE_TYPE(m) ((m)&0170000u)

git_object_t treerec_type(unsigned mode)
{
	if (MODE_TYPE(mode) == 0160000u)
		return GIT_OBJECT_COMMIT;
	if (MODE_TYPE(mode) == 0040000u)
		return GIT_OBJECT_TREE;
	return GIT_OBJECT_BLOB;
}

git_filemode_t treerec_filemode(unsigned mode)
{
	/* libgit2's normalisation, in its order: any executable bit wins over a link or a submodule */
	if (MODE_TYPE(mode) == 0040000u)
		return GIT_FILEMODE_TREE;
	if (mode & 0100u)
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	if (MODE_TYPE(mode) == 0160000u)
		return GIT_FILEMODE_COMMIT;
	if (MODE_TYPE(mode) == 0120000u)
		return GIT_FILEMODE_LINK;
	return GIT_FILEMODE_BLOB;
}

/* 1 when an entry of this kind can have this mode (the walk chose the kind from it). */
static int kind_fits(enum treerec_kind kind, unsigned mode)
{
	git_object_t t = treerec_type(mode);
	switch (kind) {
	case TREC_FILE:
		return t == GIT_OBJECT_BLOB && treerec_filemode(mode) != GIT_FILEMODE_LINK;
	case TREC_LINK:
		return t == GIT_OBJECT_BLOB && treerec_filemode(mode) == GIT_FILEMODE_LINK;
	case TREC_NONE:
		return t == GIT_OBJECT_BLOB;
	case TREC_SUBMODULE:
	case TREC_NONE_SUBMODULE:
		return t == GIT_OBJECT_COMMIT;
	default:
		return t == GIT_OBJECT_TREE;
	}
}

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
	/* six octal digits at most, as git writes them */
	if (buf_get_varint(p, end, &v) < 0 || v == 0 || v > 0777777 || !kind_fits(e->kind, (unsigned)v))
		return -1;
	e->mode = (unsigned)v;
	if (buf_get_varint(p, end, &n) < 0 || n == 0 || n > (uint64_t)(end - *p))
		return -1;
	e->name = (const char *)*p;
	e->namelen = (size_t)n;
	if (memchr(e->name, '/', e->namelen) || memchr(e->name, '\0', e->namelen))
		return -1;
	*p += n;
	if ((size_t)(end - *p) < GIT_OID_RAWSZ)
		return -1;
	git_oid_fromraw(&e->oid, *p);
	*p += GIT_OID_RAWSZ;
	e->exec = treerec_filemode(e->mode) == GIT_FILEMODE_BLOB_EXECUTABLE;
	if (e->kind != TREC_FILE && e->kind != TREC_LINK)
		return 0;
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
	struct buf tree = BUF_INIT;
	struct treerec out;
	git_oid got;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&out, 0, sizeof(out));
	if (!rec || len < HEAD || rec[0] != TAG)
		return -1;
	git_oid_fromraw(&out.tree, rec + 1);
	/* the tree object these entries make, as git writes it: "MODE NAME\0ID" each, mode in octal */
	for (p = rec + HEAD; p < end;) {
		if (read_entry(&p, end, nleaves, &e) < 0)
			goto done;
		buf_printf(&tree, "%o ", e.mode);
		buf_put(&tree, e.name, e.namelen);
		buf_putc(&tree, '\0');
		buf_put(&tree, (const char *)e.oid.id, GIT_OID_RAWSZ);
		out.entries++;
		out.pruned += e.kind == TREC_PRUNED;
		/* as linguist_attrs_of reads a tree: the entry of that name, when it is a blob */
		if (e.namelen == 14 && !memcmp(e.name, ".gitattributes", 14) &&
		    treerec_type(e.mode) == GIT_OBJECT_BLOB) {
			out.has_attrs = 1;
			git_oid_cpy(&out.attrs, &e.oid);
		}
	}
	if (git_odb_hash(&got, tree.len ? tree.ptr : "", tree.len, GIT_OBJECT_TREE) < 0 ||
	    !git_oid_equal(&got, &out.tree))
		goto done;
	out.p = rec + HEAD;
	out.end = end;
	*r = out;
	rc = 0;
done:
	buf_free(&tree);
	return rc;
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

void treerec_begin(struct buf *b, const git_oid *tree)
{
	buf_clear(b);
	buf_putc(b, TAG);
	buf_put(b, (const char *)tree->id, GIT_OID_RAWSZ);
}

void treerec_put(struct buf *b, const struct treerec_entry *e, const size_t *sel)
{
	size_t i;
	buf_putc(b, (char)e->kind);
	buf_put_varint(b, e->mode);
	buf_put_varint(b, e->namelen);
	buf_put(b, e->name, e->namelen);
	buf_put(b, (const char *)e->oid.id, GIT_OID_RAWSZ);
	if (e->kind != TREC_FILE && e->kind != TREC_LINK)
		return;
	buf_put_varint(b, e->nsel);
	for (i = 0; i < e->nsel; i++)
		buf_put_varint(b, i ? sel[i] - sel[i - 1] - 1 : sel[0]);
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
