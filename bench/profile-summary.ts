// Summarise a V8 CPU profile (`BENCH_CPU_PROF=<dir> npm run bench` writes the portal's) as the
// frames with the most self time, grouped by where the code lives. Used for docs/benchmarks.md.
// When the bench's labelled load windows are beside it (windows-<pid>.json, see bench/lib/load.ts),
// the samples are split by path (issue #20): each of mint/portal, mint/floor, callback …/portal …
// gets its own CPU per request and its own table, so the floor's requests no longer blur ours.
// Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
type Window = { label: string; startUs: number; endUs: number; ok: number };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: bench/profile-summary.ts <file.cpuprofile> [top]");
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const top = Number(topArg ?? 25);

/** Where a frame's code lives: a package, Next itself, our source, Node internals or V8/native. */
function place(url: string): string {
  if (!url) return "(native/V8)";
  if (url.startsWith("node:")) return "node internals";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const dist = /\.next-bench\/server\/(chunks|app)\//.exec(url);
  if (dist) return `.next-bench bundle (${dist[1]})`;
  return url.replace(/^.*\/(lib|app|scripts|bench)\//, "$1/");
}

/** Self time per sampled node, for the samples whose timestamp falls in one of `spans` (all when none). */
function selfTimes(spans?: Array<[number, number]>): Map<number, number> {
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (spans && !spans.some(([a, b]) => t >= a && t <= b)) continue;
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  }
  return self;
}

function summarise(title: string, self: Map<number, number>, requests?: number) {
  const frames = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)") continue;
    total += us;
    const where = place(n.callFrame.url);
    const key = `${n.callFrame.functionName || "(anonymous)"} — ${where}`;
    frames.set(key, (frames.get(key) ?? 0) + us);
    places.set(where, (places.get(where) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  const perReq = requests ? `, ${requests} requests, ${(total / 1000 / requests).toFixed(2)} ms sampled CPU per request` : "";
  console.log(`\n### ${title}: ${(total / 1e6).toFixed(2)} s of busy CPU samples${perReq} (idle and (program) left out)\n`);
  console.log("| Self time | Where |\n|---|---|");
  for (const [k, us] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${pct(us)} | ${k} |`);
  console.log("\n| Self time | Frame — where |\n|---|---|");
  for (const [k, us] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${pct(us)} | ${k} |`);
}

const pid = /\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(path.basename(file))?.[1];
const windowsFile = pid ? path.join(path.dirname(file), `windows-${pid}.json`) : "";
if (!windowsFile || !existsSync(windowsFile)) {
  summarise(`${file} (whole process; no windows-<pid>.json beside it)`, selfTimes());
} else {
  // One table per path and side, over all its concurrency levels ("mint/portal c=16" → "mint/portal").
  const ws = JSON.parse(readFileSync(windowsFile, "utf8")) as Window[];
  const groups = new Map<string, Window[]>();
  for (const w of ws) groups.set(w.label.replace(/ c=\d+$/, ""), [...(groups.get(w.label.replace(/ c=\d+$/, "")) ?? []), w]);
  console.log(`${file}: per path, from ${windowsFile}\n\n| Window | Requests | Sampled CPU ms per request |\n|---|---|---|`);
  for (const w of ws) {
    let busy = 0;
    for (const [id, us] of selfTimes([[w.startUs, w.endUs]])) {
      const fn = byId.get(id)!.callFrame.functionName;
      if (fn !== "(idle)" && fn !== "(program)") busy += us;
    }
    console.log(`| ${w.label} | ${w.ok} | ${(busy / 1000 / Math.max(1, w.ok)).toFixed(2)} |`);
  }
  for (const [name, list] of groups) {
    summarise(
      name,
      selfTimes(list.map((w) => [w.startUs, w.endUs])),
      list.reduce((s, w) => s + w.ok, 0),
    );
  }
}
