/*
 * decode.c: raw records -> gesta_doc.  Runs in worker threads.
 *
 * JSON Lines records are parsed with jansson.  The fields: "id" (string or
 * integer, required), "date" ("YYYY-MM-DD" or "YYYYMMDD"; required unless a
 * default date was given), "title" (string or null, optional), "text"
 * (string, required).  Other fields are ignored.  Nesting deeper than
 * max_json_depth is refused, so that no record can make later stages
 * recurse without bound.
 */
#include "io.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>

void gs_docbuf_release(gs_docbuf *d)
{
    if (d->json) {
        json_decref((json_t *)d->json);
        d->json = NULL;
    }
    gs_buf_clear(&d->scratch);
    memset(&d->doc, 0, sizeof d->doc);
    d->message[0] = '\0';
    d->error_offset = 0;
}

void gs_docbuf_free(gs_docbuf *d)
{
    gs_docbuf_release(d);
    gs_buf_free(&d->scratch);
}

static int fail(gs_docbuf *d, int code, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(gs_docbuf *d, int code, uint64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    d->error_offset = offset;
    return code;
}

/* Depth of a JSON value (a scalar is 1).  jansson itself refuses more than
 * 2048 levels, so the recursion is bounded. */
static size_t json_depth(const json_t *v)
{
    size_t max = 0, d;
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
        {
            if ((d = json_depth(x)) > max)
                max = d;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if ((d = json_depth(x)) > max)
                max = d;
        }
    }
    return max + 1;
}

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static int decode_jsonl(const gs_record *rec, int32_t default_date, const gesta_limits *lim,
                        gs_docbuf *d)
{
    json_error_t je;
    json_t *root = json_loadb(rec->raw.data, rec->raw.len, JSON_ALLOW_NUL, &je);
    if (!root) {
        uint64_t pos = je.position > 0 ? (uint64_t)je.position : 0;
        return fail(d, GESTA_EJSON, rec->offset + pos, "malformed JSON at column %d: %s",
                    je.column, je.text);
    }
    d->json = root;
    if (!json_is_object(root))
        return fail(d, GESTA_EFIELD, rec->offset, "record is %s, not a JSON object",
                    json_type_name(root));
    json_t *id = json_object_get(root, "id");
    if (json_is_string(id)) {
        d->doc.id = json_string_value(id);
        d->doc.id_len = json_string_length(id);
    } else if (json_is_integer(id)) {
        size_t at = d->scratch.len;
        gs_buf_printf(&d->scratch, "%lld", (long long)json_integer_value(id));
        d->doc.id = d->scratch.data + at;
        d->doc.id_len = d->scratch.len - at;
    } else if (!id) {
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"id\"");
    } else {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"id\" is %s, not a string",
                    json_type_name(id));
    }
    /* after the id, so that the error record can name the document */
    if (json_depth(root) > lim->max_json_depth)
        return fail(d, GESTA_ELIMIT, rec->offset, "JSON nesting deeper than max_json_depth (%zu)",
                    lim->max_json_depth);
    json_t *text = json_object_get(root, "text");
    if (!text)
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"text\"");
    if (!json_is_string(text))
        return fail(d, GESTA_EFIELD, rec->offset, "field \"text\" is %s, not a string",
                    json_type_name(text));
    d->doc.text = json_string_value(text);
    d->doc.text_len = json_string_length(text);
    json_t *title = json_object_get(root, "title");
    if (title && json_is_string(title)) {
        d->doc.title = json_string_value(title);
        d->doc.title_len = json_string_length(title);
    } else if (title && !json_is_null(title)) {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"title\" is %s, not a string",
                    json_type_name(title));
    }
    json_t *date = json_object_get(root, "date");
    if (date && json_is_string(date)) {
        if (gesta_date_parse(json_string_value(date), json_string_length(date), &d->doc.date) < 0)
            return fail(d, GESTA_EDATE, rec->offset,
                        "field \"date\" is not a date as YYYY-MM-DD or YYYYMMDD: \"%.40s\"",
                        json_string_value(date));
    } else if (date && json_is_integer(date)) {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(date));
        if (gesta_date_parse(tmp, strlen(tmp), &d->doc.date) < 0)
            return fail(d, GESTA_EDATE, rec->offset, "field \"date\" is not a date: %s", tmp);
    } else if (date && !json_is_null(date)) {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"date\" is %s, not a string",
                    json_type_name(date));
    } else if (default_date) {
        d->doc.date = default_date;
    } else {
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"date\" (and no --date given)");
    }
    return 0;
}

int gs_record_decode(const gs_record *rec, int32_t default_date, const gesta_limits *lim,
                     gs_docbuf *d)
{
    gs_docbuf_release(d);
    if (rec->error) {
        snprintf(d->message, sizeof d->message, "%s", rec->message.data ? rec->message.data : "");
        d->error_offset = rec->error_offset;
        /* an XML record knows its id even when its reading failed */
        d->doc.id = rec->id.len ? rec->id.data : NULL;
        d->doc.id_len = rec->id.len;
        return rec->error;
    }
    switch (rec->format) {
    case GESTA_INPUT_JSONL:
        return decode_jsonl(rec, default_date, lim, d);
    case GESTA_INPUT_TEXT:
        d->doc.id = rec->file;
        d->doc.id_len = strlen(rec->file);
        d->doc.text = rec->raw.data ? rec->raw.data : "";
        d->doc.text_len = rec->raw.len;
        d->doc.date = default_date;
        return 0;
    case GESTA_INPUT_PETRARCH_XML:
        if (!rec->id.len)
            return fail(d, GESTA_EFIELD, rec->offset, "<Sentence> has no id attribute");
        d->doc.id = rec->id.data;
        d->doc.id_len = rec->id.len;
        d->doc.text = rec->raw.data ? rec->raw.data : "";
        d->doc.text_len = rec->raw.len;
        if (rec->date.len) {
            if (gesta_date_parse(rec->date.data, rec->date.len, &d->doc.date) < 0)
                return fail(d, GESTA_EDATE, rec->offset,
                            "date attribute is not a date as YYYYMMDD: \"%.40s\"", rec->date.data);
        } else if (default_date) {
            d->doc.date = default_date;
        } else {
            return fail(d, GESTA_EFIELD, rec->offset, "<Sentence> has no date attribute");
        }
        return 0;
    default:
        return fail(d, GESTA_EFORMAT, rec->offset, "unknown input format");
    }
}
