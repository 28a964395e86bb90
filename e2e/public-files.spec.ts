// What a site needs at its root: icons a browser and a phone find from the page's own <head>, and a
// robots.txt that keeps the admin and the visitors' intake links out of search engines.
import { test, expect } from "./test";

test("the page's icons and manifest are linked and served as images", async ({ page, request }) => {
  await page.goto("/");
  const hrefs = await page
    .locator('head link[rel="icon"], head link[rel="apple-touch-icon"], head link[rel="manifest"]')
    .evaluateAll((ls) => ls.map((l) => l.getAttribute("href")!));
  expect(hrefs).toEqual(expect.arrayContaining(["/icon.svg", "/favicon.ico", "/apple-touch-icon.png", "/manifest.webmanifest"]));
  for (const href of hrefs) {
    const r = await request.get(href);
    expect(r.status(), href).toBe(200);
    if (href.endsWith(".webmanifest")) {
      const icons = ((await r.json()) as { icons: { src: string }[] }).icons;
      for (const i of icons) expect((await request.get(i.src)).headers()["content-type"], i.src).toMatch(/^image\//);
    } else expect(r.headers()["content-type"], href).toMatch(/^image\//);
  }
});

test("robots.txt keeps /admin and intake links out of search engines", async ({ request }) => {
  const r = await request.get("/robots.txt");
  expect(r.status()).toBe(200);
  const rules = (await r.text()).split("\n").map((l) => l.trim());
  expect(rules).toContain("User-agent: *");
  expect(rules).toEqual(expect.arrayContaining(["Disallow: /admin", "Disallow: /u/"]));
});
