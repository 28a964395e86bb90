// Runs before every browser project: a fresh database has no account, so /admin leads to the
// first-run setup; the admin created there signs out and in again, and the session is saved.
import { test as setup, expect } from "./test";

const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };
const ADMIN_STATE = process.env.E2E_ADMIN_STATE ?? "e2e/.auth/admin.json";

setup("first-run setup creates the first admin, then sign-in works", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill("E2E Admin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("different");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Repeat the password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // Setup is closed once an account exists.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is not right.")).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
