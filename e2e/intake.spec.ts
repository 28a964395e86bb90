import { test, expect, type Page, type Request } from "./test";
import { createHash } from "node:crypto";
import path from "node:path";
import { FIXTURES_DIR, fixtureSize } from "../test/fixtures/index";
import { emulatorObjects, emulatorUrl, query } from "./db";

const fixtures = FIXTURES_DIR;

async function fillDetails(page: Page, who: string, opts: { oneStep?: boolean } = {}) {
  await page.goto("/u/demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share your story with us");
  // With JavaScript the page becomes one step (details + file) once the uploader has loaded.
  if (opts.oneStep) await expect(page.getByTestId("uploader")).toBeVisible();
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel("Title of your video").fill(`${who}'s story`);
  await page.getByLabel(/I agree/).check();
  if (opts.oneStep) return;
  await page.getByRole("button", { name: "Continue to upload" }).click();
  await expect(page.getByRole("button", { name: "Upload" })).toBeVisible();
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`intake journey with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("details → direct upload to TwentyThree → thank-you page, recorded as TwentyThree stored it", async ({ page, baseURL }) => {
      const who = javaScriptEnabled ? "Grace Hopper" : "Alan Turing";
      await fillDetails(page, who, { oneStep: javaScriptEnabled });
      // The file form posts straight to TwentyThree (the emulator), never to the portal. With
      // JavaScript it is the uploader's no-CORS fallback; the file goes by XHR to the same URL.
      await expect(page.locator("form[enctype='multipart/form-data']")).toHaveAttribute("action", `${emulatorUrl}/api/photo/redeem-upload-token`);

      // POSTs per origin. Chromium hands Playwright no body (and a body size of 0) for requests that
      // carry a file, so "no body visible" is how a file would show; every portal POST must have a
      // small, visible body.
      const posts: Request[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") posts.push(r);
      });
      await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
      await page.getByRole("button", { name: "Upload", exact: true }).click();

      await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
      await expect(page.getByTestId("upload-state")).toHaveText(/confirmed/);
      const fromOrigin = (origin: string) => posts.filter((r) => new URL(r.url()).origin === origin);
      expect(fromOrigin(emulatorUrl).map((r) => r.url())).toEqual([`${emulatorUrl}/api/photo/redeem-upload-token`]); // one upload, to TwentyThree…
      for (const r of fromOrigin(new URL(baseURL!).origin)) {
        const body = r.postDataBuffer(); // …and nothing file-like to the portal (only the details)
        expect(body, `POST ${r.url()} carried a body Chromium could not show (a file?)`).not.toBeNull();
        expect(body!.length).toBeLessThan(5000);
      }

      const [row] = await query<{ photo_id: string; tree_id: string; photo_token: string; state: string; contributor_name: string }>(
        `SELECT photo_id, tree_id, photo_token, state, contributor_name FROM uploads WHERE contributor_name = $1`,
        [who],
      );
      expect(row).toBeDefined();
      expect(row!.state).toBe("VERIFIED");
      const stored = (await emulatorObjects()).find((o) => o.photo_id === row!.photo_id);
      expect(stored).toBeDefined();
      expect(stored!.token).toBe(row!.photo_token);
      expect(String(stored!.tree_id)).toBe(row!.tree_id);
      expect(Number(stored!.size)).toBe(fixtureSize("clip.mp4"));
      // The emulator holds the file itself.
      const file = await fetch(`${emulatorUrl}/${row!.tree_id}/${row!.photo_id}/${row!.photo_token}/original`);
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBe(fixtureSize("clip.mp4"));
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("shows each missing required detail next to its field", async ({ page }) => {
    await page.goto("/u/demo");
    await page.getByRole("button", { name: "Continue to upload" }).click();
    await expect(page.getByText("Please enter your name")).toBeVisible();
    await expect(page.getByText("Please enter your email address")).toBeVisible();
    await expect(page.getByText("Please tick the box to give your consent before uploading")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  });

  test("an unsupported file ends on the error page with TwentyThree's message and nothing recorded", async ({ page }) => {
    await fillDetails(page, "Nota Video");
    await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "not-a-video.txt"));
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("heading", { name: "Your upload did not go through" })).toBeVisible();
    await expect(page.getByTestId("upload-error")).toHaveText("The file type isn't supported");
    await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/u/demo");
    const rows = await query(`SELECT 1 FROM uploads WHERE contributor_name = 'Nota Video'`);
    expect(rows).toHaveLength(0);
  });

  test("an expired upload form says so and offers to start again", async ({ page }) => {
    await fillDetails(page, "Late Larry");
    await query(`UPDATE upload_tokens SET valid_until = now() - interval '1 minute' WHERE contributor_name = 'Late Larry'`);
    await expect(page).toHaveURL(/\/upload\?ticket=/);
    await page.goto(page.url());
    await expect(page.getByText("This upload form has expired")).toBeVisible();
    await page.getByRole("link", { name: "Start again" }).click();
    await expect(page).toHaveURL(/\/u\/demo$/);
  });
});

test("unknown links answer 404 with a clear page", async ({ page }) => {
  const res = await page.goto("/u/no-such-link");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This upload link does not exist" })).toBeVisible();
});

test("a forged callback creates nothing and gets a clear 400 page", async ({ request }) => {
  const res = await request.get("/api/twentythree/callback?upload_token=abc&photo_id=1&tree_id=1&token=abcdefghij&state=forged");
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain("We could not match this upload");
  // Stored bounded: the reason, a SHA-256 of what arrived and a short excerpt (the state hidden).
  const raw = JSON.stringify([
    ["upload_token", "abc"],
    ["photo_id", "1"],
    ["tree_id", "1"],
    ["token", "abcdefghij"],
    ["state", "forged"],
  ]);
  const sha = createHash("sha256").update(raw).digest("hex");
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM callback_events WHERE outcome = 'rejected' AND params_sha256 = $1 AND reason = 'state signature invalid' AND params IS NULL`,
    [sha],
  );
  expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1);
});

test("details typed before the uploader loads are kept when it takes the plain form's place", async ({ page }) => {
  // A slow connection: every script arrives 2 s late, so the visitor types into the server-rendered form first.
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.goto("/u/demo");
  await page.getByLabel("Your name").fill("Radia Perlman");
  await page.getByLabel("Email address").fill("radia@example.com");
  await page.getByLabel(/I agree/).check();
  await expect(page.getByTestId("uploader")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Your name")).toHaveValue("Radia Perlman");
  await expect(page.getByLabel("Email address")).toHaveValue("radia@example.com");
  await expect(page.getByLabel(/I agree/)).toBeChecked();
});

test("a visitor typing while the uploader arrives keeps typing into the same field: no keystroke is lost to the swap", async ({ page }) => {
  // The uploader's own chunk (the one script that draws the drop zone; the page loads it once it
  // came alive) is held until the visitor is in the middle of typing their name.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let heldOne = false;
  await page.route("**/_next/static/chunks/**", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("drop-zone")) {
      heldOne = true;
      await held;
    }
    await route.fulfill({ response, body });
  });
  await page.goto("/u/demo", { waitUntil: "domcontentloaded" });
  const name = page.getByLabel("Your name");
  await name.click();
  await name.pressSequentially("Grace ", { delay: 50 });
  await expect.poll(() => heldOne).toBe(true); // the page is alive and asking for the uploader
  const typing = name.pressSequentially("Brewster Murray Hopper", { delay: 120 });
  await page.waitForTimeout(400);
  release();
  await typing;
  await expect(page.getByTestId("uploader")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Grace Brewster Murray Hopper");
  await expect(page.getByLabel("Your name")).toBeFocused();
});
