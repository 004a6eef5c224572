/* test_bytes.c - little-endian integers and LEB128 varints: layout, round trips, truncated input. */
#include "helpers.h"

#include <string.h>

#include "util/buf.h"
#include "util/bytes.h"

static void test_le_layout(void **state)
{
	unsigned char p[8];
	(void)state;
	le_put32(p, 0x11223344u);
	assert_memory_equal(p, "\x44\x33\x22\x11", 4);
	assert_int_equal(le_get32(p), 0x11223344u);
	le_put64(p, 0x0102030405060708ull);
	assert_memory_equal(p, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
	assert_true(le_get64(p) == 0x0102030405060708ull);
	le_put64(p, UINT64_MAX);
	assert_true(le_get64(p) == UINT64_MAX);
}

static void test_varint_round_trip(void **state)
{
	static const uint64_t vals[] = {0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX, (uint64_t)1 << 63, UINT64_MAX};
	struct buf b = BUF_INIT;
	const unsigned char *p, *end;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		assert_int_equal(buf_put_varint(&b, vals[i]), 0);
	/* 0..127 take one byte, 128 two, UINT64_MAX ten */
	assert_memory_equal(b.ptr, "\x00\x01\x7f\x80\x01", 5);
	p = (const unsigned char *)b.ptr;
	end = p + b.len;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		uint64_t v = 12345;
		assert_int_equal(buf_get_varint(&p, end, &v), 0);
		assert_true(v == vals[i]);
	}
	assert_ptr_equal(p, end);
	buf_free(&b);
}

static void test_varint_truncated_or_too_long(void **state)
{
	const unsigned char cut[] = {0x80, 0x80};
	const unsigned char eleven[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
	const unsigned char *p = cut;
	uint64_t v = 7;
	(void)state;

	assert_int_equal(buf_get_varint(&p, cut + sizeof(cut), &v), -1);
	assert_true(v == 7); /* untouched on failure */
	p = eleven;
	assert_int_equal(buf_get_varint(&p, eleven + sizeof(eleven), &v), -1);
	assert_true(v == 7);
	p = cut;
	assert_int_equal(buf_get_varint(&p, cut, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_le_layout),
		cmocka_unit_test(test_varint_round_trip),
		cmocka_unit_test(test_varint_truncated_or_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
