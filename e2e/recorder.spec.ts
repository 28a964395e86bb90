// The in-browser recorder (#15) in real Chromium with its fake camera and microphone (project
// "recorder" in playwright.config.ts): record, record again, watch, upload through the normal
// uploader to the emulator; a reload mid-recording keeps the take; axe and a 360 px screen.
// Over 200 lines: the journeys share the link settings and recording helpers; split, they would repeat them.
import { test, expect } from "./test";
import AxeBuilder from "@axe-core/playwright";
import { emulatorObjects, query } from "./db";

import { fillDetails, linkFilesOnly, linkRecords, objectsAfter, openRecorder, QUESTIONS, record, recordingSent, type Obj } from "./recording";

test.beforeEach(async () => linkRecords("ONE_TAKE"));
test.afterAll(linkFilesOnly);

test("a three-question take, recorded again, watched and uploaded: one WebM of the recorded length with a chapter per question", async ({ page }) => {
  test.setTimeout(120_000);
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  const sent = recordingSent(page);
  await openRecorder(page);
  await expect(page.getByTestId("mic-level")).toBeVisible();
  await expect(page.getByLabel("Camera", { exact: true })).toHaveValue(/.+/); // the camera picker lists the (fake) camera

  await record(page, 2);
  await page.getByRole("button", { name: "Record again" }).click();

  // The take: each question large on screen; "Next question" when the visitor moves on. When each
  // question appeared is timed in the page (from the moment the recording clock shows), not
  // across Playwright's round trips.
  await page.evaluate(() => {
    const w = window as unknown as { shown: { start?: number; at: number[]; last?: string } };
    w.shown = { at: [] };
    new MutationObserver(() => {
      const clockOn = document.querySelector("[data-testid=recorder-clock]");
      if (clockOn && w.shown.start === undefined) w.shown.start = performance.now();
      const text = document.querySelector("[data-testid=recorder-question]")?.textContent ?? "";
      if (w.shown.start !== undefined && text && text !== w.shown.last) {
        w.shown.last = text;
        w.shown.at.push((performance.now() - w.shown.start) / 1000);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  const started = Date.now();
  const question = page.getByTestId("recorder-question");
  await expect(question).toContainText("Question 1 of 3");
  await expect(question).toContainText(QUESTIONS[0]!.text);
  for (const q of QUESTIONS.slice(1)) {
    await page.waitForTimeout(2000);
    await page.getByRole("button", { name: "Next question" }).click();
    await expect(question).toContainText(q.text);
  }
  await expect(page.getByRole("button", { name: "Next question" })).toHaveCount(0); // the last question
  await page.waitForTimeout(2000);
  await page.getByRole("button", { name: "Stop recording" }).click();
  const took = (Date.now() - started) / 1000;
  await expect(page.getByTestId("take-review")).toBeVisible();
  const shownAt = await page.evaluate(() => (window as unknown as { shown: { at: number[] } }).shown.at);
  expect(shownAt).toHaveLength(3);
  expect(shownAt[0]).toBeLessThan(0.1);

  // Playback of the take before sending: it plays and has the recorded length.
  const playback = page.getByTestId("take-playback");
  await playback.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => playback.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);

  await page.getByRole("button", { name: "Use this recording" }).click();
  await expect(page.getByTestId("file-item")).toHaveCount(1);
  await expect(page.getByTestId("file-item")).toContainText("Recording.webm");
  await fillDetails(page, "Lynn Conway");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });

  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ kind: "take", source: "camera" });
  expect(Math.abs(sent[0]!.durationSeconds - took)).toBeLessThan(1);
  const added = await objectsAfter(before);
  expect(added).toHaveLength(1); // the first take was deleted, only the second one went
  expect(Math.abs(Number(added[0]!.video_length) - sent[0]!.durationSeconds)).toBeLessThanOrEqual(1);

  // The marks sent are when the questions were shown; the chapters job turns them into sections.
  expect(sent[0]!.marks!.map((m) => m.questionId)).toEqual(QUESTIONS.map((q) => q.id));
  sent[0]!.marks!.forEach((m, i) => expect(Math.abs(m.startSeconds - shownAt[i]!)).toBeLessThanOrEqual(0.5));
  let sections: Obj["sections"] = [];
  await expect
    .poll(
      async () => {
        sections = ((await emulatorObjects()) as Obj[]).find((o) => o.photo_id === added[0]!.photo_id)?.sections ?? [];
        return sections.length;
      },
      { timeout: 30_000 },
    )
    .toBe(3);
  expect(sections!.map((x) => x.title)).toEqual(QUESTIONS.map((q) => q.text));
  sections!.forEach((x, i) => expect(Math.abs(Number(x.start_time) - shownAt[i]!)).toBeLessThanOrEqual(0.5));

  // Confirmed: the copy on this device is gone, a reload offers nothing.
  await expect.poll(async () => (await page.goto("/u/demo"), await page.getByTestId("uploader").isVisible()) && page.getByTestId("saved-take").count()).toBe(0);
});

test("clip mode: one clip per question, one re-recorded, three videos arrive as one response", async ({ page }) => {
  test.setTimeout(150_000);
  await linkRecords("CLIPS");
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  const sent = recordingSent(page);
  await openRecorder(page);
  for (const [i, q] of QUESTIONS.entries()) {
    await expect(page.getByTestId("recorder-question")).toContainText(q.text);
    await record(page, 1.5);
    if (i === 1) {
      await page.getByRole("button", { name: "Record this answer again" }).click();
      await expect(page.getByTestId("recorder-question")).toContainText(q.text); // the same question again
      await record(page, 2);
    }
    await page.getByRole("button", { name: i < QUESTIONS.length - 1 ? "Keep it, next question" : "Use these answers" }).click();
  }
  await expect(page.getByTestId("file-item")).toHaveCount(3);
  await fillDetails(page, "Frances Spence");
  await page.getByRole("button", { name: "Upload", exact: true }).click(); // the clips are already on their way: this sends the details
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 45_000 });

  // The recorder hands the kept clips over together and each mints when its own file check ends,
  // so their order varies (a fresh clone's CI run sent the second question's clip first). What
  // counts is that every question's clip went once, under one response.
  expect(sent.map((r) => r.questionId).sort()).toEqual(QUESTIONS.map((q) => q.id).sort());
  expect(new Set(sent.map((r) => r.responseId)).size).toBe(1);
  expect(sent.every((r) => r.kind === "clip")).toBe(true);
  expect(await objectsAfter(before)).toHaveLength(3);
  const tokens = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens WHERE response_id = $1`, [sent[0]!.responseId]);
  expect(Number(tokens[0]!.n)).toBe(3);
});

test("a reload in the middle of recording offers the saved take, and uploading it works", async ({ page }) => {
  test.setTimeout(120_000);
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  await openRecorder(page);
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  await page.waitForTimeout(3500);
  await page.reload();
  await expect(page.getByTestId("uploader")).toBeVisible();
  const saved = page.getByTestId("saved-take");
  await expect(saved).toBeVisible();
  await expect(saved).toContainText("You have a recording that was not sent yet");
  await saved.getByRole("button", { name: "Upload saved recording" }).click();
  await expect(page.getByTestId("file-item")).toHaveCount(1);
  await fillDetails(page, "Hedy Lamarr");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
  const added = await objectsAfter(before);
  expect(added).toHaveLength(1);
  expect(Number(added[0]!.video_length)).toBeGreaterThanOrEqual(2); // about 3 s were saved before the reload
});

test("the visitor can delete a saved take", async ({ page }) => {
  await openRecorder(page);
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  await page.waitForTimeout(2000);
  await page.reload();
  await page.getByTestId("saved-take").getByRole("button", { name: "Delete it" }).click();
  await expect(page.getByTestId("saved-take")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("uploader")).toBeVisible();
  await page.waitForTimeout(500); // the offer is read from IndexedDB after hydration
  await expect(page.getByTestId("saved-take")).toHaveCount(0);
});

test("axe finds no serious issue on the recorder, and at 360 px nothing scrolls sideways", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await openRecorder(page);
  const check = async (what: string) => {
    const results = await new AxeBuilder({ page })
      .include("[data-testid=uploader]")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  };
  await check("ready");
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  await expect(page.getByTestId("recorder-status")).toHaveText(/^Recording\. Question 1 of 3/);
  await check("recording");
  // By keyboard: Pause is a real button, its state is announced.
  await page.getByRole("button", { name: "Pause" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("recorder-status")).toHaveText("Paused.");
  await expect(page.getByTestId("recorder-clock")).toContainText("Paused");
  await page.getByRole("button", { name: "Stop recording" }).click();
  await expect(page.getByTestId("take-review")).toBeVisible();
  await check("review");
  await page.getByRole("button", { name: "Record again" }).click(); // leaves nothing saved behind
});

test("screen recording with the camera in a corner: sent as a screen recording", async ({ page }) => {
  test.setTimeout(90_000);
  await query(`UPDATE intake_links SET allow_screen = true WHERE slug = 'demo'`);
  try {
    const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
    const sent = recordingSent(page);
    await openRecorder(page);
    await page.getByLabel(/Record my screen too/).check();
    await record(page, 2); // Chromium picks the screen itself (--auto-select-desktop-capture-source)
    await page.getByRole("button", { name: "Use this recording" }).click();
    await fillDetails(page, "Barbara Liskov");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
    expect(sent[0]).toMatchObject({ kind: "take", source: "screen" });
    expect(await objectsAfter(before)).toHaveLength(1);
  } finally {
    await query(`UPDATE intake_links SET allow_screen = false WHERE slug = 'demo'`);
  }
});
