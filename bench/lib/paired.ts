// CPU per request of two kinds of request served by one process (the portal's path and its floor),
// measured in alternating blocks at c=1 (A, B, A, B …). On a shared machine whose load drifts,
// both kinds see the same conditions on average, so their ratio holds where throughput ratios of
// back-to-back runs swing by ±40 % (issue #20: "prefer CPU per request and same-run ratios").
// /proc counts CPU in 10 ms ticks; blocks of sequential requests sum many of them.
import http from "node:http";
import { request, round, type Req, type Res } from "./load";
import { cpuSecondsOf, treeCpuSecondsOf } from "./procs";

export type Paired = {
  aCpuMs: number;
  bCpuMs: number;
  ratio: number;
  /** PostgreSQL's CPU per request of each kind (postmaster and backends), when `dbPid` was given. */
  aDbCpuMs?: number;
  bDbCpuMs?: number;
  requestsEach: number;
  failed: number;
};

export async function pairedCpu(opts: {
  port: number;
  pid: number;
  dbPid?: number;
  rounds: number;
  block: number;
  a: () => Req;
  b: () => Req;
  ok: (res: Res) => boolean;
}): Promise<Paired> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const spent = { a: 0, b: 0 };
  const db = { a: 0, b: 0 };
  let failed = 0;
  try {
    for (const make of [opts.a, opts.b]) for (let i = 0; i < 3; i++) await request(agent, opts.port, make()); // warm
    for (let r = 0; r < opts.rounds; r++) {
      // Alternate which kind goes first, so neither always follows the other.
      const order = r % 2 ? (["b", "a"] as const) : (["a", "b"] as const);
      for (const kind of order) {
        const c0 = cpuSecondsOf(opts.pid);
        const d0 = opts.dbPid ? treeCpuSecondsOf(opts.dbPid) : 0;
        for (let i = 0; i < opts.block; i++) if (!opts.ok(await request(agent, opts.port, opts[kind]()))) failed++;
        spent[kind] += cpuSecondsOf(opts.pid) - c0;
        if (opts.dbPid) db[kind] += treeCpuSecondsOf(opts.dbPid) - d0;
      }
    }
  } finally {
    agent.destroy();
  }
  const n = opts.rounds * opts.block;
  const aCpuMs = round((spent.a * 1000) / n, 2);
  const bCpuMs = round((spent.b * 1000) / n, 2);
  const dbMs = opts.dbPid ? { aDbCpuMs: round((db.a * 1000) / n, 2), bDbCpuMs: round((db.b * 1000) / n, 2) } : {};
  return { aCpuMs, bCpuMs, ratio: round(aCpuMs / bCpuMs, 2), ...dbMs, requestsEach: n, failed };
}
