/* jit.c - PCRE2's JIT on or off, and each pattern JIT-compiled once, at its first use. */
#include "match/jit.h"

#include <pthread.h>

/*
 * JIT is an accelerator: when it is unavailable the interpreter runs.  The
 * CLI turns it off (PROOFGATE_NO_JIT) for valgrind, which cannot see into JIT
 * code (its vector loads read a few bytes past a subject's end, harmlessly).
 */
static atomic_int jit_enabled = 1;

void match_set_jit(int enabled)
{
	atomic_store(&jit_enabled, enabled != 0);
}

/* PCRE2_JIT_COMPLETE, with PCRE2_JIT_PARTIAL_SOFT for the globs' partial matching of folder paths. */
static void jit(pcre2_code *code, uint32_t modes)
{
	if (!atomic_load(&jit_enabled))
		return;
	(void)pcre2_jit_compile(code, modes);
}

static pthread_mutex_t jit_mu = PTHREAD_MUTEX_INITIALIZER;

static void jit_once(atomic_uchar *done, pcre2_code *const *a, size_t na, pcre2_code *const *b, size_t nb,
		     uint32_t modes)
{
	size_t i;
	if (atomic_load_explicit(done, memory_order_acquire))
		return;
	pthread_mutex_lock(&jit_mu);
	if (!atomic_load_explicit(done, memory_order_relaxed)) {
		for (i = 0; i < na + nb; i++)
			if (i < na ? a[i] : b[i - na])
				jit(i < na ? a[i] : b[i - na], modes);
		atomic_store_explicit(done, 1, memory_order_release);
	}
	pthread_mutex_unlock(&jit_mu);
}

void match_jit_once_two(atomic_uchar *done, pcre2_code *const *a, size_t na, pcre2_code *const *b, size_t nb)
{
	jit_once(done, a, na, b, nb, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_SOFT);
}

void match_jit_once(atomic_uchar *done, pcre2_code *const *codes, size_t n)
{
	jit_once(done, codes, n, NULL, 0, PCRE2_JIT_COMPLETE);
}
