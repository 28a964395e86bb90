// The one-page uploader with JavaScript: progress, several files, resumable chunks after a
// reload, checks before upload, and the plain-form fallback when TwentyThree has no CORS.
// Over 200 lines: the journeys share one page setup; splitting them would repeat it per file.
import { test, expect, type Page, type Request } from "./test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES_DIR, fixtureSize } from "../test/fixtures/index";
import { emulatorObjects, emulatorUrl, query, setFaults } from "./db";

const fixtures = FIXTURES_DIR;
// How the page shows clip.mp4's size (one decimal under 100 KB; the committed clip is ~95 KB).
const clipKB = `${(fixtureSize("clip.mp4") / 1024).toFixed(1)} kB`; // Intl's English unit, as the visitor's page words sizes
const redeem = `${emulatorUrl}/api/photo/redeem-upload-token`;
const CHUNK = 256 * 1024; // UPLOAD_CHUNK_BYTES set by e2e/server.ts

test.afterEach(async () => {
  await setFaults(null);
});

async function openUploader(page: Page, slug = "demo") {
  await page.goto(`/u/${slug}`);
  await expect(page.getByTestId("uploader")).toBeVisible(); // hydrated: the one-page uploader replaced step one
}

async function fillDetails(page: Page, who: string) {
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel("Title of your video").fill(`${who}'s story`);
  await page.getByLabel(/I agree/).check();
}

function redeemPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().startsWith(redeem)) posts.push(r);
  });
  return posts;
}

/** Random bytes behind a valid MP4 `ftyp` box, so TwentyThree's content sniffing takes it as video. */
function bigMp4(bytes: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "uploader-e2e-"));
  const file = path.join(dir, "big-interview.mp4");
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isommp41")]);
  writeFileSync(file, Buffer.concat([ftyp, randomBytes(bytes - ftyp.length)]));
  return file;
}

test("one small file: visible progress to 100 %, then the thank-you state once TwentyThree confirmed it", async ({ page, baseURL }) => {
  await setFaults({ slowUploadBytesPerSec: 60_000 }); // ~2 s for 106 KB, so progress is seen moving
  await openUploader(page);
  // Chromium shows Playwright no body for a request carrying a file: every portal POST must have a
  // visible, small one (the details), so no file part can have gone to the portal.
  const portalBodies: Array<number | null> = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().startsWith(baseURL!)) portalBodies.push(r.postDataBuffer()?.length ?? null);
  });
  const posts = redeemPosts(page);
  const statusRequest = page.waitForRequest((r) => r.url().includes("/api/uploads/status?ticket="));
  await fillDetails(page, "Ada Lovelace");
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await expect(page.getByLabel("Preview of clip.mp4")).toBeVisible();
  await page.getByRole("button", { name: "Upload", exact: true }).click();

  const bar = page.getByRole("progressbar", { name: "Upload of clip.mp4" });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId("progress-text")).toContainText(new RegExp(`\\d+ % · .* of ${clipKB}`));
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeFocused();
  await expect(page.getByTestId("upload-state")).toHaveText("Received and confirmed");

  expect(posts).toHaveLength(1);
  expect(portalBodies.length).toBeGreaterThan(0);
  for (const n of portalBodies) expect(n !== null && n < 5000).toBe(true); // details only; the file went to TwentyThree
  const [row] = await query<{ photo_id: string; photo_token: string; state: string; source: string; background_return: boolean; max_uploads: number }>(
    `SELECT u.photo_id, u.photo_token, u.state, u.source, t.background_return, t.max_uploads FROM uploads u JOIN upload_tokens t ON t.id = u.token_id WHERE u.contributor_name = 'Ada Lovelace'`,
  );
  expect(row).toMatchObject({ state: "VERIFIED", source: "BACKGROUND", background_return: true, max_uploads: 1 });
  const stored = (await emulatorObjects()).find((o) => o.photo_id === row!.photo_id);
  expect(stored?.token).toBe(row!.photo_token);
  expect(Number(stored?.size)).toBe(fixtureSize("clip.mp4"));

  // What the page polls: its own upload's state, without the upload token or the object's token.
  const status = await page.request.get((await statusRequest).url());
  const text = await status.text();
  expect(JSON.parse(text)).toMatchObject({ uploads: [{ photoId: row!.photo_id, state: "VERIFIED" }] });
  expect(text).not.toContain(stored!.upload_token);
  expect(text).not.toContain(row!.photo_token);
});

test("three files on a link that allows three: one token for three, each with its own progress and outcome", async ({ page }) => {
  await openUploader(page);
  const posts = redeemPosts(page);
  await fillDetails(page, "Katherine Johnson");
  await page
    .getByLabel("Choose your video")
    .setInputFiles([path.join(fixtures, "clip.mp4"), path.join(fixtures, "clip.webm"), path.join(fixtures, "photo.jpg")]);
  await expect(page.getByTestId("file-item")).toHaveCount(3);
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("upload-state")).toHaveText(["Received and confirmed", "Received and confirmed", "Received and confirmed"]);
  expect(posts).toHaveLength(3);

  const tokens = await query<{ id: string; max_uploads: number; status: string }>(
    `SELECT id, max_uploads, status FROM upload_tokens WHERE contributor_name = 'Katherine Johnson'`,
  );
  expect(tokens).toHaveLength(1);
  expect(tokens[0]).toMatchObject({ max_uploads: 3, status: "USED" });
  const rows = await query<{ photo_id: string }>(`SELECT photo_id FROM uploads WHERE token_id = $1 AND state = 'VERIFIED'`, [tokens[0]!.id]);
  expect(rows).toHaveLength(3);
  const objects = await emulatorObjects();
  for (const r of rows) expect(objects.some((o) => o.photo_id === r.photo_id)).toBe(true);
});

test("a large file goes in chunks, is interrupted, and after a reload resumes without re-sending stored chunks", async ({ page }) => {
  test.setTimeout(120_000);
  const size = 20 * 1024 * 1024 + 12_345;
  const total = Math.floor(size / CHUNK); // 80
  const file = bigMp4(size);
  await setFaults({ failChunksAfter: 30 });
  await openUploader(page);
  page.on("dialog", (d) => void d.accept()); // the beforeunload warning mid-upload
  let phase = 1;
  const accepted = { 1: 0, 2: 0 };
  const sent = { 1: 0, 2: 0 };
  page.on("requestfinished", async (r) => {
    if (r.method() !== "POST" || !r.url().startsWith(redeem)) return;
    const p = phase as 1 | 2;
    sent[p]++;
    if ((await r.response())?.status() === 200) accepted[p]++;
  });
  await fillDetails(page, "Margaret Hamilton");
  await page.getByLabel("Choose your video").setInputFiles(file);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Connection trouble — trying again…")).toBeVisible({ timeout: 30_000 });
  expect(accepted[1]).toBe(30);
  const dialog = page.waitForEvent("dialog");
  await page.reload();
  expect((await dialog).type()).toBe("beforeunload");

  await setFaults(null);
  phase = 2;
  await expect(page.getByTestId("uploader")).toBeVisible();
  await fillDetails(page, "Margaret Hamilton");
  await page.getByLabel("Choose your video").setInputFiles(file);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText(`Resuming: 30 of ${total} parts were already sent.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 60_000 });
  expect(sent[2]).toBe(total - 30); // not one stored chunk sent again
  expect(accepted[2]).toBe(total - 30);

  const tokens = await query<{ id: string }>(`SELECT id FROM upload_tokens WHERE contributor_name = 'Margaret Hamilton'`);
  expect(tokens).toHaveLength(1); // the same token was reused after the reload
  const [row] = await query<{ photo_id: string; state: string }>(`SELECT photo_id, state FROM uploads WHERE token_id = $1`, [tokens[0]!.id]);
  expect(row?.state).toBe("VERIFIED");
  const stored = (await emulatorObjects()).find((o) => o.photo_id === row!.photo_id);
  expect(Number(stored?.size)).toBe(size);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("t23-upload:")).length)).toBe(0);
});

test("files of the wrong type or over the link's size limit are refused before any byte is sent", async ({ page }) => {
  await query(
    `INSERT INTO intake_links (id, slug, title, connection_id, max_file_bytes, max_uploads, updated_at)
     SELECT gen_random_uuid(), 'small-files', 'Small files only', connection_id, 50000, 1, now() FROM intake_links WHERE slug = 'demo'
     ON CONFLICT (slug) DO NOTHING`,
  );
  const posts = redeemPosts(page);
  await openUploader(page);
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "not-a-video.txt"));
  await expect(page.getByTestId("file-error")).toHaveText("This is not a video or photo file. Please choose a video or a photo.");

  await openUploader(page, "small-files");
  await expect(page.getByText("Up to 48.8 kB each.")).toBeVisible();
  await page.getByLabel("Your name").fill("Big Bertha");
  await page.getByLabel("Email address").fill("bertha@example.com");
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await expect(page.getByTestId("file-error")).toHaveText(`This file is ${clipKB}; this link takes files up to 48.8 kB.`);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("None of the chosen files can be sent. Please choose another one.")).toBeVisible();
  expect(posts).toHaveLength(0);
  const minted = await query(`SELECT 1 FROM upload_tokens t JOIN intake_links l ON l.id = t.link_id WHERE l.slug = 'small-files'`);
  expect(minted).toHaveLength(0);
});

test("details are checked on the server before any byte is sent, with focus on the first bad field", async ({ page }) => {
  await openUploader(page);
  const posts = redeemPosts(page);
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Please enter your name")).toBeVisible();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await expect(page.getByText("Please tick the box to give your consent before uploading")).toBeVisible();
  expect(posts).toHaveLength(0);
});

test("without CORS on TwentyThree, the page falls back to the plain form and the file arrives once", async ({ page }) => {
  await setFaults({ corsDisabled: true });
  await openUploader(page);
  const posts = redeemPosts(page);
  const before = (await emulatorObjects()).length;
  await fillDetails(page, "Radia Perlman");
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(page).toHaveURL(/\/u\/demo\/done\?ticket=/);
  await expect(page.getByTestId("upload-state")).toHaveText(/confirmed/);
  expect(posts).toHaveLength(1);
  expect((await emulatorObjects()).length).toBe(before + 1);
  const tokens = await query<{ background_return: boolean }>(`SELECT background_return FROM upload_tokens WHERE contributor_name = 'Radia Perlman'`);
  expect(tokens).toEqual([{ background_return: false }]);
  const rows = await query(`SELECT 1 FROM uploads WHERE contributor_name = 'Radia Perlman' AND state = 'VERIFIED'`);
  expect(rows).toHaveLength(1);
});

test("cancel stops an upload; try again sends it with a fresh token", async ({ page }) => {
  // Throttle the browser's own upload (not the emulator's reading): a 106 KB body fits in socket
  // buffers, so a server-side throttle let the whole file arrive before Cancel and both uploads land.
  const cdp = await page.context().newCDPSession(page);
  await openUploader(page);
  await fillDetails(page, "Frances Allen");
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 10_000 });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await page.getByRole("button", { name: "Cancel upload of clip.mp4" }).click();
  await expect(page.getByText("Upload cancelled.")).toBeVisible();
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.getByRole("button", { name: "Try again with clip.mp4" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const rows = await query(`SELECT 1 FROM uploads WHERE contributor_name = 'Frances Allen' AND state = 'VERIFIED'`);
  expect(rows).toHaveLength(1);
});

test("the status endpoint refuses missing and forged tickets", async ({ request }) => {
  expect((await request.get("/api/uploads/status")).status()).toBe(400);
  expect((await request.get("/api/uploads/status?ticket=forged.ticket")).status()).toBe(404);
});
