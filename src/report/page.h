/*
 * page.h - the readiness page as HTML: the page model, the words in each
 * language, and the pieces every page is built from (head, escaping, status
 * badges, file links, what changed).  `scan --html` writes one repository's
 * page from the finished report (html.c); `merge` writes an organisation's
 * (org.c); a comparison of two reports adds its changes through the same model.
 *
 * Every byte that came from a repository, a rule pack or a report goes
 * through page_text (or a writer built on it): HTML-escaped, invalid UTF-8
 * and control characters shown as \xNN, bidi overrides and isolates shown as
 * \u202e and the like, so nothing read can add markup or reorder the page.
 */
#ifndef PG_PAGE_H
#define PG_PAGE_H

#include <stddef.h>
#include <stdio.h>

#include "model/rules.h"
#include "util/buf.h"
#include "verdict/verdict.h"

struct report;

/* A change a page shows: a domain's status, or a repository's verdict. */
struct page_change {
	const char *repo;   /* the repository's name, or NULL on a one-repository page */
	const char *domain; /* the domain's title; NULL: the change is of the verdict */
	int before, after;  /* enum status, or for a verdict 1 go / 0 stop; -1: not there */
};

/* What a page shows beyond its data; all borrowed. */
struct page {
	enum lang lang;
	/*
	 * Web address of the scanned commit's files, ending in '/', from
	 * page_link_base; evidence paths link below it.  NULL: plain paths.
	 */
	const char *link_base;
	const struct page_change *changes; /* shown after the summary, when nchanges */
	size_t nchanges;
	const char *since; /* what the changes compare with (a file, a commit), or NULL */
};

/* Where a repository lives, as the command line found out; each may be NULL. */
struct page_where {
	const char *remote;	    /* the origin remote's URL */
	const char *github_server;  /* GITHUB_SERVER_URL */
	const char *github_repo;    /* GITHUB_REPOSITORY, when GITHUB_ACTIONS is true */
	const char *gitlab_server;  /* CI_SERVER_URL */
	const char *gitlab_project; /* CI_PROJECT_URL, when GITLAB_CI is true */
};

/*
 * The web address of commit's files (".../blob/COMMIT/" on GitHub,
 * ".../-/blob/COMMIT/" on GitLab) for a repository that lives at w: the
 * origin remote when its host is GitHub's or GitLab's (github.com,
 * gitlab.com, the CI's own server, a host named gitlab...), else the CI
 * variables.  Credentials in the remote are dropped.  NULL when nothing
 * says where it lives.  The caller frees.
 */
char *page_link_base(const struct page_where *w, const char *commit);

/* The words of a page, in one language. */
struct page_words {
	const char *title, *org_title, *summary, *domain, *status, *signal, *next, *verdict, *gate, *passed, *failed,
		*undecided, *fails_on, *branch, *from, *revision, *commit, *tree, *committed, *mode, *mode_value,
		*boundary, *boundary_value, *proofs, *proven, *not_proven, *of, *comma, *in, *rules, *requires,
		*domains, *evidence, *looked, *misses, *found, *waivers, *waived, *waiver_expired, *owner, *expires,
		*expired_on, *gaps, *no_gaps, *rule, *reason, *state, *unused_waiver, *remove_it, *turned_off, *note,
		*skipped, *and_more, *read_title, *digest, *packs, *version, *policy_file, *none, *no_action_title,
		*no_action, *org_no_action, *changes, *since, *was, *now, *not_there, *no_changes, *outcome[5],
		*level[3], *fail_on[3], *repositories, *repository, *proofs_proven, *per_domain, *unreadable,
		*no_repositories, *not_in_rules, *status_short[3], *digests_differ, *versions_differ, *langs_differ,
		*reports, *file, *problem, *read_reports, *open_failed, *not_json, *truncated, *bad_field,
		*gates_failed, *gates_undecided, *warning;
};

const struct page_words *page_words(enum lang lang);

/* The words for a gate's source ("default", "release branch"...) or a branch's ("revision"...). */
const char *page_source_word(const char *source, enum lang lang);

/* Appends s as HTML text (see above); NULL appends nothing. */
void page_text(struct buf *b, const char *s);

/* Appends s as text where `quoted` parts (globs, patterns) are left-to-right code. */
void page_rich(struct buf *b, const char *s);

/*
 * Appends text from a rule pack or a scan, isolated (<bdi>); rich: as
 * page_rich.  On an Arabic page, text with no Arabic letter (a pack that
 * gives only English) is marked lang="en", left to right.
 */
void page_auto(struct buf *b, const char *s, enum lang lang, int rich);

/* Appends s isolated and left to right (paths, ids, numbers): <bdi dir="ltr">. */
void page_ltr(struct buf *b, const char *s);

/* Appends an id or a command as left-to-right code. */
void page_code(struct buf *b, const char *s);

/* Appends a URL as an attribute value when it is http(s); returns 0, or -1 when it is not one (nothing appended). */
int page_url(struct buf *b, const char *url);

/* Appends "path:line" isolated, linked below pg->link_base when there is one. */
void page_file(struct buf *b, const struct page *pg, const char *path, size_t line);

/* Appends a status as a badge: its words (short: the matrix's few) on its colour. */
void page_status(struct buf *b, enum status s, enum lang lang, int short_words);

/* Appends a verdict as a badge: go or stop, in words. */
void page_verdict(struct buf *b, int go, enum lang lang);

/*
 * Appends the document's start (doctype, inline style, no script) up to
 * <main>, with title as the heading; what (a branch and commit; may be
 * NULL) follows it, isolated left to right.
 */
void page_begin(struct buf *b, const struct page *pg, const char *title, const char *what);

/* Appends the document's end. */
void page_end(struct buf *b);

/* Appends the section of pg's changes, when it has any. */
void page_changes(struct buf *b, const struct page *pg);

/* Writes b to f; returns 0, or -1 on a write error. */
int page_write(FILE *f, const struct buf *b);

/*
 * One repository's readiness page from a finished scan: summary table,
 * proof checklist, a card per domain with its evidence, what was looked for
 * and not found, waivers, gaps, the gate, and what was read.  Returns 0, or
 * -1 on a write error.
 */
int report_html(FILE *f, const struct report *r, const struct page *pg);

#endif
