// Issue #15: a one-take recording minted with its marks through the public action, uploaded to the
// real emulator over HTTP and confirmed; its questions become sections on TwentyThree at the marked
// times (by the real pg-boss job), retried after an outage, never duplicated, even after a crash
// between creating a section and recording it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRecordingPortal, take } from "@/test/recording";

let t: Awaited<ReturnType<typeof startRecordingPortal>>;
let chapters: typeof import("@/lib/recording/chapters");
let jobs: typeof import("@/lib/jobs");

beforeAll(async () => {
  t = await startRecordingPortal();
  chapters = await import("@/lib/recording/chapters");
  jobs = await import("@/lib/jobs");
});
afterAll(async () => {
  await jobs?.stopJobs();
  await t?.portal.close();
});

const expected = [
  { start: 0, title: "Who are you?" },
  { start: 1.2, title: "What changed for you?" },
  { start: 2.5, title: "Would you recommend us?" },
];

describe("chapters of a one-take recording", () => {
  it("the verified take gets one section per question at the marked times, by the job, and never a second set", async () => {
    await jobs.startJobs({ databaseUrl: process.env.DATABASE_URL, schedule: false });
    const { upload } = await t.recordAndUpload(
      "take",
      take([
        ["q1", 0],
        ["q2", 1.2],
        ["q3", 2.5],
      ]),
    );
    const token = await t.portal.db.uploadToken.findUniqueOrThrow({ where: { id: upload.tokenId } });
    expect(token.recording).toMatchObject({ kind: "take", durationSeconds: 3, source: "camera" });
    // The thank-you page's confirmation emitted upload.verified; the event job queues the chapters.
    await vi.waitFor(async () => expect((await t.portal.db.upload.findUniqueOrThrow({ where: { id: upload.id } })).chapters).toBe("DONE"), {
      timeout: 30_000,
      interval: 250,
    });
    expect(await t.sectionsOnTwentyThree(upload)).toEqual(expected);
    // Run again (a repeated event, the sweep): nothing new.
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "skipped" });
    // A crash after TwentyThree created the sections but before they were recorded here: found, not made again.
    await t.portal.db.uploadSection.deleteMany({ where: { uploadId: upload.id } });
    await t.portal.db.upload.update({ where: { id: upload.id }, data: { chapters: "PENDING" } });
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "done", created: 0 });
    expect(await t.sectionsOnTwentyThree(upload)).toEqual(expected);
    expect(await t.portal.db.uploadSection.count({ where: { uploadId: upload.id } })).toBe(3);
    await jobs.stopJobs();
  }, 60_000);

  it("an outage leaves the chapters pending and counted; the retry creates each once", async () => {
    const { upload } = await t.recordAndUpload(
      "take",
      take([
        ["q1", 0],
        ["q3", 2],
      ]),
    );
    await t.portal.emu.faults({ apiFailure: "503" });
    try {
      expect(await chapters.createChapters(upload.id, { timeoutMs: 2000 })).toMatchObject({ kind: "retry" });
    } finally {
      await t.portal.emu.faults(null);
    }
    const pending = await t.portal.db.upload.findUniqueOrThrow({ where: { id: upload.id } });
    expect(pending).toMatchObject({ chapters: "PENDING", chaptersAttempts: 1 });
    expect(await chapters.pendingChapters()).toContain(upload.id);
    expect(await t.sectionsOnTwentyThree(upload)).toEqual([]);
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "done", created: 2 });
    expect(await t.sectionsOnTwentyThree(upload)).toEqual([expected[0], { start: 2, title: "Would you recommend us?" }]);
    expect(await chapters.pendingChapters()).not.toContain(upload.id);
  }, 60_000);

  it("a mark the browser put past the length TwentyThree measured starts at the end rather than failing", async () => {
    const { upload } = await t.recordAndUpload(
      "take",
      take([
        ["q1", 0],
        ["q2", 2.9],
      ]),
    );
    await t.portal.db.upload.update({ where: { id: upload.id }, data: { videoLength: 2.5 } });
    expect(await chapters.createChapters(upload.id)).toEqual({ kind: "done", created: 2 });
    expect(await t.sectionsOnTwentyThree(upload)).toEqual([expected[0], { start: 2.5, title: "What changed for you?" }]);
  }, 60_000);
});
