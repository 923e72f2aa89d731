/*
 * read.c: readers for the PETRARCH/TABARI dictionary text formats, as
 * specified in docs/dictionary-formats.md (section numbers below refer to
 * it): actors (§2), agents (§3), discards (§4), issues (§5), PETRARCH-1
 * verb patterns (§6, also gesta's own verb dictionary) and PETRARCH-2's
 * CAMEO.2.0 verb file (§7).
 *
 * Every malformed line is reported as "file:line: message" through the
 * builder's report callback and skipped; the rest of the file loads.
 * Phrases are split into words at connectors (§1.4) and each word is
 * tokenised by the text stage, so that dictionary words and text tokens
 * are made the same way.
 */
#include "dict_int.h"

#include <errno.h>
#include <stdio.h>

/* ------------------------------------------------------------- lines */

typedef struct lexer {
    gs_dict_builder *b;
    const char *p, *end;
    uint32_t line;       /* number of the line last returned */
    bool in_xml;         /* inside a multi-line <!-- --> */
    bool semicolon;      /* ';' starts a comment (all files but issues) */
    char *buf;
    size_t cap;
    size_t entries;      /* content lines returned */
    bool too_many;       /* max_dict_entries reached: the rest was skipped */
} lexer;

/* The next content line with comments removed (§1.3), trimmed at the end;
 * NULL at the end of the text.  Over-long lines are reported and skipped.
 * Each content line counts as an entry: past max_dict_entries the rest of
 * the file is reported and skipped (L->too_many). */
static char *next_line(lexer *L, size_t *len)
{
    while (L->p < L->end) {
        const char *s = L->p;
        const char *nl = memchr(s, '\n', (size_t)(L->end - s));
        const char *e = nl ? nl : L->end;
        L->p = nl ? nl + 1 : L->end;
        L->line++;
        size_t n = (size_t)(e - s);
        if (n > L->b->lim->max_dict_line) {
            gs_db_report(L->b, false, L->line, "line of %zu bytes exceeds max_dict_line (%zu); skipped",
                         n, L->b->lim->max_dict_line);
            continue;
        }
        if (n + 1 > L->cap) {
            size_t cap = L->cap;
            if (gs_grow((void **)&L->buf, &cap, n + 1, 1) < 0) {
                L->b->oom = true;
                return NULL;
            }
            L->cap = cap;
        }
        char *o = L->buf;
        size_t k = 0;
        size_t i = 0;
        if (L->in_xml) {
            const char *close = NULL;
            for (size_t j = 0; j + 2 < n + 1 && j + 3 <= n; j++)
                if (!memcmp(s + j, "-->", 3)) {
                    close = s + j;
                    break;
                }
            if (!close)
                continue;
            L->in_xml = false;
            i = (size_t)(close - s) + 3;
        }
        /* a line starting with '<!' is a comment (possibly opening a block) */
        size_t f = i;
        while (f < n && (s[f] == ' ' || s[f] == '\t'))
            f++;
        if (f + 1 < n && s[f] == '<' && s[f + 1] == '!') {
            bool closed = false;
            for (size_t j = f; j + 3 <= n; j++)
                if (!memcmp(s + j, "-->", 3))
                    closed = true;
            bool opens = f + 3 < n && !memcmp(s + f, "<!--", 4);
            if (opens && !closed)
                L->in_xml = true;
            continue;
        }
        if (f < n && s[f] == '#')
            continue;
        int depth = 0;
        for (; i < n; i++) {
            char c = s[i];
            if (c == '\r')
                continue;
            if (c == '[')
                depth = 1;
            else if (c == ']')
                depth = 0;
            if (!depth && (c == '#' || (c == ';' && L->semicolon)))
                break;
            /* an XML comment inside a line */
            if (c == '<' && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
                const char *close = NULL;
                for (size_t j = i + 4; j + 3 <= n; j++)
                    if (!memcmp(s + j, "-->", 3)) {
                        close = s + j;
                        break;
                    }
                if (close) {
                    i = (size_t)(close - s) + 2;
                    continue;
                }
                L->in_xml = true;
                break;
            }
            o[k++] = c;
        }
        while (k && (o[k - 1] == ' ' || o[k - 1] == '\t'))
            k--;
        o[k] = '\0';
        size_t lead = 0;
        while (lead < k && (o[lead] == ' ' || o[lead] == '\t'))
            lead++;
        if (lead == k)
            continue;
        if (++L->entries > L->b->lim->max_dict_entries) {
            gs_db_report(L->b, false, L->line,
                         "more than max_dict_entries (%zu) entries; rest of file skipped",
                         L->b->lim->max_dict_entries);
            L->too_many = true;
            L->p = L->end;
            return NULL;
        }
        *len = k;
        return o;
    }
    return NULL;
}

/* ------------------------------------------------------------- phrases */

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* Adds the word w[0..n) to wl: tokenised like text, folded (gs_fold_word), the first
 * sub-token with the given gap, the others adjacent. */
static int add_word(gs_dict_builder *b, gs_word_list *wl, const char *w, size_t n, bool gap,
                    uint32_t line)
{
    /* a clitic written as a word of its own ("CHILDREN_'S_FUND",
     * "WORKERS_'_PARTY") is the token the text has there */
    if (n >= 1 && n <= 4 && w[0] == '\'') {
        bool letters = true;
        for (size_t i = 1; i < n; i++)
            if (!gs_is_alpha((unsigned char)w[i]))
                letters = false;
        if (letters) {
            if (wl->n >= GS_MAX_PHRASE_WORDS) {
                gs_db_report(b, false, line, "phrase longer than %d words", GS_MAX_PHRASE_WORDS);
                return GESTA_EDICT;
            }
            char low[8];
            for (size_t i = 0; i < n; i++)
                low[i] = (char)gs_lower((unsigned char)w[i]);
            uint32_t id = gs_db_word(b, low, n);
            if (id == UINT32_MAX)
                return GESTA_ENOMEM;
            wl->word[wl->n] = id;
            wl->gap[wl->n] = (uint8_t)gap;
            wl->n++;
            return 0;
        }
    }
    gs_text *t = &b->text;
    t->ntoks = 0;
    t->nsents = 0;
    gs_arena_reset(t->arena); /* the previous word is interned already */
    if (gs_tokenize(t, w, n, GESTA_FIELD_TEXT) < 0) {
        b->oom = true;
        return GESTA_ENOMEM;
    }
    for (size_t i = 0; i < t->ntoks; i++) {
        if (wl->n >= GS_MAX_PHRASE_WORDS) {
            gs_db_report(b, false, line, "phrase longer than %d words", GS_MAX_PHRASE_WORDS);
            return GESTA_EDICT;
        }
        char low[256];
        size_t ln = gs_fold_word(t->toks[i].norm, t->toks[i].norm_len, low, sizeof low);
        if (ln == 0) {
            gs_db_report(b, false, line, "word too long or not valid UTF-8");
            return GESTA_EDICT;
        }
        uint32_t id = gs_db_word(b, low, ln);
        if (id == UINT32_MAX)
            return GESTA_ENOMEM;
        wl->word[wl->n] = id;
        wl->gap[wl->n] = (uint8_t)(i == 0 ? gap : 0);
        wl->n++;
    }
    return 0;
}

/* Splits s[0..n) into words at connectors: '_' adjacent, blanks gap
 * allowed, "_ " a gap; leading and trailing '_' dropped (§1.4).  With
 * all_adjacent every connector means adjacency (synset members,
 * discards).  Returns 0, or GESTA_EDICT with the error reported. */
static int split_phrase(gs_dict_builder *b, const char *s, size_t n, bool all_adjacent, uint32_t line,
                        gs_word_list *wl)
{
    wl->n = 0;
    size_t i = 0;
    bool gap = false;
    while (i < n) {
        /* connector run */
        bool blank = false, under = false;
        while (i < n && (s[i] == '_' || is_blank(s[i]))) {
            if (s[i] == '_')
                under = true;
            else
                blank = true;
            i++;
        }
        (void)under;
        if (wl->n)
            gap = blank && !all_adjacent;
        if (i >= n)
            break;
        size_t a = i;
        while (i < n && s[i] != '_' && !is_blank(s[i]))
            i++;
        int rc = add_word(b, wl, s + a, i - a, wl->n ? gap : false, line);
        if (rc < 0)
            return rc;
    }
    if (!wl->n) {
        gs_db_report(b, false, line, "empty phrase");
        return GESTA_EDICT;
    }
    return 0;
}

/* ------------------------------------------------------------- dates */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Parses a 6- or 8-digit date (§2.4); two-digit years 00-30 are 20YY. */
static bool parse_dict_date(const char *s, size_t n, int32_t *out)
{
    if (n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    int y, m, d;
    if (n == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    } else {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y <= 30 ? 2000 : 1900;
        s += 2;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    if (!gs_date_valid(y, m, d) && !(y >= 1000 && y < 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31))
        return false;
    *out = y * 10000 + m * 100 + d;
    return true;
}

/* Parses the inside of one [...] group of an actor file into a code. */
static int parse_code_group(gs_dict_builder *b, const char *s, size_t n, uint32_t line, gs_code *c)
{
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    size_t a = i;
    while (i < n && !is_blank(s[i]))
        i++;
    if (i == a) {
        gs_db_report(b, false, line, "empty code []");
        return GESTA_EDICT;
    }
    c->code = gs_db_str(b, s + a, i - a);
    c->from = c->to = 0;
    c->kind = GS_CODE_DEFAULT;
    while (i < n && is_blank(s[i]))
        i++;
    if (i == n)
        return 0;
    const char *r = s + i;
    size_t rn = n - i;
    while (rn && is_blank(r[rn - 1]))
        rn--;
    if (r[0] == '<' || r[0] == '>') {
        size_t k = 1;
        while (k < rn && is_blank(r[k]))
            k++;
        int32_t dt;
        if (!parse_dict_date(r + k, rn - k, &dt)) {
            gs_db_report(b, false, line, "bad date in date restriction '%.*s': dates are YYMMDD or YYYYMMDD",
                         (int)rn, r);
            return GESTA_EDICT;
        }
        if (r[0] == '<') {
            c->kind = GS_CODE_BEFORE;
            c->to = dt;
        } else {
            c->kind = GS_CODE_AFTER;
            c->from = dt;
        }
        return 0;
    }
    const char *dash = memchr(r, '-', rn);
    if (!dash) {
        gs_db_report(b, false, line, "date restriction '%.*s' has no '<', '>' or '-'", (int)rn, r);
        return GESTA_EDICT;
    }
    size_t l1 = (size_t)(dash - r);
    while (l1 && is_blank(r[l1 - 1]))
        l1--;
    const char *d2 = dash + 1;
    size_t l2 = rn - (size_t)(d2 - r);
    while (l2 && is_blank(*d2)) {
        d2++;
        l2--;
    }
    int32_t from, to;
    if (!parse_dict_date(r, l1, &from) || !parse_dict_date(d2, l2, &to)) {
        gs_db_report(b, false, line, "bad date in interval '%.*s': dates are YYMMDD or YYYYMMDD", (int)rn, r);
        return GESTA_EDICT;
    }
    if (to < from) {
        gs_db_report(b, false, line, "interval '%.*s' ends before it starts", (int)rn, r);
        return GESTA_EDICT;
    }
    c->kind = GS_CODE_RANGE;
    c->from = from;
    c->to = to;
    return 0;
}

#define PUSH(arr, n, cap, val)                                                          \
    ((n) == (cap) && gs_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) < 0       \
         ? (b->oom = true, GESTA_ENOMEM)                                                \
         : ((arr)[(n)++] = (val), 0))

/* Reads the [...] groups of an actor line starting at s; appends codes to
 * the current actor.  Returns the number of groups. */
static int actor_groups(gs_dict_builder *b, const char *s, size_t n, uint32_t line, gs_actor *cur)
{
    int groups = 0;
    size_t i = 0;
    while (i < n) {
        const char *open = memchr(s + i, '[', n - i);
        if (!open)
            break;
        size_t a = (size_t)(open - s) + 1;
        const char *close = memchr(s + a, ']', n - a);
        if (!close) {
            gs_db_report(b, false, line, "'[' without ']'");
            break;
        }
        size_t e = (size_t)(close - s);
        groups++;
        b->stats.codes++;
        /* a second field is a date restriction */
        size_t q = a;
        while (q < e && is_blank(s[q]))
            q++;
        while (q < e && !is_blank(s[q]))
            q++;
        while (q < e && is_blank(s[q]))
            q++;
        if (q < e)
            b->stats.dated++;
        gs_code c;
        if (parse_code_group(b, s + a, e - a, line, &c) == 0) {
            if (PUSH(b->codes, b->ncodes, b->cap_codes, c) < 0)
                return GESTA_ENOMEM;
            cur->ncodes++;
        }
        i = e + 1;
    }
    return groups;
}

/* ------------------------------------------------------------- actors */

static int close_actor(gs_dict_builder *b, gs_actor *cur, bool *open, uint32_t line)
{
    if (!*open)
        return 0;
    *open = false;
    if (cur->ncodes == 0) {
        gs_code c = {gs_db_str(b, "---", 3), 0, 0, GS_CODE_DEFAULT};
        gs_db_report(b, true, line, "actor '%s' has no code; it codes as ---",
                     b->pool.data + cur->root);
        if (PUSH(b->codes, b->ncodes, b->cap_codes, c) < 0)
            return GESTA_ENOMEM;
        cur->ncodes = 1;
    }
    return PUSH(b->actors, b->nactors, b->cap_actors, *cur);
}

static int read_actors(gs_dict_builder *b, lexer *L)
{
    gs_actor cur;
    memset(&cur, 0, sizeof cur);
    bool open = false;
    size_t n;
    char *s;
    gs_word_list wl;
    while ((s = next_line(L, &n))) {
        size_t i = 0;
        while (i < n && is_blank(s[i]))
            i++;
        uint32_t line = L->line;
        if (s[i] == '[') {
            if (!open) {
                gs_db_report(b, false, line, "code line before any actor");
                continue;
            }
            if (actor_groups(b, s + i, n - i, line, &cur) < 0)
                return GESTA_ENOMEM;
            continue;
        }
        bool synonym = s[i] == '+';
        if (synonym) {
            i++;
            while (i < n && is_blank(s[i]))
                i++;
            b->stats.synonyms++;
            if (!open) {
                gs_db_report(b, false, line, "synonym before any actor");
                continue;
            }
        } else {
            b->stats.entries++;
            if (i > 0)
                gs_db_report(b, true, line, "indented actor phrase read as a new entry");
            /* a root joins the current record while it has no code (§2.3) */
            if (!(open && cur.ncodes == 0)) {
                if (close_actor(b, &cur, &open, line) < 0)
                    return GESTA_ENOMEM;
                if (b->nactors >= b->lim->max_dict_entries) {
                    gs_db_report(b, false, line, "more than max_dict_entries (%zu) entries; rest of file skipped",
                                 b->lim->max_dict_entries);
                    return GESTA_ELIMIT;
                }
                memset(&cur, 0, sizeof cur);
                cur.codes = (uint32_t)b->ncodes;
                cur.src.file = b->cur_file;
                cur.src.line = line;
                open = true;
            }
        }
        const char *br = memchr(s + i, '[', n - i);
        size_t pe = br ? (size_t)(br - s) : n;
        size_t ps = i;
        while (pe > ps && is_blank(s[pe - 1]))
            pe--;
        if (!synonym && !cur.root)
            cur.root = gs_db_str(b, s + ps, pe - ps);
        if (br) {
            if (synonym)
                gs_db_report(b, true, line, "codes on a synonym line apply to the whole actor");
            const char *lastb = s + n;
            while (lastb > br && lastb[-1] != ']')
                lastb--;
            for (const char *q = lastb; q < s + n; q++)
                if (!is_blank(*q)) {
                    gs_db_report(b, true, line, "text after the code ignored");
                    break;
                }
            if (memchr(s + ps, ']', pe - ps) != NULL) {
                gs_db_report(b, false, line, "']' inside a phrase");
                continue;
            }
            if (actor_groups(b, br, (size_t)(s + n - br), line, &cur) < 0)
                return GESTA_ENOMEM;
        } else if (memchr(s + ps, ']', pe - ps)) {
            gs_db_report(b, false, line, "']' without '['");
            continue;
        }
        bool glued = false;
        for (size_t q = ps + 1; q < pe; q++)
            if (s[q] == '+' && is_blank(s[q - 1]))
                glued = true;
        if (glued) {
            gs_db_report(b, false, line, "two phrases on one line");
            continue;
        }
        if (split_phrase(b, s + ps, pe - ps, false, line, &wl) == 0) {
            if (gs_db_phrase(b, GS_DK_ACTOR, &wl, (uint32_t)b->nactors) < 0)
                return GESTA_ENOMEM;
        } else if (b->oom) {
            return GESTA_ENOMEM;
        }
    }
    if (close_actor(b, &cur, &open, L->line) < 0)
        return GESTA_ENOMEM;
    return b->oom ? GESTA_ENOMEM : 0;
}

/* ------------------------------------------------------------- agents */

/* The regular plural of a phrase: its last word gets -S, -ES or -IES (§3.3). */
static size_t plural_of(const char *s, size_t n, char *out, size_t cap)
{
    while (n && (s[n - 1] == '_' || is_blank(s[n - 1])))
        n--;
    if (!n || n + 4 > cap)
        return 0;
    memcpy(out, s, n);
    char last = (char)gs_lower((unsigned char)s[n - 1]);
    char prev = n > 1 ? (char)gs_lower((unsigned char)s[n - 2]) : 0;
    bool vowel = prev == 'a' || prev == 'e' || prev == 'i' || prev == 'o' || prev == 'u';
    if (last == 'y' && !vowel) {
        memcpy(out + n - 1, "IES", 3);
        return n + 2;
    }
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
        memcpy(out + n, "ES", 2);
        return n + 2;
    }
    out[n] = 'S';
    return n + 1;
}

static int add_agent_phrase(gs_dict_builder *b, const char *s, size_t n, uint32_t line, uint32_t entry)
{
    gs_word_list wl;
    b->stats.phrases++;
    if (split_phrase(b, s, n, false, line, &wl) < 0)
        return b->oom ? GESTA_ENOMEM : 0;
    return gs_db_phrase(b, GS_DK_AGENT, &wl, entry);
}

static int read_agents(gs_dict_builder *b, lexer *L)
{
    size_t n;
    char *s;
    while ((s = next_line(L, &n))) {
        uint32_t line = L->line;
        size_t i = 0;
        while (i < n && is_blank(s[i]))
            i++;
        const char *bang = memchr(s + i, '!', n - i);
        const char *eq = memchr(s + i, '=', n - i);
        if (bang && eq && !memchr(s + i, '[', n - i)) {
            /* !NAME! = A, B, C */
            const char *b2 = memchr(bang + 1, '!', (size_t)(s + n - bang - 1));
            if (!b2 || b2 > eq || b2 - bang - 1 <= 0 || b2 - bang - 1 >= 32) {
                gs_db_report(b, false, line, "substitution marker incorrectly defined");
                continue;
            }
            gs_macro m;
            memset(&m, 0, sizeof m);
            memcpy(m.name, bang + 1, (size_t)(b2 - bang - 1));
            gs_buf tmp = GS_BUF_INIT;
            const char *p = eq + 1, *end = s + n;
            while (p < end) {
                const char *comma = memchr(p, ',', (size_t)(end - p));
                const char *ie = comma ? comma : end;
                const char *a = p;
                while (a < ie && is_blank(*a))
                    a++;
                const char *z = ie;
                while (z > a && is_blank(z[-1]))
                    z--;
                if (z > a) {
                    gs_buf_append(&tmp, a, (size_t)(z - a));
                    gs_buf_putc(&tmp, '\0');
                }
                p = comma ? comma + 1 : end;
            }
            gs_buf_putc(&tmp, '\0');
            m.members = gs_db_str(b, tmp.data, tmp.len);
            /* gs_db_str stops at the first NUL: store the member list raw */
            if (gs_buf_reserve(&b->pool, tmp.len) == 0) {
                m.members = (uint32_t)b->pool.len;
                gs_buf_append(&b->pool, tmp.data, tmp.len);
            }
            gs_buf_free(&tmp);
            b->stats.macros++;
            if (PUSH(b->macros, b->nmacros, b->cap_macros, m) < 0)
                return GESTA_ENOMEM;
            continue;
        }
        const char *open = memchr(s + i, '[', n - i);
        if (!open) {
            gs_db_report(b, false, line, "agent without a code");
            continue;
        }
        const char *close = memchr(open, ']', (size_t)(s + n - open));
        if (!close || memchr(open + 1, '[', (size_t)(close - open - 1)) ||
            memchr(close + 1, '[', (size_t)(s + n - close - 1)) ||
            memchr(close + 1, ']', (size_t)(s + n - close - 1))) {
            gs_db_report(b, false, line, "agent code must be one [...] group");
            continue;
        }
        /* the code: ~XXX or XXX~ */
        const char *ca = open + 1, *cz = close;
        while (ca < cz && is_blank(*ca))
            ca++;
        while (cz > ca && is_blank(cz[-1]))
            cz--;
        int how;
        if (cz - ca >= 2 && *ca == '~' && cz[-1] != '~') {
            how = GS_AGENT_SUFFIX;
            ca++;
        } else if (cz - ca >= 2 && cz[-1] == '~' && *ca != '~') {
            how = GS_AGENT_PREFIX;
            cz--;
        } else {
            gs_db_report(b, false, line, "agent code '%.*s' needs a '~' at exactly one end",
                         (int)(close - open - 1), open + 1);
            continue;
        }
        /* the phrase and an optional {plural} */
        const char *pa = s + i, *pz = open;
        const char *brace = memchr(pa, '{', (size_t)(pz - pa));
        const char *plural = NULL;
        size_t plural_n = 0;
        bool braces = false;
        if (brace) {
            const char *bz = memchr(brace, '}', (size_t)(pz - brace));
            if (!bz) {
                gs_db_report(b, false, line, "'{' without '}'");
                continue;
            }
            braces = true;
            plural = brace + 1;
            plural_n = (size_t)(bz - plural);
            while (plural_n && is_blank(*plural)) {
                plural++;
                plural_n--;
            }
            while (plural_n && is_blank(plural[plural_n - 1]))
                plural_n--;
            pz = brace;
        } else if (memchr(pa, '}', (size_t)(pz - pa))) {
            gs_db_report(b, false, line, "'}' without '{'");
            continue;
        }
        while (pz > pa && is_blank(pz[-1]))
            pz--;
        if (pz == pa) {
            gs_db_report(b, false, line, "agent with an empty phrase");
            continue;
        }
        gs_agent ag = {gs_db_str(b, ca, (size_t)(cz - ca)), (uint32_t)how, {b->cur_file, line}};
        uint32_t entry = (uint32_t)b->nagents;
        const char *m1 = memchr(pa, '!', (size_t)(pz - pa));
        if (m1) {
            const char *m2 = memchr(m1 + 1, '!', (size_t)(pz - m1 - 1));
            if (!m2 || memchr(m2 + 1, '!', (size_t)(pz - m2 - 1))) {
                gs_db_report(b, false, line, "agent phrase needs exactly one !MARKER!");
                continue;
            }
            const gs_macro *mac = NULL;
            for (size_t k = 0; k < b->nmacros; k++)
                if (strlen(b->macros[k].name) == (size_t)(m2 - m1 - 1) &&
                    !memcmp(b->macros[k].name, m1 + 1, (size_t)(m2 - m1 - 1)))
                    mac = &b->macros[k];
            if (!mac) {
                gs_db_report(b, false, line, "substitution marker '%.*s' is not defined",
                             (int)(m2 - m1 + 1), m1);
                continue;
            }
            if (braces)
                gs_db_report(b, true, line, "plural ignored on an entry with a marker");
            b->stats.entries++;
            if (PUSH(b->agents, b->nagents, b->cap_agents, ag) < 0)
                return GESTA_ENOMEM;
            /* by offset: adding a phrase may move the pool the members are in */
            for (size_t off = mac->members; b->pool.data[off]; off += strlen(b->pool.data + off) + 1) {
                const char *mem = b->pool.data + off;
                char ph[1024];
                size_t l1 = (size_t)(m1 - pa), l2 = strlen(mem), l3 = (size_t)(pz - m2 - 1);
                if (l1 + l2 + l3 >= sizeof ph)
                    continue;
                memcpy(ph, pa, l1);
                memcpy(ph + l1, mem, l2);
                memcpy(ph + l1 + l2, m2 + 1, l3);
                if (add_agent_phrase(b, ph, l1 + l2 + l3, line, entry) < 0)
                    return GESTA_ENOMEM;
                b->stats.plurals++;
            }
            continue;
        }
        b->stats.entries++;
        if (PUSH(b->agents, b->nagents, b->cap_agents, ag) < 0)
            return GESTA_ENOMEM;
        if (add_agent_phrase(b, pa, (size_t)(pz - pa), line, entry) < 0)
            return GESTA_ENOMEM;
        if (braces) {
            if (plural_n) {
                b->stats.plurals++;
                if (add_agent_phrase(b, plural, plural_n, line, entry) < 0)
                    return GESTA_ENOMEM;
            }
        } else {
            char pl[1024];
            size_t pn = plural_of(pa, (size_t)(pz - pa), pl, sizeof pl);
            if (pn) {
                b->stats.plurals++;
                if (add_agent_phrase(b, pl, pn, line, entry) < 0)
                    return GESTA_ENOMEM;
            }
        }
    }
    return b->oom ? GESTA_ENOMEM : 0;
}

/* ------------------------------------------------------------ discards */

static int read_discards(gs_dict_builder *b, lexer *L)
{
    size_t n;
    char *s;
    gs_word_list wl;
    while ((s = next_line(L, &n))) {
        uint32_t line = L->line;
        size_t i = 0;
        while (i < n && is_blank(s[i]))
            i++;
        uint32_t story = 0;
        if (s[i] == '+') {
            story = 1;
            i++;
            b->stats.story++;
        }
        b->stats.entries++;
        if (split_phrase(b, s + i, n - i, true, line, &wl) < 0) {
            if (b->oom)
                return GESTA_ENOMEM;
            continue;
        }
        gs_discard dc = {story, {b->cur_file, line}};
        if (gs_db_phrase(b, GS_DK_DISCARD, &wl, (uint32_t)b->ndiscards) < 0 ||
            PUSH(b->discards, b->ndiscards, b->cap_discards, dc) < 0)
            return GESTA_ENOMEM;
    }
    return b->oom ? GESTA_ENOMEM : 0;
}

/* -------------------------------------------------------------- issues */

/* Expands the n:, v: and + notations of an issue phrase (§5.3) into the
 * strings it stands for, calling add for each. */
static int expand_issue(gs_dict_builder *b, const char *s, size_t n, uint32_t line, uint32_t entry,
                        int depth)
{
    if (depth > 8)
        return 0;
    /* the first notation found is expanded, the rest recursively */
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && (s[i] == 'n' || s[i] == 'v') && s[i + 1] == ':' &&
            (i == 0 || is_blank(s[i - 1]) || s[i - 1] == '+')) {
            size_t a = i + 2, e = a;
            while (e < n && !is_blank(s[e]) && s[e] != '+')
                e++;
            char buf[1024];
            if (n + 8 > sizeof buf)
                return 0;
            static const char *const nsuf[] = {"", "s"};
            static const char *const vsuf[] = {"", "s", "ed", "ing"};
            int cnt = s[i] == 'n' ? 2 : 4;
            for (int k = 0; k < cnt; k++) {
                size_t l = 0;
                memcpy(buf, s, i);
                l = i;
                size_t wl = e - a;
                memcpy(buf + l, s + a, wl);
                const char *suf = s[i] == 'n' ? nsuf[k] : vsuf[k];
                if (s[i] == 'n' && k == 1 && wl && s[e - 1] == 'y') {
                    wl--;
                    l += wl;
                    memcpy(buf + l, "ies", 3);
                    l += 3;
                } else if (s[i] == 'v' && (k == 2 || k == 3) && wl && s[e - 1] == 'e') {
                    l += wl - 1;
                    memcpy(buf + l, k == 2 ? "ed" : "ing", k == 2 ? 2 : 3);
                    l += k == 2 ? 2 : 3;
                } else {
                    l += wl;
                    memcpy(buf + l, suf, strlen(suf));
                    l += strlen(suf);
                }
                memcpy(buf + l, s + e, n - e);
                l += n - e;
                int rc = expand_issue(b, buf, l, line, entry, depth + 1);
                if (rc < 0)
                    return rc;
            }
            return 0;
        }
        if (s[i] == '+' && i > 0 && i + 1 < n && !is_blank(s[i - 1]) && !is_blank(s[i + 1])) {
            char buf[1024];
            if (n >= sizeof buf)
                return 0;
            memcpy(buf, s, n);
            buf[i] = ' ';
            int rc = expand_issue(b, buf, n, line, entry, depth + 1);
            if (rc < 0)
                return rc;
            buf[i] = '-';
            return expand_issue(b, buf, n, line, entry, depth + 1);
        }
    }
    gs_word_list wl;
    if (split_phrase(b, s, n, true, line, &wl) < 0)
        return b->oom ? GESTA_ENOMEM : 0;
    return gs_db_phrase(b, GS_DK_ISSUE, &wl, entry);
}

static int read_issues(gs_dict_builder *b, lexer *L)
{
    size_t n;
    char *s;
    bool section = false;
    while ((s = next_line(L, &n))) {
        uint32_t line = L->line;
        size_t i = 0;
        while (i < n && is_blank(s[i]))
            i++;
        if (s[i] == '<') {
            if (!strncmp(s + i, "<ISSUE", 6)) {
                if (section)
                    gs_db_report(b, true, line, "<ISSUE> inside an open section");
                section = true;
                continue;
            }
            if (!strncmp(s + i, "</ISSUE>", 8)) {
                if (!section)
                    gs_db_report(b, false, line, "</ISSUE> closes no open section");
                section = false;
                continue;
            }
            gs_db_report(b, false, line, "unexpected tag");
            continue;
        }
        uint32_t story = 0;
        bool exclude = false;
        if (s[i] == '~') {
            exclude = true;
            i++;
            if (s[i] == '~') {
                story = 1;
                i++;
            }
        }
        const char *open = memchr(s + i, '[', n - i);
        uint32_t code = 0;
        size_t pe = n;
        if (!exclude) {
            if (!open) {
                gs_db_report(b, false, line, "issue without a code");
                continue;
            }
            const char *close = memchr(open, ']', (size_t)(s + n - open));
            if (!close || memchr(close + 1, '[', (size_t)(s + n - close - 1))) {
                gs_db_report(b, false, line, "issue needs exactly one [CODE] at the end");
                continue;
            }
            for (const char *q = close + 1; q < s + n; q++)
                if (!is_blank(*q)) {
                    gs_db_report(b, false, line, "text after the issue code");
                    close = NULL;
                    break;
                }
            if (!close)
                continue;
            const char *ca = open + 1, *cz = close;
            while (ca < cz && is_blank(*ca))
                ca++;
            while (cz > ca && is_blank(cz[-1]))
                cz--;
            if (memchr(ca, ' ', (size_t)(cz - ca))) {
                gs_db_report(b, false, line, "issue code with blanks");
                continue;
            }
            code = gs_db_str(b, ca, (size_t)(cz - ca));
            pe = (size_t)(open - s);
        }
        while (pe > i && is_blank(s[pe - 1]))
            pe--;
        if (pe == i) {
            gs_db_report(b, false, line, "issue with an empty phrase");
            continue;
        }
        if (exclude)
            b->stats.exclusions++;
        else
            b->stats.entries++;
        gs_issue is = {code, (exclude ? GS_ISSUE_EXCLUDE : 0) | (story ? GS_ISSUE_STORY : 0),
                       {b->cur_file, line}};
        uint32_t entry = (uint32_t)b->nissues;
        if (PUSH(b->issues, b->nissues, b->cap_issues, is) < 0)
            return GESTA_ENOMEM;
        if (expand_issue(b, s + i, pe - i, line, entry, 0) < 0)
            return GESTA_ENOMEM;
    }
    return b->oom ? GESTA_ENOMEM : 0;
}

/* --------------------------------------------------------------- verbs */

/* "0831=RETREAT/resign": the code, then in the pool right after its NUL a
 * 0x01 byte, the PLOVER event type and its mode, each NUL-terminated (see
 * gs_dict_code_plover).  The type must be one of PLOVER's sixteen. */
static bool parse_plover_refinement(gs_dict_builder *b, const char *c, size_t cn, const char *r,
                                    size_t rn, uint32_t *code)
{
    static const char *const types[] = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE",
                                        "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                                        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                                        "ASSAULT", NULL};
    const char *slash = memchr(r, '/', rn);
    size_t tn = slash ? (size_t)(slash - r) : rn, mn = slash ? rn - tn - 1 : 0;
    bool known = false;
    for (const char *const *t = types; *t && !known; t++)
        known = strlen(*t) == tn && !memcmp(*t, r, tn);
    if (!cn || !known)
        return false;
    for (size_t i = 0; i < mn; i++)
        if (!((r[tn + 1 + i] >= 'a' && r[tn + 1 + i] <= 'z') || r[tn + 1 + i] == '-'))
            return false;
    *code = gs_db_str(b, c, cn);
    if (!*code || gs_buf_reserve(&b->pool, tn + mn + 3) < 0) {
        b->oom = true;
        return false;
    }
    gs_buf_putc(&b->pool, '\x01');
    gs_buf_append(&b->pool, r, tn);
    gs_buf_putc(&b->pool, '\0');
    gs_buf_append(&b->pool, slash ? slash + 1 : "", mn);
    gs_buf_putc(&b->pool, '\0');
    return true;
}

/* Parses "[X]", "[X:Y]", "[:P]", "[A|P]"; returns false on a malformed group. */
static bool parse_verb_code(gs_dict_builder *b, const char *s, size_t n, bool p2, uint32_t *code,
                            uint32_t *pcode, uint32_t *pair)
{
    while (n && is_blank(*s)) {
        s++;
        n--;
    }
    while (n && is_blank(s[n - 1]))
        n--;
    *code = *pcode = *pair = 0;
    const char *sep = NULL;
    int kind = GS_PAIR_NONE;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ':' || s[i] == '|') {
            sep = s + i;
            kind = s[i] == '|' ? GS_PAIR_PASSIVE : (p2 ? GS_PAIR_PASSIVE : GS_PAIR_RECIPROCAL);
            break;
        }
        if (is_blank(s[i]))
            return false;
    }
    if (!sep) {
        if (!n)
            return false;
        /* gesta's addition: "0831=RETREAT/resign" refines the PLOVER type
         * and mode that CAMEO's code alone would give */
        const char *eq = memchr(s, '=', n);
        if (eq && !p2)
            return parse_plover_refinement(b, s, (size_t)(eq - s), eq + 1, n - (size_t)(eq - s) - 1,
                                           code);
        if (!(n == 3 && !memcmp(s, "---", 3)))
            *code = gs_db_str(b, s, n);
        return true;
    }
    size_t l1 = (size_t)(sep - s), l2 = n - l1 - 1;
    if (l1 && !(l1 == 3 && !memcmp(s, "---", 3)))
        *code = gs_db_str(b, s, l1);
    if (l2 && !(l2 == 3 && !memcmp(sep + 1, "---", 3)))
        *pcode = gs_db_str(b, sep + 1, l2);
    /* PETRARCH-2 pairs with both parts keep the PETRARCH-1 meaning (§7.3) */
    if (p2 && l1 && l2 && *sep == ':')
        kind = GS_PAIR_RECIPROCAL;
    *pair = (uint32_t)kind;
    return l1 || l2;
}

/* Regular forms of a verb (§6.4): -S/-ES/-IES, -ED/-D/-IED, -ING. */
static int regular_forms(const char *w, size_t n, char out[3][128], size_t len[3])
{
    if (n < 1 || n + 4 > 128)
        return 0;
    char last = (char)gs_lower((unsigned char)w[n - 1]);
    char prev = n > 1 ? (char)gs_lower((unsigned char)w[n - 2]) : 0;
    bool cons_y = last == 'y' && !(prev == 'a' || prev == 'e' || prev == 'i' || prev == 'o' || prev == 'u');
    bool sib = last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'));
    memcpy(out[0], w, n);
    if (cons_y) {
        memcpy(out[0] + n - 1, "IES", 3);
        len[0] = n + 2;
    } else if (sib) {
        memcpy(out[0] + n, "ES", 2);
        len[0] = n + 2;
    } else {
        out[0][n] = 'S';
        len[0] = n + 1;
    }
    memcpy(out[1], w, n);
    if (last == 'e') {
        out[1][n] = 'D';
        len[1] = n + 1;
    } else if (cons_y) {
        memcpy(out[1] + n - 1, "IED", 3);
        len[1] = n + 2;
    } else {
        memcpy(out[1] + n, "ED", 2);
        len[1] = n + 2;
    }
    if (last == 'e' && n > 2 && prev != 'e') {
        memcpy(out[2], w, n - 1);
        memcpy(out[2] + n - 1, "ING", 3);
        len[2] = n + 2;
    } else {
        memcpy(out[2], w, n);
        memcpy(out[2] + n, "ING", 3);
        len[2] = n + 3;
    }
    return 3;
}

/* Adds one verb form: a phrase with one '+'-marked verb word (or a single
 * word) to the verb index.  form is the text as written ("+CLEAR_UP"). */
static int add_vform(gs_dict_builder *b, const char *form, size_t n, uint32_t block, uint32_t code,
                     uint32_t pcode, uint32_t pair, uint32_t line)
{
    const char *plus = memchr(form, '+', n);
    size_t pre_chars = plus ? (size_t)(plus - form) : 0;
    gs_word_list before, verb, after;
    before.n = after.n = 0;
    /* words before the marked verb, the verb, words after */
    if (plus) {
        if (memchr(plus + 1, '+', (size_t)(form + n - plus - 1))) {
            gs_db_report(b, false, line, "verb '%.*s' has more than one '+'", (int)n, form);
            return 0;
        }
        if (pre_chars && split_phrase(b, form, pre_chars, true, line, &before) < 0)
            return b->oom ? GESTA_ENOMEM : 0;
        const char *v = plus + 1;
        const char *ve = v;
        while (ve < form + n && *ve != '_' && !is_blank(*ve))
            ve++;
        if (split_phrase(b, v, (size_t)(ve - v), true, line, &verb) < 0)
            return b->oom ? GESTA_ENOMEM : 0;
        if (ve < form + n && split_phrase(b, ve, (size_t)(form + n - ve), true, line, &after) < 0 &&
            b->oom)
            return GESTA_ENOMEM;
    } else {
        if (memchr(form, '_', n)) {
            gs_db_report(b, false, line, "multi-word verb '%.*s' needs a '+' before its verb", (int)n, form);
            return 0;
        }
        if (split_phrase(b, form, n, true, line, &verb) < 0)
            return b->oom ? GESTA_ENOMEM : 0;
    }
    if (verb.n != 1) {
        /* "N'T"-like splits do not occur in verbs; take the first token */
        if (verb.n == 0)
            return 0;
    }
    gs_vform f;
    memset(&f, 0, sizeof f);
    f.block = block;
    f.words = (uint32_t)b->nvwords;
    f.pre = before.n;
    f.nwords = before.n + 1 + after.n;
    f.code = code;
    f.pcode = pcode;
    f.pair = pair;
    f.src.file = b->cur_file;
    f.src.line = line;
    for (uint32_t i = 0; i < before.n; i++)
        if (PUSH(b->vwords, b->nvwords, b->cap_vwords, before.word[i]) < 0)
            return GESTA_ENOMEM;
    if (PUSH(b->vwords, b->nvwords, b->cap_vwords, verb.word[0]) < 0)
        return GESTA_ENOMEM;
    for (uint32_t i = 0; i < after.n; i++)
        if (PUSH(b->vwords, b->nvwords, b->cap_vwords, after.word[i]) < 0)
            return GESTA_ENOMEM;
    /* indexed by the verb word alone; the other words are checked by the coder */
    gs_word_list key;
    key.n = 1;
    key.word[0] = verb.word[0];
    key.gap[0] = 0;
    b->stats.forms++;
    if (gs_db_phrase(b, GS_DK_VERB, &key, (uint32_t)b->nvforms) < 0 ||
        PUSH(b->vforms, b->nvforms, b->cap_vforms, f) < 0)
        return GESTA_ENOMEM;
    return 0;
}

/* A verb line: VERB {FORMS} [CODE] (§6.4, §6.5). */
static int verb_line(gs_dict_builder *b, const char *s, size_t n, uint32_t block, bool p2, uint32_t line)
{
    const char *brace = memchr(s, '{', n);
    const char *open = memchr(s, '[', n);
    b->stats.verbs++;
    if (!brace && memchr(s, '}', n)) {
        gs_db_report(b, false, line, "'}' without '{' (a '(' for '{'?); verb line skipped");
        return 0;
    }
    size_t head_end = n;
    if (brace)
        head_end = (size_t)(brace - s);
    if (open && (size_t)(open - s) < head_end)
        head_end = (size_t)(open - s);
    while (head_end && is_blank(s[head_end - 1]))
        head_end--;
    size_t hs = 0;
    while (hs < head_end && is_blank(s[hs]))
        hs++;
    if (hs == head_end) {
        gs_db_report(b, false, line, "verb line without a verb");
        return 0;
    }
    uint32_t code = 0, pcode = 0, pair = 0;
    if (open) {
        const char *close = memchr(open, ']', (size_t)(s + n - open));
        if (!close) {
            gs_db_report(b, false, line, "'[' without ']'; the verb takes its block's code");
        } else if (!parse_verb_code(b, open + 1, (size_t)(close - open - 1), p2, &code, &pcode, &pair)) {
            gs_db_report(b, false, line, "bad verb code");
            return 0;
        }
        if (brace && brace > open)
            gs_db_report(b, true, line, "verb forms after the code");
    }
    /* a TABARI head with blanks ("LASH OUT") is a multi-word verb */
    char head[512];
    size_t hl = head_end - hs;
    if (hl + 2 >= sizeof head) {
        gs_db_report(b, false, line, "verb too long");
        return 0;
    }
    memcpy(head, s + hs, hl);
    bool multi_blank = false;
    for (size_t i = 0; i < hl; i++)
        if (is_blank(head[i]))
            multi_blank = true;
    if (multi_blank && !memchr(head, '+', hl)) {
        gs_db_report(b, true, line, "multi-word verb written with blanks; read as +%.*s", (int)hl, head);
        memmove(head + 1, head, hl);
        head[0] = '+';
        hl++;
        for (size_t i = 0; i < hl; i++)
            if (is_blank(head[i]))
                head[i] = '_';
    }
    int rc = add_vform(b, head, hl, block, code, pcode, pair, line);
    if (rc < 0)
        return rc;
    if (brace) {
        const char *bz = memchr(brace, '}', (size_t)(s + n - brace));
        if (!bz) {
            gs_db_report(b, false, line, "'{' without '}'");
            return 0;
        }
        const char *p = brace + 1;
        while (p < bz) {
            while (p < bz && (is_blank(*p) || *p == ','))
                p++;
            const char *a = p;
            while (p < bz && !is_blank(*p) && *p != ',')
                p++;
            if (p > a && a[p - a - 1] == '+') {
                gs_db_report(b, true, line, "verb form '%.*s' ends with '+'; skipped", (int)(p - a), a);
                continue;
            }
            if (p > a && (rc = add_vform(b, a, (size_t)(p - a), block, code, pcode, pair, line)) < 0)
                return rc;
        }
        return 0;
    }
    /* regular forms of the verb word (the '+' word of a multi-word verb) */
    const char *plus = memchr(head, '+', hl);
    size_t vs = plus ? (size_t)(plus - head) + 1 : 0;
    size_t ve = vs;
    while (ve < hl && head[ve] != '_' && !is_blank(head[ve]))
        ve++;
    char forms[3][128];
    size_t flen[3];
    int nf = regular_forms(head + vs, ve - vs, forms, flen);
    for (int k = 0; k < nf; k++) {
        char full[768];
        size_t l = 0;
        if (vs + flen[k] + (hl - ve) >= sizeof full)
            continue;
        memcpy(full, head, vs);
        l = vs;
        memcpy(full + l, forms[k], flen[k]);
        l += flen[k];
        memcpy(full + l, head + ve, hl - ve);
        l += hl - ve;
        if ((rc = add_vform(b, full, l, block, code, pcode, pair, line)) < 0)
            return rc;
    }
    return 0;
}

static int push_elem(gs_dict_builder *b, int kind, bool gap, uint32_t arg)
{
    gs_pelem e = {(uint16_t)kind, (uint16_t)gap, arg};
    return PUSH(b->pelems, b->npelems, b->cap_pelems, e);
}

/* A synset reference: the element's arg is a pool offset of the name
 * until gs_db_finish_verbs resolves it. */
static int push_synref(gs_dict_builder *b, const char *name, size_t n, bool gap)
{
    uint32_t off = gs_db_str(b, name, n);
    return push_elem(b, GS_PE_SYNSET, gap, off);
}

/* The elements of a PETRARCH-1 pattern body s[0..n) (§6.6). */
static int p1_elements(gs_dict_builder *b, const char *s, size_t n, uint32_t line, int *nstar)
{
    size_t i = 0;
    bool first = true;
    *nstar = 0;
    while (i < n) {
        bool blank = false;
        while (i < n && (s[i] == '_' || is_blank(s[i]))) {
            if (is_blank(s[i]))
                blank = true;
            i++;
        }
        if (i >= n)
            break;
        bool gap = first ? false : blank;
        first = false;
        size_t a = i;
        char c = s[i];
        int rc = 0;
        if (c == '*' || c == '$' || c == '+' || c == '^' || c == '%') {
            i++;
            int kind = c == '*' ? GS_PE_VERB : c == '$' ? GS_PE_SOURCE : c == '+' ? GS_PE_TARGET
                       : c == '^' ? GS_PE_SKIP : GS_PE_COMPOUND;
            if (c == '*')
                (*nstar)++;
            rc = push_elem(b, kind, gap, 0);
        } else if (c == '&') {
            i++;
            size_t na = i;
            while (i < n && s[i] != '_' && !is_blank(s[i]))
                i++;
            if (i == na) {
                gs_db_report(b, false, line, "'&' without a synset name");
                return GESTA_EDICT;
            }
            rc = push_synref(b, s + na, i - na, gap);
        } else if (c == '{' || c == '}') {
            gs_db_report(b, false, line, "TABARI disjunction '{...}' in a pattern is not supported");
            return GESTA_EDICT;
        } else {
            while (i < n && s[i] != '_' && !is_blank(s[i]) && s[i] != '*')
                i++;
            gs_word_list wl;
            wl.n = 0;
            if ((rc = add_word(b, &wl, s + a, i - a, gap, line)) < 0)
                return rc;
            for (uint32_t k = 0; k < wl.n && rc == 0; k++)
                rc = push_elem(b, GS_PE_WORD, k == 0 ? gap : false, wl.word[k]);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* The elements of a PETRARCH-2 pattern (§7.2), made linear: a bare word,
 * the words of {A B}, (PREP ...) in order, gaps allowed between items. */
static int p2_elements(gs_dict_builder *b, const char *s, size_t n, uint32_t line, int *nstar)
{
    size_t i = 0;
    *nstar = 0;
    bool first = true;
    int paren = 0, brace = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '(')
            paren++;
        else if (s[k] == ')' && --paren < 0)
            break;
        else if (s[k] == '{')
            brace++;
        else if (s[k] == '}' && --brace < 0)
            break;
    }
    if (paren || brace) {
        gs_db_report(b, false, line, "unbalanced brackets in a pattern");
        return GESTA_EDICT;
    }
    while (i < n) {
        while (i < n && (is_blank(s[i]) || s[i] == '{' || s[i] == '}' || s[i] == '(' || s[i] == ')'))
            i++;
        if (i >= n)
            break;
        size_t a = i;
        while (i < n && !is_blank(s[i]) && s[i] != '{' && s[i] != '}' && s[i] != '(' && s[i] != ')')
            i++;
        const char *w = s + a;
        size_t wn = i - a;
        bool gap = !first;
        first = false;
        int rc;
        if (wn > 1 && memchr(w, '_', wn) && (memchr(w, '*', wn) || w[0] == '&' ? false : true)) {
            gs_db_report(b, true, line, "'_' inside a PETRARCH-2 pattern word read as a phrase");
        }
        if (wn > 1 && memchr(w, '*', wn)) {
            /* "SPY_*_DEAL", "*SCEPTICAL": items glued to the verb */
            gs_db_report(b, true, line, "'*' glued to a word in a PETRARCH-2 pattern read as adjacency");
            rc = p1_elements(b, w, wn, line, &(int){0});
            if (rc < 0)
                return rc;
            for (size_t q = 0; q < wn; q++)
                if (w[q] == '*')
                    (*nstar)++;
            continue;
        }
        if (wn == 1 && strchr("*$+^%", w[0])) {
            int kind = w[0] == '*' ? GS_PE_VERB : w[0] == '$' ? GS_PE_SOURCE : w[0] == '+' ? GS_PE_TARGET
                       : w[0] == '^' ? GS_PE_SKIP : GS_PE_COMPOUND;
            if (w[0] == '*')
                (*nstar)++;
            rc = push_elem(b, kind, gap, 0);
        } else if (w[0] == '&') {
            rc = push_synref(b, w + 1, wn - 1, gap);
        } else {
            if (memchr(w, '/', wn))
                gs_db_report(b, true, line, "'/' inside a PETRARCH-2 pattern word kept literally");
            gs_word_list wl;
            if (split_phrase(b, w, wn, true, line, &wl) < 0)
                return b->oom ? GESTA_ENOMEM : GESTA_EDICT;
            rc = 0;
            for (uint32_t k = 0; k < wl.n && rc == 0; k++)
                rc = push_elem(b, GS_PE_WORD, k == 0 ? gap : false, wl.word[k]);
        }
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int pattern_line(gs_dict_builder *b, const char *s, size_t n, uint32_t block, bool p2, uint32_t line)
{
    /* "- BODY [CODE]" */
    size_t i = 1;
    b->stats.patterns++;
    const char *open = NULL;
    for (size_t k = n; k-- > 1;)
        if (s[k] == '[') {
            open = s + k;
            break;
        }
    if (!open) {
        gs_db_report(b, false, line, "pattern without a code");
        return 0;
    }
    const char *close = memchr(open, ']', (size_t)(s + n - open));
    if (!close) {
        gs_db_report(b, false, line, "pattern code without ']'");
        return 0;
    }
    for (const char *q = close + 1; q < s + n; q++)
        if (!is_blank(*q)) {
            gs_db_report(b, true, line, "text after the pattern code ignored");
            break;
        }
    uint32_t code, pcode, pair;
    if (!parse_verb_code(b, open + 1, (size_t)(close - open - 1), p2, &code, &pcode, &pair)) {
        gs_db_report(b, false, line, "bad pattern code");
        return 0;
    }
    size_t body = (size_t)(open - s) - i;
    if (memchr(s + i, ']', body)) {
        gs_db_report(b, false, line, "']' inside a pattern");
        return 0;
    }
    size_t e0 = b->npelems, r0 = b->nsynref;
    (void)r0;
    int nstar = 0;
    int rc = p2 ? p2_elements(b, s + i, body, line, &nstar) : p1_elements(b, s + i, body, line, &nstar);
    if (rc == GESTA_ENOMEM)
        return rc;
    if (rc == 0 && nstar != 1) {
        gs_db_report(b, false, line, "pattern needs exactly one '*' (has %d)", nstar);
        rc = GESTA_EDICT;
    }
    if (rc < 0) {
        b->npelems = e0;
        return 0;
    }
    gs_pattern p;
    memset(&p, 0, sizeof p);
    p.elems = (uint32_t)e0;
    p.nelems = (uint32_t)(b->npelems - e0);
    p.code = code;
    p.pcode = pcode;
    p.pair = pair;
    p.block = block;
    p.src.file = b->cur_file;
    p.src.line = line;
    if (pair == GS_PAIR_RECIPROCAL)
        b->stats.pairs++;
    if (pair == GS_PAIR_PASSIVE)
        b->stats.passive++;
    return PUSH(b->patterns, b->npatterns, b->cap_patterns, p);
}

/* A PETRARCH-2 transformation line (§7.4): checked, counted, not used. */
static void transform_line(gs_dict_builder *b, const char *s, size_t n, uint32_t line)
{
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        gs_db_report(b, false, line, "transformation without '='");
        return;
    }
    b->stats.transforms++;
}

static int read_verbs(gs_dict_builder *b, lexer *L, bool p2)
{
    size_t n;
    char *s;
    int32_t block = -1;
    int32_t synset = -1;
    bool in_transforms = false;
    b->verb_format = p2 ? 2 : (b->verb_format ? b->verb_format : 1);
    gs_word_list wl;
    while ((s = next_line(L, &n))) {
        uint32_t line = L->line;
        size_t i = 0;
        while (i < n && is_blank(s[i]))
            i++;
        s += i;
        n -= i;
        if (s[0] == '~') {
            in_transforms = true;
            transform_line(b, s, n, line);
            continue;
        }
        (void)in_transforms;
        if (s[0] == '&') {
            /* synset header */
            size_t e = 1;
            while (e < n && !is_blank(s[e]))
                e++;
            size_t nl = e - 1;
            bool no_plural = nl && s[nl] == '_';
            if (no_plural)
                nl--;
            gs_synset sy;
            sy.name = gs_db_str(b, s + 1, nl);
            sy.members = (uint32_t)b->nsynmem;
            sy.nmembers = 0;
            b->stats.synsets++;
            if (PUSH(b->synsets, b->nsynsets, b->cap_synsets, sy) < 0)
                return GESTA_ENOMEM;
            synset = (int32_t)b->nsynsets - 1;
            /* remember whether plurals are wanted in the top bit of members count? no:
             * a separate flag in the name's pool entry is overkill; store it here */
            b->synsets[synset].nmembers = no_plural ? 0x80000000u : 0;
            block = -1;
            continue;
        }
        if (s[0] == '+' && synset >= 0 && block < 0) {
            /* synset member and, unless switched off, its regular plural */
            size_t a = 1;
            while (a < n && is_blank(s[a]))
                a++;
            if (a < n && s[a] == '&') {
                gs_db_report(b, true, line, "nested synset member '%.*s' kept as a literal word",
                             (int)(n - a), s + a);
            }
            bool no_plural = (b->synsets[synset].nmembers & 0x80000000u) || s[n - 1] == '_';
            for (int k = 0; k < (no_plural ? 1 : 2); k++) {
                char pl[1024];
                const char *ph = s + a;
                size_t pn = n - a;
                if (k == 1) {
                    pn = plural_of(s + a, n - a, pl, sizeof pl);
                    ph = pl;
                    if (!pn)
                        break;
                }
                if (split_phrase(b, ph, pn, true, line, &wl) < 0) {
                    if (b->oom)
                        return GESTA_ENOMEM;
                    break;
                }
                gs_synmem m = {(uint32_t)b->nvwords, wl.n};
                for (uint32_t w = 0; w < wl.n; w++)
                    if (PUSH(b->vwords, b->nvwords, b->cap_vwords, wl.word[w]) < 0)
                        return GESTA_ENOMEM;
                if (PUSH(b->synmem, b->nsynmem, b->cap_synmem, m) < 0)
                    return GESTA_ENOMEM;
                b->synsets[synset].nmembers++;
                if (k == 0)
                    b->stats.synset_members++;
            }
            continue;
        }
        if (n >= 3 && !memcmp(s, "---", 3)) {
            /* --- NAME [CODE] --- */
            synset = -1;
            const char *open = memchr(s, '[', n);
            size_t ne = open ? (size_t)(open - s) : n;
            size_t na = 3;
            while (na < ne && (is_blank(s[na]) || s[na] == '-'))
                na++;
            size_t nz = ne;
            while (nz > na && (is_blank(s[nz - 1]) || s[nz - 1] == '-'))
                nz--;
            gs_vblock vb;
            memset(&vb, 0, sizeof vb);
            vb.name = gs_db_str(b, s + na, nz - na);
            if (open) {
                const char *close = memchr(open, ']', (size_t)(s + n - open));
                if (!close || !parse_verb_code(b, open + 1, (size_t)(close - open - 1), p2, &vb.code,
                                               &vb.pcode, &vb.pair)) {
                    gs_db_report(b, false, line, "bad verb block code");
                } else if (close + 1 < s + n && memchr(close + 1, '[', (size_t)(s + n - close - 1))) {
                    gs_db_report(b, true, line, "only the first code of a block header is used");
                }
            }
            vb.patterns = (uint32_t)b->npatterns;
            vb.src.file = b->cur_file;
            vb.src.line = line;
            b->stats.blocks++;
            if (b->nvblocks >= b->lim->max_dict_entries)
                return GESTA_ELIMIT;
            if (PUSH(b->vblocks, b->nvblocks, b->cap_vblocks, vb) < 0)
                return GESTA_ENOMEM;
            block = (int32_t)b->nvblocks - 1;
            continue;
        }
        if (s[0] == '-') {
            if (block < 0) {
                gs_db_report(b, false, line, "pattern outside a verb block");
                continue;
            }
            int rc = pattern_line(b, s, n, (uint32_t)block, p2, line);
            if (rc < 0)
                return rc;
            b->vblocks[block].npatterns = (uint32_t)b->npatterns - b->vblocks[block].patterns;
            continue;
        }
        if (block < 0) {
            gs_db_report(b, false, line, "verb outside a verb block");
            continue;
        }
        int rc = verb_line(b, s, n, (uint32_t)block, p2, line);
        if (rc < 0)
            return rc;
    }
    return b->oom ? GESTA_ENOMEM : 0;
}

static const gs_dict_builder *syn_sort_b;

/* Synset indexes by name, then by index (the first definition wins). */
static int syn_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const char *pool = syn_sort_b->pool.data;
    int c = strcmp(pool + syn_sort_b->synsets[a].name, pool + syn_sort_b->synsets[b].name);
    return c ? c : (a < b ? -1 : a > b);
}

/* Resolves synset names, clears the plural flags, links verb forms that
 * share a verb word (so the coder can try them all).  Names are found by
 * binary search and the pattern of an undefined name likewise, so that the
 * time stays linear in the file's size (times a logarithm) however many
 * synsets and patterns it has. */
int gs_db_finish_verbs(gs_dict_builder *b)
{
    for (size_t i = 0; i < b->nsynsets; i++)
        b->synsets[i].nmembers &= 0x7fffffffu;
    uint32_t *byname = malloc((b->nsynsets ? b->nsynsets : 1) * sizeof *byname);
    uint8_t *dead = calloc(b->npatterns ? b->npatterns : 1, 1);
    if (!byname || !dead) {
        free(byname);
        free(dead);
        return GESTA_ENOMEM;
    }
    for (size_t k = 0; k < b->nsynsets; k++)
        byname[k] = (uint32_t)k;
    syn_sort_b = b;
    if (b->nsynsets)
        qsort(byname, b->nsynsets, sizeof *byname, syn_cmp);
    for (size_t i = 0; i < b->npelems; i++) {
        gs_pelem *e = &b->pelems[i];
        if (e->kind != GS_PE_SYNSET || (e->arg & 0x80000000u))
            continue;
        const char *name = b->pool.data + e->arg;
        uint32_t found = UINT32_MAX;
        size_t lo = 0, hi = b->nsynsets;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(b->pool.data + b->synsets[byname[mid]].name, name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < b->nsynsets && !strcmp(b->pool.data + b->synsets[byname[lo]].name, name))
            found = byname[lo];
        if (found == UINT32_MAX) {
            /* report against the pattern that uses it: patterns hold
             * consecutive elements, in order */
            uint32_t line = 0, file = 0;
            lo = 0, hi = b->npatterns;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (b->patterns[mid].elems <= i)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo > 0 && i < b->patterns[lo - 1].elems + b->patterns[lo - 1].nelems) {
                line = b->patterns[lo - 1].src.line;
                file = b->patterns[lo - 1].src.file;
                dead[lo - 1] = 1;
            }
            const char *saved = b->cur_file_name;
            b->cur_file_name = file < b->nfiles ? b->pool.data + b->files[file] : "?";
            gs_db_report(b, false, line, "undefined synset &%s", name);
            b->cur_file_name = saved;
            e->kind = GS_PE_WORD;
            e->arg = 0;
            continue;
        }
        e->arg = found;
    }
    /* a pattern with an undefined synset never matches */
    for (size_t p = 0; p < b->npatterns; p++)
        if (dead[p]) {
            b->patterns[p].nelems = 0;
            b->patterns[p].code = 0;
        }
    free(byname);
    free(dead);
    /* link the forms that share a verb word, in file order, so that the
     * coder can try multi-word forms and skip later duplicates */
    if (b->nvforms) {
        uint32_t *last = calloc(b->nwords ? b->nwords : 1, sizeof(uint32_t));
        if (!last)
            return GESTA_ENOMEM;
        for (size_t i = 0; i < b->nvforms; i++) {
            gs_vform *f = &b->vforms[i];
            uint32_t w = b->vwords[f->words + f->pre];
            f->next = 0;
            if (last[w])
                b->vforms[last[w] - 1].next = (uint32_t)i + 1;
            last[w] = (uint32_t)i + 1;
        }
        free(last);
    }
    return b->oom ? GESTA_ENOMEM : 0;
}

/* ------------------------------------------------------------- files */

int gs_dict_kind_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char low[256];
    size_t n = strlen(base);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)gs_lower((unsigned char)base[i]);
    low[n] = '\0';
    if (strstr(low, "actors"))
        return GS_DK_ACTOR;
    if (strstr(low, "agents"))
        return GS_DK_AGENT;
    if (strstr(low, "discards"))
        return GS_DK_DISCARD;
    if (strstr(low, "issue"))
        return GS_DK_ISSUE;
    if (strstr(low, "verb") || !strncmp(low, "cameo.", 6))
        return GS_DK_VERB;
    return -1;
}

int gs_dict_read_mem(gs_dict_builder *b, const char *name, const char *text, size_t len, int kind,
                     gs_dict_stats *stats)
{
    memset(&b->stats, 0, sizeof b->stats);
    b->cur_file_name = name;
    b->cur_file = gs_db_file(b, name);
    if (b->oom)
        return GESTA_ENOMEM;
    lexer L = {b, text, text + len, 0, false, kind != GS_DK_ISSUE, NULL, 0};
    int rc;
    switch (kind) {
    case GS_DK_ACTOR: rc = read_actors(b, &L); break;
    case GS_DK_AGENT: rc = read_agents(b, &L); break;
    case GS_DK_DISCARD: rc = read_discards(b, &L); break;
    case GS_DK_ISSUE: rc = read_issues(b, &L); break;
    case GS_DK_VERB: {
        /* PETRARCH-2's file has patterns with '(' and '{' groups and a
         * '####### VERB PATTERNS' marker; decide by content */
        bool p2 = false;
        const char *tr = len > 40 ? memmem(text, len, "####### TRANSFORMATIONS", 23) : NULL;
        size_t groups = 0, lines = 0;
        for (const char *p = text; p < text + len && lines < 20000; p++) {
            if (*p == '\n') {
                lines++;
                if (p + 2 < text + len && p[1] == '-' && p[2] == ' ') {
                    const char *e = memchr(p + 1, '\n', (size_t)(text + len - p - 1));
                    if (!e)
                        e = text + len;
                    if (memchr(p + 1, '(', (size_t)(e - p - 1)))
                        groups++;
                }
            }
        }
        p2 = tr != NULL || groups > 20;
        rc = read_verbs(b, &L, p2);
        break;
    }
    default:
        rc = GESTA_EINVAL;
    }
    if (rc == 0 && L.too_many)
        rc = GESTA_ELIMIT;
    if (rc == 0 || rc == GESTA_ELIMIT)
        b->kinds |= 1u << kind;
    free(L.buf);
    if (stats)
        *stats = b->stats;
    return rc;
}

int gs_dict_read_file(gs_dict_builder *b, const char *path, int kind, gs_dict_stats *stats)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return GESTA_EIO;
    gs_buf buf = GS_BUF_INIT;
    char chunk[65536];
    size_t k;
    int rc = 0;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (gs_buf_append(&buf, chunk, k) < 0) {
            rc = GESTA_ENOMEM;
            break;
        }
        if (buf.len > (size_t)256 << 20) {
            rc = GESTA_ELIMIT;
            break;
        }
    }
    if (ferror(f))
        rc = GESTA_EIO;
    fclose(f);
    if (rc == 0)
        rc = gs_dict_read_mem(b, path, buf.data ? buf.data : "", buf.len, kind, stats);
    gs_buf_free(&buf);
    return rc;
}
