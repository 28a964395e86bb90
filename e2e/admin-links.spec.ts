// The admin's main journey: connect TwentyThree (the emulator), create a link with an album, and
// see it as a visitor would, plus the form's server-side validation.
import { test, expect } from "./test";
import { ADMIN_STATE, createLink, ensureEmulatorConnection } from "./admin-helpers";
import { query } from "./db";

test.use({ storageState: ADMIN_STATE });

test("add and test a connection, create a link with an album, open it as a visitor", async ({ page, browser, baseURL }) => {
  await ensureEmulatorConnection(page);

  await page.goto("/admin/links/new");
  await page.getByLabel("Title", { exact: true }).fill("Customer stories E2E");
  await expect(page.getByLabel("Slug")).toHaveValue("customer-stories-e2e");
  await page.getByLabel("TwentyThree connection").selectOption({ label: "E2E emulator" });
  for (const album of ["Testimonials", "Team media", "Events"]) await expect(page.getByLabel(album)).toBeVisible();
  await page.getByLabel("Testimonials").check();
  await page.getByLabel("Tags").fill("testimonial, e2e");
  await page.getByRole("button", { name: "Add a variable" }).click();
  await page.getByLabel("Variable 1 name").fill("campaign");
  await page.getByLabel("Variable 1 value").fill("spring");
  await page.getByLabel("Description", { exact: true }).selectOption("OFF");
  await page.getByRole("button", { name: "Create link" }).click();

  await expect(page.getByText("Link created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customer stories E2E");
  await expect(page.getByTestId("public-url")).toHaveText(`${baseURL}/u/customer-stories-e2e`);
  await expect(page.getByRole("img", { name: /QR code/ }).locator("svg")).toBeVisible();
  await expect(page.getByText("Tokens minted")).toBeVisible();
  const [row] = await query<{ album_ids: string[]; tags: string[]; custom_variables: Record<string, string>; description_field: string }>(
    "SELECT album_ids, tags, custom_variables, description_field FROM intake_links WHERE slug = $1",
    ["customer-stories-e2e"],
  );
  expect(row).toEqual({ album_ids: ["1001"], tags: ["testimonial", "e2e"], custom_variables: { campaign: "spring" }, description_field: "OFF" });

  // A visitor in a fresh browser context sees the link's title and its fields.
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const v = await visitor.newPage();
  await v.goto("/u/customer-stories-e2e");
  await expect(v.getByRole("heading", { level: 1 })).toHaveText("Customer stories E2E");
  await expect(v.getByLabel("Your name")).toBeVisible();
  await expect(v.getByLabel("Email address")).toBeVisible();
  await expect(v.getByLabel("Title of your video")).toBeVisible();
  await expect(v.getByLabel("Description", { exact: true })).toHaveCount(0);
  await visitor.close();
});

test("slug rules and uniqueness come back as field messages; edit, duplicate, deactivate and delete", async ({ page }) => {
  await ensureEmulatorConnection(page);
  await page.goto("/admin/links/new");
  await page.getByLabel("Title", { exact: true }).fill("Clash");
  for (const [slug, message] of [
    ["demo", "That slug is already used"],
    ["admin", "That word is reserved"],
    ["Not OK", "Use lowercase letters, digits and single hyphens"],
    ["ab", "Use at least 3 characters."],
  ] as const) {
    await page.getByLabel("Slug").fill(slug);
    await page.getByRole("button", { name: "Create link" }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  }

  await createLink(page, { title: "Lifecycle", slug: "lifecycle-e2e" });
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Lifecycle edited");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lifecycle edited");

  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("The link is deactivated")).toBeVisible();
  await expect(page.getByText(/Inactive ·/)).toBeVisible();

  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page).toHaveURL(/\/edit\?copied=1$/);
  await expect(page.getByLabel("Slug")).toHaveValue("lifecycle-e2e-copy");

  await page.goto("/admin/links");
  await page.getByRole("link", { name: "Lifecycle edited (copy)" }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("The link was deleted.")).toBeVisible();
  expect(await query("SELECT 1 FROM intake_links WHERE slug = 'lifecycle-e2e-copy'")).toHaveLength(0);
});
