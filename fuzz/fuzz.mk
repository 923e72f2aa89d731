# fuzz.mk: the fuzz harnesses of fuzz/, included by the top Makefile.
#
#   make fuzz          build each harness with libFuzzer, ASan and UBSan (clang)
#                      into build-fuzz/ and run it for FUZZ_SECONDS (default 60)
#                      on fuzz/corpus/NAME, growing build-fuzz/corpus/NAME;
#                      FUZZ_HARNESSES=... picks some, FUZZ_FLAGS=... adds
#                      libFuzzer options, FUZZ_WORK=DIR keeps the grown
#                      corpora, crash files and logs in DIR instead
#   make fuzz-replay   build each harness with the normal compiler and
#                      replay.c into $(BUILD)/fuzz/ and replay fuzz/corpus and
#                      fuzz/crashes (make check does this too)
#   make fuzz-merge    minimise build-fuzz/corpus/NAME into fuzz/corpus/NAME
#
# Crash files libFuzzer writes go to $(FUZZ_WORK)/crashes/NAME/; once fixed,
# a crash file is kept in fuzz/crashes/NAME/ as a regression test.

FUZZ_ALL       := jsonl xml text coder dict
FUZZ_HARNESSES ?= $(FUZZ_ALL)
FUZZ_SECONDS   ?= 60
FUZZ_CC        ?= clang
FUZZ_BUILD     ?= build-fuzz
FUZZ_WORK      ?= $(FUZZ_BUILD)
FUZZ_FLAGS     ?=
FUZZ_NICE      ?= nice -n 19
FUZZ_SAN       := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
                  -fno-omit-frame-pointer
FUZZ_COMMON    := fuzz/common.c fuzz/fuzz.h

FUZZ_BINS        := $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_REPLAY_BINS := $(FUZZ_ALL:%=$(BUILD)/fuzz/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-replay fuzz-merge fuzz-lib

# The library instrumented for libFuzzer, built by the top Makefile's own
# rules in a make of its own (which decides what is out of date).
fuzz-lib:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT=-O1 \
	    SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_BUILD)/libgesta.a

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_COMMON) fuzz-lib
	@echo "  FUZZ    $@"
	@$(FUZZ_CC) -std=gnu11 -O1 -g $(WARN) -Iinclude $(PKG_CFLAGS) -D_GNU_SOURCE \
	    -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< fuzz/common.c $(FUZZ_BUILD)/libgesta.a $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

# Runs each harness in turn, niced, on one core; prints its last status
# line (executions, cov: edges, ft: features, corpus) and fails if any
# harness found a crash.
fuzz: $(FUZZ_BINS)
	@status=0; mkdir -p $(FUZZ_WORK); for h in $(FUZZ_HARNESSES); do \
	    mkdir -p $(FUZZ_WORK)/corpus/$$h $(FUZZ_WORK)/crashes/$$h; \
	    echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
	    dict=; [ -f fuzz/dicts/$$h.dict ] && dict=-dict=fuzz/dicts/$$h.dict; \
	    $(FUZZ_NICE) $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) \
	        -print_final_stats=1 -timeout=25 -artifact_prefix=$(FUZZ_WORK)/crashes/$$h/ $$dict $(FUZZ_FLAGS) \
	        $(FUZZ_WORK)/corpus/$$h fuzz/corpus/$$h >$(FUZZ_WORK)/fuzz_$$h.log 2>&1 \
	        || { status=1; echo "fuzz_$$h FAILED: see $(FUZZ_WORK)/fuzz_$$h.log"; }; \
	    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE|pulse|NEW|REDUCE)' $(FUZZ_WORK)/fuzz_$$h.log | tail -n 1; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $(FUZZ_WORK)/fuzz_$$h.log; \
	done; exit $$status

# Minimises the committed seeds plus what make fuzz found into fuzz/corpus.
fuzz-merge: $(FUZZ_BINS)
	@for h in $(FUZZ_HARNESSES); do \
	    rm -rf $(FUZZ_WORK)/merged/$$h && mkdir -p $(FUZZ_WORK)/merged/$$h $(FUZZ_WORK)/corpus/$$h; \
	    $(FUZZ_NICE) $(FUZZ_BUILD)/fuzz_$$h -merge=1 $(FUZZ_WORK)/merged/$$h fuzz/corpus/$$h \
	        $(FUZZ_WORK)/corpus/$$h >$(FUZZ_WORK)/merge_$$h.log 2>&1 || exit 1; \
	    rm -f fuzz/corpus/$$h/* && cp $(FUZZ_WORK)/merged/$$h/* fuzz/corpus/$$h/; \
	    echo "fuzz/corpus/$$h: $$(ls fuzz/corpus/$$h | wc -l) files, $$(du -sk fuzz/corpus/$$h | cut -f1) KiB"; \
	done

# ------------------------------------------------ replay without libFuzzer

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_COMMON) $(BUILD)/libgesta.a
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) -std=gnu11 $(CFLAGS) $(WARN) -Iinclude $(PKG_CFLAGS) -D_GNU_SOURCE $(SAN) -o $@ \
	    $< fuzz/replay.c fuzz/common.c $(BUILD)/libgesta.a $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAY_BINS)
	@sh fuzz/replay.sh $(BUILD)

# make check replays the committed corpora and crash files.
check: $(FUZZ_REPLAY_BINS)
