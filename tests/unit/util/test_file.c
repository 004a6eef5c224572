/* test_file.c - a whole file read into a buffer: bytes, the size cap, the reasons it fails. */
#include "helpers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/file.h"

/* A file with n bytes of c (and one NUL in the middle when n > 2) in a fresh folder; *dir to remove. */
static char *make_file(char dir[64], size_t n, char c)
{
	char *path = malloc(128), *data = malloc(n + 1);
	FILE *f;
	strcpy(dir, "/tmp/pg-test-file.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, 128, "%s/f", dir);
	memset(data, c, n);
	if (n > 2)
		data[n / 2] = '\0';
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(data);
	return path;
}

static void drop(char dir[64], char *path)
{
	unlink(path);
	rmdir(dir);
	free(path);
}

static void test_reads_every_byte(void **state)
{
	char dir[64], *path = make_file(dir, 200000, 'x');
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(file_read(&b, path, 200000), 0);
	assert_int_equal(b.len, 200000);
	assert_int_equal(b.ptr[100000], '\0');
	assert_int_equal(b.ptr[199999], 'x');
	assert_int_equal(b.ptr[200000], '\0');
	buf_free(&b);
	drop(dir, path);
}

static void test_empty_file_is_an_empty_string(void **state)
{
	char dir[64], *path = make_file(dir, 0, 'x');
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(file_read(&b, path, 10), 0);
	assert_int_equal(b.len, 0);
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	buf_free(&b);
	drop(dir, path);
}

static void test_cap_is_an_error_and_out_untouched(void **state)
{
	char dir[64], *path = make_file(dir, 101, 'y');
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(file_read(&b, path, 100), -1);
	assert_string_equal(err_last(), "larger than 100 bytes");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(file_read(&b, path, 101), 0);
	buf_free(&b);
	drop(dir, path);
}

static void test_cap_in_gib_from_the_size(void **state)
{
	char dir[64], *path = make_file(dir, 3, 'z');
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(file_read(&b, path, 2), -1);
	assert_string_equal(err_last(), "larger than 2 bytes");
	/* a sparse file past 1 GiB: refused from its size, before anything is read */
	assert_int_equal(truncate(path, (off_t)((size_t)1 << 30) + 1), 0);
	assert_int_equal(file_read(&b, path, (size_t)1 << 30), -1);
	assert_string_equal(err_last(), "larger than 1 GiB");
	assert_null(b.ptr);
	drop(dir, path);
}

static void test_missing_and_folder_say_why(void **state)
{
	char dir[64], *path = make_file(dir, 1, 'x');
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(file_read(&b, "/nonexistent/proofgate/f", 10), -1);
	assert_string_equal(err_last(), strerror(ENOENT));
	assert_int_equal(file_read(&b, dir, 10), -1);
	assert_string_equal(err_last(), strerror(EISDIR));
	assert_null(b.ptr);
	drop(dir, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_every_byte),
		cmocka_unit_test(test_empty_file_is_an_empty_string),
		cmocka_unit_test(test_cap_is_an_error_and_out_untouched),
		cmocka_unit_test(test_cap_in_gib_from_the_size),
		cmocka_unit_test(test_missing_and_folder_say_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
