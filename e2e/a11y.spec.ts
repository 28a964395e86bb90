// Accessibility of the public pages (axe-core): no serious or critical violations, with and
// without JavaScript, on a desktop and a 360 px phone screen.
import { test, expect, type Page } from "./test";
import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";

const fixtures = FIXTURES_DIR;

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("public pages with JavaScript", () => {
  test("the one-page uploader, empty, with errors and with a chosen file", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/u/demo");
    await expect(page.getByTestId("uploader")).toBeVisible();
    await expectNoSeriousViolations(page, "uploader");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByText("Please choose a video or photo to upload.")).toBeVisible();
    await page.getByLabel("Choose your video").setInputFiles([path.join(fixtures, "clip.mp4"), path.join(fixtures, "not-a-video.txt")]);
    await expect(page.getByTestId("file-error")).toBeVisible();
    await expectNoSeriousViolations(page, "uploader with files");
  });

  test("the file picker is reachable and usable by keyboard", async ({ page }) => {
    await page.goto("/u/demo");
    await expect(page.getByTestId("uploader")).toBeVisible();
    await page.getByLabel(/I agree/).focus();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Choose your video")).toBeFocused();
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Space");
    await (await chooser).setFiles(path.join(fixtures, "clip.mp4"));
    await expect(page.getByTestId("file-item")).toHaveCount(1);
  });

  test("at 360 px wide nothing scrolls sideways", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/u/demo");
    await expect(page.getByTestId("uploader")).toBeVisible();
    await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
    await expect(page.getByTestId("file-item")).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousViolations(page, "uploader at 360 px");
  });

  test("unknown link page", async ({ page }) => {
    await page.goto("/u/no-such-link");
    await expectNoSeriousViolations(page, "404");
  });
});

test.describe("public pages without JavaScript", () => {
  // axe runs as a script, so the browser keeps JavaScript on while the portal's own scripts are
  // blocked: the pages are exactly what a visitor without JavaScript gets.
  test("details step, its errors, and the upload step", async ({ page }) => {
    test.setTimeout(120_000); // five full axe scans
    await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => route.abort());
    await page.goto("/u/demo");
    await expectNoSeriousViolations(page, "details");
    await page.getByRole("button", { name: "Continue to upload" }).click();
    await expect(page.getByText("Please enter your name")).toBeVisible();
    await expectNoSeriousViolations(page, "details with errors");
    await page.getByLabel("Your name").fill("Axe Tester");
    await page.getByLabel("Email address").fill("axe@example.com");
    await page.getByLabel(/I agree/).check();
    await page.getByRole("button", { name: "Continue to upload" }).click();
    await expect(page.getByRole("button", { name: "Upload" })).toBeVisible();
    await expectNoSeriousViolations(page, "upload step");
    await page.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
    await page.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await expectNoSeriousViolations(page, "thank-you page");
  });
});
