#!/bin/sh
# robust.sh: bad input through the command line.
#
#  1. A JSON Lines file that mixes valid articles with invalid UTF-8,
#     truncated JSON, wrong types, a 50 MB line and binary garbage: every
#     valid article is coded exactly as when it is alone, every bad line has
#     one error record naming it, with -j 1 and -j 2 alike.
#     XML that fails to convert from its declared encoding gets an error
#     record too; output to a pipe is written to the pipe.
#  2. The limits at their defaults (document size, sentence length in
#     tokens, token length, JSON and XML nesting, dictionary line length),
#     each with its message.  tests/unit/test_limits.c exceeds every limit,
#     the number of dictionary entries too, with small values.
#  3. Pathological inputs take time linear in their size: a megabyte without
#     a full stop, a million commas, 100,000 coordinated names, JSON and XML
#     nested a million levels deep, a verb dictionary with 40,000 synsets
#     and 40,000 undefined ones.  Each is timed at a quarter of that size
#     (N) and at that size (4N) in the same run, five runs each, in CPU
#     time; the ratio must stay below 8 (a quadratic cost gives 16).
#     Absolute times are not checked: the machine may be slow or loaded.
#
# GESTA is the command to run (may carry a wrapper such as valgrind).
set -u
G=${GESTA:-build/gesta}
T=$(mktemp -d /tmp/gesta-robust-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

contains() { # FILE STRING DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; sed 's/^/    /' "$1" | head -5; fi
}

count() { # FILE STRING: lines of FILE holding STRING
    grep -cF -- "$2" "$1"
}

# ------------------------------------------------ 1. the mixed JSON Lines file

# lines 1, 3, 7, 9 and 11 are valid articles; the others are bad
{
    printf '%s\n' '{"id": "v1", "date": "2025-03-02", "title": "Kenya and Uganda sign trade pact", "text": "NAIROBI, March 2 (Gesta Newswire) - Kenya and Uganda signed a trade agreement on Sunday, officials said. Tanzania welcomed the deal."}'
    printf '{"id": "bad-utf8", "date": "2025-03-02", "text": "Caf\351 owners protested \377 in Paris."}\n'
    printf '%s\n' '{"id": "v2", "date": "2025-03-03", "text": "Russian forces shelled the Ukrainian city of Kharkiv on Monday. Ukraine accused Moscow of targeting civilians."}'
    printf '%s\n' '{"id": "truncated", "date": "2025-03-03", "text": "Police arrested'
    printf '%s\n' '{"id": "text-number", "date": "2025-03-03", "text": 42}'
    printf '%s\n' '{"id": "date-object", "date": {"year": 2025}, "text": "Iran warned Israel."}'
    printf '%s\n' '{"id": "v3", "date": "2025-03-04", "text": "The European Union pledged 50 million euros in aid to Sudan. \"We will not abandon the Sudanese people,\" its foreign policy chief said."}'
} >"$T/mix.jsonl"
huge_at=$(wc -c <"$T/mix.jsonl" | tr -d ' ')
# a 50 MB line: one record far over the line limit, generated here
{
    printf '{"id": "huge", "date": "2025-03-04", "text": "'
    head -c 52428800 /dev/zero | tr '\0' 'a'
    printf '"}\n'
} >>"$T/mix.jsonl"
printf '%s\n' '{"id": "v4", "date": "2025-03-05", "text": "Pakistani police arrested 20 protesters in Lahore.\r\nThe opposition condemned the arrests."}' >>"$T/mix.jsonl"
# binary garbage: control bytes, NUL, invalid UTF-8, braces and quotes, no line break
printf '\000\001\002{\033[0m"\377\376\375\200\201}\300\257\355\240\200\364\220\200\200\177\t\r\\u0000\037{{[[\n' >>"$T/mix.jsonl"
printf '%s\n' '{"id": "v5", "date": "2025-03-06", "text": "North Korea fired two ballistic missiles into the sea, South Korea'"'"'s military said."}' >>"$T/mix.jsonl"
if [ "$(wc -l <"$T/mix.jsonl")" -eq 11 ]; then ok; else bad "the mixed file does not have 11 lines"; fi

good_lines="1 3 7 9 11"
bad_lines="2:GESTA_EJSON 4:GESTA_EJSON 5:GESTA_EFIELD 6:GESTA_EFIELD 8:GESTA_ELIMIT 10:GESTA_EJSON"

# each valid article alone, in order
: >"$T/alone"
for n in $good_lines; do
    sed -n "${n}p" "$T/mix.jsonl" >"$T/one.jsonl"
    $G code "$T/one.jsonl" >>"$T/alone" 2>"$T/one.err" || bad "article of line $n alone: exit $?"
done
if [ -s "$T/alone" ]; then ok; else bad "the valid articles code no events"; fi

for j in 1 2; do
    $G code -j $j --errors "$T/errors$j.jsonl" "$T/mix.jsonl" >"$T/mixed$j" 2>"$T/mixed$j.err"
    st=$?
    if [ $st -eq 1 ]; then ok; else bad "mixed file -j $j: exit $st, expected 1"; fi
    if cmp -s "$T/alone" "$T/mixed$j"; then ok; else
        bad "mixed file -j $j: events differ from the articles coded alone"
        diff "$T/alone" "$T/mixed$j" | head -5 | cut -c1-200
    fi
    for b in $bad_lines; do
        n=${b%%:*}
        code=${b#*:}
        got=$(count "$T/errors$j.jsonl" "\"line\":$n,")
        if [ "$got" -eq 1 ]; then ok; else bad "-j $j: line $n has $got error records, expected 1"; fi
        contains "$T/errors$j.jsonl" "\"line\":$n,\"byte\":" "-j $j: line $n"
        if grep -F "\"line\":$n," "$T/errors$j.jsonl" | grep -qF "\"severity\":\"error\",\"error\":\"$code\""; then ok; else
            bad "-j $j: line $n is not a $code error"
        fi
    done
    for n in $good_lines; do
        if [ "$(count "$T/errors$j.jsonl" "\"line\":$n,")" -eq 0 ]; then ok; else bad "-j $j: valid line $n has an error record"; fi
    done
    if [ "$(count "$T/errors$j.jsonl" '"severity":"error"')" -eq 6 ]; then ok; else bad "-j $j: not 6 error records"; fi
done
contains "$T/errors1.jsonl" '"id":"text-number","severity":"error","error":"GESTA_EFIELD","message":"field \"text\" is an integer, not a string"' "text as a number"
contains "$T/errors1.jsonl" '"id":"date-object","severity":"error","error":"GESTA_EFIELD","message":"field \"date\" is an object, not a string"' "date as an object"
contains "$T/errors1.jsonl" '"line":8,"byte":'"$huge_at"',"severity":"error","error":"GESTA_ELIMIT","message":"record of 52428848 bytes exceeds the line limit (16842752 bytes; max_doc_bytes is 8388608)"' "the 50 MB line"
contains "$T/mixed1.err" "mix.jsonl:4: byte " "log names file and line"
if cmp -s "$T/errors1.jsonl" "$T/errors2.jsonl"; then ok; else bad "error records differ between -j 1 and -j 2"; fi
rm -f "$T/mix.jsonl"

# output to a path that is not a regular file (a pipe, a symbolic link as
# /dev/stdout is) is written to it, not replaced by a renamed file
# (the reader gives up after a minute, so that a gesta that dies before
# opening the pipe fails this check instead of hanging the suite)
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/from-fifo" &
reader=$!
printf '%s\n' '{"id": "p", "date": "2025-01-01", "text": "Fine."}' >"$T/p.jsonl"
$G split -o "$T/fifo" --errors "$T/fifo-errors" "$T/p.jsonl" 2>"$T/err"
st=$?
wait $reader
if [ $st -eq 0 ] && [ -p "$T/fifo" ]; then ok; else bad "-o to a pipe: exit $st, or the pipe was replaced"; fi
contains "$T/from-fifo" "p	0	text	0	5	Fine." "-o to a pipe"
: >"$T/target"
ln -s "$T/target" "$T/link"
$G split -o "$T/link" "$T/p.jsonl" 2>"$T/err"
if [ -L "$T/link" ]; then ok; else bad "-o to a symbolic link replaced the link"; fi
contains "$T/target" "p	0	text	0	5	Fine." "-o to a symbolic link"

# XML whose bytes do not convert from its declared encoding: libxml2 stops
# there, and says so only to its generic handler; gesta makes it a record
printf '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<Sentences><Sentence id="a" date="20250101"><Text>Hi \033$B. \377\376</Text></Sentence></Sentences>\n' >"$T/enc.xml"
$G split --errors "$T/e" "$T/enc.xml" >"$T/out" 2>"$T/err"
st=$?
if [ $st -eq 1 ]; then ok; else bad "XML encoding error: exit $st, expected 1"; fi
contains "$T/e" '"severity":"error","error":"GESTA_EXML","message":"malformed XML: input conversion failed due to input error, bytes 0x2E 0x20 0xFF 0xFE"' "XML encoding error record"
if grep -q "^encoding error" "$T/err"; then bad "libxml2 printed to standard error"; else ok; fi

# ------------------------------------------------ 2. limits at their defaults

# repeat STRING N: STRING N times
repeat() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# a document of 9 MiB in a line under the line limit, as a text file, in XML
{
    printf '{"id": "big", "date": "2025-01-01", "text": "'
    head -c 9437184 /dev/zero | tr '\0' 'a'
    printf '"}\n{"id": "after", "date": "2025-01-01", "text": "Fine."}\n'
} >"$T/big.jsonl"
$G split --errors "$T/e" "$T/big.jsonl" >"$T/out" 2>/dev/null
contains "$T/e" '"line":1,"byte":0,"id":"big","severity":"error","error":"GESTA_ELIMIT","message":"document of 9437184 bytes exceeds max_doc_bytes (8388608)"' "JSON document size"
contains "$T/out" "after	0	text	0	5	Fine." "record after a too large one"
head -c 9437184 /dev/zero | tr '\0' 'a' >"$T/big.txt"
$G split --errors "$T/e" "$T/big.txt" >"$T/out" 2>/dev/null
contains "$T/e" '"error":"GESTA_ELIMIT","message":"document of 9437184 bytes exceeds max_doc_bytes (8388608)"' "text file size"
{
    printf '<Sentences>\n<Sentence id="big" date="20250101"><Text>'
    head -c 9437184 /dev/zero | tr '\0' 'a'
    printf '</Text></Sentence>\n<Sentence id="after" date="20250101"><Text>Fine.</Text></Sentence>\n</Sentences>\n'
} >"$T/big.xml"
$G split --errors "$T/e" "$T/big.xml" >"$T/out" 2>/dev/null
contains "$T/e" '"line":2,"byte":' "XML document line"
contains "$T/e" '"id":"big","severity":"error","error":"GESTA_ELIMIT","message":"<Text> longer than max_doc_bytes (8388608)"' "XML document size"
contains "$T/out" "after	0	text	0	5	Fine." "XML record after a too large one"
rm -f "$T/big.jsonl" "$T/big.txt" "$T/big.xml"

# a sentence of 301 tokens, a token of 250 bytes
repeat 'w ' 301 >"$T/long.txt"
$G split --errors "$T/e" "$T/long.txt" >"$T/out" 2>/dev/null
contains "$T/e" '"severity":"warning","error":"GESTA_ELIMIT","message":"sentence longer than max_sentence_tokens cut (text byte 599)"' "sentence length"
if [ "$(wc -l <"$T/out")" -eq 2 ]; then ok; else bad "a sentence of 301 tokens is not cut in two"; fi
{ repeat a 250; echo ' met.'; } >"$T/tok.txt"
$G split --tokens --errors "$T/e" "$T/tok.txt" >"$T/out" 2>/dev/null
contains "$T/e" '"severity":"warning","error":"GESTA_ELIMIT","message":"token longer than max_token_bytes cut (text byte 0)"' "token length"

# JSON nesting: the record and 31 arrays is 32 levels, allowed; 32 arrays is not
{
    printf '{"id": "d32", "date": "2025-01-01", "text": "Fine.", "x": %s%s}\n' "$(repeat '[' 31)" "$(repeat ']' 31)"
    printf '{"id": "d33", "date": "2025-01-01", "text": "Fine.", "x": %s%s}\n' "$(repeat '[' 32)" "$(repeat ']' 32)"
} >"$T/deep.jsonl"
$G split --errors "$T/e" "$T/deep.jsonl" >"$T/out" 2>/dev/null
at=$(head -n 1 "$T/deep.jsonl" | wc -c | tr -d ' ')
contains "$T/out" "d32	0	text	0	5	Fine." "JSON nesting of 32"
contains "$T/e" '"line":2,"byte":'"$at"',"id":"d33","severity":"error","error":"GESTA_ELIMIT","message":"JSON nesting deeper than max_json_depth (32)"' "JSON nesting of 33"
if [ "$(wc -l <"$T/e")" -eq 1 ]; then ok; else bad "JSON nesting: not one error record"; fi

# XML nesting: <Sentences> and 63 elements is 64 levels, allowed; 64 is not
{
    printf '<Sentences><Sentence id="x64" date="20250101"><Text>Fine.</Text>%s%s</Sentence>\n' "$(repeat '<a>' 62)" "$(repeat '</a>' 62)"
    printf '<Sentence id="x65" date="20250101"><Text>Lost.</Text>%s%s</Sentence>\n' "$(repeat '<a>' 63)" "$(repeat '</a>' 63)"
    printf '<Sentence id="x66" date="20250101"><Text>Skipped.</Text></Sentence></Sentences>\n'
} >"$T/deep.xml"
$G split --errors "$T/e" "$T/deep.xml" >"$T/out" 2>/dev/null
contains "$T/out" "x64	0	text	0	5	Fine." "XML nesting of 64"
contains "$T/e" '"line":2,' "XML nesting error line"
contains "$T/e" '"error":"GESTA_ELIMIT","message":"XML nesting deeper than max_xml_depth (64); rest of file skipped"' "XML nesting of 65"
if grep -q Skipped "$T/out"; then bad "XML after the nesting error was read"; else ok; fi

# a dictionary line of 70,000 bytes
{ echo 'KENYA [KEN]'; repeat A 70000; echo ' [AAA]'; echo 'UGANDA [UGA]'; } >"$T/x.actors.txt"
$G dict check "$T/x.actors.txt" >"$T/out" 2>"$T/err"
contains "$T/err" "x.actors.txt:2: line of 70006 bytes exceeds max_dict_line (65536); skipped" "dictionary line length"
contains "$T/out" "actors, 2 entries" "dictionary lines after a long one"

# ------------------------------------------------ 3. linear time

# cost COMMAND...: sets cost_ms to the CPU time (user and system, so that
# other load on the machine does not count) of five runs of the command.
# `times` reports this shell's children, so this runs in no subshell.
cost() {
    times >"$T/t0"
    for r in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done
    times >"$T/t1"
    cost_ms=$(awk 'FNR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
                             if (FILENAME == ARGV[1]) t0 = t; else t1 = t }
                   END { printf "%d\n", (t1 - t0) * 1000 }' "$T/t0" "$T/t1")
}

# linear NAME FILE_N FILE_4N COMMAND...: the command on FILE_4N must take
# less than 8 times its time on FILE_N
linear() {
    name=$1 small=$2 large=$3
    shift 3
    cost "$@" "$small"
    t1=$cost_ms
    cost "$@" "$large"
    t4=$cost_ms
    ratio=$(awk -v a="$t1" -v b="$t4" 'BEGIN { printf "%.1f", b / (a > 10 ? a : 10) }')
    if awk -v r="$ratio" 'BEGIN { exit !(r < 8) }'; then
        ok
        echo "linear: $name: x4 input, x$ratio time ($t1 ms, $t4 ms)"
    else
        bad "$name: 4 times the input took $ratio times as long ($t1 ms, $t4 ms)"
    fi
}

# 4N is the named size: a megabyte, a million commas, 100,000 names
for k in 1 4; do
    repeat 'word ' $((k * 52429)) >"$T/nostop$k.txt"
    repeat ',' $((k * 250000)) >"$T/commas$k.txt"
    { repeat 'Kenya, Uganda, Tanzania, Rwanda, Burundi, ' $((k * 5000)); echo 'and Chad met.'; } >"$T/names$k.txt"
    { printf '{"id": "n", "date": "2025-01-01", "text": "x", "z": '; repeat '[' $((k * 250000)); repeat ']' $((k * 250000)); echo '}'; } >"$T/nested$k.jsonl"
    { printf '<Sentences>'; repeat '<a>' $((k * 100000)); repeat '</a>' $((k * 100000)); echo '</Sentences>'; } >"$T/nested$k.xml"
    # a verb dictionary with many synsets and many patterns naming undefined ones
    awk -v n=$((k * 10000)) 'BEGIN { for (i = 0; i < n; i++) printf "&S%d\n+W%d\n", i, i
        print "--- MEET [040] ---"; print "MEET"
        for (i = 0; i < n; i++) printf "- * &U%d &S%d + [042]\n", i, i }' >"$T/many$k.verbs.txt"
done
linear "a megabyte without a full stop" "$T/nostop1.txt" "$T/nostop4.txt" $G code --date 2025-01-01
linear "a million commas" "$T/commas1.txt" "$T/commas4.txt" $G code --date 2025-01-01
linear "100,000 coordinated names" "$T/names1.txt" "$T/names4.txt" $G code --date 2025-01-01
linear "JSON nested a million deep" "$T/nested1.jsonl" "$T/nested4.jsonl" $G code
linear "XML nested 400,000 deep" "$T/nested1.xml" "$T/nested4.xml" $G code
linear "40,000 synsets, 40,000 undefined" "$T/many1.verbs.txt" "$T/many4.verbs.txt" $G dict check

echo "robust: $pass checks, $fail failed"
[ $fail -eq 0 ]
