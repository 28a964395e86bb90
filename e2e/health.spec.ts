// /api/health: strangers learn up or down and nothing else; an admin sees the details; however
// often it is asked, the portal makes at most one TwentyThree call a minute for it.
import { test, expect } from "./test";
import { ADMIN_STATE } from "./admin-helpers";
import { emulatorUrl } from "./db";

const siteGetCalls = async () => ((await (await fetch(`${emulatorUrl}/_emulator/requests`)).json()) as Record<string, number>)["/api/site/get"] ?? 0;

test("anonymous callers get { ok } only, and a burst of them makes at most one TwentyThree call", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await fetch(`${emulatorUrl}/_emulator/requests`, { method: "DELETE" });
  const answers = await Promise.all(Array.from({ length: 25 }, () => anonymous.get("/api/health")));
  for (let i = 0; i < 25; i++) answers.push(await anonymous.get("/api/health"));
  for (const res of answers) {
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  }
  expect(await siteGetCalls()).toBeLessThanOrEqual(1);
  await anonymous.dispose();
});

test.describe("as an admin", () => {
  test.use({ storageState: ADMIN_STATE });
  test("details name the site and permission, from a check made within the last minute", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      database: { status: string };
      twentythree: { status: string; siteName: string; permissionLevel: string; checkedAt: string };
    };
    expect(body).toMatchObject({
      ok: true,
      database: { status: "ok" },
      twentythree: { status: "ok", siteName: "Emulated TwentyThree", permissionLevel: "write" },
    });
    expect(Date.now() - Date.parse(body.twentythree.checkedAt)).toBeLessThan(61_000);
  });
});
