// KaTeX in node: how long loading katex.min.js takes, and how many formulas of formulas.json
// (written by katex-engines.sh) it typesets per second. Usage: node bench.js [REPS]
const started = process.hrtime.bigint();
const katex = require("/usr/share/javascript/katex/katex.min.js");
const loaded = process.hrtime.bigint();
const formulas = require("./formulas.json");
const reps = Number(process.argv[2] || 20);
let count = 0;
const before = process.hrtime.bigint();
for (let r = 0; r < reps; r++) {
  for (const formula of formulas) {
    try {
      katex.renderToString(formula.tex, {
        displayMode: formula.display, output: "htmlAndMathml", throwOnError: true, strict: "ignore",
      });
    } catch (error) {}
    count++;
  }
}
const after = process.hrtime.bigint();
const ms = (from, to) => Number(to - from) / 1e6;
console.log(`load ${ms(started, loaded).toFixed(1)} ms; ${count} formulas in ${ms(before, after).toFixed(0)} ms = ` +
  `${(count / (ms(before, after) / 1e3)).toFixed(0)}/s`);
