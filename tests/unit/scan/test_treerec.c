/* test_treerec.c - folder records: round trip, what a record must not be, lookups by name, keys and contexts. */
#include "helpers.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "scan/treerec.h"

/* an object id whose bytes all derive from n */
static void oid_of(git_oid *out, unsigned n)
{
	unsigned char raw[GIT_OID_RAWSZ];
	size_t i;
	for (i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)(n * 37u + i * 11u + 1u);
	git_oid_fromraw(out, raw);
}

struct spec {
	enum treerec_kind kind;
	const char *name;
	unsigned oid; /* oid_of(oid) for file, link, dir */
	int exec;
	size_t nsel;
	size_t sel[4];
};

/* one entry of every kind, files with each flag on its own and leaves up to 200 (a two-byte varint) */
static const struct spec SPECS[] = {
	{TREC_FILE, "a.c", 1, 1, 4, {0, 3, 4, 200}},
	{TREC_FILE, "b.txt", 2, 0, 1, {7}},
	{TREC_FILE, "run.sh", 3, 1, 3, {5, 6, 199}},
	{TREC_FILE, "doc.md", 4, 0, 1, {0}},
	{TREC_LINK, "link", 5, 0, 2, {1, 2}},
	{TREC_NONE, "none.bin", 0, 0, 0, {0}},
	{TREC_SUBMODULE, "sub", 0, 0, 0, {0}},
	{TREC_NONE_SUBMODULE, "sub-skipped", 0, 0, 0, {0}},
	{TREC_DIR, "dir", 6, 0, 0, {0}},
	{TREC_PRUNED, "pruned", 0, 0, 0, {0}},
};
#define NSPECS	(sizeof(SPECS) / sizeof(SPECS[0]))
#define ENTRIES ((size_t)0x01020304)
#define PRUNED	((size_t)0x0a0b)

static void entry_of(struct treerec_entry *e, const struct spec *s)
{
	memset(e, 0, sizeof(*e));
	e->kind = s->kind;
	e->name = s->name;
	e->namelen = strlen(s->name);
	if (s->oid)
		oid_of(&e->oid, s->oid);
	e->exec = s->exec;
	e->nsel = s->nsel;
}

/*
 * Builds the record of SPECS into b; bounds[i] is where entry i starts
 * (bounds[0] the end of the header), bounds[NSPECS] the record's length.
 */
static void build(struct buf *b, const git_oid *tree, const git_oid *attrs, size_t bounds[NSPECS + 1])
{
	struct treerec_entry e;
	size_t i;
	treerec_begin(b, tree, attrs);
	for (i = 0; i < NSPECS; i++) {
		bounds[i] = b->len;
		entry_of(&e, &SPECS[i]);
		treerec_put(b, &e, SPECS[i].sel);
	}
	bounds[NSPECS] = b->len;
	treerec_end(b, ENTRIES, PRUNED);
}

static int parse_buf(struct treerec *r, const struct buf *b, size_t len, size_t nleaves)
{
	return treerec_parse(r, (const unsigned char *)b->ptr, len, nleaves);
}

/* Reads every entry of r and checks it against SPECS[0..n). */
static void check_entries(struct treerec *r, size_t n)
{
	struct treerec_entry e;
	size_t i, k, got[4];
	git_oid want, zero;

	memset(&zero, 0, sizeof(zero));
	for (i = 0; i < n; i++) {
		const struct spec *s = &SPECS[i];
		assert_int_equal(treerec_next(r, &e), 1);
		assert_int_equal(e.kind, s->kind);
		assert_int_equal(e.namelen, strlen(s->name));
		assert_memory_equal(e.name, s->name, e.namelen);
		if (s->oid)
			oid_of(&want, s->oid);
		else
			want = zero;
		assert_true(git_oid_equal(&e.oid, &want));
		assert_int_equal(e.exec, s->exec);
		assert_int_equal(e.nsel, s->nsel);
		if (s->nsel) {
			assert_non_null(e.sel);
			memset(got, 0xff, sizeof(got));
			treerec_sel(&e, got);
			for (k = 0; k < s->nsel; k++)
				assert_int_equal(got[k], s->sel[k]);
		}
	}
	assert_int_equal(treerec_next(r, &e), 0);
	assert_int_equal(treerec_next(r, &e), 0);
}

static void test_round_trip(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree, attrs;
	size_t bounds[NSPECS + 1];

	(void)state;
	oid_of(&tree, 100);
	oid_of(&attrs, 200);
	build(&b, &tree, &attrs, bounds);
	assert_int_equal(b.len, bounds[NSPECS]);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(r.entries, ENTRIES);
	assert_int_equal(r.pruned, PRUNED);
	assert_int_equal(r.has_attrs, 1);
	assert_true(git_oid_equal(&r.attrs, &attrs));
	assert_true(git_oid_equal(&r.tree, &tree));
	check_entries(&r, NSPECS);
	buf_free(&b);
}

static void test_round_trip_without_attrs(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree, zero;
	size_t bounds[NSPECS + 1];

	(void)state;
	memset(&zero, 0, sizeof(zero));
	oid_of(&tree, 101);
	build(&b, &tree, NULL, bounds);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(r.has_attrs, 0);
	assert_true(git_oid_equal(&r.attrs, &zero));
	assert_true(git_oid_equal(&r.tree, &tree));
	assert_int_equal(r.entries, ENTRIES);
	assert_int_equal(r.pruned, PRUNED);
	check_entries(&r, NSPECS);

	/* begin clears what the buffer held: an empty folder's record */
	treerec_begin(&b, &tree, NULL);
	treerec_end(&b, 0, 0);
	assert_int_equal(b.len, bounds[0]);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), 0);
	assert_int_equal(r.entries, 0);
	check_entries(&r, 0);
	buf_free(&b);
}

static void test_truncations_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree, attrs;
	size_t bounds[NSPECS + 1], len, k;

	(void)state;
	oid_of(&tree, 100);
	oid_of(&attrs, 200);
	build(&b, &tree, &attrs, bounds);
	for (len = 0; len < b.len; len++) {
		/* cut exactly where an entry starts: a valid record of the entries before */
		for (k = 0; k <= NSPECS && bounds[k] != len; k++)
			;
		if (k <= NSPECS) {
			assert_int_equal(parse_buf(&r, &b, len, 201), 0);
			assert_true(git_oid_equal(&r.tree, &tree));
			check_entries(&r, k);
		} else if (parse_buf(&r, &b, len, 201) != -1) {
			fail_msg("a record cut to %zu of %zu bytes was accepted", len, b.len);
		}
	}
	/* no record at all */
	assert_int_equal(treerec_parse(&r, NULL, 0, 201), -1);
	buf_free(&b);
}

static void test_leaf_out_of_range_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	struct treerec_entry e;
	git_oid tree;
	size_t bounds[NSPECS + 1], one = 0, dup[2] = {3, 3};

	(void)state;
	oid_of(&tree, 100);
	build(&b, &tree, NULL, bounds);
	/* leaf 200 is used: 201 leaves hold it, 200 do not */
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 200), -1);
	assert_int_equal(parse_buf(&r, &b, b.len, 4), -1);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), -1);

	/* a lone leaf 0 needs one leaf */
	entry_of(&e, &SPECS[3]);
	treerec_begin(&b, &tree, NULL);
	treerec_put(&b, &e, &one);
	treerec_end(&b, 1, 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), -1);

	/* leaves not strictly ascending */
	entry_of(&e, &SPECS[0]);
	e.nsel = 2;
	treerec_begin(&b, &tree, NULL);
	treerec_put(&b, &e, dup);
	treerec_end(&b, 1, 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	buf_free(&b);
}

/* Parses a record of the one entry e (sel: its leaves) with 10 leaves. */
static int parse_one(const struct treerec_entry *e, const size_t *sel)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree;
	int rc;
	oid_of(&tree, 7);
	treerec_begin(&b, &tree, NULL);
	treerec_put(&b, e, sel);
	treerec_end(&b, 1, 0);
	rc = parse_buf(&r, &b, b.len, 10);
	buf_free(&b);
	return rc;
}

static void test_bad_names_rejected(void **state)
{
	static const enum treerec_kind kinds[] = {
		TREC_FILE, TREC_LINK, TREC_NONE, TREC_SUBMODULE, TREC_NONE_SUBMODULE, TREC_DIR, TREC_PRUNED,
	};
	struct treerec_entry e;
	size_t sel[1] = {2}, i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.kind = kinds[i];
		oid_of(&e.oid, 9);
		e.nsel = kinds[i] == TREC_FILE || kinds[i] == TREC_LINK;
		e.name = "ok.txt";
		e.namelen = 6;
		assert_int_equal(parse_one(&e, sel), 0);
		e.name = "a/b";
		e.namelen = 3;
		assert_int_equal(parse_one(&e, sel), -1);
		e.name = "a\0b";
		e.namelen = 3;
		assert_int_equal(parse_one(&e, sel), -1);
		e.name = "/";
		e.namelen = 1;
		assert_int_equal(parse_one(&e, sel), -1);
		e.name = "x";
		e.namelen = 0;
		assert_int_equal(parse_one(&e, sel), -1);
	}
}

static void test_no_leaves_rejected(void **state)
{
	struct treerec_entry e;
	size_t sel[1] = {2};

	(void)state;
	entry_of(&e, &SPECS[1]);
	assert_int_equal(parse_one(&e, sel), 0);
	e.nsel = 0;
	assert_int_equal(parse_one(&e, sel), -1);
	entry_of(&e, &SPECS[4]);
	e.nsel = 1;
	assert_int_equal(parse_one(&e, sel), 0);
	e.nsel = 0;
	assert_int_equal(parse_one(&e, sel), -1);
}

static void test_bad_bytes_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree, attrs;
	size_t bounds[NSPECS + 1], k, flags;
	unsigned char *p;
	unsigned char kind;

	(void)state;
	oid_of(&tree, 100);
	oid_of(&attrs, 200);
	build(&b, &tree, &attrs, bounds);
	p = (unsigned char *)b.ptr;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);

	/* the tag */
	assert_int_equal(p[0], 'T');
	p[0] = 't';
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[0] = 0;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[0] = 'T';

	/* has_attrs (byte 17: after the tag and the two counts) is 0 or 1 */
	assert_int_equal(p[17], 1);
	p[17] = 2;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[17] = 0xff;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[17] = 0;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(r.has_attrs, 0);
	p[17] = 1;

	/* unknown kinds, in the first entry and in a later one */
	for (k = 0; k < NSPECS; k += NSPECS - 1) {
		kind = p[bounds[k]];
		assert_int_equal(kind, SPECS[k].kind);
		p[bounds[k]] = 0;
		assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
		p[bounds[k]] = 8;
		assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
		p[bounds[k]] = 0xff;
		assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
		p[bounds[k]] = kind;
		assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	}

	/* a file's flags: only exec (1); what the leaves read is worked out from them, never trusted */
	flags = bounds[1] + 1 + 1 + strlen(SPECS[1].name) + GIT_OID_RAWSZ;
	assert_int_equal(p[flags], 0);
	p[flags] = 1;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	p[flags] = 2;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[flags] = 4;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[flags] = 0;

	/* a byte after the last entry is an entry that does not check out */
	buf_putc(&b, (char)TREC_NONE);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	buf_free(&b);
}

/* A record of n entries named by name(i), in that order, kinds cycling; parsed into r (b holds it). */
static void build_names(struct buf *b, struct treerec *r, size_t n, void (*name)(char *, size_t, size_t),
			char (*names)[32])
{
	static const enum treerec_kind kinds[] = {
		TREC_FILE, TREC_NONE, TREC_DIR, TREC_PRUNED, TREC_LINK, TREC_SUBMODULE,
	};
	struct treerec_entry e;
	git_oid tree;
	size_t i, sel[1] = {0};

	oid_of(&tree, 3);
	treerec_begin(b, &tree, NULL);
	for (i = 0; i < n; i++) {
		name(names[i], 32, i);
		memset(&e, 0, sizeof(e));
		e.kind = kinds[i % (sizeof(kinds) / sizeof(kinds[0]))];
		e.name = names[i];
		e.namelen = strlen(names[i]);
		oid_of(&e.oid, (unsigned)i);
		e.nsel = e.kind == TREC_FILE || e.kind == TREC_LINK;
		treerec_put(b, &e, sel);
	}
	treerec_end(b, n, 0);
	assert_int_equal(parse_buf(r, b, b->len, 1), 0);
}

static void short_name(char *out, size_t cap, size_t i)
{
	static const char *const v[] = {"a", "ab", "abc", "b", "b.c", "c", "z"};
	snprintf(out, cap, "%s", v[i]);
}

/* finds names[i] and checks that the entry found is the i-th */
static void find_ok(struct treerec_names *nm, char (*names)[32], size_t i)
{
	const struct treerec_entry *e = treerec_names_find(nm, names[i], strlen(names[i]));
	assert_non_null(e);
	assert_ptr_equal(e, &nm->e[i]);
	assert_int_equal(e->namelen, strlen(names[i]));
	assert_memory_equal(e->name, names[i], e->namelen);
	/* the cursor now expects the entry after it */
	assert_int_equal(nm->next, i + 1);
}

static void test_names_in_order(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	struct treerec_names nm;
	char names[7][32];
	size_t i;

	(void)state;
	build_names(&b, &r, 7, short_name, names);
	treerec_names_load(&nm, &r);
	assert_int_equal(nm.n, 7);
	for (i = 0; i < 7; i++)
		find_ok(&nm, names, i);
	/* every one found by the cursor: no index was needed */
	assert_null(nm.by_name);
	treerec_names_free(&nm);
	buf_free(&b);
}

static void test_names_missing_and_out_of_order(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	struct treerec_names nm;
	char names[7][32];
	size_t i;

	(void)state;
	build_names(&b, &r, 7, short_name, names);

	/* names that are not there, some prefixes or extensions of those that are */
	treerec_names_load(&nm, &r);
	assert_null(treerec_names_find(&nm, "abcd", 4));
	assert_null(treerec_names_find(&nm, "aa", 2));
	assert_null(treerec_names_find(&nm, "", 0));
	assert_null(treerec_names_find(&nm, "0", 1));
	assert_null(treerec_names_find(&nm, "zz", 2));
	assert_null(treerec_names_find(&nm, "b.", 2));
	/* only len bytes of the name count */
	assert_ptr_equal(treerec_names_find(&nm, "abx", 2), &nm.e[1]);
	assert_ptr_equal(treerec_names_find(&nm, "b.cd", 3), &nm.e[4]);
	treerec_names_free(&nm);

	/* reverse order: binary search each time */
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	treerec_names_load(&nm, &r);
	for (i = 7; i-- > 0;)
		find_ok(&nm, names, i);
	treerec_names_free(&nm);

	/* a miss, then the tree goes on in the record's order */
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	treerec_names_load(&nm, &r);
	find_ok(&nm, names, 0);
	find_ok(&nm, names, 1);
	assert_null(treerec_names_find(&nm, "abb", 3));
	for (i = 2; i < 7; i++)
		find_ok(&nm, names, i);
	/* a jump ahead, then the cursor follows from there, and back again */
	treerec_names_free(&nm);
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	treerec_names_load(&nm, &r);
	find_ok(&nm, names, 3);
	find_ok(&nm, names, 4);
	find_ok(&nm, names, 0);
	find_ok(&nm, names, 6);
	find_ok(&nm, names, 1);
	treerec_names_free(&nm);
	/* an empty record finds nothing */
	treerec_begin(&b, &r.tree, NULL);
	treerec_end(&b, 0, 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	treerec_names_load(&nm, &r);
	assert_int_equal(nm.n, 0);
	assert_null(treerec_names_find(&nm, "a", 1));
	treerec_names_free(&nm);
	buf_free(&b);
}

/* "entry-0" ... "entry-1999": the record's order is not the names' byte order */
static void numbered_name(char *out, size_t cap, size_t i)
{
	snprintf(out, cap, "entry-%zu", i);
}

#define BIG 2000

static void test_names_big_folder_shuffled(void **state)
{
	static char names[BIG][32];
	struct buf b = BUF_INIT;
	struct treerec r;
	struct treerec_names nm;
	size_t order[BIG], i, j, t;
	uint32_t seed = 12345;

	(void)state;
	build_names(&b, &r, BIG, numbered_name, names);
	treerec_names_load(&nm, &r);
	assert_int_equal(nm.n, BIG);
	for (i = 0; i < BIG; i++)
		order[i] = i;
	for (i = BIG - 1; i > 0; i--) {
		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < BIG; i++) {
		find_ok(&nm, names, order[i]);
		if (i % 100 == 0)
			assert_null(treerec_names_find(&nm, "entry-2000", 10));
	}
	assert_null(treerec_names_find(&nm, "entry-", 6));
	assert_null(treerec_names_find(&nm, "entry-19999", 11));
	treerec_names_free(&nm);
	buf_free(&b);
}

static void key_of(unsigned char out[GIT_OID_RAWSZ], struct buf *scratch, const git_oid *ctx, const char *dir,
		   size_t len)
{
	/* what the scratch buffer held before must not matter */
	buf_clear(scratch);
	buf_puts(scratch, "left over from before");
	treerec_key(out, scratch, ctx, dir, len);
}

static void test_key(void **state)
{
	struct buf s = BUF_INIT;
	unsigned char k[GIT_OID_RAWSZ], other[GIT_OID_RAWSZ];
	git_oid c1, c2, blob;

	(void)state;
	oid_of(&c1, 1);
	oid_of(&c2, 2);
	treerec_key(k, &s, &c1, "src/", 4);

	/* the same inputs, the same key, whatever the scratch buffer held */
	key_of(other, &s, &c1, "src/", 4);
	assert_memory_equal(k, other, GIT_OID_RAWSZ);
	/* only len bytes of the path count */
	key_of(other, &s, &c1, "src/lib/", 4);
	assert_memory_equal(k, other, GIT_OID_RAWSZ);

	/* another context, another path, another length */
	key_of(other, &s, &c2, "src/", 4);
	assert_memory_not_equal(k, other, GIT_OID_RAWSZ);
	key_of(other, &s, &c1, "lib/", 4);
	assert_memory_not_equal(k, other, GIT_OID_RAWSZ);
	key_of(other, &s, &c1, "src/", 3);
	assert_memory_not_equal(k, other, GIT_OID_RAWSZ);
	key_of(other, &s, &c1, "src/lib/", 8);
	assert_memory_not_equal(k, other, GIT_OID_RAWSZ);
	key_of(other, &s, &c1, "", 0);
	assert_memory_not_equal(k, other, GIT_OID_RAWSZ);

	/* never a blob's id: not the hash of the same bytes as a blob */
	key_of(k, &s, &c1, "src/", 4);
	assert_true(s.len > 4);
	assert_int_equal(git_odb_hash(&blob, s.ptr, s.len, GIT_OBJECT_BLOB), 0);
	assert_memory_not_equal(k, blob.id, GIT_OID_RAWSZ);
	key_of(k, &s, &c1, "", 0);
	assert_int_equal(git_odb_hash(&blob, s.ptr, s.len, GIT_OBJECT_BLOB), 0);
	assert_memory_not_equal(k, blob.id, GIT_OID_RAWSZ);
	buf_free(&s);
}

static void test_ctx(void **state)
{
	git_oid above, a1, a2, out, again, zero;

	(void)state;
	oid_of(&above, 10);
	oid_of(&a1, 11);
	oid_of(&a2, 12);
	memset(&zero, 0, sizeof(zero));

	/* no .gitattributes: the context above, unchanged */
	memset(&out, 0xee, sizeof(out));
	treerec_ctx(&out, &above, NULL);
	assert_true(git_oid_equal(&out, &above));
	treerec_ctx(&out, &zero, NULL);
	assert_true(git_oid_equal(&out, &zero));

	/* one: a new context, its own for each attrs blob and each context above */
	treerec_ctx(&out, &above, &a1);
	assert_false(git_oid_equal(&out, &above));
	assert_false(git_oid_equal(&out, &a1));
	treerec_ctx(&again, &above, &a1);
	assert_true(git_oid_equal(&out, &again));
	treerec_ctx(&again, &above, &a2);
	assert_false(git_oid_equal(&out, &again));
	treerec_ctx(&again, &zero, &a1);
	assert_false(git_oid_equal(&out, &again));
	/* which is above and which is the folder's own matters */
	treerec_ctx(&out, &a1, &above);
	treerec_ctx(&again, &above, &a1);
	assert_false(git_oid_equal(&out, &again));
	/* the root's context with a .gitattributes differs from the root's without */
	treerec_ctx(&out, &zero, &a1);
	assert_false(git_oid_equal(&out, &zero));
}

static void test_class(void **state)
{
	(void)state;
	assert_int_equal(treerec_class(TREC_FILE), 'b');
	assert_int_equal(treerec_class(TREC_LINK), 'b');
	assert_int_equal(treerec_class(TREC_NONE), 'b');
	assert_int_equal(treerec_class(TREC_SUBMODULE), 'c');
	assert_int_equal(treerec_class(TREC_NONE_SUBMODULE), 'c');
	assert_int_equal(treerec_class(TREC_DIR), 't');
	assert_int_equal(treerec_class(TREC_PRUNED), 't');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_without_attrs),
		cmocka_unit_test(test_truncations_rejected),
		cmocka_unit_test(test_leaf_out_of_range_rejected),
		cmocka_unit_test(test_bad_names_rejected),
		cmocka_unit_test(test_no_leaves_rejected),
		cmocka_unit_test(test_bad_bytes_rejected),
		cmocka_unit_test(test_names_in_order),
		cmocka_unit_test(test_names_missing_and_out_of_order),
		cmocka_unit_test(test_names_big_folder_shuffled),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_ctx),
		cmocka_unit_test(test_class),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
