// Issue #16: after the upload. A visitor uploads with JavaScript on; the admin's list (open in
// another browser context, never reloaded) shows TwentyThree's thumbnail and "processing", then
// "ready" — brought by the follow job and the emulator's pingback to the portal. The visitor's
// page says the same while it stays open.
import { test, expect } from "@playwright/test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE } from "./admin-helpers";
import { emulatorUrl, query } from "./db";

test("visitor uploads; the admin list shows the thumbnail and processing, then ready, without a reload", async ({ browser }) => {
  test.setTimeout(90_000);
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/uploads");
  await expect(admin.getByRole("heading", { name: "Uploads" })).toBeVisible();
  let navigations = 0;
  admin.on("framenavigated", (f) => {
    if (f === admin.mainFrame()) navigations++;
  });

  const visitorCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await visitorCtx.newPage();
  await visitor.goto("/u/demo");
  await expect(visitor.getByTestId("uploader")).toBeVisible();
  await visitor.getByLabel("Your name").fill("Grace Hopper");
  await visitor.getByLabel("Email address").fill("grace.hopper@example.com");
  await visitor.getByLabel("Title of your video").fill("Grace's story");
  await visitor.getByLabel(/I agree/).check();
  await visitor.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await visitor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(visitor.getByTestId("processing-state")).toContainText("Being processed by the video library");

  const row = admin.locator("tr", { hasText: "Grace Hopper" });
  await expect(row.getByTestId("processing-state")).toContainText(/^Processing/, { timeout: 20_000 });
  const thumb = row.getByTestId("thumbnail");
  await expect(thumb).toHaveAttribute("src", new RegExp(`^${emulatorUrl}/api/photo/frame\\?`));
  // The browser really loaded TwentyThree's image (CSP allows the connection's origin).
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  await expect(row.getByTestId("processing-state")).toHaveText("Ready", { timeout: 30_000 });
  await expect(thumb).toHaveAttribute("src", new RegExp(`^${emulatorUrl}/1/\\d+/[^/]+/small$`));
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(row).toContainText(/0:0\d/); // the clip's real length, a few seconds
  expect(navigations).toBe(0);

  await expect(visitor.getByTestId("processing-state")).toHaveText("Ready to watch", { timeout: 20_000 });
  const [stored] = await query<{ processing: string; ready_at: Date | null }>(`SELECT processing::text, ready_at FROM uploads WHERE contributor_name = 'Grace Hopper'`);
  expect(stored).toMatchObject({ processing: "READY" });
  await adminCtx.close();
  await visitorCtx.close();
});
