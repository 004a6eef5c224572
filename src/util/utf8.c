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
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
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

int buf_put_safe(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_len(p + i, len - i);
		int rc;
		if (n == 0 || (n == 1 && (p[i] < 0x20 || p[i] == 0x7f)))
			rc = buf_printf(b, "\\x%02x", p[i]), n = 1;
		else if (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			/* C1 controls (U+0080..U+009F; U+009B is CSI) drive terminals too */
			rc = buf_printf(b, "\\x%02x\\x%02x", p[i], p[i + 1]);
		else
			rc = buf_put(b, s + i, n);
		if (rc < 0)
			return -1;
		i += n;
	}
	return 0;
}
