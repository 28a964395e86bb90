// Issue #17 "Done when", invitations half: an admin invites three people from a CSV file (after a
// list with a bad line was refused whole); one opens the mail's link and uploads while the
// admin's funnel (never reloaded) counts it; one gets a reminder after the shortened interval
// (INVITE_REMINDER_HOUR_SECONDS=1 in e2e/server.ts); one unsubscribes and gets nothing more.
// Then the attacks over HTTP: an altered or revoked personal link gets a 403 page and changes nothing.
import { test, expect } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";
import { caughtMail, query, type CaughtMail } from "./db";

const run = Date.now().toString(36);
const ann = `ann.${run}@example.com`;
const bo = `bo.${run}@example.com`;
const cy = `cy.${run}@example.com`;

async function mailTo(to: string): Promise<CaughtMail[]> {
  return (await caughtMail()).filter((m) => m.to.includes(to));
}
const linkIn = (m: CaughtMail, re: RegExp) => decodeURIComponent(re.exec(m.text)?.[1] ?? "");
const INVITE = /\/u\/[a-z0-9-]+\?i=([A-Za-z0-9%._-]+)/;
const UNSUBSCRIBE = /\/invite\/unsubscribe\?t=([A-Za-z0-9%._-]+)/;

test("an admin invites three from a CSV: one uploads (funnel live), one is reminded, one unsubscribes; bad links are refused", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  await ensureEmulatorConnection(admin);
  const slug = `invite-${run}`;
  await createLink(admin, { title: "Customer stories", slug });
  await admin.getByRole("link", { name: "Invitations" }).click();
  await expect(admin.getByRole("heading", { name: "Invitations: Customer stories" })).toBeVisible();

  // The template, previewed as typed; one reminder 20 "hours" (seconds here) after the invitation.
  await admin.getByLabel("Subject").fill("{{name}}, a video about {{company}}?");
  await expect(admin.getByTestId("template-preview")).toContainText("Jane Doe, a video about ?");
  await admin.getByLabel("Reminders").fill("1");
  await admin.getByLabel("Hours between").fill("20");
  await admin.getByRole("button", { name: "Save the e-mail and reminders" }).click();
  await expect(admin.getByText("Invitation e-mail and reminders saved.")).toBeVisible();

  // A list with a bad line is refused whole, each bad line named.
  await admin.getByLabel("Name and e-mail, one person per line").fill(`name,email,company\nAnn Lee,${ann},ACME\nBo,not-an-address,Initech\n`);
  await admin.getByRole("button", { name: "Check and preview" }).click();
  await expect(admin.getByTestId("row-errors")).toContainText("Line 3: “not-an-address” is not an e-mail address.");
  await expect(admin.getByTestId("funnel-invited")).toContainText("0");

  // The fixed list, from a file: preview of the first e-mail, then send.
  await admin.getByLabel("Or pick a CSV file").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`name,email,company\nAnn Lee,${ann},ACME\nBo Ek,${bo},Initech\nCy Fox,${cy},Globex\n`),
  });
  await admin.getByRole("button", { name: "Check and preview" }).click();
  const preview = admin.getByTestId("invite-preview");
  await expect(preview).toContainText("3 people");
  await expect(preview).toContainText("Ann Lee, a video about ACME?");
  await preview.getByRole("button", { name: "Send 3 invitations" }).click();
  await expect(admin.getByText("3 invitations sent.")).toBeVisible();
  await expect(admin.getByTestId("funnel-sent")).toContainText("3");
  // From here on the admin's page is never reloaded: the funnel moves by itself.
  let navigations = 0;
  admin.on("framenavigated", (f) => {
    if (f === admin.mainFrame()) navigations++;
  });

  await expect.poll(async () => (await Promise.all([ann, bo, cy].map(mailTo))).map((l) => l.length), { timeout: 20_000 }).toEqual([1, 1, 1]);
  const [annMail] = await mailTo(ann);
  const [cyMail] = await mailTo(cy);
  expect(annMail!.subject).toBe("Ann Lee, a video about ACME?");
  expect(cyMail!.headers?.["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // Cy unsubscribes from the link in the mail, without signing in.
  const cyCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const cyPage = await cyCtx.newPage();
  await cyPage.goto(`/invite/unsubscribe?t=${encodeURIComponent(linkIn(cyMail!, UNSUBSCRIBE))}`);
  await cyPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(cyPage.getByText("Done: you will get no more e-mails about “Customer stories”.")).toBeVisible();

  // Ann opens her personal link: greeted, details filled in, uploads.
  const annCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await annCtx.newPage();
  await visitor.goto(`/u/${slug}?i=${encodeURIComponent(linkIn(annMail!, INVITE))}`);
  await expect(visitor.getByTestId("invite-greeting")).toHaveText("Hello Ann Lee, thank you for taking the time.");
  await expect(visitor.getByTestId("uploader")).toBeVisible();
  await expect(visitor.getByLabel("Your name")).toHaveValue("Ann Lee");
  await expect(visitor.getByLabel("Email address")).toHaveValue(ann);
  await expect(admin.getByTestId("funnel-opened")).toContainText("1");
  if (await visitor.getByLabel(/I agree/).count()) await visitor.getByLabel(/I agree/).check();
  await visitor.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await visitor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you!" })).toBeVisible();

  // The admin's funnel counts it without a reload.
  await expect(admin.getByTestId("funnel-uploaded")).toContainText("1", { timeout: 20_000 });
  await expect(admin.getByTestId("funnel-verified")).toContainText("1", { timeout: 30_000 });
  await expect(admin.locator(`[data-email="${ann}"]`).getByTestId("invitation-status")).toHaveText("verified");
  expect(navigations).toBe(0);

  // Bo gets the one reminder; Cy, unsubscribed, gets nothing more.
  await expect
    .poll(async () => (await mailTo(bo)).map((m) => m.subject), { timeout: 60_000 })
    .toEqual(["Bo Ek, a video about Initech?", "Reminder: Bo Ek, a video about Initech?"]);
  await expect(admin.locator(`[data-email="${cy}"]`).getByTestId("invitation-status")).toHaveText("unsubscribed");
  await new Promise((r) => setTimeout(r, 3_000)); // past the reminder jobs of the same moment
  expect(await mailTo(cy)).toHaveLength(1);

  // Attacks over HTTP with Bo's real link: altered → 404 (as if it did not exist); revoked by the admin → 403.
  const boInvite = linkIn((await mailTo(bo))[0]!, INVITE);
  const altered = boInvite.slice(0, -1) + (boInvite.endsWith("A") ? "B" : "A");
  const forged = await cyPage.request.get(`/u/${slug}?i=${encodeURIComponent(altered)}`);
  expect(forged.status()).toBe(404);
  expect(await forged.text()).toContain("This upload link does not exist");
  admin.once("dialog", (d) => void d.accept());
  await admin
    .locator(`[data-email="${bo}"]`)
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(admin.locator(`[data-email="${bo}"]`).getByTestId("invitation-status")).toHaveText("revoked");
  const revoked = await cyPage.request.get(`/u/${slug}?i=${encodeURIComponent(boInvite)}`);
  expect(revoked.status()).toBe(403);
  expect(await revoked.text()).toContain("This invitation no longer works");
  const [boRow] = await query<{ opened_at: Date | null; started_at: Date | null }>(`SELECT opened_at, started_at FROM invitations WHERE email = $1`, [bo]);
  expect(boRow).toEqual({ opened_at: null, started_at: null });

  // A mail client's one-click unsubscribe (RFC 8058 POST): refused when altered, done when real.
  const annUnsub = linkIn(annMail!, UNSUBSCRIBE);
  const oneClick = (t: string) => cyPage.request.post(`/api/invitations/unsubscribe?t=${encodeURIComponent(t)}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect((await oneClick(annUnsub.slice(0, -1) + (annUnsub.endsWith("A") ? "B" : "A"))).status()).toBe(403);
  expect((await query(`SELECT 1 FROM invitations WHERE email = $1 AND unsubscribed_at IS NOT NULL`, [ann])).length).toBe(0);
  expect((await oneClick(annUnsub)).status()).toBe(200);
  expect((await query(`SELECT 1 FROM invitations WHERE email = $1 AND unsubscribed_at IS NOT NULL`, [ann])).length).toBe(1);
  await Promise.all([adminCtx.close(), cyCtx.close(), annCtx.close()]);
});
