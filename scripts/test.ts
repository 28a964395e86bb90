// `npm test`: type check, Vitest (unit + integration against a throwaway PostgreSQL), then
// Playwright in real Chromium against servers this run starts on free ports. Ends with one
// line "N passed, N failed, N skipped" totalled over both runners.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { provisionChromium, systemProbes } from "./lib/browser";
import { freePort, startCluster } from "./lib/pg-cluster";
import { describeStartError } from "./lib/start-errors";

const root = process.cwd();
// `npm test -- unit` / `-- e2e` / `-- types` / `-- lint` runs one part; other arguments go to Playwright
// (e.g. `npm test -- e2e e2e/intake.spec.ts`).
const PARTS = ["types", "lint", "unit", "e2e"];
const args = process.argv.slice(2);
const only = args.filter((a) => PARTS.includes(a));
const playwrightArgs = args.filter((a) => !PARTS.includes(a));
const want = (part: string) => only.length === 0 || only.includes(part);
const tmp = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
chmodSync(tmp, 0o755);

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
const bin = (pkg: string, rel: string) => path.join(root, "node_modules", pkg, rel);

// The three parts of `npm run lint`, defined once in package.json.
const LINT_CHECKS: [string, string][] = [
  ["ESLint", "lint:code"],
  ["Dependency rules (dependency-cruiser)", "lint:deps"],
  ["Format (prettier --check)", "format:check"],
];

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };

// The browser first: the emulator's Vitest suite drives it too, and installing it may take a while.
let browserError: string | undefined;
if (want("unit") || want("e2e")) {
  const browser = await provisionChromium(systemProbes());
  if ("error" in browser) {
    // Never a silent skip: no browser is a failed run, said once, up front.
    browserError = browser.error;
    console.error(browserError);
    totals.failed += 1;
  } else {
    process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = browser.executable;
    console.log(`Chromium for the browser tests: ${browser.executable} (${browser.source})`);
  }
}

const cluster = await startCluster({ dataDir: path.join(tmp, "pg"), port: await freePort() }).catch((err: unknown) => {
  console.error(`Cannot start the test database: ${describeStartError(err)}`);
  console.log(`\n${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped`);
  process.exit(1);
});
const baseEnv = { TEST_PG_ADMIN_URL: cluster.adminUrl, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" };
let exitCode = 0;
try {
  if (want("types")) {
    console.log("\n== Type check (tsc --noEmit)");
    const code = await run(process.execPath, [bin("typescript", "bin/tsc"), "--noEmit", "-p", "."]);
    if (code === 0) totals.passed += 1;
    else totals.failed += 1;
  }

  if (want("lint")) {
    // Three checks, each counted as one test: ESLint, the dependency rules, the formatter.
    for (const [title, script] of LINT_CHECKS) {
      console.log(`\n== ${title}`);
      if ((await run("npm", ["run", "-s", script])) === 0) totals.passed += 1;
      else totals.failed += 1;
    }
  }

  if (want("unit")) {
    console.log("\n== Vitest: unit and integration tests");
    const out = path.join(tmp, "vitest.json");
    const code = await run(
      process.execPath,
      [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
      baseEnv,
    );
    if (existsSync(out)) {
      const r = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
      totals.passed += r.numPassedTests;
      totals.failed += r.numFailedTests;
      totals.skipped += r.numPendingTests + r.numTodoTests;
      if (code !== 0 && r.numFailedTests === 0) totals.failed += 1; // a suite that failed to load
    } else totals.failed += 1;
  }

  if (want("e2e")) {
    console.log("\n== Playwright: browser journeys");
    if (browserError) {
      console.error("Playwright not run: no Chromium (see the message at the start).");
    } else {
      const distDir = process.env.E2E_DIST_DIR || ".next-test";
      const build = await run(process.execPath, [bin("next", "dist/bin/next"), "build"], { ...baseEnv, NEXT_DIST_DIR: distDir, NODE_ENV: "production" });
      if (build !== 0) totals.failed += 1;
      else {
        const out = path.join(tmp, "playwright.json");
        const env = {
          ...baseEnv,
          NEXT_DIST_DIR: distDir,
          E2E_PORT: String(await freePort()),
          E2E_EMULATOR_PORT: String(await freePort()),
          E2E_MAIL_SMTP_PORT: String(await freePort()),
          E2E_MAIL_WEB_PORT: String(await freePort()),
          PW_JSON_OUTPUT: out,
        };
        const code = await run(process.execPath, [bin("@playwright/test", "cli.js"), "test", ...playwrightArgs], env);
        if (existsSync(out)) {
          const r = JSON.parse(readFileSync(out, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
          totals.passed += r.stats.expected + r.stats.flaky;
          totals.failed += r.stats.unexpected;
          totals.skipped += r.stats.skipped;
          if (code !== 0 && r.stats.unexpected === 0) totals.failed += 1;
        } else totals.failed += 1;
      }
    }
  }
} finally {
  await cluster.stop();
  rmSync(tmp, { recursive: true, force: true });
}
if (totals.failed > 0) exitCode = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
