/* str.c - small questions about NUL-terminated strings. */
#include "util/str.h"

#include <string.h>

int str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}
