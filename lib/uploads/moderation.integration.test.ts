// Moderation against the real emulator over HTTP: TwentyThree changes first, the local state
// follows only on success, and every attempt is recorded.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { receivedUpload } from "@/test/received-upload";
import { editSchema } from "@/lib/uploads/schema";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import { emulatorCredentials, type TestEmulator } from "@/test/emulator";

let portal: PortalWithEmulator;
let emu: TestEmulator;
let mod: typeof import("@/lib/uploads/moderation");
let tt: typeof import("@/lib/twentythree");
let userId: string;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3998", authSecret: "moderation-test-secret-0123456789abcdef01", logLevel: "error" });
  emu = portal.emu;
  mod = await import("@/lib/uploads/moderation");
  tt = await import("@/lib/twentythree");
  userId = (await portal.db.user.create({ data: { email: "mod@example.com", name: "Mo Derator" } })).id;
});
afterEach(() => emu.faults(null));
afterAll(async () => {
  await portal?.close();
});

const emulator = () => tt.createTwentyThreeClient({ apiUrl: emu.url, ...emulatorCredentials("write"), retries: 0 });

async function fault(apiFailure: "500" | "503" | "timeout" | "html") {
  const res = await emu.faults({ apiFailure });
  expect(res.ok).toBe(true);
}

/** A real, verified upload: minted, redeemed on the emulator, called back and verified. */
async function verifiedUpload(name: string) {
  const { verifyUpload } = await import("@/lib/intake/verify");
  const { uploadId } = await receivedUpload(emu.url, { name, email: `${name.toLowerCase()}@example.com`, title: `${name}'s story` });
  expect(await verifyUpload(uploadId)).toBe("verified");
  return portal.db.upload.findUniqueOrThrow({ where: { id: uploadId } });
}

async function remote(u: { photoId: string | null; photoToken: string | null }) {
  try {
    const { photos } = await emulator().listPhotos({ photoId: u.photoId!, token: u.photoToken!, includeUnpublished: true });
    return photos[0];
  } catch (err) {
    if (err instanceof tt.TwentyThreeNoSuchPhotoError) return undefined;
    throw err;
  }
}

const stateOf = async (id: string) => (await portal.db.upload.findUniqueOrThrow({ where: { id } })).state;
const actionsOf = (id: string) => portal.db.moderationAction.findMany({ where: { uploadId: id }, orderBy: { createdAt: "asc" } });

describe("moderation against TwentyThree (emulator)", () => {
  it("approve publishes on TwentyThree, then records who did it", async () => {
    const u = await verifiedUpload("Ada");
    expect((await remote(u))?.publishedP).toBe(false);
    const r = await mod.moderate({ uploadId: u.id, userId, action: "approve" });
    expect(r).toEqual({ ok: true, state: "PUBLISHED", message: "Published on TwentyThree." });
    expect((await remote(u))?.publishedP).toBe(true);
    expect(await stateOf(u.id)).toBe("PUBLISHED");
    const [a] = await actionsOf(u.id);
    expect(a).toMatchObject({ action: "approve", ok: true, error: null, userId, detail: { from: "VERIFIED", to: "PUBLISHED" } });
  });

  it.each(["500", "503", "html"] as const)("a TwentyThree failure (%s) is reported plainly and changes nothing, here or there", async (kind) => {
    const u = await verifiedUpload(`Fail${kind}`);
    await fault(kind);
    const r = await mod.moderate({ uploadId: u.id, userId, action: "approve" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/TwentyThree/);
    expect(r.message).not.toMatch(/secret|oauth_signature|emu-demo/i);
    await emu.faults(null);
    expect(await stateOf(u.id)).toBe("VERIFIED");
    expect((await remote(u))?.publishedP).toBe(false);
    const [a] = await actionsOf(u.id);
    expect(a).toMatchObject({ action: "approve", ok: false, error: r.message, userId });
  });

  it("a TwentyThree timeout leaves the state as it was", async () => {
    const u = await verifiedUpload("Slow");
    await fault("timeout");
    const r = await mod.moderate({ uploadId: u.id, userId, action: "reject", timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer/) });
    expect(await stateOf(u.id)).toBe("VERIFIED");
  });

  it("edit changes title, description and tags on TwentyThree; unpublish and reject unpublish", async () => {
    const u = await verifiedUpload("Grace");
    const edit = editSchema.parse({ title: "Grace on compilers", description: "A story", tags: "compilers, navy, compilers" });
    expect(edit.tags).toEqual(["compilers", "navy"]);
    expect(await mod.moderate({ uploadId: u.id, userId, action: "edit", edit })).toMatchObject({ ok: true, state: "VERIFIED" });
    const p = await remote(u);
    expect(p).toMatchObject({ title: "Grace on compilers", content: "A story" });
    expect(p?.tags).toEqual(expect.arrayContaining(["compilers", "navy"]));
    expect((await portal.db.upload.findUniqueOrThrow({ where: { id: u.id } })).title).toBe("Grace on compilers");

    await mod.moderate({ uploadId: u.id, userId, action: "approve" });
    expect(await mod.moderate({ uploadId: u.id, userId, action: "unpublish" })).toMatchObject({ ok: true, state: "VERIFIED" });
    expect((await remote(u))?.publishedP).toBe(false);
    await mod.moderate({ uploadId: u.id, userId, action: "approve" });
    expect(await mod.moderate({ uploadId: u.id, userId, action: "reject" })).toMatchObject({ ok: true, state: "REJECTED" });
    expect((await remote(u))?.publishedP).toBe(false);
    expect((await actionsOf(u.id)).map((a) => `${a.action}:${a.ok}`)).toEqual(["edit:true", "approve:true", "unpublish:true", "approve:true", "reject:true"]);
  });

  it("delete removes the object from TwentyThree; nothing more can be done to it afterwards", async () => {
    const u = await verifiedUpload("Linus");
    expect(await mod.moderate({ uploadId: u.id, userId, action: "delete" })).toMatchObject({ ok: true, state: "DELETED" });
    expect(await remote(u)).toBeUndefined();
    const again = await mod.moderate({ uploadId: u.id, userId, action: "approve" });
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/deleted/) });
    expect(await stateOf(u.id)).toBe("DELETED");
  });

  it("deleting what TwentyThree already lost still marks it deleted, and says so", async () => {
    const u = await verifiedUpload("Gone");
    await emulator().deletePhoto({ photoId: u.photoId! });
    const r = await mod.moderate({ uploadId: u.id, userId, action: "delete" });
    expect(r).toMatchObject({ ok: true, state: "DELETED", message: expect.stringMatching(/already gone/) });
  });

  it("bulk approve handles each upload on its own and reports failures", async () => {
    const a = await verifiedUpload("BulkA");
    const b = await verifiedUpload("BulkB");
    const r = await mod.moderateMany([a.id, b.id, a.id, "00000000-0000-4000-8000-000000000000"], "approve", userId);
    expect(r.done).toBe(2);
    expect(r.failed).toEqual([{ uploadId: "00000000-0000-4000-8000-000000000000", message: "That upload no longer exists." }]);
    expect((await remote(a))?.publishedP).toBe(true);
    expect((await remote(b))?.publishedP).toBe(true);
    expect(await actionsOf(a.id)).toHaveLength(1); // duplicates in the selection act once
  });
});
