// JavaScriptCore's C API, the same on Linux (Debian's libjavascriptcoregtk-4.1-dev) as in Apple's
// JavaScriptCore framework. Galley runs KaTeX in it when a book is built; only GalleyTypesetting
// imports this module.
#include <JavaScriptCore/JavaScript.h>
