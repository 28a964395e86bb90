// Issue #15 below the browser, against the real emulator over HTTP and a real Postgres: a recording
// minted with its meta through the public action, uploaded, confirmed, and its questions become
// sections on TwentyThree at the marked times (by the real pg-boss job); retried after an outage,
// never duplicated, even after a crash between creating a section and recording it. Meta the link
// did not ask for is refused; clips are titled with their question; deferred details arrive once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { browserCallback } from "@/test/browser-callback";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import { asRequestFrom } from "@/test/session";
import type { RecordingMeta } from "@/lib/recording/types";

const SECRET = "recording-test-secret-0123456789abcdef012";
const clip = readFixture("clip.mp4"); // 3.0 s
const questions = [
  { id: "q1", text: "Who are you?" },
  { id: "q2", text: "What changed for you?" },
  { id: "q3", text: "Would you recommend us?" },
];
const contact = { name: "Ada", email: "ada@example.com", consent: "on" };

let portal: PortalWithEmulator;
let actions: typeof import("@/lib/intake/actions");
let chapters: typeof import("@/lib/recording/chapters");
let jobs: typeof import("@/lib/jobs");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3994", authSecret: SECRET, logLevel: "error" });
  actions = await import("@/lib/intake/actions");
  chapters = await import("@/lib/recording/chapters");
  jobs = await import("@/lib/jobs");
  const demo = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const { id: _i, createdAt: _c, updatedAt: _u, customVariables: _v, questions: _q, ...rest } = demo;
  const base = { ...rest, customVariables: {}, maxUploads: 3, allowRecord: true, questions, maxRecordSeconds: 60 };
  await portal.db.intakeLink.create({ data: { ...base, slug: "take", title: "Stories", allowUpload: false } });
  await portal.db.intakeLink.create({ data: { ...base, slug: "clips", title: "Stories", recordMode: "CLIPS" } });
});
afterAll(async () => {
  await jobs?.stopJobs();
  await portal?.close();
});

const prepare = (slug: string, values: Record<string, string>, opts: Parameters<typeof actions.prepareUpload>[2]) =>
  asRequestFrom(null, SECRET, () => actions.prepareUpload(slug, values, opts));
const applyDetails = (ticket: string, values: Record<string, string>) => asRequestFrom(null, SECRET, () => actions.applyDetails(ticket, values));
const take = (marks: [string, number][], extra: Partial<RecordingMeta> = {}): RecordingMeta => ({
  responseId: randomUUID(),
  kind: "take",
  marks: marks.map(([questionId, startSeconds]) => ({ questionId, startSeconds })),
  durationSeconds: 3,
  source: "camera",
  ...extra,
});

/** Prepare, upload the bytes to the emulator as the browser does, land on the thank-you page: the confirmed upload row. */
async function recordAndUpload(slug: string, recording: RecordingMeta, values: Record<string, string> = contact, deferDetails?: boolean) {
  const r = await prepare(slug, values, { fileCount: 1, background: false, recording, deferDetails });
  if (!r.ok) throw new Error(r.message);
  const form = new FormData();
  form.set("upload_token", r.token.uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "recording.mp4");
  const res = await fetch(r.token.redeemUrl.replace(/^https?:\/\/[^/]+/, portal.emu.url), { method: "POST", body: form, redirect: "manual" });
  const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
  await browserCallback("GET", params);
  const upload = await portal.db.upload.findFirstOrThrow({ where: { token: { uploadToken: r.token.uploadToken } } });
  expect(upload.state).toBe("VERIFIED");
  return { upload, ticket: r.token.ticket, uploadToken: r.token.uploadToken };
}

/** What TwentyThree's player will show: the video's sections, read anonymously with its token like an embed. */
async function sectionsOnTwentyThree(upload: { photoId: string | null; photoToken: string | null }) {
  const q = new URLSearchParams({ photo_id: upload.photoId!, token: upload.photoToken!, format: "json", raw: "1" });
  const body = (await (await fetch(`${portal.emu.url}/api/photo/section/list?${q}`)).json()) as { sections: { start_time: string; title: string }[] };
  return body.sections.map((s) => ({ start: Number(s.start_time), title: s.title }));
}
const expected = [
  { start: 0, title: "Who are you?" },
  { start: 1.2, title: "What changed for you?" },
  { start: 2.5, title: "Would you recommend us?" },
];

describe("chapters of a one-take recording", () => {
  it("the verified take gets one section per question at the marked times, by the job, and never a second set", async () => {
    await jobs.startJobs({ databaseUrl: process.env.DATABASE_URL, schedule: false });
    const { upload } = await recordAndUpload(
      "take",
      take([
        ["q1", 0],
        ["q2", 1.2],
        ["q3", 2.5],
      ]),
    );
    const token = await portal.db.uploadToken.findUniqueOrThrow({ where: { id: upload.tokenId } });
    expect(token.recording).toMatchObject({ kind: "take", durationSeconds: 3, source: "camera" });
    // The thank-you page's confirmation emitted upload.verified; the event job queues the chapters.
    await vi.waitFor(async () => expect((await portal.db.upload.findUniqueOrThrow({ where: { id: upload.id } })).chapters).toBe("DONE"), {
      timeout: 30_000,
      interval: 250,
    });
    expect(await sectionsOnTwentyThree(upload)).toEqual(expected);
    // Run again (a repeated event, the sweep): nothing new.
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "skipped" });
    // A crash after TwentyThree created the sections but before they were recorded here: found, not made again.
    await portal.db.uploadSection.deleteMany({ where: { uploadId: upload.id } });
    await portal.db.upload.update({ where: { id: upload.id }, data: { chapters: "PENDING" } });
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "done", created: 0 });
    expect(await sectionsOnTwentyThree(upload)).toEqual(expected);
    expect(await portal.db.uploadSection.count({ where: { uploadId: upload.id } })).toBe(3);
    await jobs.stopJobs();
  }, 60_000);

  it("an outage leaves the chapters pending and counted; the retry creates each once", async () => {
    const { upload } = await recordAndUpload(
      "take",
      take([
        ["q1", 0],
        ["q3", 2],
      ]),
    );
    await portal.emu.faults({ apiFailure: "503" });
    try {
      expect(await chapters.createChapters(upload.id, { timeoutMs: 2000 })).toMatchObject({ kind: "retry" });
    } finally {
      await portal.emu.faults(null);
    }
    const pending = await portal.db.upload.findUniqueOrThrow({ where: { id: upload.id } });
    expect(pending).toMatchObject({ chapters: "PENDING", chaptersAttempts: 1 });
    expect(await chapters.pendingChapters()).toContain(upload.id);
    expect(await sectionsOnTwentyThree(upload)).toEqual([]);
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "done", created: 2 });
    expect(await sectionsOnTwentyThree(upload)).toEqual([expected[0], { start: 2, title: "Would you recommend us?" }]);
    expect(await chapters.pendingChapters()).not.toContain(upload.id);
  }, 60_000);
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
    const before = await portal.db.uploadToken.count();
    const r = await prepare("take", contact, { fileCount: 1, background: false, recording });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(message) });
    expect(await portal.db.uploadToken.count()).toBe(before);
  });
  it("refuses a picked file on a link that takes recordings only, and malformed meta without a stack", async () => {
    expect(await prepare("take", contact, { fileCount: 1, background: false })).toMatchObject({ ok: false, message: expect.stringMatching(/not files/) });
    const bad = { ...take([]), responseId: "not-a-uuid", marks: [{ questionId: "q1", startSeconds: -1 }] } as RecordingMeta;
    const r = await prepare("take", contact, { fileCount: 1, background: false, recording: bad });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/reload the page/) });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts|ZodError/);
  });
});

describe("clips and deferred details", () => {
  it("each clip is titled with its question and the clips of one response share its id", async () => {
    const responseId = randomUUID();
    const clipMeta = (questionId: string): RecordingMeta => ({ responseId, kind: "clip", questionId, durationSeconds: 3, source: "camera" });
    const a = await recordAndUpload("clips", clipMeta("q1"));
    const b = await recordAndUpload("clips", clipMeta("q2"));
    const objects = await portal.emu.objects<{ photo_id: number; title: string }>();
    const title = (u: { photoId: string | null }) => objects.find((o) => String(o.photo_id) === u.photoId)?.title;
    expect(title(a.upload)).toBe("Stories — Ada: Who are you?");
    expect(title(b.upload)).toBe("Stories — Ada: What changed for you?");
    const tokens = await portal.db.uploadToken.findMany({ where: { responseId } });
    expect(tokens).toHaveLength(2);
    expect(await chapters.createChapters(a.upload.id)).toEqual({ kind: "skipped" }); // clips have no chapters
  }, 60_000);

  it("details sent while the upload runs reach TwentyThree once, checked like at the mint, only by the ticket", async () => {
    const r = await recordAndUpload("take", take([["q1", 0]]), {}, true);
    const objectTitle = async () =>
      (await portal.emu.objects<{ photo_id: number; title: string }>()).find((o) => String(o.photo_id) === r.upload.photoId)?.title;
    expect(await objectTitle()).toBe("Stories");
    // Checked exactly like the details form at the mint: the demo link requires a name and consent.
    expect(await applyDetails(r.ticket, { email: "ada@example.com" })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(String), consent: expect.any(String) },
    });
    // A forged ticket (the token id is guessable from nothing, but try the real one unsigned) changes nothing.
    expect(await applyDetails(`${r.upload.tokenId}.forged`, { ...contact, title: "Hijacked" })).toMatchObject({ ok: false });
    expect(await applyDetails(r.ticket, { ...contact, title: "My story" })).toEqual({ ok: true });
    expect(await objectTitle()).toBe("My story");
    const row = await portal.db.upload.findUniqueOrThrow({ where: { id: r.upload.id } });
    expect(row).toMatchObject({ title: "My story", contributorName: "Ada", contributorEmail: "ada@example.com" });
    // Once only: the ticket cannot rename the video later.
    expect(await applyDetails(r.ticket, { ...contact, title: "Renamed" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/can no longer be changed/),
    });
    expect(await objectTitle()).toBe("My story");
  }, 60_000);

  it("refuses details for a token minted with its details, or one that has expired", async () => {
    const withDetails = await recordAndUpload("take", take([["q1", 0]]));
    expect(await applyDetails(withDetails.ticket, { ...contact, title: "Changed" })).toMatchObject({ ok: false });
    const deferred = await recordAndUpload("take", take([["q1", 0]]), {}, true);
    await portal.db.uploadToken.update({ where: { id: deferred.upload.tokenId }, data: { validUntil: new Date(Date.now() - 1000) } });
    expect(await applyDetails(deferred.ticket, { ...contact, title: "Late" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/can no longer be changed/),
    });
    // deferDetails is for recordings only: a picked file still needs its details first.
    expect(await prepare("clips", {}, { fileCount: 1, background: false, deferDetails: true })).toMatchObject({ ok: false });
  }, 60_000);
});
