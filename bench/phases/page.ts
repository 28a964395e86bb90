// The public page /u/<slug>: first-load JavaScript (gzip) and time to interactive in headless
// Chromium, next to the same build's not-found page (/u/<unknown slug>: same root layout and
// framework chunks, no page code) as the baseline, in the same run.
// - First-load JS: the <script src> chunks the HTML references, each fetched and gzipped
//   (zlib level 9) and summed. Inline RSC payload scripts are not counted.
// - Time to interactive: fresh browser context per load (cold cache), navigation start → the
//   moment React has hydrated the marker element (the submit button on /u/<slug>; <body> on the
//   baseline), polled every 2 ms in the page. domInteractive is recorded too.
import { gzipSync } from "node:zlib";
import http from "node:http";
import type { Ctx } from "../lib/context";
import { percentile, request, round } from "../lib/load";
import { findChromium, systemProbes } from "../../scripts/lib/browser";

export type PageSide = {
  url: string;
  scripts: number;
  jsBytes: number;
  jsGzipBytes: number;
  ttiMs: number[];
  ttiMedian: number;
  domInteractiveMedian: number;
  responseStartMedian: number;
  clientMedian: number;
};
export type PageResult = { chromium: string; page: PageSide; baseline: PageSide; jsRatio: number; ttiRatio: number; jsBudgetPass: boolean; ttiPass: boolean };

async function firstLoadJs(port: number, pathName: string) {
  const agent = new http.Agent({ keepAlive: true });
  try {
    const html = await request(agent, port, { path: pathName });
    const srcs = [...new Set([...html.body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")))];
    let raw = 0;
    let gz = 0;
    for (const src of srcs) {
      const u = new URL(src, `http://127.0.0.1:${port}`);
      const r = await new Promise<Buffer>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: u.pathname + u.search, agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${src}: ${res.statusCode}`))));
          })
          .on("error", reject);
      });
      raw += r.length;
      gz += gzipSync(r, { level: 9 }).length;
    }
    return { status: html.status, scripts: srcs.length, jsBytes: raw, jsGzipBytes: gz };
  } finally {
    agent.destroy();
  }
}

export async function benchPage(ctx: Ctx): Promise<PageResult> {
  const { chromium } = await import("playwright-core");
  // The same Chromium `npm test` would use (scripts/lib/browser.ts); none → Playwright's default.
  const found = findChromium(systemProbes());
  const browser = await chromium.launch({
    executablePath: found && "executable" in found ? found.executable : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const loads = ctx.quick ? 3 : 7;
  const measure = async (pathName: string, marker: string): Promise<PageSide> => {
    const js = await firstLoadJs(ctx.portalPort, pathName);
    const tti: number[] = [];
    const domInteractive: number[] = [];
    const responseStart: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < loads + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // A string, not a function: tsx would wrap inner functions in a `__name` helper the page lacks.
      await page.addInitScript(`(() => {
        const sel = ${JSON.stringify(marker)};
        const timer = setInterval(() => {
          const el = document.querySelector(sel);
          if (el && Object.keys(el).some((k) => k.startsWith("__reactFiber") || k.startsWith("__reactProps"))) {
            window.__hydratedAt = performance.now();
            clearInterval(timer);
          }
        }, 2);
      })();`);
      await page.goto(`http://127.0.0.1:${ctx.portalPort}${pathName}`, { waitUntil: "load" });
      await page.waitForFunction(() => (window as unknown as { __hydratedAt?: number }).__hydratedAt !== undefined, undefined, { timeout: 30_000 });
      const m = await page.evaluate(() => ({
        hydratedAt: (window as unknown as { __hydratedAt: number }).__hydratedAt,
        domInteractive: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domInteractive,
        responseStart: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseStart,
      }));
      await context.close();
      if (i === 0) continue; // first load warms the server's caches; not counted
      tti.push(m.hydratedAt);
      domInteractive.push(m.domInteractive);
      responseStart.push(m.responseStart);
      client.push(m.hydratedAt - m.responseStart);
    }
    responseStart.sort((a, b) => a - b);
    client.sort((a, b) => a - b);
    tti.sort((a, b) => a - b);
    domInteractive.sort((a, b) => a - b);
    return {
      url: pathName,
      scripts: js.scripts,
      jsBytes: js.jsBytes,
      jsGzipBytes: js.jsGzipBytes,
      ttiMs: tti.map((t) => round(t)),
      ttiMedian: round(percentile(tti, 50)),
      domInteractiveMedian: round(percentile(domInteractive, 50)),
      // Server's share (first byte) and the browser's (first byte → hydrated).
      responseStartMedian: round(percentile(responseStart, 50)),
      clientMedian: round(percentile(client, 50)),
    };
  };
  try {
    const page = await measure("/u/demo", 'form button[type="submit"]');
    const baseline = await measure("/u/no-such-link-for-bench", "body");
    const jsRatio = round(page.jsGzipBytes / baseline.jsGzipBytes, 2);
    const ttiRatio = round(page.ttiMedian / baseline.ttiMedian, 2);
    ctx.log(
      `  /u/demo: ${page.scripts} scripts, ${(page.jsGzipBytes / 1024).toFixed(1)} KiB gzip, TTI median ${page.ttiMedian} ms (first byte ${page.responseStartMedian}, then ${page.clientMedian}) · not-found: ${(baseline.jsGzipBytes / 1024).toFixed(1)} KiB, ${baseline.ttiMedian} ms (first byte ${baseline.responseStartMedian}, then ${baseline.clientMedian})`,
    );
    return {
      chromium: browser.version(),
      page,
      baseline,
      jsRatio,
      ttiRatio,
      // Budgets proposed by the bench (issue #9 sets none): page code ≤ 25 KiB gzip on top of the
      // framework floor; hydration within 1.5× the floor page's.
      jsBudgetPass: page.jsGzipBytes - baseline.jsGzipBytes <= 25 * 1024,
      ttiPass: ttiRatio <= 1.5,
    };
  } finally {
    await browser.close();
  }
}
