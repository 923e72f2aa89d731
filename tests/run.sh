#!/bin/sh
# run.sh: the whole test suite.  Usage: tests/run.sh BUILD_DIR [WRAPPER]
# WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs every test program
# and every gesta invocation under it.
set -u
build=${1:-build}
wrap=${2:-}
fail=0
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top" || exit 2

step() { printf '== %s\n' "$1"; }
# every step is bounded in time, so that a hang fails the suite with a
# message instead of stalling CI (a step that takes more than 20 minutes,
# even under valgrind, is a defect in itself)
guard="timeout -k 10 1200"

step "unit tests"
$guard $wrap "$build/unit" || fail=1

step "golden tests (library and CLI)"
$guard $wrap "$build/golden" "$wrap $build/gesta" tests/golden/*.txt || fail=1

step "command-line tests"
GESTA="$wrap $build/gesta" $guard sh tests/cli.sh || fail=1

step "dictionary readers against independent counts"
GESTA="$wrap $build/gesta" $guard sh tests/dict_counts.sh || fail=1

step "gesta's own dictionaries: no errors, no duplicates"
GESTA="$wrap $build/gesta" $guard sh tests/data_lint.sh || fail=1

step "bad input, limits and pathological inputs (command line)"
GESTA="$wrap $build/gesta" $guard sh tests/robust.sh || fail=1

step "fuzz corpora replay"
$guard sh fuzz/replay.sh "$build" "$wrap" || fail=1

# the whole news corpus of ../shared, when it is there: every document is
# read, analysed and coded without a crash or an error (not under valgrind,
# too slow for 20,000 articles; the sanitizer builds do run it)
corpus=../shared/corpus/reuters21578.jsonl
if [ -z "$wrap" ] && [ -f "$corpus" ]; then
    step "the shared news corpus, coded whole"
    if $guard "$build/gesta" code --stats "$corpus" >/dev/null 2>"$build/corpus.err"; then
        grep "documents" "$build/corpus.err" | sed 's/^/   /'
    else
        echo "FAIL: gesta code $corpus (exit status $?)"
        tail -n 5 "$build/corpus.err"
        fail=1
    fi
fi

# the installed library and tool (not under a sanitizer or valgrind, whose
# builds need their own link flags)
if [ -z "$wrap" ] && [ "$build" = build ]; then
    step "make install, pkg-config, a client program"
    $guard sh tests/install.sh "$build" || fail=1
fi

if [ $fail -ne 0 ]; then
    echo "== FAILED"
    exit 1
fi
echo "== all tests passed"
