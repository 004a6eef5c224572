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

#include <libdeflate.h>

#include "util/buf.h"
#include "git/pack.h"

struct walk_ctx {
	git_repository *repo;
	struct pack_reader *pr;
	size_t blobs, same, missed, others;
	int differ;
	int damaged; /* read from a damaged copy of the packs: what it says of a type may be wrong */
};

/*
 * Reads the object id through the fast path: a blob must be libgit2's
 * bytes (counted in same) or a miss (missed); anything else must not be
 * called a blob.
 */
static void check_object(struct walk_ctx *w, const git_oid *id)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	const char *data;
	uint64_t len;
	int rc;

	assert_int_equal(git_repository_odb(&odb, w->repo), 0);
	assert_int_equal(git_odb_read(&obj, odb, id), 0);
	rc = pack_read(w->pr, id->id, UINT64_MAX, &data, &len);
	if (git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		w->others++;
		if (rc != PACK_NOT_BLOB && rc != PACK_MISS && !w->damaged)
			w->differ = 1;
	} else if (w->blobs++, rc == PACK_BLOB) {
		if (len == git_odb_object_size(obj) && !memcmp(data, git_odb_object_data(obj), (size_t)len) &&
		    data[len] == '\0' && (uintptr_t)data % PACK_DATA_ALIGN == 0)
			w->same++;
		else
			w->differ = 1;
	} else {
		/* a damaged entry header may well name another type */
		if (rc != PACK_MISS && !(w->damaged && rc == PACK_NOT_BLOB))
			fail_msg("a blob read as %d", rc);
		w->missed++;
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
}

static int each_blob(const char *root, const git_tree_entry *e, void *payload)
{
	(void)root;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		check_object(payload, git_tree_entry_id(e));
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

static void copy_packs(struct copy *c, const char *repo_path)
{
	char src[4096], sub[4200], from[8400];
	struct dirent *de;
	DIR *d;

	strcpy(c->dir, "/tmp/pg-test-pack.XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	snprintf(sub, sizeof(sub), "%s/pack", c->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(src, sizeof(src), "%s/.git/objects/pack", repo_path);
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
	copy_packs(&c, fixture_path("seed-v1"));
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
	copy_packs(&c, fixture_path("seed-v1"));
	/* the pack's trailing checksum no longer matches the one the index records */
	flip_every(c.pack, 0, 1 << 30); /* only the first byte: "PACK" becomes garbage */
	ps = pack_set_open(c.dir);
	assert_int_equal(pack_set_count(ps), 0);
	pack_set_free(ps);
	nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);

	memset(&c, 0, sizeof(c));
	copy_packs(&c, fixture_path("seed-v1"));
	fd = open(c.idx, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\377tOc\0\0\0\2", 8), 8); /* a truncated index */
	close(fd);
	ps = pack_set_open(c.dir);
	assert_int_equal(pack_set_count(ps), 0);
	pack_set_free(ps);
	nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
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

/* ---- deltas written by git ------------------------------------------------------------- */

#define T_COMMIT    1
#define T_TREE	    2
#define T_BLOB	    3
#define T_OFS_DELTA 6
#define T_REF_DELTA 7

/* The path of the one .EXT file in the repository at repo_path's pack folder (static storage). */
static const char *pack_file(const char *repo_path, const char *ext)
{
	static char path[1024];
	char dir[600];
	struct dirent *de;
	DIR *d;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/.git/objects/pack", repo_path);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name), e = strlen(ext);
		if (n > e && !strcmp(de->d_name + n - e, ext)) {
			found++;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		}
	}
	closedir(d);
	assert_int_equal(found, 1);
	return path;
}

/* How many entries of each type (1 to 7) the one pack of the repository at repo_path holds. */
static void pack_types(const char *repo_path, size_t types[8])
{
	unsigned char head[8 + 1024], b[4];
	uint32_t n, i;
	int idx = open(pack_file(repo_path, ".idx"), O_RDONLY), pack = open(pack_file(repo_path, ".pack"), O_RDONLY);

	assert_true(idx >= 0 && pack >= 0);
	memset(types, 0, 8 * sizeof(*types));
	assert_int_equal(pread(idx, head, sizeof(head), 0), sizeof(head));
	n = (uint32_t)head[8 + 1020] << 24 | (uint32_t)head[8 + 1021] << 16 | (uint32_t)head[8 + 1022] << 8 |
	    head[8 + 1023];
	for (i = 0; i < n; i++) {
		unsigned char t;
		uint32_t off;
		assert_int_equal(pread(idx, b, 4, (off_t)(sizeof(head) + (size_t)n * 24 + 4 * (size_t)i)), 4);
		off = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
		assert_int_equal(pread(pack, &t, 1, off), 1);
		types[t >> 4 & 7]++;
	}
	close(idx);
	close(pack);
}

struct id_list {
	git_oid *ids;
	size_t n, cap;
};

static int collect_id(const git_oid *id, void *payload)
{
	struct id_list *l = payload;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->ids = realloc(l->ids, l->cap * sizeof(*l->ids));
		assert_non_null(l->ids);
	}
	git_oid_cpy(&l->ids[l->n++], id);
	return 0;
}

/*
 * Reads every object of the repository at repo_path through objdir's
 * packs (a damaged copy of them when damaged): with one reader, whose
 * base cache serves later chains, or with a new reader for each object
 * (fresh), so that every chain is built from its whole base.  A blob read is also read with a cap one byte below its
 * size, which must say PACK_TOO_BIG and its size.  The reader never holds
 * more than its stated bounds.
 */
static void read_every(const char *repo_path, const char *objdir, int fresh, int damaged, struct walk_ctx *w)
{
	struct pack_set *ps = pack_set_open(objdir);
	struct id_list l = {NULL, 0, 0};
	git_odb *odb = NULL;
	size_t i;

	memset(w, 0, sizeof(*w));
	w->damaged = damaged;
	assert_int_equal(git_repository_open(&w->repo, repo_path), 0);
	assert_int_equal(git_repository_odb(&odb, w->repo), 0);
	assert_int_equal(git_odb_foreach(odb, collect_id, &l), 0);
	for (i = 0; i < l.n; i++) {
		const char *data;
		uint64_t len, cut;
		size_t same = w->same;
		if (fresh || !w->pr) {
			pack_reader_free(w->pr);
			w->pr = pack_reader_new(ps);
		}
		check_object(w, &l.ids[i]);
		if (w->same > same && pack_read(w->pr, l.ids[i].id, UINT64_MAX, &data, &len) == PACK_BLOB && len > 0) {
			cut = len - 1;
			if (pack_read(w->pr, l.ids[i].id, cut, &data, &cut) != PACK_TOO_BIG || cut != len)
				w->differ = 1;
		}
		assert_true(pack_reader_held(w->pr) <= 3 * PACK_READER_KEEP + PACK_BASE_CACHE);
	}
	pack_reader_free(w->pr);
	free(l.ids);
	git_odb_free(odb);
	git_repository_free(w->repo);
	pack_set_free(ps);
}

/* 30 versions of three files, each commit a small change to each */
#define VERSIONS_SH                                                                                                    \
	"git init -q -b main . && for i in $(seq 1 30); do "                                                           \
	"{ seq 1 $((1500 + i * 13)); echo \"version $i\"; seq $i 3 900; } > f.txt && "                                 \
	"{ echo '# notes'; for k in $(seq 1 $i); do echo \"line $k of the notes, changed in version $k\"; done; } "    \
	"> notes.md && { seq 1 400; printf 'bin\\000%%s' $i; } > data.bin && git add . && git commit -qm v$i; done"

/*
 * git stores most versions of a file as deltas, chains of them, against
 * REF_DELTA (git pack-objects without --delta-base-offset) or OFS_DELTA
 * bases (git repack): the fast path builds every one, to libgit2's bytes,
 * and knows each tree and commit for what it is.
 */
static void test_deltas_same_as_libgit2(void **state)
{
	struct walk_ctx w;
	size_t types[8];
	char objdir[512];
	int fresh, round;
	(void)state;

	scratch_sh(VERSIONS_SH " && git rev-list --objects --all | "
			       "git pack-objects -q --window=50 --depth=50 .git/objects/pack/pack && git prune-packed");
	snprintf(objdir, sizeof(objdir), "%s/.git/objects", scratch_dir);
	for (round = 0; round < 2; round++) {
		pack_types(scratch_dir, types);
		assert_int_equal(types[round ? T_REF_DELTA : T_OFS_DELTA], 0);
		assert_true(types[round ? T_OFS_DELTA : T_REF_DELTA] > 40);
		scratch_sh("git verify-pack -v .git/objects/pack/*.idx | grep -q '^chain length = 3:'");
		for (fresh = 0; fresh < 2; fresh++) {
			read_every(scratch_dir, objdir, fresh, 0, &w);
			assert_false(w.differ);
			assert_int_equal(w.missed, 0);
			assert_int_equal(w.blobs, 90);
			assert_int_equal(w.same, w.blobs);
			assert_int_equal(w.others, 60); /* 30 trees, 30 commits */
		}
		scratch_sh("git repack -q -a -d -f --depth=50 --window=50");
	}
}

/*
 * A damaged pack of deltas: a blob is built to exactly libgit2's bytes or
 * left to libgit2, never anything else, and nothing crashes.
 */
static void test_damaged_deltas_never_give_wrong_bytes(void **state)
{
	static const long steps[][2] = {{12, 97}, {13, 31}, {40, 211}, {15, 7}};
	struct walk_ctx w;
	struct copy c;
	size_t k, missed = 0;
	(void)state;

	scratch_sh(VERSIONS_SH " && git repack -q -a -d -f --depth=50 --window=50");
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		memset(&c, 0, sizeof(c));
		copy_packs(&c, scratch_dir);
		flip_every(c.pack, steps[k][0], steps[k][1]);
		read_every(scratch_dir, c.dir, 0, 1, &w);
		assert_false(w.differ);
		missed += w.missed;
		nftw(c.dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	}
	assert_true(missed > 0);
}

/*
 * A delta chain whose result is over PACK_READER_KEEP is left to libgit2
 * (which the scan lets one thread at a time read), but its size is told
 * from the delta's header: over the cap it is PACK_TOO_BIG, nothing built.
 */
static void test_large_delta(void **state)
{
	git_oid old;
	git_repository *repo = NULL;
	git_blob *blob = NULL;
	struct pack_set *ps;
	struct pack_reader *pr;
	char objdir[512];
	const char *data = NULL;
	uint64_t len = 0;
	(void)state;

	scratch_sh(
		"git init -q -b main . && seq 1 200000 > big.txt && git add . && git commit -qm one && "
		"seq 1 200001 > big.txt && git commit -qam two && git repack -q -a -d -f && "
		"git verify-pack -v .git/objects/pack/*.idx | grep -q \"^$(git rev-parse HEAD~1:big.txt) blob .* 1 \"");
	blob_id(&old, scratch_dir, "HEAD~1:big.txt");
	assert_int_equal(git_repository_open(&repo, scratch_dir), 0);
	assert_int_equal(git_blob_lookup(&blob, repo, &old), 0);
	snprintf(objdir, sizeof(objdir), "%s/.git/objects", scratch_dir);
	ps = pack_set_open(objdir);
	pr = pack_reader_new(ps);
	assert_int_equal(pack_read(pr, old.id, 1000, &data, &len), PACK_TOO_BIG);
	assert_int_equal(len, git_blob_rawsize(blob));
	assert_true(len > PACK_READER_KEEP);
	assert_int_equal(pack_read(pr, old.id, UINT64_MAX, &data, &len), PACK_MISS);
	assert_true(pack_reader_held(pr) <= 3 * PACK_READER_KEEP + PACK_BASE_CACHE);
	pack_reader_free(pr);
	pack_set_free(ps);
	git_blob_free(blob);
	git_repository_free(repo);
}

/* ---- packs written here ---------------------------------------------------------------- */

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

/*
 * Writes dir/objects/pack/pack-test.pack (a header for n entries, body,
 * a trailer) and its version 2 index: the n ids (sorted) and where each
 * entry starts.  Nothing reads the CRCs or checks the checksums, which
 * only have to agree.
 */
static void write_pack(const char *dir, const unsigned char *ids, const uint64_t *offs, uint32_t n,
		       const unsigned char *body, size_t body_len)
{
	uint32_t fanout[256] = {0}, i;
	unsigned char head[12], sum[20], *idx;
	size_t len = 8 + 1024 + (size_t)n * (20 + 4 + 4) + 40, at;
	char path[512];
	FILE *f;

	for (i = 0; i < n; i++)
		fanout[ids[(size_t)i * 20]]++;
	for (i = 1; i < 256; i++)
		fanout[i] += fanout[i - 1];
	idx = calloc(1, len);
	assert_non_null(idx);
	memcpy(idx, "\377tOc", 4);
	put32(idx + 4, 2);
	for (i = 0; i < 256; i++)
		put32(idx + 8 + 4 * i, fanout[i]);
	memcpy(idx + 8 + 1024, ids, (size_t)n * 20);
	at = 8 + 1024 + (size_t)n * 24; /* past the ids and the CRCs */
	for (i = 0; i < n; i++) {
		assert_true(offs[i] < 0x80000000u);
		put32(idx + at + 4 * i, (uint32_t)offs[i]);
	}
	memset(sum, 0x5a, sizeof(sum));
	memcpy(idx + len - 40, sum, 20);

	snprintf(path, sizeof(path), "%s/objects", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/objects/pack", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/objects/pack/pack-test.pack", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	memcpy(head, "PACK", 4);
	put32(head + 4, 2);
	put32(head + 8, n);
	assert_int_equal(fwrite(head, 1, 12, f), 12);
	assert_int_equal(fwrite(body, 1, body_len, f), body_len);
	assert_int_equal(fwrite(sum, 1, 20, f), 20);
	fclose(f);
	snprintf(path, sizeof(path), "%s/objects/pack/pack-test.idx", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(idx, 1, len, f), len);
	fclose(f);
	free(idx);
}

/* ---- deltas written here, right and wrong ----------------------------------------------- */

/* A pack being written: its entries' bytes, and where each starts; entry i's id is hand_id(i). */
struct hand {
	unsigned char *body;
	size_t len, cap;
	uint64_t offs[256];
	uint32_t n;
	struct libdeflate_compressor *z;
};

static void hand_id(unsigned char id[20], uint32_t i)
{
	memset(id, 0x5a, 20);
	id[0] = (unsigned char)i; /* in the order written, so the index's order */
}

static void hand_put(struct hand *h, const void *p, size_t n)
{
	if (h->len + n > h->cap) {
		h->cap = 2 * (h->len + n);
		h->body = realloc(h->body, h->cap);
		assert_non_null(h->body);
	}
	memcpy(h->body + h->len, p, n);
	h->len += n;
}

/*
 * Appends an entry: its header (type, and size: that of data unless
 * claimed is not 0), then an OFS_DELTA's distance back to its base or a
 * REF_DELTA's base id, then data deflated.  Returns its index.
 */
static uint32_t hand_entry(struct hand *h, int type, uint64_t claimed, uint64_t back, const unsigned char *ref,
			   const void *data, size_t len)
{
	unsigned char b[16], *z;
	uint64_t size = claimed ? claimed : len;
	size_t zn, k = 0;

	assert_true(h->n < 255);
	h->offs[h->n] = 12 + h->len;
	b[k++] = (unsigned char)(type << 4 | (size & 15) | (size >> 4 ? 0x80 : 0));
	for (size >>= 4; size; size >>= 7)
		b[k++] = (unsigned char)((size & 0x7f) | (size >> 7 ? 0x80 : 0));
	hand_put(h, b, k);
	if (type == T_OFS_DELTA) {
		/* git's encoding: big-endian 7 bits a byte, each continuation one more */
		k = sizeof(b) - 1;
		b[k] = back & 0x7f;
		while (back >>= 7)
			b[--k] = (unsigned char)(0x80 | (--back & 0x7f));
		hand_put(h, b + k, sizeof(b) - k);
	} else if (type == T_REF_DELTA) {
		hand_put(h, ref, 20);
	}
	z = malloc(libdeflate_zlib_compress_bound(h->z, len));
	assert_non_null(z);
	zn = libdeflate_zlib_compress(h->z, data, len, z, libdeflate_zlib_compress_bound(h->z, len));
	assert_true(zn > 0);
	hand_put(h, z, zn);
	free(z);
	return h->n++;
}

/* A delta: its header (the base's size, the result's) and then ops; in a static buffer, *len its length. */
static const unsigned char *delta(uint64_t src, uint64_t dst, const char *ops, size_t ops_len, size_t *len)
{
	static unsigned char d[1024];
	uint64_t v[2] = {src, dst};
	size_t k = 0, i;
	for (i = 0; i < 2; i++) {
		do {
			d[k++] = (unsigned char)((v[i] & 0x7f) | (v[i] >> 7 ? 0x80 : 0));
			v[i] >>= 7;
		} while (v[i]);
	}
	assert_true(k + ops_len <= sizeof(d));
	memcpy(d + k, ops, ops_len);
	*len = k + ops_len;
	return d;
}

static uint32_t hand_ofs(struct hand *h, uint32_t base, uint64_t src, uint64_t dst, const char *ops, size_t ops_len)
{
	size_t n;
	const unsigned char *d = delta(src, dst, ops, ops_len, &n);
	return hand_entry(h, T_OFS_DELTA, 0, 12 + h->len - h->offs[base], NULL, d, n);
}

static uint32_t hand_ref(struct hand *h, const unsigned char *base_id, uint64_t src, uint64_t dst, const char *ops,
			 size_t ops_len)
{
	size_t n;
	const unsigned char *d = delta(src, dst, ops, ops_len, &n);
	return hand_entry(h, T_REF_DELTA, 0, 0, base_id, d, n);
}

/* Writes the pack and its index into the new folder dir (a mkdtemp template) and opens it; the caller frees the set. */
static struct pack_set *hand_open(struct hand *h, char *dir)
{
	unsigned char ids[256 * 20];
	char objdir[512];
	struct pack_set *ps;
	uint32_t i;

	for (i = 0; i < h->n; i++)
		hand_id(ids + (size_t)i * 20, i);
	assert_non_null(mkdtemp(dir));
	write_pack(dir, ids, h->offs, h->n, h->body, h->len);
	snprintf(objdir, sizeof(objdir), "%s/objects", dir);
	ps = pack_set_open(objdir);
	assert_int_equal(pack_set_count(ps), h->n);
	return ps;
}

/* Frees what h holds and removes the folder hand_open wrote. */
static void hand_free(struct hand *h, const char *dir)
{
	libdeflate_free_compressor(h->z);
	free(h->body);
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

#define OPS(s) s, sizeof(s) - 1
#define BASE   "hello world\n" /* 12 bytes */
/* "hello " (a copy with a size byte), "there" (an insert), " world\n" (a copy with both) */
#define GOOD                                                                                                           \
	"\x90\x06"                                                                                                     \
	"\x05"                                                                                                         \
	"there"                                                                                                        \
	"\x91\x05\x07"
#define GOOD_IS "hello there world\n"

struct want {
	uint32_t entry;
	uint64_t max;
	int rc;
	const char *bytes; /* PACK_BLOB's, or NULL */
	uint64_t len;	   /* PACK_BLOB's or PACK_TOO_BIG's */
};

/*
 * Deltas written here, one wrong in each way a pack can be: every wrong
 * one is PACK_MISS (left to libgit2), never a crash or other bytes, and
 * the right ones are built, at the chain depth limit too.  Read with one
 * reader throughout (the cache holding what the right ones built) and
 * with a new one for each read.
 */
static void test_hand_made_deltas(void **state)
{
	char dir[] = "/tmp/pg-test-pack-hand.XXXXXX";
	static char big[0x10000 + 1], deep[PACK_DELTA_DEPTH + 2];
	struct hand h;
	struct want want[64];
	unsigned char id_a[20], id_b[20], id_none[20], tree_id[20];
	uint32_t base, good, i, prev, nw = 0, deep_ok = 0, deep_over = 0, tree, big_base;
	struct pack_set *ps;
	struct pack_reader *shared, *pr;
	size_t k, len;
	int pass;
	(void)state;

	memset(&h, 0, sizeof(h));
	h.z = libdeflate_alloc_compressor(6);
	assert_non_null(h.z);
#define WANT(e, m, r, b, l) (want[nw++] = (struct want){(e), (m), (r), (b), (l)})
	base = hand_entry(&h, T_BLOB, 0, 0, NULL, OPS(BASE));
	hand_id(id_a, base);
	/* right: OFS, REF (with every offset and size byte of a copy present), a chain of two */
	good = hand_ofs(&h, base, 12, 18, OPS(GOOD));
	WANT(good, UINT64_MAX, PACK_BLOB, GOOD_IS, 18);
	WANT(good, 17, PACK_TOO_BIG, NULL, 18);
	WANT(hand_ref(&h, id_a, 12, 18,
		      OPS("\xff\x00\x00\x00\x00\x06\x00\x00"
			  "\x05"
			  "there"
			  "\x91\x05\x07")),
	     UINT64_MAX, PACK_BLOB, GOOD_IS, 18);
	WANT(hand_ofs(&h, good, 18, 24,
		      OPS("\x90\x12"
			  "\x06"
			  "again\n")),
	     UINT64_MAX, PACK_BLOB, GOOD_IS "again\n", 24);
	/* wrong */
	WANT(hand_ofs(&h, base, 12, 8, OPS("\x91\x08\x08")), UINT64_MAX, PACK_MISS, NULL, 0); /* copy past the base */
	WANT(hand_ofs(&h, base, 12, 1, OPS("\x91\x0d\x01")), UINT64_MAX, PACK_MISS, NULL, 0); /* copy from past it */
	WANT(hand_ofs(&h, base, 12, 17, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);	      /* result too long */
	WANT(hand_ofs(&h, base, 12, 19, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);	      /* result too short */
	WANT(hand_ofs(&h, base, 11, 18, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);	      /* the base's size */
	WANT(hand_ofs(&h, base, 12, 6,
		      OPS("\x00\x06"
			  "hello ")),
	     UINT64_MAX, PACK_MISS, NULL, 0); /* op 0 */
	WANT(hand_ofs(&h, base, 12, 10,
		      OPS("\x0a"
			  "abc")),
	     UINT64_MAX, PACK_MISS, NULL, 0);						  /* insert cut short */
	WANT(hand_ofs(&h, base, 12, 6, OPS("\x91\x00")), UINT64_MAX, PACK_MISS, NULL, 0); /* copy cut short */
	/* a header cut short in its first size, and one of 10 bytes (a size past 63 bits) */
	WANT(hand_entry(&h, T_OFS_DELTA, 0, 12 + h.len - h.offs[base], NULL, OPS("\x8c")), UINT64_MAX, PACK_MISS, NULL,
	     0);
	WANT(hand_entry(&h, T_OFS_DELTA, 0, 12 + h.len - h.offs[base], NULL,
			OPS("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x0c\x12" GOOD)),
	     UINT64_MAX, PACK_MISS, NULL, 0);
	/* the entry says its delta inflates to a byte more than it does */
	{
		const unsigned char *d = delta(12, 18, OPS(GOOD), &len);
		WANT(hand_entry(&h, T_OFS_DELTA, len + 1, 12 + h.len - h.offs[base], NULL, d, len), UINT64_MAX,
		     PACK_MISS, NULL, 0);
	}
	/* bases that cannot be: itself, before the pack's start, another pack's, a cycle */
	WANT(hand_entry(&h, T_OFS_DELTA, 0, 0, NULL, OPS("\x0c\x01\x01x")), UINT64_MAX, PACK_MISS, NULL, 0);
	WANT(hand_entry(&h, T_OFS_DELTA, 0, 12 + h.len + 1, NULL, OPS("\x0c\x01\x01x")), UINT64_MAX, PACK_MISS, NULL,
	     0);
	memset(id_none, 0xee, sizeof(id_none));
	WANT(hand_ref(&h, id_none, 12, 18, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);
	hand_id(id_a, h.n + 1);
	hand_id(id_b, h.n);
	WANT(hand_ref(&h, id_a, 12, 18, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);
	WANT(hand_ref(&h, id_b, 12, 18, OPS(GOOD)), UINT64_MAX, PACK_MISS, NULL, 0);
	/* a delta of a tree is a tree */
	tree = hand_entry(&h, T_TREE, 0, 0, NULL, OPS("100644 a\0aaaaaaaaaaaaaaaaaaaa"));
	hand_id(tree_id, tree);
	WANT(hand_ref(&h, tree_id, 29, 29, OPS("\x90\x1d")), UINT64_MAX, PACK_NOT_BLOB, NULL, 0);
	/* a copy of 0x10000 bytes: no size byte */
	for (k = 0; k < 0x10000; k++)
		big[k] = (char)('a' + k % 26);
	big_base = hand_entry(&h, T_BLOB, 0, 0, NULL, big, 0x10000);
	big[0x10000] = 'z';
	WANT(hand_ofs(&h, big_base, 0x10000, 0x10001,
		      OPS("\x80"
			  "\x01"
			  "z")),
	     UINT64_MAX, PACK_BLOB, big, 0x10001);
	/* PACK_DELTA_DEPTH deltas on one base, then one more: each adds a letter */
	deep[0] = 'd';
	prev = hand_entry(&h, T_BLOB, 0, 0, NULL, deep, 1);
	for (i = 1; i <= PACK_DELTA_DEPTH + 1; i++) {
		char ops[4] = {(char)0x90, (char)i, 1, (char)('a' + i % 26)}; /* copy i bytes, insert one */
		deep[i] = ops[3];
		prev = hand_ofs(&h, prev, i, i + 1, ops, sizeof(ops));
		if (i == PACK_DELTA_DEPTH)
			deep_ok = prev;
	}
	deep_over = prev;
	/* read first: the cache then holds none of its chain */
	memmove(want + 1, want, nw * sizeof(*want));
	want[0] = (struct want){deep_over, UINT64_MAX, PACK_MISS, NULL, 0};
	nw++;
	WANT(deep_ok, UINT64_MAX, PACK_BLOB, deep, PACK_DELTA_DEPTH + 1);

	ps = hand_open(&h, dir);
	shared = pack_reader_new(ps);
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < nw; k++) {
			const char *data = NULL;
			uint64_t got = 0;
			int rc;
			unsigned char id[20];
			pr = pass ? pack_reader_new(ps) : shared;
			hand_id(id, want[k].entry);
			rc = pack_read(pr, id, want[k].max, &data, &got);
			if (rc != want[k].rc)
				fail_msg("entry %u (case %zu): %d, not %d", want[k].entry, k, rc, want[k].rc);
			if (rc == PACK_BLOB || rc == PACK_TOO_BIG)
				assert_int_equal(got, want[k].len);
			if (rc == PACK_BLOB) {
				assert_memory_equal(data, want[k].bytes, got);
				assert_int_equal(data[got], '\0');
				assert_int_equal((uintptr_t)data % PACK_DATA_ALIGN, 0);
			}
			assert_true(pack_reader_held(pr) <= 3 * PACK_READER_KEEP + PACK_BASE_CACHE);
			if (pass)
				pack_reader_free(pr);
		}
	pack_reader_free(shared);
	pack_set_free(ps);
	hand_free(&h, dir);
#undef WANT
}

/*
 * The base cache stays within PACK_BASE_CACHE however many bases go
 * through it, and what it gives back is still right: 40 bases of 200 KB
 * (8 MB, several times the cache), each with a delta, read twice over.
 */
static void test_base_cache_bounded(void **state)
{
	enum { NB = 40, SZ = 200000 };
	char dir[] = "/tmp/pg-test-pack-cache.XXXXXX";
	static char blob[SZ];
	unsigned char id[20];
	struct hand h;
	struct pack_set *ps;
	struct pack_reader *pr;
	uint32_t i, b;
	int round;
	(void)state;

	assert_true((size_t)NB * SZ > 2 * PACK_BASE_CACHE && SZ < PACK_BASE_CACHE / 4); /* each kept, most given back */
	memset(&h, 0, sizeof(h));
	h.z = libdeflate_alloc_compressor(1);
	for (i = 0; i < NB; i++) {
		/* a copy of the whole base (op 0xf0: three size bytes, no offset byte), then an insert of "!" */
		char ops[6] = {(char)0xf0, (char)(SZ & 0xff), (char)(SZ >> 8 & 0xff), (char)(SZ >> 16), 1, '!'};
		memset(blob, 'A' + (int)i % 26, SZ);
		blob[0] = (char)i;
		b = hand_entry(&h, T_BLOB, 0, 0, NULL, blob, SZ);
		hand_ofs(&h, b, SZ, SZ + 1, ops, sizeof(ops));
	}
	ps = hand_open(&h, dir);
	pr = pack_reader_new(ps);
	for (round = 0; round < 2; round++)
		for (i = 0; i < NB; i++) {
			const char *data;
			uint64_t len;
			hand_id(id, 2 * i + 1);
			assert_int_equal(pack_read(pr, id, UINT64_MAX, &data, &len), PACK_BLOB);
			assert_int_equal(len, SZ + 1);
			assert_int_equal((unsigned char)data[0], i);
			assert_int_equal(data[SZ - 1], 'A' + (int)i % 26);
			assert_int_equal(data[SZ], '!');
			assert_true(pack_reader_held(pr) <= 3 * PACK_READER_KEEP + PACK_BASE_CACHE);
		}
	pack_reader_free(pr);
	pack_set_free(ps);
	hand_free(&h, dir);
}

/* ---- a large index, read without mapping it ------------------------------------------- */

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
 * never mapped (a large one became resident page by page), with its ids
 * held in memory and with them read from the file a window a lookup.
 */
static void test_large_index_found_unmapped(void **state)
{
	enum { N = 20000, SAME = 300 };
	char dir[] = "/tmp/pg-test-pack-index.XXXXXX", objdir[128], path[160];
	unsigned char *ids = malloc((size_t)N * 20), *body = calloc(1, N), probe[20];
	uint64_t *offs = malloc(N * sizeof(*offs));
	uint32_t i;
	unsigned long x = 20261203;
	struct pack_set *ps;
	int held;
	(void)state;

	assert_true(ids && body && offs);
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
		offs[i] = 12 + i;
	assert_non_null(mkdtemp(dir));
	write_pack(dir, ids, offs, N, body, N);
	snprintf(objdir, sizeof(objdir), "%s/objects", dir);
	snprintf(path, sizeof(path), "%s/objects/pack/pack-test.idx", dir);

	/* held: the ids in memory (400,000 bytes, under PACK_IDS_HELD); then read a window a lookup */
	for (held = 1; held >= 0; held--) {
		ps = pack_set_open(objdir);
		if (!held)
			pack_set_hold_ids(ps, (size_t)N * 20 - 1);
		assert_int_equal(pack_set_count(ps), N);
		for (i = 0; i < N; i++) {
			const unsigned char *id = ids + (size_t)i * 20;
			if (!pack_has(ps, id))
				fail_msg("id %u of %u is not found (ids held: %d)", i, N, held);
			memcpy(probe, id, 20);
			probe[19] ^= 1;
			if (!bsearch(probe, ids, N, 20, cmp_id) && pack_has(ps, probe))
				fail_msg("an id one bit off id %u is found (ids held: %d)", i, held);
		}
		memset(probe, 0x42, sizeof(probe));
		assert_false(pack_has(ps, probe)); /* an empty bucket */
		memset(probe, 0x00, sizeof(probe));
		assert_int_equal(pack_has(ps, probe), bsearch(probe, ids, N, 20, cmp_id) != NULL);
		memset(probe, 0xff, sizeof(probe));
		assert_int_equal(pack_has(ps, probe), bsearch(probe, ids, N, 20, cmp_id) != NULL);
		assert_int_equal(pack_set_ids_held(ps), (size_t)held);
		assert_false(mapped(path));
		pack_set_free(ps);
	}
	free(offs);
	free(body);
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
		cmocka_unit_test(test_large_blob_buffers_given_back),
		cmocka_unit_test_setup_teardown(test_deltas_same_as_libgit2, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(test_damaged_deltas_never_give_wrong_bytes, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(test_large_delta, scratch_setup, scratch_teardown),
		cmocka_unit_test(test_hand_made_deltas),
		cmocka_unit_test(test_base_cache_bounded),
		cmocka_unit_test(test_large_index_found_unmapped),
	};
	return cmocka_run_group_tests(tests, libgit2_group_setup, libgit2_group_teardown);
}
