// Playwright's web server: a fresh database on the test cluster, the emulator as its own process
// (real HTTP between portal and emulator), and the built portal (scripts/serve.ts, as `npm start`
// serves it), all on the ports scripts/test.ts picked. The demo link is seeded; no user is, so the
// first-run setup can be tested.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { emulatorNodeArgs } from "../scripts/lib/emulator-process";
import { startCluster, freePort, type Cluster } from "../scripts/lib/pg-cluster";
import { migrate } from "../lib/migrate";
import { startMailCatcher } from "../mailcatcher/catcher";
import { E2E_AUTH_SECRET } from "./constants";

const portalPort = Number(process.env.E2E_PORT ?? 3100);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4123);
const appUrl = `http://localhost:${portalPort}`;
const children: ChildProcess[] = [];
let cluster: Cluster | undefined;

async function stop() {
  for (const c of children) c.kill("SIGTERM");
  await cluster?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
// If Playwright goes away without stopping us, do not leave a portal and an emulator behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();

let adminUrl = process.env.TEST_PG_ADMIN_URL;
if (!adminUrl) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  chmodSync(dir, 0o755);
  cluster = await startCluster({ dataDir: path.join(dir, "pg"), port: await freePort() });
  adminUrl = cluster.adminUrl;
}
const dbName = process.env.E2E_DB_NAME ?? `e2e_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
await migrate(dbUrl.toString());

// The team's mail goes to the embedded catcher, as under `npm start` without SMTP_URL; tests read
// it over its inbox (e2e/db.ts caughtMail).
const catcher = await startMailCatcher({ smtpPort: Number(process.env.E2E_MAIL_SMTP_PORT ?? 1125), webPort: Number(process.env.E2E_MAIL_WEB_PORT ?? 1180) });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: dbUrl.toString(),
  APP_URL: appUrl,
  PORT: String(portalPort),
  AUTH_SECRET: E2E_AUTH_SECRET,
  AUTH_TRUST_HOST: "true",
  EMULATOR_PORT: String(emulatorPort),
  EMULATOR_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "portal-e2e-emulator-")),
  EMULATOR_CORS_ORIGINS: appUrl,
  EMULATOR_PINGBACK_URL: `${appUrl}/api/twentythree/pingback`,
  // Long enough that the visitor's page and the admin list (each polling, after the verification
  // and first follow jobs) show "processing" before "ready": at 10 s a fresh CI clone once saw
  // only "ready", and at 20 s "processing" once came later than the test's 10 s wait.
  EMULATOR_TRANSCODE_SECONDS: process.env.EMULATOR_TRANSCODE_SECONDS ?? "30",
  UPLOAD_CHUNK_BYTES: process.env.UPLOAD_CHUNK_BYTES ?? String(256 * 1024),
  UPLOAD_CHUNK_THRESHOLD_BYTES: process.env.UPLOAD_CHUNK_THRESHOLD_BYTES ?? String(2 * 1024 * 1024),
  TWENTYTHREE_API_URL: "",
  SMTP_URL: `smtp://localhost:${catcher.smtpPort}`,
  // A reminder "hour" is one second, so e2e/invitations.spec.ts sees a reminder within a minute.
  INVITE_REMINDER_HOUR_SECONDS: "1",
};

children.push(spawn(process.execPath, emulatorNodeArgs(), { stdio: "inherit", env }));

// Seed with the same settings the portal will run with (default connection → this emulator).
Object.assign(process.env, env);
const { createDb } = await import("../lib/db");
const { seedDemo } = await import("../lib/seed");
const db = createDb(env.DATABASE_URL!);
await seedDemo(db, { admin: false });
await db.$disconnect();

// Served like `npm start` serves it (scripts/serve.ts stamps the socket's address on each request),
// trusting no proxy: tests that rotate X-Forwarded-For must not gain anything.
children.push(
  spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(portalPort)], { stdio: "inherit", env: { ...env, TRUSTED_PROXY_HOPS: "0" } }),
);
