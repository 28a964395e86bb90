// Issue #15, the admin's side: the link form's recording settings (mode, questions added, moved,
// removed, a cap) saved and shown again; and a one-take recording minted through the public
// action with its question marks, uploaded to the emulator, confirmed, chaptered by the job, then
// reviewed: the questions with their times, and pressing one starts the player there.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { test, expect, type Page } from "./test";
import AxeBuilder from "@axe-core/playwright";
import { actionIds } from "../bench/lib/action";
import { fixturePath } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";
import { emulatorUrl, query } from "./db";

test.use({ storageState: ADMIN_STATE });
const distDir = process.env.NEXT_DIST_DIR ?? ".next-test";

/** axe over what this issue added to a page: no serious or critical violation. */
async function expectAccessible(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(
    results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" "))}`),
  ).toEqual([]);
}

test("the link form saves who may record, the mode and the ordered questions", async ({ page }) => {
  await ensureEmulatorConnection(page);
  await page.goto("/admin/links/new");
  await page.getByLabel("Title", { exact: true }).fill("Recorded stories E2E");
  await page.getByLabel("TwentyThree connection").selectOption({ label: "E2E emulator" });
  await expect(page.getByLabel("How answers are recorded")).toBeHidden(); // files only by default
  await page.getByLabel("Visitors may").selectOption("both");
  await page.getByLabel("How answers are recorded").selectOption("CLIPS");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("One clip per question needs at least one question.")).toBeVisible();

  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 1", { exact: true }).fill("First, who are you?");
  await page.getByLabel("Question 2", { exact: true }).fill("What changed?");
  await page.getByLabel("Note for question 2").fill("One example is enough.");
  await page.getByLabel("Question 3", { exact: true }).fill("Would you recommend us?");
  await page.getByLabel("Time limit for question 3 (seconds)").fill("45");
  await page.getByRole("button", { name: "Move up question 3" }).click();
  await page.getByRole("button", { name: "Remove question 1" }).click();
  await page.getByLabel("Maximum recording length (seconds)").fill("300");
  await expectAccessible(page, "[data-testid=recording-settings]");
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("Link created.")).toBeVisible();

  const [row] = await query<{
    allow_record: boolean;
    allow_upload: boolean;
    record_mode: string;
    questions: { text: string; note?: string; limitSeconds?: number }[];
    max_record_seconds: number;
  }>("SELECT allow_record, allow_upload, record_mode::text, questions, max_record_seconds FROM intake_links WHERE slug = $1", ["recorded-stories-e2e"]);
  expect(row).toMatchObject({ allow_record: true, allow_upload: true, record_mode: "CLIPS", max_record_seconds: 300 });
  expect(row!.questions.map(({ text, note, limitSeconds }) => ({ text, note, limitSeconds }))).toEqual([
    { text: "Would you recommend us?", note: undefined, limitSeconds: 45 },
    { text: "What changed?", note: "One example is enough.", limitSeconds: undefined },
  ]);

  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Visitors may")).toHaveValue("both");
  await expect(page.getByLabel("Question 1", { exact: true })).toHaveValue("Would you recommend us?");
  await expect(page.getByLabel("Question 2", { exact: true })).toHaveValue("What changed?");
});

test("a one-take recording's questions are listed with their times and start the player there", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  await ensureEmulatorConnection(page);
  await createLink(page, { title: "Take review E2E", slug: "take-review-e2e" });
  const questions = [
    { id: "q1", text: "Who are you?" },
    { id: "q2", text: "What changed?" },
  ];
  await query("UPDATE intake_links SET allow_record = true, questions = $1::jsonb WHERE slug = 'take-review-e2e'", [JSON.stringify(questions)]);

  // The recorder's call: prepareUpload with the take's marks (the server action, as the browser posts it).
  const actionId = actionIds(distDir)["lib/intake/actions.ts#prepareUpload"]!;
  const recording = {
    responseId: randomUUID(),
    kind: "take",
    marks: [
      { questionId: "q1", startSeconds: 0 },
      { questionId: "q2", startSeconds: 1.5 },
    ],
    durationSeconds: 3,
    source: "camera",
  };
  const minted = await request.post("/u/take-review-e2e", {
    headers: { "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: baseURL! },
    data: JSON.stringify(["take-review-e2e", { name: "Grace", email: "grace@e2e.test", consent: "on" }, { fileCount: 1, background: false, recording }]),
  });
  const text = await minted.text();
  const token = JSON.parse(/"token":(\{[^}]*\})/.exec(text)![1]!) as { uploadToken: string };

  // The bytes to TwentyThree, and the browser following its redirect back to the portal.
  const form = new FormData();
  form.set("upload_token", token.uploadToken);
  form.set("file", new Blob([readFileSync(fixturePath("clip.mp4"))], { type: "video/mp4" }), "take.mp4");
  const redeemed = await fetch(`${emulatorUrl}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  await page.goto(redeemed.headers.get("location")!);

  let uploadId = "";
  await expect
    .poll(
      async () => {
        const [u] = await query<{ id: string; chapters: string | null }>(
          "SELECT u.id::text, u.chapters::text FROM uploads u JOIN upload_tokens t ON t.id = u.token_id WHERE t.upload_token = $1",
          [token.uploadToken],
        );
        uploadId = u?.id ?? "";
        return u?.chapters;
      },
      { timeout: 60_000, message: "the chapters job finished" },
    )
    .toBe("DONE");

  await page.goto(`/admin/uploads/${uploadId}`);
  const list = page.getByTestId("recording-questions");
  await expect(list.getByRole("listitem")).toHaveText([/0:00\s*Who are you\?/, /0:02\s*What changed\?/]);
  await expect(page.getByText("Each question is a chapter on TwentyThree.")).toBeVisible();
  await expectAccessible(page, "[data-testid=recording-questions]");
  await list.getByRole("button", { name: /What changed\?/ }).click();
  const frame = page.locator("iframe[title^='Video player']");
  await expect(frame).toHaveAttribute("src", /start=1\.5/);
  const video = page.frameLocator("iframe[title^='Video player']").locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThanOrEqual(1.45);
});
