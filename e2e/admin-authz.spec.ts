// Authorization matrix: every admin page, route handler and server action, requested anonymously
// and as a member, is refused (redirect or 401/403) and leaves the database as it was.
import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_STATE, createLink, ensureEmulatorConnection, signIn } from "./admin-helpers";
import { query } from "./db";

test.use({ storageState: ADMIN_STATE });

type Captured = { name: string; url: string; headers: Record<string, string>; body: Buffer };

/** Run `trigger` as the admin, but stop the server action's request in the browser and keep it. */
async function capture(page: Page, name: string, trigger: () => Promise<void>): Promise<Captured> {
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

async function snapshot(): Promise<string> {
  const tables = ["users", "connections", "intake_links", "upload_tokens", "uploads"];
  const parts = await Promise.all(tables.map((t) => query(`SELECT * FROM ${t} ORDER BY id`)));
  return JSON.stringify(parts);
}

async function replay(request: APIRequestContext, c: Captured) {
  const h = c.headers;
  return request.post(c.url, {
    headers: { "next-action": h["next-action"]!, "content-type": h["content-type"] ?? "text/plain", accept: "text/x-component", ...(h["next-router-state-tree"] ? { "next-router-state-tree": h["next-router-state-tree"] } : {}) },
    data: c.body,
    maxRedirects: 0,
  });
}

test("anonymous and member requests to admin pages, handlers and actions are refused and change nothing", async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(240_000); // a dozen captured actions, each on a freshly loaded admin page
  // Targets for the actions, made through the UI.
  await ensureEmulatorConnection(page);
  await createLink(page, { title: "Authz target", slug: "authz-target" });
  const linkId = page.url().match(/links\/([0-9a-f-]{36})/)![1]!;
  const member = { email: "authz-member@e2e.test", password: "authz-member-password" };
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Initial password").fill(member.password);
  await page.getByRole("button", { name: "Add member" }).click();
  const row = page.getByRole("article", { name: member.email, exact: true });
  await expect(row).toBeVisible();

  page.on("dialog", (d) => void d.accept()); // the delete and remove confirmations
  const actions: Captured[] = [];
  await page.goto("/admin/links/new");
  await page.getByLabel("Title", { exact: true }).fill("Should never exist");
  actions.push(await capture(page, "createLink", () => page.getByRole("button", { name: "Create link" }).click()));
  await page.goto(`/admin/links/${linkId}/edit`);
  await page.getByLabel("Title", { exact: true }).fill("Hijacked");
  actions.push(await capture(page, "updateLink", () => page.getByRole("button", { name: "Save changes" }).click()));
  for (const button of ["Deactivate", "Duplicate", "Delete"]) {
    await page.goto(`/admin/links/${linkId}`);
    actions.push(await capture(page, button, () => page.getByRole("button", { name: button }).click()));
  }
  await page.goto("/admin/settings");
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add connection" }) });
  await add.getByLabel("Name").fill("Evil");
  await add.getByLabel("API URL").fill("https://evil.example");
  await add.getByLabel("Consumer key").fill("k");
  actions.push(await capture(page, "saveConnection", () => add.getByRole("button", { name: "Add connection" }).click()));
  await page.goto("/admin/settings");
  actions.push(await capture(page, "testConnection", () => page.getByRole("button", { name: "Test E2E emulator" }).click()));
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill("intruder@e2e.test");
  await page.getByLabel("Role").selectOption("ADMIN");
  await page.getByLabel("Initial password").fill("intruder-password-1");
  actions.push(await capture(page, "addMember", () => page.getByRole("button", { name: "Add member" }).click()));
  for (const label of [`Make admin: ${member.email}`, `Disable ${member.email}`, `Remove ${member.email}`]) {
    await page.goto("/admin/members");
    actions.push(await capture(page, label, () => row.getByRole("button", { name: label }).click()));
  }
  await page.goto("/admin/members");
  await row.getByRole("button", { name: `Reset password for ${member.email}` }).click();
  await row.getByLabel(`New password for ${member.email}`).fill("attacker-chosen-pw");
  actions.push(await capture(page, "resetPassword", () => row.getByRole("button", { name: "Set password", exact: true }).click()));

  const before = await snapshot();
  // An explicitly empty state: request contexts made inside a test otherwise inherit its storageState.
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { context: memberContext } = await signIn(browser, member.email, member.password);
  const asMember = memberContext.request;

  const adminPages = ["/admin/links", "/admin/links/new", `/admin/links/${linkId}`, `/admin/links/${linkId}/edit`, "/admin/settings", "/admin/members"];
  for (const path of ["/admin", "/admin/uploads", ...adminPages, `/admin/links/${linkId}/qr.svg`]) {
    const r = await anonymous.get(path, { maxRedirects: 0 });
    expect([302, 303, 307], `anonymous GET ${path}`).toContain(r.status());
    expect(r.headers()["location"], `anonymous GET ${path}`).toMatch(/\/login\?callbackUrl=/);
  }
  for (const path of adminPages) {
    const r = await asMember.get(path, { maxRedirects: 0 });
    expect([302, 303, 307], `member GET ${path}`).toContain(r.status());
    expect(r.headers()["location"], `member GET ${path}`).toMatch(/\/admin\?denied=1$/);
  }
  // Route handlers under /api/admin (the uploads dashboard's) refuse anonymous requests too.
  for (const path of ["/api/admin/uploads", "/api/admin/uploads/export"]) {
    const r = await anonymous.get(path, { maxRedirects: 0 });
    const refused = [401, 403].includes(r.status()) || ([302, 303, 307].includes(r.status()) && /\/login/.test(r.headers()["location"] ?? ""));
    expect(refused, `anonymous GET ${path}: ${r.status()}`).toBe(true);
  }
  const qr = await asMember.get(`/admin/links/${linkId}/qr.svg`, { maxRedirects: 0 });
  expect(qr.status()).toBe(403);

  for (const c of actions) {
    const anon = await replay(anonymous, c);
    const anonText = await anon.text();
    const anonRefused = ([302, 303, 307].includes(anon.status()) && /\/login/.test(anon.headers()["location"] ?? "")) || anonText.includes("Your session has ended");
    expect(anonRefused, `anonymous ${c.name}: ${anon.status()}`).toBe(true);
    const mem = await replay(asMember, c);
    expect(mem.status(), `member ${c.name}`).toBeLessThan(500);
    expect(await mem.text(), `member ${c.name}`).toContain("Only admins can do that.");
  }
  expect(await snapshot()).toBe(before);
  await anonymous.dispose();
  await memberContext.close();
});
