/*
 * fuzz_treerec.c - folder records read back from the cache (scan/treerec.h).
 *
 * Input: two bytes giving the rule pack's leaf count (1 to 1024, little-
 * endian), then one record.  A record is cache data, which another user or an old run may
 * have written: treerec_parse must refuse what it cannot read whole or
 * what does not hash to the tree it names (so the fuzzer mostly finds
 * refusals; the seeds are real records), and for what it accepts, every
 * entry must read as parse promised (a name without '/' or NUL, leaves
 * ascending below the count), every name must be found again by name, and
 * the record must encode back to one that reads the same.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "scan/treerec.h"
#include "util/buf.h"

#define MAX_ENTRIES 4096
#define MAX_LEAVES  1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct treerec r, again;
	struct treerec_names nm;
	struct treerec_entry e, e2;
	struct buf b = BUF_INIT;
	size_t nleaves, i, k, n = 0;
	static size_t sel[MAX_LEAVES], sel2[MAX_LEAVES];

	if (size < 2 || size > 65536)
		return 0;
	nleaves = ((size_t)data[0] | (size_t)data[1] << 8) % MAX_LEAVES + 1;
	if (treerec_parse(&r, data + 2, size - 2, nleaves) < 0)
		return 0;
	again = r;
	treerec_begin(&b, &r.tree);
	while (treerec_next(&r, &e)) {
		if (++n > MAX_ENTRIES)
			break;
		if (!e.namelen || memchr(e.name, '/', e.namelen) || memchr(e.name, '\0', e.namelen))
			fuzz_fail("entry %zu: a name parse should have refused", n);
		if (e.kind == TREC_FILE || e.kind == TREC_LINK) {
			if (e.nsel == 0 || e.nsel > nleaves)
				fuzz_fail("entry %zu: %zu leaves of %zu", n, e.nsel, nleaves);
			treerec_sel(&e, sel);
			for (k = 0; k < e.nsel; k++)
				if (sel[k] >= nleaves || (k && sel[k] <= sel[k - 1]))
					fuzz_fail("entry %zu: leaf %zu is %zu (of %zu)", n, k, sel[k], nleaves);
		}
		treerec_put(&b, &e, e.kind == TREC_FILE || e.kind == TREC_LINK ? sel : NULL);
		(void)treerec_class(e.kind);
	}

	/* by name: every entry is found, in order and out of it */
	treerec_names_load(&nm, &again);
	for (i = nm.n; i-- > 0;) {
		const struct treerec_entry *f = treerec_names_find(&nm, nm.e[i].name, nm.e[i].namelen);
		if (!f || f->namelen != nm.e[i].namelen || memcmp(f->name, nm.e[i].name, f->namelen))
			fuzz_fail("entry '%.*s' is not found by its name", (int)nm.e[i].namelen, nm.e[i].name);
	}
	(void)treerec_names_find(&nm, "\x7f", 1);
	treerec_names_free(&nm);

	/* written again, it reads the same */
	if (n <= MAX_ENTRIES) {
		if (treerec_parse(&again, (const unsigned char *)b.ptr, b.len, nleaves) < 0)
			fuzz_fail("a record written from an accepted one does not parse");
		if (treerec_parse(&r, data + 2, size - 2, nleaves) < 0)
			fuzz_fail("a record parses once, not twice");
		if (again.entries != r.entries || again.pruned != r.pruned || again.has_attrs != r.has_attrs ||
		    git_oid_cmp(&again.tree, &r.tree) || (r.has_attrs && git_oid_cmp(&again.attrs, &r.attrs)))
			fuzz_fail("the record's head does not survive writing");
		while (treerec_next(&r, &e)) {
			if (!treerec_next(&again, &e2) || e.kind != e2.kind || e.namelen != e2.namelen ||
			    memcmp(e.name, e2.name, e.namelen) || git_oid_cmp(&e.oid, &e2.oid) || e.exec != e2.exec ||
			    e.mode != e2.mode ||
			    e.nsel != e2.nsel)
				fuzz_fail("an entry does not survive writing");
			if (e.nsel) {
				treerec_sel(&e, sel);
				treerec_sel(&e2, sel2);
				if (memcmp(sel, sel2, e.nsel * sizeof(*sel)))
					fuzz_fail("an entry's leaves do not survive writing");
			}
		}
		if (treerec_next(&again, &e2))
			fuzz_fail("writing a record added an entry");
	}
	buf_free(&b);
	return 0;
}
