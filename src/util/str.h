/* str.h - small questions about NUL-terminated strings. */
#ifndef PG_STR_H
#define PG_STR_H

/* 1 when s ends with suffix (an empty suffix ends every string). */
int str_ends_with(const char *s, const char *suffix);

#endif
