/*
 * misc.c: the error table, version, dates and small string helpers that
 * every stage uses.
 */
#include "core.h"

#include <stdio.h>

const char *gesta_version(void) { return GESTA_VERSION; }

const char *gesta_strerror(int err)
{
    switch (err) {
#define GS_ERR_MSG(name, value, msg) \
    case value: return msg;
        GESTA_ERRNO_MAP(GS_ERR_MSG)
#undef GS_ERR_MSG
    case 0: return "success";
    default: return "unknown error";
    }
}

const char *gesta_errname(int err)
{
    switch (err) {
#define GS_ERR_NAME(name, value, msg) \
    case value: return "GESTA_E" #name;
        GESTA_ERRNO_MAP(GS_ERR_NAME)
#undef GS_ERR_NAME
    case 0: return "GESTA_OK";
    default: return "GESTA_EUNKNOWN";
    }
}

void gesta_limits_default(gesta_limits *lim)
{
    lim->max_doc_bytes = 8u << 20;
    lim->max_sentence_tokens = 300;
    lim->max_token_bytes = 200;
    lim->max_json_depth = 32;
    lim->max_xml_depth = 64;
    lim->max_dict_line = 64u << 10;
    lim->max_dict_entries = 4u << 20;
}

bool gs_date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!gs_is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int gesta_date_parse(const char *s, size_t len, int32_t *out)
{
    int y, m, d;
    if (!s || !out)
        return GESTA_EINVAL;
    if (len == 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4);
        m = digits(s + 5, 2);
        d = digits(s + 8, 2);
    } else if (len == 8) {
        y = digits(s, 4);
        m = digits(s + 4, 2);
        d = digits(s + 6, 2);
    } else {
        return GESTA_EDATE;
    }
    if (y < 0 || m < 0 || d < 0 || !gs_date_valid(y, m, d))
        return GESTA_EDATE;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

void gs_date_format(int32_t date, char out[11])
{
    if (date <= 0) {
        out[0] = '\0';
        return;
    }
    /* "%04d-%02d-%02d", written out: the renderer calls this for every event */
    int y = (int)(date / 10000) % 10000, m = (int)(date / 100 % 100), d = (int)(date % 100);
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

bool gs_eq_nocase(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n; i++) {
        if (!lit[i] || gs_lower((unsigned char)s[i]) != gs_lower((unsigned char)lit[i]))
            return false;
    }
    return lit[i] == '\0';
}

bool gs_in_nocase(const char *s, size_t n, const char *const *list)
{
    if (!n)
        return false;
    int c0 = gs_lower((unsigned char)s[0]);
    for (; *list; list++)
        if ((*list)[0] == c0 && gs_eq_nocase(s, n, *list))
            return true;
    return false;
}
