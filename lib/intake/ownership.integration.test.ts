// Issue #13 attacks, reproduced with the attacker's own means (their own state and upload_token,
// read from the redirect TwentyThree sends after they redeem a junk file; other objects' public
// photo_id/tree_id/token; the next photo_id guessed from public ids) against a real Postgres and
// the emulator over HTTP. TwentyThree's listing by upload_token decides ownership.
// Over 200 lines: each attack is one case on the same emulator and database set-up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserCallback } from "@/test/browser-callback";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import type { TestEmulator } from "@/test/emulator";

const clip = readFixture("clip.mp4");
const junk = readFixture("not-a-video.txt");

let portal: PortalWithEmulator;
let emu: TestEmulator;
let m: typeof import("@/lib/intake/mint");
let reconcile: typeof import("@/lib/jobs/reconcile");
let mod: typeof import("@/lib/uploads/moderation");
let links: typeof import("@/lib/intake/links");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3997", authSecret: "ownership-test-secret-0123456789abcdef012", logLevel: "error" });
  emu = portal.emu;
  m = await import("@/lib/intake/mint");
  reconcile = await import("@/lib/jobs/reconcile");
  mod = await import("@/lib/uploads/moderation");
  links = await import("@/lib/intake/links");
});
afterEach(() => faults(null));
afterAll(async () => {
  await portal?.close();
});

const faults = (body: Record<string, unknown> | null) => emu.faults(body);
type EmuObject = { photo_id: string; tree_id: string; token: string; published_p: string | boolean };
const objects = () => emu.objects<EmuObject>();

let visitors = 0;
async function mint(slug = "demo") {
  const link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug } });
  const n = ++visitors;
  const minted = await m.mintToken({
    link,
    details: { name: `Visitor ${n}`, email: `v${n}@example.com`, title: `Clip ${n}`, description: undefined, consent: true },
  });
  if (!minted.ok) throw new Error(minted.message);
  return minted;
}

/** Redeem as a browser form does; returns the callback parameters TwentyThree redirects to. */
async function redeem(uploadToken: string, file = clip): Promise<Record<string, string>> {
  const form = new FormData();
  form.set("upload_token", uploadToken);
  form.set("file", new Blob([new Uint8Array(file)], { type: file === clip ? "video/mp4" : "text/plain" }), file === clip ? "clip.mp4" : "notes.txt");
  const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  const location = res.headers.get("location");
  return location ? Object.fromEntries(new URL(location).searchParams.entries()) : {};
}

/** The attacker's own credentials: a token from the public form, a junk file redeemed, and the
 * state + upload_token read from the redirect. */
async function attackerCredentials(slug = "demo") {
  const minted = await mint(slug);
  const answer = await redeem(minted.uploadToken, junk);
  expect(answer.error_message).toBeTruthy();
  await browserCallback("GET", answer, "203.0.113.9");
  return { tokenId: minted.tokenId, state: answer.state!, upload_token: answer.upload_token!, domain: answer.domain! };
}

async function honestUpload() {
  const minted = await mint();
  const params = await redeem(minted.uploadToken);
  const res = await browserCallback("GET", params, "198.51.100.20");
  expect(res.status).toBe(303);
  return { minted, params, row: await portal.db.upload.findFirstOrThrow({ where: { tokenId: minted.tokenId } }) };
}

const rowsFor = (tokenId: string) => portal.db.upload.findMany({ where: { tokenId } });

describe("a foreign object claimed with the attacker's own state", () => {
  it("naming an object already confirmed for another upload: refused, the owner's row stays verified", async () => {
    const victim = await honestUpload();
    expect(victim.row.state).toBe("VERIFIED");
    const attacker = await attackerCredentials();
    // The victim's object as its public embed URL shows it.
    const forged = { ...attacker, photo_id: victim.params.photo_id!, tree_id: victim.params.tree_id!, token: victim.params.token! };
    const res = await browserCallback("GET", forged, "203.0.113.9");
    expect(res.status).toBe(400);
    expect(await rowsFor(attacker.tokenId)).toEqual([]);
    expect((await portal.db.callbackEvent.findFirstOrThrow({ where: { tokenId: attacker.tokenId, outcome: "rejected" } })).reason).toBe(
      "photo_id already confirmed for another upload",
    );
    const victimRow = await portal.db.upload.findUniqueOrThrow({ where: { id: victim.row.id } });
    expect(victimRow.state).toBe("VERIFIED");
  });

  it("before the owner's callback arrives: recorded as a claim, disowned, and refused by moderation", async () => {
    await faults({ dropCallbacks: true });
    const victim = await mint();
    const leaked = await redeem(victim.uploadToken); // the object exists; its callback was lost
    await faults(null);
    const library = await objects();
    const object = library[library.length - 1]!;
    const attacker = await attackerCredentials();
    const res = await browserCallback("GET", { ...attacker, photo_id: object.photo_id, tree_id: object.tree_id, token: object.token }, "203.0.113.9");
    expect(res.status).toBe(303);
    const [claim] = await rowsFor(attacker.tokenId);
    expect(claim).toMatchObject({ state: "DISOWNED", verifiedAt: null, domain: emu.domain });
    expect(leaked).toEqual({});

    const user = await portal.db.user.create({ data: { email: `mod${Date.now()}@example.com`, name: "Mod" } });
    for (const action of ["approve", "reject", "delete", "unpublish"] as const) {
      const r = await mod.moderate({ uploadId: claim!.id, userId: user.id, action });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/does not list this video among the uploads made with this upload's token/);
    }
    const bulk = await mod.moderateMany([claim!.id], "delete", user.id);
    expect(bulk).toMatchObject({ done: 0, failed: [{ uploadId: claim!.id }] });
    // TwentyThree still holds the object, untouched.
    const after = (await objects()).find((o) => o.photo_id === object.photo_id);
    expect(after).toMatchObject({ token: object.token, published_p: object.published_p });
    // Dismissing only hides it here.
    expect(await mod.moderate({ uploadId: claim!.id, userId: user.id, action: "dismiss" })).toMatchObject({ ok: true, state: "DELETED" });
    expect((await objects()).some((o) => o.photo_id === object.photo_id)).toBe(true);

    // Reconciliation later records the real owner's upload and confirms it.
    await reconcile.reconcileOnce({ minAgeMs: 0, batch: 500 });
    expect(await rowsFor(victim.tokenId)).toEqual([expect.objectContaining({ photoId: object.photo_id, state: "VERIFIED", source: "RECONCILED" })]);
  });

  it("a callback naming another site's domain is refused and stores nothing", async () => {
    const attacker = await attackerCredentials();
    const res = await browserCallback("GET", { ...attacker, domain: "evil.example", photo_id: "1", tree_id: "1", token: "a".repeat(32) }, "203.0.113.10");
    expect(res.status).toBe(400);
    expect(await rowsFor(attacker.tokenId)).toEqual([]);
    const audit = await portal.db.callbackEvent.findFirstOrThrow({ where: { tokenId: attacker.tokenId, outcome: "rejected" } });
    expect(audit.reason).toBe("domain is not this connection's site");
  });
});

describe("the next photo_id squatted before an honest upload", () => {
  async function squat() {
    const attacker = await attackerCredentials();
    const next = String(Math.max(...(await objects()).map((o) => Number(o.photo_id))) + 1);
    // TwentyThree unreachable while the squatting callback is checked: the claim stays pending.
    await faults({ apiFailure: "503" });
    const res = await browserCallback("GET", { ...attacker, photo_id: next, tree_id: "1", token: "q".repeat(32) }, "203.0.113.11");
    await faults(null);
    expect(res.status).toBe(303);
    const [claim] = await rowsFor(attacker.tokenId);
    expect(claim).toMatchObject({ photoId: next, state: "RECEIVED" });
    return { next, claim: claim! };
  }

  it("the honest callback is accepted, its upload verified, the squatting row disowned", async () => {
    const honest = await mint();
    const { next, claim } = await squat();
    const params = await redeem(honest.uploadToken);
    expect(params.photo_id).toBe(next);
    const res = await browserCallback("GET", params, "198.51.100.21");
    expect(res.status).toBe(303);
    expect(await rowsFor(honest.tokenId)).toEqual([expect.objectContaining({ photoId: next, state: "VERIFIED" })]);
    expect(await portal.db.upload.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ state: "DISOWNED", verifiedAt: null });
  });

  it("also when the honest callback never arrives: reconciliation records and verifies it", async () => {
    const honest = await mint();
    const { next, claim } = await squat();
    await faults({ dropCallbacks: true });
    expect(await redeem(honest.uploadToken)).toEqual({});
    await faults(null);
    const r = await reconcile.reconcileOnce({ minAgeMs: 0, batch: 500 });
    expect(r.recorded).toBeGreaterThanOrEqual(1);
    expect(await rowsFor(honest.tokenId)).toEqual([expect.objectContaining({ photoId: next, state: "VERIFIED", source: "RECONCILED" })]);
    expect(await portal.db.upload.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ state: "DISOWNED" });
    // A second run, and the squatter's verification job, change nothing.
    expect((await reconcile.reconcileOnce({ minAgeMs: 0, batch: 500 })).recorded).toBe(0);
    const { verifyUpload } = await import("@/lib/intake/verify");
    expect(await verifyUpload(claim.id)).toBe("skipped");
    expect(await portal.db.upload.count({ where: { photoId: next, verifiedAt: { not: null } } })).toBe(1);
  });
});

describe("quotas", () => {
  it("count confirmed uploads plus a bounded number in flight; disowned claims free their places", async () => {
    const demo = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
    const { id: _id, slug: _slug, createdAt: _c, updatedAt: _u, customVariables, questions, ...rest } = demo;
    const link = await portal.db.intakeLink.create({
      data: { ...rest, slug: "quota-link", title: "Quota", uploadQuota: 7, customVariables: customVariables ?? {}, questions: questions ?? [] },
    });
    const attackers = [];
    for (let i = 0; i < 8; i++) attackers.push(await attackerCredentials("quota-link"));
    // Eight forged claims while TwentyThree cannot be asked: they count, but at most 5 of them.
    await faults({ apiFailure: "503" });
    for (const [i, a] of attackers.entries()) {
      expect((await browserCallback("GET", { ...a, photo_id: String(990000 + i), tree_id: "1", token: "f".repeat(32) }, `203.0.113.${30 + i}`)).status).toBe(
        303,
      );
    }
    await faults(null);
    expect(await links.quotaUsed(link.id)).toBe(links.QUOTA_IN_FLIGHT_MAX);
    expect((await links.lookupLink("quota-link")).kind).toBe("open");
    // The verification sweep disowns them all: their places are free again.
    const { verifyUpload } = await import("@/lib/intake/verify");
    for (const id of await reconcile.pendingVerifications(500)) await verifyUpload(id);
    expect(await portal.db.upload.count({ where: { linkId: link.id, state: "DISOWNED" } })).toBe(8);
    expect(await links.quotaUsed(link.id)).toBe(0);
    // Real uploads count; once confirmed uploads reach the quota the link is full.
    for (let i = 0; i < 2; i++) {
      const minted = await mint("quota-link");
      expect((await browserCallback("GET", await redeem(minted.uploadToken), "198.51.100.22")).status).toBe(303);
    }
    expect(await links.quotaUsed(link.id)).toBe(2);
    await portal.db.intakeLink.update({ where: { id: link.id }, data: { uploadQuota: 2 } });
    expect((await links.lookupLink("quota-link")).kind).toBe("full");
  });
});
