// Connection secrets are write-only: no HTML, RSC payload or JSON the admin UI sends to the
// browser contains them (or the encrypted blob), even on pages that use the connection.
import { test, expect } from "@playwright/test";
import { ADMIN_STATE, EMULATOR_CREDENTIALS, ensureEmulatorConnection } from "./admin-helpers";
import { query } from "./db";

test.use({ storageState: ADMIN_STATE });

test("connection secrets never reach the browser", async ({ page, baseURL }) => {
  const bodies: { url: string; text: string }[] = [];
  page.on("response", async (r) => {
    if (!r.url().startsWith(baseURL!)) return;
    const type = r.headers()["content-type"] ?? "";
    if (/html|json|x-component|javascript|text|svg/.test(type)) bodies.push({ url: r.url(), text: await r.text().catch(() => "") });
  });

  await ensureEmulatorConnection(page, "Secret check");
  const card = page.getByRole("article", { name: "Secret check", exact: true });
  await card.getByRole("button", { name: "Edit Secret check" }).click();
  for (const label of ["Consumer secret", "Access token", "Access token secret"]) await expect(card.getByLabel(label, { exact: true })).toHaveValue("");
  // A blank secret keeps the stored one: the connection still works after saving only the name.
  await card.getByLabel("Name").fill("Secret check");
  await card.getByRole("button", { name: "Save connection" }).click();
  await expect(card.getByText("Connection saved.")).toBeVisible();
  await card.getByRole("button", { name: "Test Secret check" }).click();
  await expect(card.getByRole("status").first()).toContainText("Connected to");
  for (const path of ["/admin", "/admin/settings", "/admin/links", "/admin/links/new", "/admin/members"]) await page.goto(path);
  await page.waitForLoadState("networkidle");

  const blobs = (await query<{ credentials_enc: string }>("SELECT credentials_enc FROM connections")).map((r) => r.credentials_enc);
  const secrets = [EMULATOR_CREDENTIALS.consumerSecret, EMULATOR_CREDENTIALS.accessToken, EMULATOR_CREDENTIALS.accessTokenSecret, ...blobs];
  expect(bodies.length).toBeGreaterThan(10);
  for (const b of bodies) for (const s of secrets) expect(b.text.includes(s), `${b.url} contains a secret`).toBe(false);
});
