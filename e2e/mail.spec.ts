// Issue #16: the team's e-mail, read where the team reads it. A member ticked on the link is
// stored by reference and mailed; the "new upload" and "ready" messages
// are opened in the mail catcher's own inbox page and their button clicked: signed out, it asks
// for a login and then shows that upload; signed in, it shows it at once. Then a daily digest that
// gave up shows on Settings → E-mail with the server's reason, and "Send again" delivers it.
import { test, expect, type Page } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection, saveLinkForm } from "./admin-helpers";
import { caughtMail, mailInboxUrl, query, type CaughtMail } from "./db";

test.describe.configure({ mode: "serial" });

const slug = `mail-${Date.now().toString(36)}`;
const team = `${slug}@example.com`;
const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" }; // e2e/first-run.setup.ts

async function mailTo(to: string, subject: string): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await caughtMail()).find((m) => m.to.includes(to) && m.subject === subject);
        return Boolean(found);
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  return found!;
}

/** Opens the message in the catcher's inbox page and clicks its button, as a reader would; the
 * link opens a new tab (target="_blank", like a mail client), which is returned. */
async function clickReview(page: Page, mail: CaughtMail): Promise<Page> {
  await page.goto(`${mailInboxUrl}/messages/${mail.id}`);
  const [tab] = await Promise.all([page.context().waitForEvent("page"), page.getByRole("link", { name: "Review the upload" }).click()]);
  await tab.waitForLoadState();
  return tab;
}

test("the 'new upload' and 'ready' mails' buttons open that upload, after a login when signed out", async ({ browser }) => {
  test.setTimeout(240_000);
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  await ensureEmulatorConnection(admin);
  await createLink(admin, { title: "Mail journey", slug });
  const [link] = await query<{ id: string }>(`SELECT id FROM intake_links WHERE slug = $1`, [slug]);
  await admin.goto(`/admin/links/${link!.id}/edit`);
  await admin.getByLabel("E-mail these people").fill(team);
  await admin.getByLabel(`E2E Admin (${ADMIN.email})`).check(); // a member: stored by reference
  await admin.getByLabel("When to e-mail").selectOption("EACH");
  await admin.getByLabel("Also e-mail when a video is ready to watch").check();
  await saveLinkForm(admin);
  const [stored] = await query<{ notify_emails: string[]; members: string[] }>(
    `SELECT l.notify_emails, ARRAY(SELECT u.email FROM users u WHERE u.id = ANY (l.notify_member_ids)) AS members FROM intake_links l WHERE l.id = $1`,
    [link!.id],
  );
  expect(stored).toEqual({ notify_emails: [team], members: [ADMIN.email] });
  await admin.goto(`/admin/links/${link!.id}/edit`);
  await expect(admin.getByLabel(`E2E Admin (${ADMIN.email})`)).toBeChecked();

  const visitorCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await visitorCtx.newPage();
  await visitor.goto(`/u/${slug}`);
  await visitor.getByLabel("Your name").fill("Annie Easley");
  await visitor.getByLabel("Email address").fill("annie@example.com");
  await visitor.getByLabel("Title of your video").fill("Annie's story");
  await visitor.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await visitor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you!" })).toBeVisible();

  const created = await mailTo(team, "New upload: Annie's story");
  await mailTo(ADMIN.email, "New upload: Annie's story"); // the member, at their address
  const [upload] = await query<{ id: string }>(`SELECT id::text FROM uploads WHERE link_id = $1 AND contributor_name = 'Annie Easley'`, [link!.id]);

  // Signed out (the visitor's browser stands in for a teammate's): the login comes first.
  const signedOut = await clickReview(visitor, created);
  await expect(signedOut).toHaveURL(/\/login\?callbackUrl=/);
  await signedOut.getByLabel("Email").fill(ADMIN.email);
  await signedOut.getByLabel("Password").fill(ADMIN.password);
  await signedOut.getByRole("button", { name: "Sign in" }).click();
  await expect(signedOut).toHaveURL(new RegExp(`/admin/uploads/${upload!.id}$`));
  await expect(signedOut.getByRole("heading", { name: "Annie's story" })).toBeVisible();

  // Signed in: the "ready" mail's button opens the same upload directly.
  const ready = await mailTo(team, "Ready to watch: Annie's story");
  const signedIn = await clickReview(admin, ready);
  await expect(signedIn).toHaveURL(new RegExp(`/admin/uploads/${upload!.id}$`));
  await expect(signedIn.getByRole("heading", { name: "Annie's story" })).toBeVisible();
  await expect(signedIn.getByTestId("mail-log")).toContainText(`Ready to watch to ${team}: sent`);
  await adminCtx.close();
  await visitorCtx.close();
});

test("a daily digest that gave up shows on Settings → E-mail with the reason, and Send again delivers it", async ({ browser }) => {
  test.setTimeout(90_000);
  const to = `digest-${slug}@example.com`;
  const [link] = await query<{ id: string }>(`SELECT id FROM intake_links WHERE slug = $1`, [slug]);
  // The fault itself: the mail job's ten attempts against a refusing SMTP server, as it leaves the
  // row (the e2e server's mail catcher cannot be stopped from here). Today's digest for the link
  // the first test uploaded to.
  const day = new Date().toISOString().slice(0, 10);
  await query(
    `INSERT INTO mail_messages (id, dedupe_key, kind, link_id, "to", subject, status, attempts, last_error)
     VALUES (gen_random_uuid(), $1, 'digest', $2, $3, '1 new upload on “Mail journey”', 'FAILED', 10, 'connect ECONNREFUSED 127.0.0.1:2525')`,
    [`digest:${link!.id}:${day}:${to}`, link!.id, to],
  );

  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/settings");
  await admin.getByRole("link", { name: "E-mail", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "E-mail" })).toBeVisible();
  const item = admin.getByRole("listitem", { name: `Daily digest to ${to}` });
  await expect(item).toContainText("Failed after 10 attempts");
  await expect(item).toContainText("connect ECONNREFUSED 127.0.0.1:2525");
  await item.getByRole("button", { name: "Send again" }).click();
  await expect(item.getByText("Queued again.")).toBeVisible();

  const digest = await mailTo(to, "1 new upload on “Mail journey”");
  expect(digest.text).toContain("Annie Easley");
  await admin.reload();
  await expect(admin.getByRole("listitem", { name: `Daily digest to ${to}` })).toHaveCount(0);
  await adminCtx.close();
});
