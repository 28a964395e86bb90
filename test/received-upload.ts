// A visitor's upload through the portal's own modules, up to the callback: a token minted for the
// demo link, a real file redeemed at the emulator over HTTP, TwentyThree's redirect handed to the
// callback. Tests that need an upload row (mail, webhooks, processing, moderation) start here and
// verify it themselves when they need it verified. Imported lazily: test files set the
// environment before loading portal modules.
import { readFixture } from "@/test/fixtures";

export type Visitor = { name: string; email: string; title: string };
export type ReceivedUpload = { uploadId: string; photoId: string; token: string };

const clip = readFixture("clip.mp4");

export async function receivedUpload(emulatorUrl: string, visitor: Visitor, ip?: string): Promise<ReceivedUpload> {
  const { db } = await import("@/lib/db");
  const { mintToken } = await import("@/lib/intake/mint");
  const { handleCallback } = await import("@/lib/intake/callback");
  const link = await db().intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const minted = await mintToken({ link, details: { ...visitor, description: undefined, consent: true } });
  if (!minted.ok) throw new Error(minted.message);
  const form = new FormData();
  form.set("upload_token", minted.uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
  const res = await fetch(`${emulatorUrl}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
  const outcome = await handleCallback({ method: "GET", params, ip });
  if (outcome.kind !== "accepted") throw new Error(`callback ${outcome.kind}`);
  return { uploadId: outcome.uploadId, photoId: params.photo_id!, token: params.token! };
}
