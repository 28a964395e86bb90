// The recorder's fallback (#15): the browser refuses the camera (project "recorder-denied" runs
// Chromium with --deny-permission-prompts), the visitor is told why and a file upload still works.
import { test, expect } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { query } from "./db";

test.beforeAll(async () => {
  await query(`UPDATE intake_links SET allow_record = true WHERE slug = 'demo'`);
});
test.afterAll(async () => {
  await query(`UPDATE intake_links SET allow_record = false WHERE slug = 'demo'`);
});

test("denied permission: the reason in plain words, and the file picker still sends a video", async ({ page }) => {
  await page.goto("/u/demo");
  await expect(page.getByTestId("uploader")).toBeVisible();
  await page.getByRole("button", { name: "Record a video" }).click();
  await page.getByRole("button", { name: "Turn on camera" }).click();
  const why = page.getByTestId("recorder-unavailable");
  await expect(why).toContainText("Camera or microphone access was blocked");
  await expect(why).toContainText("allow the camera and microphone for this site");
  await page.getByLabel("Your name").fill("Mary Jackson");
  await page.getByLabel("Email address").fill("mary.jackson@example.com");
  await page.getByLabel("Title of your video").fill("Mary's story");
  await page.getByLabel(/I agree/).check();
  await page.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
});
