/* report_sarif.c - SARIF 2.1.0 as GitHub code scanning ingests it, through jansson. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI     "https://github.com/proofgate/proofgate"

static json_t *jtext(const char *s)
{
	char *safe = report_safe(s ? s : "");
	json_t *o = json_object();
	json_object_set_new(o, "text", json_string(safe));
	free(safe);
	return o;
}

static const char *sarif_level(enum level l)
{
	return l == LEVEL_REQUIRED ? "error" : l == LEVEL_EXPECTED ? "warning" : "note";
}

/* A path as a relative URI reference: unreserved bytes and '/' kept, every other byte %XX. */
static char *uri_of(const char *path)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)path;
	while (*p == '/')
		p++;
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	if (!b.len)
		buf_puts(&b, ".proofgate.yml");
	return buf_detach(&b);
}

/* A fingerprint that stays the same while the same rule fails at the same path. */
static void fingerprint(char out[GIT_OID_HEXSZ + 1], const char *rule, const char *path)
{
	struct buf b = BUF_INIT;
	git_oid id;
	buf_printf(&b, "proofgate/v1\n%s\n%s", rule, path);
	if (git_odb_hash(&id, b.ptr, b.len, GIT_OBJECT_BLOB) < 0)
		memset(&id, 0, sizeof(id));
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, &id);
	buf_free(&b);
}

/*
 * The rule's readable name: its id in PascalCase ("backup.restore-drill" ->
 * "BackupRestoreDrill"), or NULL when that reads the same as the id ignoring
 * case (SARIF 3.49.7: id is the stable identifier, name must differ from it).
 * Rule ids hold only a-z, 0-9, '.', '-' and '_' (rules.c); caller frees.
 */
static char *rule_name(const char *id)
{
	struct buf b = BUF_INIT;
	int upper = 1, differs = 0;
	const char *p;
	for (p = id; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))) {
			upper = 1;
			differs = 1;
			continue;
		}
		buf_putc(&b, upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
		upper = 0;
	}
	if (!differs || !b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static json_t *rule_desc(const struct report *r, const struct rule *ru)
{
	json_t *o = json_object(), *props = json_object(), *tags = json_array(), *dc = json_object();
	struct buf help = BUF_INIT;
	char *name = rule_name(ru->id);
	size_t i;

	/* the id stays the rule's own: code scanning keys its alerts on it */
	json_object_set_new(o, "id", json_string(ru->id));
	if (name)
		json_object_set_new(o, "name", json_string(name));
	free(name);
	json_object_set_new(o, "shortDescription", jtext(text_get(&ru->title, r->lang)));
	json_object_set_new(
		o, "fullDescription",
		jtext(ru->description.en ? text_get(&ru->description, r->lang) : text_get(&ru->title, r->lang)));
	buf_printf(&help, "Next safe step: %s", text_get(&ru->next_step, r->lang));
	for (i = 0; i < ru->nlinks; i++)
		buf_printf(&help, "\n%s", ru->links[i]);
	json_object_set_new(o, "help", jtext(buf_cstr(&help)));
	if (ru->nlinks && !strncmp(ru->links[0], "https://", 8)) {
		char *u = report_safe(ru->links[0]);
		json_object_set_new(o, "helpUri", json_string(u));
		free(u);
	}
	json_object_set_new(dc, "level", json_string(sarif_level(ru->level)));
	json_object_set_new(o, "defaultConfiguration", dc);
	json_array_append_new(tags, json_string("ops-readiness"));
	json_array_append_new(tags, json_string(ru->domain_id));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(props, "domain", json_string(ru->domain_id));
	json_object_set_new(props, "level", json_string(level_name(ru->level)));
	json_object_set_new(o, "properties", props);
	buf_free(&help);
	return o;
}

json_t *report_sarif_result(const struct report *r, const struct rule_result *rr, size_t index)
{
	const struct rule *ru = rr->rule;
	json_t *o = json_object(), *loc = json_object(), *phys = json_object(), *art = json_object(),
	       *reg = json_object(), *locs = json_array(), *fp = json_object(), *props = json_object();
	struct buf msg = BUF_INIT;
	char fpr[GIT_OID_HEXSZ + 1], *uri;
	const char *path, *at;
	size_t line, at_line;

	/* the fingerprint keeps the rule's own place, so that an alert stays one alert whether the file exists */
	path = report_rule_location(r, rr, &line);
	at = report_rule_anchor(r, rr, &at_line);
	uri = uri_of(at);
	buf_printf(&msg, "%s: %s. Next safe step: %s", text_get(&ru->title, r->lang), rr->message,
		   text_get(&ru->next_step, r->lang));
	json_object_set_new(o, "ruleId", json_string(ru->id));
	json_object_set_new(o, "ruleIndex", json_integer((json_int_t)index));
	json_object_set_new(o, "level", json_string(sarif_level(ru->level)));
	json_object_set_new(o, "kind", json_string("fail"));
	json_object_set_new(o, "message", jtext(buf_cstr(&msg)));
	json_object_set_new(art, "uri", json_string(uri));
	json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
	json_object_set_new(phys, "artifactLocation", art);
	json_object_set_new(reg, "startLine", json_integer((json_int_t)at_line));
	json_object_set_new(phys, "region", reg);
	json_object_set_new(loc, "physicalLocation", phys);
	json_array_append_new(locs, loc);
	json_object_set_new(o, "locations", locs);
	fingerprint(fpr, ru->id, path);
	json_object_set_new(fp, "proofgateFinding/v1", json_string(fpr));
	json_object_set_new(o, "partialFingerprints", fp);
	json_object_set_new(props, "outcome", json_string(outcome_name(rr->outcome)));
	json_object_set_new(props, "domain", json_string(ru->domain_id));
	if (rr->waiver) {
		char *reason = report_safe(rr->waiver->reason), *owner = report_safe(rr->waiver->owner);
		json_object_set_new(props, "waiverReason", json_string(reason));
		json_object_set_new(props, "waiverOwner", json_string(owner));
		json_object_set_new(props, "waiverExpires", json_string(rr->waiver->expires));
		if (rr->outcome == OUTCOME_WAIVED) {
			/* a waiver is an accepted, external suppression: code scanning shows the alert as dismissed */
			json_t *sups = json_array(), *sup = json_object();
			struct buf just = BUF_INIT;
			buf_printf(&just, "waived until %s by %s: %s", rr->waiver->expires, owner, reason);
			json_object_set_new(sup, "kind", json_string("external"));
			json_object_set_new(sup, "status", json_string("accepted"));
			json_object_set_new(sup, "justification", json_string(buf_cstr(&just)));
			json_array_append_new(sups, sup);
			json_object_set_new(o, "suppressions", sups);
			buf_free(&just);
		}
		free(reason);
		free(owner);
	}
	json_object_set_new(o, "properties", props);
	free(uri);
	buf_free(&msg);
	return o;
}

json_t *report_sarif_build(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *root = json_object(), *runs = json_array(), *run = json_object(), *tool = json_object(),
	       *driver = json_object(), *rules = json_array(), *results = json_array(), *auto_ = json_object(),
	       *props = json_object(), *base = json_object(), *srcroot = json_object();
	size_t i;

	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("proofgate"));
	json_object_set_new(driver, "version", json_string(r->version));
	json_object_set_new(driver, "semanticVersion", json_string(r->version));
	json_object_set_new(driver, "informationUri", json_string(INFO_URI));
	/* every rule, passing ones too, so that code scanning closes fixed alerts */
	for (i = 0; i < v->nrules; i++)
		json_array_append_new(rules, rule_desc(r, v->rules[i].rule));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);
	json_object_set_new(auto_, "id", json_string("proofgate/ops-readiness/"));
	json_object_set_new(run, "automationDetails", auto_);
	json_object_set_new(srcroot, "description", jtext("the root of the scanned repository"));
	json_object_set_new(base, "%SRCROOT%", srcroot);
	json_object_set_new(run, "originalUriBaseIds", base);
	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		if (!outcome_fails(rr->outcome) && rr->outcome != OUTCOME_WAIVED)
			continue;
		json_array_append_new(results, report_sarif_result(r, rr, i));
	}
	json_object_set_new(run, "results", results);
	json_object_set_new(props, "commit", json_string(r->target->commit_hex));
	json_object_set_new(props, "verdict", json_string(v->go ? "go" : "stop"));
	json_object_set_new(props, "gate",
			    json_string(!v->gate.decided ? "undecided"
					: v->gate.passed ? "passed"
							 : "failed"));
	json_object_set_new(props, "rulesDigest", json_string(r->rules->digest));
	json_object_set_new(props, "failOn", json_string(fail_on_name(v->gate.fail_on)));
	json_object_set_new(props, "gateSource", json_string(v->gate.fail_on_source));
	if (v->gate.branch) {
		char *b = report_safe(v->gate.branch);
		json_object_set_new(props, "branch", json_string(b));
		free(b);
	}
	if (v->gate.branch_source)
		json_object_set_new(props, "branchSource", json_string(v->gate.branch_source));
	json_object_set_new(run, "properties", props);
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	return root;
}

int report_sarif(FILE *f, const struct report *r)
{
	json_t *root = report_sarif_build(r);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
