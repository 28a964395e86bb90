// The emulator as the portal's tests use it: its seeded credentials in the portal's shape, read
// from the emulator package itself (the one place they are written), and an in-process instance
// with its control endpoints (/_emulator/faults, /_emulator/objects) as small helpers.
// Tests may depend on the emulator package; the portal's own code never does.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@twentythree-portal/emulator";
import { SEED } from "@twentythree-portal/emulator/seed";

export type EmulatorLevel = "write" | "super" | "read";

/** The emulator's seeded credentials for `level`, shaped like the portal's TwentyThree config. */
export function emulatorCredentials(level: EmulatorLevel = "write") {
  const c = SEED.credentials.find((x) => x.level === level);
  if (!c) throw new Error(`the emulator seeds no ${level} credentials`);
  return { consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, accessToken: c.accessToken, accessTokenSecret: c.accessSecret };
}

/** Every secret the emulator seeds: none may ever reach a page, a log or an error message. */
export const EMULATOR_SECRETS: string[] = SEED.credentials.flatMap((c) => [c.consumerSecret, c.accessToken, c.accessSecret]);

export type TestEmulator = RunningEmulator & {
  dataDir: string;
  /** Sets faults (POST) or clears them all (null). */
  faults(body: Record<string, unknown> | null): Promise<Response>;
  /** Every stored object, as /_emulator/objects lists it. */
  objects<T = Record<string, unknown>>(): Promise<T[]>;
};

/** An emulator on a free port with its own data dir (removed on close). */
export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "portal-emu-"));
  chmodSync(dataDir, 0o755);
  const emu = await startEmulator({ port: 0, quiet: true, ...opts, dataDir });
  return {
    ...emu,
    dataDir,
    faults: (body) =>
      fetch(`${emu.url}/_emulator/faults`, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : { method: "DELETE" }),
    objects: async <T,>() => (await (await fetch(`${emu.url}/_emulator/objects`)).json()) as T[],
    async close() {
      await emu.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
