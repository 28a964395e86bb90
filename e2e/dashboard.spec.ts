// The uploads dashboard in Chromium: a live list, the review page, and moderation applied on
// TwentyThree (the emulator), checked through listPhotos the way the portal itself would.
import { test, expect, type Page } from "./test";
import AxeBuilder from "@axe-core/playwright";
import { emulatorCredentials } from "../test/emulator-seed";
import { setLogLevel } from "../lib/log";
import { createTwentyThreeClient, TwentyThreeNoSuchPhotoError } from "../lib/twentythree";
import { uploadAsVisitor } from "./admin-helpers";
import { emulatorUrl, query, setFaults } from "./db";

const emulator = createTwentyThreeClient({
  apiUrl: emulatorUrl,
  ...emulatorCredentials("write"),
  retries: 0,
});

setLogLevel("error"); // the client's call log is for the portal, not this test's output
test.use({ storageState: "e2e/.auth/admin.json" });
test.afterEach(() => setFaults(null));

async function uploadRow(who: string) {
  const [row] = await query<{ id: string; photo_id: string; photo_token: string; state: string }>(
    "SELECT id, photo_id, photo_token, state FROM uploads WHERE contributor_name = $1",
    [who],
  );
  expect(row).toBeDefined();
  return row!;
}

async function onTwentyThree(photoId: string, token: string) {
  try {
    const { photos } = await emulator.listPhotos({ photoId, token, includeUnpublished: true });
    return photos.find((p) => p.photoId === photoId);
  } catch (err) {
    if (err instanceof TwentyThreeNoSuchPhotoError) return undefined;
    throw err;
  }
}

async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);

test("a new upload appears live; a failed approval changes nothing; approve publishes and delete removes on TwentyThree", async ({ page, browser }) => {
  const who = `Dana Board ${Date.now()}`;
  // The list searched for this visitor: an earlier journey's upload arriving late (a background
  // callback, reconciliation) would be another arrival and make the count 2. A CI run once did
  // not find "1 new upload arrived." here; it passed alone and after the journeys before it.
  await page.goto(`/admin/uploads?q=${encodeURIComponent(who)}`);
  await expect(page.getByRole("heading", { name: "Uploads", level: 1 })).toBeVisible();
  await markNoReload(page);

  await uploadAsVisitor(browser, who);

  // Appears (and reaches "Verified") by polling, without reloading the page.
  const row = page.getByRole("row").filter({ hasText: who });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "1 new upload arrived." })).toBeAttached();
  await expect(row.getByText("Verified")).toBeVisible({ timeout: 20_000 });
  expect(await stillSamePage(page)).toBe(true);

  const upload = await uploadRow(who);
  expect((await onTwentyThree(upload.photo_id, upload.photo_token))?.publishedP).toBe(false);

  await row.getByRole("link", { name: who }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/uploads/${upload.id}$`));
  await expect(page.getByTestId("upload-state")).toHaveText("Verified");
  await expect(page.getByTitle(/Video player/)).toHaveAttribute("src", new RegExp(`^${emulatorUrl}/v\\.ihtml/player\\.html\\?.*photo_id=${upload.photo_id}`));
  await expect(page.getByText("I agree that my video may be published")).toBeVisible();

  // TwentyThree fails: its message is shown, nothing changes here or there.
  await setFaults({ apiFailure: "500" });
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /TwentyThree/ })).toBeVisible();
  await expect(page.getByTestId("upload-state")).toHaveText("Verified");
  expect((await uploadRow(who)).state).toBe("VERIFIED");
  const [failed] = await query<{ ok: boolean; error: string }>("SELECT ok, error FROM moderation_actions WHERE upload_id = $1", [upload.id]);
  expect(failed).toMatchObject({ ok: false });
  expect(failed!.error).toMatch(/TwentyThree/);
  await setFaults(null);
  expect((await onTwentyThree(upload.photo_id, upload.photo_token))?.publishedP).toBe(false);

  // Approve: published on TwentyThree.
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published on TwentyThree." })).toBeVisible();
  await expect(page.getByTestId("upload-state")).toHaveText("Published");
  expect((await onTwentyThree(upload.photo_id, upload.photo_token))?.publishedP).toBe(true);
  await expect(page.getByRole("table", { name: /Moderation attempts/ }).getByRole("row")).toHaveCount(3);

  // Delete, after confirming: gone from TwentyThree.
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByTestId("upload-state")).toHaveText("Deleted");
  expect(await onTwentyThree(upload.photo_id, upload.photo_token)).toBeUndefined();
  expect((await uploadRow(who)).state).toBe("DELETED");

  // The list shows the new state too.
  await page.getByRole("link", { name: "← All uploads" }).click();
  await expect(page.getByRole("row").filter({ hasText: who }).getByText("Deleted")).toBeVisible();
});

test("bulk approve a selection, then export it as CSV", async ({ page, browser }) => {
  const stamp = Date.now();
  const names = [`Bulk One ${stamp}`, `Bulk Two ${stamp}`];
  for (const n of names) await uploadAsVisitor(browser, n);
  await page.goto(`/admin/uploads?q=${stamp}`);
  for (const n of names) await expect(page.getByRole("row").filter({ hasText: n }).getByText("Verified")).toBeVisible({ timeout: 20_000 });

  await page.getByRole("checkbox", { name: "Select all uploads on this page" }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 published." })).toBeVisible();
  for (const n of names) {
    await expect(page.getByRole("row").filter({ hasText: n }).getByText("Published")).toBeVisible();
    const u = await uploadRow(n);
    expect((await onTwentyThree(u.photo_id, u.photo_token))?.publishedP).toBe(true);
  }

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export these as CSV" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "id,created_at,state,contributor_name,contributor_email,title,link_slug,link_title,photo_id,size_bytes,verified_at,source,error_message,consent_version,consent_sha256,consent_at,withdrawn_at",
  );
  expect(lines).toHaveLength(3);
  for (const n of names) expect(csv).toContain(n);
});

test("the list and the review page pass axe (WCAG 2 A/AA) and fit a phone screen", async ({ page, browser }) => {
  const who = `Axe Phone ${Date.now()}`;
  await uploadAsVisitor(browser, who);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/uploads");
  const row = page.getByRole("row").filter({ hasText: who });
  await expect(row.getByText("Verified")).toBeVisible({ timeout: 20_000 });
  const a11y = async () =>
    (await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa"]).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(await a11y()).toEqual([]);
  // The page itself never scrolls sideways; only the table's own container may.
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  // Keyboard: tab to the contributor's link and open it.
  await row.getByRole("link", { name: who }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("upload-state")).toHaveText("Verified");
  expect(await a11y()).toEqual([]);
  expect(await overflow()).toBeLessThanOrEqual(0);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the list, JSON endpoint and export refuse anonymous visitors", async ({ page, request }) => {
    expect((await request.get("/api/admin/uploads")).status()).toBe(401);
    const csv = await request.get("/api/admin/uploads/export");
    expect(csv.status()).toBe(401);
    expect(await csv.text()).not.toMatch(/contributor_email/);
    await page.goto("/admin/uploads");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});
