/* alloc.h - the PCRE2 objects this layer matches with, allocated under util/mem.h's out-of-memory policy. */
#ifndef PG_MATCH_ALLOC_H
#define PG_MATCH_ALLOC_H

#include <stdint.h>

#include "match/jit.h"

/*
 * pcre2_match_data_create(pairs) and pcre2_match_context_create() whose
 * memory (and the match data's working memory) comes from xmalloc: they
 * never return NULL, running out of memory ends the program as everywhere
 * else.  The caller frees with pcre2_match_data_free / pcre2_match_context_free.
 */
pcre2_match_data *match_pcre2_data_new(uint32_t pairs);
pcre2_match_context *match_pcre2_context_new(void);

#endif
