/*
 * walk.c - the walk over the commit's tree, on the calling thread: each
 * folder's entries in tree order, pruned where no rule can match below,
 * each selected file queued to the ring; a folder whose record is in the
 * cache replayed from it instead of read and matched (treerec.h).
 */
#include "scan/internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "git/linguist.h"
#include "scan/treerec.h"
#include "store/cache.h"
#include "util/err.h"
#include "util/mem.h"

/*
 * Queues the file at w->path selected by sel (nsel leaves): the walk and a
 * replayed record alike.  Whether its contents are read follows from the
 * leaves, never from a record.  A rule pack kept in the tree is not
 * evidence for itself: it is not queued.
 */
static void queue_file(struct walk *w, const git_oid *oid, int exec, const size_t *sel, size_t nsel)
{
	struct item it;
	size_t i;
	int content = 0;
	if (rules_is_pack_blob(w->rs, oid))
		return;
	for (i = 0; i < nsel; i++)
		content |= leaf_needs_content(w->rs->leaves[sel[i]]);
	memset(&it, 0, sizeof(it));
	it.path = xstrndup(w->path.ptr, w->path.len);
	git_oid_cpy(&it.oid, oid);
	it.state = ITEM_DONE;
	it.exec = exec;
	it.content = content;
	it.sel = xmalloc(nsel * sizeof(*it.sel));
	memcpy(it.sel, sel, nsel * sizeof(*it.sel));
	it.nsel = nsel;
	if (!content)
		run_item(w->self, &it); /* path-only leaves: nothing to read */
	else if (!run_item_cached(w->self, &it))
		it.state = ITEM_QUEUED; /* its blob is read, by whichever thread claims it */
	ring_push(w, &it);
}

/* Queues a selected entry that is not scanned: a symbolic link (oid; not a rule pack's blob) or a submodule (NULL). */
static void queue_skipped(struct walk *w, const git_oid *oid)
{
	struct item it;
	if (oid && rules_is_pack_blob(w->rs, oid))
		return;
	memset(&it, 0, sizeof(it));
	it.path = xstrndup(w->path.ptr, w->path.len);
	if (oid)
		git_oid_cpy(&it.oid, oid);
	it.skipped = xstrdup(oid ? "symbolic link, not followed" : "submodule, not scanned");
	it.state = ITEM_DONE;
	ring_push(w, &it);
}

/* Appends an entry to the record of the folder being walked (rec), when records are kept. */
static void record(struct buf *rec, enum treerec_kind kind, const git_tree_entry *te, const size_t *sel, size_t nsel)
{
	struct treerec_entry e;
	if (!rec)
		return;
	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.name = git_tree_entry_name(te);
	e.namelen = strlen(e.name);
	e.mode = (unsigned)git_tree_entry_filemode_raw(te);
	git_oid_cpy(&e.oid, git_tree_entry_id(te));
	e.nsel = nsel;
	treerec_put(rec, &e, sel);
}

/* Of the n leaves at from, the forbidding (no_file) ones, into to (which may be from): how many. */
static size_t forbidding(const struct walk *w, const size_t *from, size_t n, size_t *to)
{
	size_t i, kept = 0;
	for (i = 0; i < n; i++)
		if (w->rs->leaves[from[i]]->negated)
			to[kept++] = from[i];
	return kept;
}

/*
 * The leaves of active selecting the blob at w->path, into w->sel.
 * Generated and vendored files are never evidence: those the scanned
 * commit's .gitattributes mark linguist-generated or linguist-vendored
 * (git/linguist.h; never the machine's attribute files).  Such a blob is
 * still selected by forbidding (no_file) leaves: the attributes come from
 * the change being judged, which must not be able to hide what a rule
 * forbids.
 */
static size_t select_blob(struct walk *w, const size_t *active, size_t nactive)
{
	const char *path = w->path.ptr;
	size_t nsel = globs_select(&w->gl, w->rs, active, nactive, path, w->path.len, w->sel);

	if (!nsel || !linguist_marks(w->lg, path, w->path.len))
		return nsel;
	return forbidding(w, w->sel, nsel, w->sel);
}

/*
 * Whether a record's answer for the blob at w->path (sel, nsel leaves,
 * ascending) may stand: every leaf it names is active and selects the path
 * (and is not left out by linguist attributes), and every forbidding leaf
 * that selects the path is among them.  A record can thus only drop a file
 * from a `file` condition, which makes a rule harder to pass, never add one
 * or hide one from a `no_file` condition (docs/cache.md).  Cheaper than
 * selecting: no prefilter, only the named leaves and the forbidding ones.
 */
static int answer_holds(struct walk *w, const size_t *active, size_t nactive, const size_t *sel, size_t nsel)
{
	const char *path = w->path.ptr;
	size_t len = w->path.len, i, k = 0, ncand = 0, nhit, h = 0;
	size_t *cand = xmalloc(2 * (nactive ? nactive : 1) * sizeof(*cand)), *hit = cand + nactive;
	int positive = 0, ok = 0;

	/* the candidates: the leaves the answer names (all active) and the forbidding ones */
	for (i = 0; i < nactive; i++) {
		int named = k < nsel && sel[k] == active[i];
		if (k < nsel && sel[k] < active[i])
			goto done; /* a leaf not active here */
		k += named;
		if (named || w->rs->leaves[active[i]]->negated)
			cand[ncand++] = active[i];
		positive |= named && !w->rs->leaves[active[i]]->negated;
	}
	if (k < nsel)
		goto done;
	/* selected among them as the walk selects (prefilter, then globs): the same leaves, or fewer positive ones */
	nhit = globs_select(&w->gl, w->rs, cand, ncand, path, len, hit);
	for (i = 0, k = 0; i < ncand; i++) {
		int named = k < nsel && sel[k] == cand[i], got = h < nhit && hit[h] == cand[i];
		k += named;
		h += got;
		if (named != got)
			goto done;
	}
	ok = !positive || !linguist_marks(w->lg, path, len);
done:
	free(cand);
	return ok;
}

/* Whether, under the forbidding leaves of active, the folder now in w->path may be passed over. */
static int prune_holds(struct walk *w, const size_t *active, size_t nactive, size_t *scratch)
{
	size_t n = forbidding(w, active, nactive, scratch);
	return n == 0 || globs_descend(&w->gl, w->rs, scratch, n, w->path.ptr, w->path.len, scratch + n) == 0;
}

/*
 * A blob at w->path: selected as the folder's old record says (old, when it
 * knows the name as a blob) or by matching its path, then recorded and queued.
 */
static void visit_blob(struct walk *w, const git_tree_entry *e, const size_t *active, size_t nactive, struct buf *rec,
		       struct treerec_names *old)
{
	const char *name = git_tree_entry_name(e);
	const git_oid *oid = git_tree_entry_id(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	const struct treerec_entry *o = old ? treerec_names_find(old, name, strlen(name)) : NULL;
	int exec = mode == GIT_FILEMODE_BLOB_EXECUTABLE;
	size_t nsel = 0;

	if (o && treerec_class(o->kind) == 'b') {
		nsel = o->kind == TREC_NONE ? 0 : o->nsel;
		if (nsel)
			treerec_sel(o, w->sel);
		if (!answer_holds(w, active, nactive, w->sel, nsel))
			o = NULL;
	}
	if (!o || treerec_class(o->kind) != 'b')
		nsel = select_blob(w, active, nactive);
	if (nsel == 0) {
		record(rec, TREC_NONE, e, NULL, 0);
		return;
	}
	record(rec, mode == GIT_FILEMODE_LINK ? TREC_LINK : TREC_FILE, e, w->sel, nsel);
	if (mode == GIT_FILEMODE_LINK)
		queue_skipped(w, oid);
	else
		queue_file(w, oid, exec, w->sel, nsel);
}

/* A submodule at w->path: selected when a leaf selects its path (submodules are few: never taken from a record). */
static void visit_submodule(struct walk *w, const git_tree_entry *e, const size_t *active, size_t nactive,
			    struct buf *rec)
{
	size_t j;
	int sel = 0;

	globs_next_path(&w->gl, w->path.ptr, w->path.len);
	for (j = 0; j < nactive && !sel; j++)
		sel = globs_selects(&w->gl, w->rs->leaves[active[j]], w->path.ptr, w->path.len);
	if (e)
		record(rec, sel ? TREC_SUBMODULE : TREC_NONE_SUBMODULE, e, NULL, 0);
	if (sel)
		queue_skipped(w, NULL);
}

/* Of active, the leaves that may match below the folder now in w->path (ending in '/'), into sub. */
static size_t descend(struct walk *w, const size_t *active, size_t nactive, size_t *sub)
{
	return globs_descend(&w->gl, w->rs, active, nactive, w->path.ptr, w->path.len, sub);
}

/* The record being built for the folder at depth, when records are kept (a cache is in use). */
static struct buf *record_at(struct walk *w, size_t depth)
{
	if (!w->opts->cache || w->no_records_below != SIZE_MAX)
		return NULL;
	while (depth >= w->nrecs) {
		XGROW(w->recs, w->recs_cap, w->nrecs + 1);
		w->recs[w->nrecs++] = xcalloc(1, sizeof(struct buf));
	}
	return w->recs[depth];
}

static int walk_dir(struct walk *w, const git_oid *id, const size_t *active, size_t nactive, const git_oid *ctx);

/* Records stop below a folder whose .gitattributes cannot be read (linguist_enter). */
static void enter_attrs(struct walk *w, const git_oid *attrs, size_t depth)
{
	if (linguist_enter(w->lg, w->repo, attrs, w->path.ptr ? w->path.ptr : "", w->path.len, depth) < 0 &&
	    w->no_records_below == SIZE_MAX)
		w->no_records_below = depth;
}

static void leave_attrs(struct walk *w, size_t depth)
{
	linguist_leave(w->lg, depth);
	if (w->no_records_below == depth)
		w->no_records_below = SIZE_MAX;
}

static int walk_tree(struct walk *w, git_tree *tree, const size_t *active, size_t nactive, const git_oid *ctx,
		     struct treerec_names *old)
{
	size_t i, n = git_tree_entrycount(tree), base = w->path.len, depth = w->depth++;
	size_t *sub = xmalloc((nactive ? nactive : 1) * sizeof(*sub));
	const git_oid *attrs = linguist_attrs_of(tree);
	struct buf *rec;
	git_oid below;
	int rc = 0;

	w->res->trees_read++;
	treerec_ctx(&below, ctx, attrs);
	enter_attrs(w, attrs, depth);
	if (w->no_records_below != SIZE_MAX)
		old = NULL;
	if ((rec = record_at(w, depth)) != NULL)
		treerec_begin(rec, git_tree_id(tree));
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		git_object_t type = git_tree_entry_type(e);
		const char *name = git_tree_entry_name(e);

		w->path.len = base;
		buf_put(&w->path, name, strlen(name));
		w->res->entries_seen++;
		if (type == GIT_OBJECT_TREE) {
			size_t nsub;
			buf_putc(&w->path, '/');
			if ((nsub = descend(w, active, nactive, sub)) == 0) {
				w->res->trees_pruned++;
				record(rec, TREC_PRUNED, e, NULL, 0);
				continue;
			}
			record(rec, TREC_DIR, e, NULL, 0);
			rc = walk_dir(w, git_tree_entry_id(e), sub, nsub, &below);
		} else if (type == GIT_OBJECT_COMMIT) {
			visit_submodule(w, e, active, nactive, rec);
		} else if (type == GIT_OBJECT_BLOB) {
			visit_blob(w, e, active, nactive, rec, old);
		}
	}
	w->path.len = base;
	if (w->path.ptr)
		w->path.ptr[base] = '\0';
	if (rc == 0 && rec) {
		unsigned char key[GIT_OID_RAWSZ];
		treerec_key(key, &w->keybuf, ctx, w->path.ptr ? w->path.ptr : "", base);
		cache_put(w->opts->cache, key, rec->ptr, rec->len);
	}
	leave_attrs(w, depth);
	w->depth = depth;
	free(sub);
	return rc;
}

/*
 * Whether every answer of a record holds (answer_holds, prune_holds), with
 * the attributes of its folder entered; w->path is left as it was.
 */
static int record_holds(struct walk *w, struct treerec tr, const size_t *active, size_t nactive, size_t *scratch)
{
	size_t base = w->path.len;
	struct treerec_entry e;
	int ok = 1;

	while (ok && treerec_next(&tr, &e)) {
		w->path.len = base;
		buf_put(&w->path, e.name, e.namelen);
		if (treerec_class(e.kind) == 'b') {
			if (e.nsel)
				treerec_sel(&e, w->sel);
			ok = answer_holds(w, active, nactive, w->sel, e.nsel);
		} else if (e.kind == TREC_PRUNED) {
			buf_putc(&w->path, '/');
			ok = prune_holds(w, active, nactive, scratch);
		}
	}
	w->path.len = base;
	w->path.ptr[base] = '\0';
	return ok;
}

/*
 * Replays the record of a folder that holds the tree it was made from: the
 * same items, in the same order, as walking the tree would queue, without
 * reading the tree or selecting among all leaves, once every answer is
 * checked (record_holds).  Subfolders go through walk_dir, so a changed
 * one is walked.  0, -1 with err, or 1 when an answer does not hold: then
 * nothing was queued and the folder must be walked.
 */
static int replay(struct walk *w, struct treerec *tr, const size_t *active, size_t nactive, const git_oid *ctx)
{
	size_t base = w->path.len, depth = w->depth++;
	size_t *sub = xmalloc(2 * (nactive ? nactive : 1) * sizeof(*sub));
	struct treerec_entry e;
	git_oid below;
	int rc = 0;

	treerec_ctx(&below, ctx, tr->has_attrs ? &tr->attrs : NULL);
	/* a subfolder whose record is gone is walked, and needs the attributes above it */
	enter_attrs(w, tr->has_attrs ? &tr->attrs : NULL, depth);
	if (w->no_records_below != SIZE_MAX || !record_holds(w, *tr, active, nactive, sub)) {
		rc = 1;
		goto done;
	}
	w->res->trees_cached++;
	w->res->entries_seen += tr->entries;
	w->res->trees_pruned += tr->pruned;
	while (rc == 0 && treerec_next(tr, &e)) {
		size_t nsub;
		w->path.len = base;
		buf_put(&w->path, e.name, e.namelen);
		switch (e.kind) {
		case TREC_DIR:
			buf_putc(&w->path, '/');
			/* the same rules chose it: never 0, but a walk would prune it */
			if ((nsub = descend(w, active, nactive, sub)) > 0)
				rc = walk_dir(w, &e.oid, sub, nsub, &below);
			break;
		case TREC_FILE:
			treerec_sel(&e, w->sel);
			queue_file(w, &e.oid, e.exec, w->sel, e.nsel);
			break;
		case TREC_LINK:
			queue_skipped(w, &e.oid);
			break;
		case TREC_SUBMODULE:
		case TREC_NONE_SUBMODULE:
			visit_submodule(w, NULL, active, nactive, NULL);
			break;
		default:
			break; /* passed over */
		}
	}
	w->path.len = base;
	w->path.ptr[base] = '\0';
done:
	leave_attrs(w, depth);
	w->depth = depth;
	free(sub);
	return rc;
}

/* The tree id of the folder now in w->path, into *tree: 0, or -1 with err. */
static int read_tree(struct walk *w, const git_oid *id, git_tree **tree)
{
	const git_error *ge;
	if (git_tree_lookup(tree, w->repo, id) == 0)
		return 0;
	ge = git_error_last();
	return err_set("cannot read tree '%s': %s", w->path.ptr, ge && ge->message ? ge->message : "unknown error");
}

/*
 * Walks the folder now in w->path (ending in '/', or "" for the root) whose
 * tree is id, using the folder's record in the cache when there is one:
 * replayed when it was made from the same tree (and the tree is in the
 * repository), else its answers kept for the paths it knows.
 */
static int walk_dir(struct walk *w, const git_oid *id, const size_t *active, size_t nactive, const git_oid *ctx)
{
	git_tree *tree = NULL;
	struct treerec tr;
	struct treerec_names old;
	size_t *kept = NULL;
	int rc, have = 0, reuse = 0;

	memset(&old, 0, sizeof(old));
	/*
	 * installed packages are someone else's code: only the forbidding
	 * leaves read them (installed.c); the tree read to tell is walked below
	 */
	if (nactive && installed_home(w->path.ptr, w->path.len)) {
		if ((rc = read_tree(w, id, &tree)) < 0)
			goto done;
		if (installed_packages(tree)) {
			kept = xmalloc(nactive * sizeof(*kept));
			nactive = forbidding(w, active, nactive, kept);
			active = kept;
			w->res->trees_installed++;
		}
	}
	if (w->opts->cache && w->records && w->no_records_below == SIZE_MAX) {
		unsigned char key[GIT_OID_RAWSZ];
		const unsigned char *rec;
		size_t len;
		treerec_key(key, &w->keybuf, ctx, w->path.ptr, w->path.len);
		rec = cache_get(w->opts->cache, key, &len);
		have = rec && treerec_parse(&tr, rec, len, w->rs->nleaves) == 0;
		/*
		 * like a cached blob, a record stands for a tree only where the
		 * tree (and its .gitattributes, which the walk reads) is there
		 */
		if (have && git_oid_equal(&tr.tree, id) && object_present(w->job->packs, w->self->odb, id) &&
		    (!tr.has_attrs || object_present(w->job->packs, w->self->odb, &tr.attrs)) &&
		    (rc = replay(w, &tr, active, nactive, ctx)) <= 0)
			goto done;
	}
	if (!tree && (rc = read_tree(w, id, &tree)) < 0)
		goto done;
	/* the names' answers hold only under the same .gitattributes in the folder itself */
	if (have) {
		const git_oid *attrs = linguist_attrs_of(tree);
		reuse = tr.has_attrs ? attrs && git_oid_equal(attrs, &tr.attrs) : !attrs;
	}
	if (reuse)
		treerec_names_load(&old, &tr);
	rc = walk_tree(w, tree, active, nactive, ctx, reuse ? &old : NULL);
done:
	treerec_names_free(&old);
	git_tree_free(tree);
	free(kept);
	return rc;
}

void walk_init(struct walk *w, git_repository *repo, const struct rules *rs, const struct scan_opts *opts,
	       struct scan_result *res, struct scan_job *job, struct worker *self)
{
	memset(w, 0, sizeof(*w));
	w->repo = repo;
	w->rs = rs;
	w->opts = opts;
	w->res = res;
	w->job = job;
	w->self = self;
	w->lg = linguist_new();
	w->sel = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*w->sel));
	globs_init(&w->gl, rs);
	buf_puts(&w->path, "");
	w->records = !opts->no_records;
	w->no_records_below = SIZE_MAX;
}

int walk_root(struct walk *w, const git_oid *tree)
{
	size_t *all = xmalloc((w->rs->nleaves ? w->rs->nleaves : 1) * sizeof(*all)), i;
	git_oid ctx;
	int rc;

	for (i = 0; i < w->rs->nleaves; i++)
		all[i] = i;
	linguist_global_id(w->lg, &ctx);
	rc = walk_dir(w, tree, all, w->rs->nleaves, &ctx);
	free(all);
	return rc;
}

void walk_free(struct walk *w)
{
	size_t i;

	if (!w)
		return;
	free(w->sel);
	globs_free(&w->gl, w->rs ? w->rs->nleaves : 0);
	linguist_free(w->lg);
	buf_free(&w->path);
	buf_free(&w->keybuf);
	for (i = 0; i < w->nrecs; i++) {
		buf_free(w->recs[i]);
		free(w->recs[i]);
	}
	free(w->recs);
	memset(w, 0, sizeof(*w));
}
