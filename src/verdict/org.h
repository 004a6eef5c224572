/*
 * org.h - an organisation's view: many repositories' JSON reports (one
 * per repository, each made by its own CI job) merged into one table of
 * repositories by domains, with totals per domain, and what changed since
 * an earlier merge.  Reports are read, never rescanned.
 */
#ifndef PG_ORG_H
#define PG_ORG_H

#include <stddef.h>

#include "model/rules.h"
#include "verdict/verdict.h"

/* Why a report could not be merged. */
enum org_problem {
	ORG_OPEN,      /* the file cannot be read; detail: the system's reason */
	ORG_NOT_JSON,  /* detail: "line L, column C" */
	ORG_TRUNCATED, /* it ends inside a value; detail: "line L, column C" */
	ORG_BAD_FIELD  /* valid JSON, but no proofgate report; detail: the field ("domains[2].status") */
};

struct org_error {
	char *file;
	enum org_problem problem;
	char *detail;
};

/* One repository, from its report. */
struct org_repo {
	char *name; /* shown: the file's name without .json, or more of its path when that is not unique */
	char *file; /* as given */
	char *rev, *commit, *branch; /* branch may be NULL */
	char *version, *digest;	     /* the proofgate version and rule-pack digest that made the report */
	enum lang lang;
	int go;
	int gate_passed, gate_decided;
	enum fail_on fail_on;
	size_t nproofs, nproven;
	char **proven;	 /* ids of the proofs proven, nproven of them */
	int *status;	 /* per org.domains entry: enum status, or -1 when its rules have no such domain */
	size_t nstatus;	 /* entries in status: org.ndomains once org_finish ran */
	size_t count[3]; /* its domains in each status */
	size_t ngaps;	 /* required and expected rules not passing */
};

/* One domain, as the first report that has it names it, with its totals. */
struct org_domain {
	char *id, *title;
	size_t count[3]; /* repositories in each status */
	size_t present;	 /* repositories whose rules have it */
};

/* A value reports differ in (rule-pack digest, proofgate version, language), and how many have it. */
struct org_variant {
	char *value;
	size_t count;
};

/* A change since the previous merge: a domain's status, or (domain NULL) a repository's verdict. */
struct org_change {
	char *repo;
	char *domain;	    /* the domain's id, or NULL */
	char *domain_title; /* its title, or NULL */
	int before, after;  /* enum status, or 1 go / 0 stop; -1: not there */
};

struct org {
	struct org_repo *repos; /* worst first once org_finish ran */
	size_t nrepos, repos_cap;
	struct org_domain *domains;
	size_t ndomains, domains_cap;
	struct org_error *errors;
	size_t nerrors, errors_cap;
	struct org_variant *digests, *versions, *langs; /* most common first */
	size_t ndigests, nversions, nlangs, digests_cap, versions_cap, langs_cap;
	struct org_change *changes;
	size_t nchanges, changes_cap;
	char *previous; /* the earlier merge compared with (org_compare), or NULL */
	size_t ngo, ngate_failed, nundecided;
};

/* An empty view; free with org_free. */
struct org *org_new(void);

/* Frees o and everything in it; NULL is fine. */
void org_free(struct org *o);

/*
 * Reads the JSON report at path and adds its repository.  A file that
 * cannot be read, is no JSON, ends early or is no proofgate report is
 * recorded in o->errors and returns -1 with err naming the file and why;
 * o stays usable and the next report can still be added.
 */
int org_add_report(struct org *o, const char *path);

/* The same for a report already in memory; file names it in messages. */
int org_add_buffer(struct org *o, const char *file, const char *data, size_t len);

/* Names the repositories, sorts them worst first, counts the totals and the variants.  Call once, after the adds. */
void org_finish(struct org *o);

/*
 * Compares with the JSON of an earlier merge (what report_org_json
 * wrote) at path: fills o->changes.  Returns 0, or -1 with err when it
 * cannot be read or is no merge.
 */
int org_compare(struct org *o, const char *path);

/* The language most reports were written in (English on a tie). */
enum lang org_lang(const struct org *o);

/* The status named s ("ready", "readiness-only", "blocked"), or -1. */
int org_status_parse(const char *s);

#endif
