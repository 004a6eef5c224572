/* multidb_none.c - no built-in pattern database: what tools/mkmultidb.c links while it makes the real one. */
#include "match/multi.h"

const char *const multi_builtin_src[] = {0};
const unsigned char multi_builtin_caseless[] = {0};
const size_t multi_builtin_n = 0;
const unsigned char multi_builtin_db[] = {0};
const size_t multi_builtin_len = 0;
const struct multi_class multi_builtin_class[] = {{0, 0, 0, 0}};
const size_t multi_builtin_nclass = 0;
