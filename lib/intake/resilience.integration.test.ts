// Nothing lost, nothing forged: dropped callbacks reconciled, a real PostgreSQL stopped during
// callbacks, TwentyThree failing while minting, and a flood of forged callbacks.
// Over 200 lines: the four failure scenarios share one emulator, database and job runner set-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startCluster, type Cluster } from "@/scripts/lib/pg-cluster";
import { migrate } from "@/lib/migrate";
import { setLogSink } from "@/lib/log";
import { browserCallback } from "@/test/browser-callback";
import { readFixture } from "@/test/fixtures";
import { emulatorCredentials, type TestEmulator } from "@/test/emulator";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

const clip = readFixture("clip.mp4");
const WRITE = emulatorCredentials("write");

let portal: PortalWithEmulator;
let emu: TestEmulator;
let dir: string;
let cluster: Cluster;
let pgDir: string;
let pgPort: number;
let mint: typeof import("@/lib/intake/mint");
let reconcile: typeof import("@/lib/jobs/reconcile");
let signing: typeof import("@/lib/intake/signing");

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "resilience-"));
  chmodSync(dir, 0o755);
  // Its own cluster: this file stops and restarts PostgreSQL.
  pgDir = path.join(dir, "pg");
  pgPort = await freePort();
  cluster = await startCluster({ dataDir: pgDir, port: pgPort });
  await cluster.ensureDatabase("portal");
  await migrate(cluster.urlFor("portal"));
  portal = await startPortalWithEmulator({
    appUrl: "http://localhost:3998",
    authSecret: "resilience-test-secret-0123456789abcdef",
    databaseUrl: cluster.urlFor("portal"),
  });
  emu = portal.emu;
  mint = await import("@/lib/intake/mint");
  reconcile = await import("@/lib/jobs/reconcile");
  signing = await import("@/lib/intake/signing");
}, 120_000);

afterAll(async () => {
  await emu?.faults(null).catch(() => {});
  await portal?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const faults = (body: Record<string, unknown> | null) => emu.faults(body);

async function newToken(email: string) {
  const link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const m = await mint.mintToken({ link, details: { name: "Visitor", email, title: "Clip", description: undefined, consent: true }, maxUploads: 1 });
  if (!m.ok) throw new Error(m.message);
  return m;
}

async function redeem(uploadToken: string): Promise<Response> {
  const form = new FormData();
  form.set("upload_token", uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
  return fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
}

describe("reconciliation", () => {
  it("records all 20 uploads whose callbacks were dropped, none twice", async () => {
    await faults({ dropCallbacks: true });
    const tokens = [];
    for (let i = 0; i < 20; i++) tokens.push(await newToken(`dropped${i}@example.com`));
    for (const t of tokens) expect((await redeem(t.uploadToken)).status).toBe(200);
    await faults(null);
    const ids = tokens.map((t) => t.tokenId);
    expect(await portal.db.upload.count({ where: { tokenId: { in: ids } } })).toBe(0);

    const first = await reconcile.reconcileOnce({ minAgeMs: 0, batch: 100 });
    expect(first.recorded).toBe(20);
    const second = await reconcile.reconcileOnce({ minAgeMs: 0, batch: 100 });
    expect(second.recorded).toBe(0);
    const rows = await portal.db.upload.findMany({ where: { tokenId: { in: ids } } });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.photoId)).size).toBe(20);
    expect(rows.every((r) => r.source === "RECONCILED" && r.state === "VERIFIED")).toBe(true);
    const objects = await emu.objects<{ photo_id: string; token: string }>();
    for (const r of rows) expect(objects.find((o) => o.photo_id === r.photoId)?.token).toBe(r.photoToken);
  }, 120_000);
});

describe("database stopped during callbacks", () => {
  it("tells all 10 visitors their upload arrived, then records all 10 once PostgreSQL is back", async () => {
    const tokens = [];
    for (let i = 0; i < 10; i++) tokens.push(await newToken(`dbdown${i}@example.com`));
    const callbacks: Record<string, string>[] = [];
    for (const t of tokens) {
      const res = await redeem(t.uploadToken);
      expect(res.status).toBe(301);
      callbacks.push(Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries()));
    }
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    await cluster.stop();
    try {
      for (const params of callbacks) {
        const res = await browserCallback("GET", params);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("Your upload has arrived");
      }
    } finally {
      setLogSink(previous);
    }
    expect(lines.some((l) => l.includes("callback could not be recorded"))).toBe(true);
    // Back up on the same data directory and port: nothing was written meanwhile.
    cluster = await startCluster({ dataDir: pgDir, port: pgPort });
    const ids = tokens.map((t) => t.tokenId);
    expect(await portal.db.upload.count({ where: { tokenId: { in: ids } } })).toBe(0);
    const r = await reconcile.reconcileOnce({ minAgeMs: 0, batch: 100 });
    expect(r.recorded).toBe(10);
    const rows = await portal.db.upload.findMany({ where: { tokenId: { in: ids } } });
    expect(rows.map((x) => x.photoId).sort()).toEqual(callbacks.map((c) => c.photo_id).sort());
    // A late replay of the original callbacks changes nothing.
    for (const params of callbacks) expect((await browserCallback("GET", params)).status).toBe(303);
    expect(await portal.db.upload.count({ where: { tokenId: { in: ids } } })).toBe(10);
  }, 120_000);
});

describe("TwentyThree failing while minting", () => {
  for (const fault of ["503", "500", "html", "timeout"] as const) {
    it(`answers a clear, retryable message when get-upload-token ${fault === "timeout" ? "times out" : `fails with ${fault}`}`, async () => {
      await faults({ apiFailure: fault });
      const lines: string[] = [];
      const previous = setLogSink((l) => lines.push(l));
      try {
        const link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
        const before = await portal.db.uploadToken.count();
        const m = await mint.mintToken({
          link,
          details: { name: "V", email: `fault-${fault}@example.com`, title: undefined, description: undefined, consent: true },
        });
        expect(m).toMatchObject({ ok: false, retryable: true, message: expect.stringMatching(/not answering right now.*try again/) });
        expect(await portal.db.uploadToken.count()).toBe(before);
      } finally {
        setLogSink(previous);
        await faults(null);
      }
      // Logged as a handled warning with its outcome: no stack trace, no secret.
      expect(lines.join("\n")).not.toMatch(/\n\s+at /);
      for (const secret of [WRITE.consumerSecret, WRITE.accessTokenSecret]) expect(lines.join("\n")).not.toContain(secret);
      expect(lines.some((l) => l.includes("minting failed: TwentyThree unavailable"))).toBe(true);
    }, 60_000);
  }
});

describe("forged callbacks", () => {
  it("1 000 forged callbacks (invented photo_ids, REAL library objects, foreign tokens, tampered state, replays) verify nothing and are all audited", async () => {
    // Real objects of the library, as their public embed URLs show them: three uploaded through
    // the portal (confirmed), three whose callbacks were lost (on TwentyThree, unknown here yet).
    const real: Record<string, string>[] = [];
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await newToken(`library${i}@example.com`);
      owners.push(t.tokenId);
      if (i >= 3) await faults({ dropCallbacks: true });
      const res = await redeem(t.uploadToken);
      await faults(null);
      if (i < 3) {
        const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
        expect((await browserCallback("GET", params, "198.51.100.1")).status).toBe(303);
      }
    }
    const objects = await emu.objects<{ photo_id: string; tree_id: string; token: string; upload_token: string }>();
    const tokens = await portal.db.uploadToken.findMany({ where: { id: { in: owners } } });
    for (const o of objects) if (tokens.some((t) => t.uploadToken === o.upload_token)) real.push({ photo_id: o.photo_id, tree_id: o.tree_id, token: o.token });
    expect(real).toHaveLength(6);

    // 50 attackers, each with their own valid state and upload_token (as read from their redirect),
    // sending 20 callbacks each (under the per-token limit, so every one is really processed).
    const attackers = [];
    for (let i = 0; i < 50; i++) {
      const t = await newToken(`forger${i}@example.com`);
      const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: t.tokenId } });
      attackers.push({ tokenId: t.tokenId, upload_token: t.uploadToken, state: signing.signState(row.id, row.stateNonce), domain: emu.domain });
    }
    const auditBefore = await portal.db.callbackEvent.count();
    const verifiedBefore = await portal.db.upload.count({ where: { verifiedAt: { not: null } } });
    const statuses = new Map<number, number>();
    const last = new Map<number, Record<string, string>>();
    for (let i = 0; i < 1000; i++) {
      const n = Math.floor(i / 20);
      const a = attackers[n]!;
      const kind = (i + n) % 5; // each attacker starts with a different kind
      const own = { upload_token: a.upload_token, state: a.state, domain: a.domain };
      const params: Record<string, string> =
        kind === 0
          ? { ...own, photo_id: String(900000 + i), tree_id: "1", token: `forged${i}abcdefghijklmnopqrstuv` } // invented photo, valid state
          : kind === 1
            ? { ...own, upload_token: "0".repeat(40), photo_id: String(800000 + i), tree_id: "1", token: "abcdefghijklmnopqrstuvwx" } // foreign token
            : kind === 2
              ? {
                  ...own,
                  photo_id: String(700000 + i),
                  tree_id: "1",
                  token: "abcdefghijklmnopqrstuvwx",
                  state: a.state.replace(/.$/, (c) => (c === "x" ? "y" : "x")),
                } // tampered
              : kind === 3 && last.has(n)
                ? last.get(n)! // replay of this attacker's previous callback
                : { ...own, ...real[i % real.length]! }; // a real object of the library, attacker's own valid state
      last.set(n, params);
      // Clients spread over 100 addresses, so the per-client limit does not hide what is tested here.
      const res = await browserCallback("GET", params, `198.51.100.${i % 100}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries([...statuses].filter(([s]) => s < 500 && s !== 429)));
    expect(await portal.db.callbackEvent.count()).toBe(auditBefore + 1000);
    expect(await portal.db.upload.count({ where: { verifiedAt: { not: null } } })).toBe(verifiedBefore);
    // Each attacker token allowed one upload: at most one claim each, and every claim disowned.
    const claims = await portal.db.upload.findMany({ where: { tokenId: { in: attackers.map((a) => a.tokenId) } } });
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.length).toBeLessThanOrEqual(50);
    expect(claims.every((c) => c.state === "DISOWNED" && c.verifiedAt === null)).toBe(true);
    expect(claims.some((c) => real.some((r) => r.photo_id === c.photoId))).toBe(true);

    // Reconciliation then confirms the three lost uploads for their real owners, and only them.
    await reconcile.reconcileOnce({ minAgeMs: 0, batch: 500 });
    const confirmed = await portal.db.upload.findMany({ where: { photoId: { in: real.map((r) => r.photo_id!) }, verifiedAt: { not: null } } });
    expect(confirmed.map((c) => c.tokenId).sort()).toEqual([...owners].sort());
  }, 240_000);
});
