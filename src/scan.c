/* scan.c - one walk of the tree; each blob read at most once, then dropped. */
#include "scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

/* git decides a blob is binary when its first 8000 bytes hold a NUL. */
#define BINARY_PROBE 8000

struct walk {
	git_repository *repo;
	git_odb *odb;
	const struct rules *rs;
	const struct scan_opts *opts;
	struct scan_result *res;
	struct match_ctx *mc;
	long commit_day;
	git_attr_options attr_opts;
	struct buf path;
	size_t *sel; /* leaves selecting the current entry */
};

long scan_parse_day(const char *s, size_t len)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y, m, d, era, yoe, doy, doe;
	size_t i;

	if (len < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	if (len > 10 && s[10] >= '0' && s[10] <= '9')
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

size_t scan_line_at(const char *data, size_t off)
{
	size_t line = 1;
	const char *p = data, *end = data + off;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

size_t scan_count_lines(const char *data, size_t len)
{
	size_t n = 0;
	const char *p = data, *end = data + len;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	if (len && data[len - 1] != '\n')
		n++;
	return n;
}

static void set_evidence(struct evidence *e, const char *path, size_t line, const git_oid *oid)
{
	free(e->path);
	e->path = xstrdup(path);
	e->line = line;
	git_oid_tostr(e->blob, sizeof(e->blob), oid);
}

static void add_evidence(struct leaf_state *st, const char *path, size_t line, const git_oid *oid)
{
	st->nsatisfied++;
	if (st->nev < SCAN_EVIDENCE_MAX)
		set_evidence(&st->ev[st->nev++], path, line, oid);
}

static void add_note(struct leaf_state *st, const char *path, size_t line, const git_oid *oid, char *why)
{
	st->nnotes_total++;
	if (st->nnotes < SCAN_NOTES_MAX) {
		set_evidence(&st->notes[st->nnotes].at, path, line, oid);
		st->notes[st->nnotes++].why = why;
	} else {
		free(why);
	}
}

static void set_error(struct leaf_state *st, char *msg)
{
	if (!st->error)
		st->error = msg;
	else
		free(msg);
}

static void add_skipped(struct scan_result *r, const char *path, const char *why)
{
	/* one entry per path, whatever number of leaves selected it */
	if (r->nskipped && !strcmp(r->skipped[r->nskipped - 1].path, path))
		return;
	XGROW(r->skipped, r->skipped_cap, r->nskipped + 1);
	r->skipped[r->nskipped].path = xstrdup(path);
	r->skipped[r->nskipped].why = xstrdup(why);
	r->nskipped++;
}

static char *fmt(const char *f, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

static char *fmt(const char *f, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, f);
	buf_vprintf(&b, f, ap);
	va_end(ap);
	return buf_detach(&b);
}

static char *limit_msg(int rc, const struct match_regex *re, const char *path)
{
	if (rc == MATCH_LIMIT_HIT)
		return fmt("pattern /%s/ hit PCRE2's match limit (%u steps, depth %u) in '%s': simplify the pattern",
			   re->src, MATCH_LIMIT, MATCH_DEPTH_LIMIT, path);
	return fmt("pattern /%s/ failed to run on '%s'", re->src, path);
}

/*
 * Decides whether one file shows what leaf asks.  Returns NULL when it does
 * (with *line the line to cite), or why not (caller frees).  On a match
 * error sets *err.
 */
static char *check_file(struct walk *w, const struct leaf *l, const char *path, int exec, const char *data, size_t len,
			size_t *line, long *day, char **err)
{
	size_t start, ms, me, cs, ce;
	int rc;

	*line = 0;
	*day = -1;
	if (l->executable >= 0 && exec != l->executable)
		return xstrdup(l->executable ? "is not executable" : "is executable");
	if (!leaf_needs_content(l))
		return NULL;
	if (l->min_lines) {
		size_t n = scan_count_lines(data, len);
		if (n < l->min_lines)
			return fmt("has %zu line%s, fewer than the %zu needed to hold real steps", n, n == 1 ? "" : "s",
				   l->min_lines);
	}
	if (l->not_contains) {
		start = 0;
		rc = match_regex_next(w->mc, l->not_contains, data, len, &start, &ms, &me, &cs, &ce);
		if (rc == MATCH_OK) {
			*line = scan_line_at(data, ms);
			return fmt("matches /%s/ at line %zu", l->not_contains->src, *line);
		}
		if (rc != MATCH_NONE) {
			*err = limit_msg(rc, l->not_contains, path);
			return xstrdup("could not be read");
		}
	}
	if (l->contains) {
		size_t count = 0, first = 0;
		start = 0;
		while (count < l->min_matches &&
		       (rc = match_regex_next(w->mc, l->contains, data, len, &start, &ms, &me, &cs, &ce)) == MATCH_OK) {
			if (count++ == 0)
				first = ms;
		}
		if (count < l->min_matches && rc != MATCH_NONE) {
			*err = limit_msg(rc, l->contains, path);
			return xstrdup("could not be read");
		}
		if (count == 0)
			return fmt("does not match /%s/", l->contains->src);
		if (count < l->min_matches)
			return fmt("matches /%s/ %zu time%s, fewer than %zu", l->contains->src, count, count == 1 ? "" : "s",
				   l->min_matches);
		*line = scan_line_at(data, first);
	}
	if (l->fresh) {
		long best = -1;
		size_t best_off = 0;
		int later = 0;
		start = 0;
		while ((rc = match_regex_next(w->mc, l->fresh, data, len, &start, &ms, &me, &cs, &ce)) == MATCH_OK) {
			long d = scan_parse_day(data + cs, ce - cs);
			if (d < 0)
				continue;
			if (d > w->commit_day + 1) {
				later = 1; /* a date after the commit proves nothing yet */
				continue;
			}
			if (d > best) {
				best = d;
				best_off = cs;
			}
		}
		if (rc != MATCH_NONE) {
			*err = limit_msg(rc, l->fresh, path);
			return xstrdup("could not be read");
		}
		if (best < 0)
			return later ? fmt("dates matching /%s/ are all after the scanned commit", l->fresh->src)
				     : fmt("holds no date (YYYY-MM-DD) matching /%s/", l->fresh->src);
		*day = best;
		*line = scan_line_at(data, best_off);
	}
	return NULL;
}

static void eval_leaf(struct walk *w, const struct leaf *l, const git_tree_entry *e, const char *data, size_t len,
		      const char *unreadable)
{
	struct leaf_state *st = &w->res->leaves[l->index];
	const char *path = buf_cstr(&w->path);
	const git_oid *oid = git_tree_entry_id(e);
	int exec = git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB_EXECUTABLE;
	size_t line = 0;
	long day = -1;
	char *err = NULL, *why;

	st->nselected++;
	if (leaf_needs_content(l) && unreadable) {
		/* the path is selected but its text cannot be matched */
		if (l->negated || !(l->executable >= 0 && exec != l->executable))
			add_note(st, path, 0, oid, xstrdup(unreadable));
		return;
	}
	why = check_file(w, l, path, exec, data, len, &line, &day, &err);
	if (err) {
		set_error(st, err);
		free(why);
		return;
	}
	if (why) {
		if (!l->negated)
			add_note(st, path, line, oid, why);
		else
			free(why);
		return;
	}
	add_evidence(st, path, line, oid);
	if (day >= 0 && day > st->newest_day) {
		st->newest_day = day;
		set_evidence(&st->newest, path, line, oid);
	}
}

static int leaf_selects(const struct leaf *l, const char *path, size_t len)
{
	size_t i;
	int hit = 0;
	for (i = 0; i < l->npaths && !hit; i++)
		hit = match_glob_path(l->paths[i], path, len);
	if (!hit)
		return 0;
	for (i = 0; i < l->nexclude; i++)
		if (match_glob_path(l->exclude[i], path, len))
			return 0;
	return 1;
}

static int leaf_may_descend(const struct leaf *l, const char *dir, size_t len)
{
	size_t i;
	int hit = 0;
	for (i = 0; i < l->nexclude; i++)
		if (match_glob_covers_dir(l->exclude[i], dir, len - 1))
			return 0;
	for (i = 0; i < l->npaths && !hit; i++)
		hit = match_glob_may_descend(l->paths[i], dir, len);
	return hit;
}

/*
 * Generated and vendored files are never evidence: .gitattributes of the
 * scanned commit (not the work tree) marking linguist-generated or
 * linguist-vendored, read by libgit2.
 */
static int linguist_excluded(struct walk *w, const char *path)
{
	static const char *names[] = {"linguist-generated", "linguist-vendored"};
	const char *values[2] = {NULL, NULL};
	size_t i;

	if (git_attr_get_many_ext(values, w->repo, &w->attr_opts, path, 2, names) < 0)
		return 0;
	for (i = 0; i < 2; i++)
		if (git_attr_value(values[i]) == GIT_ATTR_VALUE_TRUE ||
		    (git_attr_value(values[i]) == GIT_ATTR_VALUE_STRING && !strcmp(values[i], "true")))
			return 1;
	return 0;
}

static void visit_blob(struct walk *w, const git_tree_entry *e, const size_t *active, size_t nactive)
{
	const char *path = buf_cstr(&w->path);
	git_filemode_t mode = git_tree_entry_filemode(e);
	const git_oid *oid = git_tree_entry_id(e);
	git_blob *blob = NULL;
	const char *data = NULL, *unreadable = NULL;
	char *missing = NULL, reason[160];
	size_t nsel = 0, i, len = 0;
	int content = 0;

	for (i = 0; i < nactive; i++) {
		const struct leaf *l = w->rs->leaves[active[i]];
		if (leaf_selects(l, path, w->path.len)) {
			w->sel[nsel++] = active[i];
			content |= leaf_needs_content(l);
		}
	}
	if (nsel == 0 || linguist_excluded(w, path))
		return;
	if (mode == GIT_FILEMODE_LINK) {
		add_skipped(w->res, path, "symbolic link, not followed");
		return;
	}
	if (content) {
		size_t size = 0;
		git_object_t type;
		if (git_odb_read_header(&size, &type, w->odb, oid) < 0) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), oid);
			missing = fmt("object %s for '%s' is missing (a partial clone?): fetch it, or scan a full clone", hex,
				      path);
		} else if (size > w->opts->max_file_size) {
			snprintf(reason, sizeof(reason), "is larger than the %llu-byte cap (%zu bytes): not content-matched",
				 (unsigned long long)w->opts->max_file_size, size);
			unreadable = reason;
			add_skipped(w->res, path, reason);
		} else if (git_blob_lookup(&blob, w->repo, oid) < 0) {
			const git_error *ge = git_error_last();
			missing = fmt("cannot read object for '%s': %s", path, ge && ge->message ? ge->message : "unknown error");
		} else {
			w->res->blobs_read++;
			data = git_blob_rawcontent(blob);
			len = (size_t)git_blob_rawsize(blob);
			if (memchr(data, '\0', len < BINARY_PROBE ? len : BINARY_PROBE)) {
				unreadable = "is binary (a NUL in its first 8000 bytes): not content-matched";
				add_skipped(w->res, path, unreadable);
			}
		}
	}
	for (i = 0; i < nsel; i++) {
		const struct leaf *l = w->rs->leaves[w->sel[i]];
		if (missing && leaf_needs_content(l)) {
			w->res->leaves[l->index].nselected++;
			set_error(&w->res->leaves[l->index], xstrdup(missing));
			continue;
		}
		eval_leaf(w, l, e, data ? data : "", len, unreadable);
	}
	free(missing);
	git_blob_free(blob); /* the contents are not kept past the leaves that needed them */
}

static int walk_tree(struct walk *w, git_tree *tree, const size_t *active, size_t nactive)
{
	size_t i, n = git_tree_entrycount(tree), base = w->path.len;
	size_t *sub = xmalloc((nactive ? nactive : 1) * sizeof(*sub));
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		git_object_t type = git_tree_entry_type(e);
		const char *name = git_tree_entry_name(e);

		w->path.len = base;
		buf_put(&w->path, name, strlen(name));
		w->res->entries_seen++;
		if (type == GIT_OBJECT_TREE) {
			size_t nsub = 0, j;
			git_tree *child = NULL;
			buf_putc(&w->path, '/');
			for (j = 0; j < nactive; j++)
				if (leaf_may_descend(w->rs->leaves[active[j]], w->path.ptr, w->path.len))
					sub[nsub++] = active[j];
			if (nsub == 0) {
				w->res->trees_pruned++;
				continue;
			}
			if (git_tree_lookup(&child, w->repo, git_tree_entry_id(e)) < 0) {
				const git_error *ge = git_error_last();
				rc = err_set("cannot read tree '%s': %s", w->path.ptr,
					     ge && ge->message ? ge->message : "unknown error");
				break;
			}
			rc = walk_tree(w, child, sub, nsub);
			git_tree_free(child);
		} else if (type == GIT_OBJECT_COMMIT) {
			size_t j;
			for (j = 0; j < nactive; j++)
				if (leaf_selects(w->rs->leaves[active[j]], w->path.ptr, w->path.len)) {
					add_skipped(w->res, w->path.ptr, "submodule, not scanned");
					break;
				}
		} else if (type == GIT_OBJECT_BLOB) {
			visit_blob(w, e, active, nactive);
		}
	}
	w->path.len = base;
	if (w->path.ptr)
		w->path.ptr[base] = '\0';
	free(sub);
	return rc;
}

int scan_run(struct scan_result **out, git_repository *repo, git_tree *tree, const struct rules *rs,
	     const struct scan_opts *opts)
{
	struct walk w;
	struct scan_result *res = NULL;
	size_t *all = NULL, i;
	int rc = -1;

	*out = NULL;
	memset(&w, 0, sizeof(w));
	if (git_repository_odb(&w.odb, repo) < 0) {
		err_set("cannot open the object database");
		goto done;
	}
	res = xcalloc(1, sizeof(*res));
	res->nleaves = rs->nleaves;
	res->leaves = xcalloc(rs->nleaves ? rs->nleaves : 1, sizeof(*res->leaves));
	for (i = 0; i < rs->nleaves; i++)
		res->leaves[i].newest_day = -1;
	w.repo = repo;
	w.rs = rs;
	w.opts = opts;
	w.res = res;
	w.mc = match_ctx_new();
	w.attr_opts.version = GIT_ATTR_OPTIONS_VERSION;
	w.attr_opts.flags = GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM | GIT_ATTR_CHECK_INCLUDE_COMMIT;
	git_oid_cpy(&w.attr_opts.attr_commit_id, &opts->commit_id);
	w.commit_day = (long)(opts->commit_time >= 0 ? opts->commit_time / 86400 : (opts->commit_time - 86399) / 86400);
	w.sel = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*w.sel));
	all = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*all));
	for (i = 0; i < rs->nleaves; i++)
		all[i] = i;
	buf_puts(&w.path, "");
	if (walk_tree(&w, tree, all, rs->nleaves) < 0)
		goto done;
	*out = res;
	res = NULL;
	rc = 0;
done:
	free(all);
	free(w.sel);
	buf_free(&w.path);
	match_ctx_free(w.mc);
	git_odb_free(w.odb);
	scan_result_free(res);
	return rc;
}

static void evidence_free(struct evidence *e)
{
	free(e->path);
	e->path = NULL;
}

void scan_result_free(struct scan_result *r)
{
	size_t i, j;
	if (!r)
		return;
	for (i = 0; i < r->nleaves; i++) {
		struct leaf_state *st = &r->leaves[i];
		for (j = 0; j < st->nev; j++)
			evidence_free(&st->ev[j]);
		for (j = 0; j < st->nnotes; j++) {
			evidence_free(&st->notes[j].at);
			free(st->notes[j].why);
		}
		evidence_free(&st->newest);
		free(st->error);
	}
	for (i = 0; i < r->nskipped; i++) {
		free(r->skipped[i].path);
		free(r->skipped[i].why);
	}
	free(r->skipped);
	free(r->leaves);
	free(r);
}
