# gesta: build, test and measure.
#
#   make            build build/gesta, build/libgesta.a, build/libgesta.so
#   make demo       install missing Debian packages, build, code the bundled article
#   make test       install missing Debian packages, build, run every test
#   make asan | ubsan | valgrind   the test suite under each checker
#   make install [PREFIX=/usr/local]
#   make regen      regenerate the committed tables from Debian data packages
#   make eval       accuracy on ../shared/eval      make bench   speed on ../shared/corpus
#   make fuzz       run each fuzz harness for FUZZ_SECONDS (libFuzzer, clang)

# clang when it is installed (tools/deps.sh installs it): gesta built with
# clang 14 codes the benchmark corpus 3-6% faster than built with gcc 12,
# both at -O2, with the same output (docs/performance.md).  CC=gcc overrides.
ifeq ($(origin CC),default)
CC := $(shell command -v clang >/dev/null 2>&1 && echo clang || echo cc)
endif
BUILD    ?= build
PREFIX   ?= /usr/local
SHARED   ?= ../shared
# the library's packages; the tools, the fuzz harnesses and the tests also use
# jansson (a second JSON parser that checks what gesta writes)
LIB_PKGS := libutf8proc yajl libxml-2.0
PKGS     := $(LIB_PKGS) jansson
OPT      ?= -O2
# DWARF 4 debug information: valgrind 3.19 (Debian 12) cannot read clang 14's DWARF 5
DWARF    ?= -gdwarf-4
SAN      ?=
VALGRIND ?=

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-missing-field-initializers
CFLAGS   ?= $(OPT) -g $(DWARF)
ALL_CFLAGS := -std=gnu11 $(CFLAGS) $(WARN) -Iinclude $(PKG_CFLAGS) -D_GNU_SOURCE \
              -DGESTA_BUILDING -fvisibility=hidden -fPIC -MMD -MP $(SAN)
LDLIBS   := $(PKG_LIBS) -lpthread -lm
ALL_LDFLAGS := $(LDFLAGS) $(SAN)

LIB_SRC  := $(wildcard src/*.c src/core/*.c src/text/*.c src/lang/*.c src/dict/*.c \
                       src/code/*.c src/io/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
DATA     := $(wildcard data/*.txt)
GEN_OBJ  := $(BUILD)/obj/gen/builtin_dict.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)

.PHONY: all deps demo test check asan ubsan valgrind install uninstall clean regen eval bench \
        fuzz coverage

all: $(BUILD)/gesta $(BUILD)/libgesta.a $(BUILD)/libgesta.so $(BUILD)/gesta.pc

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libgesta.a: $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(BUILD)/libgesta.so: $(LIB_OBJ) $(GEN_OBJ)
	@echo "  LD      $@"
	@$(CC) -shared -Wl,-soname,libgesta.so.0 $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

# The built-in dictionaries: data/*.txt compiled by a bootstrap tool that
# links the library with an empty built-in dictionary.
$(BUILD)/tools/dictc: tools/dictc.c tools/builtin-none.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) -std=gnu11 $(CFLAGS) $(WARN) -Iinclude $(PKG_CFLAGS) -D_GNU_SOURCE $(SAN) -o $@ \
	    tools/dictc.c tools/builtin-none.c $(LIB_OBJ) $(LDLIBS)

$(BUILD)/gen/builtin_dict.c: $(BUILD)/tools/dictc $(DATA)
	@mkdir -p $(dir $@)
	@$(BUILD)/tools/dictc $@ data

$(BUILD)/obj/gen/builtin_dict.o: $(BUILD)/gen/builtin_dict.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gesta: $(CLI_OBJ) $(BUILD)/libgesta.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libgesta.a $(LDLIBS)

$(BUILD)/unit: $(UNIT_OBJ) $(BUILD)/libgesta.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(BUILD)/libgesta.a $(LDLIBS)

$(BUILD)/golden: $(BUILD)/obj/tests/golden.o $(BUILD)/libgesta.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libgesta.a $(LDLIBS)

# gesta.pc for the PREFIX given (the install rule writes its own, so that
# "make install PREFIX=..." after "make" names the right directories)
PC_SED = sed -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@VERSION@|$(shell sed -n 's/^\#define GESTA_VERSION "\(.*\)"/\1/p' include/gesta.h)|g' \
	    -e 's|@PKGS@|$(LIB_PKGS)|g'

$(BUILD)/gesta.pc: gesta.pc.in
	@mkdir -p $(BUILD)
	$(PC_SED) $< > $@

# ---------------------------------------------------------------- the two commands

deps:
	@sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== gesta code examples/state-visit.txt"
	@$(BUILD)/gesta code --stats --date 2025-06-18 examples/state-visit.txt
	@echo "== gesta split examples/state-visit.txt"
	@$(BUILD)/gesta split examples/state-visit.txt

test: deps
	@$(MAKE) --no-print-directory check

# The test suite proper, without the package check (used by the checkers below).
check: all $(BUILD)/unit $(BUILD)/golden
	@sh tests/run.sh $(BUILD) "$(VALGRIND)"

asan:
	@$(MAKE) --no-print-directory check BUILD=build-asan OPT=-O1 \
	    SAN="-fsanitize=address -fno-omit-frame-pointer"

ubsan:
	@$(MAKE) --no-print-directory check BUILD=build-ubsan OPT=-O1 \
	    SAN="-fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

valgrind:
	@$(MAKE) --no-print-directory check BUILD=build-valgrind OPT=-O1 \
	    VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp"

# ---------------------------------------------------------------- install

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BUILD)/gesta $(DESTDIR)$(PREFIX)/bin/gesta
	install -m 644 $(BUILD)/libgesta.a $(DESTDIR)$(PREFIX)/lib/libgesta.a
	install -m 755 $(BUILD)/libgesta.so $(DESTDIR)$(PREFIX)/lib/libgesta.so.0
	ln -sf libgesta.so.0 $(DESTDIR)$(PREFIX)/lib/libgesta.so
	install -m 644 include/gesta.h $(DESTDIR)$(PREFIX)/include/gesta.h
	$(PC_SED) gesta.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/gesta.pc
	chmod 644 $(DESTDIR)$(PREFIX)/lib/pkgconfig/gesta.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gesta $(DESTDIR)$(PREFIX)/lib/libgesta.a \
	    $(DESTDIR)$(PREFIX)/lib/libgesta.so $(DESTDIR)$(PREFIX)/lib/libgesta.so.0 \
	    $(DESTDIR)$(PREFIX)/include/gesta.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/gesta.pc

# ---------------------------------------------------------------- generated tables

# Regenerates the committed tables from Debian data packages (installed
# here when missing).  CI may run it and fail on a diff.
regen:
	@sh tools/deps.sh festlex-poslex wordnet-base iso-codes
	@mkdir -p $(BUILD)/tools
	$(CC) -O2 -Wall -Wextra -o $(BUILD)/tools/gen-lang tools/gen-lang.c -lm
	$(BUILD)/tools/gen-lang /usr/share/festival/dicts /usr/share/wordnet > src/lang/lexicon.c.tmp
	mv src/lang/lexicon.c.tmp src/lang/lexicon.c
	$(CC) -O2 -Wall -Wextra -o $(BUILD)/tools/gen-cameo tools/gen-cameo.c
	$(BUILD)/tools/gen-cameo $(SHARED)/reference/cameo-codes.csv $(SHARED)/reference/cameo-to-plover.txt \
	    > src/code/cameo.c.tmp
	mv src/code/cameo.c.tmp src/code/cameo.c
	$(CC) -O2 -Wall -Wextra $(PKG_CFLAGS) -o $(BUILD)/tools/gen-countries tools/gen-countries.c $(LDLIBS)
	$(BUILD)/tools/gen-countries /usr/share/iso-codes/json/iso_3166-1.json /usr/share/wordnet \
	    tools/countries-extra.txt > data/countries.actors.txt.tmp
	mv data/countries.actors.txt.tmp data/countries.actors.txt

# ---------------------------------------------------------------- measurements

$(BUILD)/tools/%: tools/%.c $(BUILD)/libgesta.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) -std=gnu11 -O2 -Wall -Wextra -Iinclude $(PKG_CFLAGS) -o $@ $< $(BUILD)/libgesta.a $(LDLIBS)

EVAL_TOOLS := $(BUILD)/tools/eval-tags $(BUILD)/tools/eval-events

# Accuracy on ../shared/eval: tagging, then events with gesta's own
# dictionaries and, for comparison, with the Phoenix dictionaries.
eval: all $(EVAL_TOOLS)
	@test -d $(SHARED)/eval || { echo "make eval needs $(SHARED)/eval"; exit 1; }
	@$(BUILD)/tools/eval-tags $(SHARED)/eval/petr-unit/PETR.UnitTest.records.xml
	@echo
	@$(BUILD)/tools/eval-events $(SHARED)/eval --details $(BUILD)/eval-details.txt
	@if [ -d $(SHARED)/dictionaries/phoenix ]; then \
	    $(BUILD)/tools/eval-events $(SHARED)/eval --dict $(SHARED)/dictionaries/phoenix 2>/dev/null | tail -n 2; fi
	@echo "(per-sentence details: $(BUILD)/eval-details.txt)"

# Speed and memory on ../shared/corpus (figures kept in docs/performance.md).
bench: all
	@test -d $(SHARED)/corpus || { echo "make bench needs $(SHARED)/corpus"; exit 1; }
	@sh bench/bench.sh $(BUILD)/gesta $(SHARED)

clean:
	rm -rf build build-asan build-ubsan build-valgrind build-fuzz build-cov

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/obj/tests/golden.d

-include fuzz/fuzz.mk
