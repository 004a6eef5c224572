/*
 * log.h - readiness over a history (proofgate log): one entry per commit,
 * each domain's status, the verdict and what changed since the commit
 * listed before it; written as text, JSON or CSV.
 */
#ifndef PG_REPORT_LOG_H
#define PG_REPORT_LOG_H

#include <git2.h>
#include <stdio.h>

#include "verdict/diff.h"
#include "verdict/verdict.h"

/* One domain's status at one commit; the strings belong to the entry. */
struct log_status {
	char *id;
	char *title;
	enum status status;
};

enum log_change_kind { LOG_DOMAIN, LOG_PROOF, LOG_RULE };

/* One thing that moved since the older commit: from and to are status, proof or outcome words. */
struct log_change {
	enum log_change_kind kind;
	char *id;
	const char *from, *to; /* static words; "absent" for a side without it */
	enum diff_dir dir;
};

struct log_entry {
	char commit[GIT_OID_HEXSZ + 1];
	long long time; /* committer date, seconds */
	char *subject;	/* the message's first line */
	char *tags;	/* the tags naming it, "v1.0, v1.1", or NULL */
	int go;
	struct log_status *domains;
	size_t ndomains;
	size_t proven, nproofs;
	struct log_change *changes; /* domains, proofs, then rules that got worse or better */
	size_t nchanges;
	int compared;	 /* 0: nothing older listed to compare with */
	char *error;	 /* why the commit could not be judged (no statuses then), or NULL */
	char digest[48]; /* the rule set's digest */
};

/*
 * The phrases proofgate log puts in a log_report (policy_from, an entry's
 * error, stopped), in English as JSON and CSV keep them; the text report
 * says them in its language.
 */
#define LOG_FROM_NEWEST	      "the newest commit listed"
#define LOG_FROM_POLICY_REV   "--policy-rev"
#define LOG_NOT_JUDGED_POLICY "not judged: its .proofgate.yml or a rule pack it names has problems (see standard error)"
#define LOG_NOT_JUDGED_TREE   "not judged: its tree could not be walked (see standard error)"
#define LOG_STOPPED_SHALLOW                                                                                            \
	"the history stops at the boundary of this shallow clone; git fetch --unshallow lists the rest"

/* What the history shows; all borrowed. */
struct log_report {
	const char *version;
	enum lang lang;
	const char *range;	   /* as given, or "HEAD" */
	int tags;		   /* --tags: tagged commits, not a first-parent history */
	int rules_from_commit;	   /* each commit's own policy and packs */
	const char *policy_commit; /* otherwise: the commit whose policy applied to every commit (hex), or NULL */
	const char *policy_from;   /* where that commit came from ("the newest commit listed", "--policy-rev") */
	int builtin;		   /* the built-in pack was loaded */
	char *const *packs;	   /* --rules */
	size_t npacks;
	const struct log_entry *entries; /* newest first */
	size_t n;
	const char *stopped; /* why the history ends early (a shallow clone's boundary), or NULL */
};

/*
 * Fills e from commit's verdict v and, with d (v compared with the commit
 * listed before it, older), what changed; the caller set e->commit, time,
 * subject and tags.  report_log_entry_free releases it.
 */
void report_log_entry_fill(struct log_entry *e, const struct verdict *v, const struct verdict_diff *d,
			   const char *digest, enum lang lang);

/* Frees what e holds; NULL is fine. */
void report_log_entry_free(struct log_entry *e);

/* Each returns 0, or -1 on a write error. */
int report_log_text(FILE *f, const struct log_report *l);
int report_log_json(FILE *f, const struct log_report *l);
int report_log_csv(FILE *f, const struct log_report *l);

#endif
