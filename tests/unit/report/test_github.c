/* test_report_github.c - workflow command escaping, as the Actions runner decodes it. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"

static void check(const char *in, int prop, const char *want)
{
	char *got = report_github_escape(in, prop);
	assert_string_equal(got, want);
	free(got);
}

static void test_data_escapes_percent_cr_lf_only(void **state)
{
	(void)state;
	check("100% ready: a, b\r\nnext", 0, "100%25 ready: a, b%0D%0Anext");
	check("%0A is text", 0, "%250A is text");
	check("", 0, "");
}

static void test_properties_also_escape_colon_and_comma(void **state)
{
	(void)state;
	check("odd/50% a:b,c\r\n.tmp", 1, "odd/50%25 a%3Ab%2Cc%0D%0A.tmp");
	check("::error::", 1, "%3A%3Aerror%3A%3A");
}

static void test_utf8_kept_invalid_bytes_made_visible(void **state)
{
	(void)state;
	check("دليل النشر: جاهز", 1, "دليل النشر%3A جاهز");
	check("docs/caf\xe9.md", 1, "docs/caf\\xe9.md");
	assert_true(report_utf8_valid("النشر"));
	assert_false(report_utf8_valid("caf\xe9"));
	assert_false(report_utf8_valid("\xed\xa0\x80")); /* a UTF-16 surrogate */
	assert_false(report_utf8_valid("\xc0\xaf"));	 /* overlong */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_escapes_percent_cr_lf_only),
		cmocka_unit_test(test_properties_also_escape_colon_and_comma),
		cmocka_unit_test(test_utf8_kept_invalid_bytes_made_visible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
