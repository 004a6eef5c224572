/* test_pack.c - the packed-blob fast path agrees with libgit2, and steps aside for what it cannot read. */
#define _DEFAULT_SOURCE /* mkdtemp, nftw */
#include "helpers.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "git/pack.h"

struct walk_ctx {
	git_repository *repo;
	struct pack_reader *pr;
	size_t blobs, same, missed;
	int differ;
};

static int each_blob(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk_ctx *w = payload;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	const char *data;
	uint64_t len;
	int rc;

	(void)root;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	w->blobs++;
	assert_int_equal(git_repository_odb(&odb, w->repo), 0);
	assert_int_equal(git_odb_read(&obj, odb, git_tree_entry_id(e)), 0);
	rc = pack_read(w->pr, git_tree_entry_id(e)->id, UINT64_MAX, &data, &len);
	if (rc == PACK_BLOB) {
		if (len == git_odb_object_size(obj) && !memcmp(data, git_odb_object_data(obj), (size_t)len) &&
		    data[len] == '\0')
			w->same++;
		else
			w->differ = 1;
	} else {
		assert_int_equal(rc, PACK_MISS);
		w->missed++;
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	return 0;
}

/* Reads every blob of rev's tree in the repository at repo_path through objdir's packs. */
static void read_rev(const char *repo_path, const char *rev, const char *objdir, struct walk_ctx *w)
{
	git_object *tree = NULL;
	struct pack_set *ps = pack_set_open(objdir);

	memset(w, 0, sizeof(*w));
	assert_int_equal(git_repository_open(&w->repo, repo_path), 0);
	assert_int_equal(git_revparse_single(&tree, w->repo, rev), 0);
	w->pr = pack_reader_new(ps);
	assert_int_equal(git_tree_walk((git_tree *)tree, GIT_TREEWALK_PRE, each_blob, w), 0);
	pack_reader_free(w->pr);
	pack_set_free(ps);
	git_object_free(tree);
	git_repository_free(w->repo);
}

static void read_all(const char *repo_path, const char *objdir, struct walk_ctx *w)
{
	read_rev(repo_path, "HEAD^{tree}", objdir, w);
}

static void objdir_of(char *out, size_t n, const char *fixture)
{
	snprintf(out, n, "%s/.git/objects", fixture_path(fixture));
}

static void test_same_bytes_as_libgit2(void **state)
{
	struct walk_ctx w;
	char objdir[4096];
	(void)state;
	objdir_of(objdir, sizeof(objdir), "seed-v1");
	read_all(fixture_path("seed-v1"), objdir, &w);
	assert_true(w.blobs > 10);
	assert_false(w.differ);
	/* a one-commit repository packed by git gc holds every blob whole */
	assert_int_equal(w.same, w.blobs);
}

static void test_kinds(void **state)
{
	char objdir[4096];
	git_repository *repo = NULL;
	git_object *tree = NULL, *blob = NULL;
	struct pack_set *ps;
	struct pack_reader *pr;
	unsigned char nothing[20];
	const char *data = NULL;
	uint64_t len = 0;
	(void)state;

	objdir_of(objdir, sizeof(objdir), "seed-v1");
	assert_int_equal(git_repository_open(&repo, fixture_path("seed-v1")), 0);
	assert_int_equal(git_revparse_single(&tree, repo, "HEAD^{tree}"), 0);
	assert_int_equal(git_revparse_single(&blob, repo, "HEAD:README.md"), 0);
	ps = pack_set_open(objdir);
	assert_true(pack_set_count(ps) > 0);
	pr = pack_reader_new(ps);
	assert_int_equal(pack_read(pr, git_object_id(tree)->id, UINT64_MAX, &data, &len), PACK_NOT_BLOB);
	/* over the cap: the size is told, nothing is inflated */
	assert_int_equal(pack_read(pr, git_object_id(blob)->id, 3, &data, &len), PACK_TOO_BIG);
	assert_int_equal(len, git_blob_rawsize((git_blob *)blob));
	memset(nothing, 0xab, sizeof(nothing));
	assert_int_equal(pack_read(pr, nothing, UINT64_MAX, &data, &len), PACK_MISS);
	assert_true(pack_has(ps, git_object_id(blob)->id));
	assert_true(pack_has(ps, git_object_id(tree)->id));
	assert_false(pack_has(ps, nothing));
	pack_reader_free(pr);
	pack_set_free(ps);
	/* no packs at all: an empty set, every read a miss */
	ps = pack_set_open("/nonexistent/objects");
	assert_int_equal(pack_set_count(ps), 0);
	pr = pack_reader_new(ps);
	assert_int_equal(pack_read(pr, git_object_id(blob)->id, UINT64_MAX, &data, &len), PACK_MISS);
	pack_reader_free(pr);
	pack_set_free(ps);
	git_object_free(blob);
	git_object_free(tree);
	git_repository_free(repo);
}

/* ---- damaged copies ------------------------------------------------------------------- */

struct copy {
	char dir[64];	 /* the copied objects folder */
	char pack[8600]; /* its .pack */
	char idx[8600];	 /* its .idx */
};

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(in >= 0 && out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		assert_int_equal(write(out, buf, (size_t)n), n);
	close(in);
	close(out);
}

static void copy_packs(struct copy *c, const char *fixture)
{
	char src[4096], sub[4200], from[8400];
	struct dirent *de;
	DIR *d;

	strcpy(c->dir, "/tmp/pg-test-pack.XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	snprintf(sub, sizeof(sub), "%s/pack", c->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(src, sizeof(src), "%s/.git/objects/pack", fixture_path(fixture));
	d = opendir(src);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *to;
		if (n < 5 || (strcmp(de->d_name + n - 5, ".pack") && strcmp(de->d_name + n - 4, ".idx")))
			continue;
		to = strcmp(de->d_name + n - 4, ".idx") ? c->pack : c->idx;
		snprintf(from, sizeof(from), "%s/%s", src, de->d_name);
		snprintf(to, sizeof(c->pack), "%s/%s", sub, de->d_name);
		copy_file(from, to);
	}
	closedir(d);
	assert_true(c->pack[0] && c->idx[0]);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void flip_every(const char *path, long from, long step)
{
	struct stat st;
	int fd = open(path, O_RDWR);
	long off;
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	for (off = from; off < st.st_size - 20; off += step) {
		unsigned char b;
		assert_int_equal(pread(fd, &b, 1, off), 1);
		b ^= 0x5a;
		assert_int_equal(pwrite(fd, &b, 1, off), 1);
	}
	close(fd);
}

static void test_damaged_pack_never_gives_wrong_bytes(void **state)
{
	struct walk_ctx w;
	struct copy c;
	(void)state;
	memset(&c, 0, sizeof(c));
	copy_packs(&c, "seed-v1");
	flip_every(c.pack, 64, 97);
	read_all(fixture_path("seed-v1"), c.dir, &w);
	/* a blob either inflates to exactly libgit2's bytes or is left to libgit2 */
	assert_false(w.differ);
	assert_true(w.missed > 0);
	nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void test_foreign_or_broken_index_is_unused(void **state)
{
	struct copy c;
	struct pack_set *ps;
	int fd;
	(void)state;

	memset(&c, 0, sizeof(c));
	copy_packs(&c, "seed-v1");
	/* the pack's trailing checksum no longer matches the one the index records */
	flip_every(c.pack, 0, 1 << 30); /* only the first byte: "PACK" becomes garbage */
	ps = pack_set_open(c.dir);
	assert_int_equal(pack_set_count(ps), 0);
	pack_set_free(ps);
	nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);

	memset(&c, 0, sizeof(c));
	copy_packs(&c, "seed-v1");
	fd = open(c.idx, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\377tOc\0\0\0\2", 8), 8); /* a truncated index */
	close(fd);
	ps = pack_set_open(c.dir);
	assert_int_equal(pack_set_count(ps), 0);
	pack_set_free(ps);
	nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/*
 * git gc stores the older of two similar versions of a file as a delta
 * against the newer: the fast path leaves it to libgit2, and still reads
 * the newer whole.
 */
static void test_deltas_are_left_to_libgit2(void **state)
{
	struct walk_ctx w;
	char dir[] = "/tmp/pg-test-pack-delta.XXXXXX", cmd[1024], objdir[128];
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cd %s && export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=%s && git init -q . && "
		 "git config user.name t && git config user.email t@t && "
		 "seq 1 3000 > f.txt && git add f.txt && git commit -qm one && "
		 "seq 1 3001 > f.txt && git commit -qam two && git gc -q --prune=now && "
		 "git verify-pack -v .git/objects/pack/*.idx | grep -q ' blob .* 1 [0-9a-f]*$'",
		 dir, dir);
	assert_int_equal(system(cmd), 0); /* the first version is a delta */
	snprintf(objdir, sizeof(objdir), "%s/.git/objects", dir);
	read_rev(dir, "HEAD~1^{tree}", objdir, &w);
	assert_false(w.differ);
	assert_int_equal(w.blobs, 1);
	assert_int_equal(w.missed, 1);
	read_rev(dir, "HEAD^{tree}", objdir, &w);
	assert_false(w.differ);
	assert_int_equal(w.same, 1);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* The id of the blob at rev:path in the repository at dir. */
static void blob_id(git_oid *out, const char *dir, const char *spec)
{
	git_repository *repo = NULL;
	git_object *o = NULL;
	assert_int_equal(git_repository_open(&repo, dir), 0);
	assert_int_equal(git_revparse_single(&o, repo, spec), 0);
	git_oid_cpy(out, git_object_id(o));
	git_object_free(o);
	git_repository_free(repo);
}

/* 1 when len bytes at data are the blob id of the repository at dir, as libgit2 reads it. */
static int same_as_libgit2(const char *dir, const git_oid *id, const char *data, uint64_t len)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	int same;
	assert_int_equal(git_repository_open(&repo, dir), 0);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	assert_int_equal(git_odb_read(&obj, odb, id), 0);
	same = git_odb_object_size(obj) == len && !memcmp(git_odb_object_data(obj), data, (size_t)len) &&
	       data[len] == '\0';
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_repository_free(repo);
	return same;
}

/*
 * A reader keeps a large blob's buffers only until its next read: a
 * thread that met one 3 MB file holds no more than PACK_READER_KEEP a
 * buffer afterwards.  Every blob's bytes start at PACK_DATA_ALIGN.
 */
static void test_large_blob_buffers_given_back(void **state)
{
	char dir[] = "/tmp/pg-test-pack-big.XXXXXX", cmd[1024], objdir[128];
	git_oid big, small;
	struct pack_set *ps;
	struct pack_reader *pr;
	const char *data = NULL;
	uint64_t len = 0;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cd %s && export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=%s && git init -q . && "
		 "git config user.name t && git config user.email t@t && "
		 "seq 1 400000 > big.txt && echo hello > small.txt && git add . && git commit -qm one && "
		 "git gc -q --prune=now",
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	blob_id(&big, dir, "HEAD:big.txt");
	blob_id(&small, dir, "HEAD:small.txt");
	snprintf(objdir, sizeof(objdir), "%s/.git/objects", dir);
	ps = pack_set_open(objdir);
	pr = pack_reader_new(ps);
	assert_int_equal(pack_reader_held(pr), 0);

	/* inflated from a mapping of the pack: the same bytes as libgit2's, and only the output buffer held */
	assert_int_equal(pack_read(pr, big.id, UINT64_MAX, &data, &len), PACK_BLOB);
	assert_true(len > 2 * PACK_READER_KEEP);
	assert_int_equal((uintptr_t)data % PACK_DATA_ALIGN, 0);
	assert_true(same_as_libgit2(dir, &big, data, len));
	assert_true(pack_reader_held(pr) > len);
	assert_true(pack_reader_held(pr) <= len + 1 + PACK_READER_KEEP);

	assert_int_equal(pack_read(pr, small.id, UINT64_MAX, &data, &len), PACK_BLOB);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "hello\n", 6);
	assert_int_equal((uintptr_t)data % PACK_DATA_ALIGN, 0);
	assert_true(pack_reader_held(pr) <= 2 * PACK_READER_KEEP);

	/* a read that is not a whole blob gives the large buffers back too */
	assert_int_equal(pack_read(pr, big.id, UINT64_MAX, &data, &len), PACK_BLOB);
	assert_true(pack_reader_held(pr) > len);
	assert_int_equal(pack_read(pr, big.id, 3, &data, &len), PACK_TOO_BIG);
	assert_true(pack_reader_held(pr) <= 2 * PACK_READER_KEEP);

	pack_reader_free(pr);
	pack_set_free(ps);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- a large index, read without mapping it ------------------------------------------- */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

/* 1 when /proc/self/maps names path (a mapping of that file) */
static int mapped(const char *path)
{
	char line[8192];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		found |= strstr(line, path) != NULL;
	fclose(f);
	return found;
}

/*
 * An index of 20,000 ids written here (a pack of the same count and
 * checksum beside it): ids spread over every first byte, 300 sharing their
 * first 8 bytes (past the keys a lookup narrows with), some first bytes with
 * no id.  Every id is found, no id one off from one is, and the index is
 * never mapped (a large one became resident page by page).
 */
static void test_large_index_found_unmapped(void **state)
{
	enum { N = 20000, SAME = 300 };
	char dir[] = "/tmp/pg-test-pack-index.XXXXXX", objdir[128], path[160];
	unsigned char *ids = malloc((size_t)N * 20), *idx, sum[20], probe[20];
	uint32_t fanout[256] = {0}, i;
	unsigned long x = 20261203;
	size_t len, at;
	struct pack_set *ps;
	FILE *f;
	(void)state;

	assert_non_null(ids);
	for (i = 0; i < N; i++) {
		int k;
		for (k = 0; k < 20; k++) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			ids[(size_t)i * 20 + k] = (unsigned char)(x >> 33);
		}
		if (ids[(size_t)i * 20] == 0x42 || ids[(size_t)i * 20] == 0x43)
			ids[(size_t)i * 20] = 0x41; /* 0x42 and 0x43: buckets with no id */
		if (i < SAME)
			memcpy(ids + (size_t)i * 20, "\x7f\x01\x02\x03\x04\x05\x06\x07", 8);
	}
	qsort(ids, N, 20, cmp_id);
	for (i = 1; i < N; i++)
		assert_true(memcmp(ids + (size_t)(i - 1) * 20, ids + (size_t)i * 20, 20) < 0); /* distinct */
	for (i = 0; i < N; i++)
		fanout[ids[(size_t)i * 20]]++;
	for (i = 1; i < 256; i++)
		fanout[i] += fanout[i - 1];
	len = 8 + 1024 + (size_t)N * (20 + 4 + 4) + 40;
	idx = calloc(1, len);
	assert_non_null(idx);
	memcpy(idx, "\377tOc", 4);
	put32(idx + 4, 2);
	for (i = 0; i < 256; i++)
		put32(idx + 8 + 4 * i, fanout[i]);
	memcpy(idx + 8 + 1024, ids, (size_t)N * 20);
	at = 8 + 1024 + (size_t)N * 24; /* past the ids and the CRCs */
	for (i = 0; i < N; i++)
		put32(idx + at + 4 * i, 12 + i);
	memset(sum, 0x5a, sizeof(sum));
	memcpy(idx + len - 40, sum, 20);

	assert_non_null(mkdtemp(dir));
	snprintf(objdir, sizeof(objdir), "%s/objects", dir);
	snprintf(path, sizeof(path), "%s/objects", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/objects/pack", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/objects/pack/pack-test.pack", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	{
		unsigned char head[12];
		memcpy(head, "PACK", 4);
		put32(head + 4, 2);
		put32(head + 8, N);
		fwrite(head, 1, 12, f);
		for (i = 0; i < N; i++)
			fputc(0, f);
		fwrite(sum, 1, 20, f);
	}
	fclose(f);
	snprintf(path, sizeof(path), "%s/objects/pack/pack-test.idx", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(idx, 1, len, f), len);
	fclose(f);

	ps = pack_set_open(objdir);
	assert_int_equal(pack_set_count(ps), N);
	for (i = 0; i < N; i++) {
		const unsigned char *id = ids + (size_t)i * 20;
		if (!pack_has(ps, id))
			fail_msg("id %u of %u is not found", i, N);
		memcpy(probe, id, 20);
		probe[19] ^= 1;
		if (!bsearch(probe, ids, N, 20, cmp_id) && pack_has(ps, probe))
			fail_msg("an id one bit off id %u is found", i);
	}
	memset(probe, 0x42, sizeof(probe));
	assert_false(pack_has(ps, probe)); /* an empty bucket */
	memset(probe, 0x00, sizeof(probe));
	assert_int_equal(pack_has(ps, probe), bsearch(probe, ids, N, 20, cmp_id) != NULL);
	memset(probe, 0xff, sizeof(probe));
	assert_int_equal(pack_has(ps, probe), bsearch(probe, ids, N, 20, cmp_id) != NULL);
	assert_false(mapped(path));
	pack_set_free(ps);
	free(idx);
	free(ids);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_as_libgit2),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_damaged_pack_never_gives_wrong_bytes),
		cmocka_unit_test(test_foreign_or_broken_index_is_unused),
		cmocka_unit_test(test_deltas_are_left_to_libgit2),
		cmocka_unit_test(test_large_blob_buffers_given_back),
		cmocka_unit_test(test_large_index_found_unmapped),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
