/* match.h - the match layer in one include: globs (glob.h), content regexes (regex.h), PCRE2's JIT (jit.h). */
#ifndef PG_MATCH_H
#define PG_MATCH_H

#include "match/glob.h"
#include "match/jit.h"
#include "match/regex.h"

#endif
