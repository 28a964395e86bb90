// `npm start` (production) and `npm run dev`: embedded PostgreSQL when DATABASE_URL is unset,
// migrations, the emulator when no TwentyThree site is configured, demo data in embedded mode,
// then the portal. Ctrl-C / SIGTERM stop every child and the database cluster.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { startCluster, type Cluster } from "./lib/pg-cluster";

const dev = process.argv.includes("--dev");
const root = process.cwd();
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const E = process.env;
const say = (line: string) => console.log(`[portal] ${line}`);

const children: ChildProcess[] = [];
let cluster: Cluster | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGTERM");
          setTimeout(() => c.kill("SIGKILL"), 10_000).unref();
        }),
    ),
  );
  await cluster?.stop().catch(() => {});
  say("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// npm runs us through `sh -c`, which does not pass SIGTERM on: if our parent goes away we are
// orphaned (reparented), and we stop everything rather than leave a database running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 1000).unref();

function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
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
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port}`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...E, ...extraEnv } });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      say(`${path.basename(args[1] ?? cmd)} exited (${signal ?? code}); stopping everything`);
      void shutdown(code ?? 1);
    }
  });
  return child;
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

function needsBuild(): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "public", "prisma"].map((d) => newestMtime(path.join(root, d)));
  const files = ["package-lock.json", "next.config.ts", "instrumentation.ts"].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0));
  return Math.max(...sources, ...files) > built;
}

function persistentSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

async function main() {
  const port = Number(E.PORT ?? 3000);
  const emulatorPort = Number(E.EMULATOR_PORT ?? 4023);
  E.PORT = String(port);
  E.APP_URL ??= `http://localhost:${port}`;
  const embedded = !E.DATABASE_URL;
  if (embedded) {
    say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/postgres)");
    cluster = await startCluster({ dataDir: path.join(root, ".data", "postgres"), port: Number(E.EMBEDDED_PG_PORT ?? 54329) });
    await cluster.ensureDatabase("portal");
    E.DATABASE_URL = cluster.urlFor("portal");
  }
  if (!E.AUTH_SECRET) {
    // Sessions and stored credentials need a stable secret; keep a generated one beside the data.
    E.AUTH_SECRET = persistentSecret(path.join(root, ".data", "auth-secret"));
    say("AUTH_SECRET is not set: using the generated one in .data/auth-secret");
  }
  E.AUTH_TRUST_HOST ??= "true";

  const { migrate } = await import("../lib/migrate");
  const r = await migrate(E.DATABASE_URL!, { log: say });
  say(`database ready (${r.applied.length} migration(s) applied, ${r.alreadyApplied.length} already)`);

  const useEmulator = !E.TWENTYTHREE_API_URL;
  if (useEmulator) {
    if (existsSync(path.join(root, "emulator", "main.ts"))) {
      run(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
        EMULATOR_PORT: String(emulatorPort),
        EMULATOR_CORS_ORIGINS: E.EMULATOR_CORS_ORIGINS ?? E.APP_URL!,
      });
      await waitForPort(emulatorPort);
    } else {
      say("no TwentyThree site configured and the emulator is not built yet: uploads will not work");
    }
  }

  let demo: { adminCreated: boolean; adminSkipped: boolean; linkCreated: boolean } | undefined;
  if (embedded) {
    const { createDb } = await import("../lib/db");
    const { seedDemo } = await import("../lib/seed");
    const client = createDb(E.DATABASE_URL!);
    demo = await seedDemo(client, { appUrl: E.APP_URL });
    await client.$disconnect();
    if (demo.adminSkipped) say(`APP_URL (${E.APP_URL}) is not a loopback address: no demo admin with a published password; create the first admin at ${E.APP_URL}/setup`);
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!dev && needsBuild()) {
    say("building the portal (first start or sources changed)…");
    const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...E, NODE_ENV: "production" } });
    children.push(build);
    const code = await new Promise<number>((res) => build.on("exit", (c) => res(c ?? 1)));
    children.splice(children.indexOf(build), 1);
    if (code !== 0) throw new Error("next build failed");
  }
  // scripts/serve.ts rather than `next start`: it stamps each request with the socket's address.
  run(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : []), "-p", String(port)], { NODE_ENV: dev ? "development" : "production" });
  await waitForPort(port, 120_000);

  const { DEMO_ADMIN } = await import("../lib/seed");
  const lines = [
    "",
    `Portal:        ${E.APP_URL}`,
    `Admin:         ${E.APP_URL}/admin`,
    `Health:        ${E.APP_URL}/api/health`,
    useEmulator ? `Emulator:      http://localhost:${emulatorPort} (TwentyThree stand-in; demo credentials in README)` : `TwentyThree:   ${E.TWENTYTHREE_API_URL}`,
  ];
  if (embedded) {
    lines.push(`Demo intake:   ${E.APP_URL}/u/demo`);
    if (demo?.adminSkipped) lines.push(`Demo admin:    not created (APP_URL is not a loopback address); first admin: ${E.APP_URL}/setup`);
    else lines.push(`Demo admin:    ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}  (demo only${demo?.adminCreated ? ", created now" : ""})`);
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch((err) => {
  console.error(`[portal] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
