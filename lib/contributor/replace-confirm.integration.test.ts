// A replace callback is believed only when TwentyThree shows the object changed, the agreed
// consent lands on the object as custom variables, and a DIGEST link hears of contributors'
// changes in its digest instead of at once (issue #17). Real emulator over HTTP, real
// PostgreSQL; the attacker uses only what a contributor holds: their receipt link, the replace
// token the replace page shows, the public photo_id, and the redirect of a redeem they abort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contribute as visit, redeemReplace, replaceTraces, webm } from "@/test/contributor";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3996", authSecret: "replace-confirm-secret-0123456789abcdef01", logLevel: "error" });
  await portal.db.intakeLink.update({
    where: { slug: "demo" },
    data: {
      consentText: "You may show my video on our website.",
      notifyEmails: ["team@example.com"],
      notifyMode: "EACH",
      customVariables: { campaign: "spring", consent_text: "", consent_sha256: "" },
    },
  });
});
afterAll(async () => {
  await portal?.close();
});

type EmuObject = { photo_id: string; replaced_count: number; size: number; variables: Record<string, string> };
const emuObject = async (photoId: string | null) => (await portal.emu.objects<EmuObject>()).find((o) => o.photo_id === photoId);

const visibleTraces = (uploadId: string) => replaceTraces(portal, uploadId);

describe("replace callback confirmed with TwentyThree", () => {
  it("a forged success callback, built from an aborted redeem's redirect, changes nothing and sends no mail", async () => {
    const a = await visit(portal, "Mallory");
    const before = await visibleTraces(a.upload.id);
    const { startReplace, handleReplaceCallback } = await import("./replace");
    const { receiveReplaceCallback } = await import("./receive-replace");
    const started = await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id });
    if (!started.ok) throw new Error(started.message);
    const r = await portal.db.replacement.findUniqueOrThrow({ where: { id: started.replacementId } });

    // The attacker posts a file TwentyThree refuses and reads the signed state off the redirect.
    const failed = await redeemReplace(portal, r.replaceToken, new TextEncoder().encode("not a video"), "text/plain", "note.txt");
    expect(failed.error_message).toBeTruthy();
    expect(failed.state).toBeTruthy();
    const forged = {
      domain: failed.domain!,
      replace_token: failed.replace_token!,
      state: failed.state!,
      photo_id: a.upload.photoId!,
      token: a.upload.photoToken!,
      tree_id: "1",
    };

    expect(await handleReplaceCallback(forged)).toMatchObject({ kind: "unconfirmed" });
    const res = await receiveReplaceCallback(forged);
    expect(res.headers.get("location")).toContain("replaced=unconfirmed");
    expect(await visibleTraces(a.upload.id)).toEqual(before);
    expect((await emuObject(a.upload.photoId))!.replaced_count).toBe(0);
    expect((await portal.db.replacement.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("pending");
  });

  it("the genuine callback after the new file arrived is confirmed; replaying an older one is not", async () => {
    const a = await visit(portal, "Nia");
    const { startReplace, handleReplaceCallback } = await import("./replace");
    const first = await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id });
    const second = await startReplace({ receiptId: a.receiptId, uploadId: a.upload.id });
    if (!first.ok || !second.ok) throw new Error("not started");
    const r1 = await portal.db.replacement.findUniqueOrThrow({ where: { id: first.replacementId } });
    const r2 = await portal.db.replacement.findUniqueOrThrow({ where: { id: second.replacementId } });
    // The second replacement is real; the first only got a refused file, its state read off the redirect.
    const real = await redeemReplace(portal, r2.replaceToken);
    expect(await handleReplaceCallback(real)).toMatchObject({ kind: "replaced" });
    expect((await emuObject(a.upload.photoId))!.size).toBe(webm.length);
    const aborted = await redeemReplace(portal, r1.replaceToken, new TextEncoder().encode("nope"), "text/plain", "n.txt");
    const forged = { domain: aborted.domain!, replace_token: aborted.replace_token!, state: aborted.state!, photo_id: a.upload.photoId!, tree_id: "1" };
    // The object did change since r1 was minted, but not since the confirmed replacement: no second record.
    expect(await handleReplaceCallback(forged)).toMatchObject({ kind: "unconfirmed" });
    expect(await visibleTraces(a.upload.id)).toMatchObject({ replaceActions: 1, mails: 1, done: 1 });
  });
});

describe("consent on the object", () => {
  it("the agreed text and its SHA-256 land on the TwentyThree object as custom variables", async () => {
    const a = await visit(portal, "Omar");
    const { consentSha256 } = await import("./consent");
    const text = "You may show my video on our website.";
    const o = await emuObject(a.upload.photoId);
    expect(o!.variables).toEqual({ campaign: "spring", consent_text: text, consent_sha256: consentSha256(text) });
    // The stored agreement names the same version the object carries.
    const token = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: a.upload.tokenId }, include: { consentVersion: true } });
    expect(token.consentVersion).toMatchObject({ text, sha256: consentSha256(text) });
  });
});

describe("team notices follow the link's mail mode", () => {
  it("a DIGEST link gets no notice per withdrawal; the next day's digest carries it, with the reason", async () => {
    await portal.db.intakeLink.update({ where: { slug: "demo" }, data: { notifyMode: "DIGEST", notifyEmails: ["digest@example.com"] } });
    try {
      const a = await visit(portal, "Pia");
      const { withdrawConsent } = await import("./withdraw");
      expect((await withdrawConsent({ receiptId: a.receiptId, uploadId: a.upload.id, reason: "New employer" })).ok).toBe(true);
      expect(await portal.db.mailMessage.count({ where: { uploadId: a.upload.id, kind: "withdrawn" } })).toBe(0);

      const { queueDigests } = await import("@/lib/mail/outbox");
      await queueDigests(new Date(Date.now() + 86_400_000));
      const digest = await portal.db.mailMessage.findFirstOrThrow({ where: { kind: "digest", to: "digest@example.com" } });
      expect(digest.subject).toMatch(/\d+ changes? by (a )?contributors?/); // earlier tests in this file replaced a video today too
      const { digestChanges } = await import("./digest");
      const day = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
      const changes = await digestChanges(a.upload.linkId, day);
      expect(changes).toContainEqual(expect.objectContaining({ kind: "withdrawn", title: "Pia's story", contributor: "Pia", reason: "New employer" }));
    } finally {
      await portal.db.intakeLink.update({ where: { slug: "demo" }, data: { notifyMode: "EACH", notifyEmails: ["team@example.com"] } });
    }
  });
});

describe("one visit, several tokens (a clip-mode recording mints one per clip)", () => {
  it("the receipt page shows every clip of the response, one receipt mail is sent, and a stranger's token never joins", async () => {
    const a = await visit(portal, "Quinn");
    const b = await visit(portal, "Quinn", "203.0.113.7", { queueReceipt: false });
    const stranger = await visit(portal, "Rex");
    // What the mint stores for clips of one response: the browser's response id on each token.
    const responseId = crypto.randomUUID();
    await portal.db.uploadToken.updateMany({ where: { id: { in: [a.upload.tokenId, b.upload.tokenId, stranger.upload.tokenId] } }, data: { responseId } });

    const { contributorView } = await import("./view");
    const ids = (await contributorView(a.receiptId))!.uploads.map((u) => u.id);
    expect(ids).toEqual([a.upload.id, b.upload.id]); // Rex typed another address: not Quinn's visit
    const { queueReceipt } = await import("./mail");
    const { insertMessages } = await import("@/lib/mail/outbox");
    expect(await queueReceipt(b.upload.id, insertMessages)).toEqual([]); // the visit's receipt was already queued with the first clip
    const { startReplace } = await import("./replace");
    expect(await startReplace({ receiptId: a.receiptId, uploadId: b.upload.id })).toMatchObject({ ok: true });
    expect(await startReplace({ receiptId: a.receiptId, uploadId: stranger.upload.id })).toEqual({ ok: false, message: "That video is not on your page." });
  });
});
