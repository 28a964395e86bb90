// The one way the portal's harnesses (`npm start`, the e2e server, the bench) run the emulator:
// a child `node --import tsx <entry>` on the workspace package's main.ts, found through the
// package (node_modules/@twentythree-portal/emulator) rather than a path each harness spells.
// A child process, never an import: the emulator shares no code with the portal.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The emulator's entry file, or undefined when the workspace package is not installed. */
export function emulatorEntry(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve("@twentythree-portal/emulator/package.json")), "main.ts");
  } catch {
    return undefined;
  }
}

/** Arguments for `spawn(process.execPath, …)` that start the emulator (settings come from env). */
export function emulatorNodeArgs(): string[] {
  const entry = emulatorEntry();
  if (!entry) throw new Error("the emulator workspace package (emulator/) is not installed: run `npm install`");
  return ["--import", "tsx", entry];
}
