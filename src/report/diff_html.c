/* diff_html.c - the head's readiness page, with the domains that changed since the base (page.h's changes). */
#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "report/page.h"
#include "util/mem.h"

int report_diff_html(FILE *f, const struct diff_report *d)
{
	const struct verdict_diff *v = d->diff;
	struct page_change *ch = xcalloc(v->ndomains + 1, sizeof(*ch));
	struct page pg;
	char since[GIT_OID_HEXSZ + 1];
	size_t i, n = 0;
	int rc;

	for (i = 0; i < v->ndomains; i++) {
		const struct domain_change *dc = &v->domains[i];
		const struct domain *dom = dc->head ? dc->head->domain : dc->base->domain;
		if (dc->dir == DIFF_SAME)
			continue;
		ch[n].domain = text_get(&dom->title, d->lang);
		ch[n].before = dc->base ? (int)dc->base->status : -1;
		ch[n].after = dc->head ? (int)dc->head->status : -1;
		n++;
	}
	memset(&pg, 0, sizeof(pg));
	pg.lang = d->lang;
	pg.link_base = d->head->link_base;
	pg.changes = ch;
	pg.nchanges = n;
	snprintf(since, sizeof(since), "%.12s", d->base->target->commit_hex);
	pg.since = since;
	rc = report_html(f, d->head, &pg);
	free(ch);
	return rc;
}
