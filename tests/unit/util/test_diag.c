/* test_diag.c - the one problem list: copies, moving, and every byte from a file made safe to show. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"

static const char *format(struct buf *b, const struct diag *d, const char *fallback)
{
	buf_clear(b);
	assert_int_equal(diag_format(b, d, fallback), 0);
	return buf_cstr(b);
}

static void test_add_copies_the_file_name(void **state)
{
	struct diag_list l = DIAG_LIST_INIT;
	char file[] = "rules/a.yml";
	(void)state;

	assert_int_equal(diag_add(&l, (struct where){file, 3, 7}, "unknown key '%s'", "x"), -1);
	assert_int_equal(diag_add(&l, (struct where){NULL, 0, 0}, "no file"), -1);
	memcpy(file, "XXXXX", 5); /* the owner's buffer may go away */
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].at.file, "rules/a.yml");
	assert_int_equal(l.items[0].at.line, 3);
	assert_int_equal(l.items[0].at.col, 7);
	assert_string_equal(l.items[0].msg, "unknown key 'x'");
	assert_null(l.items[1].at.file);
	diag_list_clear(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.items);
	diag_list_clear(NULL);
}

static void test_move_appends_in_order(void **state)
{
	struct diag_list a = DIAG_LIST_INIT, b = DIAG_LIST_INIT;
	(void)state;

	diag_add(&a, (struct where){"a.yml", 1, 1}, "first");
	diag_add(&b, (struct where){"b.yml", 2, 1}, "second");
	diag_add(&b, (struct where){"c.yml", 3, 1}, "third");
	diag_list_move(&a, &b);
	assert_int_equal(b.n, 0);
	assert_null(b.items);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.items[1].msg, "second");
	assert_string_equal(a.items[2].at.file, "c.yml");
	diag_list_move(&a, &b); /* nothing to move */
	assert_int_equal(a.n, 3);
	diag_list_clear(&a);
}

static void test_format_plain(void **state)
{
	struct buf b = BUF_INIT;
	struct diag d = {{"rules/x.yml", 12, 5}, (char *)"expected a mapping", NULL};
	(void)state;

	assert_string_equal(format(&b, &d, "(rules)"), "rules/x.yml:12:5: expected a mapping");
	d.at.line = 0;
	assert_string_equal(format(&b, &d, "(rules)"), "rules/x.yml: expected a mapping");
	d.at.file = NULL;
	assert_string_equal(format(&b, &d, "(rules)"), "(rules): expected a mapping");
	/* Arabic and other valid text from a pack is shown as written */
	d.msg = (char *)"title '\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84'";
	assert_string_equal(format(&b, &d, ".proofgate.yml"),
			    ".proofgate.yml: title '\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84'");
	buf_free(&b);
}

static void test_format_escapes_what_came_from_a_file(void **state)
{
	struct buf b = BUF_INIT;
	struct diag d = {{"p.yml", 7, 30}, NULL, NULL};
	(void)state;

	/* paths: "\e[31mRED{" in a pack: the glob comes back in the message */
	d.msg = (char *)"invalid glob '\x1b[31mRED{': unmatched '{' at offset 8";
	assert_string_equal(format(&b, &d, "(rules)"),
			    "p.yml:7:30: invalid glob '\\x1b[31mRED{': unmatched '{' at offset 8");
	/* a new line cannot forge a second message; CSI as a C1 control; invalid UTF-8 */
	d.msg = (char *)"a\nproofgate: ok \xc2\x9b"
			"2J \xff";
	assert_string_equal(format(&b, &d, "(rules)"), "p.yml:7:30: a\\x0aproofgate: ok \\xc2\\x9b2J \\xff");
	/* bidirectional controls reorder a line on screen (U+202E, U+2066, U+200F, U+061C) */
	d.msg = (char *)"id 'a\xe2\x80\xae"
			"cba' \xe2\x81\xa6x\xe2\x81\xa9 \xe2\x80\x8f \xd8\x9c";
	assert_string_equal(
		format(&b, &d, "(rules)"),
		"p.yml:7:30: id 'a\\xe2\\x80\\xaecba' \\xe2\\x81\\xa6x\\xe2\\x81\\xa9 \\xe2\\x80\\x8f \\xd8\\x9c");
	/* the file name comes from a repository too */
	d.at.file = "packs/\x1b]0;title\x07.yml";
	d.msg = (char *)"m";
	assert_string_equal(format(&b, &d, "(rules)"), "packs/\\x1b]0;title\\x07.yml:7:30: m");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_copies_the_file_name),
		cmocka_unit_test(test_move_appends_in_order),
		cmocka_unit_test(test_format_plain),
		cmocka_unit_test(test_format_escapes_what_came_from_a_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
