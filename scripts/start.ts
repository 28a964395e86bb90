// `npm start` (production) and `npm run dev`: embedded PostgreSQL when DATABASE_URL is unset,
// migrations, the emulator when no TwentyThree site is configured, demo data in embedded mode,
// then the portal. Ctrl-C / SIGTERM stop the portal (and with it its background jobs) and the
// emulator first, the database last. Any failure to start is one line, never a stack trace.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { emulatorEntry, emulatorNodeArgs } from "./lib/emulator-process";
import { assertPortFree, startCluster, type Cluster } from "./lib/pg-cluster";
import { describeStartError, StartError } from "./lib/start-errors";
import { checkSettings, needsBuild, persistentSecret, portSetting, waitForPort } from "./lib/start-util";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const say = (line: string) => console.log(`[portal] ${line}`);

const children: ChildProcess[] = [];
let cluster: Cluster | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (children.length || cluster) say("stopping…");
  // The portal first: it stops pg-boss while the database is still there to talk to.
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
  if (code === 0) say("stopped");
  process.exit(code);
}

function fail(err: unknown) {
  if (stopping) return;
  console.error(`[portal] cannot start: ${describeStartError(err)}`);
  void shutdown(1);
}

// SIGHUP: the terminal closed. The database runs in its own session and would not hear of it.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void shutdown(0));
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
// npm runs us through `sh -c`, which does not pass SIGTERM on: if our parent goes away we are
// orphaned (reparented), and we stop everything rather than leave a database running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 1000).unref();

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { stdio: "inherit", env });
  children.push(child);
  child.once("error", fail);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[portal] cannot continue: ${path.basename(args[1] ?? cmd)} exited (${signal ?? code}); see the lines above. Stopping everything`);
      void shutdown(code || 1);
    }
  });
  return child;
}

async function main() {
  if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
  const E = process.env;
  // Check everything we can before starting anything: settings, then the ports we will need.
  const port = portSetting(E, "PORT", 3000);
  const emulatorPort = portSetting(E, "EMULATOR_PORT", 4023);
  const pgPort = portSetting(E, "EMBEDDED_PG_PORT", 54329);
  const mailPorts = [portSetting(E, "MAIL_CATCHER_SMTP_PORT", 1025), portSetting(E, "MAIL_CATCHER_WEB_PORT", 1080)] as const;
  checkSettings(E, dev);
  const catchMail = !E.SMTP_URL;
  const embedded = !E.DATABASE_URL;
  const useEmulator = !E.TWENTYTHREE_API_URL && emulatorEntry() !== undefined;
  for (const p of [port, ...(useEmulator ? [emulatorPort] : []), ...(embedded ? [pgPort] : []), ...(catchMail ? mailPorts : [])]) await assertPortFree(p);
  E.PORT = String(port);
  E.APP_URL ||= `http://localhost:${port}`;

  if (embedded) {
    cluster = await startCluster({ dataDir: path.join(root, ".data", "postgres"), port: pgPort, ownProcessGroup: true });
    say(`DATABASE_URL is not set: embedded PostgreSQL on port ${pgPort}, data in ${cluster.dataDir}`);
    await cluster.ensureDatabase("portal");
    E.DATABASE_URL = cluster.urlFor("portal");
  }
  if (!E.AUTH_SECRET) {
    // Sessions and stored credentials need a stable secret; keep a generated one beside the data.
    E.AUTH_SECRET = persistentSecret(path.join(root, ".data", "auth-secret"));
    say("AUTH_SECRET is not set: using the generated one in .data/auth-secret");
  }
  E.AUTH_TRUST_HOST ||= "true";

  const { migrate } = await import("../lib/migrate");
  const r = await migrate(E.DATABASE_URL!, { log: say });
  say(`database ready (${r.applied.length} migration(s) applied, ${r.alreadyApplied.length} already)`);

  let mailInbox: string | undefined;
  if (catchMail) {
    // No SMTP server configured: catch the team's mail locally instead (mailcatcher/catcher.ts).
    const { startMailCatcher } = await import("../mailcatcher/catcher");
    const c = await startMailCatcher({ smtpPort: mailPorts[0], webPort: mailPorts[1] });
    E.SMTP_URL = `smtp://localhost:${c.smtpPort}`;
    mailInbox = c.webUrl;
    say(`SMTP_URL is not set: e-mail is caught locally, read it at ${c.webUrl}`);
  }

  if (useEmulator) {
    run(process.execPath, emulatorNodeArgs(), {
      ...E,
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_CORS_ORIGINS: E.EMULATOR_CORS_ORIGINS || E.APP_URL,
      // TwentyThree's pingback, pointed at the portal: processing state changes show at once.
      EMULATOR_PINGBACK_URL: E.EMULATOR_PINGBACK_URL || `${E.APP_URL}/api/twentythree/pingback`,
    });
    await waitForPort(emulatorPort);
  } else if (!E.TWENTYTHREE_API_URL) {
    say("no TwentyThree site configured and the emulator is not built yet: uploads will not work");
  }

  let demo: { adminCreated: boolean; adminSkipped: boolean; linkCreated: boolean } | undefined;
  if (embedded) {
    const { createDb } = await import("../lib/db");
    const { seedDemo } = await import("../lib/seed");
    const client = createDb(E.DATABASE_URL!);
    demo = await seedDemo(client, { appUrl: E.APP_URL });
    await client.$disconnect();
    if (demo.adminSkipped)
      say(`APP_URL (${E.APP_URL}) is not a loopback address: no demo admin with a published password; create the first admin at ${E.APP_URL}/setup`);
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!dev && needsBuild(root)) {
    say("building the portal (first start or sources changed)…");
    const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...E, NODE_ENV: "production" } });
    children.push(build);
    const code = await new Promise<number>((res) => build.on("exit", (c) => res(c ?? 1)));
    children.splice(children.indexOf(build), 1);
    if (stopping) return;
    if (code !== 0) throw new StartError("building the portal failed", "next build reported errors (above)", "fix them, or delete .next and start again");
  }
  // scripts/serve.ts rather than `next start`: it stamps each request with the socket's address.
  run(process.execPath, ["--import", "tsx", "scripts/serve.ts", ...(dev ? ["--dev"] : []), "-p", String(port)], {
    ...E,
    NODE_ENV: dev ? "development" : "production",
  });
  await waitForPort(port, 120_000);

  const { DEMO_ADMIN } = await import("../lib/seed");
  const lines = [
    "",
    `Portal:        ${E.APP_URL}`,
    `Admin:         ${E.APP_URL}/admin`,
    `Health:        ${E.APP_URL}/api/health`,
    mailInbox ? `Mail (caught): ${mailInbox}  (set SMTP_URL to send real mail)` : `Mail via:      ${E.SMTP_URL!.replace(/\/\/[^@/]+@/, "//***@")}`,
    useEmulator
      ? `Emulator:      http://localhost:${emulatorPort} (TwentyThree stand-in; demo credentials in README)`
      : `TwentyThree:   ${E.TWENTYTHREE_API_URL}`,
  ];
  if (embedded) {
    lines.push(`Demo intake:   ${E.APP_URL}/u/demo`);
    if (demo?.adminSkipped) lines.push(`Demo admin:    not created (APP_URL is not a loopback address); first admin: ${E.APP_URL}/setup`);
    else lines.push(`Demo admin:    ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}  (demo only${demo?.adminCreated ? ", created now" : ""})`);
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch(fail);
