/* diff.c - two verdicts compared rule by rule, domain by domain, proof by proof, and why evidence moved. */
#include "verdict/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/utf8.h"

const char *diff_dir_name(enum diff_dir d)
{
	switch (d) {
	case DIFF_SAME:
		return "same";
	case DIFF_WORSE:
		return "worse";
	case DIFF_BETTER:
		return "better";
	case DIFF_OTHER:
		return "changed";
	}
	return "?";
}

const char *path_change_name(enum path_change c)
{
	static const char *const names[] = {"same", "added",   "deleted",   "modified", "renamed",
					    "mode", "symlink", "submodule", "type"};
	return (size_t)c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

/* One entry of the tree diff. */
struct delta {
	git_delta_t status;
	char *old_path, *new_path;
	unsigned old_mode, new_mode;
};

/* The tree diff, indexed both ways, and the head tree for what replaced a folder. */
struct trees {
	struct delta *d;
	size_t n;
	struct delta **by_old, **by_new; /* sorted by path; entries without that side left out */
	size_t nold, nnew;
	git_tree *head;
};

static int by_old_path(const void *a, const void *b)
{
	return strcmp((*(struct delta *const *)a)->old_path, (*(struct delta *const *)b)->old_path);
}

static int by_new_path(const void *a, const void *b)
{
	return strcmp((*(struct delta *const *)a)->new_path, (*(struct delta *const *)b)->new_path);
}

static struct delta *find(struct delta **v, size_t n, const char *path, int old)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, old ? v[mid]->old_path : v[mid]->new_path);
		if (!c)
			return v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static void trees_free(struct trees *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		free(t->d[i].old_path);
		free(t->d[i].new_path);
	}
	free(t->d);
	free(t->by_old);
	free(t->by_new);
	memset(t, 0, sizeof(*t));
}

/* libgit2's diff of the two trees, renames found by similarity; -1 with err. */
static int trees_load(struct trees *t, git_repository *repo, git_tree *base, git_tree *head)
{
	git_diff_options opts;
	git_diff_find_options fo;
	git_diff *diff = NULL;
	size_t i;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	t->head = head;
	/* a file that became a link or a submodule is one typechange entry, not a deletion and an addition */
	opts.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, repo, base, head, &opts) < 0 || git_diff_find_similar(diff, &fo) < 0) {
		const git_error *e = git_error_last();
		err_set("cannot compare the two trees: %s", e && e->message ? e->message : "libgit2 error");
		goto done;
	}
	t->n = git_diff_num_deltas(diff);
	t->d = xcalloc(t->n ? t->n : 1, sizeof(*t->d));
	t->by_old = xcalloc(t->n ? t->n : 1, sizeof(*t->by_old));
	t->by_new = xcalloc(t->n ? t->n : 1, sizeof(*t->by_new));
	for (i = 0; i < t->n; i++) {
		const git_diff_delta *gd = git_diff_get_delta(diff, i);
		struct delta *d = &t->d[i];
		d->status = gd->status;
		d->old_path = xstrdup(gd->old_file.path ? gd->old_file.path : "");
		d->new_path = xstrdup(gd->new_file.path ? gd->new_file.path : "");
		d->old_mode = gd->status == GIT_DELTA_ADDED ? 0 : gd->old_file.mode;
		d->new_mode = gd->status == GIT_DELTA_DELETED ? 0 : gd->new_file.mode;
		if (gd->status != GIT_DELTA_ADDED)
			t->by_old[t->nold++] = d;
		if (gd->status != GIT_DELTA_DELETED)
			t->by_new[t->nnew++] = d;
	}
	qsort(t->by_old, t->nold, sizeof(*t->by_old), by_old_path);
	qsort(t->by_new, t->nnew, sizeof(*t->by_new), by_new_path);
	rc = 0;
done:
	git_diff_free(diff);
	if (rc < 0)
		trees_free(t);
	return rc;
}

/* A typechange or replacement by an entry of mode: link, submodule, or another kind. */
static enum path_change replaced_by(unsigned mode)
{
	if (mode == GIT_FILEMODE_LINK)
		return PATH_TO_LINK;
	if (mode == GIT_FILEMODE_COMMIT)
		return PATH_TO_SUBMODULE;
	return PATH_TYPE;
}

/*
 * A path deleted from the head: when a folder above it is now something
 * else (a submodule, a link, a file), that entry is the cause.
 */
static void deleted_fate(struct path_fate *f, const struct trees *t, const char *path)
{
	const char *slash;
	for (slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		git_tree_entry *e = NULL;
		if (git_tree_entry_bypath(&e, t->head, dir) == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			f->change = replaced_by(git_tree_entry_filemode(e));
			f->new_mode = git_tree_entry_filemode(e);
			f->at = dir;
			git_tree_entry_free(e);
			return;
		}
		git_tree_entry_free(e);
		free(dir);
	}
	f->change = PATH_DELETED;
}

/* What became of a path of the base (where it went), or of the head (where it came from). */
static void fate_of(struct path_fate *f, const struct trees *t, const char *path, int in_base)
{
	const struct delta *d;

	memset(f, 0, sizeof(*f));
	if (!t || !t->d)
		return;
	d = find(in_base ? t->by_old : t->by_new, in_base ? t->nold : t->nnew, path, in_base);
	if (!d)
		return;
	f->old_mode = d->old_mode;
	f->new_mode = d->new_mode;
	switch (d->status) {
	case GIT_DELTA_ADDED:
		f->change = PATH_ADDED;
		break;
	case GIT_DELTA_DELETED:
		deleted_fate(f, t, path);
		break;
	case GIT_DELTA_RENAMED:
	case GIT_DELTA_COPIED:
		f->change = PATH_RENAMED;
		f->to = xstrdup(d->new_path);
		f->at = xstrdup(d->old_path);
		/* moved away, and a link or a submodule put in its place: that is what the path is now */
		if (in_base) {
			git_tree_entry *e = NULL;
			if (git_tree_entry_bypath(&e, t->head, path) == 0 &&
			    (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ||
			     git_tree_entry_filemode(e) == GIT_FILEMODE_COMMIT)) {
				f->change = replaced_by(git_tree_entry_filemode(e));
				f->new_mode = git_tree_entry_filemode(e);
			}
			git_tree_entry_free(e);
		}
		break;
	case GIT_DELTA_TYPECHANGE:
		f->change = replaced_by(d->new_mode);
		if (f->change == PATH_TYPE && d->old_mode == GIT_FILEMODE_LINK)
			f->change = PATH_MODIFIED;
		f->at = xstrdup(d->new_path);
		break;
	default:
		f->change = d->old_mode != d->new_mode && d->old_mode && d->new_mode ? PATH_MODE : PATH_MODIFIED;
		break;
	}
}

static void fate_free(struct path_fate *f)
{
	free(f->to);
	free(f->at);
}

static int status_rank(enum status s)
{
	return s == STATUS_READY ? 0 : s == STATUS_READINESS_ONLY ? 1 : 2;
}

static enum diff_dir rank_dir(int base, int head)
{
	return base == head ? DIFF_SAME : head > base ? DIFF_WORSE : DIFF_BETTER;
}

static enum diff_dir rule_dir(const struct rule_result *b, const struct rule_result *h)
{
	if (!b || !h)
		return h && outcome_fails(h->outcome) ? DIFF_WORSE : DIFF_OTHER;
	if (outcome_fails(b->outcome) == outcome_fails(h->outcome))
		return b->outcome == h->outcome ? DIFF_SAME : DIFF_OTHER;
	return outcome_fails(h->outcome) ? DIFF_WORSE : DIFF_BETTER;
}

static void count(struct diff_counts *c, enum diff_dir d)
{
	if (d == DIFF_WORSE)
		c->worse++;
	else if (d == DIFF_BETTER)
		c->better++;
	else if (d == DIFF_OTHER)
		c->other++;
}

static const char *rule_id(const void *p)
{
	return ((const struct rule_result *)p)->rule->id;
}

static const char *domain_id(const void *p)
{
	return ((const struct domain_result *)p)->domain->id;
}

static const char *proof_id(const void *p)
{
	return ((const struct proof_result *)p)->proof->id;
}

/*
 * Index of the entry with that id in arr (n entries of size bytes), or -1;
 * at hint first, where one rule set on both sides puts it.
 */
static long find_id(const void *arr, size_t n, size_t size, const char *(*id_of)(const void *), const char *id,
		    size_t hint)
{
	const char *base = arr;
	size_t k;
	if (hint < n && !strcmp(id_of(base + hint * size), id))
		return (long)hint;
	for (k = 0; k < n; k++)
		if (!strcmp(id_of(base + k * size), id))
			return (long)k;
	return -1;
}

static int has_ev_path(const struct rule_result *rr, const char *path)
{
	size_t i;
	for (i = 0; rr && i < rr->nev; i++)
		if (!strcmp(rr->ev[i]->path, path))
			return 1;
	return 0;
}

static int has_miss(const struct rule_result *rr, const char *path, const char *why)
{
	size_t i;
	for (i = 0; rr && i < rr->nmisses; i++)
		if (!strcmp(rr->misses[i].at->path, path) && !strcmp(rr->misses[i].why, why))
			return 1;
	return 0;
}

static struct ev_change *add_ev(struct rule_change *rc, size_t *cap, int appeared, const struct evidence *ev,
				const char *why)
{
	const struct rule_result *side = appeared ? rc->head : rc->base;
	struct ev_change *c;
	XGROW(rc->ev, *cap, rc->nev + 1);
	c = &rc->ev[rc->nev++];
	memset(c, 0, sizeof(*c));
	c->appeared = appeared;
	c->ev = ev;
	c->why = why;
	/* a failing rule's evidence is what it forbids (a no_file match) */
	c->violation = !why && outcome_fails(side->found);
	return c;
}

/*
 * Evidence by path on one side only, and near misses new in the head (a
 * file that now matches a placeholder).  Evidence lists are cut at
 * SCAN_EVIDENCE_MAX per leaf: a rule whose outcome stayed is compared only
 * when neither list was cut, so that a cut never reads as a change.
 */
static void compare_evidence(struct rule_change *rc, const struct trees *t)
{
	const struct rule_result *b = rc->base, *h = rc->head;
	size_t cap = 0, i;

	if (!b || !h)
		return;
	if (rc->dir == DIFF_SAME && (b->nev >= SCAN_EVIDENCE_MAX || h->nev >= SCAN_EVIDENCE_MAX))
		return;
	for (i = 0; i < h->nev; i++)
		if (!has_ev_path(b, h->ev[i]->path))
			fate_of(&add_ev(rc, &cap, 1, h->ev[i], NULL)->fate, t, h->ev[i]->path, 0);
	for (i = 0; i < b->nev; i++)
		if (!has_ev_path(h, b->ev[i]->path))
			fate_of(&add_ev(rc, &cap, 0, b->ev[i], NULL)->fate, t, b->ev[i]->path, 1);
	for (i = 0; i < h->nmisses; i++)
		if (!has_miss(b, h->misses[i].at->path, h->misses[i].why))
			fate_of(&add_ev(rc, &cap, 1, h->misses[i].at, h->misses[i].why)->fate, t, h->misses[i].at->path,
				0);
}

static void point_at(struct rule_change *rc, const struct ev_change *c)
{
	const struct path_fate *f = &c->fate;
	rc->cause = c;
	rc->path = c->ev->path;
	rc->line = c->ev->line;
	rc->in_base = !c->appeared;
	if (c->appeared)
		return;
	/* evidence that disappeared: point at what stands there in the head now */
	switch (f->change) {
	case PATH_RENAMED:
		rc->path = f->to;
		rc->line = 0;
		rc->in_base = 0;
		break;
	case PATH_TO_SUBMODULE:
	case PATH_TYPE:
		rc->path = f->at ? f->at : c->ev->path;
		rc->line = 0;
		rc->in_base = 0;
		break;
	case PATH_DELETED:
		break;
	default:
		/* still there (changed, its mode, now a link): the file itself in the head */
		rc->in_base = 0;
		break;
	}
}

/*
 * Where a reader should look: for a rule that got worse, a near miss or a
 * violation that appeared, else what became of evidence that disappeared;
 * for one that got better, evidence that appeared, else a violation gone.
 */
static void locate(struct rule_change *rc)
{
	size_t i;
	/* a waived failure is still a failure here: what made it fail is the place */
	int head_fails = rc->head && outcome_fails(rc->head->found);

	if (rc->dir == DIFF_WORSE || (rc->dir != DIFF_BETTER && head_fails)) {
		for (i = 0; i < rc->nev; i++)
			if (rc->ev[i].appeared && rc->ev[i].why) {
				point_at(rc, &rc->ev[i]);
				return;
			}
		for (i = 0; i < rc->nev; i++)
			if (rc->ev[i].appeared && head_fails) {
				point_at(rc, &rc->ev[i]);
				return;
			}
		for (i = 0; i < rc->nev; i++)
			if (!rc->ev[i].appeared) {
				point_at(rc, &rc->ev[i]);
				return;
			}
		return;
	}
	for (i = 0; i < rc->nev; i++)
		if (rc->ev[i].appeared && !rc->ev[i].why) {
			point_at(rc, &rc->ev[i]);
			return;
		}
	for (i = 0; i < rc->nev; i++)
		if (!rc->ev[i].appeared) {
			point_at(rc, &rc->ev[i]);
			return;
		}
}

static void diff_rules(struct verdict_diff *d, const struct verdict *b, const struct verdict *h, const struct trees *t)
{
	size_t i, n = 0;
	long found;

	d->rules = xcalloc(h->nrules + b->nrules + 1, sizeof(*d->rules));
	for (i = 0; i < h->nrules; i++) {
		struct rule_change *rc = &d->rules[n++];
		rc->id = h->rules[i].rule->id;
		rc->head = &h->rules[i];
		found = find_id(b->rules, b->nrules, sizeof(*b->rules), rule_id, rc->id, i);
		rc->base = found >= 0 ? &b->rules[found] : NULL;
	}
	for (i = 0; i < b->nrules; i++) {
		struct rule_change *rc;
		found = find_id(h->rules, h->nrules, sizeof(*h->rules), rule_id, b->rules[i].rule->id, i);
		if (found >= 0)
			continue;
		rc = &d->rules[n++];
		rc->id = b->rules[i].rule->id;
		rc->base = &b->rules[i];
	}
	d->nrules = n;
	for (i = 0; i < n; i++) {
		struct rule_change *rc = &d->rules[i];
		rc->dir = rule_dir(rc->base, rc->head);
		rc->gates = rc->dir == DIFF_WORSE && rc->head->rule->level != LEVEL_ADVISORY;
		count(&d->nrule, rc->dir);
		compare_evidence(rc, t);
		if (rc->dir == DIFF_SAME && rc->nev)
			d->nevidence++;
		locate(rc);
		if (rc->gates)
			d->regressed = 1;
	}
}

static void diff_domains(struct verdict_diff *d, const struct verdict *b, const struct verdict *h)
{
	size_t i, n = 0;
	long found;

	d->domains = xcalloc(h->ndomains + b->ndomains + 1, sizeof(*d->domains));
	for (i = 0; i < h->ndomains; i++) {
		struct domain_change *dc = &d->domains[n++];
		dc->id = h->domains[i].domain->id;
		dc->head = &h->domains[i];
		found = find_id(b->domains, b->ndomains, sizeof(*b->domains), domain_id, dc->id, i);
		dc->base = found >= 0 ? &b->domains[found] : NULL;
		dc->dir =
			dc->base ? rank_dir(status_rank(dc->base->status), status_rank(dc->head->status)) : DIFF_OTHER;
	}
	for (i = 0; i < b->ndomains; i++) {
		found = find_id(h->domains, h->ndomains, sizeof(*h->domains), domain_id, b->domains[i].domain->id, i);
		if (found >= 0)
			continue;
		d->domains[n].id = b->domains[i].domain->id;
		d->domains[n].base = &b->domains[i];
		d->domains[n++].dir = DIFF_OTHER;
	}
	d->ndomains = n;
	for (i = 0; i < n; i++) {
		count(&d->ndomain, d->domains[i].dir);
		if (d->domains[i].dir == DIFF_WORSE)
			d->regressed = 1;
	}
}

static void diff_proofs(struct verdict_diff *d, const struct verdict *b, const struct verdict *h)
{
	size_t i, n = 0;
	long found;

	d->proofs = xcalloc(h->nproofs + b->nproofs + 1, sizeof(*d->proofs));
	for (i = 0; i < h->nproofs; i++) {
		struct proof_change *pc = &d->proofs[n++];
		pc->id = h->proofs[i].proof->id;
		pc->head = &h->proofs[i];
		found = find_id(b->proofs, b->nproofs, sizeof(*b->proofs), proof_id, pc->id, i);
		pc->base = found >= 0 ? &b->proofs[found] : NULL;
		pc->dir = pc->base ? rank_dir(!pc->base->proven, !pc->head->proven) : DIFF_OTHER;
	}
	for (i = 0; i < b->nproofs; i++) {
		found = find_id(h->proofs, h->nproofs, sizeof(*h->proofs), proof_id, b->proofs[i].proof->id, i);
		if (found >= 0)
			continue;
		d->proofs[n].id = b->proofs[i].proof->id;
		d->proofs[n].base = &b->proofs[i];
		d->proofs[n++].dir = DIFF_OTHER;
	}
	d->nproofs = n;
	for (i = 0; i < n; i++) {
		count(&d->nproof, d->proofs[i].dir);
		if (d->proofs[i].dir == DIFF_WORSE)
			d->regressed = 1;
	}
}

int verdict_diff_compute(struct verdict_diff **out, const struct verdict *base, const struct verdict *head,
			 git_repository *repo, git_tree *base_tree, git_tree *head_tree)
{
	struct verdict_diff *d;
	struct trees t;

	memset(&t, 0, sizeof(t));
	if (repo && base_tree && head_tree && trees_load(&t, repo, base_tree, head_tree) < 0)
		return -1;
	d = xcalloc(1, sizeof(*d));
	d->ndeltas = t.n;
	diff_rules(d, base, head, t.d ? &t : NULL);
	diff_domains(d, base, head);
	diff_proofs(d, base, head);
	trees_free(&t);
	*out = d;
	return 0;
}

void verdict_diff_gate(struct verdict *head, const struct verdict_diff *d)
{
	head->gate.compared = 1;
	head->gate.regressed = d->regressed;
	if (head->gate.regression && d->regressed) {
		head->gate.passed = 0;
		head->gate.decided = 1;
	}
}

/* The words of diff_describe, in each report language. */
struct diff_words {
	const char *near, *appeared, *violation_gone, *deleted, *renamed, *exec_lost, *exec_gained, *mode, *to_link,
		*to_submodule, *in_submodule, *in_link, *type, *in_type, *modified, *unchanged, *added, *renamed_from,
		*found, *link_moved;
};

static const struct diff_words W_EN = {
	"%s does not count: %s",
	"%s: new evidence",
	"%s: no longer found",
	"%s was deleted",
	"%s was renamed to %s",
	"%s lost its executable bit (%o -> %o)",
	"%s became executable (%o -> %o)",
	"%s changed mode (%o -> %o)",
	"%s is now a symbolic link, which is never read as evidence",
	"%s is now a submodule: its contents live in another repository",
	"%s is gone: its folder %s is now a submodule, whose contents live in another repository",
	"%s is gone: its folder %s is now a symbolic link",
	"%s is now another kind of entry",
	"%s is gone: %s is now a file",
	"%s changed and no longer counts",
	"%s is unchanged but no longer counts",
	"%s: new file",
	"%s (renamed from %s)",
	"%s: found",
	"%s is now a symbolic link, which is never read as evidence (its contents moved to %s)",
};

static const struct diff_words W_AR = {
	"%s لا يُحتسب: %s",
	"%s: دليل جديد",
	"%s: لم يعد موجوداً",
	"حُذف %s",
	"أُعيدت تسمية %s إلى %s",
	"فقد %s صلاحية التنفيذ (%o -> %o)",
	"صار %s قابلاً للتنفيذ (%o -> %o)",
	"تغيّر وضع %s (%o -> %o)",
	"صار %s رابطاً رمزياً، والروابط الرمزية لا تُقرأ دليلاً",
	"صار %s وحدة فرعية (submodule): محتواها في مستودع آخر",
	"اختفى %s: مجلده %s صار وحدة فرعية (submodule) محتواها في مستودع آخر",
	"اختفى %s: مجلده %s صار رابطاً رمزياً",
	"صار %s مدخلاً من نوع آخر",
	"اختفى %s: صار %s ملفاً",
	"تغيّر %s ولم يعد يُحتسب",
	"%s لم يتغيّر لكنه لم يعد يُحتسب",
	"%s: ملف جديد",
	"%s (أُعيدت تسميته من %s)",
	"%s: وُجد هنا",
	"صار %s رابطاً رمزياً، والروابط الرمزية لا تُقرأ دليلاً (نُقل محتواه إلى %s)",
};

static void mode_sentence(struct buf *b, const struct diff_words *w, const char *p, const struct path_fate *f)
{
	buf_phrase(b,
		   (f->old_mode & 0111) && !(f->new_mode & 0111)   ? w->exec_lost
		   : !(f->old_mode & 0111) && (f->new_mode & 0111) ? w->exec_gained
								   : w->mode,
		   p, f->old_mode, f->new_mode);
}

static void put_where(struct buf *b, const struct evidence *ev)
{
	buf_put_safe(b, ev->path, strlen(ev->path));
	if (ev->line)
		buf_printf(b, ":%zu", ev->line);
}

static char *safe_dup(const char *s)
{
	struct buf b = BUF_INIT;
	buf_put_safe(&b, s, strlen(s));
	return buf_detach(&b);
}

char *diff_describe(const struct ev_change *c, enum lang lang)
{
	const struct diff_words *w = lang == LANG_AR ? &W_AR : &W_EN;
	const struct path_fate *f = &c->fate;
	struct buf b = BUF_INIT, where = BUF_INIT;
	char *p = safe_dup(c->ev->path), *x = NULL;

	put_where(&where, c->ev);
	if (c->appeared) {
		if (c->why && f->change == PATH_MODE) {
			mode_sentence(&b, w, p, f);
			buf_puts(&b, lang == LANG_AR ? "؛ " : "; ");
		}
		if (c->why)
			buf_phrase(&b, w->near, buf_cstr(&where), c->why);
		else if (c->violation)
			buf_phrase(&b, w->found, buf_cstr(&where));
		else if (f->change == PATH_RENAMED && f->at) {
			x = safe_dup(f->at);
			buf_phrase(&b, w->renamed_from, buf_cstr(&where), x);
		} else
			buf_phrase(&b, f->change == PATH_ADDED ? w->added : w->appeared, buf_cstr(&where));
		goto done;
	}
	switch (f->change) {
	case PATH_DELETED:
		buf_phrase(&b, w->deleted, p);
		break;
	case PATH_RENAMED:
		x = safe_dup(f->to);
		buf_phrase(&b, w->renamed, p, x);
		break;
	case PATH_MODE:
		mode_sentence(&b, w, p, f);
		break;
	case PATH_TO_LINK:
		if (f->to) {
			x = safe_dup(f->to);
			buf_phrase(&b, w->link_moved, p, x);
		} else if (f->at && strcmp(f->at, c->ev->path)) {
			x = safe_dup(f->at);
			buf_phrase(&b, w->in_link, p, x);
		} else {
			buf_phrase(&b, w->to_link, p);
		}
		break;
	case PATH_TO_SUBMODULE:
		if (f->at && strcmp(f->at, c->ev->path)) {
			x = safe_dup(f->at);
			buf_phrase(&b, w->in_submodule, p, x);
		} else {
			buf_phrase(&b, w->to_submodule, p);
		}
		break;
	case PATH_TYPE:
		if (f->at && strcmp(f->at, c->ev->path)) {
			x = safe_dup(f->at);
			buf_phrase(&b, w->in_type, p, x);
		} else {
			buf_phrase(&b, w->type, p);
		}
		break;
	case PATH_MODIFIED:
		buf_phrase(&b, c->violation ? w->violation_gone : w->modified, buf_cstr(&where));
		break;
	default:
		buf_phrase(&b, c->violation ? w->violation_gone : w->unchanged, buf_cstr(&where));
		break;
	}
done:
	free(p);
	free(x);
	buf_free(&where);
	return buf_detach(&b);
}

void verdict_diff_free(struct verdict_diff *d)
{
	size_t i, j;
	if (!d)
		return;
	for (i = 0; i < d->nrules; i++) {
		for (j = 0; j < d->rules[i].nev; j++)
			fate_free(&d->rules[i].ev[j].fate);
		free(d->rules[i].ev);
	}
	free(d->rules);
	free(d->domains);
	free(d->proofs);
	free(d);
}
