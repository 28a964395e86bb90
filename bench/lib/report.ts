// The summary (one row per figure: value, baseline, ratio, target, pass/fail) and the printed
// tables. Both go into bench/results/latest.json; docs/benchmarks.md copies one run's tables.
import type { MintResult } from "../phases/mint";
import type { CallbackResult } from "../phases/callback";
import type { UploadBenchResult } from "../phases/upload";
import type { PortalBytesResult } from "../phases/portal-bytes";
import type { PageResult } from "../phases/page";
import type { DashboardResult } from "../phases/dashboard";

export type Results = {
  mint?: MintResult;
  callback?: CallbackResult;
  upload?: UploadBenchResult;
  portalBytes?: PortalBytesResult;
  page?: PageResult;
  dashboard?: DashboardResult;
};

export type SummaryRow = { figure: string; value: string; baseline: string; ratio: number | null; target: string; pass: boolean | null };

const MiB = 1 << 20;
const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function buildSummary(r: Results): SummaryRow[] {
  const rows: SummaryRow[] = [];
  // Issue #20's targets: ≥ 0.8× the floor's throughput (the same work as a minimal server action /
  // route handler in this build) with p99 ≤ 1.5× its p99; the bare node:http figure beside it.
  const vs = (l: {
    portal: { throughput: number; p99: number };
    floor: { throughput: number; p99: number };
    baseline: { throughput: number; p99: number };
    ratio: number;
    p99RatioBare: number;
  }) =>
    `floor ${l.floor.throughput}/s p99 ${l.floor.p99} ms · bare ${l.baseline.throughput}/s p99 ${l.baseline.p99} ms (×bare ${l.ratio}, p99 ${l.p99RatioBare}×)`;
  if (r.mint) {
    for (const l of r.mint.levels) {
      rows.push({
        figure: `Mint via server action, c=${l.concurrency}`,
        value: `${l.portal.throughput}/s, p99 ${l.portal.p99} ms (p99 ${l.p99RatioFloor}× floor)`,
        baseline: vs(l),
        ratio: l.ratioFloor,
        target: "≥ 0.8× floor, p99 ≤ 1.5× floor",
        pass: l.ratioFloor >= 0.8 && l.p99RatioFloor <= 1.5 && l.portal.failed === 0,
      });
    }
    // Not the target: the same floor action on a page with a dynamic segment, as the intake page
    // is, to show how much of the gap above is Next's dispatch of a dynamic route.
    for (const l of r.mint.levels) {
      rows.push({
        figure: `Mint ÷ floor on a dynamic page, c=${l.concurrency}`,
        value: `${l.portal.throughput}/s, p99 ${l.portal.p99} ms (p99 ${l.p99RatioFloorDynamic}×)`,
        baseline: `floor on /bench-floor/[slug] ${l.floorDynamic.throughput}/s p99 ${l.floorDynamic.p99} ms`,
        ratio: l.ratioFloorDynamic,
        target: "informational",
        pass: null,
      });
    }
    rows.push({
      figure: "Mint: rows = successful mints",
      value: r.mint.verified ? "yes" : "NO",
      baseline: "—",
      ratio: null,
      target: "every 2xx minted one row",
      pass: r.mint.verified,
    });
  }
  if (r.callback) {
    for (const l of r.callback.levels) {
      rows.push({
        figure: `Callback ingest (${l.mode}), c=${l.concurrency}`,
        value: `${l.portal.throughput}/s, p99 ${l.portal.p99} ms (p99 ${l.p99RatioFloor}× floor), lost ${l.portal.lost}, doubled ${l.portal.doubled}`,
        baseline: vs(l),
        ratio: l.ratioFloor,
        target: "≥ 0.8× floor, p99 ≤ 1.5×, 0 lost / 0 doubled (stretch ≥ 0.5× bare)",
        pass: l.ratioFloor >= 0.8 && l.p99RatioFloor <= 1.5 && l.portal.lost === 0 && l.portal.doubled === 0 && l.portal.failed === 0,
      });
    }
  }
  if (r.upload) {
    const t = r.upload.throughput;
    rows.push({
      figure: `Upload ${t.sizeBytes / MiB} MiB to emulator redeem`,
      value: `${t.emulator} MiB/s`,
      baseline: `${t.sink} MiB/s (bare stream-to-disk)`,
      ratio: t.ratio,
      target: "≥ 0.8× (median of 3)",
      pass: t.pass,
    });
    const m = r.upload.memory;
    rows.push({
      figure: `Emulator peak memory, ${m.large.sizeBytes / MiB} MiB upload`,
      value: `VmHWM ${mib(m.large.hwm)}`,
      baseline: `${mib(m.small.hwm)} for ${m.small.sizeBytes / MiB} MiB`,
      ratio: Number((m.large.hwm / m.small.hwm).toFixed(2)),
      target: "no growth (≤ +16 MiB)",
      pass: m.pass,
    });
  }
  if (r.portalBytes) {
    const p = r.portalBytes;
    rows.push({
      figure: `Bytes through the portal, ${p.large.fileBytes / MiB} MiB upload`,
      value: `${p.large.toPortal + p.large.fromPortal} B (in ${p.large.toPortal} / out ${p.large.fromPortal})`,
      baseline: `${p.control.toPortal + p.control.fromPortal} B for a 1 KiB file`,
      ratio: Number(((p.large.toPortal + p.large.fromPortal) / (p.control.toPortal + p.control.fromPortal)).toFixed(3)),
      target: "0 file bytes (difference < 1 KiB)",
      pass: p.pass,
    });
  }
  if (r.page) {
    const p = r.page;
    rows.push({
      figure: "Public page first-load JS (gzip)",
      value: kib(p.page.jsGzipBytes),
      baseline: `${kib(p.baseline.jsGzipBytes)} (not-found page, same build)`,
      ratio: p.jsRatio,
      target: "≤ floor + 25 KiB (proposed)",
      pass: p.jsBudgetPass,
    });
    rows.push({
      figure: "Public page time to interactive (median)",
      value: `${p.page.ttiMedian} ms (1st byte ${p.page.responseStartMedian} + ${p.page.clientMedian})`,
      baseline: `${p.baseline.ttiMedian} ms (1st byte ${p.baseline.responseStartMedian} + ${p.baseline.clientMedian}), not-found page`,
      ratio: p.ttiRatio,
      target: "≤ 1.5× (proposed)",
      pass: p.ttiPass,
    });
  }
  if (r.dashboard) {
    const d = r.dashboard;
    rows.push({
      figure: `Dashboard page, ${d.large.rows} uploads (median)`,
      value: `${d.large.page.median} ms (deep page ${d.large.deepPage.median} ms)`,
      baseline: `${d.small.page.median} ms with ${d.small.rows} uploads`,
      ratio: d.ratio,
      target: "≤ 1.5× (proposed: flat)",
      pass: d.pass,
    });
  }
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

type Side = { ok: number; throughput: number; p50: number; p95: number; p99: number; failed: number; cpuMsPerOk?: Record<string, number> };

/** One HTTP figure's three rows (portal, floor, bare), each with the CPU of the process that served
 * it (`cpuKey`: which process that is for each side) and of the emulator. */
function latencyRows(label: string, l: { portal: Side; floor: Side; baseline: Side }, cpuKey: { portal: string; floor: string; bare: string }): string[][] {
  const cpu = (side: Side, key: string) => String(side.cpuMsPerOk?.[key] ?? "—");
  const row = (caseLabel: string, name: string, side: Side, key: string) => [
    caseLabel,
    name,
    ...[side.ok, side.throughput, side.p50, side.p95, side.p99, side.failed].map(String),
    cpu(side, key),
    cpu(side, "emulator"),
    cpu(side, "postgres"),
  ];
  return [row(label, "portal", l.portal, cpuKey.portal), row("", "floor", l.floor, cpuKey.floor), row("", "bare", l.baseline, cpuKey.bare)];
}

export function printTable(summary: SummaryRow[], r: Results) {
  console.log(
    table(
      ["Figure", "Portal", "Floor and bare baselines (same run)", "Ratio (÷ floor)", "Target", "Pass"],
      summary.map((s) => [s.figure, s.value, s.baseline, s.ratio === null ? "—" : `${s.ratio}×`, s.target, s.pass === null ? "n/a" : s.pass ? "PASS" : "FAIL"]),
    ),
  );
  const lat: string[][] = [
    ...(r.mint?.levels ?? []).flatMap((l) => latencyRows(`mint c=${l.concurrency}`, l, { portal: "portal", floor: "portal", bare: "baseline" })),
    ...(r.callback?.levels ?? []).flatMap((l) =>
      latencyRows(`callback ${l.mode} c=${l.concurrency}`, l, { portal: "server", floor: "server", bare: "server" }),
    ),
  ];
  if (lat.length) {
    console.log("\nLatency (ms) of the HTTP figures");
    console.log(table(["Case", "Side", "OK", "req/s", "p50", "p95", "p99", "Failed", "CPU ms/req server", "CPU ms/req emulator", "CPU ms/req postgres"], lat));
  }
}
