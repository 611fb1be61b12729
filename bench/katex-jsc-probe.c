// KaTeX in JavaScriptCore's C API: how long a context takes to create and load katex.min.js, and
// how many formulas of formulas.json (written by katex-engines.sh) it typesets per second.
// Usage: ./jsc [REPS]
#include <JavaScriptCore/JavaScript.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double milliseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static char *read_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc(size + 1);
    if (fread(bytes, 1, size, file) != (size_t)size) { perror(path); exit(1); }
    bytes[size] = 0;
    fclose(file);
    return bytes;
}

static JSValueRef evaluate(JSGlobalContextRef context, const char *source) {
    JSStringRef script = JSStringCreateWithUTF8CString(source);
    JSValueRef exception = NULL;
    JSValueRef value = JSEvaluateScript(context, script, NULL, NULL, 1, &exception);
    JSStringRelease(script);
    if (exception) { fprintf(stderr, "a script failed\n"); exit(1); }
    return value;
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 20;
    double start = milliseconds();
    JSGlobalContextRef context = JSGlobalContextCreate(NULL);
    evaluate(context, read_file("/usr/share/javascript/katex/katex.min.js"));
    double loaded = milliseconds();

    const char *formulas = read_file("formulas.json");
    const char *loop =
        "function run(reps) { var n = 0; for (var r = 0; r < reps; r++) for (var i = 0; i < F.length; i++) {"
        " try { katex.renderToString(F[i].tex, {displayMode: F[i].display, output: 'htmlAndMathml',"
        " throwOnError: true, strict: 'ignore'}); } catch (e) {} n++; } return n; }";
    char *program = malloc(strlen(formulas) + strlen(loop) + 16);
    sprintf(program, "var F = %s;\n%s", formulas, loop);
    evaluate(context, program);

    char call[64];
    snprintf(call, sizeof call, "run(%d)", reps);
    double before = milliseconds();
    int count = (int)JSValueToNumber(context, evaluate(context, call), NULL);
    double after = milliseconds();
    printf("context+load %.1f ms; %d formulas in %.0f ms = %.0f/s\n", loaded - start, count, after - before,
           count / ((after - before) / 1e3));
    JSGlobalContextRelease(context);
    return 0;
}
