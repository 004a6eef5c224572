/*
 * diff_codequality.c - GitLab Code Quality of a comparison: the head's issues
 * exactly as scan writes them (the same fingerprints, so that the merge
 * request widget, comparing with the target branch's report, shows new and
 * resolved ones), the description of each regression saying so first.
 */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

json_t *report_diff_codequality_build(const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	json_t *arr = report_codequality_build(d->head), *issue;
	size_t i, k;

	json_array_foreach(arr, i, issue)
	{
		const char *id = json_string_value(json_object_get(issue, "check_name"));
		for (k = 0; k < v->nrules; k++) {
			const struct rule_change *rc = &v->rules[k];
			struct buf desc = BUF_INIT;
			char *cause;
			if (strcmp(rc->id, id) || rc->dir != DIFF_WORSE)
				continue;
			cause = report_diff_cause(d, rc);
			buf_printf(&desc, "%s (%s -> %s%s%s): %s",
				   d->lang == LANG_AR ? "تراجع في هذا التغيير" : "Regression in this change",
				   report_diff_outcome(rc->base), report_diff_outcome(rc->head), cause ? "; " : "",
				   cause ? cause : "", json_string_value(json_object_get(issue, "description")));
			json_object_set_new(issue, "description", report_json_text(buf_cstr(&desc)));
			free(cause);
			buf_free(&desc);
			break;
		}
	}
	return arr;
}

int report_diff_codequality(FILE *f, const struct diff_report *d)
{
	json_t *root = report_diff_codequality_build(d);
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? 0 : -1;
	json_decref(root);
	return rc;
}
