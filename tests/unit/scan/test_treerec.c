/* test_treerec.c - folder records: round trip, a record proves its tree, what a record must not be, lookups by name,
 * keys and contexts. */
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
	unsigned mode;
	unsigned oid; /* oid_of(oid) */
	size_t nsel;
	size_t sel[4];
};

/* a .gitattributes first, then one entry of every kind, leaves up to 200 (a two-byte varint) */
static const struct spec SPECS[] = {
	{TREC_NONE, ".gitattributes", 0100644, 11, 0, {0}},
	{TREC_FILE, "a.c", 0100755, 1, 4, {0, 3, 4, 200}},
	{TREC_FILE, "b.txt", 0100644, 2, 1, {7}},
	{TREC_FILE, "run.sh", 0100755, 3, 3, {5, 6, 199}},
	{TREC_FILE, "doc.md", 0100664, 4, 1, {0}},
	{TREC_LINK, "link", 0120000, 5, 2, {1, 2}},
	{TREC_NONE, "none.bin", 0100644, 12, 0, {0}},
	{TREC_SUBMODULE, "sub", 0160000, 13, 0, {0}},
	{TREC_NONE_SUBMODULE, "sub-skipped", 0160000, 14, 0, {0}},
	{TREC_DIR, "dir", 040000, 6, 0, {0}},
	{TREC_PRUNED, "pruned", 040000, 15, 0, {0}},
};
#define NSPECS (sizeof(SPECS) / sizeof(SPECS[0]))

static void entry_of(struct treerec_entry *e, const struct spec *s)
{
	memset(e, 0, sizeof(*e));
	e->kind = s->kind;
	e->name = s->name;
	e->namelen = strlen(s->name);
	e->mode = s->mode;
	oid_of(&e->oid, s->oid);
	e->nsel = s->nsel;
}

/* The id of the tree holding entries e[0..n), as git hashes one (written here, not by treerec.c). */
static void tree_id(git_oid *out, const struct treerec_entry *e, size_t n)
{
	struct buf t = BUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		buf_printf(&t, "%o ", e[i].mode);
		buf_put(&t, e[i].name, e[i].namelen);
		buf_putc(&t, '\0');
		buf_put(&t, (const char *)e[i].oid.id, GIT_OID_RAWSZ);
	}
	assert_int_equal(git_odb_hash(out, t.len ? t.ptr : "", t.len, GIT_OBJECT_TREE), 0);
	buf_free(&t);
}

/* A record of e[0..n) (sels[i]: entry i's leaves) for the tree they make, into b; that tree into *tree. */
static void seal(struct buf *b, git_oid *tree, const struct treerec_entry *e, const size_t *const *sels, size_t n)
{
	size_t i;
	tree_id(tree, e, n);
	treerec_begin(b, tree);
	for (i = 0; i < n; i++)
		treerec_put(b, &e[i], sels ? sels[i] : NULL);
}

/*
 * Builds the record of SPECS[first..] into b for the tree they make (*tree);
 * bounds[i] is where entry first + i starts (bounds[0] the end of the
 * header), bounds[n] the record's length.
 */
static void build(struct buf *b, git_oid *tree, size_t first, size_t bounds[NSPECS + 1])
{
	struct treerec_entry e[NSPECS];
	size_t i, n = NSPECS - first;
	for (i = 0; i < n; i++)
		entry_of(&e[i], &SPECS[first + i]);
	tree_id(tree, e, n);
	treerec_begin(b, tree);
	for (i = 0; i < n; i++) {
		bounds[i] = b->len;
		treerec_put(b, &e[i], SPECS[first + i].sel);
	}
	bounds[n] = b->len;
}

static int parse_buf(struct treerec *r, const struct buf *b, size_t len, size_t nleaves)
{
	return treerec_parse(r, (const unsigned char *)b->ptr, len, nleaves);
}

/* Reads every entry of r and checks it against SPECS[first..first+n). */
static void check_entries(struct treerec *r, size_t first, size_t n)
{
	struct treerec_entry e;
	size_t i, k, got[4];
	git_oid want;

	for (i = first; i < first + n; i++) {
		const struct spec *s = &SPECS[i];
		assert_int_equal(treerec_next(r, &e), 1);
		assert_int_equal(e.kind, s->kind);
		assert_int_equal(e.namelen, strlen(s->name));
		assert_memory_equal(e.name, s->name, e.namelen);
		assert_int_equal(e.mode, s->mode);
		oid_of(&want, s->oid);
		assert_true(git_oid_equal(&e.oid, &want));
		/* executable as libgit2 reads the mode: any x bit */
		assert_int_equal(e.exec, (s->mode & 0100) != 0 && s->kind != TREC_DIR && s->kind != TREC_PRUNED);
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
	build(&b, &tree, 0, bounds);
	assert_int_equal(b.len, bounds[NSPECS]);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	/* the counts and the attributes come from the entries */
	assert_int_equal(r.entries, NSPECS);
	assert_int_equal(r.pruned, 1);
	assert_int_equal(r.has_attrs, 1);
	oid_of(&attrs, 11);
	assert_true(git_oid_equal(&r.attrs, &attrs));
	assert_true(git_oid_equal(&r.tree, &tree));
	check_entries(&r, 0, NSPECS);
	buf_free(&b);
}

static void test_round_trip_without_attrs(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree, zero, empty;
	size_t bounds[NSPECS + 1];

	(void)state;
	memset(&zero, 0, sizeof(zero));
	build(&b, &tree, 1, bounds);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(r.has_attrs, 0);
	assert_true(git_oid_equal(&r.attrs, &zero));
	assert_true(git_oid_equal(&r.tree, &tree));
	assert_int_equal(r.entries, NSPECS - 1);
	check_entries(&r, 1, NSPECS - 1);

	/* begin clears what the buffer held: the empty tree's record */
	assert_int_equal(git_oid_fromstr(&empty, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"), 0);
	treerec_begin(&b, &empty);
	assert_int_equal(b.len, bounds[0]);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), 0);
	assert_int_equal(r.entries, 0);
	check_entries(&r, 0, 0);
	/* the same bytes for any other tree: refused */
	treerec_begin(&b, &tree);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), -1);
	buf_free(&b);
}

static void test_truncations_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree;
	size_t bounds[NSPECS + 1], len;

	(void)state;
	build(&b, &tree, 0, bounds);
	/* even cut where an entry starts: what is left is not the tree it names */
	for (len = 0; len < b.len; len++)
		if (parse_buf(&r, &b, len, 201) != -1)
			fail_msg("a record cut to %zu of %zu bytes was accepted", len, b.len);
	assert_int_equal(treerec_parse(&r, NULL, 0, 201), -1);
	buf_free(&b);
}

/* The attack: any byte changed (and the segment's checksum made right again) is refused. */
static void test_every_edit_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree;
	size_t bounds[NSPECS + 1], i;
	unsigned char *p;
	unsigned d;

	(void)state;
	build(&b, &tree, 0, bounds);
	p = (unsigned char *)b.ptr;
	for (i = 0; i < b.len; i++) {
		unsigned char was = p[i];
		for (d = 1; d < 256; d += 37) {
			p[i] = (unsigned char)(was ^ d);
			if (parse_buf(&r, &b, b.len, 201) == 0) {
				/* only answers (leaves, kinds of one class) may change and still parse: the walk checks
				 * those */
				struct treerec_entry e;
				size_t k = 0;
				while (treerec_next(&r, &e)) {
					const struct spec *s = &SPECS[k++];
					/* a file may read as passed over, a folder as pruned: the walk checks those */
					if (treerec_class(e.kind) != treerec_class(s->kind))
						fail_msg("byte %zu ^ %u: entry %zu changed kind", i, d, k);
					if (e.namelen != strlen(s->name) || memcmp(e.name, s->name, e.namelen) ||
					    e.mode != s->mode)
						fail_msg("byte %zu ^ %u: entry %zu changed name or mode", i, d, k);
				}
				assert_int_equal(k, NSPECS);
			}
		}
		p[i] = was;
	}
	buf_free(&b);
}

static void test_leaf_out_of_range_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	struct treerec_entry e[1];
	git_oid tree;
	size_t bounds[NSPECS + 1], one = 0, dup[2] = {3, 3};
	const size_t *sels[1];

	(void)state;
	build(&b, &tree, 0, bounds);
	/* leaf 200 is used: 201 leaves hold it, 200 do not */
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 200), -1);
	assert_int_equal(parse_buf(&r, &b, b.len, 4), -1);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), -1);

	/* a lone leaf 0 needs one leaf */
	entry_of(&e[0], &SPECS[4]);
	sels[0] = &one;
	seal(&b, &tree, e, sels, 1);
	assert_int_equal(parse_buf(&r, &b, b.len, 1), 0);
	assert_int_equal(parse_buf(&r, &b, b.len, 0), -1);

	/* leaves not strictly ascending */
	entry_of(&e[0], &SPECS[1]);
	e[0].nsel = 2;
	sels[0] = dup;
	seal(&b, &tree, e, sels, 1);
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	buf_free(&b);
}

/* Parses a record of the one entry e (sel: its leaves) with 10 leaves, sealed for its tree. */
static int parse_one(const struct treerec_entry *e, const size_t *sel)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree;
	const size_t *sels[1] = {sel};
	int rc;
	seal(&b, &tree, e, sels, 1);
	rc = parse_buf(&r, &b, b.len, 10);
	buf_free(&b);
	return rc;
}

static void test_bad_names_rejected(void **state)
{
	static const enum treerec_kind kinds[] = {
		TREC_FILE, TREC_LINK, TREC_NONE, TREC_SUBMODULE, TREC_NONE_SUBMODULE, TREC_DIR, TREC_PRUNED,
	};
	static const unsigned modes[] = {0100644, 0120000, 0100644, 0160000, 0160000, 040000, 040000};
	struct treerec_entry e;
	size_t sel[1] = {2}, i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.kind = kinds[i];
		e.mode = modes[i];
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

/* A kind the walk could not have given an entry of that mode: refused, though the tree hashes right. */
static void test_kind_must_fit_mode(void **state)
{
	static const struct {
		enum treerec_kind kind;
		unsigned mode;
		int ok;
	} cases[] = {
		{TREC_FILE, 0100644, 1},
		{TREC_FILE, 0100755, 1},
		{TREC_FILE, 0120000, 0},
		{TREC_FILE, 040000, 0},
		{TREC_FILE, 0160000, 0},
		{TREC_LINK, 0120000, 1},
		{TREC_LINK, 0100644, 0},
		{TREC_NONE, 0120000, 1},
		{TREC_NONE, 040000, 0},
		{TREC_DIR, 040000, 1},
		{TREC_DIR, 0100644, 0},
		{TREC_PRUNED, 0160000, 0},
		{TREC_SUBMODULE, 0160000, 1},
		{TREC_SUBMODULE, 040000, 0},
		{TREC_NONE_SUBMODULE, 0100644, 0},
		/* an executable bit makes a blob of a link, as libgit2 reads it */
		{TREC_FILE, 0120755, 1},
		{TREC_LINK, 0120755, 0},
	};
	struct treerec_entry e;
	size_t sel[1] = {2}, i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&e, 0, sizeof(e));
		e.kind = cases[i].kind;
		e.mode = cases[i].mode;
		e.name = "x";
		e.namelen = 1;
		oid_of(&e.oid, 9);
		e.nsel = e.kind == TREC_FILE || e.kind == TREC_LINK;
		if (parse_one(&e, sel) != (cases[i].ok ? 0 : -1))
			fail_msg("kind %d with mode %o: expected %s", (int)e.kind, e.mode,
				 cases[i].ok ? "ok" : "refused");
	}
}

static void test_no_leaves_rejected(void **state)
{
	struct treerec_entry e;
	size_t sel[1] = {2};

	(void)state;
	entry_of(&e, &SPECS[2]);
	assert_int_equal(parse_one(&e, sel), 0);
	e.nsel = 0;
	assert_int_equal(parse_one(&e, sel), -1);
	entry_of(&e, &SPECS[5]);
	e.nsel = 1;
	assert_int_equal(parse_one(&e, sel), 0);
	e.nsel = 0;
	assert_int_equal(parse_one(&e, sel), -1);
}

static void test_bad_bytes_rejected(void **state)
{
	struct buf b = BUF_INIT;
	struct treerec r;
	git_oid tree;
	size_t bounds[NSPECS + 1], k;
	unsigned char *p;
	unsigned char kind;

	(void)state;
	build(&b, &tree, 0, bounds);
	p = (unsigned char *)b.ptr;
	assert_int_equal(parse_buf(&r, &b, b.len, 201), 0);

	/* the tag */
	assert_int_equal(p[0], 'T');
	p[0] = 't';
	assert_int_equal(parse_buf(&r, &b, b.len, 201), -1);
	p[0] = 'T';

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
	static const unsigned modes[] = {0100644, 0100644, 040000, 040000, 0120000, 0160000};
	struct treerec_entry *e = calloc(n ? n : 1, sizeof(*e));
	const size_t **sels = calloc(n ? n : 1, sizeof(*sels));
	git_oid tree;
	size_t i;
	static const size_t sel[1] = {0};

	assert_non_null(e);
	assert_non_null(sels);
	for (i = 0; i < n; i++) {
		name(names[i], 32, i);
		e[i].kind = kinds[i % (sizeof(kinds) / sizeof(kinds[0]))];
		e[i].mode = modes[i % (sizeof(kinds) / sizeof(kinds[0]))];
		e[i].name = names[i];
		e[i].namelen = strlen(names[i]);
		oid_of(&e[i].oid, (unsigned)i);
		e[i].nsel = e[i].kind == TREC_FILE || e[i].kind == TREC_LINK;
		sels[i] = sel;
	}
	seal(b, &tree, e, sels, n);
	assert_int_equal(parse_buf(r, b, b->len, 1), 0);
	free(e);
	free(sels);
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
	assert_int_equal(git_oid_fromstr(&r.tree, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"), 0);
	treerec_begin(&b, &r.tree);
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
		cmocka_unit_test(test_every_edit_rejected),
		cmocka_unit_test(test_kind_must_fit_mode),
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
