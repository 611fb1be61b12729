// The C surface Galley uses: cmark-gfm's parser and its extension API, and the GFM core
// extensions (table, strikethrough, autolink, tasklist, tagfilter). Nothing outside
// GalleyMarkdown imports this module.
#ifndef GALLEY_CCMARKGFM_SHIM_H
#define GALLEY_CCMARKGFM_SHIM_H

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

#endif
