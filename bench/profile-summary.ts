// Summarise a V8 CPU profile (`BENCH_CPU_PROF=<dir> npm run bench` writes the portal's) as the
// frames with the most self time, grouped by where the code lives. Used for docs/benchmarks.md.
// Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: bench/profile-summary.ts <file.cpuprofile> [top]");
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));

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
const top = Number(topArg ?? 25);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s of busy CPU samples (idle and (program) left out)\n`);
console.log("| Self time | Where |\n|---|---|");
for (const [k, us] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`| ${pct(us)} | ${k} |`);
console.log("\n| Self time | Frame — where |\n|---|---|");
for (const [k, us] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${pct(us)} | ${k} |`);
