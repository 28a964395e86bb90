// Issue #18, the last English on visitor paths: the contributor's replace page (its uploader's
// failure and a refusal from the server) in Danish, and the 429 page the intake gate writes in
// German, and a revoked personal invitation's refusal in German. The 429 check also proves it
// can see English: the same refusal to an English browser is English (so a pass means something).
import path from "node:path";
import { test, expect, type Browser } from "./test";
import { INTAKE_POST_LIMIT } from "../lib/limits";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";
import { caughtMail, emulatorUrl, query } from "./db";
import { englishPhrases, expectNoEnglish, message } from "./english";
import { httpFrom } from "./net";

const da = (key: string) => message("da", key);

/** A Danish visitor's upload on the demo link, and the private link from their (Danish) receipt. */
async function danishContributor(browser: Browser) {
  const ctx = await browser.newContext({ locale: "da-DK", storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  const email = `ulla.${Date.now()}@example.com`;
  await page.goto("/u/demo");
  await page.getByLabel(da("details.name")).fill("Ulla Dahlerup");
  await page.getByLabel(da("details.email")).fill(email);
  await page.getByLabel(/I agree/).check(); // the link's own consent text, written by the admin
  await page.getByTestId("drop-zone").locator("input[type=file]").first().setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await page.getByRole("button", { name: da("uploader.upload"), exact: true }).click();
  await expect(page.getByRole("heading", { name: da("uploader.thanks") })).toBeVisible();
  const mail = async () => (await caughtMail()).find((m) => m.to.includes(email));
  await expect.poll(async () => (await mail())?.subject, { timeout: 30_000 }).toContain("er kommet frem");
  const link = /href="(http[^"]+\/c\/[^"]+)"/.exec((await mail())!.html)![1]!;
  return { ctx, link };
}

test("the contributor's replace page, its uploader's failure and a replace refusal speak Danish", async ({ browser }) => {
  test.setTimeout(120_000);
  const { ctx, link } = await danishContributor(browser);
  const [a, b] = [await ctx.newPage(), await ctx.newPage()];
  await a.goto(link);
  await b.goto(link);
  await expectNoEnglish(await a.locator("body").innerText(), "da", "the contributor's page");

  // The replace page; TwentyThree refuses the new file twice (a fresh token in between).
  await a.route(`${emulatorUrl}/api/photo/redeem-replace-token*`, (route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 400, body: "", headers: { "access-control-allow-origin": "*" } }) : route.continue(),
  );
  await a.getByRole("button", { name: da("contributor.replace") }).click();
  await expect(a.getByLabel(da("replace.chooseLabel"))).toBeVisible();
  await expectNoEnglish(await a.locator("body").innerText(), "da", "the replace page");
  await a.getByLabel(da("replace.chooseLabel")).setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await a.getByRole("button", { name: da("replace.uploadNew") }).click();
  await expect(a.getByRole("alert").filter({ hasText: da("uploaderNotes.failRefused") })).toBeVisible();
  await expectNoEnglish(await a.locator("body").innerText(), "da", "the replace page's failure");

  // Consent withdrawn in the other tab; this tab still offers "replace": the server refuses in Danish.
  await a.goto(link);
  await b.getByText(da("contributor.withdrawSummary"), { exact: true }).click();
  await b.getByLabel(da("contributor.confirm")).check();
  await b.getByRole("button", { name: da("contributor.withdraw") }).click();
  await expect(b.getByTestId("withdrawn-note")).toBeVisible();
  await a.getByRole("button", { name: da("contributor.replace") }).click();
  await expect(a.getByText(da("visitorRefusals.replaceWithdrawn"))).toBeVisible();
  await expectNoEnglish(await a.locator("body").innerText(), "da", "the replace refusal");
  await ctx.close();
});

test("the 429 page of the intake gate speaks the browser's German, and English to an English browser", async () => {
  // A loopback address of its own: the per-address limit of the browser's 127.0.0.1 stays fresh.
  const post = (address: string, language: string) =>
    httpFrom(address, {
      method: "POST",
      path: "/u/demo",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": language },
      body: "slug=demo",
    });
  for (let i = 0; i < INTAKE_POST_LIMIT.max; i++) expect((await post("127.0.0.51", "de-DE,de;q=0.9")).status).not.toBe(429);
  const refused = await post("127.0.0.51", "de-DE,de;q=0.9");
  expect(refused.status).toBe(429);
  expect(refused.text).toContain('<html lang="de">');
  expect(refused.text).toContain(message("de", "visitorRefusals.tooManyTitle"));
  expect(refused.text).toMatch(/Bitte versuchen Sie es in \d+ Minuten? erneut/);
  const text = refused.text.replace(/<[^>]+>/g, " ");
  expectNoEnglish(text, "de", "the 429 page");

  // The check sees English: the same refusal to an English browser is in English.
  for (let i = 0; i < INTAKE_POST_LIMIT.max; i++) await post("127.0.0.52", "en-US");
  const english = (await post("127.0.0.52", "en-US")).text.replace(/<[^>]+>/g, " ");
  expect(englishPhrases("de").filter((p) => english.includes(p)).length).toBeGreaterThan(0);
});

test("a personal invitation revoked while its page is open is refused in the browser's German", async ({ browser }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const email = `greta.${run}@example.com`;
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  await ensureEmulatorConnection(admin);
  const slug = `sprache-${run}`;
  await createLink(admin, { title: "Kundenstimmen", slug });
  await admin.getByRole("link", { name: "Invitations" }).click();
  await admin.getByLabel("Name and e-mail, one person per line").fill(`name,email\nGreta Garbo,${email}\n`);
  await admin.getByRole("button", { name: "Check and preview" }).click();
  await admin.getByTestId("invite-preview").getByRole("button", { name: "Send the invitation" }).click();
  await expect.poll(async () => (await caughtMail()).filter((m) => m.to.includes(email)).length, { timeout: 20_000 }).toBe(1);
  const mail = (await caughtMail()).find((m) => m.to.includes(email))!;
  const invite = decodeURIComponent(/\/u\/[a-z0-9-]+\?i=([A-Za-z0-9%._-]+)/.exec(mail.text)![1]!);
  await adminCtx.close();

  const ctx = await browser.newContext({ locale: "de-DE", storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto(`/u/${slug}?i=${encodeURIComponent(invite)}`);
  await expect(page.getByTestId("invite-greeting")).toBeVisible();
  // The team withdraws the invitation while Greta is on her page.
  await query(`UPDATE invitations SET revoked_at = now() WHERE email = $1`, [email]);
  if (await page.getByLabel(/I agree/).count()) await page.getByLabel(/I agree/).check();
  await page.getByTestId("drop-zone").locator("input[type=file]").first().setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await page.getByRole("button", { name: message("de", "uploader.upload"), exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: message("de", "visitorRefusals.invite_revoked") })).toBeVisible();
  expectNoEnglish(await page.locator("body").innerText(), "de", "the invitation refusal");
  await ctx.close();
});
