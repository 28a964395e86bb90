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
/** TwentyThree keeps transcoding in the background and the portal follows it (issue #16): wait
 * until every object is encoded and every confirmed row has its final processing state, so a
 * snapshot changes only when something the test did changed it. */
async function settleProcessing(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const objects = (await (await fetch(`${emulatorUrl}/_emulator/objects`)).json()) as Array<{ video_p: string; video_encoded_p: string }>;
    const [pending] = await query<{ n: string }>(
      `SELECT count(*)::text AS n FROM uploads WHERE verified_at IS NOT NULL AND state NOT IN ('DISOWNED', 'DELETED') AND (processing IS NULL OR processing = 'PROCESSING')`,
    );
    if (objects.every((o) => o.video_p !== "1" || o.video_encoded_p === "1") && pending?.n === "0") return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("TwentyThree's processing did not settle within a minute");
}

export async function snapshot(): Promise<string> {
  await settleProcessing();
  const tables = ["users", "connections", "intake_links", "upload_tokens", "uploads", "moderation_actions"];
  const parts = await Promise.all(tables.map((t) => query(`SELECT * FROM ${t} ORDER BY id`)));
  const objects = await (await fetch(`${emulatorUrl}/_emulator/objects`)).json();
  return JSON.stringify([parts, objects]);
}
