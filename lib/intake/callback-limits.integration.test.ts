// Rejected callbacks are cheap (limited per client, stored bounded, swept after the retention),
// expired tokens are refused after the grace, and a `state` custom variable cannot hijack the
// signed state. Real Postgres, the emulator over HTTP, the callback handler the route calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserCallback } from "@/test/browser-callback";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import type { TestEmulator } from "@/test/emulator";

const clip = readFixture("clip.mp4");

let portal: PortalWithEmulator;
let emu: TestEmulator;
let m: typeof import("@/lib/intake/mint");
let auditMod: typeof import("@/lib/intake/callback-audit");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3996", authSecret: "cb-limits-test-secret-0123456789abcdef0123", logLevel: "error" });
  emu = portal.emu;
  m = await import("@/lib/intake/mint");
  auditMod = await import("@/lib/intake/callback-audit");
});
afterAll(async () => {
  await portal?.close();
});

let n = 0;
async function mint(slug = "demo") {
  const link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug } });
  const minted = await m.mintToken({
    link,
    details: { name: "Visitor", email: `limits${++n}@example.com`, title: "Clip", description: undefined, consent: true },
  });
  if (!minted.ok) throw new Error(minted.message);
  return minted;
}

async function redeem(uploadToken: string): Promise<Record<string, string>> {
  const form = new FormData();
  form.set("upload_token", uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
  const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  return Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
}

const auditBytes = async () =>
  Number((await portal.db.$queryRaw<{ bytes: bigint }[]>`SELECT coalesce(sum(pg_column_size(c.*)), 0)::bigint AS bytes FROM callback_events c`)[0]!.bytes);

describe("a callback flood", () => {
  it("is limited per client and keeps the audit table bounded", async () => {
    const before = await auditBytes();
    const rowsBefore = await portal.db.callbackEvent.count();
    // 60 parameters of 2 000 characters each: the largest callback the handler reads (~120 KB).
    const big = Object.fromEntries(Array.from({ length: 59 }, (_, i) => [`p${i}`, "x".repeat(2000)]));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 200; i++) {
      const res = await browserCallback("POST", { ...big, state: `forged-${i}` }, "203.0.113.50");
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(180);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited!.text()).toMatch(/try again in \d+ (seconds|minutes)/);

    const grown = (await auditBytes()) - before;
    expect(await portal.db.callbackEvent.count()).toBe(rowsBefore + 20);
    // 20 rows of a few hundred bytes, not 20 × 120 KB (2.4 MB) as before.
    expect(grown).toBeLessThan(20 * 800);
    const row = await portal.db.callbackEvent.findFirstOrThrow({ where: { ip: "203.0.113.50" } });
    expect(row).toMatchObject({ params: null, reason: "state signature invalid", paramsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(row.excerpt!.length).toBeLessThanOrEqual(auditMod.EXCERPT_CHARS);
    expect(row.excerpt).not.toContain("forged-"); // the state value is hidden even in the excerpt

    // Another client is not affected.
    expect((await browserCallback("GET", { state: "forged" }, "203.0.113.51")).status).toBe(400);
  });

  it("replays of a valid callback are counted against its token, stored bounded, and the upload kept", async () => {
    const minted = await mint();
    const params = await redeem(minted.uploadToken);
    expect((await browserCallback("GET", params, "198.51.100.60")).status).toBe(303);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await browserCallback("GET", params, `198.51.100.${61 + i}`)).status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const events = await portal.db.callbackEvent.findMany({ where: { tokenId: minted.tokenId } });
    expect(events.filter((e) => e.outcome === "accepted")).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ photo_id: params.photo_id }) }),
    ]);
    expect(events.filter((e) => e.outcome === "duplicate").every((e) => e.params === null && e.excerpt !== null)).toBe(true);
    expect(await portal.db.upload.findMany({ where: { tokenId: minted.tokenId } })).toEqual([expect.objectContaining({ state: "VERIFIED" })]);
  });

  it("a repeat is answered before its count is written, and a callback after it still waits for that count", async () => {
    const cb = await import("@/lib/intake/callback");
    const minted = await mint();
    const params = await redeem(minted.uploadToken);
    expect(await cb.handleCallback({ method: "GET", params, ip: "198.51.100.120" })).toMatchObject({ kind: "accepted" });
    // Nineteen repeats: within the token's budget of twenty.
    for (let i = 0; i < 19; i++) expect(await cb.handleCallback({ method: "GET", params, ip: "198.51.100.121" })).toMatchObject({ kind: "duplicate" });
    // Their counts land on their own (a repeat is answered first): all nineteen, before the row is held.
    const key = `callback:token:${minted.tokenId}`;
    await expect.poll(async () => (await portal.db.rateLimit.findUnique({ where: { key } }))?.count, { timeout: 5_000, interval: 20 }).toBe(19);
    // Another session holds the token's count row, so the twentieth repeat's count cannot land yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = portal.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT count FROM rate_limits WHERE key = ${key} FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    // The twentieth repeat is answered while its count still waits for the row.
    expect(await cb.handleCallback({ method: "GET", params, ip: "198.51.100.122" })).toMatchObject({ kind: "duplicate" });
    // The twenty-first waits for that count, so it sees the budget spent: without the wait it
    // would read nineteen and pass.
    const next = cb.handleCallback({ method: "GET", params, ip: "198.51.100.123" });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await holder;
    expect(await next).toMatchObject({ kind: "limited" });
  });

  it("rejected records are swept after the retention; accepted ones stay", async () => {
    await portal.db.$executeRaw`UPDATE callback_events SET received_at = now() - interval '31 days'`;
    const accepted = await portal.db.callbackEvent.count({ where: { outcome: "accepted" } });
    expect(accepted).toBeGreaterThan(0);
    const removed = await auditMod.sweepCallbackAudit();
    expect(removed).toBeGreaterThanOrEqual(20);
    expect(await portal.db.callbackEvent.count({ where: { outcome: { not: "accepted" } } })).toBe(0);
    expect(await portal.db.callbackEvent.count()).toBe(accepted);
  });
});

describe("expired tokens", () => {
  it("a callback after valid_until + the grace is refused; within the grace it is accepted", async () => {
    const late = await mint();
    const params = await redeem(late.uploadToken);
    await portal.db.uploadToken.update({ where: { id: late.tokenId }, data: { validUntil: new Date(Date.now() - 361 * 60_000) } });
    const res = await browserCallback("GET", params, "198.51.100.100");
    expect(res.status).toBe(400);
    expect(await portal.db.upload.count({ where: { tokenId: late.tokenId } })).toBe(0);
    expect((await portal.db.callbackEvent.findFirstOrThrow({ where: { tokenId: late.tokenId } })).reason).toBe("upload token expired");

    const slow = await mint();
    const slowParams = await redeem(slow.uploadToken);
    await portal.db.uploadToken.update({ where: { id: slow.tokenId }, data: { validUntil: new Date(Date.now() - 300 * 60_000) } });
    expect((await browserCallback("GET", slowParams, "198.51.100.101")).status).toBe(303);
    expect(await portal.db.upload.findMany({ where: { tokenId: slow.tokenId } })).toEqual([expect.objectContaining({ state: "VERIFIED" })]);
  });
});

describe("reserved custom variable names", () => {
  it("a link stored with a `state` variable still gets callbacks matched to their token", async () => {
    const demo = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
    await portal.db.intakeLink.update({ where: { id: demo.id }, data: { customVariables: { state: "hijacked", campaign: "spring" } } });
    try {
      const minted = await mint();
      const params = await redeem(minted.uploadToken);
      expect(params.state).not.toBe("hijacked");
      expect((await browserCallback("GET", params, "198.51.100.102")).status).toBe(303);
      expect(await portal.db.upload.findMany({ where: { tokenId: minted.tokenId } })).toEqual([expect.objectContaining({ state: "VERIFIED" })]);
    } finally {
      await portal.db.intakeLink.update({ where: { id: demo.id }, data: { customVariables: demo.customVariables ?? {} } });
    }
  });
});
