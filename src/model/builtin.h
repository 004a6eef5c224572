/* builtin.h - the rule pack compiled into the binary (generated from rules/). */
#ifndef PG_BUILTIN_H
#define PG_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name; /* "rules/NAME.yml" */
	const char *data;
	size_t len;
};

extern const struct builtin_file builtin_files[];
extern const size_t builtin_nfiles;

#endif
