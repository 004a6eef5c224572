/* opts.h - one table per command: where each value goes, --help, and the shell completions. */
#ifndef PG_OPTS_H
#define PG_OPTS_H

#include <stddef.h>
#include <stdio.h>

/* What an option does with its value (the model: git's parse-options OPT_*). */
enum opt_kind {
	OPT_KIND_CALL,	  /* calls the command's handler with key and value: values that need checking */
	OPT_KIND_SET,	  /* sets the int at off to 1 */
	OPT_KIND_CLEAR,	  /* sets the int at off to 0 */
	OPT_KIND_STRING,  /* stores the value (a const char *) at off; the last one wins */
	OPT_KIND_STRINGS, /* appends the value to the char ** at off, counted by the size_t at count_off */
};

#define OPT_OPTIONAL 1u /* the value is optional and only ever given as --name=VALUE (the handler gets NULL) */
#define OPT_HIDDEN   2u /* left out of --help and the completions */

struct opt {
	const char *name; /* long name, without -- */
	int key;	  /* short letter; a value >= 256 the handler knows (OPT_KIND_CALL); or 0 */
	const char *arg;  /* argument name, or NULL for a flag */
	const char *help;
	enum opt_kind kind;
	size_t off, count_off; /* where the value goes, in the struct handed to opts_parse */
	/*
	 * The words the value may be, space-separated ("text json github"), for
	 * the completions; NULL lets the argument name say (FILE, PATH, DIR, REV).
	 */
	const char *values;
	unsigned flags; /* OPT_OPTIONAL, OPT_HIDDEN */
};

/* Table rows; TYPE is the struct whose FIELD receives the value. */
/* clang-format off */
#define OPT_CALL(name, key, arg, help) {name, key, arg, help, OPT_KIND_CALL, 0, 0, NULL, 0}
/* OPT_CALL whose value is one of the space-separated words in values. */
#define OPT_CHOICE(name, key, arg, help, values) {name, key, arg, help, OPT_KIND_CALL, 0, 0, values, 0}
/* OPT_CHOICE whose value may be left out (--name alone, or --name=VALUE). */
#define OPT_CHOICE_OPTIONAL(name, key, arg, help, values) \
	{name, key, arg, help, OPT_KIND_CALL, 0, 0, values, OPT_OPTIONAL}
#define OPT_SET(name, key, help, type, field) \
	{name, key, NULL, help, OPT_KIND_SET, offsetof(type, field), 0, NULL, 0}
#define OPT_CLEAR(name, key, help, type, field) \
	{name, key, NULL, help, OPT_KIND_CLEAR, offsetof(type, field), 0, NULL, 0}
#define OPT_STRING(name, key, arg, help, type, field) \
	{name, key, arg, help, OPT_KIND_STRING, offsetof(type, field), 0, NULL, 0}
#define OPT_STRINGS(name, key, arg, help, type, field, count) \
	{name, key, arg, help, OPT_KIND_STRINGS, offsetof(type, field), offsetof(type, count), NULL, 0}
#define OPT_END {0, 0, 0, 0, OPT_KIND_CALL, 0, 0, NULL, 0}
/* clang-format on */

/*
 * Parses argv (argv[0] is the command's name) against opts, ended by
 * OPT_END, the way GNU tools do: options anywhere among the operands,
 * --name=VALUE or --name VALUE, -xVALUE or -x VALUE, short flags grouped
 * (-qx), and "--" ending the options.  Each value goes where its row says in
 * the struct at data, or to handle(key, value, data) for OPT_KIND_CALL rows;
 * handle returns 0, or -1 (after saying why) to stop.  A row named "help"
 * answers -h too.  A string value may not be empty.  Unknown options (with
 * the nearest known one), missing values and values given to flags print a
 * message and return -1.  On success the operands, in their order, are
 * moved to the end of argv and *first is the index of the first.  Arrays
 * built by OPT_KIND_STRINGS are the caller's to free (the strings stay
 * argv's).
 */
int opts_parse(int argc, char **argv, const struct opt *opts, int (*handle)(int key, const char *arg, void *data),
	       void *data, int *first);

/* Prints the option list, aligned, to f (hidden rows left out). */
void opts_print(FILE *f, const struct opt *opts);

/*
 * The word of cands (n of them) nearest to word by edit distance, when it is
 * near enough to be a likely typo; else NULL.  Borrowed from cands.
 */
const char *opts_nearest(const char *word, const char *const *cands, size_t n);

#endif
