/*
 * dates.c: the date of an event from the sentence's time expressions and
 * the document's date.
 *
 * Recognised: yesterday, today, tonight, this morning, tomorrow; weekday
 * names ("on Monday" is the last Monday on or before the document date, or
 * the next one for a sentence in the future tense; "last"/"next" force
 * it); last/next week, month, year; "N days/weeks ago"; "earlier this
 * week"; explicit dates ("June 4", "4 June", "June 4, 2025", "Feb. 26"),
 * taken in the document's year unless that would put a past event months
 * after the document.  The first expression in the sentence wins; with
 * none the event takes the document date.
 */
#include "code.h"

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static int64_t days_of(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t date_of(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

static int64_t to_days(int32_t date) { return days_of(date / 10000, date / 100 % 100, date % 100); }

/* The date n months (negative: before) from date, the day clamped. */
static int32_t add_months(int32_t date, int n)
{
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    int total = y * 12 + (m - 1) + n;
    y = total / 12;
    m = total % 12 + 1;
    while (d > 28 && !gs_date_valid(y, m, d))
        d--;
    return y * 10000 + m * 100 + d;
}

static bool is(const gs_tok *t, const char *w)
{
    return gs_lit_eq_nocase(t->norm, t->norm_len, w);
}

/* The time words of gs_event_date, lower case, by kind (arg: the weekday,
 * Monday 0). */
enum {
    TW_NONE, TW_YESTERDAY, TW_TODAY, TW_TOMORROW, TW_THIS, TW_WEEKDAY, TW_LAST, TW_NEXT, TW_PAST,
    TW_AGO
};
static const struct {
    const char *w;
    uint8_t n, kind, arg;
} time_words[] = {
    {"yesterday", 9, TW_YESTERDAY, 0}, {"today", 5, TW_TODAY, 0},
    {"tonight", 7, TW_TODAY, 0},       {"tomorrow", 8, TW_TOMORROW, 0},
    {"this", 4, TW_THIS, 0},           {"monday", 6, TW_WEEKDAY, 0},
    {"tuesday", 7, TW_WEEKDAY, 1},     {"wednesday", 9, TW_WEEKDAY, 2},
    {"thursday", 8, TW_WEEKDAY, 3},    {"friday", 6, TW_WEEKDAY, 4},
    {"saturday", 8, TW_WEEKDAY, 5},    {"sunday", 6, TW_WEEKDAY, 6},
    {"last", 4, TW_LAST, 0},           {"next", 4, TW_NEXT, 0},
    {"past", 4, TW_PAST, 0},           {"ago", 3, TW_AGO, 0},
};

/* The kind of the lower-case word w (n bytes), and its argument. */
static int time_word(const char *w, size_t n, int *arg)
{
    for (size_t i = 0; i < sizeof time_words / sizeof time_words[0]; i++)
        if (time_words[i].n == n && time_words[i].w[0] == w[0] && !memcmp(time_words[i].w, w, n)) {
            *arg = time_words[i].arg;
            return time_words[i].kind;
        }
    return TW_NONE;
}

/* The month (1-12) that the lower-case word w (n bytes) names, or 0. */
static int month_of_lower(const char *w, size_t n)
{
    static const char *const names[12] = {"january", "february", "march",     "april",
                                          "may",     "june",     "july",      "august",
                                          "september", "october", "november", "december"};
    if (n < 3 || n > 9)
        return 0;
    /* the month whose name starts with the word's first three letters */
    int m = -1;
    for (int i = 0; i < 12; i++)
        if (w[0] == names[i][0] && w[1] == names[i][1] && w[2] == names[i][2]) {
            m = i;
            break;
        }
    if (m < 0)
        return 0;
    /* the full name, its first three letters, with a period; "Sept(.)" */
    size_t k = strlen(names[m]);
    if (n == k && !memcmp(w, names[m], n))
        return m + 1;
    if (n == 3 && m != 4)
        return m + 1;
    if (n == 4 && w[3] == '.')
        return m + 1;
    if (m == 8 && ((n == 4 && w[3] == 't') || (n == 5 && w[3] == 't' && w[4] == '.')))
        return m + 1;
    return 0;
}

static int month_of(const gs_tok *t)
{
    size_t n = t->norm_len;
    if (n < 3 || n > 9)
        return 0;
    char w[10];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)gs_lower((unsigned char)t->norm[i]);
    return month_of_lower(w, n);
}

static int number_of(const gs_tok *t, int max)
{
    if (t->norm_len == 0 || t->norm_len > 4)
        return 0;
    int v = 0;
    for (uint32_t i = 0; i < t->norm_len; i++) {
        if (!gs_is_digit((unsigned char)t->norm[i]))
            return 0;
        v = v * 10 + (t->norm[i] - '0');
    }
    return v <= max ? v : 0;
}

/* The initials of the words gs_event_date looks at: a d f j l m n o p s t w y. */
#define TIME_INITIALS                                                                      \
    ((1u << ('a' - 'a')) | (1u << ('d' - 'a')) | (1u << ('f' - 'a')) | (1u << ('j' - 'a')) | \
     (1u << ('l' - 'a')) | (1u << ('m' - 'a')) | (1u << ('n' - 'a')) | (1u << ('o' - 'a')) | \
     (1u << ('p' - 'a')) | (1u << ('s' - 'a')) | (1u << ('t' - 'a')) | (1u << ('w' - 'a')) | \
     (1u << ('y' - 'a')))

/* ... and with one of these first two letters: bit (second - 'a') of
 * pair_bits[first - 'a'] ("ye", "to", "th", "mo", "tu", "we", "fr", "sa",
 * "su", "la", "ne", "pa", "ag", "ja", "fe", "ma", "ap", "ju", "au", "se",
 * "oc", "no", "de") */
#define PB(x) (1u << ((x) - 'a'))
static const uint32_t pair_bits[26] = {
    ['a' - 'a'] = PB('g') | PB('p') | PB('u'),
    ['d' - 'a'] = PB('e'),
    ['f' - 'a'] = PB('r') | PB('e'),
    ['j' - 'a'] = PB('a') | PB('u'),
    ['l' - 'a'] = PB('a'),
    ['m' - 'a'] = PB('o') | PB('a'),
    ['n' - 'a'] = PB('e') | PB('o'),
    ['o' - 'a'] = PB('c'),
    ['p' - 'a'] = PB('a'),
    ['s' - 'a'] = PB('a') | PB('u') | PB('e'),
    ['t' - 'a'] = PB('o') | PB('h') | PB('u'),
    ['w' - 'a'] = PB('e'),
    ['y' - 'a'] = PB('e'),
};
#undef PB

bool gs_time_word(const char *norm, size_t n)
{
    /* every time word starts with one of these letters and is short */
    int c0 = n ? gs_lower((unsigned char)norm[0]) : 0;
    if (n > 9 || n < 3 || c0 < 'a' || c0 > 'z' || !((TIME_INITIALS >> (c0 - 'a')) & 1))
        return false;
    /* ... and with one of the first two letters of pair_bits */
    int c1 = gs_lower((unsigned char)norm[1]);
    if (c1 < 'a' || c1 > 'z' || !((pair_bits[c0 - 'a'] >> (c1 - 'a')) & 1))
        return false;
    char lw[10];
    for (size_t i = 0; i < n; i++)
        lw[i] = (char)gs_lower((unsigned char)norm[i]);
    int arg;
    return time_word(lw, n, &arg) != TW_NONE || month_of_lower(lw, n) != 0;
}

int32_t gs_event_date(const gs_text *t, const gs_lang *L, const uint8_t *mask, const gs_sent *s,
                      int32_t doc_date, bool future)
{
    (void)L;
    if (doc_date <= 0)
        return 0;
    int64_t today = to_days(doc_date);
    uint32_t a = s->first, b = s->first + s->count;
    for (uint32_t k = a; k < b; k++) {
        if (!(mask[k] & GS_START_TIME))
            continue;
        const gs_tok *tk = &t->toks[k];
        const gs_tok *prev = k > a ? &t->toks[k - 1] : NULL;
        const gs_tok *next = k + 1 < b ? &t->toks[k + 1] : NULL;
        char lw[10];
        for (size_t i = 0; i < tk->norm_len; i++)
            lw[i] = (char)gs_lower((unsigned char)tk->norm[i]);
        int wd = -1;
        int kind = time_word(lw, tk->norm_len, &wd);
        if (kind == TW_YESTERDAY)
            return date_of(today - 1);
        if (kind == TW_TODAY)
            return doc_date;
        if (kind == TW_TOMORROW)
            return date_of(today + 1);
        if (kind == TW_THIS && next && (is(next, "morning") || is(next, "afternoon") ||
                                        is(next, "evening")))
            return doc_date;
        if (kind == TW_WEEKDAY) {
            /* 1970-01-01 was a Thursday (index 3) */
            int dow = (int)(((today % 7) + 7 + 3) % 7);
            bool last = prev && is(prev, "last");
            bool nxt = prev && (is(prev, "next") || is(prev, "coming"));
            if (nxt || (future && !last)) {
                int delta = (wd - dow + 7) % 7;
                if (delta == 0 && nxt)
                    delta = 7;
                return date_of(today + delta);
            }
            int delta = (dow - wd + 7) % 7;
            if (delta == 0 && last)
                delta = 7;
            return date_of(today - delta);
        }
        if ((kind == TW_LAST || kind == TW_NEXT || kind == TW_PAST) && next) {
            int sign = kind == TW_NEXT ? 1 : -1;
            if (is(next, "week"))
                return date_of(today + 7 * sign);
            if (is(next, "month"))
                return add_months(doc_date, sign);
            if (is(next, "year"))
                return add_months(doc_date, 12 * sign);
        }
        if (kind == TW_AGO && prev && k >= a + 2) {
            int n = number_of(&t->toks[k - 2], 99);
            const gs_tok *unit = prev;
            if (!n && (is(&t->toks[k - 2], "a") || is(&t->toks[k - 2], "one")))
                n = 1;
            if (!n && is(&t->toks[k - 2], "two"))
                n = 2;
            if (!n && is(&t->toks[k - 2], "three"))
                n = 3;
            if (n) {
                if (is(unit, "day") || is(unit, "days"))
                    return date_of(today - n);
                if (is(unit, "week") || is(unit, "weeks"))
                    return date_of(today - 7 * n);
                if (is(unit, "month") || is(unit, "months"))
                    return add_months(doc_date, -n);
            }
        }
        int month = kind == TW_NONE ? month_of_lower(lw, tk->norm_len) : 0;
        if (month) {
            /* "June 4", "June 4, 2025", "4 June" */
            int day = next ? number_of(next, 31) : 0;
            int year = 0;
            if (!day && prev)
                day = number_of(prev, 31);
            else if (day && k + 3 < b && is(&t->toks[k + 2], ","))
                year = number_of(&t->toks[k + 3], 2199);
            if (!day)
                continue;
            if (year < 1800)
                year = doc_date / 10000;
            if (!gs_date_valid(year, month, day))
                continue;
            int64_t z = days_of(year, month, day);
            /* a past event does not happen months after its report */
            if (!future && z > today + 31 && year == doc_date / 10000)
                z = days_of(year - 1, month, gs_date_valid(year - 1, month, day) ? day : 28);
            return date_of(z);
        }
    }
    return doc_date;
}

int32_t gs_dateline_date(const gs_text *t, int32_t doc_date)
{
    if (doc_date <= 0 || t->dateline.end <= t->dateline.start)
        return doc_date;
    int64_t today = to_days(doc_date);
    for (size_t k = 0; k + 1 < t->ntoks; k++) {
        const gs_tok *tk = &t->toks[k];
        if (tk->field != GESTA_FIELD_TEXT || tk->start < t->dateline.start)
            continue;
        if (tk->end > t->dateline.end)
            break;
        int month = month_of(tk);
        int day = month ? number_of(&t->toks[k + 1], 31) : 0;
        if (!day || t->toks[k + 1].end > t->dateline.end)
            continue;
        /* the year that puts the date nearest the document's */
        int y0 = doc_date / 10000;
        int64_t best = 0, best_dist = INT64_MAX;
        for (int y = y0 - 1; y <= y0 + 1; y++) {
            if (!gs_date_valid(y, month, day))
                continue;
            int64_t z = days_of(y, month, day);
            int64_t dist = z > today ? z - today : today - z;
            if (dist < best_dist) {
                best = z;
                best_dist = dist;
            }
        }
        return best_dist == INT64_MAX ? doc_date : date_of(best);
    }
    return doc_date;
}
