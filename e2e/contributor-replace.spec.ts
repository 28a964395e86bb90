// Issue #17, replacing through the same resumable uploader as the intake page: a large new file
// goes to redeem-replace-token in chunks with visible progress, survives a dropped chunk (retry),
// and the contributor is back on their page once TwentyThree shows the new file; without
// JavaScript the plain form still replaces the video; a forged callback changes nothing.
import { test, expect, type Browser } from "./test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { caughtMail, emulatorObjects, emulatorUrl, query, setFaults } from "./db";

const redeemReplace = `${emulatorUrl}/api/photo/redeem-replace-token`;
const CHUNK = 256 * 1024; // UPLOAD_CHUNK_BYTES set by e2e/server.ts (threshold 2 MB)

/** An MP4-looking file of the given size (ftyp box, then noise), as the uploader spec makes. */
function bigMp4(bytes: number): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "replace-e2e-")), "new-take.mp4");
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isommp41")]);
  writeFileSync(file, Buffer.concat([ftyp, randomBytes(bytes - ftyp.length)]));
  return file;
}

/** A visitor's upload with their address, and the private link from the receipt e-mail. */
async function contributorLink(browser: Browser, who: string, javaScriptEnabled = true) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  const email = `${who.toLowerCase()}.${Date.now()}@example.com`;
  await page.goto("/u/demo");
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Title of your video").fill(`${who}'s story`);
  await page.getByLabel(/I agree/).check();
  await page.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const mail = async () => (await caughtMail()).find((m) => m.to.includes(email));
  await expect.poll(async () => (await mail())?.subject, { timeout: 30_000 }).toContain("has arrived");
  const link = /href="(http[^"]+\/c\/[^"]+)"/.exec((await mail())!.html)![1]!;
  await ctx.close();
  // The private link opens in the browser the test asks for (with or without JavaScript).
  const own = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled });
  const page2 = await own.newPage();
  await page2.goto(link);
  const photoId = (await page2.getByTestId("contributor-video").getAttribute("data-photo-id"))!;
  return { page: page2, photoId };
}

test("a large replacement goes in chunks with progress, retries a dropped chunk, and lands on the same video", async ({ browser }) => {
  test.setTimeout(180_000);
  const { page, photoId } = await contributorLink(browser, "Radia");
  const before = (await emulatorObjects()).find((o) => o.photo_id === photoId)!;
  const size = 3 * 1024 * 1024 + 777;
  const file = bigMp4(size);

  // One chunk's connection drops once, as on a flaky network; the uploader must send it again.
  let posts = 0;
  let dropped = false;
  await page.route(`${redeemReplace}*`, async (route) => {
    if (route.request().method() === "POST" && ++posts === 4 && !dropped) {
      dropped = true;
      return route.abort("connectionreset");
    }
    return route.continue();
  });

  await page.getByRole("button", { name: "Replace with a new file" }).click();
  await expect(page.getByRole("heading", { name: /Replace/ })).toBeVisible();
  await page.getByLabel("Choose the new video").setInputFiles(file);
  await page.getByRole("button", { name: "Upload the new file" }).click();
  await expect(page.getByRole("progressbar", { name: "Sending the new file" })).toBeVisible();
  await expect(page.getByText("Connection trouble — trying again…")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Your new file has arrived")).toBeVisible({ timeout: 60_000 });

  expect(dropped).toBe(true);
  expect(posts).toBeGreaterThanOrEqual(Math.floor(size / CHUNK) + 1); // every chunk, plus the one sent again
  const after = (await emulatorObjects()).find((o) => o.photo_id === photoId)! as typeof before & { replaced_count: number };
  expect(after).toMatchObject({ photo_id: photoId, token: before.token, replaced_count: 1 });
  expect(Number(after.size)).toBe(statSync(file).size);
  await expect(page.getByTestId("replaced-note")).toContainText("Replaced once");
});

test("without JavaScript the plain form replaces the video and comes back to the page", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, photoId } = await contributorLink(browser, "Hedy", false);
  const before = (await emulatorObjects()).find((o) => o.photo_id === photoId)!;
  await page.getByRole("button", { name: "Replace with a new file" }).click();
  await expect(page.getByRole("heading", { name: /Replace/ })).toBeVisible();
  await page.getByLabel("Choose the new video").setInputFiles(path.join(FIXTURES_DIR, "clip.webm"));
  await page.getByRole("button", { name: "Upload the new file" }).click();
  await expect(page.getByText("Your new file has arrived")).toBeVisible({ timeout: 30_000 });
  const after = (await emulatorObjects()).find((o) => o.photo_id === photoId)! as typeof before & { replaced_count: number };
  expect(after).toMatchObject({ photo_id: photoId, token: before.token, replaced_count: 1 });
});

test("TwentyThree down when the callback comes: the page says received and confirming, then shows it replaced once TwentyThree answers", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page, photoId } = await contributorLink(browser, "Lise", false);
  await page.getByRole("button", { name: "Replace with a new file" }).click();
  await expect(page.getByRole("heading", { name: /Replace/ })).toBeVisible();
  await page.getByLabel("Choose the new video").setInputFiles(path.join(FIXTURES_DIR, "clip.webm"));
  // The file still reaches TwentyThree (redeem is its own path); its API answers 503 meanwhile.
  await setFaults({ apiFailure: "503" });
  try {
    await page.getByRole("button", { name: "Upload the new file" }).click();
    await expect(page.getByText("We received your new file")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("replace-check-note")).toContainText("confirming it with the video library");
    await expect(page.getByTestId("replaced-note")).toHaveCount(0);
  } finally {
    await setFaults(null);
  }
  // The job asks again (backoff) and records it; the page, reloaded, shows it replaced.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("replaced-note")).toContainText("Replaced once", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("replace-check-note")).toHaveCount(0);
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM moderation_actions a JOIN uploads u ON u.id = a.upload_id WHERE u.photo_id = $1 AND a.action = 'replace'`,
    [photoId],
  );
  expect(rows.map((r) => Number(r.n))).toEqual([1]);
});

test("a forged replace callback (state read off an aborted redeem, public photo_id) changes nothing and mails nobody", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, photoId } = await contributorLink(browser, "Eve");
  await page.getByRole("button", { name: "Replace with a new file" }).click();
  await expect(page.getByRole("heading", { name: /Replace/ })).toBeVisible();
  // The attacker's real means: the replace token in their own page, a refused file sent by hand,
  // and TwentyThree's redirect read without following it.
  const replaceToken = await page.locator("input[name=replace_token]").inputValue();
  const refused = await page.request.post(redeemReplace, {
    multipart: { replace_token: replaceToken, file: { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("not a video") } },
    maxRedirects: 0,
  });
  const location = new URL(refused.headers()["location"]!);
  expect(location.searchParams.get("error_message")).toBeTruthy();
  location.searchParams.delete("error_message");
  location.searchParams.set("photo_id", photoId);
  location.searchParams.set("tree_id", "1");
  const before = (await emulatorObjects()).find((o) => o.photo_id === photoId)!;
  const followed = () => query<{ since: Date | null }>(`SELECT processing_since AS since FROM uploads WHERE photo_id = $1`, [photoId]);
  const followedBefore = await followed();

  await page.goto(location.toString());
  await expect(page.getByText("We could not confirm the replacement")).toBeVisible();
  await expect(page.getByText("Your new file has arrived")).toHaveCount(0);
  await expect(page.getByTestId("replaced-note")).toHaveCount(0);
  expect(await followed()).toEqual(followedBefore); // processing was not restarted for a file that never came
  const after = (await emulatorObjects()).find((o) => o.photo_id === photoId)! as typeof before & { replaced_count: number };
  expect(after).toMatchObject({ replaced_count: 0, size: before.size });
  // A notice would be queued before the callback answers: the outbox holds none, nor any record.
  const rows = await query<{ n: string }>(
    `SELECT (SELECT count(*) FROM mail_messages m WHERE m.upload_id = u.id AND m.kind = 'replaced')
          + (SELECT count(*) FROM moderation_actions a WHERE a.upload_id = u.id AND a.action = 'replace') AS n
       FROM uploads u WHERE u.photo_id = $1`,
    [photoId],
  );
  expect(rows.map((r) => Number(r.n))).toEqual([0]);
});
