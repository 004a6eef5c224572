/* match.h - the match layer in one include: path globs (glob.h) and content regexes (regex.h), by PCRE2 and its JIT (jit.h). */
#ifndef PG_MATCH_H
#define PG_MATCH_H

#include "match/glob.h"
#include "match/jit.h"
#include "match/regex.h"

#endif
