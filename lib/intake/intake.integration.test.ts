// The intake journey below the browser: mint with stored credentials → redeem on the real
// emulator over HTTP → callback handled → upload verified. Real Postgres, real emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import type { TestEmulator } from "@/test/emulator";

const clip = readFixture("clip.mp4");
const text = readFixture("not-a-video.txt");

let portal: PortalWithEmulator;
let emu: TestEmulator;
let m: typeof import("@/lib/intake/mint");
let cb: typeof import("@/lib/intake/callback");
let verify: typeof import("@/lib/intake/verify");
let signing: typeof import("@/lib/intake/signing");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3999", authSecret: "intake-test-secret-0123456789abcdef0123" });
  emu = portal.emu;
  m = await import("@/lib/intake/mint");
  cb = await import("@/lib/intake/callback");
  verify = await import("@/lib/intake/verify");
  signing = await import("@/lib/intake/signing");
});
afterAll(async () => {
  await portal?.close();
});

async function demoLink() {
  return portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
}

async function mint(maxUploads?: number) {
  const minted = await m.mintToken({
    link: await demoLink(),
    details: { name: "Ada", email: "ada@example.com", title: "My story", description: undefined, consent: true },
    maxUploads,
  });
  if (!minted.ok) throw new Error(minted.message);
  return minted;
}

/** A token for a visitor of their own (their own address and e-mail, so the mint's per-address
 * and per-visitor limits are theirs alone). */
async function mintFor(name: string, email: string, ip: string, maxUploads?: number) {
  const minted = await m.mintToken({
    link: await demoLink(),
    details: { name, email, title: "Our story", description: undefined, consent: true },
    requesterIp: ip,
    maxUploads,
  });
  if (!minted.ok) throw new Error(minted.message);
  return minted;
}

/** Redeem on the emulator as a browser form would, and return the callback it redirects to. */
async function redeem(uploadToken: string, file: Buffer, name: string, type: string) {
  const form = new FormData();
  form.set("upload_token", uploadToken);
  form.set("file", new Blob([new Uint8Array(file)], { type }), name);
  const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(301);
  const location = new URL(res.headers.get("location")!);
  expect(location.origin + location.pathname).toBe("http://localhost:3999/api/twentythree/callback");
  return Object.fromEntries(location.searchParams.entries());
}

describe("intake journey against the emulator", () => {
  it("mints with stored credentials, records the callback once and verifies it with TwentyThree", async () => {
    const minted = await mint();
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    expect(row.uploadToken).toBe(minted.uploadToken);
    expect(row.contributorEmail).toBe("ada@example.com");
    expect(row.consentAt).toBeInstanceOf(Date);
    expect(row.validUntil.getTime()).toBeGreaterThan(Date.now() + 170 * 60_000);
    expect(JSON.stringify(row.params)).not.toMatch(/secret/i);

    const params = await redeem(minted.uploadToken, clip, "clip.mp4", "video/mp4");
    const outcome = await cb.handleCallback({ method: "GET", params });
    expect(outcome.kind).toBe("accepted");
    if (outcome.kind !== "accepted") return;
    expect(await verify.verifyUpload(outcome.uploadId)).toBe("verified");
    const upload = await portal.db.upload.findUniqueOrThrow({ where: { id: outcome.uploadId } });
    expect(upload).toMatchObject({ photoId: params.photo_id, treeId: params.tree_id, photoToken: params.token, state: "VERIFIED" });

    const objects = await emu.objects<{ photo_id: string; token: string; size: number }>();
    const stored = objects.find((o) => o.photo_id === params.photo_id);
    expect(stored?.token).toBe(params.token);
    expect(Number(stored?.size)).toBe(clip.length);

    // Replayed (GET again, then as a POST): still one row, both audited.
    expect((await cb.handleCallback({ method: "GET", params })).kind).toBe("duplicate");
    expect((await cb.handleCallback({ method: "POST", params })).kind).toBe("duplicate");
    expect(await portal.db.upload.count({ where: { photoId: params.photo_id } })).toBe(1);
    const audit = await portal.db.callbackEvent.findMany({ where: { tokenId: minted.tokenId }, orderBy: { receivedAt: "asc" } });
    expect(audit.map((a) => a.outcome)).toEqual(["accepted", "duplicate", "duplicate"]);
  });

  it("never verifies a callback with a valid state but an invented photo_id", async () => {
    const minted = await mint();
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    const params = {
      domain: emu.domain,
      upload_token: minted.uploadToken,
      photo_id: "99999999",
      tree_id: "1",
      token: "abcdefghijklmnopqrstuvwxyz012345",
      state: signing.signState(row.id, row.stateNonce),
    };
    const outcome = await cb.handleCallback({ method: "GET", params });
    expect(outcome.kind).toBe("accepted");
    if (outcome.kind !== "accepted") return;
    expect(await verify.verifyUpload(outcome.uploadId)).toBe("not_found");
    expect((await portal.db.upload.findUniqueOrThrow({ where: { id: outcome.uploadId } })).state).toBe("DISOWNED");
  });

  it("creates nothing for an unknown upload_token or a tampered state, and audits both", async () => {
    const minted = await mint();
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    const good = {
      domain: emu.domain,
      upload_token: minted.uploadToken,
      photo_id: "123",
      tree_id: "1",
      token: "abcdefghijklmnopqrstuvwxyz012345",
      state: signing.signState(row.id, row.stateNonce),
    };
    const before = await portal.db.upload.count();
    const foreign = await cb.handleCallback({ method: "GET", params: { ...good, upload_token: "f".repeat(40) } });
    const tampered = await cb.handleCallback({ method: "GET", params: { ...good, state: good.state.slice(0, -1) + (good.state.endsWith("A") ? "B" : "A") } });
    const missing = await cb.handleCallback({ method: "GET", params: { ...good, state: "" } });
    expect([foreign.kind, tampered.kind, missing.kind]).toEqual(["rejected", "rejected", "rejected"]);
    expect(await portal.db.upload.count()).toBe(before);
    const audit = await portal.db.callbackEvent.findMany({ where: { outcome: "rejected" } });
    expect(audit.map((a) => a.reason)).toEqual(
      expect.arrayContaining(["upload_token does not belong to this state", "state signature invalid", "state missing"]),
    );
  });

  it("records an unsupported file as a failure against the token, with TwentyThree's message", async () => {
    const minted = await mint();
    const params = await redeem(minted.uploadToken, text, "notes.txt", "text/plain");
    expect(params.error_message).toBe("The file type isn't supported");
    const outcome = await cb.handleCallback({ method: "GET", params });
    expect(outcome).toMatchObject({ kind: "upload_failed", message: "The file type isn't supported" });
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    expect(row.status).toBe("FAILED");
    expect(await portal.db.upload.count({ where: { tokenId: minted.tokenId } })).toBe(0);
  });

  it("a failure TwentyThree sends without words is still a failure, and the portal adds no English of its own", async () => {
    const minted = await mint();
    const params = await redeem(minted.uploadToken, text, "notes.txt", "text/plain");
    const outcome = await cb.handleCallback({ method: "GET", params: { ...params, error_message: "" } });
    expect(outcome).toMatchObject({ kind: "upload_failed", message: "" });
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    // The thank-you page shows its failure page (worded in the visitor's language) for a non-null message.
    expect(row).toMatchObject({ status: "FAILED", errorMessage: "" });
    expect(await portal.db.upload.count({ where: { tokenId: minted.tokenId } })).toBe(0);
  });

  it("turns 50 concurrent copies of one callback into one upload row", async () => {
    const minted = await mint();
    const params = await redeem(minted.uploadToken, clip, "clip.mp4", "video/mp4");
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => cb.handleCallback({ method: "GET", params })));
    expect(outcomes.filter((o) => o.kind === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(49);
    expect(await portal.db.upload.count({ where: { photoId: params.photo_id } })).toBe(1);
  });

  it("refuses more uploads than the token allows", async () => {
    const minted = await mint(1);
    const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
    const state = signing.signState(row.id, row.stateNonce);
    const one = await cb.handleCallback({
      method: "GET",
      params: { domain: emu.domain, upload_token: minted.uploadToken, photo_id: "5001", tree_id: "1", token: "a".repeat(32), state },
    });
    const two = await cb.handleCallback({
      method: "GET",
      params: { domain: emu.domain, upload_token: minted.uploadToken, photo_id: "5002", tree_id: "1", token: "b".repeat(32), state },
    });
    expect([one.kind, two.kind]).toEqual(["accepted", "rejected"]);
  });

  it("claims callbacks that arrive together in shared transactions, each answered for itself", async () => {
    // Twenty visitors' uploads, each callback arriving twice, plus a second file on a one-file
    // token and a callback carrying another token's upload_token, all at once: the claims queue
    // behind the first ones and go to PostgreSQL in batches (lib/intake/callback-claim.ts).
    const uploads = [];
    for (let i = 0; i < 20; i++) {
      const minted = await mintFor(`Visitor ${i}`, `visitor${i}@example.com`, `198.51.100.${i + 1}`);
      uploads.push({ minted, params: await redeem(minted.uploadToken, clip, "clip.mp4", "video/mp4") });
    }
    const single = await mintFor("Grace", "grace@example.com", "198.51.100.99", 1);
    const singleRow = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: single.tokenId } });
    const singleState = signing.signState(singleRow.id, singleRow.stateNonce);
    const file = (photoId: string) => ({
      domain: emu.domain,
      upload_token: single.uploadToken,
      photo_id: photoId,
      tree_id: "1",
      token: "c".repeat(32),
      state: singleState,
    });
    const forged = { ...uploads[0]!.params, upload_token: uploads[1]!.minted.uploadToken };

    const calls = [...uploads.map((u) => u.params), file("7001"), forged, ...uploads.map((u) => u.params), file("7002")];
    const outcomes = await Promise.all(calls.map((params) => cb.handleCallback({ method: "GET", params })));

    for (const [i, { minted, params }] of uploads.entries()) {
      const mine = [outcomes[i]!, outcomes[i + 22]!];
      expect(mine.map((o) => o.kind).sort()).toEqual(["accepted", "duplicate"]);
      const ids = mine.map((o) => ("uploadId" in o ? o.uploadId : undefined));
      expect(ids[0]).toBe(ids[1]);
      // The answer names this callback's own row, not a neighbour's in the batch.
      const row = await portal.db.upload.findUniqueOrThrow({ where: { id: ids[0]! } });
      expect(row).toMatchObject({ tokenId: minted.tokenId, photoId: params.photo_id, photoToken: params.token });
    }
    // Two files on a one-file token, in statements that may run side by side: one is recorded,
    // whichever took the token's lock first, and the other refused.
    expect([outcomes[20]!.kind, outcomes[42]!.kind].sort()).toEqual(["accepted", "rejected"]);
    expect(outcomes[21]).toMatchObject({ kind: "rejected", reason: "upload_token does not belong to this state" });
    expect(await portal.db.upload.count({ where: { tokenId: { in: [...uploads.map((u) => u.minted.tokenId), single.tokenId] } } })).toBe(21);

    // They went together: the first four callbacks by a statement each (nothing was waiting yet),
    // the other 39 in the two batches that queued behind them (32, then 7, which may run side by
    // side and take some of the twenty), so at most six transactions wrote the twenty rows, not
    // one per callback.
    const [{ transactions }] = await portal.db.$queryRaw<[{ transactions: number }]>`
      SELECT count(DISTINCT xmin::text)::int AS transactions FROM uploads WHERE token_id = ANY(${uploads.map((u) => u.minted.tokenId)}::uuid[])`;
    expect(transactions).toBeLessThanOrEqual(6);
  });

  it("only recorded or repeated callbacks count toward a burst (which holds the verification), not junk anyone can send", async () => {
    const receive = await import("@/lib/intake/receive");
    const queue = await import("@/lib/jobs/queue");
    await new Promise((r) => setTimeout(r, 1100)); // any earlier arrivals out of the last second
    // Thirty forged callbacks in a moment: no state, a tampered state, an invented upload_token.
    const minted = await mintFor("Burst", "burst@example.com", "198.51.100.200");
    const params = await redeem(minted.uploadToken, clip, "clip.mp4", "video/mp4");
    for (let i = 0; i < 10; i++) {
      await receive.receiveCallback("GET", { photo_id: String(9000 + i), tree_id: "1", token: "e".repeat(32) }, "192.0.2.50");
      await receive.receiveCallback("GET", { ...params, state: params.state + "x" }, "192.0.2.50");
      await receive.receiveCallback("GET", { ...params, upload_token: "f".repeat(32) }, "192.0.2.50");
    }
    expect(queue.callbackBurst()).toBe(false);
    // The real callback and nine repeats of it (TwentyThree retrying): a burst.
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await receive.receiveCallback("GET", params, "192.0.2.51")).status);
    expect(answers).toEqual(Array(10).fill(303));
    expect(queue.callbackBurst()).toBe(true);
  });

  it("a repeat's claim alone does not wait for the disk; a transaction that records an upload does, whatever its order", async () => {
    // The claim function's choice, read inside its transaction before the commit: a repeat writes
    // only its audit row, so its commit may skip the WAL flush; a batch that records an upload
    // (lib/intake/callback-claim.ts sends several claims in one transaction) must not.
    const first = await mintFor("Durable", "durable@example.com", "198.51.100.210");
    const recorded = await redeem(first.uploadToken, clip, "clip.mp4", "video/mp4");
    expect(await cb.handleCallback({ method: "GET", params: recorded })).toMatchObject({ kind: "accepted" });
    const fresh = async (i: number) =>
      redeem((await mintFor(`Fresh ${i}`, `fresh${i}@example.com`, `198.51.100.${211 + i}`)).uploadToken, clip, "clip.mp4", "video/mp4");
    const claimsThenSetting = (calls: Record<string, string>[]) =>
      portal.db.$transaction(async (tx) => {
        const outcomes: string[] = [];
        for (const p of calls) {
          const state = signing.verifyState(p.state)!;
          const [{ r }] = await tx.$queryRaw<[{ r: { outcome: string } }]>`SELECT intake_callback_claim(
            ${state.tokenId}::uuid, ${state.nonce}, ${p.upload_token}, ${(p.domain ?? "").toLowerCase()}, ${p.photo_id}, ${p.tree_id}, ${p.token},
            'callback:client:test', 20, 600000::bigint, 20, 600000::bigint, 600000::bigint, now(), 'GET', NULL, ${JSON.stringify(p)}::jsonb, 'sha', 'excerpt') AS r`;
          outcomes.push(r.outcome);
        }
        const [{ setting }] = await tx.$queryRaw<[{ setting: string }]>`SELECT current_setting('synchronous_commit') AS setting`;
        return { outcomes, setting };
      });
    expect(await claimsThenSetting([recorded])).toEqual({ outcomes: ["duplicate"], setting: "off" });
    expect(await claimsThenSetting([recorded, await fresh(0)])).toEqual({ outcomes: ["duplicate", "accepted"], setting: "on" });
    expect(await claimsThenSetting([await fresh(1), recorded])).toEqual({ outcomes: ["accepted", "duplicate"], setting: "on" });
    // Outside those transactions nothing changed.
    const [{ setting }] = await portal.db.$queryRaw<[{ setting: string }]>`SELECT current_setting('synchronous_commit') AS setting`;
    expect(setting).toBe("on");
  });

  it("a claim PostgreSQL refuses inside a batch fails alone; the callbacks beside it are recorded", async () => {
    // A row the database will not take (here a trigger; in life a constraint or a bad value)
    // fails the batch's one statement: the others are claimed again on their own.
    await portal.db.$executeRawUnsafe(`CREATE FUNCTION refuse_photo_666() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await portal.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_photo_666 BEFORE INSERT ON uploads FOR EACH ROW WHEN (NEW.photo_id = '666') EXECUTE FUNCTION refuse_photo_666()`,
    );
    try {
      const calls = [];
      for (let i = 0; i < 8; i++) {
        const minted = await mintFor(`Guest ${i}`, `guest${i}@example.com`, `203.0.113.${i + 1}`);
        const row = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: minted.tokenId } });
        const photoId = i === 5 ? "666" : String(8100 + i);
        calls.push({
          domain: emu.domain,
          upload_token: minted.uploadToken,
          photo_id: photoId,
          tree_id: "1",
          token: "d".repeat(32),
          state: signing.signState(row.id, row.stateNonce),
        });
      }
      const settled = await Promise.allSettled(calls.map((params) => cb.handleCallback({ method: "GET", params })));
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value.kind : "failed"))).toEqual([
        "accepted",
        "accepted",
        "accepted",
        "accepted",
        "accepted",
        "failed",
        "accepted",
        "accepted",
      ]);
      expect(await portal.db.upload.count({ where: { photoId: { in: calls.map((c) => c.photo_id) } } })).toBe(7);
    } finally {
      await portal.db.$executeRawUnsafe(`DROP TRIGGER refuse_photo_666 ON uploads`);
      await portal.db.$executeRawUnsafe(`DROP FUNCTION refuse_photo_666()`);
    }
  });
});
