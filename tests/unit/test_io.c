/*
 * test_io.c: the readers (JSON Lines, plain text, PETRARCH XML), record
 * decoding with its error messages, and gesta_run(): error records, line
 * numbers, limits, and output that does not depend on the thread count.
 */
#include "../../src/io/io.h"
#include "test.h"

#include <unistd.h>

static gesta_limits deflim(void)
{
    gesta_limits l;
    gesta_limits_default(&l);
    return l;
}

static void jsonl_lines_offsets_and_blank_lines(void)
{
    const char data[] = "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":3}";
    const char *path = test_tmpfile(".jsonl", data, sizeof data - 1);
    gesta_limits lim = deflim();
    gs_reader *r;
    char *err;
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_AUTO, &lim, &err), 0);
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_MEM(rec.raw.data, rec.raw.len, "{\"a\":1}");
    CHECK_INT(rec.line, 1);
    CHECK_INT(rec.offset, 0);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_MEM(rec.raw.data, rec.raw.len, "{\"b\":2}");
    CHECK_INT(rec.line, 4);
    CHECK_INT(rec.offset, 14);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_MEM(rec.raw.data, rec.raw.len, "{\"c\":3}");
    CHECK_INT(rec.line, 5);
    CHECK_INT(gs_reader_next(r, &rec), 0);
    gs_reader_close(r);
    gs_record_free(&rec);
    unlink(path);
}

static void jsonl_overlong_line_is_skipped(void)
{
    gesta_limits lim = deflim();
    lim.max_doc_bytes = 1000; /* line limit = 2*1000 + 64 KiB */
    size_t big = 300000;
    char *data = malloc(big + 64);
    size_t n = 0;
    n += (size_t)sprintf(data, "{\"x\":1}\n");
    memset(data + n, 'a', big);
    n += big;
    n += (size_t)sprintf(data + n, "\n{\"y\":2}\n");
    const char *path = test_tmpfile(".jsonl", data, n);
    free(data);
    gs_reader *r;
    char *err;
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_JSONL, &lim, &err), 0);
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_INT(rec.error, 0);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_INT(rec.error, GESTA_ELIMIT);
    CHECK_INT(rec.line, 2);
    CHECK_INT(rec.offset, 8);
    CHECK(rec.raw.len == 0);
    CHECK(strstr(rec.message.data, "300000 bytes") != NULL);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_MEM(rec.raw.data, rec.raw.len, "{\"y\":2}");
    CHECK_INT(rec.line, 3);
    CHECK_INT(gs_reader_next(r, &rec), 0);
    gs_reader_close(r);
    gs_record_free(&rec);
    unlink(path);
}

static int decode(const char *json, gs_docbuf *d, int32_t def)
{
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    rec.file = "x.jsonl";
    rec.format = GESTA_INPUT_JSONL;
    rec.offset = 100;
    gs_buf_puts(&rec.raw, json);
    gesta_limits lim = deflim();
    int rc = gs_record_decode(&rec, def, &lim, d);
    gs_record_free(&rec);
    return rc;
}

static void jsonl_decoding_and_errors(void)
{
    gs_docbuf d;
    memset(&d, 0, sizeof d);
    CHECK_INT(decode("{\"id\":\"a1\",\"date\":\"1987-02-26\",\"title\":\"T\",\"text\":\"Hi.\"}", &d, 0), 0);
    CHECK_MEM(d.doc.id, d.doc.id_len, "a1");
    CHECK_INT(d.doc.date, 19870226);
    CHECK_MEM(d.doc.title, d.doc.title_len, "T");
    CHECK_MEM(d.doc.text, d.doc.text_len, "Hi.");
    CHECK_INT(decode("{\"id\":7,\"date\":\"19870226\",\"title\":null,\"text\":\"\"}", &d, 0), 0);
    CHECK_MEM(d.doc.id, d.doc.id_len, "7");
    CHECK(d.doc.title == NULL);
    CHECK_INT(decode("{\"id\":\"a\",\"text\":\"x\"}", &d, 20200101), 0);
    CHECK_INT(d.doc.date, 20200101);
    CHECK_INT(decode("{\"id\":\"a\",\"text\":\"x\"}", &d, 0), GESTA_EFIELD);
    CHECK_STR(d.message, "missing field \"date\" (and no --date given)");
    CHECK_INT(decode("{\"id\":\"a\",\"date\":\"1987-02-30\",\"text\":\"x\"}", &d, 0), GESTA_EDATE);
    CHECK_INT(decode("{\"id\":\"a\",\"date\":\"1987-02-26\",\"text\":5}", &d, 0), GESTA_EFIELD);
    CHECK_STR(d.message, "field \"text\" is an integer, not a string");
    CHECK_INT(decode("{\"id\":[1],\"date\":\"1987-02-26\",\"text\":\"x\"}", &d, 0), GESTA_EFIELD);
    CHECK_INT(decode("{\"date\":\"1987-02-26\",\"text\":\"x\"}", &d, 0), GESTA_EFIELD);
    CHECK_STR(d.message, "missing field \"id\"");
    CHECK_INT(decode("[1,2]", &d, 0), GESTA_EFIELD);
    CHECK_STR(d.message, "record is an array, not a JSON object");
    CHECK_INT(decode("{\"id\":\"a\",\"text\":\"x", &d, 0), GESTA_EJSON);
    CHECK(strstr(d.message, "malformed JSON") != NULL);
    CHECK(d.error_offset >= 100);
    /* invalid UTF-8 inside a JSON string is malformed JSON */
    CHECK_INT(decode("{\"id\":\"a\",\"date\":\"1987-02-26\",\"text\":\"\xff\"}", &d, 0), GESTA_EJSON);
    /* nesting beyond max_json_depth */
    char deep[200] = "{\"id\":\"a\",\"date\":\"1987-02-26\",\"text\":\"x\",\"z\":";
    size_t k = strlen(deep);
    for (int i = 0; i < 40; i++)
        deep[k++] = '[';
    for (int i = 0; i < 40; i++)
        deep[k++] = ']';
    deep[k++] = '}';
    deep[k] = 0;
    CHECK_INT(decode(deep, &d, 0), GESTA_ELIMIT);
    /* a NUL escaped in the text is kept, not a truncation */
    CHECK_INT(decode("{\"id\":\"a\",\"date\":\"1987-02-26\",\"text\":\"a\\u0000b\"}", &d, 0), 0);
    CHECK_INT(d.doc.text_len, 3);
    gs_docbuf_free(&d);
}

static void xml_sentences_and_expectations(void)
{
    const char data[] =
        "<Validation><Sentences>\n"
        "<Sentence date=\"19950101\" id=\"DEMO-00\" category=\"DEMO\">\n"
        "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
        "<Text>\nArnor is about to restore ties with Gondor.\n</Text>\n"
        "<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>\n"
        "</Sentence>\n"
        "<Sentence date=\"19950102\" id=\"DEMO-01\"><Text>Second &amp; last.</Text></Sentence>\n"
        "<Sentence id=\"DEMO-02\"><Parse/></Sentence>\n"
        "</Sentences></Validation>\n";
    const char *path = test_tmpfile(".xml", data, sizeof data - 1);
    gesta_limits lim = deflim();
    gs_reader *r;
    char *err;
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_AUTO, &lim, &err), 0);
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_STR(rec.id.data, "DEMO-00");
    CHECK_STR(rec.date.data, "19950101");
    CHECK_STR(rec.raw.data, "\nArnor is about to restore ties with Gondor.\n");
    CHECK_STR(rec.expect.data,
              "event\tsourcecode=ARN\ttargetcode=GON\teventcode=064\tnoevents=\terror=\n");
    CHECK_INT(rec.line, 2);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_STR(rec.id.data, "DEMO-01");
    CHECK_STR(rec.raw.data, "Second & last.");
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_INT(rec.error, GESTA_EFIELD);
    CHECK_INT(gs_reader_next(r, &rec), 0);
    gs_reader_close(r);
    gs_record_free(&rec);
    unlink(path);
}

static void xml_malformed_and_deep(void)
{
    const char bad[] = "<Sentences>\n<Sentence date=\"19950101\" id=\"A\"><Text>One.</Text></Sentence>\n"
                       "<Sentence date=\"19950101\" id=\"B\"><Text>Two.</Txt></Sentence>\n"
                       "<Sentence date=\"19950101\" id=\"C\"><Text>Three.</Text></Sentence>\n"
                       "</Sentences>\n";
    const char *path = test_tmpfile(".xml", bad, sizeof bad - 1);
    gesta_limits lim = deflim();
    gs_reader *r;
    char *err;
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_AUTO, &lim, &err), 0);
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    int errors = 0, good = 0, rc;
    char ids[16] = "";
    while ((rc = gs_reader_next(r, &rec)) > 0) {
        if (rec.error) {
            errors++;
            CHECK_INT(rec.error, GESTA_EXML);
            CHECK_INT(rec.line, 3);
        } else {
            good++;
            strcat(ids, rec.id.data);
        }
    }
    /* the error is reported at its line; libxml2 recovers the records */
    CHECK_INT(errors, 1);
    CHECK_STR(ids, "ABC");
    gs_reader_close(r);
    unlink(path);

    char deep[4096];
    size_t k = 0;
    k += (size_t)sprintf(deep, "<Sentences>");
    for (int i = 0; i < 100; i++)
        k += (size_t)sprintf(deep + k, "<a>");
    for (int i = 0; i < 100; i++)
        k += (size_t)sprintf(deep + k, "</a>");
    sprintf(deep + k, "</Sentences>");
    path = test_tmpfile(".xml", deep, strlen(deep));
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_AUTO, &lim, &err), 0);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_INT(rec.error, GESTA_ELIMIT);
    CHECK_INT(gs_reader_next(r, &rec), 0);
    gs_reader_close(r);
    gs_record_free(&rec);
    unlink(path);
}

static void text_file_limit(void)
{
    gesta_limits lim = deflim();
    lim.max_doc_bytes = 100000;
    char *data = malloc(600000);
    memset(data, 'x', 600000);
    const char *path = test_tmpfile(".txt", data, 600000);
    free(data);
    gs_reader *r;
    char *err;
    CHECK_INT(gs_reader_open(&r, path, GESTA_INPUT_AUTO, &lim, &err), 0);
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    CHECK_INT(gs_reader_next(r, &rec), 1);
    CHECK_INT(rec.error, GESTA_ELIMIT);
    CHECK(strstr(rec.message.data, "600000 bytes") != NULL);
    CHECK_INT(gs_reader_next(r, &rec), 0);
    gs_reader_close(r);
    gs_record_free(&rec);
    unlink(path);
    CHECK_INT(gs_reader_open(&r, "/nonexistent/x.txt", GESTA_INPUT_AUTO, &lim, &err), GESTA_EIO);
    CHECK(err && strstr(err, "cannot open"));
    free(err);
}

/* Runs gesta_run on files and returns the output. */
static int run_to_string(const char *const *files, size_t n, int threads, int output, char **out,
                         size_t *outlen, char **errs, size_t *errlen, gesta_run_stats *st)
{
    gesta_engine *eng;
    if (gesta_engine_new(NULL, &eng) < 0)
        return -100;
    gesta_run_options o;
    gesta_run_options_default(&o);
    o.threads = threads;
    o.output = (gesta_output_format)output;
    o.out = open_memstream(out, outlen);
    o.errors = open_memstream(errs, errlen);
    o.log = NULL;
    int rc = gesta_run(eng, &o, files, n, st);
    fclose(o.out);
    fclose(o.errors);
    gesta_engine_free(eng);
    return rc;
}

static void run_error_records_and_threads(void)
{
    /* good, bad JSON, wrong type, good, invalid UTF-8, missing date */
    const char data[] =
        "{\"id\":\"g1\",\"date\":\"2025-06-04\",\"text\":\"Seoul said Tokyo met Beijing. Talks ended.\"}\n"
        "{\"id\":\"b1\",\"date\":\"2025-06-04\",\"text\":\"cut\n"
        "{\"id\":\"b2\",\"date\":\"2025-06-04\",\"text\":[\"x\"]}\n"
        "{\"id\":\"g2\",\"date\":\"20250605\",\"title\":\"A title\",\"text\":\"One. Two. Three.\"}\n"
        "{\"id\":\"b3\",\"date\":\"2025-06-04\",\"text\":\"bad \xff byte\"}\n"
        "{\"id\":\"b4\",\"text\":\"no date\"}\n";
    const char *path = test_tmpfile(".jsonl", data, sizeof data - 1);
    const char *files[] = {path, "/nonexistent.jsonl"};
    char *out1, *err1, *out4, *err4;
    size_t n1, e1, n4, e4;
    gesta_run_stats st;
    CHECK_INT(run_to_string(files, 2, 1, GESTA_OUTPUT_SPLIT, &out1, &n1, &err1, &e1, &st),
              GESTA_EFAILED);
    CHECK_INT(st.documents, 7);
    CHECK_INT(st.errors, 5);
    CHECK_INT(st.sentences, 6);
    CHECK(strstr(out1, "g1\t0\ttext\t0\t29\tSeoul said Tokyo met Beijing.\n") != NULL);
    CHECK(strstr(out1, "g2\t0\ttitle\t0\t7\tA title\n") != NULL);
    CHECK(strstr(err1, "\"line\":2,") && strstr(err1, "GESTA_EJSON"));
    CHECK(strstr(err1, "\"line\":3,") && strstr(err1, "\"id\":\"b2\""));
    CHECK(strstr(err1, "\"line\":5,"));
    CHECK(strstr(err1, "\"line\":6,") && strstr(err1, "missing field \\\"date\\\""));
    CHECK(strstr(err1, "/nonexistent.jsonl") && strstr(err1, "GESTA_EIO"));
    CHECK_INT(run_to_string(files, 2, 4, GESTA_OUTPUT_SPLIT, &out4, &n4, &err4, &e4, &st),
              GESTA_EFAILED);
    CHECK(n1 == n4 && !memcmp(out1, out4, n1));
    CHECK(e1 == e4 && !memcmp(err1, err4, e1));
    free(out1);
    free(err1);
    free(out4);
    free(err4);
    unlink(path);
}

static void run_many_records_threads_identical(void)
{
    /* enough records for several batches */
    gs_buf b = GS_BUF_INIT;
    for (int i = 0; i < 1500; i++)
        gs_buf_printf(&b,
                      "{\"id\":\"d%d\",\"date\":\"2025-01-01\",\"text\":\"Record %d has text. "
                      "It ends here, said Mr. Smith of the U.S. Army.\"}\n",
                      i, i);
    const char *path = test_tmpfile(".jsonl", b.data, b.len);
    gs_buf_free(&b);
    const char *files[] = {path};
    char *o1, *o3, *e1, *e3;
    size_t n1, n3, m1, m3;
    gesta_run_stats s1, s3;
    CHECK_INT(run_to_string(files, 1, 1, GESTA_OUTPUT_TOKENS, &o1, &n1, &e1, &m1, &s1), 0);
    CHECK_INT(run_to_string(files, 1, 3, GESTA_OUTPUT_TOKENS, &o3, &n3, &e3, &m3, &s3), 0);
    CHECK_INT(s1.documents, 1500);
    CHECK_INT(s1.sentences, 3000);
    CHECK(n1 == n3 && !memcmp(o1, o3, n1));
    CHECK(strstr(o1, "d1499\t1\tIt ends here , said Mr. Smith of the U.S. Army .\n") != NULL);
    free(o1);
    free(o3);
    free(e1);
    free(e3);
    unlink(path);
}

const test_case io_tests[] = {
    {"io/jsonl_lines", jsonl_lines_offsets_and_blank_lines},
    {"io/jsonl_overlong", jsonl_overlong_line_is_skipped},
    {"io/jsonl_decode", jsonl_decoding_and_errors},
    {"io/xml_sentences", xml_sentences_and_expectations},
    {"io/xml_malformed", xml_malformed_and_deep},
    {"io/text_limit", text_file_limit},
    {"io/run_errors_threads", run_error_records_and_threads},
    {"io/run_threads_identical", run_many_records_threads_identical},
    {NULL, NULL}};
