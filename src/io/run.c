/*
 * run.c: gesta_run(), the streaming pipeline behind `gesta code` and
 * `gesta split`.
 *
 * The calling thread reads raw records into batches and writes finished
 * batches; N worker threads decode, analyse and render them.  Batches live
 * in a ring of fixed size, so memory is bounded by (ring size) x (batch
 * size) whatever the input size, and they are written strictly in the
 * order they were read, so the output does not depend on the number of
 * threads.  With one thread everything runs in the calling thread.
 */
#include "io.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#define GS_BATCH_RECORDS 128
#define GS_BATCH_BYTES (1u << 20)

enum { B_EMPTY, B_FILLED, B_DONE };

typedef struct batch {
    gs_record *recs;
    size_t nrec, cap_rec;
    size_t bytes;
    gs_buf out, errs, log;
    gesta_run_stats st;
    int state;
    int fatal;
} batch;

typedef struct run {
    const gesta_engine *eng;
    const gesta_run_options *opt;
    batch *ring;
    size_t nring;
    uint64_t submitted, taken, written;
    bool closing;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    /* input */
    const char *const *files;
    size_t nfiles, file_i;
    gs_reader *reader;
    bool input_done;
} run;

void gesta_run_options_default(gesta_run_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->input = GESTA_INPUT_AUTO;
    opt->output = GESTA_OUTPUT_JSONL;
    opt->threads = 1;
    opt->out = stdout;
    opt->log = stderr;
    opt->warnings = 1;
}

int gesta_input_format_parse(const char *name)
{
    if (!name)
        return GESTA_EFORMAT;
    if (!strcmp(name, "text") || !strcmp(name, "txt"))
        return GESTA_INPUT_TEXT;
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        return GESTA_INPUT_JSONL;
    if (!strcmp(name, "petrarch-xml") || !strcmp(name, "xml"))
        return GESTA_INPUT_PETRARCH_XML;
    if (!strcmp(name, "auto"))
        return GESTA_INPUT_AUTO;
    return GESTA_EFORMAT;
}

int gesta_output_format_parse(const char *name)
{
    if (!name)
        return GESTA_EFORMAT;
    if (!strcmp(name, "jsonl") || !strcmp(name, "json"))
        return GESTA_OUTPUT_JSONL;
    if (!strcmp(name, "tsv"))
        return GESTA_OUTPUT_TSV;
    return GESTA_EFORMAT;
}

/* ------------------------------------------------------------ processing */

/* Decodes, analyses and renders every record of b with worker w. */
static void process_batch(run *r, gesta_worker *w, gs_docbuf *d, batch *b)
{
    const gesta_run_options *opt = r->opt;
    gs_buf *ej = opt->errors ? &b->errs : NULL;
    gs_buf *lg = opt->log ? &b->log : NULL;
    memset(&b->st, 0, sizeof b->st);
    double before[GESTA_STAGE_COUNT];
    memcpy(before, w->stage, sizeof before);
    for (size_t i = 0; i < b->nrec; i++) {
        const gs_record *rec = &b->recs[i];
        b->st.documents++;
        b->st.bytes += rec->raw.len;
        double t0 = gs_now();
        int rc = gs_record_decode(rec, opt->default_date, gesta_engine_limits(r->eng), d);
        b->st.stage[GESTA_STAGE_DECODE] += gs_now() - t0;
        if (rc == 0) {
            rc = gesta_worker_run(w, &d->doc);
            if (rc == GESTA_ELIMIT) {
                snprintf(d->message, sizeof d->message,
                         "document of %zu bytes exceeds max_doc_bytes (%zu)",
                         d->doc.text_len + d->doc.title_len,
                         gesta_engine_limits(r->eng)->max_doc_bytes);
                d->error_offset = rec->offset;
            } else if (rc < 0) {
                snprintf(d->message, sizeof d->message, "%s", gesta_strerror(rc));
                d->error_offset = rec->offset;
            }
        }
        if (rc < 0) {
            if (rc == GESTA_ENOMEM)
                b->fatal = rc;
            b->st.errors++;
            gs_render_error(rec, d->doc.id, d->doc.id_len, rc, d->error_offset, d->message, false,
                            ej, lg);
            continue;
        }
        b->st.sentences += w->text.nsents;
        b->st.tokens += w->text.ntoks;
        b->st.events += w->nevents;
        double t1 = gs_now();
        if (gs_render(w, opt->output, &b->out) < 0)
            b->fatal = GESTA_ENOMEM;
        b->st.stage[GESTA_STAGE_RENDER] += gs_now() - t1;
        size_t nd = w->ndiags + (w->diags_dropped ? 1 : 0);
        b->st.warnings += w->ndiags + w->diags_dropped;
        if (nd && opt->warnings) {
            for (size_t k = 0; k < w->ndiags; k++) {
                const gesta_diag *dg = &w->diags[k];
                char msg[200];
                snprintf(msg, sizeof msg, "%s (%s byte %u)", dg->message,
                         dg->field == GESTA_FIELD_TITLE ? "title" : "text", dg->offset);
                gs_render_error(rec, d->doc.id, d->doc.id_len, dg->code, rec->offset, msg, true,
                                ej, lg);
            }
            if (w->diags_dropped) {
                char msg[120];
                snprintf(msg, sizeof msg, "%zu more diagnostics not shown", w->diags_dropped);
                gs_render_error(rec, d->doc.id, d->doc.id_len, GESTA_ELIMIT, rec->offset, msg,
                                true, ej, lg);
            }
        }
    }
    for (int k = GESTA_STAGE_TEXT; k <= GESTA_STAGE_CODE; k++)
        b->st.stage[k] += w->stage[k] - before[k];
    gs_docbuf_release(d);
}

typedef struct thread_arg {
    run *r;
    gesta_worker *w;
    gs_docbuf d;
} thread_arg;

static void *worker_main(void *arg)
{
    thread_arg *ta = arg;
    run *r = ta->r;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (!r->closing && r->taken == r->submitted)
            pthread_cond_wait(&r->cv_work, &r->mu);
        if (r->taken == r->submitted && r->closing) {
            pthread_mutex_unlock(&r->mu);
            return NULL;
        }
        batch *b = &r->ring[r->taken % r->nring];
        r->taken++;
        pthread_mutex_unlock(&r->mu);
        process_batch(r, ta->w, &ta->d, b);
        pthread_mutex_lock(&r->mu);
        b->state = B_DONE;
        pthread_cond_broadcast(&r->cv_done);
        pthread_mutex_unlock(&r->mu);
    }
}

/* --------------------------------------------------------------- reading */

static gs_record *batch_slot(batch *b)
{
    if (b->nrec == b->cap_rec) {
        size_t old = b->cap_rec;
        if (gs_grow((void **)&b->recs, &b->cap_rec, b->nrec + 1, sizeof(gs_record)) < 0)
            return NULL;
        memset(b->recs + old, 0, (b->cap_rec - old) * sizeof(gs_record));
    }
    return &b->recs[b->nrec];
}

/* Fills b with up to a batch of records from the inputs.  Returns 0, or
 * GESTA_ENOMEM. */
static int fill_batch(run *r, batch *b)
{
    b->nrec = 0;
    b->bytes = 0;
    b->fatal = 0;
    gs_buf_clear(&b->out);
    gs_buf_clear(&b->errs);
    gs_buf_clear(&b->log);
    while (!r->input_done && b->nrec < GS_BATCH_RECORDS && b->bytes < GS_BATCH_BYTES) {
        gs_record *rec = batch_slot(b);
        if (!rec)
            return GESTA_ENOMEM;
        const char *path = r->nfiles ? r->files[r->file_i] : "-";
        const char *display = (!path || !strcmp(path, "-")) ? "-" : path;
        if (!r->reader) {
            char *err = NULL;
            int rc = gs_reader_open(&r->reader, path, r->opt->input,
                                    gesta_engine_limits(r->eng), &err);
            if (rc < 0) {
                if (rc == GESTA_ENOMEM)
                    return rc;
                gs_record_clear(rec);
                rec->file = display;
                rec->format = GESTA_INPUT_TEXT;
                rec->error = rc;
                gs_buf_puts(&rec->message, err ? err : gesta_strerror(rc));
                free(err);
                b->nrec++;
                if (++r->file_i >= (r->nfiles ? r->nfiles : 1))
                    r->input_done = true;
                continue;
            }
        }
        rec->file = display;
        int rc = gs_reader_next(r->reader, rec);
        if (rc == GESTA_ENOMEM)
            return rc;
        if (rc > 0 && rec->kind != GS_REC_DOC && !rec->error)
            continue; /* settings of a validation file: only `gesta validate` uses them */
        if (rc > 0 || (rc < 0 && rec->error)) {
            b->bytes += rec->raw.len;
            b->nrec++;
        }
        if (rc <= 0) {
            gs_reader_close(r->reader);
            r->reader = NULL;
            if (++r->file_i >= (r->nfiles ? r->nfiles : 1))
                r->input_done = true;
        }
    }
    return 0;
}

/* --------------------------------------------------------------- writing */

static int write_all(FILE *f, const gs_buf *b)
{
    if (!f || !b->len)
        return 0;
    if (fwrite(b->data, 1, b->len, f) != b->len)
        return GESTA_EWRITE;
    return 0;
}

static int write_batch(run *r, batch *b, gesta_run_stats *total)
{
    total->documents += b->st.documents;
    total->sentences += b->st.sentences;
    total->tokens += b->st.tokens;
    total->events += b->st.events;
    total->errors += b->st.errors;
    total->warnings += b->st.warnings;
    total->bytes += b->st.bytes;
    for (int i = 0; i < GESTA_STAGE_COUNT; i++)
        total->stage[i] += b->st.stage[i];
    if (b->fatal)
        return b->fatal;
    double t0 = gs_now();
    if (write_all(r->opt->out, &b->out) < 0)
        return GESTA_EWRITE;
    write_all(r->opt->errors, &b->errs);
    write_all(r->opt->log, &b->log);
    total->stage[GESTA_STAGE_WRITE] += gs_now() - t0;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int gesta_run(const gesta_engine *eng, const gesta_run_options *opt, const char *const *files,
              size_t nfiles, gesta_run_stats *stats)
{
    if (!eng || !opt || !opt->out || (nfiles && !files))
        return GESTA_EINVAL;
    gesta_run_stats total;
    memset(&total, 0, sizeof total);
    double t0 = now();
    int threads = opt->threads < 1 ? 1 : opt->threads;
    if (threads > 256)
        threads = 256;
    run r;
    memset(&r, 0, sizeof r);
    r.eng = eng;
    r.opt = opt;
    r.files = files;
    r.nfiles = nfiles;
    r.nring = threads == 1 ? 1 : (size_t)threads * 2 + 2;
    r.ring = calloc(r.nring, sizeof(batch));
    thread_arg *ta = calloc((size_t)threads, sizeof(thread_arg));
    pthread_t *tids = calloc((size_t)threads, sizeof(pthread_t));
    int rc = 0, started = 0;
    if (!r.ring || !ta || !tids) {
        rc = GESTA_ENOMEM;
        goto out;
    }
    for (int i = 0; i < threads; i++) {
        ta[i].r = &r;
        if ((rc = gesta_worker_new(eng, &ta[i].w)) < 0)
            goto out;
    }
    {
        gs_buf hdr = GS_BUF_INIT;
        gs_render_header(opt->output, &hdr);
        rc = write_all(opt->out, &hdr);
        gs_buf_free(&hdr);
        if (rc < 0)
            goto out;
    }
    if (threads == 1) {
        batch *b = &r.ring[0];
        while (!r.input_done) {
            double tr = gs_now();
            rc = fill_batch(&r, b);
            total.stage[GESTA_STAGE_READ] += gs_now() - tr;
            if (rc < 0)
                goto out;
            process_batch(&r, ta[0].w, &ta[0].d, b);
            if ((rc = write_batch(&r, b, &total)) < 0)
                goto out;
        }
    } else {
        pthread_mutex_init(&r.mu, NULL);
        pthread_cond_init(&r.cv_work, NULL);
        pthread_cond_init(&r.cv_done, NULL);
        for (; started < threads; started++)
            if (pthread_create(&tids[started], NULL, worker_main, &ta[started]) != 0)
                break;
        if (started == 0) {
            rc = GESTA_ENOMEM;
        }
        while (rc == 0 && (!r.input_done || r.written < r.submitted)) {
            /* keep the ring full */
            while (!r.input_done && r.submitted - r.written < r.nring) {
                batch *b = &r.ring[r.submitted % r.nring];
                double tr = gs_now();
                rc = fill_batch(&r, b);
                total.stage[GESTA_STAGE_READ] += gs_now() - tr;
                if (rc < 0)
                    break;
                pthread_mutex_lock(&r.mu);
                b->state = B_FILLED;
                r.submitted++;
                pthread_cond_signal(&r.cv_work);
                pthread_mutex_unlock(&r.mu);
            }
            if (rc < 0 || r.written == r.submitted)
                break;
            batch *b = &r.ring[r.written % r.nring];
            pthread_mutex_lock(&r.mu);
            while (b->state != B_DONE)
                pthread_cond_wait(&r.cv_done, &r.mu);
            pthread_mutex_unlock(&r.mu);
            rc = write_batch(&r, b, &total);
            b->state = B_EMPTY;
            r.written++;
        }
        pthread_mutex_lock(&r.mu);
        r.closing = true;
        pthread_cond_broadcast(&r.cv_work);
        pthread_mutex_unlock(&r.mu);
        for (int i = 0; i < started; i++)
            pthread_join(tids[i], NULL);
        pthread_mutex_destroy(&r.mu);
        pthread_cond_destroy(&r.cv_work);
        pthread_cond_destroy(&r.cv_done);
    }
    if (rc == 0 && fflush(opt->out) != 0)
        rc = GESTA_EWRITE;
out:
    if (r.reader)
        gs_reader_close(r.reader);
    for (int i = 0; ta && i < threads; i++) {
        gesta_worker_free(ta[i].w);
        gs_docbuf_free(&ta[i].d);
    }
    for (size_t i = 0; r.ring && i < r.nring; i++) {
        batch *b = &r.ring[i];
        for (size_t k = 0; k < b->cap_rec; k++)
            gs_record_free(&b->recs[k]);
        free(b->recs);
        gs_buf_free(&b->out);
        gs_buf_free(&b->errs);
        gs_buf_free(&b->log);
    }
    free(r.ring);
    free(ta);
    free(tids);
    if (opt->errors)
        fflush(opt->errors);
    if (opt->log)
        fflush(opt->log);
    total.seconds = now() - t0;
    if (stats)
        *stats = total;
    if (rc == 0 && total.errors)
        rc = GESTA_EFAILED;
    return rc;
}
