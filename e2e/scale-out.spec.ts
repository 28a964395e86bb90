// Scaling out (issue #20), shown rather than claimed: two portal instances (scripts/serve.ts, as
// `npm start` serves it) on one PostgreSQL behind a round-robin balancer (e2e/round-robin.ts).
// Its own database, so only these two instances run jobs and spend limits; the emulator is the
// e2e harness's. A session made on one instance works on the other, the mint limit per address
// holds across both, concurrent copies of each callback split across the instances give one row
// each, each verification job runs once, and a link's quota closes it on both.
// Over 200 lines: the two instances, their balancer and database are set up once for both journeys.
import { test, expect } from "./test";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { readFileSync } from "node:fs";
import pg from "pg";
import { freePort } from "../scripts/lib/pg-cluster";
import { migrate } from "../lib/migrate";
import { MINT_LIMITS } from "../lib/limits";
import { actionIds } from "../bench/lib/action";
import { fixturePath } from "../test/fixtures/index";
import { E2E_AUTH_SECRET } from "./constants";
import { roundRobin, type Balancer } from "./round-robin";

test.use({ storageState: { cookies: [], origins: [] } });
test.setTimeout(240_000);

const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4123);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-test";
type Instance = { port: number; child: ChildProcess; out: string[] };
const instances: Instance[] = [];
let balancer: Balancer;
let dbUrl: string;
let sql: pg.Pool;

async function waitHealthy(port: number) {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`portal on ${port} did not become healthy`);
}

/** A request to the balancer from a chosen loopback address (the address the balancer forwards). */
function send(opts: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  from?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: balancer.port, localAddress: opts.from ?? "127.0.0.1", method: opts.method ?? "GET", path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

test.beforeAll(async () => {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error("Run e2e tests through `npm test` (TEST_PG_ADMIN_URL is set there)");
  const name = `${process.env.E2E_DB_NAME ?? "e2e"}_scale`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  dbUrl = u.toString();
  await migrate(dbUrl);
  sql = new pg.Pool({ connectionString: dbUrl, max: 2 });

  const ports = [await freePort(), await freePort()];
  balancer = await roundRobin(ports);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: dbUrl,
    APP_URL: `http://localhost:${balancer.port}`,
    AUTH_SECRET: E2E_AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    EMULATOR_PORT: String(emulatorPort),
    TWENTYTHREE_API_URL: "",
    TRUSTED_PROXY_HOPS: "1", // the balancer
    LOG_LEVEL: "info",
  };
  // Seeded as the e2e harness seeds its database (default connection → the emulator, demo link).
  Object.assign(process.env, { DATABASE_URL: dbUrl, EMULATOR_PORT: String(emulatorPort), TWENTYTHREE_API_URL: "" });
  const { createDb } = await import("../lib/db");
  const { seedDemo } = await import("../lib/seed");
  const db = createDb(dbUrl);
  await seedDemo(db, { admin: false });
  await db.$disconnect();

  for (const port of ports) {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: string[] = [];
    child.stdout!.on("data", (d: Buffer) => out.push(...d.toString("utf8").split("\n").filter(Boolean)));
    child.stderr!.on("data", () => {});
    instances.push({ port, child, out });
  }
  await Promise.all(ports.map(waitHealthy));
});

test.afterAll(async () => {
  await balancer?.close();
  await Promise.all(
    instances.map(
      (i) => new Promise<void>((resolve) => (i.child.exitCode !== null ? resolve() : (i.child.once("exit", () => resolve()), i.child.kill("SIGTERM")))),
    ),
  );
  await sql?.end();
});

test("a session made on one instance works on the other", async ({ page }) => {
  const [a, b] = instances;
  await page.goto(`http://localhost:${a!.port}/admin`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill("Scale Admin");
  await page.getByLabel("Email").fill("scale@e2e.test");
  await page.getByLabel("Password", { exact: true }).fill("scale-admin-password-1");
  await page.getByLabel("Repeat the password").fill("scale-admin-password-1");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  // Same browser, the other instance: its session cookie (localhost cookies ignore the port).
  await page.goto(`http://localhost:${b!.port}/admin`);
  await expect(page).toHaveURL(new RegExp(`localhost:${b!.port}/admin$`));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("limits, callbacks, jobs and quotas hold across two instances", async () => {
  const actionId = actionIds(distDir)["lib/intake/actions.ts#prepareUpload"];
  expect(actionId, "prepareUpload in the build's server reference manifest").toBeTruthy();
  const origin = `http://localhost:${balancer.port}`;
  const mint = (n: number, from: string) =>
    send({
      method: "POST",
      path: "/u/demo",
      from,
      headers: { host: `localhost:${balancer.port}`, origin, "next-action": actionId!, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify([
        "demo",
        { name: `Scale ${n}`, email: `scale${n}@example.com`, title: "", description: "", consent: "on" },
        { fileCount: 1, background: false },
      ]),
    });

  // 1. The per-address mint limit, spent through both instances at once: exactly its maximum.
  const served0 = [...balancer.served];
  const tries = MINT_LIMITS.perIp.max + 6;
  const answers = await Promise.all(Array.from({ length: tries }, (_, n) => mint(n, "127.0.0.2")));
  const minted = answers.filter((a) => a.status === 200 && a.text.includes('"ok":true'));
  const refused = answers.filter((a) => a.text.includes("Too many uploads were started from here"));
  expect(minted).toHaveLength(MINT_LIMITS.perIp.max);
  expect(refused).toHaveLength(6);
  expect(balancer.served.map((s, i) => s - served0[i]!)).toEqual([tries / 2, tries / 2]);

  // 2. Six uploads; each callback sent twice at once, one copy to each instance (round-robin).
  const tokens = minted.slice(0, 6).map((a) => JSON.parse(/"token":(\{[^}]*\})/.exec(a.text)![1]!) as { uploadToken: string; redeemUrl: string });
  const clip = readFileSync(fixturePath("clip.mp4"));
  const callbacks: string[] = [];
  for (const t of tokens) {
    const form = new FormData();
    form.set("upload_token", t.uploadToken);
    form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
    const res = await fetch(t.redeemUrl, { method: "POST", body: form, redirect: "manual" });
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/api/twentythree/callback");
    callbacks.push(location.pathname + location.search);
  }
  const served1 = [...balancer.served];
  const results = await Promise.all(callbacks.flatMap((path) => [send({ path }), send({ path })]));
  expect(results.map((r) => r.status)).toEqual(callbacks.flatMap(() => [303, 303]));
  expect(balancer.served.map((s, i) => s - served1[i]!)).toEqual([callbacks.length, callbacks.length]);
  const photoIds = callbacks.map((p) => new URLSearchParams(p.split("?")[1]).get("photo_id")!);
  const { rows } = await sql.query<{ photo_id: string; n: number }>(
    "SELECT photo_id, count(*)::int AS n FROM uploads WHERE photo_id = ANY($1) GROUP BY photo_id",
    [photoIds],
  );
  expect(rows.map((r) => [r.photo_id, r.n]).sort()).toEqual(photoIds.map((p) => [p, 1]).sort());

  // 3. Each upload's verification job ran exactly once, on one of the two instances.
  await expect
    .poll(async () => (await sql.query("SELECT count(*)::int AS n FROM uploads WHERE photo_id = ANY($1) AND state = 'VERIFIED'", [photoIds])).rows[0].n, {
      timeout: 60_000,
    })
    .toBe(6);
  const { rows: ups } = await sql.query<{ id: string }>("SELECT id::text FROM uploads WHERE photo_id = ANY($1)", [photoIds]);
  // The job marks itself completed just after its last write (the outbox's dispatch is queued after the state change): wait for that.
  const verifyJobs = async () =>
    (
      await sql.query<{ upload_id: string; state: string; retry_count: number }>(
        `SELECT data->>'uploadId' AS upload_id, state::text, retry_count FROM pgboss.job WHERE name = 'verify-upload' AND data->>'uploadId' = ANY($1)`,
        [ups.map((u) => u.id)],
      )
    ).rows
      .map((j) => [j.upload_id, j.state, j.retry_count])
      .sort();
  await expect.poll(verifyJobs, { timeout: 30_000 }).toEqual(ups.map((u) => [u.id, "completed", 0]).sort());
  const ran = ups.map((u) => instances.reduce((n, i) => n + i.out.filter((l) => l.includes('"jobs: verification"') && l.includes(u.id)).length, 0));
  expect(ran).toEqual(ups.map(() => 1));

  // 4. The link's quota, once reached (the six verified uploads), closes it on both instances.
  await sql.query("UPDATE intake_links SET upload_quota = 6 WHERE slug = 'demo'");
  for (const i of instances) {
    const res = await fetch(`http://127.0.0.1:${i.port}/u/demo`, { headers: { "x-forwarded-for": "192.0.2.1" } });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("has received all the uploads it takes");
  }
  const late = await mint(999, "127.0.0.3");
  expect(late.text).toContain("This upload link has received all the uploads it takes");
});
