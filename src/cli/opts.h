/* opts.h - one table per command drives both getopt_long and --help. */
#ifndef PG_OPTS_H
#define PG_OPTS_H

#include <stdio.h>

struct opt {
	const char *name; /* long name, without -- */
	int key;          /* short letter, or a value >= 256 for long-only */
	const char *arg;  /* argument name, or NULL for a flag */
	const char *help;
};

/*
 * Parses argv against opts (terminated by a zero entry), calling
 * handle(key, optarg, data) for each option; handle returns 0 or -1 to stop.
 * Unknown options and missing arguments print a message and return -1.
 * On success *first is the index of the first operand.
 */
int opts_parse(int argc, char **argv, const struct opt *opts, int (*handle)(int key, const char *arg, void *data),
	       void *data, int *first);

/* Prints the option list, aligned, to f. */
void opts_print(FILE *f, const struct opt *opts);

#endif
