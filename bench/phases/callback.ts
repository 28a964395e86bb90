// Callback ingest: GET /api/twentythree/callback as TwentyThree's 301 makes the browser send it,
// with a valid signed state for a real upload_tokens row (one token per upload, as one visitor per
// file), against a bare handler that checks the same HMAC and does one INSERT … ON CONFLICT DO
// NOTHING. Two modes: every photo_id unique, and every photo_id sent twice by two workers at once.
// After each level the uploads table is checked: rows = distinct photo_ids answered, none doubled.
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import type { Ctx } from "../lib/context";
import { runLoad, round, type LoadResult } from "../lib/load";
import { freePort } from "../../scripts/lib/pg-cluster";
import { spawnChild, waitForHttp } from "../lib/procs";
import { pairedCpu, type Paired } from "../lib/paired";

type Side = LoadResult & { expectedRows: number; rows: number; lost: number; doubled: number };
export type CallbackResult = {
  /** Per level: the portal, the floor (minimal route handler in the same build, lib/bench-floor.ts)
   * and the bare node:http baseline; ratio = portal ÷ bare, ratioFloor = portal ÷ floor. */
  levels: Array<{
    mode: "unique" | "duplicated";
    concurrency: number;
    portal: Side;
    floor: Side;
    baseline: Side;
    ratio: number;
    ratioFloor: number;
    p99RatioFloor: number;
    p99RatioBare: number;
    /** How long the portal's follow-up jobs (verification, events) took to run out after its window, and how many were left after 30 s. */
    drain: { ms: number; left: number };
  }>;
  lostTotal: number;
  doubledTotal: number;
  /** CPU per callback, portal vs floor, in alternating blocks at c=1 (bench/lib/paired.ts). */
  paired: Paired;
};

const LEVELS = [1, 16, 64];

/** Wait (up to 30 s) until the portal has no job due, queued or running. */
async function drainJobs(ctx: Ctx): Promise<{ ms: number; left: number }> {
  const started = Date.now();
  for (;;) {
    const { rows } = await ctx.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`,
    );
    const left = rows[0]!.n;
    if (!left || Date.now() - started > 30_000) return { ms: Date.now() - started, left };
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function benchCallback(ctx: Ctx): Promise<CallbackResult> {
  const { signState } = await import("../../lib/intake/signing");
  const basePort = await freePort();
  const base = spawnChild(
    "baseline-callback",
    ["--import", "tsx", "bench/baseline-server.ts"],
    { ...ctx.env, BENCH_MODE: "callback", BENCH_PORT: String(basePort) },
    path.join(ctx.tmp, "baseline-callback.log"),
  );
  await waitForHttp(`http://127.0.0.1:${basePort}/health`, 30_000, base);
  const maxSeconds = ctx.quick ? 3 : 5;
  const maxRequests = ctx.quick ? 300 : 3000;
  const levels: CallbackResult["levels"] = [];
  let series = 0;

  /** n fresh token rows (as minted: own nonce and upload_token), returned with their signed state. */
  async function makeTokens(n: number) {
    const toks = Array.from({ length: n }, () => ({ id: randomUUID(), nonce: randomBytes(12).toString("base64url"), ut: randomBytes(16).toString("hex") }));
    await ctx.pool.query(
      `INSERT INTO upload_tokens (id, connection_id, link_id, upload_token, state_nonce, contributor_name, contributor_email, title, max_uploads, valid_until)
       SELECT t.id, $1::uuid, $2::uuid, t.ut, t.nonce, 'Bench visitor', 'visitor@bench.example', 'Bench upload', 3, now() + interval '3 hours'
       FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(id, nonce, ut)`,
      [ctx.connectionId, ctx.demoLinkId, toks.map((t) => t.id), toks.map((t) => t.nonce), toks.map((t) => t.ut)],
    );
    return toks.map((t) => ({ ...t, state: signState(t.id, t.nonce) }));
  }

  async function side(
    port: number,
    pid: number,
    c: number,
    mode: "unique" | "duplicated",
    expectStatus: number,
    route = "/api/twentythree/callback",
  ): Promise<Side> {
    series++;
    const warm = Math.max(4, c);
    const per = mode === "unique" ? 1 : 2; // requests per photo_id
    const total = maxRequests + warm;
    const toks = await makeTokens(Math.ceil(total / per));
    const photoBase = 1_000_000_000 + series * 10_000_000;
    const answered = new Set<number>();
    const res = await runLoad({
      port,
      cpuPids: { server: pid, emulator: ctx.emulator.pid, bench: process.pid, postgres: -ctx.postgresPid },
      // Only the portal's own process is profiled: label its windows (portal and floor routes).
      ...(port === ctx.portalPort ? { label: `callback ${mode}/${route.includes("bench-floor") ? "floor" : "portal"} c=${c}` } : {}),
      concurrency: c,
      maxRequests,
      maxSeconds,
      warmup: warm,
      make: (i) => {
        const k = Math.floor(i / per);
        const t = toks[k]!;
        const q = new URLSearchParams({
          domain: `localhost:${ctx.emulatorPort}`,
          upload_token: t.ut,
          photo_id: String(photoBase + k),
          tree_id: "1",
          token: `tok${(photoBase + k).toString(36)}abc`,
          state: t.state,
        });
        return { path: `${route}?${q}`, headers: { "x-forwarded-for": "192.0.2.10" } };
      },
      check: (r) => (r.status === expectStatus ? true : `status ${r.status}`),
      onDone: (i, ok) => {
        if (ok) answered.add(Math.floor(i / per));
      },
    });
    // Rows for the timed photo_ids only (warm-up ids are above maxRequests/per).
    const ids = [...answered].map((k) => String(photoBase + k));
    const { rows } = await ctx.pool.query<{ photo_id: string; n: number }>(
      `SELECT photo_id, count(*)::int AS n FROM uploads WHERE connection_id = $1::uuid AND photo_id = ANY($2::text[]) GROUP BY photo_id`,
      [ctx.connectionId, ids],
    );
    const found = rows.length;
    const doubled = rows.filter((r) => r.n > 1).length;
    return { ...res, expectedRows: ids.length, rows: found, lost: ids.length - found, doubled };
  }

  // Portal vs floor CPU per callback (unique, c=1) in alternating blocks (bench/lib/paired.ts).
  const pairedToks = await makeTokens(2 * ((ctx.quick ? 6 : 12) * 20 + 3));
  let pk = 0;
  const pairedReq = (route: string) => () => {
    const t = pairedToks[pk]!;
    const photo = 2_000_000_000 + pk++;
    const q = new URLSearchParams({
      domain: `localhost:${ctx.emulatorPort}`,
      upload_token: t.ut,
      photo_id: String(photo),
      tree_id: "1",
      token: `tok${photo.toString(36)}abc`,
      state: t.state,
    });
    return { path: `${route}?${q}`, headers: { "x-forwarded-for": "192.0.2.11" } };
  };
  const paired = await pairedCpu({
    port: ctx.portalPort,
    pid: ctx.portal.pid,
    dbPid: ctx.postgresPid,
    rounds: ctx.quick ? 6 : 12,
    block: 20,
    a: pairedReq("/api/twentythree/callback"),
    b: pairedReq("/api/bench-floor/callback"),
    ok: (res) => res.status === 303,
  });
  ctx.log(
    `  paired CPU per callback (unique, c=1, ${paired.requestsEach} each, alternating blocks): portal ${paired.aCpuMs} ms, floor ${paired.bCpuMs} ms, ratio ${paired.ratio}×; PostgreSQL portal ${paired.aDbCpuMs} ms, floor ${paired.bDbCpuMs} ms${paired.failed ? ` (${paired.failed} failed)` : ""}`,
  );
  // The paired blocks' follow-up jobs are run out too, so the first level starts without them.
  const pairedDrain = await drainJobs(ctx);
  if (pairedDrain.left) ctx.log(`  (portal jobs still queued after the paired blocks, ${pairedDrain.ms} ms: ${pairedDrain.left})`);
  try {
    for (const mode of ["unique", "duplicated"] as const) {
      for (const c of LEVELS) {
        const portal = await side(ctx.portalPort, ctx.portal.pid, c, mode, 303);
        // The portal's follow-up jobs (each accepted callback's verification and event) are its
        // own work: run them out before the baselines' windows, or those pay for them.
        const drained = await drainJobs(ctx);
        ctx.log(
          drained.left
            ? `  (portal jobs still queued after ${drained.ms} ms: ${drained.left})`
            : `  (portal's follow-up jobs ran out ${drained.ms} ms after its window)`,
        );
        const floor = await side(ctx.portalPort, ctx.portal.pid, c, mode, 303, "/api/bench-floor/callback");
        const baseline = await side(basePort, base.pid, c, mode, 303);
        const ratio = round(portal.throughput / baseline.throughput, 2);
        const ratioFloor = round(portal.throughput / floor.throughput, 2);
        const p99RatioFloor = round(portal.p99 / floor.p99, 2);
        const p99RatioBare = round(portal.p99 / baseline.p99, 2);
        ctx.log(
          `  callback ${mode} c=${c}: portal ${portal.throughput}/s p99 ${portal.p99} ms lost ${portal.lost} doubled ${portal.doubled} (${portal.failed} failed) · floor ${floor.throughput}/s p99 ${floor.p99} ms · bare ${baseline.throughput}/s p99 ${baseline.p99} ms · ×floor ${ratioFloor} (p99 ${p99RatioFloor}×) · ×bare ${ratio}`,
        );
        levels.push({ mode, concurrency: c, portal, floor, baseline, ratio, ratioFloor, p99RatioFloor, p99RatioBare, drain: drained });
      }
    }
  } finally {
    await base.stop();
  }
  return {
    paired,
    levels,
    lostTotal: levels.reduce((s, l) => s + l.portal.lost + l.floor.lost + l.baseline.lost, 0),
    doubledTotal: levels.reduce((s, l) => s + l.portal.doubled + l.floor.doubled + l.baseline.doubled, 0),
  };
}
