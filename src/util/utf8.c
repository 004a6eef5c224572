/* utf8.c - UTF-8 validity, and text made safe to show. */
#include "util/utf8.h"

#include "util/buf.h"

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int buf_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_len(p + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

/* 1 for the n-byte sequence at p when it is a bidirectional formatting character. */
static int is_bidi(const unsigned char *p, size_t n)
{
	if (n == 2) /* U+061C ARABIC LETTER MARK */
		return p[0] == 0xd8 && p[1] == 0x9c;
	if (n != 3 || p[0] != 0xe2)
		return 0;
	/* U+200E..U+200F marks, U+202A..U+202E embeddings and overrides */
	if (p[1] == 0x80)
		return p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae);
	/* U+2066..U+2069 isolates */
	return p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9;
}

int utf8_put_escaped(struct buf *b, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		size_t n = utf8_len(p + i, len - i);
		int rc = 0, escape = n == 0 || (n == 1 && (p[i] < 0x20 || p[i] == 0x7f)) ||
				     /* C1 controls (U+0080..U+009F; U+009B is CSI) drive terminals too */
				     (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) ||
				     ((flags & UTF8_ESCAPE_BIDI) && is_bidi(p + i, n));
		if (n == 0)
			n = 1; /* an invalid byte alone; what follows is looked at afresh */
		if (escape)
			for (k = 0; k < n && rc == 0; k++)
				rc = buf_printf(b, "\\x%02x", p[i + k]);
		else
			rc = buf_put(b, s + i, n);
		if (rc < 0)
			return -1;
		i += n;
	}
	return 0;
}

int buf_put_safe(struct buf *b, const char *s, size_t len)
{
	return utf8_put_escaped(b, s, len, 0);
}
