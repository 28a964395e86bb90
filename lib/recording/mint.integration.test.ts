// Issue #15: recording meta the link did not ask for is refused with a sentence and mints nothing;
// clips are titled with their question and grouped by response; details sent while a recording
// uploads reach TwentyThree once, only through the visitor's ticket. Real emulator, real Postgres.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordingMeta } from "@/lib/recording/types";
import { contact, startRecordingPortal, take } from "@/test/recording";

let t: Awaited<ReturnType<typeof startRecordingPortal>>;
let chapters: typeof import("@/lib/recording/chapters");

beforeAll(async () => {
  t = await startRecordingPortal();
  chapters = await import("@/lib/recording/chapters");
});
afterAll(async () => {
  await t?.portal.close();
});

describe("recording meta the link did not ask for", () => {
  it.each([
    [
      "an unknown question",
      take([
        ["q1", 0],
        ["q9", 1],
      ]),
      /no longer asks/,
    ],
    [
      "descending marks",
      take([
        ["q1", 0],
        ["q3", 2],
        ["q2", 1],
      ]),
      /times of this recording/,
    ],
    [
      "a mark after the end",
      take([
        ["q1", 0],
        ["q2", 4],
      ]),
      /times of this recording/,
    ],
    ["a take far longer than the link's 60 s", take([["q1", 0]], { durationSeconds: 600 }), /longer than the 60 seconds/],
    ["a clip on a one-take link", take([], { kind: "clip", questionId: "q1", marks: undefined }), /one recording with all questions/],
    ["a screen recording the link does not allow", take([["q1", 0]], { source: "screen" }), /screen/],
  ])("refuses %s with a sentence and mints nothing", async (_name, recording, message) => {
    const before = await t.portal.db.uploadToken.count();
    const r = await t.prepare("take", contact, { fileCount: 1, background: false, recording });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(message) });
    expect(await t.portal.db.uploadToken.count()).toBe(before);
  });
  it("refuses a picked file on a link that takes recordings only, and malformed meta without a stack", async () => {
    expect(await t.prepare("take", contact, { fileCount: 1, background: false })).toMatchObject({ ok: false, message: expect.stringMatching(/not files/) });
    // The same for the page without JavaScript, whose form can only post a file.
    const form = new FormData();
    for (const [k, v] of Object.entries({ slug: "take", ...contact })) form.set(k, v);
    expect(await t.startUpload(form)).toMatchObject({ message: expect.stringMatching(/not files/) });
    const bad = { ...take([]), responseId: "not-a-uuid", marks: [{ questionId: "q1", startSeconds: -1 }] } as RecordingMeta;
    const r = await t.prepare("take", contact, { fileCount: 1, background: false, recording: bad });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/reload the page/) });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts|ZodError/);
  });
});

describe("clips and deferred details", () => {
  it("each clip is titled with its question and the clips of one response share its id", async () => {
    const responseId = randomUUID();
    const clipMeta = (questionId: string): RecordingMeta => ({ responseId, kind: "clip", questionId, durationSeconds: 3, source: "camera" });
    const a = await t.recordAndUpload("clips", clipMeta("q1"));
    const b = await t.recordAndUpload("clips", clipMeta("q2"));
    const objects = await t.portal.emu.objects<{ photo_id: number; title: string }>();
    const title = (u: { photoId: string | null }) => objects.find((o) => String(o.photo_id) === u.photoId)?.title;
    expect(title(a.upload)).toBe("Stories — Ada: Who are you?");
    expect(title(b.upload)).toBe("Stories — Ada: What changed for you?");
    const tokens = await t.portal.db.uploadToken.findMany({ where: { responseId } });
    expect(tokens).toHaveLength(2);
    expect(await chapters.createChapters(a.upload.id)).toEqual({ kind: "skipped" }); // clips have no chapters
  }, 60_000);

  it("details sent while the upload runs reach TwentyThree once, checked like at the mint, only by the ticket", async () => {
    const r = await t.recordAndUpload("take", take([["q1", 0]]), {}, true);
    const objectTitle = async () =>
      (await t.portal.emu.objects<{ photo_id: number; title: string }>()).find((o) => String(o.photo_id) === r.upload.photoId)?.title;
    expect(await objectTitle()).toBe("Stories");
    // Checked exactly like the details form at the mint: the demo link requires a name and consent.
    expect(await t.applyDetails(r.ticket, { email: "ada@example.com" })).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)], consent: [expect.any(String)] },
    });
    // A forged ticket (the token id is guessable from nothing, but try the real one unsigned) changes nothing.
    expect(await t.applyDetails(`${r.upload.tokenId}.forged`, { ...contact, title: "Hijacked" })).toMatchObject({ ok: false });
    expect(await t.applyDetails(r.ticket, { ...contact, title: "My story" })).toEqual({ ok: true });
    expect(await objectTitle()).toBe("My story");
    const row = await t.portal.db.upload.findUniqueOrThrow({ where: { id: r.upload.id } });
    expect(row).toMatchObject({ title: "My story", contributorName: "Ada", contributorEmail: "ada@example.com" });
    // Once only: the ticket cannot rename the video later.
    expect(await t.applyDetails(r.ticket, { ...contact, title: "Renamed" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/can no longer be changed/),
    });
    expect(await objectTitle()).toBe("My story");
  }, 60_000);

  it("refuses details for a token minted with its details, or one that has expired", async () => {
    const withDetails = await t.recordAndUpload("take", take([["q1", 0]]));
    expect(await t.applyDetails(withDetails.ticket, { ...contact, title: "Changed" })).toMatchObject({ ok: false });
    const deferred = await t.recordAndUpload("take", take([["q1", 0]]), {}, true);
    await t.portal.db.uploadToken.update({ where: { id: deferred.upload.tokenId }, data: { validUntil: new Date(Date.now() - 1000) } });
    expect(await t.applyDetails(deferred.ticket, { ...contact, title: "Late" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/can no longer be changed/),
    });
    // A link that closed meanwhile (deactivated, or full because of this very upload) still takes them.
    const closing = await t.recordAndUpload("take", take([["q1", 0]]), {}, true);
    await t.portal.db.intakeLink.update({ where: { slug: "take" }, data: { active: false } });
    try {
      expect(await t.applyDetails(closing.ticket, { ...contact, title: "Just in time" })).toEqual({ ok: true });
    } finally {
      await t.portal.db.intakeLink.update({ where: { slug: "take" }, data: { active: true } });
    }
    // deferDetails is for recordings only: a picked file still needs its details first.
    expect(await t.prepare("clips", {}, { fileCount: 1, background: false, deferDetails: true })).toMatchObject({ ok: false });
  }, 60_000);
});

describe("a recording from a personal invitation, details deferred", () => {
  it("the early mint is tied to the invitation; an altered invite mints nothing", async () => {
    const sending = await import("@/lib/invitations/sending");
    const signing = await import("@/lib/invitations/signing");
    const link = await t.portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "take" } });
    const created = await sending.createInvitations(link.id, [{ line: 1, name: "Grace", email: "grace@example.com", fields: {} }], null);
    if (!created.ok) throw new Error("setup");
    const [id] = created.ids as [string];
    const invite = signing.signInvite(id);
    const before = await t.portal.db.uploadToken.count();
    const altered = `${invite.slice(0, -1)}${invite.endsWith("A") ? "B" : "A"}`;
    expect(await t.prepare("take", { invite: altered }, { fileCount: 1, background: true, recording: take([["q1", 0]]), deferDetails: true })).toMatchObject({
      ok: false,
    });
    expect(await t.portal.db.uploadToken.count()).toBe(before);

    const r = await t.prepare("take", { invite }, { fileCount: 1, background: true, recording: take([["q1", 0]]), deferDetails: true });
    if (!r.ok) throw new Error(r.message);
    const row = await t.portal.db.uploadToken.findFirstOrThrow({ where: { uploadToken: r.token.uploadToken } });
    expect(row).toMatchObject({ invitationId: id, detailsDeferred: true });
  }, 60_000);
});
