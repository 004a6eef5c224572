# python.sh - sourced by the test runners: python3 without a version manager's shim.
# pyenv's shim (a bash script that runs `pyenv exec`) costs most of a second a call, and the
# tests call python3 a few thousand times.  The interpreter the shim chooses is asked once
# (its path exported as TESTS_PYTHON, so that child runners do not ask again) and put
# first on PATH as a two-line script in DIR.  Where python3 is no shim the script changes nothing.
tests_python() { # DIR
	if [ -z "${TESTS_PYTHON:-}" ]; then
		TESTS_PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) ||
			TESTS_PYTHON=
		export TESTS_PYTHON
	fi
	[ -n "$TESTS_PYTHON" ] && [ -x "$TESTS_PYTHON" ] || return 0
	mkdir -p "$1" &&
		printf '#!/bin/sh\nexec %s "$@"\n' "'$TESTS_PYTHON'" >"$1/python3" &&
		chmod +x "$1/python3" && PATH="$1:$PATH" && export PATH
}
