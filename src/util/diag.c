/* diag.c - the one list of problems found in files people write, and its safe rendering. */
#include "util/diag.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

int diag_vadd(struct diag_list *l, struct where at, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	struct diag *d;

	buf_vprintf(&b, fmt, ap);
	XGROW(l->items, l->cap, l->n + 1);
	d = &l->items[l->n++];
	d->file = at.file ? xstrdup(at.file) : NULL;
	d->at = at;
	d->at.file = d->file;
	d->msg = buf_detach(&b);
	return -1;
}

int diag_add(struct diag_list *l, struct where at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(l, at, fmt, ap);
	va_end(ap);
	return -1;
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	if (!src->n)
		return;
	XGROW(dst->items, dst->cap, dst->n + src->n);
	/* each diag's at.file points at its own heap copy: moving the struct keeps it valid */
	memcpy(dst->items + dst->n, src->items, src->n * sizeof(*src->items));
	dst->n += src->n;
	free(src->items);
	src->items = NULL;
	src->n = src->cap = 0;
}

void diag_list_clear(struct diag_list *l)
{
	size_t i;
	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].msg);
		free(l->items[i].file);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

int diag_format(struct buf *out, const struct diag *d, const char *fallback)
{
	const char *file = d->at.file ? d->at.file : fallback ? fallback : "?";
	int rc = utf8_put_escaped(out, file, strlen(file), UTF8_ESCAPE_BIDI);
	if (d->at.line > 0)
		rc |= buf_printf(out, ":%d:%d", d->at.line, d->at.col);
	rc |= buf_puts(out, ": ");
	rc |= utf8_put_escaped(out, d->msg, strlen(d->msg), UTF8_ESCAPE_BIDI);
	return rc ? -1 : 0;
}
