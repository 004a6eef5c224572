/* report_codequality.c - a GitLab Code Quality report (Code Climate issues), through jansson. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static const char *severity(enum level l)
{
	return l == LEVEL_REQUIRED ? "critical" : l == LEVEL_EXPECTED ? "major" : "info";
}

json_t *report_codequality_build(const struct report *r)
{
	const struct verdict *v = r->verdict;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < v->nrules; i++) {
		const struct rule_result *rr = &v->rules[i];
		const struct rule *ru = rr->rule;
		json_t *o, *loc, *lines, *cats;
		struct buf desc = BUF_INIT, fp = BUF_INIT;
		char *safe, *path;
		const char *raw, *at;
		size_t line, at_line;
		git_oid id;
		char hex[GIT_OID_HEXSZ + 1];

		if (!outcome_fails(rr->outcome))
			continue;
		/* the fingerprint keeps the rule's own place (stable whether the file exists); the location is in the
		 * tree */
		raw = report_rule_location(r, rr, &line);
		while (*raw == '/')
			raw++;
		at = report_rule_anchor(r, rr, &at_line);
		buf_printf(&desc, "%s %s: %s: %s. Next safe step: %s", level_name(ru->level), ru->id,
			   text_get(&ru->title, r->lang), rr->message, text_get(&ru->next_step, r->lang));
		/* one entry per rule, so the rule id alone keeps fingerprints unique; GitLab keeps one per fingerprint
		 */
		buf_printf(&fp, "proofgate/codequality/v1\n%s\n%s", ru->id, raw);
		if (git_odb_hash(&id, fp.ptr, fp.len, GIT_OBJECT_BLOB) < 0)
			memset(&id, 0, sizeof(id));
		git_oid_tostr(hex, sizeof(hex), &id);

		o = json_object();
		safe = report_safe(buf_cstr(&desc));
		json_object_set_new(o, "type", json_string("issue"));
		json_object_set_new(o, "check_name", json_string(ru->id));
		json_object_set_new(o, "description", json_string(safe));
		cats = json_array();
		json_array_append_new(cats, json_string(ru->level == LEVEL_ADVISORY ? "Style" : "Bug Risk"));
		json_object_set_new(o, "categories", cats);
		json_object_set_new(o, "fingerprint", json_string(hex));
		json_object_set_new(o, "severity", json_string(severity(ru->level)));
		loc = json_object();
		path = report_safe(at);
		json_object_set_new(loc, "path", json_string(path));
		lines = json_object();
		json_object_set_new(lines, "begin", json_integer((json_int_t)at_line));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(o, "location", loc);
		json_array_append_new(arr, o);
		free(path);
		free(safe);
		buf_free(&fp);
		buf_free(&desc);
	}
	return arr;
}

int report_codequality(FILE *f, const struct report *r)
{
	json_t *root = report_codequality_build(r);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
