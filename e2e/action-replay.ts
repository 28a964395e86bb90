// Capturing a server action request as the admin's browser sends it (stopped before it reaches
// the portal), and replaying it as someone else: the authorization tests' tools.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { emulatorUrl, query } from "./db";

export type Captured = { name: string; url: string; headers: Record<string, string>; body: Buffer };

/** Run `trigger` as the admin, but stop the server action's request in the browser and keep it. */
export async function capture(page: Page, name: string, trigger: () => Promise<void>): Promise<Captured> {
  let got: Captured | undefined;
  await page.route("**/*", async (route) => {
    const r = route.request();
    const action = r.headers()["next-action"];
    if (r.method() === "POST" && action && !got) {
      got = { name, url: r.url(), headers: r.headers(), body: r.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else await route.continue();
  });
  await trigger();
  await expect.poll(() => Boolean(got), { message: `no server action request for ${name}` }).toBe(true);
  await page.unroute("**/*");
  return got!;
}

/**
 * Replays a captured action. With `path`, it is posted to that page instead of the one it came
 * from: action ids are global, so an attacker can send an admin action's id to a public page
 * (where proxy.ts sends nobody to /login) and reach the action itself.
 */
export async function replay(request: APIRequestContext, c: Captured, path?: string) {
  const h = c.headers;
  const url = path ? new URL(path, c.url).toString() : c.url;
  return request.post(url, {
    headers: {
      "next-action": h["next-action"]!,
      "content-type": h["content-type"] ?? "text/plain",
      accept: "text/x-component",
      origin: new URL(c.url).origin,
      ...(!path && h["next-router-state-tree"] ? { "next-router-state-tree": h["next-router-state-tree"] } : {}),
    },
    data: c.body,
    maxRedirects: 0,
  });
}

/** Everything an admin action could change: our tables and the objects on TwentyThree. */
export async function snapshot(): Promise<string> {
  const tables = ["users", "connections", "intake_links", "upload_tokens", "uploads", "moderation_actions"];
  const parts = await Promise.all(tables.map((t) => query(`SELECT * FROM ${t} ORDER BY id`)));
  const objects = await (await fetch(`${emulatorUrl}/_emulator/objects`)).json();
  return JSON.stringify([parts, objects]);
}
