import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "@playwright/test";
import { FIXTURES, getToken, start } from "./helpers.ts";

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A real browser posting the documented plain HTML form, then following the callback. */
describe.skipIf(!CHROMIUM)("plain HTML form in Chromium", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  let site: http.Server;
  let origin = "";
  let browser: Browser;
  const hits: { method: string; url: string; body: string }[] = [];
  let formHtml = "";

  beforeAll(async () => {
    site = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (req.url === "/form") return res.writeHead(200, { "Content-Type": "text/html" }).end(formHtml);
        hits.push({ method: req.method!, url: req.url!, body });
        res.writeHead(200, { "Content-Type": "text/html" }).end("<h1>thanks</h1>");
      });
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
    emu = await start({ corsOrigins: [origin] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
    await new Promise((r) => site.close(r));
  });

  const form = (token: string) => `<!DOCTYPE html><form method="post" enctype="multipart/form-data"
    action="${emu.url}/api/photo/redeem-upload-token">
    <input type="hidden" name="upload_token" value="${token}"><input type="file" name="file">
    <button type="submit">Upload</button></form>`;

  it("short callback: 301 back to return_url with the result", async () => {
    const token = await getToken(emu, { return_url: `${origin}/done?ref=1` });
    formHtml = form(token);
    const page = await browser.newPage();
    await page.goto(`${origin}/form`);
    await page.setInputFiles('input[type="file"]', path.join(FIXTURES, "clip.mp4"));
    await Promise.all([page.waitForURL(/\/done\?/), page.click("button")]);
    const u = new URL(page.url());
    expect(u.searchParams.get("ref")).toBe("1");
    expect(u.searchParams.get("upload_token")).toBe(token);
    expect(u.searchParams.get("photo_id")).toMatch(/^\d+$/);
    await page.close();
  });

  it("long callback: the auto-submitting page POSTs the result", async () => {
    const token = await getToken(emu, { return_url: `${origin}/done-post`, pad: "z".repeat(1600) });
    formHtml = form(token);
    const page = await browser.newPage();
    await page.goto(`${origin}/form`);
    await page.setInputFiles('input[type="file"]', path.join(FIXTURES, "photo.jpg"));
    await Promise.all([page.waitForURL(/\/done-post$/), page.click("button")]);
    await expect.poll(() => hits.find((h) => h.method === "POST" && h.url === "/done-post")).toBeTruthy();
    const body = new URLSearchParams(hits.find((h) => h.url === "/done-post")!.body);
    expect(body.get("upload_token")).toBe(token);
    expect(body.get("photo_id")).toMatch(/^\d+$/);
    expect(body.get("pad")).toHaveLength(1600);
    await page.close();
  });

  it("XHR upload from an allowed origin (CORS) succeeds", async () => {
    const token = await getToken(emu);
    formHtml = "<!DOCTYPE html><p>xhr</p>";
    const page = await browser.newPage();
    await page.goto(`${origin}/form`);
    const result = await page.evaluate(
      async ({ url, token }) => {
        const fd = new FormData();
        fd.append("upload_token", token);
        fd.append(
          "file",
          new Blob([new Uint8Array(await (await fetch("data:video/mp4;base64,AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDE=")).arrayBuffer())]),
          "a.mp4",
        );
        fd.append("format", "json");
        fd.append("raw", "1");
        return new Promise<{ status: number; text: string; progress: boolean }>((resolve) => {
          const xhr = new XMLHttpRequest();
          let progress = false;
          xhr.upload.onprogress = () => (progress = true);
          xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, progress });
          xhr.onerror = () => resolve({ status: 0, text: "network error", progress });
          xhr.open("POST", url);
          xhr.send(fd);
        });
      },
      { url: `${emu.url}/api/photo/redeem-upload-token`, token },
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text).status).toBe("ok");
    await page.close();
  });
});
