/* alloc.c - PCRE2 allocates through util/mem.h, so running out of memory ends the program the one way. */
#include "match/alloc.h"

#include <pthread.h>
#include <stdlib.h>

#include "util/mem.h"

static void *mem_get(size_t n, void *unused)
{
	(void)unused;
	return xmalloc(n);
}

static void mem_put(void *p, void *unused)
{
	(void)unused;
	free(p);
}

/* made once, kept for the life of the process: every match data and context refers to it */
static pcre2_general_context *general;
static pthread_once_t general_once = PTHREAD_ONCE_INIT;

static void general_init(void)
{
	general = pcre2_general_context_create(mem_get, mem_put, NULL);
}

pcre2_match_data *match_pcre2_data_new(uint32_t pairs)
{
	pthread_once(&general_once, general_init);
	return pcre2_match_data_create(pairs, general);
}

pcre2_match_context *match_pcre2_context_new(void)
{
	pthread_once(&general_once, general_init);
	return pcre2_match_context_create(general);
}
