// Bytes through the portal during a 500 MiB upload. The portal's APP_URL is a byte-counting TCP
// proxy in front of it, so every request that reaches the portal (pages, the server action, the
// callback the emulator's 301 sends the browser to) is counted, both directions. The flow is the
// browser's, step by step over HTTP: open /u/<slug>, submit the details (server action, mints),
// open the upload step, post the file to the form's action (TwentyThree = the emulator), follow
// the 301 to the portal's callback and its 303 to the thank-you page. The same flow with a 1 KiB
// file in the same run is the baseline: file bytes through the portal = difference of the two.
import { mkdirSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { actionRequest } from "../lib/action";
import type { Ctx } from "../lib/context";
import { request } from "../lib/load";
import { multipartUpload } from "../lib/net";
import { makeVideoFile } from "./upload";

const MiB = 1 << 20;

export type FlowBytes = { fileBytes: number; toPortal: number; fromPortal: number; steps: string[]; uploadSeconds: number };
export type PortalBytesResult = { large: FlowBytes; control: FlowBytes; fileBytesThroughPortal: number; pass: boolean };

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

async function flow(ctx: Ctx, file: string, size: number, n: number): Promise<FlowBytes> {
  const agent = new http.Agent({ keepAlive: false });
  const port = ctx.proxy.port;
  const slug = ctx.benchSlugs[n % ctx.benchSlugs.length]!;
  const steps: string[] = [];
  const actionId = ctx.actions["lib/intake/actions.ts#startUpload"]!;
  ctx.proxy.reset();
  try {
    const page = await request(agent, port, { path: `/u/${slug}`, headers: { host: `localhost:${port}` } });
    steps.push(`GET /u/${slug} ${page.status}`);
    const act = actionRequest({
      port,
      path: `/u/${slug}`,
      actionId,
      fields: { slug, name: `Byte counter ${n}`, email: `bytes${n}@bench.example`, title: "Bytes", description: "", consent: "on" },
      headers: { "x-forwarded-for": `198.51.100.${n}`, host: `localhost:${port}`, origin: `http://localhost:${port}` },
    });
    const minted = await request(agent, port, act);
    const next = minted.headers["x-action-redirect"]?.toString().split(";")[0];
    steps.push(`POST /u/${slug} (server action) ${minted.status} → ${next}`);
    if (!next) throw new Error(`the server action did not redirect (status ${minted.status})`);
    const step2 = await request(agent, port, { path: next, headers: { host: `localhost:${port}` } });
    steps.push(`GET ${next.split("?")[0]} ${step2.status}`);
    const form = [...step2.body.matchAll(/<form\b[^>]*>/gi)].map((m) => m[0]).find((f) => /enctype="multipart\/form-data"/i.test(f));
    const formAction = form && /\saction="([^"]+)"/i.exec(form)?.[1];
    const uploadToken = /name="upload_token" value="([^"]+)"/.exec(step2.body)?.[1];
    if (!formAction || !uploadToken) throw new Error("upload form not found on the upload step");
    const up = await multipartUpload({ url: decode(formAction), fields: { upload_token: uploadToken }, filePath: file, size });
    steps.push(`POST ${new URL(decode(formAction)).host}${new URL(decode(formAction)).pathname} (${size} bytes) ${up.status}`);
    const loc = up.headers.location;
    if (up.status !== 301 || !loc) throw new Error(`redeem answered ${up.status}: ${up.body.slice(0, 200)}`);
    const cb = new URL(loc);
    if (cb.port !== String(port)) throw new Error(`callback goes to ${cb.host}, not to the portal behind the proxy`);
    const back = await request(agent, port, { path: cb.pathname + cb.search, headers: { host: cb.host } });
    steps.push(`GET ${cb.pathname} ${back.status}`);
    const done = back.headers.location ? new URL(back.headers.location) : undefined;
    if (back.status !== 303 || !done) throw new Error(`callback answered ${back.status}`);
    const thanks = await request(agent, port, { path: done.pathname + done.search, headers: { host: done.host } });
    steps.push(`GET ${done.pathname} ${thanks.status}`);
    await new Promise((r) => setTimeout(r, 200)); // let the proxy count the last bytes
    return { fileBytes: size, ...ctx.proxy.counts(), steps, uploadSeconds: Number(up.seconds.toFixed(2)) };
  } finally {
    agent.destroy();
  }
}

export async function benchPortalBytes(ctx: Ctx): Promise<PortalBytesResult> {
  const dir = path.join(ctx.tmp, "bytes");
  mkdirSync(dir, { recursive: true });
  const size = ctx.quick ? 64 * MiB : 500 * MiB;
  const file = path.join(dir, "source.mp4");
  makeVideoFile(file, size);
  try {
    const control = await flow(ctx, file, 1024, 1);
    const large = await flow(ctx, file, size, 2);
    const diff = large.toPortal + large.fromPortal - (control.toPortal + control.fromPortal);
    ctx.log(
      `  ${size / MiB} MiB flow: ${large.toPortal} B to / ${large.fromPortal} B from the portal; 1 KiB flow: ${control.toPortal} / ${control.fromPortal}; difference ${diff} B`,
    );
    // Small differences come from varying ids and dates in the pages; a file would show as ~size.
    return { large, control, fileBytesThroughPortal: diff, pass: Math.abs(diff) < 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join(ctx.tmp, "emulator", "files"), { recursive: true, force: true });
    mkdirSync(path.join(ctx.tmp, "emulator", "files"), { recursive: true });
  }
}
