/* test_buf.c - the growable buffer: growth, printf, detach, the size cap. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

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

static void test_empty_is_empty_string(void **state)
{
	struct buf *b = *state;
	assert_null(b->ptr);
	assert_int_equal(b->len, 0);
	assert_string_equal(buf_cstr(b), "");
	/* appending nothing still gives a NUL-terminated string */
	assert_int_equal(buf_put(b, "", 0), 0);
	assert_non_null(b->ptr);
	assert_int_equal(b->len, 0);
	assert_string_equal(b->ptr, "");
}

static void test_growth_keeps_contents(void **state)
{
	struct buf *b = *state;
	size_t i, prev_cap = 0, grew = 0;

	for (i = 0; i < 10000; i++) {
		assert_int_equal(buf_putc(b, (char)('a' + i % 26)), 0);
		assert_true(b->cap > b->len); /* room for the NUL */
		assert_int_equal(b->ptr[b->len], '\0');
		if (b->cap != prev_cap)
			grew++, prev_cap = b->cap;
	}
	assert_int_equal(b->len, 10000);
	assert_int_equal(strlen(b->ptr), 10000);
	for (i = 0; i < 10000; i++)
		assert_int_equal(b->ptr[i], 'a' + i % 26);
	/* growth is geometric, not one allocation per byte */
	assert_true(grew < 20);
}

static void test_put_binary_and_puts(void **state)
{
	struct buf *b = *state;
	assert_int_equal(buf_put(b, "a\0b", 3), 0);
	assert_int_equal(b->len, 3);
	assert_memory_equal(b->ptr, "a\0b", 4);
	assert_int_equal(buf_puts(b, "cd"), 0);
	assert_int_equal(b->len, 5);
	assert_memory_equal(b->ptr, "a\0bcd", 6);
}

static void test_printf_appends(void **state)
{
	struct buf *b = *state;
	char big[3000];

	assert_int_equal(buf_puts(b, "x="), 0);
	assert_int_equal(buf_printf(b, "%d,%s,%05.1f", 42, "ok", 3.14159), 0);
	assert_string_equal(buf_cstr(b), "x=42,ok,003.1");
	assert_int_equal(b->len, strlen("x=42,ok,003.1"));
	/* an empty format still works and leaves a terminated string */
	assert_int_equal(buf_printf(b, "%s", ""), 0);
	assert_string_equal(buf_cstr(b), "x=42,ok,003.1");
	/* longer than any first allocation: must grow, not truncate */
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_clear(b);
	assert_int_equal(buf_printf(b, "[%s]", big), 0);
	assert_int_equal(b->len, sizeof(big) + 1);
	assert_int_equal(b->ptr[0], '[');
	assert_int_equal(b->ptr[b->len - 1], ']');
	assert_int_equal(b->ptr[b->len], '\0');
}

static void test_clear_keeps_memory(void **state)
{
	struct buf *b = *state;
	char *p;
	assert_int_equal(buf_puts(b, "hello"), 0);
	p = b->ptr;
	buf_clear(b);
	assert_int_equal(b->len, 0);
	assert_string_equal(buf_cstr(b), "");
	assert_ptr_equal(b->ptr, p);
	assert_int_equal(buf_puts(b, "hi"), 0);
	assert_string_equal(buf_cstr(b), "hi");
}

static void test_detach(void **state)
{
	struct buf *b = *state;
	char *s;

	assert_int_equal(buf_puts(b, "owned"), 0);
	s = buf_detach(b);
	assert_string_equal(s, "owned");
	assert_null(b->ptr);
	assert_int_equal(b->len, 0);
	assert_int_equal(b->cap, 0);
	free(s);
	/* detaching an empty buffer gives a string the caller can free */
	s = buf_detach(b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	/* the buffer is usable again */
	assert_int_equal(buf_puts(b, "again"), 0);
	assert_string_equal(buf_cstr(b), "again");
}

static void test_size_cap(void **state)
{
	struct buf *b = *state;
	struct buf fake;
	char one = 'x';

	assert_int_equal(buf_puts(b, "keep"), 0);
	/* a length past the cap is refused before anything is read or allocated */
	assert_int_equal(buf_put(b, &one, BUF_MAX + 1), -1);
	assert_int_equal(buf_put(b, &one, (size_t)-1), -1);
	assert_int_equal(b->len, 4);
	assert_string_equal(b->ptr, "keep");

	/* a buffer already at the cap takes nothing more, whatever the call */
	fake = *b;
	fake.len = BUF_MAX;
	assert_int_equal(buf_putc(&fake, 'x'), -1);
	assert_int_equal(buf_puts(&fake, "x"), -1);
	assert_int_equal(buf_printf(&fake, "%d", 1), -1);
	assert_int_equal(fake.len, BUF_MAX);
	assert_ptr_equal(fake.ptr, b->ptr);
	/* one byte below the cap: two more bytes would pass it */
	fake.len = BUF_MAX - 1;
	assert_int_equal(buf_put(&fake, &one, 2), -1);
	assert_string_equal(b->ptr, "keep");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_is_empty_string, setup, teardown),
		cmocka_unit_test_setup_teardown(test_growth_keeps_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_binary_and_puts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_printf_appends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear_keeps_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detach, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_cap, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
