// How `npm test` gets its Chromium: every decision with injected probes, then the real fallback
// path on this machine with a PATH and install list that hide the system browser.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findChromium, provisionChromium, systemProbes, type Probes } from "./browser";

function probes(over: Partial<Probes> & { files?: string[]; own?: () => string | undefined } = {}) {
  const files = new Set(over.files ?? []);
  const calls: string[] = [];
  const p: Probes = {
    env: {},
    pathDirs: ["/opt/bin", "/usr/bin"],
    systemPaths: ["/usr/lib/chromium/chromium"],
    isExecutable: (f) => files.has(f),
    playwrightBrowser: over.own ?? (() => undefined),
    installPlaywrightChromium: async () => (calls.push("playwright install chromium"), 1),
    run: async (cmd, args) => (calls.push([cmd, ...args].join(" ")), 0),
    isRoot: false,
    say: () => {},
    ...over,
  };
  return { p, calls, files };
}

describe("finding a Chromium", () => {
  it("uses PLAYWRIGHT_CHROMIUM_EXECUTABLE first", () => {
    const { p } = probes({ env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE: "/x/chrome" }, files: ["/x/chrome", "/usr/bin/chromium"] });
    expect(findChromium(p)).toEqual({ executable: "/x/chrome", source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" });
  });

  it("a PLAYWRIGHT_CHROMIUM_EXECUTABLE that is not executable is an error, not a reason to install", async () => {
    const { p, calls } = probes({ env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE: "/nope" }, files: ["/usr/bin/chromium"] });
    const r = await provisionChromium(p);
    expect(r).toEqual({ error: expect.stringContaining("PLAYWRIGHT_CHROMIUM_EXECUTABLE is /nope") });
    expect(calls).toEqual([]);
  });

  it("then PATH, in PATH order, for each usual name", () => {
    const { p } = probes({ files: ["/usr/bin/chromium", "/opt/bin/google-chrome", "/usr/lib/chromium/chromium"] });
    expect(findChromium(p)).toEqual({ executable: "/opt/bin/google-chrome", source: "PATH" });
  });

  it("then the usual install paths, then Playwright's own browser", () => {
    expect(findChromium(probes({ files: ["/usr/lib/chromium/chromium"] }).p)).toEqual({ executable: "/usr/lib/chromium/chromium", source: "system" });
    expect(findChromium(probes({ own: () => "/pw/chrome" }).p)).toEqual({ executable: "/pw/chrome", source: "Playwright's browser" });
    expect(findChromium(probes().p)).toBeUndefined();
  });
});

describe("installing one when there is none", () => {
  it("tries playwright install first and uses its browser when it works", async () => {
    let installed = false;
    const { p, calls } = probes({ own: () => (installed ? "/pw/chrome" : undefined), isRoot: true, files: ["/usr/bin/apt-get"] });
    p.installPlaywrightChromium = async () => ((installed = true), calls.push("playwright install chromium"), 0);
    expect(await provisionChromium(p)).toEqual({ executable: "/pw/chrome", source: "installed by playwright" });
    expect(calls).toEqual(["playwright install chromium"]);
  });

  it("as root, falls back to apt-get update && apt-get install chromium, then finds it", async () => {
    const { p, calls, files } = probes({ isRoot: true, files: ["/usr/bin/apt-get"] });
    p.run = async (cmd, args) => {
      calls.push([cmd, ...args].join(" "));
      if (args.includes("install")) files.add("/usr/bin/chromium");
      return 0;
    };
    expect(await provisionChromium(p)).toEqual({ executable: "/usr/bin/chromium", source: "installed by apt-get" });
    expect(calls).toEqual(["playwright install chromium", "apt-get update", "apt-get install -y chromium"]);
  });

  it("not root: does not touch the package manager and says what failed, once", async () => {
    const { p, calls } = probes({ files: ["/usr/bin/apt-get"] });
    const r = await provisionChromium(p);
    expect(calls).toEqual(["playwright install chromium"]);
    expect("error" in r && r.error).toMatch(/playwright install chromium` failed.*not root.*PLAYWRIGHT_CHROMIUM_EXECUTABLE/);
  });

  it("a failing package manager stops there and is named in the message", async () => {
    const { p, calls } = probes({ isRoot: true, files: ["/usr/bin/apt-get"] });
    p.run = async (cmd, args) => (calls.push([cmd, ...args].join(" ")), args[0] === "update" ? 100 : 0);
    const r = await provisionChromium(p);
    expect(calls).toEqual(["playwright install chromium", "apt-get update"]);
    expect("error" in r && r.error).toContain("`apt-get update` failed (exit 100)");
  });
});

describe("on this machine, with the system browser hidden", () => {
  it("falls through to a real `playwright install chromium` and either gets its browser or says why not", async () => {
    const browsers = mkdtempSync(path.join(os.tmpdir(), "pw-browsers-"));
    try {
      // A PATH without any Chromium, no install paths, and Playwright's cache in an empty folder.
      const env = { ...process.env, PLAYWRIGHT_CHROMIUM_EXECUTABLE: "", PLAYWRIGHT_BROWSERS_PATH: browsers };
      const real = systemProbes({ env, say: () => {} });
      const pathDirs = real.pathDirs.filter((d) => !findChromium({ ...real, env: {}, pathDirs: [d], systemPaths: [], playwrightBrowser: () => undefined }));
      const r = await provisionChromium({ ...real, pathDirs, systemPaths: ["/nonexistent/usr/bin/chromium"], isRoot: false });
      if ("error" in r) expect(r.error).toMatch(/^No Chromium for the browser tests.*`playwright install chromium` failed.*not root/);
      else expect(r).toEqual({ executable: expect.stringContaining(browsers), source: "installed by playwright" });
    } finally {
      rmSync(browsers, { recursive: true, force: true });
    }
  }, 600_000);
});
