/*
 * text.h: the first stage of the pipeline, bytes -> tokens -> sentences.
 *
 * gs_tokenize() reads one field of a document (title or text) and appends
 * Penn-Treebank-style tokens, each with its byte span in the original field
 * and its normalised form.  gs_segment() groups the tokens of the text field
 * into sentences, recognising a headline at the top and a dateline at the
 * start of the body.  Neither allocates per token: token arrays grow
 * geometrically and normalised forms that differ from the original bytes
 * live in the worker's arena.
 */
#ifndef GESTA_TEXT_H
#define GESTA_TEXT_H

#include "../core/core.h"

/* Token flags. */
enum {
    GS_TF_SPACE = 1 << 0,    /* whitespace before the token */
    GS_TF_NL = 1 << 1,       /* a line break before the token */
    GS_TF_PARA = 1 << 2,     /* a paragraph break before (blank line or indented line) */
    GS_TF_CAP = 1 << 3,      /* first character is an upper-case letter */
    GS_TF_ALLCAPS = 1 << 4,  /* has letters, none lower-case */
    GS_TF_DIGIT = 1 << 5,    /* first character is a digit */
    GS_TF_ALPHA = 1 << 6,    /* contains a letter */
    GS_TF_PUNCT = 1 << 7,    /* punctuation or symbol only */
    GS_TF_ABBR = 1 << 8,     /* word with its abbreviation period attached */
    GS_TF_NONASCII = 1 << 9, /* original bytes are not all ASCII */
    GS_TF_CUT = 1 << 10,     /* token was cut at max_token_bytes */
    GS_TF_LOWER = 1 << 11,   /* first character is a lower-case letter */
    GS_TF_BLANK = 1 << 12    /* a blank line before the token */
};

typedef struct gs_tok {
    uint32_t start, end;  /* span in the original field */
    const char *norm;     /* normalised form, not NUL-terminated */
    uint32_t norm_len;
    uint16_t flags;
    uint8_t field;        /* gesta_field */
    uint8_t pad_;
} gs_tok;

typedef struct gs_sent {
    uint32_t first, count; /* tokens */
    uint32_t start, end;   /* span in field */
    uint32_t paragraph;
    uint8_t field;
} gs_sent;

/* Diagnostics sink: the worker collects these per document. */
typedef struct gs_diag_sink {
    int (*emit)(void *ctx, int code, int field, uint32_t offset, const char *msg);
    void *ctx;
} gs_diag_sink;

typedef struct gs_text {
    gs_arena *arena;
    const gesta_limits *lim;
    gs_diag_sink diag;
    /* token array (owned by the worker, grows) */
    gs_tok *toks;
    size_t ntoks, cap_toks;
    gs_sent *sents;
    size_t nsents, cap_sents;
    gesta_span dateline;
} gs_text;

/* Tokenises s[0..n) of the given field, appending to t->toks.  Invalid
 * UTF-8 and over-long tokens are reported through t->diag.  Returns 0 or
 * GESTA_ENOMEM. */
int gs_tokenize(gs_text *t, const char *s, size_t n, int field);

/* Segments the tokens toks[first..t->ntoks) of one field into sentences
 * appended to t->sents.  For the text field with detect_title set, a
 * headline line at the top becomes a sentence of its own; a dateline at the
 * start of the body is excluded from sentences and stored in t->dateline.
 * s is the field's bytes (for looking at line structure).  Returns 0 or
 * GESTA_ENOMEM. */
int gs_segment(gs_text *t, size_t first, const char *s, size_t n, int field, bool detect_title);

/* Abbreviation classes used by the tokenizer and the segmenter. */
enum {
    GS_ABBR_NONE = 0,
    GS_ABBR_TITLE,   /* Mr. Dr. Gen.: never ends a sentence before a name */
    GS_ABBR_NUMBER,  /* No. Jan. Art.: does not end a sentence before a number */
    GS_ABBR_OTHER    /* Inc. Corp. U.S. Calif.: may end a sentence */
};
/* The class of word w[0..n) (without its period) as an abbreviation. */
int gs_abbrev_class(const char *w, size_t n);

/* The matching key of the word w[0..n): letters lower-cased and, for words
 * with non-ASCII letters, case-folded and stripped of diacritics with
 * utf8proc ("Erdoğan" and "ERDOGAN" give "erdogan").  Writes at most cap-1
 * bytes and a NUL to out; returns the key's length, or 0 when the word is
 * empty or its key does not fit (such a word matches nothing). */
size_t gs_fold_word(const char *w, size_t n, char *out, size_t cap);

#endif /* GESTA_TEXT_H */
