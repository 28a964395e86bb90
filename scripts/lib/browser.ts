// Which Chromium the browser tests use, installing one when the machine has none, so `npm test` is
// the only command a fresh clone needs. Order: PLAYWRIGHT_CHROMIUM_EXECUTABLE; a system Chromium
// or Chrome (PATH, then the usual install paths); Playwright's own browser; then install one:
// `playwright install chromium` (needs its download host), then the OS package manager when root.
// Decisions take their probes as arguments so the unit test can drive every branch.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const PATH_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];
export const SYSTEM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/usr/lib/chromium/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];
/** OS packages that provide a Chromium, per package manager (tried only as root). */
export const PACKAGE_MANAGERS: { bin: string; steps: string[][] }[] = [
  {
    bin: "apt-get",
    steps: [
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "chromium"],
    ],
  },
  { bin: "dnf", steps: [["dnf", "install", "-y", "chromium"]] },
  { bin: "apk", steps: [["apk", "add", "--no-cache", "chromium"]] },
];

export type Probes = {
  env: Record<string, string | undefined>;
  /** Folders of PATH, in order. */
  pathDirs: string[];
  /** Absolute install locations to try after PATH. */
  systemPaths: string[];
  isExecutable(file: string): boolean;
  /** Playwright's own browser if it is downloaded, else undefined. */
  playwrightBrowser(): string | undefined;
  /** `playwright install chromium`; resolves with its exit code. */
  installPlaywrightChromium(): Promise<number>;
  /** Runs a command (output shown to the user); resolves with its exit code, never rejects. */
  run(cmd: string, args: string[], env?: Record<string, string>): Promise<number>;
  isRoot: boolean;
  say(line: string): void;
};

export type Found = { executable: string; source: string };

/** A Chromium already on this machine, without installing anything. */
export function findChromium(
  p: Pick<Probes, "env" | "pathDirs" | "systemPaths" | "isExecutable" | "playwrightBrowser">,
): Found | { error: string } | undefined {
  const fromEnv = p.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE?.trim();
  if (fromEnv) {
    // Asked for explicitly: a wrong value is an error, not a reason to pick another browser.
    if (p.isExecutable(fromEnv)) return { executable: fromEnv, source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" };
    return { error: `PLAYWRIGHT_CHROMIUM_EXECUTABLE is ${fromEnv}, which is not an executable file. Fix or unset it.` };
  }
  for (const dir of p.pathDirs)
    for (const name of PATH_NAMES) {
      const file = path.join(dir, name);
      if (p.isExecutable(file)) return { executable: file, source: "PATH" };
    }
  for (const file of p.systemPaths) if (p.isExecutable(file)) return { executable: file, source: "system" };
  const own = p.playwrightBrowser();
  if (own) return { executable: own, source: "Playwright's browser" };
  return undefined;
}

/** Find a Chromium, or install one; `error` is one message saying what was tried. */
export async function provisionChromium(p: Probes): Promise<Found | { error: string }> {
  const found = findChromium(p);
  if (found) return found;
  const tried: string[] = [];

  p.say("no Chromium found: trying `playwright install chromium` (downloads Playwright's browser)…");
  const code = await p.installPlaywrightChromium();
  const own = p.playwrightBrowser();
  if (code === 0 && own) return { executable: own, source: "installed by playwright" };
  tried.push(`\`playwright install chromium\` failed (exit ${code}; its download host may be unreachable)`);

  const manager = PACKAGE_MANAGERS.find((m) => p.pathDirs.some((d) => p.isExecutable(path.join(d, m.bin))));
  if (!p.isRoot) tried.push("not root, so the OS package manager was not used");
  else if (!manager) tried.push("no known OS package manager (apt-get, dnf, apk) on PATH");
  else {
    p.say(`installing Chromium with ${manager.bin}: ${manager.steps.map((s) => s.join(" ")).join(" && ")}`);
    let ok = true;
    for (const [cmd, ...args] of manager.steps) {
      const c = await p.run(cmd!, args, { DEBIAN_FRONTEND: "noninteractive" });
      if (c !== 0) {
        tried.push(`\`${[cmd, ...args].join(" ")}\` failed (exit ${c})`);
        ok = false;
        break;
      }
    }
    const after = ok ? findChromium(p) : undefined;
    if (after && !("error" in after)) return { ...after, source: `installed by ${manager.bin}` };
    if (ok) tried.push(`${manager.bin} finished but no Chromium was found afterwards`);
  }
  return {
    error:
      `No Chromium for the browser tests, and installing one failed: ${tried.join("; ")}. ` +
      "Install Chromium or Chrome yourself (Debian/Ubuntu: `sudo apt-get install chromium`) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to one, then run `npm test` again.",
  };
}

/** The real machine's probes. */
export function systemProbes(opts: { say?: (l: string) => void; env?: NodeJS.ProcessEnv } = {}): Probes {
  const require = createRequire(import.meta.url);
  const env = opts.env ?? process.env;
  const run: Probes["run"] = (cmd, args, extra = {}) =>
    new Promise((resolve) => {
      const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...env, ...extra } });
      // A download that hangs must not hold the test run forever.
      const timer = setTimeout(() => child.kill("SIGKILL"), 15 * 60_000);
      child.once("error", () => resolve(127));
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve(code ?? 1);
      });
    });
  return {
    env,
    pathDirs: (env.PATH ?? "").split(path.delimiter).filter(Boolean),
    systemPaths: SYSTEM_PATHS,
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    playwrightBrowser: () => playwrightOwnChromium(env),
    run,
    installPlaywrightChromium: () =>
      run(process.execPath, [path.join(path.dirname(require.resolve("@playwright/test/package.json")), "cli.js"), "install", "chromium"]),
    isRoot: process.getuid?.() === 0,
    say: opts.say ?? ((l) => console.log(`[browser] ${l}`)),
  };
}

/** Playwright's downloaded Chromium, if present (its path is known even when not downloaded).
 * Asked in a child process: playwright-core reads PLAYWRIGHT_BROWSERS_PATH once, when loaded. */
function playwrightOwnChromium(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const script = "process.stdout.write(require('playwright-core').chromium.executablePath())";
    const file = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env }).stdout.trim();
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}
