// Issue #13 over real HTTP, as an attacker does it: their own token from the public no-JS form,
// a junk file redeemed on TwentyThree, the signed state read from the 301 Location, then a
// callback naming somebody else's object. Also a callback flood, an expired token and a `state`
// custom variable. The portal, the emulator, Postgres and Chromium are all real.
import { test, expect, type Page } from "./test";
import path from "node:path";
import { CALLBACK_LIMITS } from "../lib/limits";
import { ADMIN_STATE } from "./admin-helpers";
import { emulatorObjects, emulatorUrl, query, setFaults } from "./db";
import { FIXTURES_DIR } from "../test/fixtures/index";

const fixtures = FIXTURES_DIR;

/** The no-JS journey up to the file form: details, then the upload step. */
async function startUpload(page: Page, who: string) {
  await page.goto("/u/demo");
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel(/I agree/).check();
  await page.getByRole("button", { name: "Continue to upload" }).click();
  await expect(page.getByRole("button", { name: "Upload" })).toBeVisible();
}

/** Upload `file` with the plain form and return the callback TwentyThree redirected to (if any). */
async function upload(page: Page, file: string): Promise<Record<string, string>> {
  const redeem = page.waitForResponse((r) => r.url() === `${emulatorUrl}/api/photo/redeem-upload-token`);
  await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, file));
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const location = (await redeem).headers()["location"];
  await page.waitForLoadState();
  return location ? Object.fromEntries(new URL(location).searchParams.entries()) : {};
}

const uploadsOf = (who: string) =>
  query<{ id: string; state: string; verified_at: Date | null; domain: string | null; photo_id: string }>(
    `SELECT u.id, u.state, u.verified_at, u.domain, u.photo_id FROM uploads u JOIN upload_tokens t ON t.id = u.token_id WHERE t.contributor_name = $1`,
    [who],
  );

test.describe("callbacks over HTTP", () => {
  test.use({ javaScriptEnabled: false });
  test.afterEach(async () => {
    await setFaults(null);
    // The flood below exhausts a client's budget; later specs' callbacks come from the same host.
    await query(`DELETE FROM rate_limits WHERE key LIKE 'callback:%'`);
  });

  test("a foreign object claimed with the attacker's own state is never verified nor moderated on TwentyThree", async ({ page, browser, request }) => {
    // The victim's upload reaches TwentyThree, but its callback is lost (it is not recorded yet).
    await setFaults({ dropCallbacks: true });
    await startUpload(page, "Victor Victim");
    expect(await upload(page, "clip.mp4")).toEqual({});
    await setFaults(null);
    const victimObject = (await emulatorObjects()).at(-1)!;

    // The attacker's own token: a junk file redeemed; the redirect carries state and upload_token.
    await startUpload(page, "Mallory Forger");
    const own = await upload(page, "not-a-video.txt");
    expect(own.error_message).toBeTruthy();
    const forged = new URLSearchParams({
      domain: own.domain!,
      upload_token: own.upload_token!,
      state: own.state!,
      photo_id: victimObject.photo_id,
      tree_id: String(victimObject.tree_id),
      token: victimObject.token,
    });
    const res = await request.get(`/api/twentythree/callback?${forged}`, { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    // The attacker does not follow the redirect to the thank-you page, so the queued verification
    // job (not the request) decides the claim (issue #20): wait for it.
    await expect.poll(async () => (await uploadsOf("Mallory Forger"))[0]?.state, { timeout: 30_000 }).toBe("DISOWNED");
    const [claim] = await uploadsOf("Mallory Forger");
    expect(claim).toMatchObject({ photo_id: victimObject.photo_id, state: "DISOWNED", verified_at: null });
    expect(claim!.domain).toBe(new URL(emulatorUrl).host);

    // Staff see why nothing can be done on TwentyThree, and can only dismiss it here.
    const admin = await browser.newContext({ storageState: ADMIN_STATE, javaScriptEnabled: true });
    const staff = await admin.newPage();
    await staff.goto(`/admin/uploads/${claim!.id}`);
    await expect(staff.getByTestId("moderation-unavailable")).toBeVisible();
    await expect(staff.getByTestId("moderation-unavailable")).toContainText("does not list this video among the uploads made with this upload's token");
    await expect(staff.getByRole("button", { name: /Approve|Reject|Delete|Unpublish/ })).toHaveCount(0);
    await staff.getByRole("button", { name: "Dismiss (only here)" }).click();
    await expect(staff.getByText("This upload was dismissed here; nothing on TwentyThree was touched.")).toBeVisible();
    expect(await query(`SELECT action, ok FROM moderation_actions WHERE upload_id = $1`, [claim!.id])).toEqual([{ action: "dismiss", ok: true }]);
    await admin.close();
    const after = (await emulatorObjects()).find((o) => o.photo_id === victimObject.photo_id);
    expect(after).toMatchObject({ token: victimObject.token, published_p: victimObject.published_p });
  });

  test("a callback flood is limited and the audit table stays bounded", async ({ request }) => {
    const bytes = async () => Number((await query<{ b: string }>(`SELECT coalesce(sum(pg_column_size(c.*)), 0) AS b FROM callback_events c`))[0]!.b);
    const before = await bytes();
    const big = new URLSearchParams(Array.from({ length: 59 }, (_, i) => [`p${i}`, "x".repeat(2000)]));
    big.set("state", "forged-flood");
    const statuses: number[] = [];
    let last;
    const { max } = CALLBACK_LIMITS.perClient;
    for (let i = 0; i < 3 * max; i++) {
      last = await request.post("/api/twentythree/callback", {
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.99" },
        data: big.toString(),
        maxRedirects: 0,
      });
      statuses.push(last.status());
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * max);
    expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await last!.text()).toMatch(/Too many attempts[\s\S]*try again in \d+ (seconds|minutes?)/);
    // `max` stored rows of a few hundred bytes each; the refused ones stored nothing.
    expect((await bytes()) - before).toBeLessThan(max * 800);
  });

  test("a callback for a token past valid_until plus the grace is refused", async ({ page }) => {
    await startUpload(page, "Tardy Ted");
    await query(`UPDATE upload_tokens SET valid_until = now() - interval '7 hours' WHERE contributor_name = 'Tardy Ted'`);
    await upload(page, "clip.mp4");
    await expect(page.getByRole("heading", { name: "We could not match this upload" })).toBeVisible();
    expect(await uploadsOf("Tardy Ted")).toEqual([]);
  });
});

test.describe("custom variables", () => {
  test.use({ storageState: ADMIN_STATE });

  test("a link cannot have a custom variable named `state`", async ({ page }) => {
    await page.goto("/admin/links/new");
    await page.getByLabel("Title", { exact: true }).fill("Hijack attempt");
    await page.getByLabel("Slug").fill("hijack-attempt");
    await page.getByRole("button", { name: "Add a variable" }).click();
    await page.getByLabel("Variable 1 name").fill("state");
    await page.getByLabel("Variable 1 value").fill("x");
    await page.getByRole("button", { name: "Create link" }).click();
    await expect(page.getByText("“state” is reserved for the upload itself")).toBeVisible();
    expect(await query(`SELECT 1 FROM intake_links WHERE slug = 'hijack-attempt'`)).toEqual([]);
  });
});
