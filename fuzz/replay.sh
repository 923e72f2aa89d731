#!/bin/sh
# replay.sh: replays every committed fuzz input, the seed corpora
# (fuzz/corpus/NAME) and every crash file ever found (fuzz/crashes/NAME),
# through the harnesses built without libFuzzer ($BUILD/fuzz/fuzz_NAME).
# Usage: fuzz/replay.sh BUILD_DIR [WRAPPER]
set -u
build=${1:-build}
wrap=${2:-}
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp /tmp/gesta-replay-XXXXXX)
trap 'rm -f "$log"' EXIT
fail=0
for h in jsonl xml text coder dict; do
    dirs=
    for d in fuzz/corpus/$h fuzz/crashes/$h; do
        [ -d "$d" ] && dirs="$dirs $d"
    done
    if [ -z "$dirs" ]; then
        echo "FAIL: fuzz_$h has no corpus"
        fail=1
        continue
    fi
    # shellcheck disable=SC2086
    if $wrap "$build/fuzz/fuzz_$h" $dirs 2>"$log"; then
        :
    else
        echo "FAIL: fuzz_$h (last lines of its output:)"
        tail -n 15 "$log" | sed 's/^/    /'
        fail=1
    fi
done
[ $fail -eq 0 ]
