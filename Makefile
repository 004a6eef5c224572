# proofgate - read-only operations-readiness evidence scanner
#   make            build build/release/proofgate (installing missing libraries)
#   make scan       build and scan this repository (REPO=path REV=rev to change)
#   make check      build with warnings as errors and run every test
#   make accuracy   precision and recall of the built-in pack on tests/accuracy/
#   make check SANITIZE=address,undefined    the same under sanitizers
#   make browser    the HTML pages in headless chromium (installs chromium, node, npm packages)
#   make fuzz       every libFuzzer harness for FUZZ_SECONDS (60) each; fuzz-short: about a minute
#   make install    the binary, the man page and the bash, zsh and fish completions (PREFIX, DESTDIR)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
# shell completions, where each shell looks for them below PREFIX
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
DESTDIR  ?=
CC       ?= cc
CFLAGS   ?= -O2 -g
LDFLAGS  ?=
REPO     ?= .
REV      ?= HEAD
SANITIZE ?=
STRICT   ?=
# Vectorscan (libhs) runs every content pattern in one pass; VECTORSCAN=no builds without it
# (into build/VARIANT-novs), as a machine without the library does
VECTORSCAN ?= auto
export VECTORSCAN

PKGS      = libgit2 libpcre2-8 yaml-0.1 jansson
comma     = ,
VARIANT   = $(if $(SANITIZE),san-$(subst $(comma),-,$(SANITIZE)),$(if $(STRICT),strict,release))
O         = build/$(VARIANT)$(if $(filter no,$(VECTORSCAN)),-novs)

WARN      = -Wall -Wextra -pedantic
# -Wformat-nonliteral: every printf-like format is a literal the compiler checks; the one
# exception, phrase tables in two languages, goes through buf_phrase (util/buf.h)
STRICTW   = -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wvla -Wformat-nonliteral
SANFLAGS  = $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
# recursive on purpose: pkg-config runs only after the deps step has installed what was missing
# libdeflate has a pkg-config file only from 1.9 on (Ubuntu 20.04 has 1.5): plain -ldeflate then
# zlib (git/loose.c) comes with libgit2's development package; plain -lz where it has no pkg-config file
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS)) $(shell pkg-config --cflags libdeflate 2>/dev/null) \
	$(shell pkg-config --cflags zlib 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(shell pkg-config --libs libdeflate 2>/dev/null || echo -ldeflate) \
	$(shell pkg-config --libs zlib 2>/dev/null || echo -lz)
# libhs is optional: found by pkg-config, else the scan keeps its word prefilter (src/match/multi.h)
HS_FOUND   = $(if $(filter no,$(VECTORSCAN)),,$(shell pkg-config --exists libhs 2>/dev/null && echo yes))
PKG_CFLAGS += $(if $(HS_FOUND),-DPG_HAVE_HS $(shell pkg-config --cflags libhs))
PKG_LIBS   += $(if $(HS_FOUND),$(shell pkg-config --libs libhs))
TEST_CFLAGS = $(shell pkg-config --cflags cmocka)
TEST_LIBS   = $(shell pkg-config --libs cmocka)
ALL_CFLAGS = -std=c11 $(WARN) $(if $(STRICT)$(SANITIZE),$(STRICTW)) $(SANFLAGS) \
	-D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -DPROOFGATE_VERSION='"$(VERSION)"' \
	-Isrc -I$(O) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# src/LAYER/*.c: one folder per layer (docs/architecture.md); cli/ is the
# command line, every other folder is library code the unit tests link
SRCS      = $(sort $(wildcard src/*/*.c))
CORE_OBJS = $(SRCS:src/%.c=$(O)/%.o) $(O)/builtin.o
OBJS      = $(CORE_OBJS) $(O)/multidb.o
LIBOBJS   = $(filter-out $(O)/cli/%,$(OBJS))
RULES_YML = $(sort $(wildcard rules/*.yml))
# tests/unit/LAYER/test_*.c mirror src/LAYER/; a test is named LAYER/test_x
TESTS     = $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/*/test_*.c)))

.PHONY: all deps test-deps scan check unit e2e browser valgrind install uninstall lint fmt clean bench bench-real bench-corpora bench-merge fuzz fuzz-short fuzz-build accuracy completions
.DEFAULT_GOAL := all

all: $(O)/proofgate

deps:
	@scripts/deps.sh

test-deps:
	@scripts/deps.sh test

$(O)/.dir:
	@mkdir -p $(O) && touch $@

$(O)/%.o: src/%.c | deps $(O)/.dir
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/embed: tools/embed.c | $(O)/.dir
	$(CC) -std=c11 $(WARN) -O1 -o $@ $<

$(O)/builtin.c: $(O)/embed $(RULES_YML)
	$(O)/embed $(RULES_YML) > $@.tmp && mv $@.tmp $@

$(O)/builtin.o: $(O)/builtin.c | deps
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# the built-in pack's Vectorscan database, compiled once at build time
# (tools/mkmultidb.c; match/multi.h): scans load it instead of compiling it
$(O)/tools/%.o: tools/%.c | deps $(O)/.dir
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/mkmultidb: $(O)/tools/mkmultidb.o $(filter-out $(O)/cli/%,$(CORE_OBJS)) $(O)/tools/multidb_none.o
	$(CC) $(ALL_LDFLAGS) $(filter -fsanitize=%,$(CFLAGS)) -o $@ $^ $(PKG_LIBS) -lpthread

$(O)/multidb.c: $(O)/mkmultidb
	$(O)/mkmultidb > $@.tmp && mv $@.tmp $@

$(O)/multidb.o: $(O)/multidb.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/proofgate: $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lpthread

scan: $(O)/proofgate
	$(O)/proofgate scan --rev '$(REV)' '$(REPO)'

# ---- tests ---------------------------------------------------------------
$(O)/tests/%.o: tests/unit/%.c | test-deps $(O)/.dir
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(TEST_CFLAGS) -c -o $@ $<

$(O)/tests/%: $(O)/tests/%.o $(O)/tests/helpers.o $(LIBOBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS) -lpthread

build/fixtures/.stamp: fixtures/build.sh $(shell find fixtures -type f 2>/dev/null)
	fixtures/build.sh build/fixtures
	@touch $@

unit: $(TESTS:%=$(O)/tests/%) build/fixtures/.stamp
	@tests/run-unit.sh $(O)/tests $(TESTS)

e2e: $(O)/proofgate build/fixtures/.stamp
	@tests/e2e.sh $(O)/proofgate build/fixtures

# `make check` always builds with warnings as errors; SANITIZE= adds sanitizers
# and, outside the sanitizer build, every CI integration by its real client
# (make integration, about 6.5 minutes; INTEGRATION=no leaves it out)
check:
	@$(MAKE) --no-print-directory STRICT=1 SANITIZE='$(SANITIZE)' unit
	@$(MAKE) --no-print-directory STRICT=1 SANITIZE='$(SANITIZE)' e2e
	@if [ -z '$(SANITIZE)' ] && [ '$(INTEGRATION)' != no ]; then $(MAKE) --no-print-directory integration; fi

# the pages (scan --html, merge --html) in Debian's headless chromium, driven by
# playwright-core, checked with axe-core; screenshots land in build/browser/
browser: $(O)/proofgate build/fixtures/.stamp
	@scripts/browser-deps.sh
	@tests/browser/pages.sh $(O)/proofgate build/fixtures build/browser
	@cd tests/browser && node run.mjs ../../build/browser

# every unit test and a few scans under valgrind: no leak, no invalid access
# (PCRE2's JIT is off there: valgrind cannot follow its vector loads)
VALGRIND = valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp
valgrind: $(TESTS:%=$(O)/tests/%) $(O)/proofgate build/fixtures/.stamp
	@command -v valgrind >/dev/null || scripts/deps.sh valgrind
	@set -e; export PG_FIXTURES="$$(pwd)/build/fixtures" PROOFGATE_NO_JIT=1; \
	printf '%s\n' $(TESTS) | xargs -P "$$(nproc 2>/dev/null || echo 1)" -I{} \
		sh -c '$(VALGRIND) $(O)/tests/{} >/dev/null && echo "valgrind: {} clean"'; \
	$(VALGRIND) $(O)/proofgate scan --no-cache --format json build/fixtures/basic >/dev/null; \
	$(VALGRIND) $(O)/proofgate scan --no-cache --jobs 2 --no-builtin --rules tests/rules/core.yml build/fixtures/basic >/dev/null; \
	$(VALGRIND) $(O)/proofgate rules list --format markdown >/dev/null; \
	echo "valgrind: scans clean"

# ---- fuzzing (tests/fuzz/, docs/testing.md) ----------------------------------
# libFuzzer harnesses for every parser of untrusted input.  clang builds the
# library objects again (everything but src/cli/) in build/fuzz/ with ASan,
# UBSan and the fuzzer's coverage; each harness runs its regression inputs,
# then fuzzes from its seed corpus, one target at a time.  A crash, a leak,
# a hang or a differential mismatch fails the run.
FUZZ_CC            ?= clang
FUZZ_SECONDS       ?= 60
FUZZ_SHORT_SECONDS ?= 6
FUZZ_TARGETS        = $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN            = build/fuzz/fuzz/bin

$(O)/fuzz/%.o: tests/fuzz/%.c | deps $(O)/.dir
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -c -o $@ $<

$(O)/fuzz/bin/%: $(O)/fuzz/fuzz_%.o $(O)/fuzz/fuzz.o $(LIBOBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) -lpthread

# the harness objects are kept: relinking one should not recompile the others
.PRECIOUS: $(O)/fuzz/%.o

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || scripts/fuzz-deps.sh
	@$(MAKE) --no-print-directory VARIANT=fuzz CC=$(FUZZ_CC) STRICT=1 SANITIZE=address,undefined \
		CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' $(FUZZ_TARGETS:%=$(FUZZ_BIN)/%)

fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-short: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SHORT_SECONDS) $(FUZZ_TARGETS)
# ---- accuracy (issue 12) ----------------------------------------------------
# The built-in pack on realistic fixture repositories of several stacks
# (tests/accuracy/fixtures/), every rule's outcome compared with the one a release
# engineer expects (tests/accuracy/expected/): precision and recall per rule and
# overall; fails on any difference.  `make check` runs it (tests/e2e/32-accuracy.sh).
accuracy: $(O)/proofgate
	@python3 tests/accuracy/run.py --pg $(O)/proofgate --out build/accuracy

# ---- install ---------------------------------------------------------------
# the completions are written by the binary from its own option tables
# (proofgate completion bash|zsh|fish), so they never lag behind an option
COMPLETIONS = $(O)/completions/proofgate.bash $(O)/completions/_proofgate $(O)/completions/proofgate.fish

$(O)/completions/proofgate.bash: $(O)/proofgate
	@mkdir -p $(@D)
	$(O)/proofgate completion bash >$@.tmp && mv $@.tmp $@

$(O)/completions/_proofgate: $(O)/proofgate
	@mkdir -p $(@D)
	$(O)/proofgate completion zsh >$@.tmp && mv $@.tmp $@

$(O)/completions/proofgate.fish: $(O)/proofgate
	@mkdir -p $(@D)
	$(O)/proofgate completion fish >$@.tmp && mv $@.tmp $@

completions: $(COMPLETIONS)

install: $(O)/proofgate $(COMPLETIONS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(O)/proofgate $(DESTDIR)$(BINDIR)/proofgate
	install -m 644 docs/proofgate.1 $(DESTDIR)$(MANDIR)/man1/proofgate.1
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 $(O)/completions/proofgate.bash $(DESTDIR)$(BASHCOMPDIR)/proofgate
	install -m 644 $(O)/completions/_proofgate $(DESTDIR)$(ZSHCOMPDIR)/_proofgate
	install -m 644 $(O)/completions/proofgate.fish $(DESTDIR)$(FISHCOMPDIR)/proofgate.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/proofgate $(DESTDIR)$(MANDIR)/man1/proofgate.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/proofgate $(DESTDIR)$(ZSHCOMPDIR)/_proofgate $(DESTDIR)$(FISHCOMPDIR)/proofgate.fish

# ---- Debian package and integration tests (issue 14) ------------------------
#   make deb          build/deb/proofgate_$(VERSION)_ARCH.deb, with dpkg-buildpackage
#                     and debhelper, from a copy of the source (debian/)
#   make integration  every CI integration run by its real client
#                     (tests/integration/run.sh; docs/github.md, docs/gitlab.md)
DEB_DIR = build/deb
.PHONY: deb integration

deb:
	@scripts/ci-deps.sh deb
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/proofgate-$(VERSION)
	@# the files git knows (committed or not), never build/ or the test tools' node_modules
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z --cached --others --exclude-standard | \
			tar --null --exclude='build' --exclude='node_modules' -T - -cf - | \
			tar -xf - -C $(DEB_DIR)/proofgate-$(VERSION); \
	else \
		tar --exclude=./build --exclude=./tests/integration/node_modules -cf - . | \
			tar -xf - -C $(DEB_DIR)/proofgate-$(VERSION); \
	fi
	cd $(DEB_DIR)/proofgate-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls $(DEB_DIR)/*.deb

integration:
	@tests/integration/run.sh

# ---- benchmark (issue 5) ----------------------------------------------------
# The monorepo is generated once (a few minutes) and again only when its
# generator or the seed fixture changes; see docs/performance.md.
BENCH_REPO = build/bench/mono.git
build/bench/mono.stamp: bench/gen.py $(shell find fixtures/seed-v1 -type f 2>/dev/null)
	@mkdir -p build/bench
	python3 bench/gen.py $(BENCH_REPO) fixtures/seed-v1
	@touch $@

# the real-code corpus: pinned npm package versions, one commit each (bench/realcode.py)
REAL_REPO = build/bench/real.git
build/bench/real.stamp: bench/realcode.py bench/realcode.txt
	@mkdir -p build/bench
	python3 bench/realcode.py $(REAL_REPO) bench/realcode.txt
	@touch $@

bench-corpora: build/bench/mono.stamp build/bench/real.stamp

# the real-code corpus alone (issue 13): grep ratio, --jobs 1/2/4, memory, cache
bench-real: $(O)/proofgate build/bench/real.stamp
	@scripts/deps.sh bench
	bench/real.sh $(O)/proofgate $(REAL_REPO)

bench: $(O)/proofgate build/bench/mono.stamp build/bench/real.stamp
	@scripts/deps.sh bench
	bench/run.sh $(O)/proofgate $(BENCH_REPO)
	bench/real.sh $(O)/proofgate $(REAL_REPO)
	bench/merge.sh $(O)/proofgate 1000
	bench/log.sh $(O)/proofgate $(REAL_REPO)

# merging 1,000 generated reports (issue 16), alone: no monorepo to generate
bench-merge: $(O)/proofgate build/fixtures/.stamp
	@scripts/deps.sh bench
	bench/merge.sh $(O)/proofgate 1000

# formatting (installs clang-format when missing), layer boundaries
# (scripts/lint.sh), and the strict build (-Wformat-nonliteral among its warnings)
lint:
	@scripts/lint.sh
	@$(MAKE) --no-print-directory STRICT=1 build/strict/proofgate >/dev/null

fmt:
	clang-format -i src/*/*.[ch] tests/unit/*.[ch] tests/unit/*/*.c tools/*.c

clean:
	rm -rf build

-include $(wildcard $(O)/*.d $(O)/*/*.d $(O)/tests/*.d $(O)/tests/*/*.d)
