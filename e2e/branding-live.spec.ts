// Issue #18, the branding follow-ups: the link form's preview follows unsaved edits (colour, logo,
// welcome and thank-you texts, language) at phone and desktop width while the public page keeps
// the saved look until Save; a closed link's page (answered by the intake gate) carries the
// link's logo, colour and name, with no contrast failures.
import { test, expect, type Page } from "./test";
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { readFileSync } from "node:fs";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";

const da = JSON.parse(readFileSync(path.join(process.cwd(), "messages", "da.json"), "utf8")) as { done: { thanks: string } };
const SLUG = "branded-live-e2e";
const COLOUR = "#7c2d12";
const RGB = "rgb(124, 45, 18)";
const FRAMES = ["Phone preview", "Desktop preview"];
let adminUrl = "";

test.describe.configure({ mode: "serial" });
test.use({ storageState: ADMIN_STATE });

async function visitorPage(page: Page) {
  const context = await page
    .context()
    .browser()!
    .newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("the preview shows unsaved edits at phone and desktop width; the public page only after saving", async ({ page }) => {
  await ensureEmulatorConnection(page);
  await createLink(page, { title: "Live preview stories", slug: SLUG });
  adminUrl = page.url().split("?")[0]!;
  const form = page.getByTestId("branding-form");
  await form.getByLabel("Welcome text").fill("Hello from the **draft**.");
  await form.getByLabel("Thank-you text").fill("Thanks from the draft.");
  await form.getByLabel("Brand colour").fill(COLOUR);
  await form.getByLabel("Logo").setInputFiles(path.join(FIXTURES_DIR, "photo.jpg"));
  for (const name of FRAMES) {
    const frame = page.frameLocator(`iframe[title="${name}"]`);
    await expect(frame.getByTestId("brand-welcome")).toContainText("Hello from the draft.", { timeout: 30_000 });
    await expect(frame.getByRole("heading", { level: 1 })).toHaveCSS("color", RGB);
    await expect(frame.getByTestId("brand-logo")).toBeVisible();
    expect(await frame.getByTestId("brand-logo").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }

  // Nothing was saved: a visitor sees the plain page.
  const visitor = await visitorPage(page);
  await visitor.goto(`/u/${SLUG}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Live preview stories");
  await expect(visitor.getByTestId("brand-welcome")).toHaveCount(0);
  await expect(visitor.getByTestId("brand-logo")).toHaveCount(0);
  await expect(visitor.getByRole("heading", { level: 1 })).not.toHaveCSS("color", RGB);

  // Another language and the thank-you page, still with the unsaved texts.
  await page.getByLabel("Preview language").selectOption("da");
  await page.getByLabel("Preview page").selectOption("thanks");
  for (const name of FRAMES) {
    const frame = page.frameLocator(`iframe[title="${name}"]`);
    await expect(frame.getByTestId("brand-thanks")).toContainText("Thanks from the draft.", { timeout: 30_000 });
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText(da.done.thanks);
    await expect(frame.getByRole("heading", { level: 1 })).toHaveCSS("color", RGB);
  }

  // Saved: now the public page shows it.
  await form.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByText("Branding saved.")).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByTestId("brand-welcome")).toContainText("Hello from the draft.");
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveCSS("color", RGB);
  await visitor.context().close();
});

test("the preview page is for admins only and cannot be framed by other sites", async ({ page, request }) => {
  const previewPath = `/preview/links/${adminUrl.split("/").at(-1)}`;
  const res = await request.get(previewPath);
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  const visitor = await visitorPage(page);
  await visitor.goto(previewPath);
  await expect(visitor).toHaveURL(/\/login/);
  await visitor.context().close();
});

test("a closed branded link's page shows the logo, the colour and the link's name on phone and desktop, with no contrast failures", async ({ page }) => {
  await page.goto(adminUrl);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("button", { name: "Activate" })).toBeVisible();
  const visitor = await visitorPage(page);
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    await visitor.setViewportSize(viewport);
    const res = await visitor.goto(`/u/${SLUG}`);
    expect(res!.status()).toBe(410);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("This upload link is closed");
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveCSS("color", RGB);
    await expect(visitor.getByTestId("link-name")).toHaveText("Live preview stories");
    const logo = visitor.getByTestId("brand-logo");
    await expect(logo).toHaveAttribute("alt", "Live preview stories logo");
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const results = await new AxeBuilder({ page: visitor }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.id === "color-contrast" || v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
  await visitor.context().close();
});
