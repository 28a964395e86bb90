// Connection secrets are write-only: no HTML, RSC payload or JSON the admin UI sends to the
// browser contains them (or the encrypted blob), even on pages that use the connection.
import { test, expect } from "./test";
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

test("a new API URL needs the secrets typed again; the stored ones never go to the new address", async ({ page }) => {
  await ensureEmulatorConnection(page, "Move check");
  const card = page.getByRole("article", { name: "Move check", exact: true });
  const [before] = await query<{ api_url: string; credentials_enc: string }>(`SELECT api_url, credentials_enc FROM connections WHERE name = 'Move check'`);
  // Same emulator under another spelling of its address: a different target as far as secrets go.
  const moved = before!.api_url.replace("localhost", "127.0.0.1");
  await card.getByRole("button", { name: "Edit Move check" }).click();
  await card.getByLabel("API URL").fill(moved);
  await expect(card.getByText(/The API URL changed: enter this again/).first()).toBeVisible();
  await card.getByRole("button", { name: "Save connection" }).click();
  await expect(card.getByText("Enter all three secrets again to change the API URL.")).toBeVisible();
  for (const label of ["Consumer secret", "Access token", "Access token secret"])
    await expect(card.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(await query(`SELECT api_url, credentials_enc FROM connections WHERE name = 'Move check'`)).toEqual([before]);

  await card.getByLabel("API URL").fill(moved);
  await card.getByLabel("Consumer secret", { exact: true }).fill(EMULATOR_CREDENTIALS.consumerSecret);
  await card.getByLabel("Access token", { exact: true }).fill(EMULATOR_CREDENTIALS.accessToken);
  await card.getByLabel("Access token secret", { exact: true }).fill(EMULATOR_CREDENTIALS.accessTokenSecret);
  await card.getByRole("button", { name: "Save connection" }).click();
  await expect(card.getByText("Connection saved.")).toBeVisible();
  expect((await query<{ api_url: string }>(`SELECT api_url FROM connections WHERE name = 'Move check'`))[0]!.api_url).toBe(moved);
  await card.getByRole("button", { name: "Test Move check" }).click();
  await expect(card.getByRole("status").first()).toContainText("Connected to");
});
