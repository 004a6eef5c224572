#!/bin/sh
# lint.sh - the checks `make lint` runs (and .ci/run with it):
#   1. clang-format: every C file as .clang-format says (`make fmt` fixes it);
#   2. layers: only src/cli/ reads the environment, prints or exits
#      (getenv, exit, printf, puts, fprintf/fputs to stdout or stderr); the one
#      exception is src/util/mem.c, the out-of-memory policy (print, exit 2),
#      which every layer's allocations share and none can recover from;
#   3. the strict build, -Wformat-nonliteral among its warnings (run by the Makefile).
# clang-format is installed when missing (scripts/deps.sh lint).
set -u
cd "$(dirname "$0")/.."
fail=0

command -v clang-format >/dev/null 2>&1 || scripts/deps.sh lint
files=$(ls src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/unit/*/*.c tools/*.c 2>/dev/null)
bad=$(for f in $files; do
	clang-format --dry-run "$f" 2>&1 | grep -q . && echo "$f"
done)
if [ -n "$bad" ]; then
	echo "lint: not formatted as .clang-format says (run 'make fmt'):"
	printf '%s\n' "$bad" | sed 's/^/  /'
	fail=1
fi

# strip comments and string literals before looking, so a comment naming
# getenv or a message saying "exit" does not count
leaks=$(for f in $(ls src/*/*.c src/*/*.h | grep -v '^src/cli/' | grep -v '^src/util/mem.c$'); do
	sed -e 's://.*$::' "$f" | awk -v f="$f" '
		{ line = $0
		  # drop /* ... */ comments spanning lines
		  out = ""
		  while (length(line)) {
			if (inc) { i = index(line, "*/"); if (!i) { line = ""; break } line = substr(line, i + 2); inc = 0; continue }
			i = index(line, "/*"); if (!i) { out = out line; break }
			out = out substr(line, 1, i - 1); line = substr(line, i + 2); inc = 1
		  }
		  gsub(/"([^"\\]|\\.)*"/, "\"\"", out)
		  if (out ~ /(^|[^a-z_])(getenv|secure_getenv|exit|_exit|printf|puts|perror)[ \t]*\(/ ||
		      out ~ /(fprintf|fputs|fputc|fwrite|vfprintf)[ \t]*\([^;]*(stderr|stdout)/)
			printf "%s:%d: %s\n", f, NR, $0 }'
done)
if [ -n "$leaks" ]; then
	echo "lint: only src/cli/ may read the environment, print to the terminal or exit:"
	printf '%s\n' "$leaks" | sed 's/^/  /'
	fail=1
fi

[ $fail = 0 ] && echo "lint: clean"
exit $fail
