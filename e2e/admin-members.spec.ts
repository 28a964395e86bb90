// Members: an admin adds a team member; a members-only link sends anonymous visitors to sign in,
// skips the contact fields for the member, and records which member uploaded.
import { test, expect } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection, signIn } from "./admin-helpers";
import { query } from "./db";

test.use({ storageState: ADMIN_STATE });

const MEMBER = { email: "member@e2e.test", password: "e2e-member-password-1" };
const fixtures = FIXTURES_DIR;

test("members-only link: anonymous visitors are sent to sign in; the member's upload is recorded as theirs", async ({ page, browser }) => {
  test.setTimeout(150_000); // member, connection, link, sign-in and a real upload through the emulator
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill(MEMBER.email);
  await page.getByLabel("Name").fill("Mia Member");
  await page.getByLabel("Role").selectOption("MEMBER");
  await page.getByLabel("Initial password").fill(MEMBER.password);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText(`${MEMBER.email} can now sign in.`)).toBeVisible();
  await expect(page.getByRole("article", { name: MEMBER.email, exact: true })).toBeVisible();

  await ensureEmulatorConnection(page);
  await createLink(page, { title: "Team media E2E", slug: "team-media-e2e", album: "Team media", membersOnly: true });

  // Without JavaScript the public page keeps its two steps (details, then file); the one-step
  // uploader is the public page's own concern and tested in intake.spec.ts.
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: false });
  const a = await anonymous.newPage();
  await a.goto("/u/team-media-e2e");
  await expect(a).toHaveURL(/\/login\?callbackUrl=%2Fu%2Fteam-media-e2e$/);
  await a.getByLabel("Email").fill(MEMBER.email);
  await a.getByLabel("Password").fill(MEMBER.password);
  await a.getByRole("button", { name: "Sign in" }).click();
  await expect(a).toHaveURL(/\/u\/team-media-e2e$/);
  await expect(a.getByRole("heading", { level: 1 })).toHaveText("Team media E2E");
  await expect(a.getByText("Uploading as")).toContainText("Mia Member");
  await expect(a.getByLabel("Your name")).toHaveCount(0);
  await expect(a.getByLabel("Email address")).toHaveCount(0);
  await a.getByRole("button", { name: "Continue to upload" }).click();
  await a.getByLabel("Choose your video").setInputFiles(path.join(fixtures, "clip.mp4"));
  await a.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(a.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await anonymous.close();

  const rows = await query<{ email: string }>(
    `SELECT u.email FROM uploads up JOIN upload_tokens t ON t.id = up.token_id JOIN users u ON u.id = t.user_id
       JOIN intake_links l ON l.id = up.link_id WHERE l.slug = 'team-media-e2e'`,
  );
  expect(rows).toEqual([{ email: MEMBER.email }]);
});

test("a disabled member is signed out at once and cannot sign in", async ({ page, browser }) => {
  const email = "leaver@e2e.test";
  await page.goto("/admin/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill("leaver-password-123");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("article", { name: email, exact: true })).toBeVisible();

  const { context, page: m } = await signIn(browser, email, "leaver-password-123");
  await expect(m.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page
    .getByRole("article", { name: email, exact: true })
    .getByRole("button", { name: `Disable ${email}` })
    .click();
  await expect(page.getByText("Disabled: they are signed out")).toBeVisible();
  await m.reload();
  await expect(m).toHaveURL(/\/login/);
  await context.close();

  await page
    .getByRole("article", { name: email, exact: true })
    .getByRole("button", { name: `Remove ${email}` })
    .click({ trial: true });
  page.once("dialog", (d) => void d.accept());
  await page
    .getByRole("article", { name: email, exact: true })
    .getByRole("button", { name: `Remove ${email}` })
    .click();
  await expect(page.getByRole("article", { name: email, exact: true })).toHaveCount(0);
});
