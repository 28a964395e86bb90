// Issue #17, the contributor's page: a visitor uploads, gets the receipt e-mail (mail catcher),
// opens its private link, replaces the video (same photo_id on the emulator, the new file,
// processing again, the team told), then withdraws consent (unpublished on the emulator at
// once); the admin sees "withdrawn" and publishing again asks for a reason. A guessed or altered
// link is refused.
import { test, expect } from "./test";
import path from "node:path";
import { FIXTURES_DIR } from "../test/fixtures/index";
import { ADMIN_STATE, saveLinkForm } from "./admin-helpers";
import { caughtMail, emulatorObjects, query } from "./db";

type Obj = { photo_id: string; token: string; size: number | string; published_p: string | boolean; replaced_count: number; video_encoded_p: string };

test("receipt link → replace → withdraw; the admin sees it withdrawn and must give a reason to publish", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE });
  const admin = await adminCtx.newPage();
  const [demo] = await query<{ id: string }>(`SELECT id FROM intake_links WHERE slug = 'demo'`);
  await admin.goto(`/admin/links/${demo!.id}/edit`);
  await admin.getByLabel("E-mail these people").fill("team@example.com");
  await admin.getByLabel("When to e-mail").selectOption("EACH");
  await admin.getByLabel("When a contributor withdraws consent").selectOption("unpublish");
  await saveLinkForm(admin);

  // The visitor uploads with their address.
  const email = `grace.${Date.now()}@example.com`;
  const visitorCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await visitorCtx.newPage();
  await visitor.goto("/u/demo");
  await visitor.getByLabel("Your name").fill("Ida Rhodes");
  await visitor.getByLabel("Email address").fill(email);
  await visitor.getByLabel("Title of your video").fill("Ida's story");
  await visitor.getByLabel(/I agree/).check();
  await visitor.getByLabel("Choose your video").setInputFiles(path.join(FIXTURES_DIR, "clip.mp4"));
  await visitor.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Thank you!" })).toBeVisible();

  // The receipt arrives with the private link.
  const receiptMail = async () => (await caughtMail()).find((m) => m.to.includes(email));
  await expect.poll(async () => (await receiptMail())?.subject, { timeout: 30_000 }).toContain("has arrived");
  const link = /href="(http[^"]+\/c\/[^"]+)"/.exec((await receiptMail())!.html)?.[1];
  expect(link).toBeTruthy();

  // Guessed and altered links are refused, and show nothing.
  await visitor.goto(link!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  await expect(visitor.getByTestId("receipt-refused")).toContainText("This link does not work");
  await visitor.goto(`/c/${crypto.randomUUID()}.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`);
  await expect(visitor.getByTestId("receipt-refused")).toBeVisible();
  await expect(visitor.getByText("Ida's story")).toHaveCount(0);

  await visitor.goto(link!);
  await expect(visitor.getByRole("heading", { name: "Hello, Ida Rhodes" })).toBeVisible();
  const card = visitor.getByTestId("contributor-video");
  await expect(card).toContainText("Ida's story");
  await expect(visitor.getByTestId("consent-record")).toContainText("SHA-256");
  const photoId = (await card.getAttribute("data-photo-id"))!;
  // "Download my data": their own record, nobody else's.
  const data = await (await visitor.request.get(`${link}/data`)).json();
  expect(data.contributor).toEqual({ name: "Ida Rhodes", email });
  expect(data.uploads.map((u: { photoId: string }) => u.photoId)).toEqual([photoId]);
  expect(data.consent.sha256).toMatch(/^[0-9a-f]{64}$/);
  const before = (await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj;
  expect(before).toBeTruthy();

  // Replace: the new file goes straight to TwentyThree and comes back to the page.
  await card.getByRole("button", { name: "Replace with a new file" }).click();
  await expect(visitor.getByRole("heading", { name: /Replace/ })).toBeVisible();
  await visitor.getByLabel("Choose the new video").setInputFiles(path.join(FIXTURES_DIR, "clip.webm"));
  await visitor.getByRole("button", { name: "Upload the new file" }).click();
  await expect(visitor.getByText("Your new file has arrived")).toBeVisible({ timeout: 30_000 });
  await expect(visitor.getByTestId("contributor-video-status")).toContainText("Being processed");
  const after = (await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj;
  expect(after).toMatchObject({ photo_id: photoId, token: before.token, replaced_count: 1, video_encoded_p: "0" });
  expect(Number(after.size)).not.toBe(Number(before.size));
  await expect
    .poll(async () => (await caughtMail()).some((m) => m.to.includes("team@example.com") && m.subject === "Video replaced: Ida's story"), { timeout: 30_000 })
    .toBe(true);

  // Withdraw: one confirmed click, unpublished on TwentyThree at once.
  await admin.goto(`/admin/uploads`);
  const [row] = await query<{ id: string }>(`SELECT id FROM uploads WHERE photo_id = $1 AND verified_at IS NOT NULL`, [photoId]);
  await admin.goto(`/admin/uploads/${row!.id}`);
  await admin.getByRole("button", { name: "Approve and publish" }).click();
  await expect.poll(async () => String(((await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj).published_p)).toMatch(/^(1|true)$/);

  await visitor.getByText("Withdraw my consent", { exact: true }).click();
  await visitor.getByLabel("Why (optional)").fill("I left the company");
  await visitor.getByLabel("Yes, I withdraw my consent for this video").check();
  await visitor.getByRole("button", { name: "Withdraw consent" }).click();
  await expect(visitor.getByTestId("withdrawn-note")).toContainText("You withdrew your consent");
  expect(String(((await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj).published_p)).toMatch(/^(0|false)$/);
  await visitor.reload();
  await expect(visitor.getByTestId("contributor-video-status")).toContainText("Consent withdrawn");
  await expect(visitor.getByRole("button", { name: "Withdraw consent" })).toHaveCount(0);
  await expect(visitor.getByRole("button", { name: "Replace with a new file" })).toHaveCount(0);

  // The admin sees it withdrawn; publishing asks for a reason, then records it.
  await admin.reload();
  await expect(admin.getByTestId("withdrawn-badge")).toBeVisible();
  await expect(admin.getByTestId("withdrawn-notice")).toContainText("withdrew consent");
  await admin.getByRole("button", { name: "Approve and publish" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "withdrew consent" })).toBeVisible();
  expect(String(((await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj).published_p)).toMatch(/^(0|false)$/);
  await admin.getByLabel("Reason for publishing against the withdrawal").fill("Signed a new release on paper");
  await admin.getByRole("button", { name: "Publish anyway (override)" }).click();
  await expect.poll(async () => String(((await emulatorObjects()).find((o) => o.photo_id === photoId) as unknown as Obj).published_p)).toMatch(/^(1|true)$/);
  await admin.reload();
  await expect(admin.getByText("Override: Signed a new release on paper")).toBeVisible();
  await expect(admin.getByText("Consent withdrawn").first()).toBeVisible();

  // Staff switch the private link off: the page then refuses, and shows nothing.
  await admin.getByRole("button", { name: "Revoke the contributor's private link" }).click();
  await expect(admin.getByTestId("receipt-status")).toContainText("revoked");
  await visitor.goto(link!);
  await expect(visitor.getByTestId("receipt-refused")).toContainText("This link was switched off");
  await expect(visitor.getByText("Ida's story")).toHaveCount(0);
  expect((await visitor.request.get(`${link}/data`)).status()).toBe(410);

  await adminCtx.close();
  await visitorCtx.close();
});
