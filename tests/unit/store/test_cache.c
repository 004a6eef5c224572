/* test_cache.c - the content cache: round trip, torn, foreign, oversized and edited segments, trust, merging, the size
 * bound. */
#define _DEFAULT_SOURCE /* mkdtemp, nftw */
#include "helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "store/cache.h"
#include "util/err.h"

#define NS_A "proofgate test; rules sha1:aaaa"
#define NS_B "proofgate test; rules sha1:bbbb"

struct fx {
	char dir[64];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/pg-test-cache.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static void key_of(unsigned char key[CACHE_KEY_SIZE], unsigned n)
{
	size_t i;
	for (i = 0; i < CACHE_KEY_SIZE; i++)
		key[i] = (unsigned char)((n * 2654435761u) >> (i % 4 * 8)) ^ (unsigned char)i;
	key[0] = (unsigned char)n;
	key[1] = (unsigned char)(n >> 8);
}

static void val_of(char *out, size_t cap, unsigned n, unsigned gen)
{
	snprintf(out, cap, "value %u of generation %u", n, gen);
}

/* Opens dir/c for ns, puts keys [from, to) of generation gen, closes. */
static void fill(const char *dir, const char *ns, unsigned from, unsigned to, unsigned gen, uint64_t max)
{
	struct cache *c = NULL;
	unsigned char key[CACHE_KEY_SIZE];
	char v[64];
	unsigned n;
	assert_int_equal(cache_open(&c, dir, ns, NULL, max), 0);
	for (n = from; n < to; n++) {
		key_of(key, n);
		val_of(v, sizeof(v), n, gen);
		cache_put(c, key, v, strlen(v));
	}
	assert_int_equal(cache_close(c), 0);
}

/* 1 when key n holds generation gen's value. */
static int holds(struct cache *c, unsigned n, unsigned gen)
{
	unsigned char key[CACHE_KEY_SIZE];
	char v[64];
	const unsigned char *got;
	size_t len;
	key_of(key, n);
	val_of(v, sizeof(v), n, gen);
	got = cache_get(c, key, &len);
	return got && len == strlen(v) && !memcmp(got, v, len);
}

/* Every seg-*.pgc below dir (recursively, up to two levels), as paths in out. */
static size_t segments(const char *dir, char out[][1024], size_t cap)
{
	struct buf root = BUF_INIT;
	DIR *d, *s;
	struct dirent *e, *t;
	size_t n = 0;

	buf_printf(&root, "%s/v1", dir);
	d = opendir(root.ptr);
	while (d && (e = readdir(d)) != NULL) {
		char sub[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", root.ptr, e->d_name);
		s = opendir(sub);
		while (s && (t = readdir(s)) != NULL)
			if (!strncmp(t->d_name, "seg-", 4) && n < cap)
				snprintf(out[n++], 1024, "%s/%s", sub, t->d_name);
		if (s)
			closedir(s);
	}
	if (d)
		closedir(d);
	buf_free(&root);
	return n;
}

static long long bytes_under(const char *dir)
{
	char segs[256][1024];
	size_t n = segments(dir, segs, 256), i;
	long long total = 0;
	struct stat st;
	for (i = 0; i < n; i++)
		if (stat(segs[i], &st) == 0)
			total += st.st_size;
	return total;
}

static void test_round_trip(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	struct cache_stats cs;
	unsigned char key[CACHE_KEY_SIZE];
	size_t len;
	unsigned n;

	fill(f->dir, NS_A, 0, 500, 1, 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (n = 0; n < 500; n++)
		assert_true(holds(c, n, 1));
	key_of(key, 9999);
	assert_null(cache_get(c, key, &len));
	assert_int_equal(len, 0);
	cache_get_stats(c, &cs);
	assert_int_equal(cs.hits, 500);
	assert_int_equal(cs.misses, 1);
	assert_int_equal(cache_close(c), 0);
}

static void test_empty_value_and_binary_bytes(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	unsigned char key[CACHE_KEY_SIZE], bin[300];
	const unsigned char *got;
	size_t len, i;

	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)i;
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	key_of(key, 1);
	cache_put(c, key, "", 0);
	key_of(key, 2);
	cache_put(c, key, bin, sizeof(bin));
	assert_int_equal(cache_close(c), 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	key_of(key, 1);
	assert_non_null(cache_get(c, key, &len));
	assert_int_equal(len, 0);
	key_of(key, 2);
	got = cache_get(c, key, &len);
	assert_non_null(got);
	assert_int_equal(len, sizeof(bin));
	assert_memory_equal(got, bin, sizeof(bin));
	assert_int_equal(cache_close(c), 0);
}

static void test_newer_value_wins(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	fill(f->dir, NS_A, 0, 10, 1, 0);
	/* segments are named by time: make sure the second is younger */
	usleep(2000);
	fill(f->dir, NS_A, 5, 10, 2, 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 0, 1));
	assert_true(holds(c, 7, 2));
	assert_int_equal(cache_close(c), 0);
}

static void test_read_segment_does_not_shadow_newer(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	fill(f->dir, NS_A, 0, 10, 1, 0);
	usleep(10000);
	fill(f->dir, NS_A, 5, 10, 2, 0);
	usleep(10000);
	/* a run reads a key only the older segment holds: that segment is touched (young for pruning) */
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 0, 1));
	assert_int_equal(cache_close(c), 0);
	/* it must not shadow the values written after it */
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 7, 2));
	assert_true(holds(c, 0, 1));
	assert_int_equal(cache_close(c), 0);
}

static void corrupt_all(const char *dir, int how)
{
	char segs[64][1024];
	size_t n = segments(dir, segs, 64), i;
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		FILE *fp = fopen(segs[i], "r+b");
		long size;
		assert_non_null(fp);
		fseek(fp, 0, SEEK_END);
		size = ftell(fp);
		if (how == 0) {
			/* torn: the last byte never made it */
			assert_int_equal(truncate(segs[i], size - 1), 0);
		} else if (how == 1) {
			/* a flipped bit in a value */
			int ch;
			fseek(fp, size - 12, SEEK_SET);
			ch = fgetc(fp);
			fseek(fp, size - 12, SEEK_SET);
			fputc(ch ^ 0x10, fp);
		} else {
			/* bytes after the end */
			fseek(fp, 0, SEEK_END);
			fputs("junk", fp);
		}
		fclose(fp);
	}
}

static void check_corruption_ignored(struct fx *f, int how)
{
	struct cache *c = NULL;
	char segs[64][1024];
	unsigned n;

	fill(f->dir, NS_A, 0, 50, 1, 0);
	corrupt_all(f->dir, how);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (n = 0; n < 50; n++)
		assert_false(holds(c, n, 1));
	assert_int_equal(cache_close(c), 0);
	/* and it is gone, so the next run does not read it again */
	assert_int_equal(segments(f->dir, segs, 64), 0);
}

static void test_torn_segment_ignored(void **state)
{
	check_corruption_ignored(*state, 0);
}

static void test_flipped_bit_ignored(void **state)
{
	check_corruption_ignored(*state, 1);
}

static void test_trailing_junk_ignored(void **state)
{
	check_corruption_ignored(*state, 2);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int ch;
	assert_non_null(in);
	assert_non_null(out);
	while ((ch = fgetc(in)) != EOF)
		fputc(ch, out);
	fclose(in);
	fclose(out);
}

static void test_other_digest_ignored(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char segs[8][1024], aseg[1024], bdir[1024], dst[1100];
	size_t n, i;

	fill(f->dir, NS_A, 0, 20, 1, 0);
	assert_int_equal(segments(f->dir, segs, 8), 1);
	strcpy(aseg, segs[0]);
	assert_int_equal(cache_open(&c, f->dir, NS_B, NULL, 0), 0);
	assert_false(holds(c, 3, 1));
	assert_int_equal(cache_close(c), 0);

	/* a segment of digest A copied into B's folder is still not B's */
	fill(f->dir, NS_B, 100, 101, 1, 0);
	n = segments(f->dir, segs, 8);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		if (strcmp(segs[i], aseg))
			strcpy(bdir, segs[i]);
	*strrchr(bdir, '/') = '\0';
	snprintf(dst, sizeof(dst), "%s/seg-00000000000-copied.pgc", bdir);
	copy_file(aseg, dst);
	assert_int_equal(cache_open(&c, f->dir, NS_B, NULL, 0), 0);
	assert_false(holds(c, 3, 1));
	assert_true(holds(c, 100, 1));
	assert_int_equal(cache_close(c), 0);
	/* A still reads its own */
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 3, 1));
	assert_int_equal(cache_close(c), 0);
}

static void test_size_bound(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	const uint64_t max = 64 * 1024;
	unsigned run;
	char ns[64];

	/* each run: about 25 KiB under its own namespace, as many rule-pack digests would */
	for (run = 0; run < 12; run++) {
		snprintf(ns, sizeof(ns), "proofgate test; rules sha1:%04u", run);
		fill(f->dir, ns, 0, 800, run, max);
		assert_true(bytes_under(f->dir) <= (long long)max);
		usleep(2000);
	}
	/* the newest survives, the oldest went first */
	assert_int_equal(cache_open(&c, f->dir, ns, NULL, max), 0);
	assert_true(holds(c, 1, run - 1));
	assert_int_equal(cache_close(c), 0);
	assert_int_equal(cache_open(&c, f->dir, "proofgate test; rules sha1:0000", NULL, max), 0);
	assert_false(holds(c, 1, 0));
	assert_int_equal(cache_close(c), 0);
}

static void test_many_segments_merge(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char segs[64][1024];
	unsigned run;

	for (run = 0; run < 20; run++)
		fill(f->dir, NS_A, run * 10, run * 10 + 10, 1, 0);
	assert_true(segments(f->dir, segs, 64) <= 9);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (run = 0; run < 200; run++)
		assert_true(holds(c, run, 1));
	assert_int_equal(cache_close(c), 0);
}

/* BIG_N values of BIG_LEN bytes: one run writes each PENDING_MAX (2 MiB) of them as a segment, 10 in all */
#define BIG_LEN ((size_t)64 << 10)
#define BIG_N	(9 * 32 + 1)

static void big_of(unsigned char *out, unsigned n)
{
	size_t i;
	for (i = 0; i < BIG_LEN; i++)
		out[i] = (unsigned char)(n * 131u + i * 7u + (i >> 8));
}

/* 1 when every big value of run 1 reads back, byte for byte, from a fresh open */
static int bigs_intact(const char *dir)
{
	struct cache *c = NULL;
	unsigned char key[CACHE_KEY_SIZE], *want = malloc(BIG_LEN);
	const unsigned char *got;
	size_t len;
	unsigned n;
	int ok = want && cache_open(&c, dir, NS_A, NULL, 0) == 0;
	for (n = 0; ok && n < BIG_N; n++) {
		key_of(key, n);
		big_of(want, n);
		got = cache_get(c, key, &len);
		ok = got && len == BIG_LEN && !memcmp(got, want, BIG_LEN);
	}
	if (c)
		assert_int_equal(cache_close(c), 0);
	free(want);
	return ok;
}

/* One run putting key 1000 + run, and key 999 when also_999, both of generation run. */
static void small_run(const char *dir, unsigned run, int also_999)
{
	struct cache *c = NULL;
	unsigned char key[CACHE_KEY_SIZE];
	char v[64];
	assert_int_equal(cache_open(&c, dir, NS_A, NULL, 0), 0);
	key_of(key, 1000 + run);
	val_of(v, sizeof(v), 1000 + run, run);
	cache_put(c, key, v, strlen(v));
	if (also_999) {
		key_of(key, 999);
		val_of(v, sizeof(v), 999, run);
		cache_put(c, key, v, strlen(v));
	}
	assert_int_equal(cache_close(c), 0);
}

static void test_merge_counts_runs_not_segments(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	unsigned char key[CACHE_KEY_SIZE], *v = malloc(BIG_LEN);
	char segs[64][1024];
	unsigned n, run;

	/* run 1, a first scan of a large tree: more than MERGE_AT (8) segments */
	assert_non_null(v);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (n = 0; n < BIG_N; n++) {
		key_of(key, n);
		big_of(v, n);
		cache_put(c, key, v, BIG_LEN);
	}
	assert_int_equal(cache_close(c), 0);
	free(v);
	assert_int_equal(segments(f->dir, segs, 64), 10);

	/*
	 * runs 2 to 8 each add one segment (a key of their own, and key 999
	 * again): 8 runs wrote segments, not more than MERGE_AT, so none merges
	 */
	for (run = 2; run <= 8; run++) {
		usleep(10000); /* younger on disk too, with the coarsest clock */
		small_run(f->dir, run, 1);
		assert_int_equal(segments(f->dir, segs, 64), 10 + run - 1);
		if (run == 2)
			assert_true(bigs_intact(f->dir));
	}
	/* run 9 makes them more than MERGE_AT: one segment holds everything */
	usleep(10000);
	small_run(f->dir, 9, 0);
	assert_int_equal(segments(f->dir, segs, 64), 1);
	assert_true(bigs_intact(f->dir));
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (run = 2; run <= 9; run++)
		assert_true(holds(c, 1000 + run, run));
	/* the newest of the merged segments' values of a key */
	assert_true(holds(c, 999, 8));
	assert_int_equal(cache_close(c), 0);
}

static void test_refuses_folder_inside_forbidden(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char repo[128], inside[160], sneaky[200];
	const char *forbidden[2];
	struct stat st;

	snprintf(repo, sizeof(repo), "%s/repo", f->dir);
	assert_int_equal(mkdir(repo, 0777), 0);
	forbidden[0] = repo;
	forbidden[1] = NULL;
	snprintf(inside, sizeof(inside), "%s/.cache/pg", repo);
	assert_int_equal(cache_open(&c, inside, NS_A, forbidden, 0), -1);
	assert_null(c);
	assert_int_equal(stat(inside, &st), -1);
	assert_non_null(strstr(err_last(), "inside the scanned repository"));
	/* through a part that does not exist yet, then back up */
	snprintf(sneaky, sizeof(sneaky), "%s/nope/../repo/x", f->dir);
	assert_int_equal(cache_open(&c, sneaky, NS_A, forbidden, 0), -1);
	assert_null(c);
	snprintf(sneaky, sizeof(sneaky), "%s/nope/../../x", repo);
	assert_int_equal(cache_open(&c, sneaky, NS_A, forbidden, 0), -1);
	/* a sibling with a longer name is not inside */
	snprintf(inside, sizeof(inside), "%s/repo-cache", f->dir);
	assert_int_equal(cache_open(&c, inside, NS_A, forbidden, 0), 0);
	assert_int_equal(cache_close(c), 0);
}

static void test_unusable_folder_fails_softly(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char file[128], under[160];
	FILE *fp;

	snprintf(file, sizeof(file), "%s/a-file", f->dir);
	fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	snprintf(under, sizeof(under), "%s/cache", file);
	c = (struct cache *)f; /* *out is set only on success */
	assert_int_equal(cache_open(&c, under, NS_A, NULL, 0), -1);
	assert_ptr_equal(c, (struct cache *)f);
	c = NULL;
	assert_non_null(strstr(err_last(), "cannot use cache folder"));
	/* a NULL cache is a cache that never hits and never fails */
	{
		unsigned char key[CACHE_KEY_SIZE];
		size_t len;
		key_of(key, 1);
		assert_null(cache_get(NULL, key, &len));
		cache_put(NULL, key, "x", 1);
		assert_int_equal(cache_close(NULL), 0);
	}
}

static void test_stale_temp_files_removed(void **state)
{
	struct fx *f = *state;
	char segs[8][1024], dir[1024], old[1100], young[1100];
	struct timespec times[2];
	struct stat st;
	FILE *fp;

	fill(f->dir, NS_A, 0, 1, 1, 0);
	assert_int_equal(segments(f->dir, segs, 8), 1);
	snprintf(dir, sizeof(dir), "%s", segs[0]);
	*strrchr(dir, '/') = '\0';
	snprintf(old, sizeof(old), "%s/tmp-1-0-dead", dir);
	snprintf(young, sizeof(young), "%s/tmp-2-0-busy", dir);
	fp = fopen(old, "w");
	fclose(fp);
	fp = fopen(young, "w");
	fclose(fp);
	times[0].tv_sec = times[1].tv_sec = time(NULL) - 7200;
	times[0].tv_nsec = times[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, old, times, 0), 0);
	fill(f->dir, NS_A, 1, 2, 1, 0);
	assert_int_equal(stat(old, &st), -1);
	assert_int_equal(stat(young, &st), 0);
}

struct putter {
	struct cache *c;
	unsigned base;
};

static void *put_many(void *arg)
{
	struct putter *p = arg;
	unsigned char key[CACHE_KEY_SIZE];
	char v[64];
	size_t len;
	unsigned n;
	for (n = p->base; n < p->base + 2000; n++) {
		key_of(key, n);
		val_of(v, sizeof(v), n, 3);
		(void)cache_get(p->c, key, &len);
		cache_put(p->c, key, v, strlen(v));
	}
	return NULL;
}

static void test_threads_put_and_get(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	pthread_t t[4];
	struct putter p[4];
	unsigned i, n;

	fill(f->dir, NS_A, 0, 1000, 3, 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (i = 0; i < 4; i++) {
		p[i].c = c;
		p[i].base = i * 2000;
		assert_int_equal(pthread_create(&t[i], NULL, put_many, &p[i]), 0);
	}
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(cache_close(c), 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (n = 0; n < 8000; n++)
		assert_true(holds(c, n, 3));
	assert_int_equal(cache_close(c), 0);
}

static void test_default_dir(void **state)
{
	char *d;
	(void)state;
	d = cache_default_dir("/xdg", "/home/u");
	assert_string_equal(d, "/xdg/proofgate");
	free(d);
	d = cache_default_dir("relative", "/home/u");
	assert_string_equal(d, "/home/u/.cache/proofgate");
	free(d);
	d = cache_default_dir(NULL, "/home/u");
	assert_string_equal(d, "/home/u/.cache/proofgate");
	free(d);
	assert_null(cache_default_dir("", ""));
	assert_null(cache_default_dir(NULL, NULL));
}

/* The namespace folder of f->dir's only segment, into out. */
static void ns_dir_of(const char *dir, char *out, size_t cap)
{
	char segs[4][1024];
	assert_int_equal(segments(dir, segs, 4), 1);
	snprintf(out, cap, "%s", segs[0]);
	*strrchr(out, '/') = '\0';
}

static int noted(struct cache *c, const char *what)
{
	const char *const *notes;
	size_t i, n = cache_notes(c, &notes);
	for (i = 0; i < n; i++)
		if (strstr(notes[i], what))
			return 1;
	return 0;
}

static void test_oversized_segment_skipped_unread(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	struct cache_stats cs;
	char ns[1024], stray[1100];
	struct stat st;
	unsigned n;
	int fd;

	fill(f->dir, NS_A, 0, 50, 1, 0);
	ns_dir_of(f->dir, ns, sizeof(ns));
	/* 3 GB that take no room: read whole, this test would need 3 GB of memory */
	snprintf(stray, sizeof(stray), "%s/seg-99999999999999999999-1-00000000.pgc", ns);
	fd = open(stray, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)3 << 30), 0);
	close(fd);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	for (n = 0; n < 50; n++)
		assert_true(holds(c, n, 1));
	cache_get_stats(c, &cs);
	assert_int_equal(cs.segments_loaded, 1);
	assert_int_equal(cs.segments_skipped, 1);
	assert_true(noted(c, "seg-99999999999999999999-1-00000000.pgc: larger than the cache's size bound"));
	assert_int_equal(cache_close(c), 0);
	/* it was never a segment of a bounded cache: gone, and the real one kept */
	assert_int_equal(stat(stray, &st), -1);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 0, 1));
	cache_get_stats(c, &cs);
	assert_int_equal(cs.segments_skipped, 0);
	assert_int_equal(cache_close(c), 0);
}

static void test_loaded_bytes_bounded(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	struct cache_stats cs;
	fill(f->dir, NS_A, 0, 1000, 1, 0);
	usleep(2000);
	fill(f->dir, NS_A, 1000, 2000, 2, 0);
	/* two segments of some 55 KB each, a bound that holds one: the newer is mapped, the older skipped */
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 100000), 0);
	cache_get_stats(c, &cs);
	assert_int_equal(cs.segments_loaded, 1);
	assert_int_equal(cs.segments_skipped, 1);
	assert_true(holds(c, 1500, 2));
	assert_false(holds(c, 10, 1));
	assert_true(noted(c, "fill the cache's size bound"));
	assert_int_equal(cache_close(c), 0);
}

static void test_random_edits_never_change_a_value(void **state)
{
	struct fx *f = *state;
	char segs[4][1024];
	unsigned char *orig, *ed;
	struct stat st;
	unsigned seed, n, k, changed = 0;
	FILE *fp;

	fill(f->dir, NS_A, 0, 64, 1, 0);
	assert_int_equal(segments(f->dir, segs, 4), 1);
	assert_int_equal(stat(segs[0], &st), 0);
	orig = malloc((size_t)st.st_size);
	ed = malloc((size_t)st.st_size);
	assert_non_null(orig);
	assert_non_null(ed);
	fp = fopen(segs[0], "rb");
	assert_int_equal(fread(orig, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	for (seed = 1; seed <= 400; seed++) {
		struct cache *c = NULL;
		size_t len = (size_t)st.st_size;
		int fd;
		srand(seed);
		memcpy(ed, orig, len);
		for (k = 0; k < 1 + seed % 4; k++)
			ed[(size_t)rand() % len] ^= (unsigned char)(1 + rand() % 255);
		/* some edits cut or lengthen the file too */
		if (seed % 7 == 0)
			len -= 1 + (size_t)rand() % 40;
		fd = open(segs[0], O_WRONLY | O_CREAT | O_TRUNC, 0600);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, ed, len), (ssize_t)len);
		close(fd);
		assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
		for (n = 0; n < 64; n++) {
			unsigned char key[CACHE_KEY_SIZE];
			size_t got;
			key_of(key, n);
			if (cache_get(c, key, &got) && !holds(c, n, 1))
				fail_msg("seed %u: key %u reads a value it was never given", seed, n);
		}
		changed += !holds(c, 0, 1);
		/* read-only from here: nothing is merged or written */
		assert_int_equal(cache_close(c), 0);
	}
	/* nearly every edit is caught, and then the segment is skipped */
	assert_true(changed > 350);
	free(orig);
	free(ed);
}

static void test_folder_not_ours_refused(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char ns[1024];

	fill(f->dir, NS_A, 0, 5, 1, 0);
	assert_int_equal(chmod(f->dir, 0770), 0);
	c = (struct cache *)f;
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), CACHE_EREFUSED);
	assert_ptr_equal(c, (struct cache *)f);
	assert_non_null(strstr(err_last(), "is writable by its group"));
	assert_int_equal(chmod(f->dir, 0702), 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), CACHE_EREFUSED);
	assert_non_null(strstr(err_last(), "is writable by others"));
	assert_int_equal(chmod(f->dir, 0700), 0);
	/* the folders proofgate keeps below are checked too */
	ns_dir_of(f->dir, ns, sizeof(ns));
	assert_int_equal(chmod(ns, 0777), 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), CACHE_EREFUSED);
	assert_int_equal(chmod(ns, 0700), 0);
	/* another owner: only root can make one here, and root is refused it too */
	if (geteuid() == 0) {
		assert_int_equal(chown(ns, 65534, 65534), 0);
		assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), CACHE_EREFUSED);
		assert_non_null(strstr(err_last(), "belongs to user 65534"));
		assert_int_equal(chown(ns, 0, 0), 0);
	}
	c = NULL;
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_true(holds(c, 1, 1));
	assert_int_equal(cache_close(c), 0);
}

static void test_segment_not_ours_skipped(void **state)
{
	struct fx *f = *state;
	struct cache *c = NULL;
	char segs[4][1024];
	struct stat st;

	fill(f->dir, NS_A, 0, 5, 1, 0);
	assert_int_equal(segments(f->dir, segs, 4), 1);
	assert_int_equal(chmod(segs[0], 0620), 0);
	assert_int_equal(cache_open(&c, f->dir, NS_A, NULL, 0), 0);
	assert_false(holds(c, 1, 1));
	assert_true(noted(c, "owned by another user or writable by group or others"));
	assert_int_equal(cache_close(c), 0);
	/* skipped, not judged: it stays for its owner to see */
	assert_int_equal(stat(segs[0], &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_value_and_binary_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_value_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_segment_does_not_shadow_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_segment_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flipped_bit_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trailing_junk_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_digest_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_bound, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_segments_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_counts_runs_not_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_folder_inside_forbidden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unusable_folder_fails_softly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temp_files_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads_put_and_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oversized_segment_skipped_unread, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loaded_bytes_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_edits_never_change_a_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_not_ours_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_segment_not_ours_skipped, setup, teardown),
		cmocka_unit_test(test_default_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
