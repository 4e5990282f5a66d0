// npm run validate — every check, the static ones side by side, then every test.
// Static checks (types, lint, import structure, OpenAPI lint) share no state, so they run in
// parallel; the test suites start real servers on fixed ports, so they run after, in order.
import { spawn } from "node:child_process";

const run = (script) =>
  new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ script, code, output }));
  });

const started = Date.now();
const checks = await Promise.all(["typecheck", "lint", "check:structure", "lint:openapi"].map(run));
for (const { script, code, output } of checks) {
  console.log(`== ${script}: ${code === 0 ? "ok" : `FAILED (exit ${code})`}`);
  if (code !== 0) console.log(output.trim());
}
console.log(`static checks in ${Math.round((Date.now() - started) / 1000)} s`);
if (checks.some((c) => c.code !== 0)) process.exit(1);
if (process.env.VALIDATE_STATIC_ONLY) process.exit(0);

const test = spawn("npm", ["test"], { stdio: "inherit" });
test.on("exit", (code) => process.exit(code ?? 1));
