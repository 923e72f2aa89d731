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
    /* Line breaks inside a span (hard-wrapped text) read as spaces; a span
     * without any is written as it is (both ways put U+FFFD for an
     * invalid byte). */
    size_t k = 0;
    while (k < len && p[k] != '\n' && p[k] != '\r' && p[k] != '\t')
        k++;
    if (k == len && json)
        return gs_buf_put_json_str(b, p, len);
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
    gs_buf_puts(b, "\",\"root\":\"");
    if (e->root >= 0 && e->root < 100) {
        gs_buf_putc(b, (char)('0' + e->root / 10));
        gs_buf_putc(b, (char)('0' + e->root % 10));
    } else {
        gs_buf_printf(b, "%02d", e->root);
    }
    gs_buf_puts(b, "\",\"quad_class\":");
    if (e->quad_class >= 0)
        gs_buf_put_u64(b, (uint64_t)e->quad_class);
    else
        gs_buf_printf(b, "%d", e->quad_class);
    gs_buf_puts(b, ",\"goldstein\":");
    gs_buf_put_dec1(b, e->goldstein);
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

static const char *const clause_names[] = {"main", "sub", "rel", "reported", "coord"};

/* `gesta tag`: for each sentence a comment line with the document id and
 * sentence index, then one token a line: index, word, lemma, Penn tag,
 * chunk (B-NP, I-NP, B-VG, I-VG, B-PP, O), clause (n:type or
 * n:type<parent), and relations on phrase heads; then a blank line. */
static int render_tag(const gesta_worker *w, gs_buf *b)
{
    const gs_text *t = &w->text;
    const gs_lang *L = &w->lang;
    for (size_t si = 0; si < t->nsents; si++) {
        const gs_sent *s = &t->sents[si];
        const gs_sent_lang *sl = &L->sl[si];
        gs_buf_puts(b, "# ");
        gs_buf_put_oneline(b, w->doc.id, w->doc.id_len);
        gs_buf_printf(b, " sentence %zu\n", si);
        uint32_t base = s->first;
#define REL(tok) ((tok) - base + 1)
        for (uint32_t k = s->first; k < s->first + s->count; k++) {
            const gs_tok *tk = &t->toks[k];
            const gs_ltok *lt = &L->lt[k];
            gs_buf_put_u64(b, REL(k));
            gs_buf_putc(b, '\t');
            gs_buf_put_oneline(b, tk->norm, tk->norm_len);
            gs_buf_putc(b, '\t');
            gs_buf_put_oneline(b, lt->lemma, lt->lemma_len);
            gs_buf_putc(b, '\t');
            gs_buf_puts(b, gs_penn_names[lt->penn]);
            gs_buf_putc(b, '\t');
            int32_t np = L->tok_np[k], vg = L->tok_vg[k];
            if (np >= 0)
                gs_buf_puts(b, L->nps[np].start == k ? "B-NP" : "I-NP");
            else if (vg >= 0)
                gs_buf_puts(b, L->vgs[vg].start == k ? "B-VG" : "I-VG");
            else if (lt->chunk == GS_CH_PP)
                gs_buf_puts(b, "B-PP");
            else
                gs_buf_putc(b, 'O');
            gs_buf_putc(b, '\t');
            int32_t cl = L->tok_cl[k];
            if (cl >= 0) {
                const gs_clause *c = &L->cls[cl];
                gs_buf_printf(b, "%u:%s", (unsigned)(cl - (int32_t)sl->cl0 + 1),
                              clause_names[c->type]);
                if (c->parent >= 0)
                    gs_buf_printf(b, "<%u", (unsigned)(c->parent - (int32_t)sl->cl0 + 1));
            } else {
                gs_buf_putc(b, '_');
            }
            gs_buf_putc(b, '\t');
            /* relations on heads */
            size_t mark = b->len;
            if (np >= 0 && L->nps[np].head == k) {
                const gs_np *x = &L->nps[np];
                gs_buf_puts(b, "np");
                if (x->poss)
                    gs_buf_printf(b, ",poss=%u", REL(x->poss));
                if (x->coord >= 0)
                    gs_buf_printf(b, ",conj=%u", REL(L->nps[x->coord].head));
                if (x->appos >= 0)
                    gs_buf_printf(b, ",appos=%u", REL(L->nps[x->appos].head));
            } else if (vg >= 0 && L->vgs[vg].head == k) {
                const gs_vg *v = &L->vgs[vg];
                static const struct {
                    uint16_t bit;
                    const char *name;
                } fl[] = {{GS_VG_PAST, "past"},       {GS_VG_FUTURE, "future"},
                          {GS_VG_MODAL, "modal"},     {GS_VG_PERFECT, "perfect"},
                          {GS_VG_PROGRESSIVE, "progressive"}, {GS_VG_PASSIVE, "passive"},
                          {GS_VG_NEG, "neg"},         {GS_VG_INF, "inf"},
                          {GS_VG_GERUND, "gerund"},   {GS_VG_PARTICIPLE, "participle"},
                          {GS_VG_COPULA, "copula"}};
                gs_buf_puts(b, "vg");
                for (size_t f = 0; f < sizeof fl / sizeof fl[0]; f++)
                    if (v->flags & fl[f].bit) {
                        gs_buf_putc(b, ',');
                        gs_buf_puts(b, fl[f].name);
                    }
                if (v->particle)
                    gs_buf_printf(b, ",prt=%u", REL(v->particle));
                if (v->subject >= 0)
                    gs_buf_printf(b, ",subj=%u", REL(L->nps[v->subject].head));
                if (v->object >= 0)
                    gs_buf_printf(b, ",obj=%u", REL(L->nps[v->object].head));
                if (v->governor >= 0)
                    gs_buf_printf(b, ",gov=%u", REL(L->vgs[v->governor].head));
            } else if (lt->chunk == GS_CH_PP) {
                for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp; p++) {
                    const gs_pp *pp = &L->pps[p];
                    if (pp->prep != k)
                        continue;
                    gs_buf_puts(b, "pp");
                    if (pp->np >= 0)
                        gs_buf_printf(b, ",obj=%u", REL(L->nps[pp->np].head));
                    if (pp->vg >= 0)
                        gs_buf_printf(b, ",vg=%u", REL(L->vgs[pp->vg].head));
                }
            }
            if (b->len == mark)
                gs_buf_putc(b, '_');
            if (gs_buf_putc(b, '\n') < 0)
                return GESTA_ENOMEM;
        }
#undef REL
        if (gs_buf_putc(b, '\n') < 0)
            return GESTA_ENOMEM;
    }
    return 0;
}

/* Appends the words of tokens [a, b) separated by spaces. */
static void put_words(gs_buf *b, const gs_text *t, uint32_t a, uint32_t e)
{
    for (uint32_t k = a; k < e; k++) {
        if (k > a)
            gs_buf_putc(b, ' ');
        gs_buf_put_oneline(b, t->toks[k].norm, t->toks[k].norm_len);
    }
}

static void put_np(gs_buf *b, const gs_text *t, const gs_lang *L, int32_t np)
{
    put_words(b, t, L->nps[np].start, L->nps[np].end);
}

/* `gesta tag --phrases`: per sentence a comment line; the sentence with its
 * chunks bracketed; one line per clause (index, type, parent, words); one
 * line per verb group with its features and relations; one line per noun
 * phrase link (coordination, apposition); then a blank line. */
static int render_phrases(const gesta_worker *w, gs_buf *b)
{
    const gs_text *t = &w->text;
    const gs_lang *L = &w->lang;
    for (size_t si = 0; si < t->nsents; si++) {
        const gs_sent *s = &t->sents[si];
        const gs_sent_lang *sl = &L->sl[si];
        uint32_t e = s->first + s->count;
        gs_buf_puts(b, "# ");
        gs_buf_put_oneline(b, w->doc.id, w->doc.id_len);
        gs_buf_printf(b, " sentence %zu\n", si);
        for (uint32_t k = s->first; k < e;) {
            if (k > s->first)
                gs_buf_putc(b, ' ');
            int32_t np = L->tok_np[k], vg = L->tok_vg[k];
            if (np >= 0 && L->nps[np].start == k) {
                gs_buf_puts(b, "[NP ");
                put_words(b, t, k, L->nps[np].end);
                gs_buf_putc(b, ']');
                k = L->nps[np].end;
            } else if (vg >= 0 && L->vgs[vg].start == k) {
                gs_buf_puts(b, "[VG ");
                put_words(b, t, k, L->vgs[vg].end);
                gs_buf_putc(b, ']');
                k = L->vgs[vg].end;
            } else if (L->lt[k].chunk == GS_CH_PP) {
                gs_buf_puts(b, "[PP ");
                put_words(b, t, k, k + 1);
                gs_buf_putc(b, ']');
                k++;
            } else {
                put_words(b, t, k, k + 1);
                k++;
            }
        }
        gs_buf_putc(b, '\n');
        for (uint32_t c = sl->cl0; c < sl->cl0 + sl->ncl; c++) {
            const gs_clause *cl = &L->cls[c];
            gs_buf_printf(b, "clause %u %s", c - sl->cl0 + 1, clause_names[cl->type]);
            if (cl->parent >= 0)
                gs_buf_printf(b, "<%u", (unsigned)(cl->parent - (int32_t)sl->cl0 + 1));
            gs_buf_puts(b, ":");
            for (uint32_t k = s->first; k < e; k++)
                if (L->tok_cl[k] == (int32_t)c) {
                    gs_buf_putc(b, ' ');
                    put_words(b, t, k, k + 1);
                }
            gs_buf_putc(b, '\n');
        }
        for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
            const gs_vg *vg = &L->vgs[v];
            static const struct {
                uint16_t bit;
                const char *name;
            } fl[] = {{GS_VG_PAST, "past"},       {GS_VG_FUTURE, "future"},
                      {GS_VG_MODAL, "modal"},     {GS_VG_PERFECT, "perfect"},
                      {GS_VG_PROGRESSIVE, "progressive"}, {GS_VG_PASSIVE, "passive"},
                      {GS_VG_NEG, "neg"},         {GS_VG_INF, "inf"},
                      {GS_VG_GERUND, "gerund"},   {GS_VG_PARTICIPLE, "participle"},
                      {GS_VG_COPULA, "copula"}};
            gs_buf_puts(b, "vg ");
            put_words(b, t, vg->start, vg->end);
            gs_buf_putc(b, ':');
            const char *sep = " ";
            for (size_t f = 0; f < sizeof fl / sizeof fl[0]; f++)
                if (vg->flags & fl[f].bit) {
                    gs_buf_puts(b, sep);
                    gs_buf_puts(b, fl[f].name);
                    sep = ",";
                }
            if (vg->subject >= 0) {
                gs_buf_puts(b, "; subj=");
                put_np(b, t, L, vg->subject);
            }
            if (vg->object >= 0) {
                gs_buf_puts(b, "; obj=");
                put_np(b, t, L, vg->object);
            }
            if (vg->governor >= 0) {
                gs_buf_puts(b, "; gov=");
                put_words(b, t, L->vgs[vg->governor].head, L->vgs[vg->governor].head + 1);
            }
            for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp; p++) {
                const gs_pp *pp = &L->pps[p];
                if (pp->vg != (int32_t)v || pp->np < 0 || pp->prep == UINT32_MAX)
                    continue;
                gs_buf_puts(b, "; ");
                put_words(b, t, pp->prep, pp->prep + 1);
                gs_buf_putc(b, '=');
                put_np(b, t, L, pp->np);
            }
            gs_buf_putc(b, '\n');
        }
        for (uint32_t n = sl->np0; n < sl->np0 + sl->nnp; n++) {
            const gs_np *np = &L->nps[n];
            if (np->coord < 0 && np->appos < 0)
                continue;
            gs_buf_puts(b, "np ");
            put_np(b, t, L, (int32_t)n);
            if (np->coord >= 0) {
                gs_buf_puts(b, ": conj=");
                put_np(b, t, L, np->coord);
            }
            if (np->appos >= 0) {
                gs_buf_puts(b, np->coord >= 0 ? "; appos=" : ": appos=");
                put_np(b, t, L, np->appos);
            }
            gs_buf_putc(b, '\n');
        }
        if (gs_buf_putc(b, '\n') < 0)
            return GESTA_ENOMEM;
    }
    return 0;
}

int gesta_worker_render(const gesta_worker *w, int format, char **out, size_t *len)
{
    if (!w || !out || format < GESTA_OUTPUT_JSONL || format > GESTA_OUTPUT_PHRASES)
        return GESTA_EINVAL;
    gs_buf b = GS_BUF_INIT;
    int rc = gs_render(w, format, &b);
    if (rc < 0 || gs_buf_reserve(&b, 0) < 0) {
        gs_buf_free(&b);
        return rc < 0 ? rc : GESTA_ENOMEM;
    }
    b.data[b.len] = '\0'; /* an empty rendering allocated nothing before */
    *out = b.data;
    if (len)
        *len = b.len;
    return 0;
}

int gs_render(const gesta_worker *w, int format, gs_buf *out)
{
    switch (format) {
    case GESTA_OUTPUT_PHRASES: return render_phrases(w, out);
    case GESTA_OUTPUT_TAG: return render_tag(w, out);
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
