/* opts.h - one table per command drives getopt_long, where each value goes, and --help. */
#ifndef PG_OPTS_H
#define PG_OPTS_H

#include <stddef.h>
#include <stdio.h>

/* What an option does with its value (the model: git's parse-options OPT_*). */
enum opt_kind {
	OPT_KIND_CALL,    /* calls the command's handler with key and value: values that need checking */
	OPT_KIND_SET,     /* sets the int at off to 1 */
	OPT_KIND_CLEAR,   /* sets the int at off to 0 */
	OPT_KIND_STRING,  /* stores the value (a const char *) at off; the last one wins */
	OPT_KIND_STRINGS, /* appends the value to the char ** at off, counted by the size_t at count_off */
};

struct opt {
	const char *name; /* long name, without -- */
	int key;          /* short letter; a value >= 256 the handler knows (OPT_KIND_CALL); or 0 */
	const char *arg;  /* argument name, or NULL for a flag */
	const char *help;
	enum opt_kind kind;
	size_t off, count_off; /* where the value goes, in the struct handed to opts_parse */
};

/* Table rows; TYPE is the struct whose FIELD receives the value. */
#define OPT_CALL(name, key, arg, help) {name, key, arg, help, OPT_KIND_CALL, 0, 0}
#define OPT_SET(name, key, help, type, field) {name, key, NULL, help, OPT_KIND_SET, offsetof(type, field), 0}
#define OPT_CLEAR(name, key, help, type, field) {name, key, NULL, help, OPT_KIND_CLEAR, offsetof(type, field), 0}
#define OPT_STRING(name, key, arg, help, type, field)                                                                  \
	{name, key, arg, help, OPT_KIND_STRING, offsetof(type, field), 0}
#define OPT_STRINGS(name, key, arg, help, type, field, count)                                                          \
	{name, key, arg, help, OPT_KIND_STRINGS, offsetof(type, field), offsetof(type, count)}
#define OPT_END {0, 0, 0, 0, OPT_KIND_CALL, 0, 0}

/*
 * Parses argv against opts (ended by OPT_END), storing each value where
 * its row says in the struct at data, or calling handle(key, optarg, data)
 * for OPT_KIND_CALL rows; handle returns 0, or -1 to stop.  Unknown
 * options and missing arguments print a message and return -1.  On
 * success *first is the index of the first operand.  Arrays built by
 * OPT_KIND_STRINGS are the caller's to free (the strings stay argv's).
 */
int opts_parse(int argc, char **argv, const struct opt *opts, int (*handle)(int key, const char *arg, void *data),
	       void *data, int *first);

/* Prints the option list, aligned, to f. */
void opts_print(FILE *f, const struct opt *opts);

#endif
