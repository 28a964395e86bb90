// The in-browser recorder (#15) in real Chromium with its fake camera and microphone (project
// "recorder" in playwright.config.ts): record, record again, watch, upload through the normal
// uploader to the emulator; a reload mid-recording keeps the take; axe and a 360 px screen.
import { test, expect, type Page, type Request } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { emulatorObjects } from "./db";

type Obj = Awaited<ReturnType<typeof emulatorObjects>>[number] & { video_length?: number | null };

async function fillDetails(page: Page, who: string) {
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel("Title of your video").fill(`${who}'s story`);
  await page.getByLabel(/I agree/).check();
}

async function openRecorder(page: Page) {
  await page.goto("/u/demo");
  await expect(page.getByTestId("uploader")).toBeVisible();
  await page.getByRole("button", { name: "Record a video" }).click();
  await expect(page.getByText("Your browser will now ask to use your camera and microphone.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on camera" }).click();
  await expect(page.getByRole("button", { name: "Start recording" })).toBeVisible();
}

/** Records about `seconds` seconds (after the 3-2-1) and stops; returns the wall-clock recorded time. */
async function record(page: Page, seconds: number): Promise<number> {
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByTestId("countdown")).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  const started = Date.now();
  await page.waitForTimeout(seconds * 1000);
  await page.getByRole("button", { name: "Stop recording" }).click();
  const took = (Date.now() - started) / 1000;
  await expect(page.getByTestId("take-review")).toBeVisible();
  return took;
}

/** The RecordingMeta the page sent with prepareUpload (a server action: its arguments are the JSON body). */
function recordingSent(page: Page): { durationSeconds: number; kind: string; source: string }[] {
  const sent: { durationSeconds: number; kind: string; source: string }[] = [];
  page.on("request", (r: Request) => {
    const body = r.method() === "POST" ? r.postData() : null;
    const m = body?.match(/"recording":(\{[^{}]*(?:\[[^\]]*\])?[^{}]*\})/);
    if (m) sent.push(JSON.parse(m[1]!));
  });
  return sent;
}

async function objectsAfter(before: Set<string>): Promise<Obj[]> {
  return ((await emulatorObjects()) as Obj[]).filter((o) => !before.has(o.photo_id));
}

test("record, record again, watch, upload: the emulator holds one WebM of the recorded length", async ({ page }) => {
  test.setTimeout(120_000);
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  const sent = recordingSent(page);
  await openRecorder(page);
  await expect(page.getByTestId("mic-level")).toBeVisible();
  await expect(page.getByLabel("Camera", { exact: true })).toHaveValue(/.+/); // the camera picker lists the (fake) camera

  await record(page, 2);
  await page.getByRole("button", { name: "Record again" }).click();
  const took = await record(page, 4);

  // Playback of the take before sending: it plays and has the recorded length.
  const playback = page.getByTestId("take-playback");
  await playback.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => playback.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);

  await page.getByRole("button", { name: "Use this recording" }).click();
  await expect(page.getByTestId("file-item")).toHaveCount(1);
  await expect(page.getByTestId("file-item")).toContainText("Recording.webm");
  await fillDetails(page, "Grace Hopper");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });

  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ kind: "take", source: "camera" });
  expect(Math.abs(sent[0]!.durationSeconds - took)).toBeLessThan(1);
  const added = await objectsAfter(before);
  expect(added).toHaveLength(1); // the first take was deleted, only the second one went
  expect(Math.abs(Number(added[0]!.video_length) - sent[0]!.durationSeconds)).toBeLessThanOrEqual(1);

  // Confirmed: the copy on this device is gone, a reload offers nothing.
  await expect.poll(async () => (await page.goto("/u/demo"), await page.getByTestId("uploader").isVisible()) && page.getByTestId("saved-take").count()).toBe(0);
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
  await expect(page.getByTestId("recorder-status")).toHaveText("Recording.");
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
