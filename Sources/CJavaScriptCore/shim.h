// JavaScriptCore's C API, the same on Linux (Debian's libjavascriptcoregtk-4.1-dev) as in Apple's
// JavaScriptCore framework. Galley runs KaTeX in it when a book is built; only GalleyTypesetting
// imports this module.
#include <JavaScriptCore/JavaScript.h>
#include <stdbool.h>

// The watchdog that stops a script running too long. Both builds of JavaScriptCore export it
// (`nm -D libjavascriptcoregtk-4.1.so`), but declare it in JSContextRefPrivate.h, which Debian
// does not install; its declaration, as that header gives it:
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);
JS_EXPORT void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                                   JSShouldTerminateCallback callback, void *context);
