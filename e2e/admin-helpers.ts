import { expect, type Browser, type Page } from "@playwright/test";
import { emulatorUrl } from "./db";
import { fixturePath } from "../test/fixtures/index";
import { emulatorCredentials } from "../test/emulator-seed";

// Overridable so two Playwright runs on one checkout do not overwrite each other's session.
export const ADMIN_STATE = process.env.E2E_ADMIN_STATE ?? "e2e/.auth/admin.json";
export const EMULATOR_CREDENTIALS = emulatorCredentials("write");

/** Adds (once) and tests a connection to the e2e emulator through the settings page. */
export async function ensureEmulatorConnection(page: Page, name = "E2E emulator") {
  await page.goto("/admin/settings");
  if ((await page.getByRole("article", { name, exact: true }).count()) === 0) {
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add connection" }) });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("API URL").fill(emulatorUrl);
    await form.getByLabel("Consumer key").fill(EMULATOR_CREDENTIALS.consumerKey);
    await form.getByLabel("Consumer secret").fill(EMULATOR_CREDENTIALS.consumerSecret);
    await form.getByLabel("Access token", { exact: true }).fill(EMULATOR_CREDENTIALS.accessToken);
    await form.getByLabel("Access token secret").fill(EMULATOR_CREDENTIALS.accessTokenSecret);
    await form.getByRole("button", { name: "Add connection" }).click();
    await expect(page.getByText("Connection added.")).toBeVisible();
  }
  const card = page.getByRole("article", { name, exact: true });
  await card.getByRole("button", { name: `Test ${name}` }).click();
  await expect(card.getByRole("status")).toContainText(/Connected to .+ with permission "(write|admin|super)"/);
}

/**
 * Saves the link form and waits for the saved page. A refused save fails with the form's own
 * message as the value received, not a bare "URL did not change" (a CI run once timed out here with
 * the reason lost), and a slow machine gets 30 s rather than the default 10.
 */
export async function saveLinkForm(page: Page) {
  await page.getByRole("button", { name: "Save changes" }).click();
  const refusal = page.locator("form").getByRole("alert");
  await expect
    .poll(async () => (/[?&]saved=1\b/.test(page.url()) ? "saved" : (await refusal.allInnerTexts()).join(" ") || "saving…"), {
      message: "the link form's save ends on the saved page",
      timeout: 30_000,
    })
    .toBe("saved");
}

/** Creates a link via the admin form; returns its public path. */
export async function createLink(page: Page, opts: { title: string; slug: string; album?: string; membersOnly?: boolean; connection?: string }) {
  await page.goto("/admin/links/new");
  await page.getByLabel("Title", { exact: true }).fill(opts.title);
  await page.getByLabel("Slug").fill(opts.slug);
  await page.getByLabel("TwentyThree connection").selectOption({ label: opts.connection ?? "E2E emulator" });
  if (opts.album) await page.getByLabel(opts.album).check();
  if (opts.membersOnly) await page.getByLabel("Team members only").check();
  await page.getByRole("button", { name: "Create link" }).click();
  await expect(page.getByText("Link created.")).toBeVisible();
  return `/u/${opts.slug}`;
}

/** A fresh browser context (no admin session: test.use storageState applies to browser.newContext too). */
export async function signIn(browser: Browser, email: string, password: string, callbackUrl = "/admin") {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return { context, page };
}

const clip = fixturePath("clip.mp4");

/** A visitor uploads through /u/demo in their own, anonymous browser (no JavaScript: plain forms). */
export async function uploadAsVisitor(browser: Browser, who: string) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto("/u/demo");
  await page.getByLabel("Your name").fill(who);
  await page.getByLabel("Email address").fill(`${who.toLowerCase().replace(/\W+/g, ".")}@example.com`);
  await page.getByLabel(/I agree/).check();
  await page.getByRole("button", { name: "Continue to upload" }).click();
  await page.getByLabel("Choose your video").setInputFiles(clip);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await ctx.close();
}
