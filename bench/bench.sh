#!/bin/sh
# bench.sh: gesta's speed and memory on the shared Reuters corpus (make bench).
# Usage: bench/bench.sh GESTA_BINARY SHARED_DIR
# Prints throughput (sentences, tokens and events per second, time per
# stage), -j 2 against -j 1, peak resident memory for the corpus once and
# ten times, start-up time, dictionary loading times, and callgrind's
# instruction count per sentence on a fixed sample (machine-independent).
set -u
G=${1:-build/gesta}
S=${2:-../shared}
C=$S/corpus/reuters21578.jsonl
T=$(mktemp -d /tmp/gesta-bench-XXXXXX)
trap 'rm -rf "$T"' EXIT
[ -f "$C" ] || { echo "bench: $C not found"; exit 1; }

ms() { date +%s%N; }

echo "== gesta bench: $(basename "$C"), $(nproc) cores, $("$G" version)"

# --- throughput, one thread: the best of three runs
best=0
for i in 1 2 3; do
    "$G" code --stats "$C" >"$T/out1" 2>"$T/stats1" || { cat "$T/stats1"; exit 1; }
    s=$(sed -n 's/.*, \([0-9]*\) sentences\/s$/\1/p' "$T/stats1")
    if [ "$s" -gt "$best" ]; then best=$s; cp "$T/stats1" "$T/best"; fi
done
line=$(head -n 1 "$T/best")
secs=$(echo "$line" | sed -n 's/.* \([0-9.]*\) s, .*/\1/p')
sent=$(echo "$line" | sed -n 's/.*documents, \([0-9]*\) sentences.*/\1/p')
toks=$(echo "$line" | sed -n 's/.*sentences, \([0-9]*\) tokens.*/\1/p')
evs=$(echo "$line" | sed -n 's/.*tokens, \([0-9]*\) events.*/\1/p')
echo "one thread:   $sent sentences, $toks tokens, $evs events in $secs s"
awk -v s="$sent" -v t="$toks" -v e="$evs" -v d="$secs" 'BEGIN {
    printf "              %.0f sentences/s, %.0f tokens/s, %.0f events/s\n", s / d, t / d, e / d }'
sed -n 's/^gesta: time by stage: /stages:       /p' "$T/best"
# the language analysis alone: tokens per second of text + tag + chunk time
sed -n 's/^gesta: time by stage: //p' "$T/best" | awk -v t="$toks" -v d="$secs" '{
    for (i = 1; i < NF; i += 2) { v = $(i + 1); sub(/%/, "", v); share[$i] = v }
    a = (share["text"] + share["tag"] + share["chunk"]) / 100
    printf "analysis:     %.0f tokens/s (tokens, tags, phrases and clauses: %.0f%% of the time)\n", t / (d * a), a * 100 }'

# --- two threads: speed-up and identical output (the best of three runs,
# as for one thread; every run's output is compared)
s2=0
same=yes
for i in 1 2 3; do
    "$G" code --stats -j 2 "$C" >"$T/out2" 2>"$T/stats2" || { cat "$T/stats2"; exit 1; }
    s=$(sed -n 's/.*, \([0-9]*\) sentences\/s$/\1/p' "$T/stats2")
    if [ "$s" -gt "$s2" ]; then s2=$s; fi
    cmp -s "$T/out1" "$T/out2" || same=no
done
awk -v a="$best" -v b="$s2" -v same="$same" 'BEGIN {
    printf "-j 2:         %d sentences/s, %.2f x -j 1, output identical: %s\n", b, b / a, same }'

# --- peak resident memory: the corpus once and ten times (streamed)
/usr/bin/time -f %M "$G" code "$C" 2>"$T/rss1" >/dev/null
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$C"; done >"$T/ten.jsonl"
/usr/bin/time -f %M "$G" code --input jsonl <"$T/ten.jsonl" 2>"$T/rss10" >/dev/null
rm -f "$T/ten.jsonl"
echo "peak memory:  $(tail -n 1 "$T/rss1") KB (corpus once), $(tail -n 1 "$T/rss10") KB (ten times)"

# --- start-up: load the built-in dictionaries, code nothing, exit
n=100
t0=$(ms)
i=0
while [ $i -lt $n ]; do "$G" code --input jsonl </dev/null >/dev/null; i=$((i + 1)); done
t1=$(ms)
awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN { printf "start-up:     %.2f ms (mean of %d runs, built-in dictionaries)\n", (b - a) / n / 1e6, n }'

# --- dictionaries: the Phoenix set compiled from text, and loaded compiled
P=$S/dictionaries/phoenix
if [ -d "$P" ]; then
    t0=$(ms)
    "$G" dict compile "$P" -o "$T/phoenix.gdict" >/dev/null 2>&1
    t1=$(ms)
    i=0
    while [ $i -lt 20 ]; do "$G" code --dict "$T/phoenix.gdict" --input jsonl </dev/null >/dev/null; i=$((i + 1)); done
    t2=$(ms)
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v sz="$(wc -c <"$T/phoenix.gdict")" 'BEGIN {
        printf "dictionaries: Phoenix set read and compiled in %.0f ms (%d KB compiled); start-up with it compiled %.2f ms\n",
            (b - a) / 1e6, sz / 1024, (c - b) / 20 / 1e6 }'
fi

# --- callgrind: instructions per sentence on a fixed sample
if command -v valgrind >/dev/null 2>&1; then
    head -n 2000 "$C" >"$T/sample.jsonl"
    "$G" code --stats "$T/sample.jsonl" 2>"$T/sstats" >/dev/null
    ss=$(sed -n 's/.*documents, \([0-9]*\) sentences.*/\1/p' "$T/sstats")
    valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" "$G" code "$T/sample.jsonl" \
        >/dev/null 2>"$T/cg.log"
    ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$T/cg.out")
    valgrind --tool=callgrind --callgrind-out-file="$T/cg0.out" "$G" code --input jsonl \
        </dev/null >/dev/null 2>"$T/cg0.log"
    ir0=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$T/cg0.out")
    awk -v ir="$ir" -v ir0="$ir0" -v s="$ss" 'BEGIN {
        printf "callgrind:    %.0f instructions per sentence (first 2000 articles, %d sentences; start-up %.1f M instructions excluded)\n",
            (ir - ir0) / s, s, ir0 / 1e6 }'
fi
