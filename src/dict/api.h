/*
 * api.h: loading a set of dictionaries (files, directories, PETRARCH
 * config files or one compiled file) into one gs_dict.
 */
#ifndef GESTA_DICT_API_H
#define GESTA_DICT_API_H

#include "dict.h"

int gs_dict_load_set(const char *const *paths, size_t n, const gesta_limits *lim,
                     gesta_report_fn report, void *ctx, bool warnings, gs_dict **out);

#endif
