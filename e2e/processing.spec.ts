// Issue #16: after the upload. A visitor uploads with JavaScript on; the admin's list (open in
// another browser context, never reloaded) shows TwentyThree's thumbnail and "processing", then
// "ready" — brought by the follow job and the emulator's pingback to the portal. The visitor's
// page says the same while it stays open.
import { test, expect } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, saveLinkForm } from "./admin-helpers";
import { caughtMail, emulatorUrl, query } from "./db";

test("visitor uploads; the admin list shows the thumbnail and processing, then ready, without a reload; the team's mail arrives", async ({ browser }) => {
  test.setTimeout(150_000);
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  // The team's address on the demo link, through the link form.
  const [demo] = await query<{ id: string }>(`SELECT id FROM intake_links WHERE slug = 'demo'`);
  await admin.goto(`/admin/links/${demo!.id}/edit`);
  await admin.getByLabel("E-mail these people").fill("team@example.com");
  await admin.getByLabel("When to e-mail").selectOption("EACH");
  await admin.getByLabel("Also e-mail when a video is ready to watch").check();
  await saveLinkForm(admin);
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
  await visitor.getByLabel("Your name").fill("Dorothy Vaughan");
  await visitor.getByLabel("Email address").fill("dorothy.vaughan@example.com");
  await visitor.getByLabel("Title of your video").fill("Dorothy's story");
  await visitor.getByLabel(/I agree/).check();
  await visitor.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await visitor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(visitor.getByTestId("processing-state")).toContainText("Being processed by the video library", { timeout: 25_000 });

  const row = admin.locator("tr", { hasText: "Dorothy Vaughan" });
  await expect(row.getByTestId("processing-state")).toContainText(/^Processing/, { timeout: 25_000 });
  const thumb = row.getByTestId("thumbnail");
  await expect(thumb).toHaveAttribute("src", new RegExp(`^${emulatorUrl}/api/photo/frame\\?`));
  // The browser really loaded TwentyThree's image (CSP allows the connection's origin).
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  await expect(row.getByTestId("processing-state")).toHaveText("Ready", { timeout: 45_000 });
  await expect(thumb).toHaveAttribute("src", new RegExp(`^${emulatorUrl}/1/\\d+/[^/]+/small$`));
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(row).toContainText(/0:0\d/); // the clip's real length, a few seconds
  expect(navigations).toBe(0);

  await expect(visitor.getByTestId("processing-state")).toHaveText("Ready to watch", { timeout: 20_000 });
  const [stored] = await query<{ processing: string; ready_at: Date | null }>(
    `SELECT processing::text, ready_at FROM uploads WHERE contributor_name = 'Dorothy Vaughan'`,
  );
  expect(stored).toMatchObject({ processing: "READY" });

  // The mail catcher holds the team's two messages, each once, with a working review link.
  const mine = async () => (await caughtMail()).filter((m) => m.to.includes("team@example.com") && m.subject.includes("Dorothy's story"));
  await expect
    .poll(async () => (await mine()).map((m) => m.subject).sort(), { timeout: 30_000 })
    .toEqual(["New upload: Dorothy's story", "Ready to watch: Dorothy's story"]);
  const ready = (await mine()).find((m) => m.subject.startsWith("Ready"))!;
  const review = /href="([^"]+\/admin\/uploads\/[0-9a-f-]{36})"/.exec(ready.html)?.[1];
  expect(review).toBeTruthy();
  expect(ready.html).toMatch(new RegExp(`src="${emulatorUrl}/1/\\d+/[^/"]+/small"`));
  expect(ready.text).toContain("Dorothy Vaughan");
  await admin.goto(review!);
  await expect(admin.getByRole("heading", { name: "Dorothy's story" })).toBeVisible();
  await expect(admin.getByTestId("mail-log")).toContainText("Ready to watch to team@example.com: sent");
  await adminCtx.close();
  await visitorCtx.close();
});
