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
});
