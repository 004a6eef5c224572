/* test_utf8.c - UTF-8 validity and safe output: invalid bytes and controls escaped, valid text kept. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

static int setup(void **state)
{
	struct buf *b = malloc(sizeof(*b));
	if (!b)
		return -1;
	*b = (struct buf)BUF_INIT;
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	struct buf *b = *state;
	buf_free(b);
	free(b);
	return 0;
}

static const char *safe(struct buf *b, const char *s, size_t len)
{
	buf_clear(b);
	assert_int_equal(buf_put_safe(b, s, len), 0);
	return buf_cstr(b);
}

#define SAFE(b, lit) safe((b), (lit), sizeof(lit) - 1)

static void test_safe_keeps_valid_utf8(void **state)
{
	struct buf *b = *state;
	/* ASCII, Latin-1 supplement, Arabic, CJK, emoji (4 bytes), the last code point */
	assert_string_equal(SAFE(b, "docs/README.md"), "docs/README.md");
	assert_string_equal(SAFE(b, "caf\xc3\xa9"), "caf\xc3\xa9");
	assert_string_equal(SAFE(b, "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb4\xd8\xb1/\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84.md"),
			    "\xd8\xa7\xd9\x84\xd9\x86\xd8\xb4\xd8\xb1/\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84.md");
	assert_string_equal(SAFE(b, "\xe6\x97\xa5\xe6\x9c\xac"), "\xe6\x97\xa5\xe6\x9c\xac");
	assert_string_equal(SAFE(b, "\xf0\x9f\x9a\x80"), "\xf0\x9f\x9a\x80");
	assert_string_equal(SAFE(b, "\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf");
	/* the first three-byte code point and the code points next to the surrogates */
	assert_string_equal(SAFE(b, "\xe0\xa0\x80"), "\xe0\xa0\x80");
	assert_string_equal(SAFE(b, "\xed\x9f\xbf"), "\xed\x9f\xbf");
	assert_string_equal(SAFE(b, "\xee\x80\x80"), "\xee\x80\x80");
	/* appends, does not replace */
	buf_clear(b);
	assert_int_equal(buf_puts(b, "a:"), 0);
	assert_int_equal(buf_put_safe(b, "\xd8\xb9", 2), 0);
	assert_string_equal(buf_cstr(b), "a:\xd8\xb9");
}

static void test_safe_escapes_invalid_bytes(void **state)
{
	struct buf *b = *state;
	/* Latin-1 bytes in a path */
	assert_string_equal(SAFE(b, "caf\xe9.txt"), "caf\\xe9.txt");
	/* lone continuation byte, bytes that never start UTF-8 */
	assert_string_equal(SAFE(b, "\x80"), "\\x80");
	assert_string_equal(SAFE(b, "\xff\xfe"), "\\xff\\xfe");
	assert_string_equal(SAFE(b, "\xf5\x80\x80\x80"), "\\xf5\\x80\\x80\\x80");
	/* a truncated sequence at the end, and one cut short by ASCII */
	assert_string_equal(SAFE(b, "a\xd8"), "a\\xd8");
	assert_string_equal(SAFE(b, "\xe6\x97"), "\\xe6\\x97");
	assert_string_equal(SAFE(b, "\xe6x\xa5"), "\\xe6x\\xa5");
	/* the input length is obeyed: a valid sequence cut by len is invalid */
	assert_string_equal(safe(b, "\xd8\xb9", 1), "\\xd8");
}

static void test_safe_escapes_overlongs_and_surrogates(void **state)
{
	struct buf *b = *state;
	/* overlong encodings of '/', NUL and U+07FF */
	assert_string_equal(SAFE(b, "\xc0\xaf"), "\\xc0\\xaf");
	assert_string_equal(SAFE(b, "\xc1\xbf"), "\\xc1\\xbf");
	assert_string_equal(SAFE(b, "\xe0\x80\xaf"), "\\xe0\\x80\\xaf");
	assert_string_equal(SAFE(b, "\xe0\x9f\xbf"), "\\xe0\\x9f\\xbf");
	assert_string_equal(SAFE(b, "\xf0\x80\x80\xaf"), "\\xf0\\x80\\x80\\xaf");
	assert_string_equal(SAFE(b, "\xf0\x8f\xbf\xbf"), "\\xf0\\x8f\\xbf\\xbf");
	/* UTF-16 surrogates encoded as UTF-8 (CESU), and past U+10FFFF */
	assert_string_equal(SAFE(b, "\xed\xa0\x80"), "\\xed\\xa0\\x80");
	assert_string_equal(SAFE(b, "\xed\xbf\xbf"), "\\xed\\xbf\\xbf");
	assert_string_equal(SAFE(b, "\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
}

static void test_safe_escapes_control_chars(void **state)
{
	struct buf *b = *state;
	/* a terminal escape sequence cannot get through */
	assert_string_equal(SAFE(b, "a\x1b[31mred"), "a\\x1b[31mred");
	assert_string_equal(SAFE(b, "tab\there\nnl\rcr"), "tab\\x09here\\x0anl\\x0dcr");
	assert_string_equal(SAFE(b, "\x7f"), "\\x7f");
	assert_string_equal(safe(b, "a\0b", 3), "a\\x00b");
	assert_string_equal(SAFE(b, "\x01\x1f "), "\\x01\\x1f ");
	/* C1 controls are valid UTF-8 but still control characters (U+009B is CSI) */
	assert_string_equal(SAFE(b, "\xc2\x9b"
				    "31m"),
			    "\\xc2\\x9b31m");
	assert_string_equal(SAFE(b, "\xc2\x80\xc2\x9f"), "\\xc2\\x80\\xc2\\x9f");
	/* U+00A0 (no-break space) is not a control character */
	assert_string_equal(SAFE(b, "\xc2\xa0"), "\xc2\xa0");
}

static void test_is_utf8(void **state)
{
	(void)state;
	assert_true(buf_is_utf8("", 0));
	assert_true(buf_is_utf8("docs/a.md", 9));
	assert_true(buf_is_utf8("\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84", 8));
	assert_true(buf_is_utf8("\xf0\x9f\x9a\x80", 4));
	assert_true(buf_is_utf8("a\0b", 3));	 /* NUL is valid UTF-8, only unsafe to show */
	assert_true(buf_is_utf8("\xc2\x9b", 2)); /* so is a C1 control */
	assert_false(buf_is_utf8("caf\xe9", 4));
	assert_false(buf_is_utf8("\xc0\xaf", 2));
	assert_false(buf_is_utf8("\xed\xa0\x80", 3));
	assert_false(buf_is_utf8("\xf4\x90\x80\x80", 4));
	assert_false(buf_is_utf8("\xd8\xb9", 1)); /* cut by len */
	assert_false(buf_is_utf8("ok\x80", 3));
}

static void test_bidi_escaped_only_when_asked(void **state)
{
	struct buf *b = *state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE: reports keep it (their bytes do not change) */
	assert_string_equal(SAFE(b, "a\xe2\x80\xae"
				    "b"),
			    "a\xe2\x80\xae"
			    "b");
	/* text shown beside proofgate's own words escapes every bidirectional control */
	buf_clear(b);
	assert_int_equal(
		utf8_put_escaped(b, "\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c",
				 20, UTF8_ESCAPE_BIDI),
		0);
	assert_string_equal(buf_cstr(b), "\\xe2\\x80\\xaa\\xe2\\x80\\xae\\xe2\\x81\\xa6\\xe2\\x81\\xa9\\xe2\\x80\\x8e"
					 "\\xe2\\x80\\x8f\\xd8\\x9c");
	/* their neighbours are ordinary text: U+2029, U+202F, U+2065, U+206A, Arabic letters */
	buf_clear(b);
	assert_int_equal(utf8_put_escaped(b, "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\xd8\xb9\xd8\x9b", 16,
					  UTF8_ESCAPE_BIDI),
			 0);
	assert_string_equal(buf_cstr(b), "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa\xd8\xb9\xd8\x9b");
	/* and the usual escapes still apply */
	buf_clear(b);
	assert_int_equal(utf8_put_escaped(b, "\x1b[0m\xc2\x9b\xff", 7, UTF8_ESCAPE_BIDI), 0);
	assert_string_equal(buf_cstr(b), "\\x1b[0m\\xc2\\x9b\\xff");
}

static void test_safe_obeys_the_cap(void **state)
{
	struct buf *b = *state;
	struct buf fake;

	assert_int_equal(buf_puts(b, "keep"), 0);
	fake = *b;
	fake.len = BUF_MAX;
	assert_int_equal(buf_put_safe(&fake, "x", 1), -1);
	assert_int_equal(fake.len, BUF_MAX);
	assert_string_equal(b->ptr, "keep");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_safe_keeps_valid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_safe_escapes_invalid_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_safe_escapes_overlongs_and_surrogates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_safe_escapes_control_chars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bidi_escaped_only_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_safe_obeys_the_cap, setup, teardown),
		cmocka_unit_test(test_is_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
