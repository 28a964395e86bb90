// Issue #18 in a real browser: an admin brands a link (logo, colour refused then corrected, texts,
// "go to" address, one allowed embedding site); visitors see the logo and colour on a phone and
// a desktop with no contrast failures; a page on another local origin embeds the link, uploads
// inside the frame and hears the events in order; an origin not on the list cannot frame it.
import { test, expect, type Page } from "./test";
import AxeBuilder from "@axe-core/playwright";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";
import { query } from "./db";

const SLUG = "branded-e2e";
let allowed: http.Server;
let other: http.Server;
let snippet = "";
const origin = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

/** A stand-in for the customer's website: the portal's embed snippet and a listener that records the events. */
function hostSite(): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><title>Customer site</title><h1>Our customer site</h1>
${snippet}
<script>
  window.events = [];
  const frame = document.querySelector("iframe[data-intake]");
  for (const t of ["intake:ready", "upload:started", "upload:progress", "upload:done", "upload:failed"]) frame.addEventListener(t, (e) => window.events.push(e.detail));
</script>`);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

test.beforeAll(async () => {
  [allowed, other] = await Promise.all([hostSite(), hostSite()]);
});
test.afterAll(async () => {
  await Promise.all([allowed, other].map((s) => new Promise((r) => s?.close(r))));
});

test.describe.configure({ mode: "serial" });

test.describe("admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("brands a link: a too-light colour is refused with a darker suggestion; logo, texts, 'go to' and one embedding site are saved", async ({
    page,
    baseURL,
  }) => {
    await ensureEmulatorConnection(page);
    await createLink(page, { title: "Branded stories", slug: SLUG });
    const form = page.getByTestId("branding-form");
    await form.getByLabel("Logo").setInputFiles(path.join(FIXTURES_DIR, "photo.jpg"));
    await form.getByLabel("Brand colour").fill("#ffcc00");
    await expect(page.getByTestId("colour-check")).toContainText("too light");
    await form.getByLabel("Welcome text").fill("Tell us **your** story.");
    await form.getByLabel("Thank-you text").fill("We *really* appreciate it.");
    await form.getByLabel("After upload, go to").fill("https://www.customer.example/thanks");
    await expect(page.getByTestId("after-url-preview")).toContainText("Continue to www.customer.example");
    await form.getByLabel("Sites that may embed this link").fill(origin(allowed));
    // The server refuses the failing colour too (the browser check is a convenience)…
    await form.getByRole("button", { name: "Save branding" }).click();
    await expect(form.getByText(/is too light: white text on it/).first()).toBeVisible();
    // …and the suggested darker shade passes.
    await page.getByRole("button", { name: /^Use #/ }).click();
    await expect(page.getByTestId("colour-check")).toContainText("passes WCAG AA");
    await form.getByLabel("Logo").setInputFiles(path.join(FIXTURES_DIR, "photo.jpg"));
    await form.getByRole("button", { name: "Save branding" }).click();
    await expect(page.getByText("Branding saved.")).toBeVisible();
    // The preview is the real public page, framed by the portal, at a phone's and a desktop's width.
    for (const name of ["Phone preview", "Desktop preview"])
      await expect(page.frameLocator(`iframe[title="${name}"]`).getByTestId("brand-logo")).toBeVisible({ timeout: 30_000 }); // the frames reload after the save; slow on a busy machine
    snippet = (await page.getByTestId("embed-snippet").textContent()) ?? "";
    expect(snippet).toContain(`src="${baseURL}/u/${SLUG}"`);
    expect(snippet).toContain('allow="camera; microphone; display-capture"');
    const [row] = await query<{ color: string; embed_origins: string[] }>(
      `SELECT b.color, b.embed_origins FROM brandings b JOIN intake_links l ON b.scope = l.id::text WHERE l.slug = $1`,
      [SLUG],
    );
    expect(row!.embed_origins).toEqual([origin(allowed)]);
    expect(row!.color).toMatch(/^#[0-9a-f]{6}$/);
  });
});

async function expectBranded(page: Page, colour: string) {
  await page.goto(`/u/${SLUG}`);
  await expect(page.getByTestId("uploader")).toBeVisible();
  const logo = page.getByTestId("brand-logo");
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.getByTestId("brand-welcome")).toContainText("Tell us your story.");
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  await expect(page.getByRole("button", { name: "Upload", exact: true })).toHaveCSS("background-color", `rgb(${r}, ${g}, ${b})`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCSS("color", `rgb(${r}, ${g}, ${b})`);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.id === "color-contrast" || v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

for (const viewport of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
]) {
  test(`a visitor on a ${viewport.name} sees the logo and the brand colour, with no contrast failures`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const [row] = await query<{ color: string }>(`SELECT b.color FROM brandings b JOIN intake_links l ON b.scope = l.id::text WHERE l.slug = $1`, [SLUG]);
    await expectBranded(page, row!.color);
  });
}

test("a page on an allowed origin embeds the link, uploads inside the frame and receives the events in order", async ({ page }) => {
  await page.goto(origin(allowed));
  const frame = page.frameLocator("iframe[data-intake]");
  await expect(frame.getByTestId("uploader")).toBeVisible();
  await frame.getByLabel("Your name").fill("Embedded Visitor");
  await frame.getByLabel("Email address").fill("embedded@example.com");
  await frame.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await frame.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(frame.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId("brand-thanks")).toContainText("We really appreciate it.");
  await expect(frame.getByRole("link", { name: "Continue to www.customer.example" })).toHaveAttribute("target", "_top");

  await expect
    .poll(async () => (await page.evaluate(() => (window as unknown as { events: { type: string }[] }).events)).map((e) => e.type))
    .toContain("upload:done");
  const events = await page.evaluate(() => (window as unknown as { events: { type: string; photoId?: string; percent?: number }[] }).events);
  const types = events.map((e) => e.type).filter((t, i, all) => t !== "upload:progress" || all[i - 1] !== "upload:progress");
  expect(types).toEqual(["intake:ready", "upload:started", "upload:progress", "upload:done"]);
  const [row] = await query<{ photo_id: string }>(`SELECT photo_id FROM uploads WHERE contributor_name = 'Embedded Visitor'`);
  expect(events.at(-1)!.photoId).toBe(row!.photo_id);
  // The script sized the frame to its content.
  expect(await page.locator("iframe[data-intake]").evaluate((f: HTMLIFrameElement) => f.style.height)).toMatch(/^\d+px$/);
});

test("a page on an origin not on the list cannot frame the link", async ({ page }) => {
  const refused = page.waitForEvent("console", (m) => /frame-ancestors/.test(m.text()));
  await page.goto(origin(other));
  await refused;
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  await expect(page.frameLocator("iframe[data-intake]").getByTestId("uploader")).toHaveCount(0);
  expect(frame!.url()).not.toContain(`/u/${SLUG}`);
  expect(await page.evaluate(() => (window as unknown as { events: unknown[] }).events)).toEqual([]);
});
