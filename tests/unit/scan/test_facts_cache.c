/* test_facts_cache.c - per-blob facts as the cache keeps them: round trip, what a record must not be, when it stands
 * for a blob. */
#include "helpers.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/internal.h"
#include "util/bytes.h"

/* two leaves' facts with every field set, rc values negative and positive */
static void sample(struct blob_facts *bf)
{
	struct facts *f;
	memset(bf, 0, sizeof(*bf));
	bf->size = 123456789;
	bf->seen = 1;
	bf->have_lines = 1;
	bf->nlines = 300;
	f = facts_add(bf);
	f->leaf = 2;
	f->have = HAVE_NC | HAVE_C | HAVE_F;
	f->nc_rc = MATCH_NONE;
	f->c_rc = MATCH_LIMIT_HIT;
	f->c_count = 1;
	f->c_line = 200;
	f->f_rc = MATCH_NONE;
	f->f_more = 1;
	f->f_later = 1;
	f->nf = FRESH_KEEP;
	f->f[0].day = 20605;
	f->f[0].line = 1;
	f->f[1].day = 20000;
	f->f[1].line = 70000;
	f->f[2].day = 1;
	f->f[2].line = 3;
	f->f[3].day = 0;
	f->f[3].line = 4;
	f = facts_add(bf);
	f->leaf = 0;
	f->have = HAVE_NC;
	f->nc_rc = MATCH_OK;
	f->nc_line = 9;
}

static void same_facts(const struct blob_facts *a, const struct blob_facts *b)
{
	size_t i, k;
	assert_int_equal(a->size, b->size);
	assert_int_equal(a->seen, b->seen);
	assert_int_equal(a->binary, b->binary);
	assert_int_equal(a->have_lines, b->have_lines);
	assert_int_equal(a->nlines, b->nlines);
	assert_int_equal(a->nlf, b->nlf);
	for (i = 0; i < a->nlf; i++) {
		const struct facts *x = &a->lf[i], *y = &b->lf[i];
		assert_int_equal(x->leaf, y->leaf);
		assert_int_equal(x->have, y->have);
		assert_int_equal(x->nc_rc, y->nc_rc);
		assert_int_equal(x->nc_line, y->nc_line);
		assert_int_equal(x->c_rc, y->c_rc);
		assert_int_equal(x->c_count, y->c_count);
		assert_int_equal(x->c_line, y->c_line);
		assert_int_equal(x->f_rc, y->f_rc);
		assert_int_equal(x->f_more, y->f_more);
		assert_int_equal(x->f_later, y->f_later);
		assert_int_equal(x->nf, y->nf);
		for (k = 0; k < x->nf; k++) {
			assert_int_equal(x->f[k].day, y->f[k].day);
			assert_int_equal(x->f[k].line, y->f[k].line);
		}
	}
}

static void test_round_trip(void **state)
{
	struct blob_facts bf, back;
	struct buf b = BUF_INIT;
	(void)state;

	sample(&bf);
	facts_encode(&b, &bf);
	assert_int_equal(facts_decode(&back, (const unsigned char *)b.ptr, b.len, 3), 0);
	same_facts(&bf, &back);
	blob_facts_free(&back);
	/* a binary blob and one never read keep their flags */
	blob_facts_free(&bf);
	bf.size = 10;
	bf.seen = 1;
	bf.binary = 1;
	facts_encode(&b, &bf);
	assert_int_equal(facts_decode(&back, (const unsigned char *)b.ptr, b.len, 3), 0);
	same_facts(&bf, &back);
	blob_facts_free(&back);
	buf_free(&b);
	blob_facts_free(NULL);
}

/* Decoding fails and leaves *out alone. */
static void refused(const void *p, size_t len, size_t nleaves)
{
	struct blob_facts out;
	memset(&out, 0xa5, sizeof(out));
	assert_int_equal(facts_decode(&out, p, len, nleaves), -1);
	assert_int_equal(out.nlf, (size_t)0xa5a5a5a5a5a5a5a5u);
}

static void test_what_a_record_must_not_be(void **state)
{
	struct blob_facts bf;
	struct buf b = BUF_INIT, bad = BUF_INIT;
	size_t n;
	(void)state;

	sample(&bf);
	facts_encode(&b, &bf);
	/* every shorter record */
	for (n = 0; n < b.len; n++)
		refused(b.ptr, n, 3);
	/* a byte more */
	buf_put(&bad, b.ptr, b.len);
	buf_putc(&bad, 0);
	refused(bad.ptr, bad.len, 3);
	/* a leaf the pack does not have */
	refused(b.ptr, b.len, 2);
	/* another format */
	buf_clear(&bad);
	buf_put(&bad, b.ptr, b.len);
	bad.ptr[0]++;
	refused(bad.ptr, bad.len, 3);
	/* more dates than are kept: written by hand, as facts_encode lays them out */
	buf_clear(&bad);
	buf_put_varint(&bad, (unsigned char)b.ptr[0]); /* the format */
	buf_put_varint(&bad, 10);		       /* size */
	buf_put_varint(&bad, 1);		       /* seen */
	buf_put_varint(&bad, 1);		       /* one leaf's facts */
	buf_put_varint(&bad, 0);		       /* leaf 0 */
	buf_put_varint(&bad, HAVE_F);
	buf_put_varint(&bad, 16 + MATCH_NONE); /* f_rc, shifted by facts_cache.c's RC_BIAS */
	buf_put_varint(&bad, 0);	       /* f_more, f_later */
	n = bad.len;
	buf_put_varint(&bad, FRESH_KEEP);
	for (size_t k = 0; k < FRESH_KEEP; k++) {
		buf_put_varint(&bad, 100 - k);
		buf_put_varint(&bad, k + 1);
	}
	{
		struct blob_facts ok;
		assert_int_equal(facts_decode(&ok, (const unsigned char *)bad.ptr, bad.len, 1), 0);
		assert_int_equal(ok.lf[0].nf, FRESH_KEEP);
		blob_facts_free(&ok);
	}
	bad.len = n;
	buf_put_varint(&bad, FRESH_KEEP + 1);
	for (size_t k = 0; k <= FRESH_KEEP; k++) {
		buf_put_varint(&bad, 100 - k);
		buf_put_varint(&bad, k + 1);
	}
	refused(bad.ptr, bad.len, 1);
	/* flags no check has (no check at all is a record) */
	bad.len = n - 3;
	buf_put_varint(&bad, 0);
	{
		struct blob_facts ok;
		assert_int_equal(facts_decode(&ok, (const unsigned char *)bad.ptr, bad.len, 1), 0);
		blob_facts_free(&ok);
	}
	bad.len = n - 3;
	buf_put_varint(&bad, 8);
	refused(bad.ptr, bad.len, 1);
	blob_facts_free(&bf);
	buf_free(&b);
	buf_free(&bad);
}

struct job_fx {
	struct rules *rs;
	struct scan_opts opts;
	struct scan_job j;
	atomic_uchar settled[4];
	size_t sel[4];
	struct item it;
};

/* A job over the leaves of cond (a condition as YAML), and an item selected by every leaf. */
static void job_fx(struct job_fx *x, const char *cond)
{
	char yaml[1024];
	size_t i;

	snprintf(yaml, sizeof(yaml),
		 "domains: [{id: d, title: D}]\n"
		 "rules:\n"
		 "  - {id: d.r, domain: d, level: required, title: T, next_step: N, evidence: %s}\n",
		 cond);
	memset(x, 0, sizeof(*x));
	x->rs = load_rules_string(yaml);
	assert_int_equal(x->rs->diags.n, 0);
	assert_true(x->rs->nleaves <= 4);
	x->opts.max_file_size = 1000;
	x->j.rs = x->rs;
	x->j.opts = &x->opts;
	x->j.commit_day = 20605;
	x->j.settled = x->settled;
	for (i = 0; i < x->rs->nleaves; i++)
		x->sel[i] = i;
	x->it.path = (char *)"x.md";
	x->it.sel = x->sel;
	x->it.nsel = x->rs->nleaves;
}

static void test_when_a_record_stands_for_the_blob(void **state)
{
	struct job_fx x;
	struct blob_facts bf;
	struct facts *f;
	(void)state;

	job_fx(&x, "{all: [{file: {paths: x.md, contains: a, min_lines: 2}},"
		   " {file: {paths: x.md, fresh: {pattern: 'on (\\d{4}-\\d{2}-\\d{2})', days: 30}}}]}");
	memset(&bf, 0, sizeof(bf));
	/* never read: nothing known */
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 0);
	/* too large or binary: nothing more to know */
	bf.size = 1001;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 1);
	bf.size = 10;
	bf.seen = 1;
	bf.binary = 1;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 1);
	bf.binary = 0;
	/* a leaf counts lines, the record does not */
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 0);
	bf.have_lines = 1;
	bf.nlines = 5;
	/* a leaf's facts are missing */
	f = facts_add(&bf);
	f->leaf = 0;
	f->have = HAVE_C;
	f->c_count = 1;
	f->c_rc = MATCH_OK;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 0);
	/* facts for the leaf without its freshness check (nothing before it stopped) */
	f = facts_add(&bf);
	f->leaf = 1;
	f->f_rc = MATCH_NONE;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 0);
	/* the dates kept cannot tell: all after the commit, older ones dropped */
	f->have = HAVE_F;
	f->nf = 1;
	f->f[0].day = 20700;
	f->f_more = 1;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 0);
	/* a settled leaf asks nothing */
	atomic_store(&x.settled[1], 1);
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 1);
	atomic_store(&x.settled[1], 0);
	/* nothing dropped: no date at or before the commit, which decides */
	f->f_more = 0;
	assert_int_equal(facts_complete(&x.j, &x.it, &bf), 1);
	blob_facts_free(&bf);
	rules_free(x.rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_what_a_record_must_not_be),
		cmocka_unit_test(test_when_a_record_stands_for_the_blob),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
