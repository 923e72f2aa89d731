/*
 * segment.c: tokens -> sentences.
 *
 * Works on the token stream that gs_tokenize() produced, using the line
 * structure it recorded (line breaks, blank lines, indentation).  A single
 * line break never ends a sentence, so hard-wrapped text reads as running
 * text; a blank line or an indented line starts a paragraph, and a paragraph
 * always starts a sentence.  Within a paragraph a sentence ends at ".", "!",
 * "?" or "..." (with any closing quotes and brackets) when the next token
 * can start a sentence; abbreviations decide by their class: titles never
 * end a sentence before a name, "No." and months not before a number, and
 * "Inc." or "U.S." only before a word that typically opens a sentence.
 *
 * At the top of the text, a lone short line followed by a paragraph break is
 * a headline (a sentence of its own), and a dateline such as "SEOUL, June 4
 * (Reuters) -" is recognised and kept out of the first sentence.
 */
#include "text.h"

static GS_ALWAYS_INLINE bool norm_is(const gs_tok *t, const char *lit)
{
    return GS_LIT_EQ(t->norm, t->norm_len, lit);
}


/* Words that commonly open a sentence in news, capitalised. */
static const char *const starters[] = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they",
    "we", "i", "you", "his", "her", "their", "our", "my", "there", "here", "in", "on",
    "at", "for", "from", "with", "by", "as", "after", "before", "when", "while", "if",
    "but", "and", "or", "so", "yet", "however", "meanwhile", "also", "still", "earlier",
    "later", "last", "next", "some", "many", "most", "other", "others", "one", "two",
    "both", "all", "each", "no", "not", "under", "over", "since", "although", "though",
    "because", "despite", "during", "officials", "analysts", "police", "what", "who",
    "why", "how", "where", "asked", "according", "separately", "under", "such", "then",
    "thus", "instead", "nevertheless", "moreover", "further", "furthermore", "shares",
    NULL};

static bool is_starter(const gs_tok *t)
{
    return (t->flags & GS_TF_CAP) && gs_in_nocase(t->norm, t->norm_len, starters);
}

static bool is_open(const gs_tok *t)
{
    return norm_is(t, "\"") || norm_is(t, "'") || norm_is(t, "(") || norm_is(t, "[") ||
           norm_is(t, "--") || norm_is(t, "-");
}

static bool can_start(const gs_tok *t)
{
    return (t->flags & (GS_TF_CAP | GS_TF_DIGIT)) || is_open(t) ||
           ((t->flags & GS_TF_PUNCT) && (t->norm[0] == '$' || (unsigned char)t->norm[0] >= 0x80)) ||
           ((t->flags & GS_TF_ALPHA) && !(t->flags & GS_TF_LOWER));
}

static bool is_terminator(const gs_tok *t)
{
    return norm_is(t, ".") || norm_is(t, "!") || norm_is(t, "?") || norm_is(t, "...") ||
           (t->flags & GS_TF_ABBR);
}

static bool is_closer(const gs_tok *t)
{
    return norm_is(t, "\"") || norm_is(t, "'") || norm_is(t, ")") || norm_is(t, "]");
}

static bool corporate(const char *w, size_t n)
{
    static const char *const list[] = {"inc", "corp", "co", "ltd", "plc", "bros", "llc", "cos", NULL};
    return gs_in_nocase(w, n, list);
}

/* Lower-case words that continue a name ("Bank of", "Fenner and Smith"). */
static bool connective(const gs_tok *t)
{
    static const char *const list[] = {"of", "and", "de", "du", "la", "le", "der", "von", "van",
                                       "for", "the", "&", NULL};
    return gs_in_nocase(t->norm, t->norm_len, list);
}

/* Does the sentence end after terminator term, before token next? */
static bool boundary(const gs_tok *term, const gs_tok *next, const gs_tok *after)
{
    if (next->flags & GS_TF_PARA)
        return true;
    if (norm_is(term, ".")) {
        if (can_start(next))
            return true;
        return false;
    }
    if (norm_is(term, "!") || norm_is(term, "?"))
        return can_start(next);
    if (norm_is(term, "..."))
        return is_starter(next) || (is_open(next) && after && (after->flags & GS_TF_CAP));
    /* An abbreviation with its period. */
    size_t wlen = term->norm_len - 1;
    const char *w = term->norm;
    int cls = gs_abbrev_class(w, wlen);
    bool initial = wlen == 1 && gs_is_upper((unsigned char)w[0]);
    if (cls == GS_ABBR_TITLE)
        return false;
    if (cls == GS_ABBR_NUMBER)
        return !(next->flags & GS_TF_DIGIT) && can_start(next) && !(next->flags & GS_TF_ABBR);
    if ((next->flags & GS_TF_ABBR) && corporate(next->norm, next->norm_len - 1))
        return false; /* "Co. Ltd." */
    if (initial)
        return is_starter(next) && !(after && (after->flags & GS_TF_ABBR));
    if (is_starter(next))
        return true;
    if (is_open(next) && after && (after->flags & GS_TF_CAP))
        return true;
    /* "... to Columbia Aluminium Corp. Comalco said": after a company suffix,
     * a capitalised word followed by a lower-case one opens a sentence;
     * "Corp. Chairman John Smith" and "Co. International." do not. */
    if (corporate(w, wlen) && (next->flags & GS_TF_CAP) && after &&
        (after->flags & GS_TF_LOWER) && !connective(after))
        return true;
    return false;
}

static int add_sentence(gs_text *t, size_t first, size_t last_excl, int field, uint32_t para)
{
    if (last_excl <= first)
        return 0;
    if (t->nsents == t->cap_sents &&
        gs_grow((void **)&t->sents, &t->cap_sents, t->nsents + 1, sizeof(gs_sent)) < 0)
        return GESTA_ENOMEM;
    gs_sent *s = &t->sents[t->nsents++];
    s->first = (uint32_t)first;
    s->count = (uint32_t)(last_excl - first);
    s->start = t->toks[first].start;
    s->end = t->toks[last_excl - 1].end;
    s->paragraph = para;
    s->field = (uint8_t)field;
    return 0;
}

static const char *const months[] = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", NULL};

static bool is_month(const gs_tok *t)
{
    size_t n = t->norm_len;
    if (n && t->norm[n - 1] == '.')
        n--;
    return gs_in_nocase(t->norm, n, months);
}

/* Recognises a dateline at toks[b..end): "SEOUL:", "WASHINGTON (Reuters) -",
 * "SALVADOR, Feb 26 -", "Kyiv, June 4 (AP) --".  Returns the index of the
 * first token after the dateline's separator, or b when there is none. */
static size_t dateline(const gs_text *t, size_t b, size_t end)
{
    size_t k = b;
    size_t words = 0;
    bool allcaps = true, date = false, agency = false;
    if (k >= end || !(t->toks[k].flags & GS_TF_CAP))
        return b;
    /* place: capitalised words, possibly with a ", STATE" part */
    while (k < end && words < 6) {
        const gs_tok *tk = &t->toks[k];
        if (k > b && (tk->flags & GS_TF_NL))
            return b;
        if ((tk->flags & GS_TF_ALPHA) && (tk->flags & GS_TF_CAP)) {
            if (!(tk->flags & GS_TF_ALLCAPS))
                allcaps = false;
            words++;
            k++;
            continue;
        }
        if (norm_is(tk, ",") && k + 1 < end && (t->toks[k + 1].flags & GS_TF_CAP) &&
            (t->toks[k + 1].flags & GS_TF_ALLCAPS) && !is_month(&t->toks[k + 1]) && allcaps) {
            k++;
            continue;
        }
        /* "SPRINGFIELD, Ill." : a state abbreviation after the place */
        if (norm_is(tk, ",") && k + 1 < end && allcaps && words > 0 &&
            (t->toks[k + 1].flags & GS_TF_ABBR) && (t->toks[k + 1].flags & GS_TF_CAP) &&
            !is_month(&t->toks[k + 1]) &&
            gs_abbrev_class(t->toks[k + 1].norm, t->toks[k + 1].norm_len - 1) == GS_ABBR_OTHER) {
            k += 2;
            continue;
        }
        break;
    }
    if (words == 0 || k >= end)
        return b;
    /* date: ", Month Day[, Year]" */
    if (norm_is(&t->toks[k], ",") && k + 2 < end && is_month(&t->toks[k + 1]) &&
        (t->toks[k + 2].flags & GS_TF_DIGIT) && t->toks[k + 2].norm_len <= 2) {
        k += 3;
        date = true;
        if (k + 1 < end && norm_is(&t->toks[k], ",") && (t->toks[k + 1].flags & GS_TF_DIGIT) &&
            t->toks[k + 1].norm_len == 4)
            k += 2;
    }
    /* agency: "(Reuters)" */
    if (k < end && norm_is(&t->toks[k], "(")) {
        size_t j = k + 1;
        while (j < end && j < k + 5 && !norm_is(&t->toks[j], ")"))
            j++;
        if (j < end && norm_is(&t->toks[j], ")") && j > k + 1) {
            agency = true;
            k = j + 1;
        } else {
            return b;
        }
    }
    if (k >= end)
        return b;
    const gs_tok *sep = &t->toks[k];
    bool dash = norm_is(sep, "-") || norm_is(sep, "--");
    bool colon = norm_is(sep, ":");
    if (!dash && !colon)
        return b;
    if (colon && !(allcaps && words <= 4 && !date && !agency))
        return b;
    if (!(allcaps || date || agency))
        return b;
    if (allcaps && !date && !agency && words == 1 && t->toks[b].norm_len < 3)
        return b;
    if (k + 1 >= end || (t->toks[k + 1].flags & GS_TF_PARA))
        return b;
    return k + 1;
}

/* Is toks[first..line_end) a headline: one short line, not ending like a
 * sentence, followed by a paragraph break? */
static bool headline(const gs_text *t, size_t first, size_t line_end, size_t end)
{
    size_t n = line_end - first;
    if (n == 0 || n > 30 || line_end >= end)
        return false;
    if (!(t->toks[line_end].flags & GS_TF_BLANK))
        return false;
    const gs_tok *last = &t->toks[line_end - 1];
    /* a line that holds a sentence end followed by more is running text */
    for (size_t i = first; i + 1 < line_end; i++)
        if ((norm_is(&t->toks[i], ".") || norm_is(&t->toks[i], "!") || norm_is(&t->toks[i], "?")) &&
            can_start(&t->toks[i + 1]))
            return false;
    if (norm_is(last, ".") || norm_is(last, ",") || norm_is(last, ";") || norm_is(last, ":") ||
        norm_is(last, "-") || norm_is(last, "--"))
        return false;
    for (size_t i = first; i < line_end; i++)
        if (t->toks[i].flags & GS_TF_ALPHA)
            return true;
    return false;
}

int gs_segment(gs_text *t, size_t first, const char *s, size_t n, int field, bool detect_title)
{
    GS_UNUSED(s);
    GS_UNUSED(n);
    size_t end = t->ntoks;
    size_t maxlen = t->lim->max_sentence_tokens ? t->lim->max_sentence_tokens : 300;
    uint32_t para = field == GESTA_FIELD_TITLE ? 0 : 1;
    size_t start = first;
    int rc;
    if (first >= end)
        return 0;
    if (field == GESTA_FIELD_TEXT) {
        if (detect_title) {
            size_t le = first + 1;
            while (le < end && !(t->toks[le].flags & GS_TF_NL))
                le++;
            if (le - first <= maxlen && headline(t, first, le, end)) {
                if ((rc = add_sentence(t, first, le, field, 0)) < 0)
                    return rc;
                start = le;
            }
        }
        size_t body = dateline(t, start, end);
        if (body != start) {
            t->dateline.start = t->toks[start].start;
            t->dateline.end = t->toks[body - 1].end;
            start = body;
            /* the first sentence after a dateline starts the paragraph */
        }
    }
    size_t body_start = start;
    for (size_t i = start; i < end; i++) {
        gs_tok *tk = &t->toks[i];
        if ((tk->flags & GS_TF_PARA) && i > body_start) {
            if (i > start) {
                if ((rc = add_sentence(t, start, i, field, para)) < 0)
                    return rc;
                start = i;
            }
            para++;
        }
        if (i + 1 - start >= maxlen) {
            if (t->diag.emit &&
                (rc = t->diag.emit(t->diag.ctx, GESTA_ELIMIT, field, tk->end,
                                   "sentence longer than max_sentence_tokens cut")) < 0)
                return rc;
            if ((rc = add_sentence(t, start, i + 1, field, para)) < 0)
                return rc;
            start = i + 1;
            continue;
        }
        if (!is_terminator(tk))
            continue;
        /* "1. Lower taxes": a list number opening the sentence */
        if (i == start + 1 && norm_is(tk, ".") && (t->toks[start].flags & GS_TF_DIGIT) &&
            t->toks[start].norm_len <= 2 && !(tk->flags & GS_TF_SPACE))
            continue;
        size_t j = i + 1;
        /* closing quotes and brackets that touch the terminator, as long
         * as the sentence stays within maxlen */
        while (j < end && j - start < maxlen && is_closer(&t->toks[j]) &&
               !(t->toks[j].flags & GS_TF_SPACE))
            j++;
        if (j >= end)
            continue; /* the end of the field closes the sentence below */
        const gs_tok *after = j + 1 < end ? &t->toks[j + 1] : NULL;
        if (boundary(tk, &t->toks[j], after)) {
            if ((rc = add_sentence(t, start, j, field, para)) < 0)
                return rc;
            start = j;
            i = j - 1;
        }
    }
    return add_sentence(t, start, end, field, para);
}
