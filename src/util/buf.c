/* buf.c - the growable byte buffer. */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static int grow(struct buf *b, size_t extra)
{
	size_t need;
	if (extra > BUF_MAX || b->len > BUF_MAX - extra)
		return -1;
	need = b->len + extra + 1;
	if (need > b->cap)
		XGROW(b->ptr, b->cap, need);
	return 0;
}

int buf_put(struct buf *b, const char *data, size_t len)
{
	if (grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_put(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_put(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/* a phrase table's format (see buf_phrase in util/buf.h): the documented exception to -Wformat-nonliteral */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int buf_phrase(struct buf *b, const char *phrase, ...)
{
	va_list ap;
	int rc;
	va_start(ap, phrase);
	rc = buf_vprintf(b, phrase, ap);
	va_end(ap);
	return rc;
}
#pragma GCC diagnostic pop

const char *buf_cstr(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *buf_detach(struct buf *b)
{
	char *p = b->ptr ? b->ptr : xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void buf_free(struct buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
