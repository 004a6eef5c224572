/* err.c - per-thread last error message. */
#include "util/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last[2048];

int err_set(const char *fmt, ...)
{
	/* format aside first: err_set("...: %s", err_last()) reads the message it replaces */
	char msg[sizeof(last)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last, msg, strlen(msg) + 1);
	return -1;
}

int err_sys(const char *fmt, ...)
{
	int e = errno;
	char msg[sizeof(last)];
	size_t n;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	snprintf(msg + n, sizeof(msg) - n, ": %s", err_os(e));
	memcpy(last, msg, strlen(msg) + 1);
	return -1;
}

const char *err_os(int e)
{
	static _Thread_local char text[256];
	/* the XSI strerror_r (this build's _XOPEN_SOURCE=700) fills text */
	if (strerror_r(e ? e : EIO, text, sizeof(text)) != 0)
		snprintf(text, sizeof(text), "error %d", e);
	return text;
}

const char *err_last(void)
{
	return last[0] ? last : "unknown error";
}

void err_clear(void)
{
	last[0] = '\0';
}
