// Small helpers of scripts/start.ts: waiting for ports, deciding whether to rebuild, the generated
// AUTH_SECRET, and checking settings before anything is started.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { parseEnv } from "../../lib/env";
import { StartError } from "./start-errors";

export function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve();
      });
      s.once("error", () => {
        s.destroy();
        if (Date.now() > deadline)
          reject(new StartError(`nothing listens on port ${port}`, "the server did not come up in time", "see the lines above for why"));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function needsBuild(root: string): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "public", "prisma"].map((d) => newestMtime(path.join(root, d)));
  const files = ["package-lock.json", "next.config.ts", "instrumentation.ts"].map((f) =>
    existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0,
  );
  return Math.max(...sources, ...files) > built;
}

export function persistentSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** A port setting: unset or empty (as copied from .env.example) means the default. */
export function portSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new StartError(`a setting is invalid`, `${name} must be a port number from 1 to 65535`, "fix it in .env or the environment (see .env.example)");
  return n;
}

/** Every setting the portal will parse, checked now so a typo stops us before anything runs.
 * Values npm start fills in itself (database, secret) get stand-ins here. */
export function checkSettings(env: NodeJS.ProcessEnv, dev: boolean): void {
  parseEnv({
    ...env,
    NODE_ENV: dev ? "development" : "production",
    DATABASE_URL: env.DATABASE_URL || "postgresql://embedded.invalid/portal",
    AUTH_SECRET: env.AUTH_SECRET || "x".repeat(32),
  });
}
