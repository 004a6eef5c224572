/* fuzz.h - what the libFuzzer harnesses share: input splitting, a scratch folder, failing loudly. */
#ifndef PG_FUZZ_H
#define PG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry points, defined by each harness (LLVMFuzzerInitialize only where needed). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A NUL-terminated copy of n bytes at p; the caller frees it. */
char *fuzz_strndup(const void *p, size_t n);

/*
 * Reads the next piece of an input: the bytes up to sep (or the end) from
 * *p, which is advanced past the separator.  Returns 0 when no bytes are left.
 */
int fuzz_next(const uint8_t **p, const uint8_t *end, int sep, const uint8_t **piece, size_t *len);

/* A differential check failed: prints what differs to stderr and aborts (libFuzzer saves the input). */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), noreturn))
#endif
void fuzz_fail(const char *fmt, ...);

/*
 * A fresh folder for this process (under $TMPDIR, else /tmp), removed at a
 * normal exit; the string is static.  Harnesses that need files (the cache,
 * packs, a repository) work inside it.
 */
const char *fuzz_scratch(void);

/* Removes everything below dir, leaving dir itself. */
void fuzz_empty_dir(const char *dir);

/* Writes n bytes to path (created or truncated); aborts when it cannot (the harness is broken, not the input). */
void fuzz_write_file(const char *path, const void *data, size_t n);

#endif
