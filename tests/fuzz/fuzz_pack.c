/*
 * fuzz_pack.c - the pack fast path's .idx and .pack reader (git/pack.h).
 *
 * Input: a flags byte, the .idx length (2 bytes, little-endian), the .idx,
 * then the .pack.  Flag bit 0 makes the pack agree with the index where
 * pack_load checks it (object count, trailing checksum), so that
 * mutations reach the entries; bit 1 reads with a small size cap.  Both
 * files go in an objects/pack/ folder, and every object the index lists
 * is looked up and read.  Nothing may crash, leak or read outside what it
 * was given; an index that loads must find each id it lists where the
 * fan-out table says (ids ascending); a blob read is NUL-terminated at its
 * length.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/pack.h"

#define IDX_HEAD  (8 + 1024)
#define MAX_READS 64

static char objdir[4200];

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 1 when id i of the index sorts after the one before and sits where the fan-out table puts its first byte. */
static int well_placed(const uint8_t *idx, size_t i, size_t nids)
{
	const uint8_t *ids = idx + IDX_HEAD, *fan = idx + 8;
	size_t b = ids[20 * i];
	size_t lo = b ? be32(fan + 4 * (b - 1)) : 0, hi = be32(fan + 4 * b);
	size_t k;
	if (i >= hi || i < lo || hi > nids)
		return 0;
	for (k = lo + 1; k < hi; k++)
		if (memcmp(ids + 20 * (k - 1), ids + 20 * k, 20) >= 0)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4400];
	size_t ilen, plen, i, nids = 0;
	uint8_t *idx, *pack;
	struct pack_set *ps;
	struct pack_reader *pr;

	if (size < 3 || size > 262144)
		return 0;
	if (!objdir[0]) {
		snprintf(objdir, sizeof(objdir), "%s/objects", fuzz_scratch());
		snprintf(path, sizeof(path), "mkdir -p '%s/pack'", objdir);
		if (system(path) != 0)
			abort();
	}
	ilen = (size_t)data[1] | (size_t)data[2] << 8;
	if (ilen > size - 3)
		ilen = size - 3;
	plen = size - 3 - ilen;
	idx = (uint8_t *)fuzz_strndup(data + 3, ilen);
	pack = (uint8_t *)fuzz_strndup(data + 3 + ilen, plen);
	if (ilen >= IDX_HEAD + 40)
		nids = be32(idx + 8 + 4 * 255);
	if (nids > (ilen - IDX_HEAD - 40) / 28)
		nids = (ilen - IDX_HEAD - 40) / 28;
	if ((data[0] & 1) && ilen >= IDX_HEAD + 40 && plen >= 32) {
		memcpy(pack + 8, idx + 8 + 4 * 255, 4);
		memcpy(pack + plen - 20, idx + ilen - 40, 20);
	}
	snprintf(path, sizeof(path), "%s/pack/pack-fuzz.idx", objdir);
	fuzz_write_file(path, idx, ilen);
	snprintf(path, sizeof(path), "%s/pack/pack-fuzz.pack", objdir);
	fuzz_write_file(path, pack, plen);

	ps = pack_set_open(objdir);
	pr = pack_reader_new(ps);
	for (i = 0; i < nids && i < MAX_READS && pack_set_count(ps); i++) {
		const unsigned char *id = idx + IDX_HEAD + 20 * i;
		const char *blob = NULL;
		uint64_t len = 0;
		int rc;
		if (!pack_has(ps, id) && well_placed(idx, i, nids))
			fuzz_fail("object %zu listed in a loaded index is not found", i);
		rc = pack_read(pr, id, data[0] & 2 ? 64 : 1u << 20, &blob, &len);
		if (rc == PACK_BLOB && blob[len] != '\0')
			fuzz_fail("object %zu: a blob of %llu bytes is not NUL-terminated", i, (unsigned long long)len);
	}
	pack_reader_free(pr);
	pack_set_free(ps);
	free(idx);
	free(pack);
	return 0;
}
