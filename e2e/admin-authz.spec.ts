// Authorization matrix: every admin page, route handler and server action, requested anonymously
// and as a member, is refused (redirect or 401/403) and leaves the database as it was; the
// actions also when their ids are posted to public pages (e2e/action-replay.ts says why).
// Over 200 lines: one matrix of every admin surface; split, each part would repeat the sign-in set-up.
import { test, expect, type APIResponse, type Browser, type Page } from "./test";
import { capture, replay, snapshot, type Captured } from "./action-replay";
import { ADMIN_STATE, createLink, ensureEmulatorConnection, signIn, uploadAsVisitor } from "./admin-helpers";

test.use({ storageState: ADMIN_STATE });

/** Pages anyone may POST to without being sent to /login first. */
const PUBLIC_PATHS = ["/u/demo", "/login"];

/**
 * A caller whose session cookie still decodes but who is no longer anyone: a member the admin has
 * since disabled. proxy.ts only decodes the cookie, so this caller gets past it and reaches the
 * actions themselves, which must refuse as for an anonymous caller.
 */
async function disabledMemberSession(page: Page, browser: Browser, email: string) {
  const password = "disabled-member-password";
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Add member" }).click();
  const row = page.getByRole("article", { name: email, exact: true });
  await expect(row).toBeVisible();
  const { context } = await signIn(browser, email, password);
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  return context;
}

/**
 * An anonymous action request posted to a page that does not own the action: Next forwards it
 * to the owning (admin) page with a loopback fetch, proxy.ts sends that to /login, and Next answers
 * `{}`. Either that, or the action itself ran and refused.
 */
async function refusedAnonymously(r: APIResponse): Promise<boolean> {
  const text = await r.text();
  return text.includes("Your session has ended") || (r.status() === 200 && text.trim() === "{}");
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

  const goneContext = await disabledMemberSession(page, browser, "authz-gone@e2e.test");
  const asGone = goneContext.request;
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
    const anonRefused =
      ([302, 303, 307].includes(anon.status()) && /\/login/.test(anon.headers()["location"] ?? "")) || anonText.includes("Your session has ended");
    expect(anonRefused, `anonymous ${c.name}: ${anon.status()}`).toBe(true);
    const mem = await replay(asMember, c);
    expect(mem.status(), `member ${c.name}`).toBeLessThan(500);
    expect(await mem.text(), `member ${c.name}`).toContain("Only admins can do that.");
    // A session proxy.ts lets through but that is no one: the action itself refuses.
    expect(await (await replay(asGone, c)).text(), `disabled member ${c.name}`).toContain("Your session has ended");
    // The same action id posted to public pages, where proxy.ts redirects nobody.
    for (const path of PUBLIC_PATHS) {
      const a = await replay(anonymous, c, path);
      expect(await refusedAnonymously(a), `anonymous ${c.name} via ${path}: ${a.status()}`).toBe(true);
      const g = await replay(asGone, c, path);
      expect(await g.text(), `disabled member ${c.name} via ${path}: ${g.status()}`).toContain("Your session has ended");
      const m = await replay(asMember, c, path);
      expect(await m.text(), `member ${c.name} via ${path}: ${m.status()}`).toContain("Only admins can do that.");
    }
  }
  expect(await snapshot()).toBe(before);
  await anonymous.dispose();
  await goneContext.close();
  await memberContext.close();
});

test("moderation and bulk moderation posted anonymously, to admin and public pages, change nothing here or on TwentyThree", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const who = `Authz Visitor ${Date.now()}`;
  await uploadAsVisitor(browser, who);
  await page.goto(`/admin/uploads?q=${encodeURIComponent(who)}`);
  const row = page.getByRole("row").filter({ hasText: who });
  await expect(row.getByText("Verified")).toBeVisible({ timeout: 20_000 });

  const actions: Captured[] = [];
  await row.getByRole("checkbox").check();
  actions.push(await capture(page, "bulk approve", () => page.getByRole("button", { name: "Approve selected" }).click()));
  await page.goto(`/admin/uploads?q=${encodeURIComponent(who)}`);
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete selected…" }).click();
  actions.push(
    await capture(page, "bulk delete", () =>
      page
        .getByRole("alertdialog")
        .getByRole("button", { name: /delete/i })
        .click(),
    ),
  );
  await page.goto(`/admin/uploads?q=${encodeURIComponent(who)}`);
  await row.getByRole("link", { name: who }).click();
  await expect(page.getByTestId("upload-state")).toHaveText("Verified");
  const review = page.url();
  actions.push(await capture(page, "approve", () => page.getByRole("button", { name: "Approve and publish" }).click()));
  await page.goto(review);
  await page.getByRole("button", { name: "Delete…" }).click();
  actions.push(await capture(page, "delete", () => page.getByRole("alertdialog").getByRole("button", { name: "Yes, delete it" }).click()));

  const goneContext = await disabledMemberSession(page, browser, "authz-gone-moderator@e2e.test");
  const before = await snapshot();
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  // Members may moderate (lib/auth/action.ts: USER), so the callers refused here are anonymous
  // ones and sessions that are no one any more.
  for (const c of actions) {
    const own = await replay(anonymous, c);
    const ownRefused =
      ([302, 303, 307].includes(own.status()) && /\/login/.test(own.headers()["location"] ?? "")) || (await own.text()).includes("Your session has ended");
    expect(ownRefused, `anonymous ${c.name}: ${own.status()}`).toBe(true);
    expect(await (await replay(goneContext.request, c)).text(), `disabled member ${c.name}`).toContain("Your session has ended");
    for (const path of PUBLIC_PATHS) {
      const r = await replay(anonymous, c, path);
      expect(await refusedAnonymously(r), `anonymous ${c.name} via ${path}: ${r.status()}`).toBe(true);
      const g = await replay(goneContext.request, c, path);
      expect(await g.text(), `disabled member ${c.name} via ${path}: ${g.status()}`).toContain("Your session has ended");
    }
  }
  expect(await snapshot()).toBe(before);
  await anonymous.dispose();
  await goneContext.close();
});
