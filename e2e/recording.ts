// Shared by the recorder specs (#15): the demo link's recording settings, the visitor's details,
// opening the recorder, recording a few seconds, and what the page sent with prepareUpload.
import { expect, type Page, type Request } from "@playwright/test";
import { emulatorObjects, query } from "./db";

export type Obj = Awaited<ReturnType<typeof emulatorObjects>>[number] & {
  video_length?: number | null;
  sections?: { start_time: number | string; title: string }[];
};
export const QUESTIONS = [
  { id: "q-why", text: "Why did you choose us?" },
  { id: "q-best", text: "What do you like best?", note: "One thing is enough." },
  { id: "q-tip", text: "What would you tell a friend?" },
];

/** The demo link's recording settings (the link form's Recording section, written directly). */
export async function linkRecords(mode: "ONE_TAKE" | "CLIPS", questions: object[] = QUESTIONS) {
  await query(`UPDATE intake_links SET allow_record = true, allow_upload = true, record_mode = $1::"RecordMode", questions = $2::jsonb WHERE slug = 'demo'`, [
    mode,
    JSON.stringify(questions),
  ]);
}

export async function fillDetails(page: Page, who: string) {
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel("Title of your video").fill(`${who}'s story`);
  await page.getByLabel(/I agree/).check();
}

export async function openRecorder(page: Page) {
  await page.goto("/u/demo");
  await expect(page.getByTestId("uploader")).toBeVisible();
  await page.getByRole("button", { name: "Record a video" }).click();
  await expect(page.getByText("Your browser will now ask to use your camera and microphone.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on camera" }).click();
  await expect(page.getByRole("button", { name: "Start recording" })).toBeVisible();
}

/** Records about `seconds` seconds (after the 3-2-1) and stops; returns the wall-clock recorded time. */
export async function record(page: Page, seconds: number): Promise<number> {
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
export type Sent = {
  durationSeconds: number;
  kind: string;
  source: string;
  responseId: string;
  questionId?: string;
  marks?: { questionId: string; startSeconds: number }[];
};
export function recordingSent(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on("request", (r: Request) => {
    const body = r.method() === "POST" ? r.postData() : null;
    const m = body?.match(/"recording":(\{[^{}]*(?:\[[^\]]*\])?[^{}]*\})/);
    if (m) sent.push(JSON.parse(m[1]!));
  });
  return sent;
}

export async function objectsAfter(before: Set<string>): Promise<Obj[]> {
  return ((await emulatorObjects()) as Obj[]).filter((o) => !before.has(o.photo_id));
}

/** Other specs use the demo link as it was seeded: files only. */
export async function linkFilesOnly() {
  await query(`UPDATE intake_links SET allow_record = false, allow_upload = true, record_mode = 'ONE_TAKE', questions = '[]'::jsonb WHERE slug = 'demo'`);
}
