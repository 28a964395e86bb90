// A contributor's real visit and the browser's part of a replacement, shared by the contributor
// page's integration tests: minted, redeemed on the emulator over HTTP, called back, verified.
import { expect } from "vitest";
import { readFixture } from "@/test/fixtures";
import type { PortalWithEmulator } from "@/test/integration";

export const mp4 = readFixture("clip.mp4");
export const webm = readFixture("clip.webm");

export async function contribute(portal: PortalWithEmulator, name: string, ip = "203.0.113.7", opts: { queueReceipt?: boolean } = {}) {
  const { mintToken } = await import("@/lib/intake/mint");
  const { handleCallback } = await import("@/lib/intake/callback");
  const { verifyUpload } = await import("@/lib/intake/verify");
  const { queueReceipt } = await import("@/lib/contributor/mail");
  const { signReceipt } = await import("@/lib/contributor/receipt");
  const { insertMessages } = await import("@/lib/mail/outbox");
  const link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const minted = await mintToken({
    link,
    requesterIp: ip,
    details: { name, email: `${name.toLowerCase()}@example.com`, title: `${name}'s story`, description: undefined, consent: true },
  });
  if (!minted.ok) throw new Error(minted.message);
  const form = new FormData();
  form.set("upload_token", minted.uploadToken);
  form.set("file", new Blob([new Uint8Array(mp4)], { type: "video/mp4" }), "clip.mp4");
  const res = await fetch(`${portal.emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  const outcome = await handleCallback({ method: "GET", params: Object.fromEntries(new URL(res.headers.get("location")!).searchParams) });
  if (outcome.kind !== "accepted") throw new Error(`callback ${outcome.kind}`);
  expect(await verifyUpload(outcome.uploadId)).toBe("verified");
  if (opts.queueReceipt !== false) expect(await queueReceipt(outcome.uploadId, insertMessages)).toHaveLength(1);
  else {
    const { ensureReceipt } = await import("@/lib/contributor/receipt");
    await ensureReceipt((await portal.db.upload.findUniqueOrThrow({ where: { id: outcome.uploadId } })).tokenId);
  }
  const upload = await portal.db.upload.findUniqueOrThrow({ where: { id: outcome.uploadId }, include: { token: { include: { receipt: true } } } });
  return { upload, receipt: signReceipt(upload.token.receipt!.id), receiptId: upload.token.receipt!.id };
}

/** The browser's part of a replacement: a file to TwentyThree, which answers with the callback's
 * redirect; its query is returned without following it (as an attacker's script would). */
export async function redeemReplace(portal: PortalWithEmulator, replaceToken: string, file: Uint8Array = webm, type = "video/webm", name = "new.webm") {
  const form = new FormData();
  form.set("replace_token", replaceToken);
  form.set("file", new Blob([new Uint8Array(file)], { type }), name);
  const res = await fetch(`${portal.emu.url}/api/photo/redeem-replace-token`, { method: "POST", body: form, redirect: "manual" });
  return Object.fromEntries(new URL(res.headers.get("location")!).searchParams) as Record<string, string>;
}

/** What a confirmed replacement leaves behind, to show a refused one left nothing. */
export async function replaceTraces(portal: PortalWithEmulator, uploadId: string) {
  const row = await portal.db.upload.findUniqueOrThrow({ where: { id: uploadId } });
  return {
    processing: row.processing,
    replaceActions: await portal.db.moderationAction.count({ where: { uploadId, action: "replace" } }),
    mails: await portal.db.mailMessage.count({ where: { uploadId, kind: "replaced" } }),
    done: await portal.db.replacement.count({ where: { uploadId, status: "done" } }),
  };
}
