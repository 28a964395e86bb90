// The contributor's page against the real emulator over HTTP and a real PostgreSQL (issue #17):
// receipt links (and their refusals), withdraw, replace (with its callback's checks), the data
// download and consent versions. Nothing of ours is faked.
// Over 200 lines: the emulator, database and signed receipt set up once for the journey and all its refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contribute as visit, redeemReplace as redeem, webm } from "@/test/contributor";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import type { TestEmulator } from "@/test/emulator";

let portal: PortalWithEmulator;
let emu: TestEmulator;
let receipts: typeof import("./receipt");
let userId: string;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3997", authSecret: "contributor-test-secret-0123456789abcdef0", logLevel: "error" });
  emu = portal.emu;
  receipts = await import("./receipt");
  userId = (await portal.db.user.create({ data: { email: "staff@example.com", name: "Staff" } })).id;
  await portal.db.intakeLink.update({
    where: { slug: "demo" },
    data: { consentText: "You may show my video.", notifyEmails: ["team@example.com"], notifyMode: "EACH" },
  });
});
afterAll(async () => {
  await portal?.close();
});

type EmuObject = { photo_id: string; token: string; published_p: string; replaced_count: number; size: number; video_encoded_p: string };
const contribute = (name: string, ip?: string) => visit(portal, name, ip);
const redeemReplace = (token: string) => redeem(portal, token);
const emuObject = async (photoId: string | null) => (await emu.objects<EmuObject>()).find((o) => o.photo_id === photoId);

describe("receipt link", () => {
  it("is queued once per visit to the address given, and opens only that visit's page", async () => {
    const a = await contribute("Ada");
    const mails = await portal.db.mailMessage.findMany({ where: { uploadId: a.upload.id, kind: "receipt" } });
    expect(mails).toMatchObject([{ to: "ada@example.com", status: "PENDING" }]);
    const { contributorMailContent } = await import("./mail");
    const content = await contributorMailContent({ kind: "receipt", uploadId: a.upload.id, dedupeKey: mails[0]!.dedupeKey });
    expect(content?.text).toContain(`/c/${a.receipt}`);
    const check = await receipts.checkReceipt(a.receipt);
    expect(check.ok).toBe(true);
  });

  it("refuses guessed, altered, expired and revoked links, and revoking changes nothing else", async () => {
    const a = await contribute("Bea");
    const [id, sig] = a.receipt.split(".");
    expect(await receipts.checkReceipt(`${crypto.randomUUID()}.${sig}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await receipts.checkReceipt(`${id}.${sig!.slice(0, -2)}xx`)).toEqual({ ok: false, reason: "invalid" });
    expect(await receipts.checkReceipt(`${id}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await receipts.checkReceipt(a.receipt, new Date(Date.now() + 400 * 86_400_000))).toEqual({ ok: false, reason: "expired" });
    expect(await receipts.revokeReceipt(a.receiptId, userId)).toBe(true);
    expect(await receipts.checkReceipt(a.receipt)).toEqual({ ok: false, reason: "revoked" });
    // A revoked link's withdrawal (through the action's own check) never reaches TwentyThree.
    const { withdrawAction } = await import("./actions");
    const f = new FormData();
    for (const [k, v] of Object.entries({ receipt: a.receipt, uploadId: a.upload.id, confirm: "yes", reason: "" })) f.set(k, v);
    expect(await withdrawAction({ ok: false }, f)).toMatchObject({ ok: false, message: expect.stringContaining("no longer valid") });
    expect((await portal.db.upload.findUniqueOrThrow({ where: { id: a.upload.id } })).withdrawnAt).toBeNull();
  });

  it("one contributor's link never shows or touches another's video", async () => {
    const a = await contribute("Cai");
    const b = await contribute("Dev");
    const { contributorView, contributorData } = await import("./view");
    const view = await contributorView(a.receiptId);
    expect(view!.uploads.map((u) => u.id)).toEqual([a.upload.id]);
    const data = JSON.stringify(await contributorData(a.receiptId));
    expect(data).toContain("cai@example.com");
    expect(data).not.toContain("dev@example.com");
    expect(data).not.toContain(b.upload.photoId!);
    const { withdrawConsent } = await import("./withdraw");
    const { startReplace } = await import("./replace");
    expect(await withdrawConsent({ receiptId: a.receiptId, uploadId: b.upload.id, reason: "" })).toEqual({
      ok: false,
      message: "That video is not on your page.",
    });
    expect(await startReplace({ receiptId: a.receiptId, uploadId: b.upload.id })).toEqual({ ok: false, message: "That video is not on your page." });
    expect((await portal.db.upload.findUniqueOrThrow({ where: { id: b.upload.id } })).withdrawnAt).toBeNull();
  });
});

describe("withdraw consent", () => {
  it("unpublishes on TwentyThree at once, records it, tells the team; only staff can publish again, with a reason", async () => {
    const a = await contribute("Eve");
    const mod = await import("@/lib/uploads/moderation");
    expect(await mod.moderate({ uploadId: a.upload.id, userId, action: "approve" })).toMatchObject({ ok: true, state: "PUBLISHED" });
    expect((await emuObject(a.upload.photoId))?.published_p).toBe("1");

    const { withdrawConsent } = await import("./withdraw");
    const r = await withdrawConsent({ receiptId: a.receiptId, uploadId: a.upload.id, reason: "I changed jobs" });
    expect(r.ok).toBe(true);
    expect((await emuObject(a.upload.photoId))?.published_p).toBe("0");
    const row = await portal.db.upload.findUniqueOrThrow({ where: { id: a.upload.id } });
    expect(row).toMatchObject({ state: "VERIFIED", withdrawnReason: "I changed jobs" });
    expect(row.withdrawnAt).not.toBeNull();
    const actions = await portal.db.moderationAction.findMany({ where: { uploadId: a.upload.id, action: "withdraw" } });
    expect(actions).toMatchObject([
      { ok: true, userId: null, detail: { by: "contributor", reason: "I changed jobs", policy: "unpublish", from: "PUBLISHED" } },
    ]);
    expect(await portal.db.mailMessage.count({ where: { uploadId: a.upload.id, kind: "withdrawn", to: "team@example.com" } })).toBe(1);

    // The contributor's link cannot undo it or swap the video.
    expect((await withdrawConsent({ receiptId: a.receiptId, uploadId: a.upload.id, reason: "" })).message).toContain("already withdrawn");
    const { startReplace } = await import("./replace");
    expect(await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id })).toMatchObject({ ok: false });

    // Staff: publishing needs a reason, which is recorded.
    const refused = await mod.moderate({ uploadId: a.upload.id, userId, action: "approve" });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("withdrew consent") });
    expect((await emuObject(a.upload.photoId))?.published_p).toBe("0");
    const ok = await mod.moderate({ uploadId: a.upload.id, userId, action: "approve", overrideReason: "Contract signed again on paper" });
    expect(ok).toMatchObject({ ok: true, state: "PUBLISHED" });
    const override = await portal.db.moderationAction.findFirst({
      where: { uploadId: a.upload.id, action: "approve", ok: true },
      orderBy: { createdAt: "desc" },
    });
    expect(override?.detail).toMatchObject({ override: "Contract signed again on paper" });
  });

  it("deletes on TwentyThree when the link's policy says so", async () => {
    const link = await portal.db.intakeLink.update({ where: { slug: "demo" }, data: { withdrawPolicy: "delete" } });
    try {
      const a = await contribute("Fay");
      const { withdrawConsent } = await import("./withdraw");
      expect((await withdrawConsent({ receiptId: a.receiptId, uploadId: a.upload.id, reason: "" })).ok).toBe(true);
      expect(await emuObject(a.upload.photoId)).toBeUndefined();
      expect((await portal.db.upload.findUniqueOrThrow({ where: { id: a.upload.id } })).state).toBe("DELETED");
    } finally {
      await portal.db.intakeLink.update({ where: { id: link.id }, data: { withdrawPolicy: "unpublish" } });
    }
  });
});

describe("replace", () => {
  it("uploads a new file to the same photo_id, processing again, history and team notice", async () => {
    const a = await contribute("Gus");
    const before = await emuObject(a.upload.photoId);
    const { startReplace, handleReplaceCallback } = await import("./replace");
    const started = await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id });
    if (!started.ok) throw new Error(started.message);
    const r = await portal.db.replacement.findUniqueOrThrow({ where: { id: started.replacementId } });
    const params = await redeemReplace(r.replaceToken);
    expect(params.replace_token).toBe(r.replaceToken);
    expect(params.photo_id).toBe(a.upload.photoId);

    expect(await handleReplaceCallback(params)).toEqual({ kind: "replaced", receipt: a.receipt });
    const after = await emuObject(a.upload.photoId);
    expect(after).toMatchObject({ photo_id: a.upload.photoId, token: before!.token, replaced_count: 1 });
    expect(after!.size).toBe(webm.length);
    const row = await portal.db.upload.findUniqueOrThrow({ where: { id: a.upload.id } });
    expect(row.processing).toBe("PROCESSING");
    expect(await portal.db.moderationAction.count({ where: { uploadId: a.upload.id, action: "replace", ok: true } })).toBe(1);
    expect(await portal.db.mailMessage.count({ where: { uploadId: a.upload.id, kind: "replaced" } })).toBe(1);
    // The same callback again is a repeat, not a second replacement.
    expect((await handleReplaceCallback(params)).kind).toBe("duplicate");
  });

  it("refuses a replace callback naming another video, another replacement's token, or an altered state", async () => {
    const a = await contribute("Hal");
    const b = await contribute("Ivy");
    const { startReplace, handleReplaceCallback } = await import("./replace");
    const sa = await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id });
    const sb = await startReplace({ receiptId: b.receiptId, uploadId: b.upload.id });
    if (!sa.ok || !sb.ok) throw new Error("not started");
    const ra = await portal.db.replacement.findUniqueOrThrow({ where: { id: sa.replacementId } });
    const rb = await portal.db.replacement.findUniqueOrThrow({ where: { id: sb.replacementId } });
    const pa = await redeemReplace(ra.replaceToken);
    // Attacker holds their own genuine replacement (a) and points its callback at Ivy's video.
    expect(await handleReplaceCallback({ ...pa, photo_id: b.upload.photoId!, token: b.upload.photoToken! })).toMatchObject({ kind: "rejected" });
    expect(await handleReplaceCallback({ ...pa, replace_token: rb.replaceToken })).toMatchObject({ kind: "rejected" });
    expect(await handleReplaceCallback({ ...pa, state: `${pa.state}x` })).toMatchObject({ kind: "rejected" });
    // An upload callback's state never passes for a replacement's.
    const { signState } = await import("@/lib/intake/signing");
    expect(await handleReplaceCallback({ ...pa, state: signState(ra.id, ra.stateNonce) })).toMatchObject({ kind: "rejected" });
    expect((await portal.db.replacement.findUniqueOrThrow({ where: { id: rb.id } })).status).toBe("pending");
    expect((await portal.db.upload.findUniqueOrThrow({ where: { id: b.upload.id } })).processing).not.toBe("PROCESSING");
    expect(await portal.db.moderationAction.count({ where: { uploadId: b.upload.id, action: "replace" } })).toBe(0);
    // Its own callback still goes through.
    expect((await handleReplaceCallback(pa)).kind).toBe("replaced");
  });
});

describe("consent versions", () => {
  it("editing the text adds a version; old agreements keep theirs; versions cannot be rewritten", async () => {
    const a = await contribute("Jo", "198.51.100.9");
    const tokenA = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: a.upload.tokenId }, include: { consentVersion: true } });
    expect(tokenA.consentIp).toBe("198.51.100.9");
    expect(tokenA.consentVersion).toMatchObject({ text: "You may show my video." });
    const { consentSha256 } = await import("./consent");
    expect(tokenA.consentVersion!.sha256).toBe(consentSha256("You may show my video."));

    await portal.db.intakeLink.update({ where: { slug: "demo" }, data: { consentText: "You may show my video, and use it in ads." } });
    const b = await contribute("Kim");
    const tokenB = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: b.upload.tokenId }, include: { consentVersion: true } });
    expect(tokenB.consentVersion!.version).toBe(tokenA.consentVersion!.version + 1);
    const again = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: a.upload.tokenId }, include: { consentVersion: true } });
    expect(again.consentVersion!.text).toBe("You may show my video.");

    await expect(portal.db.consentVersion.update({ where: { id: tokenA.consentVersion!.id }, data: { text: "rewritten" } })).rejects.toThrow();
    await expect(portal.db.consentVersion.delete({ where: { id: tokenA.consentVersion!.id } })).rejects.toThrow();
    const { contributorView } = await import("./view");
    expect((await contributorView(a.receiptId))!.consent).toMatchObject({ text: "You may show my video.", ip: "198.51.100.9" });
  });
});
