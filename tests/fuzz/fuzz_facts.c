/*
 * fuzz_facts.c - per-blob facts read back from the content cache (scan/facts_cache.c).
 *
 * Input: two bytes giving the rule pack's leaf count (1 to 1024, little-
 * endian), then one record.  A record is cache data another user or an
 * old run may have written: facts_decode must refuse what this build did
 * not write, and what it accepts must stay within what it promised
 * (leaves below the count, dates kept at most FRESH_KEEP) and encode back
 * to a record that decodes the same.  Like the unit tests, this harness
 * uses the scan layer's internal header.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "scan/internal.h"

#define MAX_LEAVES 1024

static int same_facts(const struct facts *a, const struct facts *b)
{
	size_t k;
	if (a->leaf != b->leaf || a->have != b->have)
		return 0;
	if ((a->have & HAVE_NC) && (a->nc_rc != b->nc_rc || a->nc_line != b->nc_line))
		return 0;
	if ((a->have & HAVE_C) && (a->c_rc != b->c_rc || a->c_count != b->c_count || a->c_line != b->c_line))
		return 0;
	if (a->have & HAVE_F) {
		if (a->f_rc != b->f_rc || a->f_more != b->f_more || a->f_later != b->f_later || a->nf != b->nf)
			return 0;
		for (k = 0; k < a->nf; k++)
			if (a->f[k].day != b->f[k].day || a->f[k].line != b->f[k].line)
				return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blob_facts bf, again;
	struct buf b = BUF_INIT;
	size_t nleaves, i;

	if (size < 2 || size > 65536)
		return 0;
	nleaves = ((size_t)data[0] | (size_t)data[1] << 8) % MAX_LEAVES + 1;
	if (facts_decode(&bf, data + 2, size - 2, nleaves) < 0)
		return 0;
	if (bf.nlf > nleaves)
		fuzz_fail("%zu leaves' facts for a pack of %zu leaves", bf.nlf, nleaves);
	for (i = 0; i < bf.nlf; i++) {
		if (bf.lf[i].leaf >= nleaves || bf.lf[i].nf > FRESH_KEEP)
			fuzz_fail("facts %zu: leaf %zu of %zu, %zu dates", i, bf.lf[i].leaf, nleaves, bf.lf[i].nf);
		if (!facts_find(&bf, bf.lf[i].leaf))
			fuzz_fail("facts %zu (leaf %zu) are not found by their leaf", i, bf.lf[i].leaf);
	}
	facts_encode(&b, &bf);
	if (facts_decode(&again, (const unsigned char *)b.ptr, b.len, nleaves) < 0)
		fuzz_fail("a record encoded from accepted facts does not decode");
	if (again.size != bf.size || again.seen != bf.seen || again.binary != bf.binary ||
	    again.have_lines != bf.have_lines || (bf.have_lines && again.nlines != bf.nlines) || again.nlf != bf.nlf)
		fuzz_fail("a blob's facts do not survive encoding");
	for (i = 0; i < bf.nlf; i++)
		if (!same_facts(&bf.lf[i], &again.lf[i]))
			fuzz_fail("the facts of leaf %zu do not survive encoding", bf.lf[i].leaf);
	blob_facts_free(&again);
	blob_facts_free(&bf);
	buf_free(&b);
	return 0;
}
