#!/bin/sh
# data_lint.sh: gesta's own dictionaries in data/ are clean.
#  1. `gesta dict check` reports no error and no warning for any data/*.txt file.
#  2. No actor phrase is defined by more than one actor entry across
#     data/*.actors.txt.  (When two files define the same phrase, the file that
#     sorts first wins silently, so a person or organisation must have one entry
#     that carries all its dated roles.)  Phrases are compared as gesta matches
#     them: ASCII upper case, '_' and blanks alike, leading/trailing '_' dropped,
#     and Latin letters with diacritics folded to ASCII (ERDOĞAN = ERDOGAN).  The
#     same phrase twice inside one entry (an accented and an ASCII spelling) is fine.
# Usage: GESTA=build/gesta sh tests/data_lint.sh   (run from the top directory)
set -u
G=${GESTA:-build/gesta}
fail=0

# ---- 1. dict check: no errors, no warnings
for f in data/*.txt; do
    [ -f "$f" ] || continue
    out=$($G dict check "$f" 2>&1)
    rc=$?
    summary=$(printf '%s\n' "$out" | grep "^$f: ")
    case "$summary" in
    *", 0 errors, 0 warnings")
        [ $rc -eq 0 ] && continue ;;
    esac
    echo "FAIL: gesta dict check $f (exit status $rc):"
    printf '%s\n' "$out" | sed 's/^/    /'
    fail=1
done

# ---- 2. duplicate actor phrases across entries
# The fold table (UTF-8 letter=ASCII) is read first, from standard input.
dups=$(LC_ALL=C awk '
BEGIN { for (i = 128; i < 256; i++) ord[sprintf("%c", i)] = i }
NR == FNR { for (i = 1; i <= NF; i++) { e = index($i, "="); fm[substr($i, 1, e - 1)] = substr($i, e + 1) }; next }
function fold(p,    out, i, n, c, b, len, s) {
    out = ""; n = length(p); i = 1
    while (i <= n) {
        c = substr(p, i, 1); b = (c in ord) ? ord[c] : 0
        if (b < 192) { out = out c; i++; continue }
        len = (b >= 240) ? 4 : (b >= 224) ? 3 : 2
        s = substr(p, i, len)
        out = out ((s in fm) ? fm[s] : s); i += len
    }
    return out
}
function norm(p,    w, n, i, out) {
    if (p ~ /[\200-\377]/) p = fold(p)
    p = toupper(p); gsub(/_/, " ", p)
    n = split(p, w, /[ \t]+/); out = ""
    for (i = 1; i <= n; i++)
        if (w[i] != "") out = out (out == "" ? "" : " ") w[i]
    return out
}
FNR == 1 { cur = ""; hascode = 0; inxml = 0 }
{
    line = $0
    if (inxml) { if (index(line, "-->")) inxml = 0; next }
    t = line; sub(/^[ \t]+/, "", t)
    if (substr(t, 1, 2) == "<!") { if (index(t, "<!--") && !index(t, "-->")) inxml = 1; next }
    if (substr(t, 1, 1) == "#") next
    if (index(line, "#") || index(line, ";")) {
        # a comment starts at the first # or ; outside [...]
        out = ""; inb = 0; n = length(line)
        for (i = 1; i <= n; i++) {
            c = substr(line, i, 1)
            if (c == "[") inb = 1
            else if (c == "]") inb = 0
            else if ((c == "#" || c == ";") && !inb) break
            out = out c
        }
        line = out
    }
    t = line; sub(/^[ \t]+/, "", t); sub(/[ \t]+$/, "", t)
    if (t == "") next
    k = substr(t, 1, 1)
    if (k == "[") { hascode = 1; next }
    syn = (k == "+"); ph = syn ? substr(t, 2) : t
    br = index(ph, "[")
    if (br) ph = substr(ph, 1, br - 1)
    # a root starts a new entry unless the current one has no code yet
    if (cur == "" || (!syn && hascode)) { cur = FILENAME ":" FNR; hascode = 0 }
    if (br) hascode = 1
    key = norm(ph)
    if (key == "" || (key SUBSEP cur) in seen) next
    seen[key, cur] = 1; cnt[key]++
    where[key] = where[key] " " FILENAME ":" FNR
}
END { for (key in cnt) if (cnt[key] > 1) print key ":" where[key] }
' - data/*.actors.txt <<'TABLE' | sort
À=A Á=A Â=A Ã=A Ä=A Å=A Ç=C È=E É=E Ê=E Ë=E Ì=I Í=I Î=I Ï=I
Ñ=N Ò=O Ó=O Ô=O Õ=O Ö=O Ù=U Ú=U Û=U Ü=U Ý=Y ß=SS à=A á=A â=A
ã=A ä=A å=A ç=C è=E é=E ê=E ë=E ì=I í=I î=I ï=I ñ=N ò=O ó=O
ô=O õ=O ö=O ù=U ú=U û=U ü=U ý=Y ÿ=Y Ā=A ā=A Ă=A ă=A Ą=A ą=A
Ć=C ć=C Ĉ=C ĉ=C Ċ=C ċ=C Č=C č=C Ď=D ď=D Ē=E ē=E Ĕ=E ĕ=E Ė=E
ė=E Ę=E ę=E Ě=E ě=E Ĝ=G ĝ=G Ğ=G ğ=G Ġ=G ġ=G Ģ=G ģ=G Ĥ=H ĥ=H
Ĩ=I ĩ=I Ī=I ī=I Ĭ=I ĭ=I Į=I į=I İ=I Ĵ=J ĵ=J Ķ=K ķ=K Ĺ=L ĺ=L
Ļ=L ļ=L Ľ=L ľ=L Ń=N ń=N Ņ=N ņ=N Ň=N ň=N Ō=O ō=O Ŏ=O ŏ=O Ő=O
ő=O Ŕ=R ŕ=R Ŗ=R ŗ=R Ř=R ř=R Ś=S ś=S Ŝ=S ŝ=S Ş=S ş=S Š=S š=S
Ţ=T ţ=T Ť=T ť=T Ũ=U ũ=U Ū=U ū=U Ŭ=U ŭ=U Ů=U ů=U Ű=U ű=U Ų=U
ų=U Ŵ=W ŵ=W Ŷ=Y ŷ=Y Ÿ=Y Ź=Z ź=Z Ż=Z ż=Z Ž=Z ž=Z Ơ=O ơ=O Ư=U
ư=U Ǎ=A ǎ=A Ǐ=I ǐ=I Ǒ=O ǒ=O Ǔ=U ǔ=U Ǖ=U ǖ=U Ǘ=U ǘ=U Ǚ=U ǚ=U
Ǜ=U ǜ=U Ǟ=A ǟ=A Ǡ=A ǡ=A Ǧ=G ǧ=G Ǩ=K ǩ=K Ǫ=O ǫ=O Ǭ=O ǭ=O ǰ=J
Ǵ=G ǵ=G Ǹ=N ǹ=N Ǻ=A ǻ=A Ȁ=A ȁ=A Ȃ=A ȃ=A Ȅ=E ȅ=E Ȇ=E ȇ=E Ȉ=I
ȉ=I Ȋ=I ȋ=I Ȍ=O ȍ=O Ȏ=O ȏ=O Ȑ=R ȑ=R Ȓ=R ȓ=R Ȕ=U ȕ=U Ȗ=U ȗ=U
Ș=S ș=S Ț=T ț=T Ȟ=H ȟ=H Ȧ=A ȧ=A Ȩ=E ȩ=E Ȫ=O ȫ=O Ȭ=O ȭ=O Ȯ=O
ȯ=O Ȱ=O ȱ=O Ȳ=Y ȳ=Y Ḁ=A ḁ=A Ḃ=B ḃ=B Ḅ=B ḅ=B Ḇ=B ḇ=B Ḉ=C ḉ=C
Ḋ=D ḋ=D Ḍ=D ḍ=D Ḏ=D ḏ=D Ḑ=D ḑ=D Ḓ=D ḓ=D Ḕ=E ḕ=E Ḗ=E ḗ=E Ḙ=E
ḙ=E Ḛ=E ḛ=E Ḝ=E ḝ=E Ḟ=F ḟ=F Ḡ=G ḡ=G Ḣ=H ḣ=H Ḥ=H ḥ=H Ḧ=H ḧ=H
Ḩ=H ḩ=H Ḫ=H ḫ=H Ḭ=I ḭ=I Ḯ=I ḯ=I Ḱ=K ḱ=K Ḳ=K ḳ=K Ḵ=K ḵ=K Ḷ=L
ḷ=L Ḹ=L ḹ=L Ḻ=L ḻ=L Ḽ=L ḽ=L Ḿ=M ḿ=M Ṁ=M ṁ=M Ṃ=M ṃ=M Ṅ=N ṅ=N
Ṇ=N ṇ=N Ṉ=N ṉ=N Ṋ=N ṋ=N Ṍ=O ṍ=O Ṏ=O ṏ=O Ṑ=O ṑ=O Ṓ=O ṓ=O Ṕ=P
ṕ=P Ṗ=P ṗ=P Ṙ=R ṙ=R Ṛ=R ṛ=R Ṝ=R ṝ=R Ṟ=R ṟ=R Ṡ=S ṡ=S Ṣ=S ṣ=S
Ṥ=S ṥ=S Ṧ=S ṧ=S Ṩ=S ṩ=S Ṫ=T ṫ=T Ṭ=T ṭ=T Ṯ=T ṯ=T Ṱ=T ṱ=T Ṳ=U
ṳ=U Ṵ=U ṵ=U Ṷ=U ṷ=U Ṹ=U ṹ=U Ṻ=U ṻ=U Ṽ=V ṽ=V Ṿ=V ṿ=V Ẁ=W ẁ=W
Ẃ=W ẃ=W Ẅ=W ẅ=W Ẇ=W ẇ=W Ẉ=W ẉ=W Ẋ=X ẋ=X Ẍ=X ẍ=X Ẏ=Y ẏ=Y Ẑ=Z
ẑ=Z Ẓ=Z ẓ=Z Ẕ=Z ẕ=Z ẖ=H ẗ=T ẘ=W ẙ=Y ẞ=SS Ạ=A ạ=A Ả=A ả=A Ấ=A
ấ=A Ầ=A ầ=A Ẩ=A ẩ=A Ẫ=A ẫ=A Ậ=A ậ=A Ắ=A ắ=A Ằ=A ằ=A Ẳ=A ẳ=A
Ẵ=A ẵ=A Ặ=A ặ=A Ẹ=E ẹ=E Ẻ=E ẻ=E Ẽ=E ẽ=E Ế=E ế=E Ề=E ề=E Ể=E
ể=E Ễ=E ễ=E Ệ=E ệ=E Ỉ=I ỉ=I Ị=I ị=I Ọ=O ọ=O Ỏ=O ỏ=O Ố=O ố=O
Ồ=O ồ=O Ổ=O ổ=O Ỗ=O ỗ=O Ộ=O ộ=O Ớ=O ớ=O Ờ=O ờ=O Ở=O ở=O Ỡ=O
ỡ=O Ợ=O ợ=O Ụ=U ụ=U Ủ=U ủ=U Ứ=U ứ=U Ừ=U ừ=U Ử=U ử=U Ữ=U ữ=U
Ự=U ự=U Ỳ=Y ỳ=Y Ỵ=Y ỵ=Y Ỷ=Y ỷ=Y Ỹ=Y ỹ=Y
TABLE
)
if [ -n "$dups" ]; then
    echo "FAIL: actor phrases defined by more than one entry (phrase: file:line of each):"
    printf '%s\n' "$dups" | sed 's/^/    /'
    fail=1
fi

[ $fail -eq 0 ] && echo "data lint: all data/*.txt check clean; no actor phrase is defined twice"
exit $fail
