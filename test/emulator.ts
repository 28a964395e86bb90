// The emulator as the portal's tests use it: its seeded credentials (test/emulator-seed.ts) and
// an in-process instance with its control endpoints (/_emulator/faults, /_emulator/objects) as small helpers.
// Tests may depend on the emulator package; the portal's own code never does.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@twentythree-portal/emulator";
export { emulatorCredentials, EMULATOR_SECRETS, type EmulatorLevel } from "@/test/emulator-seed";

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
      fetch(
        `${emu.url}/_emulator/faults`,
        body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : { method: "DELETE" },
      ),
    objects: async <T>() => (await (await fetch(`${emu.url}/_emulator/objects`)).json()) as T[],
    async close() {
      await emu.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
