/*
 * render.c: a worker's results -> text records: events as JSON Lines or
 * TSV (the record schema of the README), sentences, tokens; and error
 * records.  Everything is appended to a byte buffer that the caller writes
 * out in input order.
 */
#include "io.h"

#include <stdio.h>

static int put_span_json(gs_buf *b, const char *name, gesta_span s)
{
    gs_buf_putc(b, '"');
    gs_buf_puts(b, name);
    gs_buf_puts(b, "\":[");
    gs_buf_put_u64(b, s.start);
    gs_buf_putc(b, ',');
    gs_buf_put_u64(b, s.end);
    return gs_buf_putc(b, ']');
}

static const char *field_bytes(const gesta_worker *w, gesta_field f, size_t *n)
{
    if (f == GESTA_FIELD_TITLE) {
        *n = w->doc.title_len;
        return w->doc.title;
    }
    *n = w->doc.text_len;
    return w->doc.text;
}

/* The original bytes of span s, or an empty string; always valid UTF-8
 * because invalid bytes inside the span are rendered as U+FFFD. */
static int put_span_text(gs_buf *b, const gesta_worker *w, gesta_field f, gesta_span s, bool json)
{
    size_t n;
    const char *base = field_bytes(w, f, &n);
    if (!base || s.end <= s.start || s.end > n)
        return 0;
    const char *p = base + s.start;
    size_t len = s.end - s.start;
    /* Line breaks inside a span (hard-wrapped text) read as spaces. */
    gs_buf tmp = GS_BUF_INIT;
    if (gs_buf_put_oneline(&tmp, p, len) < 0)
        return GESTA_ENOMEM;
    int rc = json ? gs_buf_put_json_str(b, tmp.data, tmp.len) : gs_buf_append(b, tmp.data, tmp.len);
    gs_buf_free(&tmp);
    return rc;
}

static int render_event_json(const gesta_worker *w, const gesta_event *e, gs_buf *b)
{
    char date[11];
    gs_date_format(e->date, date);
    gs_buf_puts(b, "{\"doc_id\":\"");
    gs_buf_put_json_str(b, w->doc.id, w->doc.id_len);
    gs_buf_puts(b, "\",\"sentence\":");
    gs_buf_put_u64(b, e->sentence);
    gs_buf_puts(b, ",\"date\":\"");
    gs_buf_puts(b, date);
    gs_buf_puts(b, "\",\"source\":\"");
    gs_buf_put_json_str(b, e->source, strlen(e->source));
    gs_buf_puts(b, "\",\"target\":\"");
    gs_buf_put_json_str(b, e->target, strlen(e->target));
    gs_buf_puts(b, "\",\"source_text\":\"");
    put_span_text(b, w, e->field, e->source_span, true);
    gs_buf_puts(b, "\",\"target_text\":\"");
    put_span_text(b, w, e->field, e->target_span, true);
    gs_buf_puts(b, "\",\"verb_text\":\"");
    put_span_text(b, w, e->field, e->verb_span, true);
    gs_buf_puts(b, "\",\"code\":\"");
    gs_buf_puts(b, e->code);
    gs_buf_printf(b, "\",\"root\":\"%02d\",\"quad_class\":%d,\"goldstein\":%.1f", e->root,
                  e->quad_class, e->goldstein);
    gs_buf_puts(b, ",\"plover\":{\"event\":\"");
    gs_buf_puts(b, e->plover_event ? e->plover_event : "");
    gs_buf_puts(b, "\",\"mode\":\"");
    gs_buf_puts(b, e->plover_mode ? e->plover_mode : "");
    gs_buf_puts(b, "\"},\"evidence\":{\"field\":\"");
    gs_buf_puts(b, e->field == GESTA_FIELD_TITLE ? "title" : "text");
    gs_buf_puts(b, "\",");
    put_span_json(b, "source", e->source_span);
    gs_buf_putc(b, ',');
    put_span_json(b, "verb", e->verb_span);
    gs_buf_putc(b, ',');
    put_span_json(b, "target", e->target_span);
    gs_buf_puts(b, "},\"rule\":\"");
    gs_buf_put_json_str(b, e->rule_file ? e->rule_file : "", e->rule_file ? strlen(e->rule_file) : 0);
    gs_buf_putc(b, ':');
    gs_buf_put_u64(b, e->rule_line);
    return gs_buf_puts(b, "\"}\n");
}

static const char tsv_header[] =
    "doc_id\tsentence\tdate\tsource\ttarget\tsource_text\ttarget_text\tverb_text\tcode\troot\t"
    "quad_class\tgoldstein\tplover_event\tplover_mode\tevidence_field\tsource_span\tverb_span\t"
    "target_span\trule\n";

int gs_render_header(int format, gs_buf *out)
{
    if (format == GESTA_OUTPUT_TSV)
        return gs_buf_append(out, tsv_header, sizeof tsv_header - 1);
    return 0;
}

static void put_span_tsv(gs_buf *b, gesta_span s)
{
    gs_buf_put_u64(b, s.start);
    gs_buf_putc(b, '-');
    gs_buf_put_u64(b, s.end);
}

static int render_event_tsv(const gesta_worker *w, const gesta_event *e, gs_buf *b)
{
    char date[11];
    gs_date_format(e->date, date);
    gs_buf_put_oneline(b, w->doc.id, w->doc.id_len);
    gs_buf_printf(b, "\t%u\t%s\t%s\t%s\t", e->sentence, date, e->source, e->target);
    put_span_text(b, w, e->field, e->source_span, false);
    gs_buf_putc(b, '\t');
    put_span_text(b, w, e->field, e->target_span, false);
    gs_buf_putc(b, '\t');
    put_span_text(b, w, e->field, e->verb_span, false);
    gs_buf_printf(b, "\t%s\t%02d\t%d\t%.1f\t%s\t%s\t%s\t", e->code, e->root, e->quad_class,
                  e->goldstein, e->plover_event ? e->plover_event : "",
                  e->plover_mode ? e->plover_mode : "",
                  e->field == GESTA_FIELD_TITLE ? "title" : "text");
    put_span_tsv(b, e->source_span);
    gs_buf_putc(b, '\t');
    put_span_tsv(b, e->verb_span);
    gs_buf_putc(b, '\t');
    put_span_tsv(b, e->target_span);
    gs_buf_putc(b, '\t');
    gs_buf_puts(b, e->rule_file ? e->rule_file : "");
    gs_buf_putc(b, ':');
    gs_buf_put_u64(b, e->rule_line);
    return gs_buf_putc(b, '\n');
}

static int render_split(const gesta_worker *w, bool tokens, gs_buf *b)
{
    const gs_text *t = &w->text;
    for (size_t i = 0; i < t->nsents; i++) {
        const gs_sent *s = &t->sents[i];
        gs_buf_put_oneline(b, w->doc.id, w->doc.id_len);
        gs_buf_putc(b, '\t');
        gs_buf_put_u64(b, i);
        gs_buf_putc(b, '\t');
        if (tokens) {
            for (uint32_t k = 0; k < s->count; k++) {
                const gs_tok *tk = &t->toks[s->first + k];
                if (k)
                    gs_buf_putc(b, ' ');
                gs_buf_put_oneline(b, tk->norm, tk->norm_len);
            }
        } else {
            gs_buf_puts(b, s->field == GESTA_FIELD_TITLE ? "title" : "text");
            gs_buf_putc(b, '\t');
            gs_buf_put_u64(b, s->start);
            gs_buf_putc(b, '\t');
            gs_buf_put_u64(b, s->end);
            gs_buf_putc(b, '\t');
            /* the sentence as its normalised tokens joined by the original
             * spacing, on one line */
            for (uint32_t k = 0; k < s->count; k++) {
                const gs_tok *tk = &t->toks[s->first + k];
                if (k && (tk->flags & GS_TF_SPACE))
                    gs_buf_putc(b, ' ');
                gs_buf_put_oneline(b, tk->norm, tk->norm_len);
            }
        }
        if (gs_buf_putc(b, '\n') < 0)
            return GESTA_ENOMEM;
    }
    return 0;
}

int gs_render(const gesta_worker *w, int format, gs_buf *out)
{
    switch (format) {
    case GESTA_OUTPUT_SPLIT: return render_split(w, false, out);
    case GESTA_OUTPUT_TOKENS: return render_split(w, true, out);
    case GESTA_OUTPUT_TSV:
        for (size_t i = 0; i < w->nevents; i++)
            if (render_event_tsv(w, &w->events[i], out) < 0)
                return GESTA_ENOMEM;
        return 0;
    default:
        for (size_t i = 0; i < w->nevents; i++)
            if (render_event_json(w, &w->events[i], out) < 0)
                return GESTA_ENOMEM;
        return 0;
    }
}

int gs_render_error(const gs_record *rec, const char *doc_id, size_t id_len, int code,
                    uint64_t offset, const char *message, bool warning, gs_buf *jsonl,
                    gs_buf *log)
{
    const char *sev = warning ? "warning" : "error";
    if (jsonl) {
        gs_buf_puts(jsonl, "{\"file\":\"");
        gs_buf_put_json_str(jsonl, rec->file, strlen(rec->file));
        gs_buf_puts(jsonl, "\",\"line\":");
        gs_buf_put_u64(jsonl, rec->line);
        gs_buf_puts(jsonl, ",\"byte\":");
        gs_buf_put_u64(jsonl, offset);
        if (doc_id && id_len) {
            gs_buf_puts(jsonl, ",\"id\":\"");
            gs_buf_put_json_str(jsonl, doc_id, id_len);
            gs_buf_putc(jsonl, '"');
        }
        gs_buf_printf(jsonl, ",\"severity\":\"%s\",\"error\":\"%s\",\"message\":\"", sev,
                      gesta_errname(code));
        gs_buf_put_json_str(jsonl, message, strlen(message));
        gs_buf_puts(jsonl, "\"}\n");
    }
    if (log) {
        gs_buf_printf(log, "%s:%llu: byte %llu: %s: ", rec->file, (unsigned long long)rec->line,
                      (unsigned long long)offset, sev);
        gs_buf_put_oneline(log, message, strlen(message));
        if (doc_id && id_len) {
            gs_buf_puts(log, " (id ");
            gs_buf_put_oneline(log, doc_id, id_len > 80 ? 80 : id_len);
            gs_buf_putc(log, ')');
        }
        gs_buf_putc(log, '\n');
    }
    return 0;
}
