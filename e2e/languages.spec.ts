// Issue #18, languages: the demo link in Danish (the browser's language) and in German (the
// switcher) shows no English sentence of ours on the intake page, the recorder's introduction,
// the thank-you page and an error page, and the receipt e-mail comes in that language.
// "English" = every sentence of messages/en.json that the language's own catalogue says
// differently (the link's own texts, written by the admin, are not ours to translate).
import path from "node:path";
import { test, expect, type Page } from "./test";
import { FIXTURES_DIR, fixtureSize } from "../test/fixtures/index";
import { caughtMail, query } from "./db";
import { englishPhrases, expectNoEnglish } from "./english";

const pageText = (page: Page) => page.locator("body").innerText();

test.beforeAll(async () => {
  // The recorder's introduction needs a link that records; other specs expect the seeded link.
  await query(`UPDATE intake_links SET allow_record = true, allow_upload = true, language = NULL WHERE slug = 'demo'`);
});
test.afterAll(async () => {
  await query(`UPDATE intake_links SET allow_record = false, language = NULL WHERE slug = 'demo'`);
});

const words = {
  da: {
    name: "Dit navn",
    email: "E-mailadresse",
    title: "Titel på din video",

    upload: "Upload",
    record: "Optag en video",
    turnOn: "Tænd kameraet",
    cancel: "Annullér",
    thanks: "Tak!",
    nameMissing: "Skriv dit navn",
    unknown: "Dette uploadlink findes ikke",
    subject: "er kommet frem",
  },
  de: {
    name: "Ihr Name",
    email: "E-Mail-Adresse",
    title: "Titel Ihres Videos",

    upload: "Hochladen",
    record: "Ein Video aufnehmen",
    turnOn: "Kamera einschalten",
    cancel: "Abbrechen",
    thanks: "Vielen Dank!",
    nameMissing: "Bitte geben Sie Ihren Namen ein",
    unknown: "Diesen Upload-Link gibt es nicht",
    subject: "ist angekommen",
  },
} as const;

async function journey(page: Page, locale: keyof typeof words) {
  const w = words[locale];
  await expect(page.locator("main")).toHaveAttribute("lang", locale);
  await expect(page.getByTestId("uploader")).toBeVisible();
  await expectNoEnglish(await pageText(page), locale, "the intake page");

  // The recorder's introduction (its own lazily loaded chunk), before any camera prompt.
  await page.getByRole("button", { name: w.record }).click();
  await expect(page.getByRole("button", { name: w.turnOn })).toBeVisible();
  await expectNoEnglish(await pageText(page), locale, "the recorder's introduction");
  await page.getByRole("button", { name: w.cancel, exact: true }).click();

  // A refused field comes back from the server in the page's language.
  // The picker's own input (its label says "video" or "videos" with the link's file count).
  await page.getByTestId("drop-zone").locator("input[type=file]").first().setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  // Its size in the language's own numbers: a decimal comma in Danish and German ("95,0 kB").
  const size = `${(fixtureSize("clip.mp4") / 1024).toFixed(1).replace(".", ",")} kB`;
  await expect(page.getByRole("list").getByText(size, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: w.upload, exact: true }).click();
  await expect(page.getByText(w.nameMissing)).toBeVisible();

  const email = `${locale}.${Date.now()}@example.com`;
  await page.getByLabel(w.name).fill(locale === "da" ? "Karen Blixen" : "Hannah Arendt");
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.title).fill("Min historie");
  await page.getByLabel(/I agree/).check(); // the link's own consent text, written by the admin
  await page.getByRole("button", { name: w.upload, exact: true }).click();
  await expect(page.getByRole("heading", { name: w.thanks })).toBeVisible();
  await expect(page.getByTestId("upload-state")).toBeVisible();
  await expectNoEnglish(await pageText(page), locale, "the thank-you message");

  // An error page: a link that does not exist.
  await page.goto("/u/no-such-link-here");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.unknown);
  await expectNoEnglish(await pageText(page), locale, "the not-found page");

  // The receipt e-mail, in the language the page was in.
  const receipt = async () => (await caughtMail()).find((m) => m.to.includes(email));
  await expect.poll(async () => (await receipt())?.subject, { timeout: 30_000 }).toContain(w.subject);
  const mail = (await receipt())!;
  await expectNoEnglish(`${mail.subject}\n${mail.text}`, locale, "the receipt e-mail");
}

test("Danish from the browser's language: intake, recorder, thank-you, error page and receipt", async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ locale: "da-DK", storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto("/u/demo");
  await journey(page, "da");
  await ctx.close();
});

test("German from the switcher, over an English browser", async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await browser.newContext({ locale: "en-US", storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto("/u/demo");
  await expect(page.getByRole("button", { name: "Upload", exact: true })).toBeVisible();
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page).toHaveURL(/\/u\/demo$/);
  await journey(page, "de");
  await ctx.close();
});

test("a link fixed to Swedish speaks Swedish to an English browser, and the check itself sees English", async ({ browser }) => {
  await query(`UPDATE intake_links SET language = 'sv' WHERE slug = 'demo'`);
  try {
    const ctx = await browser.newContext({ locale: "en-US", storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await page.goto("/u/demo");
    await expect(page.locator("main")).toHaveAttribute("lang", "sv");
    await expect(page.getByLabel("Ditt namn")).toBeVisible();
    // The same check on an English page finds English (so a pass above means something).
    await page.goto("/u/no-such-link-here");
    const text = await pageText(page);
    expect(englishPhrases("sv").filter((p) => text.includes(p)).length).toBeGreaterThan(0);
    await ctx.close();
  } finally {
    await query(`UPDATE intake_links SET language = NULL WHERE slug = 'demo'`);
  }
});
