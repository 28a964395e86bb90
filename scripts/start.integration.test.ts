// `npm start` failures are one line (what failed, the likely cause, what to do), never a stack
// trace: the real start script against a port someone else holds and against a bad setting; the
// real PostgreSQL start against binaries that are not executable; a real ENOSPC from the kernel.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startCluster } from "./lib/pg-cluster";
import { packagedInstall } from "./lib/pg-place";
import { describeStartError } from "./lib/start-errors";

const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--prod"], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

const expectOneLine = (r: { code: number | null; out: string; err: string }, pattern: RegExp) => {
  expect(r.code).toBe(1);
  const lines = r.err.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.out + r.err).not.toMatch(/^\s+at /m); // no stack frames
};

describe("npm start refuses clearly", () => {
  let blocker: net.Server;
  let blocked: number;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    blocked = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(() => blocker.close());

  it("when the portal's port is taken", async () => {
    const r = await start({ PORT: String(blocked), EMULATOR_PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expectOneLine(r, new RegExp(`^\\[portal\\] cannot start: port ${blocked} is in use: .*Stop it, or choose another port`));
  }, 60_000);

  it("when the emulator's port is taken", async () => {
    const r = await start({ PORT: String(await freePort()), EMULATOR_PORT: String(blocked), EMBEDDED_PG_PORT: String(await freePort()) });
    expectOneLine(r, new RegExp(`port ${blocked} is in use`));
  }, 60_000);

  it("when a setting is bad, naming the setting and not its value", async () => {
    const r = await start({ PORT: String(await freePort()), APP_URL: "not-a-url-secretish", EMULATOR_PORT: String(await freePort()) });
    expectOneLine(r, /^\[portal\] cannot start: a setting is invalid: APP_URL: .*absolute URL.*Fix it in \.env/);
    expect(r.err).not.toContain("secretish");
    const p = await start({ PORT: "eighty" });
    expectOneLine(p, /a setting is invalid: PORT must be a port number/);
  }, 60_000);
});

describe("PostgreSQL start failures", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "pg-broken-"));
    chmodSync(dir, 0o755); // our own temp folder; as root the postgres user must reach it
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("binaries that are not executable: one line naming the binary", async () => {
    const real = packagedInstall();
    const broken = path.join(dir, "native");
    cpSync(path.join(real.dir, "bin"), path.join(broken, "bin"), { recursive: true });
    for (const sub of ["lib", "share"]) symlinkSync(path.join(real.dir, sub), path.join(broken, sub));
    chmodSync(path.join(broken, "bin", "initdb"), 0o644);
    const err = await startCluster({ dataDir: path.join(dir, "data", "pg"), port: await freePort(), install: { dir: broken, version: "broken" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeStartError(err)).toMatch(/^cannot run .*\/bin\/initdb: it is not executable .*Run `npm install` again/);
  });

  it("a full disk (a real ENOSPC from /dev/full)", () => {
    let err: unknown;
    try {
      writeFileSync("/dev/full", "data");
    } catch (e) {
      err = e;
    }
    expect(describeStartError(err)).toMatch(/^disk full: no space left on the device\. Free some space .*start again$/);
  });
});
