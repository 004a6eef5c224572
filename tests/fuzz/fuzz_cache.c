/*
 * fuzz_cache.c - cache segments read from the cache folder (store/cache.h).
 *
 * Input: a flags byte, then the bytes of one segment file.  Flag bit 0
 * recomputes the trailing checksum, so that mutations reach past it (an
 * edit that recomputes it is the attack the checksum cannot stop); bit 1
 * also records a value and closes the cache, which writes a segment and
 * prunes.  The segment is put in the folder of the namespace its own
 * header names and the cache opened on it.  Nothing may crash or leak,
 * and when the segment is loaded every key in its index must give back
 * exactly the bytes its index points to.
 */
#define _DEFAULT_SOURCE /* DT_DIR */
#include "fuzz.h"

#include <dirent.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/cache.h"
#include "util/buf.h"
#include "util/bytes.h"

#define HEAD 32
#define IREC (CACHE_KEY_SIZE + 8)

static char root[4200], dir[4400], last_ns[256] = "\1";

/* The namespace folder cache_open made under root/v1 (the only one: root is emptied per input). */
static int ns_dir(char *out, size_t cap)
{
	char v1[4300];
	struct dirent *e;
	DIR *d;
	int found = 0;
	snprintf(v1, sizeof(v1), "%s/v1", root);
	if (!(d = opendir(v1)))
		return -1;
	while (!found && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.') {
			snprintf(out, cap, "%s/%s", v1, e->d_name);
			found = 1;
		}
	closedir(d);
	return found ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cache *c = NULL;
	struct cache_stats st;
	unsigned char *seg;
	char path[4500], ns[256] = "fuzz";
	size_t n, i;
	uint64_t count = 0;

	if (size < 1 || size > 65536)
		return 0;
	if (!root[0])
		snprintf(root, sizeof(root), "%s/cache", fuzz_scratch());
	n = size - 1;
	seg = malloc(n ? n : 1);
	memcpy(seg, data + 1, n);
	if ((data[0] & 1) && n >= 8) {
		uint64_t crc = libdeflate_crc32(0, seg, n - 8);
		le_put64(seg + n - 8, crc);
	}
	/* the namespace the segment says it belongs to, when it says one */
	if (n >= HEAD && le_get32(seg + 12) < sizeof(ns) && HEAD + le_get32(seg + 12) <= n) {
		memcpy(ns, seg + HEAD, le_get32(seg + 12));
		ns[le_get32(seg + 12)] = '\0';
		count = le_get64(seg + 16);
	}

	/* the namespace's folder, made by cache_open itself (a new namespace starts from an empty cache) */
	if (strcmp(ns, last_ns)) {
		fuzz_empty_dir(root);
		if (cache_open(&c, root, ns, NULL, 0) < 0 || cache_close(c) < 0 || ns_dir(dir, sizeof(dir)) < 0)
			fuzz_fail("cannot set up the cache folder '%s'", root);
		snprintf(last_ns, sizeof(last_ns), "%s", ns);
	} else {
		fuzz_empty_dir(dir);
	}
	snprintf(path, sizeof(path), "%s/seg-0000000000100000000-1-00000000.pgc", dir);
	fuzz_write_file(path, seg, n);

	if (cache_open(&c, root, ns, NULL, 0) < 0)
		fuzz_fail("cache_open fails on a folder holding one segment");
	cache_get_stats(c, &st);
	if (st.segments_loaded) {
		/* it was trusted: each key gives what its index record points to */
		size_t nslen = strlen(ns);
		const unsigned char *index = seg + HEAD + nslen, *values = index + count * IREC;
		for (i = 0; i < count; i++) {
			const unsigned char *r = index + i * IREC, *v;
			size_t len;
			v = cache_get(c, r, &len);
			if (!v || len != le_get32(r + CACHE_KEY_SIZE + 4) ||
			    memcmp(v, values + le_get32(r + CACHE_KEY_SIZE), len))
				fuzz_fail("key %zu of a loaded segment does not give its value", i);
		}
	}
	{
		unsigned char key[CACHE_KEY_SIZE];
		size_t len;
		const unsigned char *v;
		memset(key, 0xab, sizeof(key));
		v = cache_get(c, key, &len);
		for (i = 0; v && i < len; i++)
			key[0] ^= v[i]; /* every byte handed out is readable */
		if (data[0] & 2)
			cache_put(c, key, "value", 5);
	}
	(void)cache_close(c);
	free(seg);
	return 0;
}
