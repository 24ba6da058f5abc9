# breachdash — no configure step. `make help` lists the targets.
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/breachdash
MANDIR   = $(PREFIX)/share/man/man1
COMPDIR  = $(PREFIX)/share/bash-completion/completions
VERSION  = 0.1.0

CC      ?= cc
PKGS     = ncursesw sqlite3 jansson
# Warnings are errors in CI and in make check (WERROR=1); a plain build
# warns only, so a distribution's newer compiler does not fail on a new
# warning (as htop does).
WERROR  ?= 0
WARN     = -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wpointer-arith -Wvla -Wno-unused-parameter
OPT     ?= -O2 -g
CFLAGS  ?= $(OPT)
# CPPFLAGS and LDFLAGS (a distribution's hardening flags) are honoured.
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(CPPFLAGS) \
           $(WARN) $(CFLAGS) $(SAN) -MMD -MP -Icore -Itui -Icli \
           -DBD_VERSION='"$(VERSION)"' -DBD_DATADIR='"$(DATADIR)"' \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CORE_LIBS = $(shell pkg-config --libs sqlite3 jansson 2>/dev/null) -lm -pthread
TUI_LIBS  = $(shell pkg-config --libs panelw ncursesw 2>/dev/null || echo -lpanelw -lncursesw)
LDLIBS_ALL = $(TUI_LIBS) $(CORE_LIBS)

# BUILD separates the plain build from the sanitizer build (make check).
BUILD   ?= build
CORE_SRC = $(sort $(wildcard core/*.c))
TUI_SRC  = $(sort $(wildcard tui/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
CORE_OBJ += $(BUILD)/gen/embedded_data.o   # the bundled data; see "embedded data" below
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN_BIN  = $(BUILD)/tests/gen

ifeq ($(V),1)
Q =
else
Q = @
endif

DEPS_DEB = build-essential pkg-config libncurses-dev libsqlite3-dev libjansson-dev \
           libcmocka-dev tmux sqlite3 man-db groff-base aha ansifilter \
           imagemagick fonts-dejavu-core librsvg2-bin

# Keep objects of the test programs, which make would treat as intermediate.
.PRECIOUS: $(BUILD)/%.o
.PHONY: all run test check deps deps-dev install uninstall clean help screenshots bench deb
all: breachdash

breachdash: $(BUILD)/breachdash
	$(Q)cp $< $@.new && mv -f $@.new $@

$(BUILD)/breachdash: $(CLI_OBJ) $(TUI_OBJ) $(BUILD)/libbdcore.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(BUILD)/libbdcore.a $(LDLIBS_ALL)

$(BUILD)/libbdcore.a: $(CORE_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $(CORE_OBJ)

# Before the first compile: the libraries' headers are there, or are
# installed (as root), or named, rather than a compiler error on a header.
$(BUILD)/.deps-ok:
	@mkdir -p $(dir $@)
	@if ! pkg-config --exists $(PKGS) cmocka 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory deps; \
	  else echo "missing libraries ($(PKGS) cmocka): run as root: apt-get install -y $(DEPS_DEB)"; exit 1; fi; \
	fi
	@touch $@

$(CORE_OBJ) $(TUI_OBJ) $(CLI_OBJ) $(UNIT_BIN:$(BUILD)/tests/%=$(BUILD)/tests/unit/%.o): | $(BUILD)/.deps-ok

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $(BUILD)/libbdcore.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbdcore.a -lcmocka $(CORE_LIBS)

$(BUILD)/tests/gen: $(BUILD)/tests/gen.o $(BUILD)/libbdcore.a
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbdcore.a $(CORE_LIBS)

$(BUILD)/tests/stages: $(BUILD)/tests/bench/stages.o $(BUILD)/libbdcore.a
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbdcore.a $(CORE_LIBS)

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEPS_DEB); \
	else \
	  echo "run as root: apt-get update && apt-get install -y $(DEPS_DEB)"; \
	fi

# What make check, make fuzz and make valgrind need beyond make test.
DEPS_DEV = clang libclang-rt-14-dev valgrind

deps-dev:
	@$(MAKE) --no-print-directory deps DEPS_DEB="$(DEPS_DEB) $(DEPS_DEV)"

run: deps all
	./breachdash --db "$${BREACHDASH_DB:-$$HOME/.local/share/breachdash/incidents.db}"

test: $(BUILD)/breachdash $(UNIT_BIN) $(GEN_BIN) $(BUILD)/tests/ptyrun
	@BUILD=$(BUILD) ONLY="$(ONLY)" sh tests/run.sh

check:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build-san CC=clang WERROR=1 OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

# The binary of this BUILD (make check: the sanitizer build), and nothing
# rebuilt or copied in the source tree.
install: $(BUILD)/breachdash
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	install -m 755 $(BUILD)/breachdash $(DESTDIR)$(BINDIR)/breachdash
	install -m 644 data/incidents.json data/threat_levels.json data/SCHEMA.md $(DESTDIR)$(DATADIR)/
	install -m 644 breachdash.1 $(DESTDIR)$(MANDIR)/breachdash.1
	install -m 644 completion/breachdash.bash $(DESTDIR)$(COMPDIR)/breachdash

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/breachdash $(DESTDIR)$(MANDIR)/breachdash.1
	rm -f $(DESTDIR)$(COMPDIR)/breachdash
	rm -f $(DESTDIR)$(DATADIR)/incidents.json $(DESTDIR)$(DATADIR)/threat_levels.json $(DESTDIR)$(DATADIR)/SCHEMA.md
	-rmdir $(DESTDIR)$(DATADIR)

screenshots: all
	sh tests/screenshots.sh

clean:
	rm -rf build build-san breachdash

help:
	@echo "targets: all run test check deps install uninstall deb screenshots bench clean (V=1 shows commands)"

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_SRC:%.c=$(BUILD)/%.d)

$(BUILD)/tests/ptyrun: tests/bench/ptyrun.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< -lutil

bench: all $(BUILD)/tests/gen $(BUILD)/tests/stages $(BUILD)/tests/ptyrun
	@BUILD=$(BUILD) sh tests/bench/run.sh

# ---- hostile input: fuzzing, replaying fuzz inputs, valgrind, stress ----
# make fuzz      builds the libFuzzer targets of tests/fuzz/ with clang
#                (ASan, UBSan) into build-fuzz/ and runs each FUZZ_SECONDS
# make valgrind  the CLI and a dashboard session under valgrind (slow)
# make stress    1 GB inputs: bounded memory, a clear error, no crash
# make test runs every fuzz target's replay_* build (normal flags) over its
# seed corpus and the saved crash inputs (tests/cli/fuzz_regress.sh).
FUZZ_TARGETS  = native veris filter text
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
REPLAY_BIN    = $(FUZZ_TARGETS:%=$(BUILD)/tests/replay_%)
DEPS_DEB     += time
.PHONY: fuzz fuzz-build valgrind stress

test: $(REPLAY_BIN)

$(BUILD)/tests/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/fuzz_util.o \
		$(BUILD)/tests/fuzz/replay.o $(BUILD)/libbdcore.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CORE_LIBS)

$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/fuzz_util.o $(BUILD)/libbdcore.a
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(CORE_LIBS)

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

valgrind: $(BUILD)/breachdash $(GEN_BIN)
	@BUILD=$(BUILD) sh tests/valgrind.sh

stress: $(BUILD)/breachdash $(GEN_BIN)
	@BUILD=$(BUILD) sh tests/stress.sh

-include $(wildcard $(BUILD)/tests/fuzz/*.d)

.PHONY: clean-fuzz
clean: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_BUILD)

# ---- embedded data: data/ compiled into the program (core/embedded.h) ----
# tools/embed writes the files' bytes into a C source, rewritten whenever
# data/ changes; an installed or $BREACHDASH_DATA file still wins at run time.
EMBED_DATA = data/incidents.json data/threat_levels.json

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c11 $(WARN) $(OPT) -o $@ $<

$(BUILD)/gen/embedded_data.c: $(BUILD)/tools/embed $(EMBED_DATA)
	@mkdir -p $(dir $@)
	@echo "  EMBED   $(EMBED_DATA)"
	$(Q)$(BUILD)/tools/embed $@ $(foreach f,$(EMBED_DATA),$(notdir $(f))=$(f))

$(BUILD)/gen/embedded_data.o: $(BUILD)/gen/embedded_data.c
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# ---- make deb: a Debian package of this build, made without root ----
# The binary of this BUILD, staged by make install PREFIX=/usr, with a
# control file whose Depends come from dpkg-shlibdeps (tools/deb-control.sh).
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null)
DEB      = $(BUILD)/breachdash_$(VERSION)_$(DEB_ARCH).deb
DEB_ROOT = $(BUILD)/deb
MAINTAINER ?= breachdash maintainers <maintainers@breachdash.invalid>

deb: $(BUILD)/breachdash
	@command -v dpkg-deb >/dev/null || { echo "make deb: dpkg-deb not found (a Debian system's dpkg)"; exit 1; }
	$(Q)rm -rf $(DEB_ROOT) && mkdir -p $(DEB_ROOT)/DEBIAN
	$(Q)$(MAKE) --no-print-directory -s install DESTDIR=$(CURDIR)/$(DEB_ROOT) PREFIX=/usr
	$(Q)sh tools/deb-control.sh $(DEB_ROOT) $(VERSION) $(DEB_ARCH) "$(MAINTAINER)" >$(DEB_ROOT)/DEBIAN/control
	$(Q)chmod 755 $(DEB_ROOT)/DEBIAN && chmod 644 $(DEB_ROOT)/DEBIAN/control
	$(Q)dpkg-deb --build --root-owner-group $(DEB_ROOT) $(DEB) >/dev/null
	@echo "  DEB     $(DEB)"
