#!/bin/sh
# dict_counts.sh: gesta's dictionary readers against counts established
# independently (tests/data/dict-counts.txt, made by a separate script from
# docs/dictionary-formats.md) for every dictionary in ../shared.
set -u
G=${GESTA:-build/gesta}
SHARED=${SHARED:-../shared}
REF=tests/data/dict-counts.txt
if [ ! -d "$SHARED/dictionaries/phoenix" ]; then
    echo "FAIL: $SHARED/dictionaries/phoenix is missing (the shared material is required)"
    exit 1
fi
T=$(mktemp -d /tmp/gesta-dict-XXXXXX)
trap 'rm -rf "$T"' EXIT
files=$(grep -v '^#' "$REF" | awk 'NF==3{print $1}' | grep -v '\.ini$' | sort -u)
for f in $files; do
    $G dict check --counts "$SHARED/$f" 2>/dev/null | sed "s|^$SHARED/||" >>"$T/got"
done
# gesta key = reference key (or an expression of reference keys)
awk -v got="$T/got" '
function ref(f, k) { return (f SUBSEP k) in R ? R[f, k] : "" }
BEGIN {
    while ((getline line < got) > 0) { split(line, a, " "); G[a[1], a[2]] = a[3]; kind[a[1]] = (a[2] == "kind") ? a[3] : kind[a[1]] }
}
!/^#/ && NF == 3 { R[$1, $2] = $3; F[$1] = 1 }
END {
    fail = 0; checks = 0
    for (f in F) {
        if (f ~ /\.ini$/) continue
        k = kind[f]
        n = 0
        if (k == "actors") { m["entries"] = ref(f, "root_lines"); m["synonyms"] = ref(f, "synonym_lines"); m["codes"] = ref(f, "code_brackets"); m["dated"] = ref(f, "dated_codes") }
        else if (k == "agents") { m["entries"] = ref(f, "entry_lines") - ref(f, "entries_rejected"); m["macros"] = ref(f, "macro_defs"); m["phrases"] = ref(f, "expanded_phrases") }
        else if (k == "discards") { m["entries"] = ref(f, "sentence_discards") + ref(f, "story_discards"); m["story"] = ref(f, "story_discards") }
        else if (k == "issues") { m["entries"] = ref(f, "entries") }
        else if (k == "verbs") { m["synsets"] = ref(f, "synsets"); m["synset_members"] = ref(f, "synset_members"); m["blocks"] = ref(f, "verb_blocks"); m["verbs"] = ref(f, "verb_entries"); m["patterns"] = ref(f, "patterns"); m["transforms"] = ref(f, "transformations") }
        else { print "FAIL: " f ": gesta could not read it"; fail++; continue }
        m["errors"] = ref(f, "errors")
        for (key in m) {
            checks++
            if (G[f, key] != m[key]) { print "FAIL: " f " " key ": gesta " G[f, key] ", reference " m[key]; fail++ }
        }
        delete m
    }
    printf "dict counts: %d checks, %d failed\n", checks, fail
    exit fail ? 1 : 0
}' "$REF"
