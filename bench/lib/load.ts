// A small closed-loop load generator: `concurrency` workers each send one request, wait for the
// answer, and send the next, until `maxRequests` were started or `maxSeconds` passed (whichever
// comes first). Latencies are measured with perf_hooks from write to the end of the body.
// node:http with a keep-alive agent (one socket per worker) keeps the generator itself cheap.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { cpuSecondsOf, treeCpuSecondsOf } from "./procs";

export type Req = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export type Res = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type LoadResult = {
  concurrency: number;
  requests: number;
  ok: number;
  failed: number;
  seconds: number;
  throughput: number; // successful requests per second
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: Record<string, number>;
  /** CPU time (user + system) per successful request of each watched process, ms. */
  cpuMsPerOk?: Record<string, number>;
};

/** One request; a keep-alive socket the server closed while idle (ECONNRESET on a reused socket,
 * the request never reached the handler) is retried once on a fresh one, as Node's docs advise. */
export function request(agent: http.Agent, port: number, r: Req, timeoutMs = 30_000, retried = false): Promise<Res> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: r.method ?? "GET",
        path: r.path,
        agent,
        headers: { ...(r.headers ?? {}), ...(body ? { "content-length": String(body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && err.code === "ECONNRESET") request(agent, port, r, timeoutMs, true).then(resolve, reject);
      else reject(err);
    });
    req.end(body);
  });
}

/** Timed windows of the labelled runs (start/end on CLOCK_MONOTONIC in µs, the clock V8's CPU
 * profiles use on Linux), so bench/profile-summary.ts can attribute the portal's profile samples
 * to the path being measured (issue #20: one profile per scenario, not one for the whole run). */
export const windows: Array<{ label: string; startUs: number; endUs: number; ok: number }> = [];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (n: number, d = 1) => (Number.isFinite(n) ? Number(n.toFixed(d)) : n);

/**
 * Runs the loop. `make(i)` builds request i (0-based, unique per run); `check(res, i)` says
 * whether the answer counts as a success (anything else is a failure, named by the returned
 * string). Warm-up requests (`warmup`, not timed) use indexes from `warmupOffset` on.
 */
export async function runLoad(opts: {
  port: number;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  make: (i: number) => Req;
  check: (res: Res, i: number) => true | string;
  warmup?: number;
  onDone?: (i: number, ok: boolean) => void;
  /** Processes whose CPU time over the timed window is reported per successful request;
   * a negative pid counts that process and its children (PostgreSQL: -postmaster pid). */
  cpuPids?: Record<string, number>;
  /** Names the timed window for the per-path profile (e.g. "mint/portal c=16"). */
  label?: string;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  try {
    let next = 0;
    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    let ok = 0;
    let failed = 0;
    const one = async (i: number, timed: boolean) => {
      const t0 = performance.now();
      let verdict: true | string;
      try {
        const res = await request(agent, opts.port, opts.make(i));
        verdict = opts.check(res, i);
      } catch (err) {
        verdict = `error: ${(err as Error).message.slice(0, 60)}`;
      }
      const ms = performance.now() - t0;
      if (!timed) return;
      opts.onDone?.(i, verdict === true);
      if (verdict === true) {
        ok++;
        latencies.push(ms);
      } else {
        failed++;
        failures[verdict] = (failures[verdict] ?? 0) + 1;
      }
    };
    // Warm-up: connections open, JIT warm; not counted.
    const warm = opts.warmup ?? 0;
    next = 0;
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency, warm) }, async () => {
        while (next < warm) await one(opts.maxRequests + next++, false);
      }),
    );
    next = 0;
    const cpuOf = (pid: number) => (pid < 0 ? treeCpuSecondsOf(-pid) : cpuSecondsOf(pid));
    const cpu0 = Object.fromEntries(Object.entries(opts.cpuPids ?? {}).map(([k, pid]) => [k, cpuOf(pid)]));
    const start = performance.now();
    const startUs = monotonicUs();
    const deadline = start + opts.maxSeconds * 1000;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < opts.maxRequests && performance.now() < deadline) await one(next++, true);
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    if (opts.label) windows.push({ label: opts.label, startUs, endUs: monotonicUs(), ok });
    const cpuMsPerOk = Object.fromEntries(
      Object.entries(opts.cpuPids ?? {}).map(([k, pid]) => [k, round(((cpuOf(pid) - cpu0[k]!) * 1000) / Math.max(1, ok), 1)]),
    );
    latencies.sort((a, b) => a - b);
    return {
      concurrency: opts.concurrency,
      requests: ok + failed,
      ok,
      failed,
      seconds: round(seconds, 2),
      throughput: round(ok / seconds, 1),
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? NaN),
      failures,
      ...(opts.cpuPids ? { cpuMsPerOk } : {}),
    };
  } finally {
    agent.destroy();
  }
}
