/* test_alloc.c - PCRE2's match data and contexts come from util/mem.h: usable, and out of memory is its one policy. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "match/alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void test_match_data_and_context_work(void **state)
{
	pcre2_match_data *md = match_pcre2_data_new(5);
	pcre2_match_context *mc = match_pcre2_context_new();
	PCRE2_SIZE *ov, eo;
	pcre2_code *code;
	int ec;
	(void)state;

	assert_non_null(md);
	assert_non_null(mc);
	assert_int_equal(pcre2_get_ovector_count(md), 5);
	/* the interpreter's working memory comes from the match data's allocator too */
	code = pcre2_compile((PCRE2_SPTR) "(a+)+(b)?c", PCRE2_ZERO_TERMINATED, 0, &ec, &eo, NULL);
	assert_non_null(code);
	assert_int_equal(pcre2_match(code, (PCRE2_SPTR) "xxaaac", 6, 0, 0, md, mc), 2);
	ov = pcre2_get_ovector_pointer(md);
	assert_int_equal(ov[0], 2);
	assert_int_equal(ov[1], 6);
	pcre2_code_free(code);
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
}

/* 1 when valgrind runs this process (it preloads its own allocator) */
static int under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");
	return p && strstr(p, "vgpreload");
}

static void test_out_of_memory_is_mem_h_policy(void **state)
{
	char msg[512];
	int fd[2], st = 0;
	ssize_t n;
	size_t len = 0;
	pid_t pid;
	(void)state;

#ifdef UNDER_ASAN
	skip(); /* AddressSanitizer reserves terabytes of address space and aborts on a failed allocation */
#endif
	if (under_valgrind())
		skip();
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* address space for what is mapped now and a little more: 65535 pairs (1 MiB) cannot fit */
		long pages = 0, page = sysconf(_SC_PAGESIZE);
		struct rlimit rl;
		FILE *f = fopen("/proc/self/statm", "r");
		if (!f || fscanf(f, "%ld", &pages) != 1)
			_exit(90);
		fclose(f);
		rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)page + (256u << 10);
		dup2(fd[1], 2);
		close(fd[0]);
		if (setrlimit(RLIMIT_AS, &rl) != 0)
			_exit(91);
		(void)match_pcre2_data_new(65535);
		_exit(0);
	}
	close(fd[1]);
	while (len < sizeof(msg) - 1 && (n = read(fd[0], msg + len, sizeof(msg) - 1 - len)) > 0)
		len += (size_t)n;
	msg[len] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) != 2 || !strstr(msg, "proofgate: out of memory allocating"))
		fail_msg("child exited %d saying '%s'", WEXITSTATUS(st), msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_data_and_context_work),
		cmocka_unit_test(test_out_of_memory_is_mem_h_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
