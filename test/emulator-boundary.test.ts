// The emulator is its own package and shares no code with the portal, in either direction:
// - emulator/ imports only its own files, Node built-ins and the packages its package.json lists
//   (plus the repository's media fixtures, which are data read with node:fs);
// - the portal's product code (everything but tests, e2e, bench and scripts) never imports it;
//   tests and harnesses may use it as a package or run it as a process;
// - the portal's default connection (lib/env.ts, product code) matches the emulator's seed.
// Imports are read with TypeScript's own pre-processor rather than a hand-written pattern.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { EMULATOR_DEMO_CREDENTIALS } from "@/lib/env";
import { emulatorCredentials } from "@/test/emulator-seed";

const root = path.resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", ".next", ".data", "generated", "test-results", "playwright-report", "bench", "e2e", "scripts", "test"]);

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((n) => {
    const rel = path.join(dir, n);
    if (SKIP.has(n) || n.startsWith(".next")) return [];
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx|mts)$/.test(n) && !n.endsWith(".d.ts") ? [rel] : [];
  });
}
const importsOf = (file: string) => ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true).importedFiles.map((f) => f.fileName);
const packageOf = (spec: string) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

describe("the emulator package boundary", () => {
  it("emulator/ imports nothing of the portal and only the packages it declares", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "emulator/package.json"), "utf8")) as { dependencies: object; devDependencies: object };
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const files = sources("emulator");
    expect(files.length).toBeGreaterThan(20);
    const crossing: string[] = [];
    for (const file of files)
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".")) {
          const target = path.relative(root, path.resolve(root, path.dirname(file), spec));
          if (!target.startsWith("emulator/") && !target.startsWith("test/fixtures/")) crossing.push(`${file} → ${spec}`);
        } else if (!spec.startsWith("node:") && !builtinModules.includes(spec) && !declared.has(packageOf(spec))) crossing.push(`${file} → ${spec}`);
      }
    expect(crossing).toEqual([]);
  });

  it("the portal's product code never imports the emulator", () => {
    const product = ["app", "components", "lib", "prisma", "public"]
      .flatMap((d) => sources(d))
      .concat(readdirSync(root).filter((n) => /\.tsx?$/.test(n) && !n.endsWith(".d.ts")));
    const tests = /\.(test|spec)\.tsx?$/;
    expect(product.length).toBeGreaterThan(50);
    const offending = product
      .filter((f) => !tests.test(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith("@twentythree-portal/emulator") || /(^|\/|@\/)emulator\//.test(s))
          .map((s) => `${f} → ${s}`),
      );
    expect(offending).toEqual([]);
  });

  it("the portal's default connection is the emulator's seeded write credentials", () => {
    expect(EMULATOR_DEMO_CREDENTIALS).toEqual(emulatorCredentials("write"));
  });
});
