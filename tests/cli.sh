#!/bin/sh
# cli.sh: tests of the command-line tool: exit statuses, usage errors,
# formats, error records, atomic output files, write errors, threads.
# GESTA is the command to run (may carry a wrapper such as valgrind).
set -u
G=${GESTA:-build/gesta}
T=$(mktemp -d /tmp/gesta-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# expect_status WANT DESCRIPTION -- command...
expect_status() {
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want"; sed 's/^/    /' "$T/err" | head -5; fi
}

contains() { # FILE STRING DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; sed 's/^/    /' "$1" | head -5; fi
}

lines() { # FILE N DESCRIPTION
    n=$(wc -l <"$1" | tr -d ' ')
    if [ "$n" -eq "$2" ]; then ok; else bad "$3: $n lines, expected $2"; fi
}

# --- version, help, usage errors
expect_status 0 "version" -- $G version
contains "$T/out" "gesta 0.1.0" "version text"
expect_status 2 "no command" -- $G
expect_status 2 "unknown command" -- $G frobnicate
contains "$T/err" "unknown command 'frobnicate'" "unknown command message"
expect_status 0 "help" -- $G help
contains "$T/out" "usage: gesta <command>" "help text"
expect_status 0 "code --help" -- $G code --help
contains "$T/out" "usage: gesta code" "code help"
expect_status 0 "split --help" -- $G split --help
contains "$T/out" "usage: gesta split" "split help"
expect_status 0 "help split" -- $G help split
contains "$T/out" "--tokens" "help split text"
expect_status 2 "unknown option" -- $G code --bogus tests/data/articles.jsonl
contains "$T/err" "unknown or incomplete option '--bogus'" "unknown option message"
expect_status 2 "bad input format" -- $G code --input yaml tests/data/articles.jsonl
expect_status 2 "bad output format" -- $G code --output xml tests/data/articles.jsonl
expect_status 2 "bad date" -- $G code --date 2025-13-01 tests/data/articles.jsonl
contains "$T/err" "--date needs a date as YYYY-MM-DD" "bad date message"
# a verb dictionary's PLOVER refinement reaches the output ("0831=RETREAT/resign")
printf 'The Georgian president resigned on Sunday.\n' >"$T/r.txt"
expect_status 0 "resignation coded" -- $G code --date 2003-11-23 "$T/r.txt"
contains "$T/out" '"code":"0831"' "resignation is CAMEO 0831"
contains "$T/out" '"plover":{"event":"RETREAT","mode":"resign"}' "resignation is PLOVER RETREAT/resign"
# options may follow the files; "--" ends them
printf 'Kenya condemned the attack.\n' >"$T/a.txt"
expect_status 0 "options after the file" -- $G code "$T/a.txt" --date 2025-02-03 --output tsv
contains "$T/out" "2025-02-03	KEN" "options after the file are read"
expect_status 1 "-- ends the options" -- $G code --output tsv -- --date
contains "$T/err" "--date: cannot open" "a file named like an option after --"
expect_status 2 "bad -j" -- $G code -j 0 tests/data/articles.jsonl
expect_status 2 "missing -j argument" -- $G code -j
expect_status 2 "--tokens is not a code option" -- $G code --tokens tests/data/articles.jsonl

# --- formats and sniffing
expect_status 0 "split jsonl" -- $G split tests/data/articles.jsonl
lines "$T/out" 7 "sentences of articles.jsonl"
contains "$T/out" "a1	0	title	0	38	Seoul and Tokyo agree to restart talks" "title is sentence 0"
contains "$T/out" "a2	0	text	23	88	The U.S. Treasury said on Thursday it would impose new sanctions." "dateline skipped"
contains "$T/out" "a3	0	text	0	39	Gen. Smith met Sen. Jones in St. Louis." "abbreviations"
$G split <tests/data/articles.jsonl >"$T/stdin.out" 2>&1
if cmp -s "$T/out" "$T/stdin.out"; then ok; else bad "stdin JSONL sniffed"; fi
printf '<Sentences><Sentence id="x1" date="20250101"><Text>One. Two.</Text></Sentence></Sentences>' | $G split >"$T/out" 2>"$T/err"
contains "$T/out" "x1	1	text	5	9	Two." "stdin XML sniffed"
printf 'Plain text here. And more.' | $G split >"$T/out" 2>"$T/err"
contains "$T/out" "-	1	text	17	26	And more." "stdin text"
cp tests/data/articles.jsonl "$T/articles.data"
expect_status 0 "forced jsonl on unknown extension" -- $G split --input jsonl "$T/articles.data"
lines "$T/out" 7 "forced jsonl"
expect_status 0 "code writes no events before the coder" -- $G code --stats tests/data/articles.jsonl
contains "$T/err" "3 documents, 7 sentences" "stats line"
contains "$T/err" "sentences/s" "stats speed"
expect_status 0 "tsv header" -- $G code --output tsv tests/data/articles.jsonl
contains "$T/out" "doc_id	sentence	date	source	target" "tsv header line"

# --- bad records: error records, other records go on, exit 1
expect_status 1 "mixed records" -- $G split --errors "$T/errors.jsonl" tests/data/mixed.jsonl
lines "$T/out" 4 "good records still split"
contains "$T/out" "ok2	1	text	32	54	Police dispersed them." "record after bad ones"
lines "$T/errors.jsonl" 3 "one error record per bad record"
contains "$T/errors.jsonl" '"file":"tests/data/mixed.jsonl","line":2,' "error names the line"
contains "$T/errors.jsonl" '"line":3,"byte":' "error has the byte"
contains "$T/errors.jsonl" '"id":"bad-type","severity":"error","error":"GESTA_EFIELD"' "wrong type"
contains "$T/errors.jsonl" '"line":4,' "bad date line"
contains "$T/err" "tests/data/mixed.jsonl:2: byte " "log line names file and line"
expect_status 1 "missing file, others still read" -- $G split tests/data/nonexistent.jsonl tests/data/articles.jsonl
contains "$T/err" "tests/data/nonexistent.jsonl: cannot open" "missing file message"
lines "$T/out" 7 "other file read"
printf 'Bad \377 byte here. Fine.' >"$T/bad.txt"
expect_status 0 "invalid UTF-8 is a warning" -- $G split "$T/bad.txt"
contains "$T/err" "warning: invalid UTF-8 byte replaced by U+FFFD (text byte 4)" "utf8 warning"
expect_status 0 "--no-warnings" -- $G split --no-warnings "$T/bad.txt"
if [ -s "$T/err" ]; then bad "--no-warnings still warned"; else ok; fi

# --- output files: complete or not at all
expect_status 0 "-o writes the file" -- $G split -o "$T/o.tsv" tests/data/articles.jsonl
lines "$T/o.tsv" 7 "-o content"
if ls "$T"/o.tsv.tmp* >/dev/null 2>&1; then bad "temporary file left"; else ok; fi
expect_status 3 "-o into a missing directory" -- $G split -o "$T/no/such/dir/o.tsv" tests/data/articles.jsonl
contains "$T/err" "cannot write" "-o failure message"
if [ -w /dev/full ]; then
    expect_status 3 "disk full on stdout" -- sh -c "$G split tests/data/articles.jsonl >/dev/full"
    contains "$T/err" "writing standard output" "disk full message"
fi
# a closed pipe: gesta must stop with status 3 and a message, not die silently
i=0
while [ $i -lt 200 ]; do cat tests/data/articles.jsonl; i=$((i + 1)); done >"$T/many.jsonl"
( $G split "$T/many.jsonl" 2>"$T/pipe.err"; echo $? >"$T/pipe.status" ) | head -n 1 >/dev/null
if [ "$(cat "$T/pipe.status")" = 3 ]; then ok; else bad "closed pipe: exit $(cat "$T/pipe.status"), expected 3"; fi
contains "$T/pipe.err" "Broken pipe" "closed pipe message"

# --- threads: identical output
$G split --tokens -j 1 "$T/many.jsonl" tests/data/mixed.jsonl >"$T/j1" 2>"$T/j1.err"
$G split --tokens -j 3 "$T/many.jsonl" tests/data/mixed.jsonl >"$T/j3" 2>"$T/j3.err"
if cmp -s "$T/j1" "$T/j3" && cmp -s "$T/j1.err" "$T/j3.err"; then ok; else bad "-j 3 output differs from -j 1"; fi
lines "$T/j1" 1404 "600 articles and the mixed file"

# --- dict lookup: evidence, dates, usage errors
expect_status 0 "dict lookup" -- $G dict lookup --date 2023-05-01 "Pakistani police" "Lee Jae-myung"
contains "$T/out" "Pakistani police	PAKCOP	Pakistani police	" "lookup composes a role"
contains "$T/out" "Lee Jae-myung	KOROPP	Lee Jae-myung	data/leaders-asia-mideast-africa.actors.txt:" "lookup names the entry"
printf 'the Kremlin\n\nus\n' >"$T/phr"
expect_status 0 "dict lookup from stdin" -- sh -c "$G dict lookup --date 2020-01-01 < $T/phr"
contains "$T/out" "the Kremlin	RUSGOV	Kremlin	" "lookup reads phrases from stdin"
contains "$T/out" "us	-" "a pronoun names no actor"
lines "$T/out" 2 "blank lines of stdin are skipped"
expect_status 2 "dict lookup bad date" -- $G dict lookup --date 2023-13-45 Obama
contains "$T/err" "--date needs a date" "lookup date message"
expect_status 2 "dict lookup unknown option" -- $G dict lookup --frob Obama
# the date may follow the phrase (as the usage in the issue has it); "--" ends options
expect_status 0 "dict lookup, date after the phrase" -- $G dict lookup "Jimmy Carter" --date 1979-06-01
contains "$T/out" "Jimmy Carter	USAGOV" "dict lookup reads the date after the phrase"
expect_status 0 "dict lookup, phrase like an option after --" -- $G dict lookup --date 2025-01-01 -- "--date"
contains "$T/out" "--date	-" "dict lookup: a phrase after -- is a phrase"

echo "cli: $pass checks, $fail failed"
[ $fail -eq 0 ]
