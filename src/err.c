/* err.c - per-thread last error message. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last[2048];

int err_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
	return -1;
}

const char *err_last(void)
{
	return last[0] ? last : "unknown error";
}

void err_clear(void)
{
	last[0] = '\0';
}
