// Issue #15, what came after the recorder (project "recorder": Chromium's fake camera): a kept take
// starts uploading before the visitor has filled the form, and the details reach TwentyThree with
// update-upload-token when they press Upload; a record-only link without CORS on TwentyThree still
// takes the recording (plain form, RecordingMeta kept) and points an empty Upload at the recorder;
// the length cap stops a take by itself.
import { test, expect } from "./test";
import { ADMIN_STATE } from "./admin-helpers";
import { emulatorObjects, query, setFaults } from "./db";
import { fillDetails, linkFilesOnly, linkRecords, objectsAfter, openRecorder, record, recordingSent } from "./recording";

test.beforeEach(async () => linkRecords("ONE_TAKE", [{ id: "q-one", text: "Who are you?" }]));
test.afterEach(async () => {
  await setFaults(null);
  await query(`UPDATE intake_links SET allow_upload = true, max_record_seconds = NULL WHERE slug = 'demo'`);
});
test.afterAll(linkFilesOnly);

test("a kept take uploads while the visitor fills the form; Upload sends the details to TwentyThree and the admin shows the name", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const who = `Joan Clarke ${Date.now()}`; // unique: other specs' visitors share the admin's list
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  const sent = recordingSent(page);
  await openRecorder(page);
  await record(page, 2);
  await page.getByRole("button", { name: "Use this recording" }).click();

  // Nothing typed yet, and the take is already at TwentyThree (titled with the link only).
  await expect(page.getByTestId("details-while-uploading")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("");
  await expect.poll(async () => (await objectsAfter(before)).length, { timeout: 20_000 }).toBe(1);
  const [early] = await objectsAfter(before);
  expect(early!.title).not.toContain(who);
  expect(sent).toHaveLength(1);

  await fillDetails(page, who);
  await page.getByLabel(/Description/).fill("Recorded on the page, details typed while it uploaded.");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
  expect(sent).toHaveLength(1); // the details did not mint a second token

  const [obj] = await objectsAfter(before);
  expect(obj!.title).toContain(`${who}'s story`);
  expect(obj!.description).toBe("Recorded on the page, details typed while it uploaded.");
  const rows = await query<{ deferred: boolean; applied: boolean }>(
    `SELECT details_deferred AS deferred, details_applied_at IS NOT NULL AS applied FROM upload_tokens WHERE upload_token = $1`,
    [obj!.upload_token],
  );
  expect(rows).toEqual([{ deferred: true, applied: true }]);

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/uploads?q=${encodeURIComponent(who)}`);
  await expect(adminPage.getByRole("row").filter({ hasText: who })).toHaveCount(1);
  await admin.close();
});

test("details refused while the take uploads: the fields say why, and a corrected Upload sends them", async ({ page }) => {
  test.setTimeout(90_000);
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  await openRecorder(page);
  await record(page, 1.5);
  await page.getByRole("button", { name: "Use this recording" }).click();
  await page.getByLabel("Your name").fill("Evelyn Boyd Granville");
  await page.getByRole("button", { name: "Upload", exact: true }).click(); // no address, no consent
  await expect(page.getByText("Please tick the box to give your consent before uploading")).toBeVisible();
  await fillDetails(page, "Evelyn Boyd Granville");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible({ timeout: 30_000 });
  const added = await objectsAfter(before);
  expect(added).toHaveLength(1);
  expect(added[0]!.title).toContain("Evelyn Boyd Granville's story");
});

test("a record-only link without CORS on TwentyThree: the take goes by the plain form with its recording meta", async ({ page }) => {
  test.setTimeout(90_000);
  await query(`UPDATE intake_links SET allow_upload = false WHERE slug = 'demo'`);
  await setFaults({ corsDisabled: true });
  const before = new Set((await emulatorObjects()).map((o) => o.photo_id));
  await openRecorder(page);
  await record(page, 1.5);
  await page.getByRole("button", { name: "Use this recording" }).click();
  await expect(page.getByTestId("file-item")).toHaveCount(1);
  await fillDetails(page, "Mae Jemison");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page).toHaveURL(/\/u\/demo\/done\?ticket=/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  expect(await objectsAfter(before)).toHaveLength(1);
  const rows = await query<{ kind: string }>(`SELECT recording->>'kind' AS kind FROM upload_tokens WHERE contributor_name = 'Mae Jemison'`);
  expect(rows).toEqual([{ kind: "take" }]);
});

test("a record-only link: Upload with nothing recorded points at the recorder, not a hidden file picker", async ({ page }) => {
  await query(`UPDATE intake_links SET allow_upload = false WHERE slug = 'demo'`);
  await page.goto("/u/demo");
  await expect(page.getByTestId("uploader")).toBeVisible();
  await expect(page.getByLabel("Choose your video")).toHaveCount(0);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please record a video first." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Record a video" })).toBeFocused();
});

test("the link's length cap stops the take by itself and says so", async ({ page }) => {
  test.setTimeout(60_000);
  await query(`UPDATE intake_links SET max_record_seconds = 2 WHERE slug = 'demo'`);
  await openRecorder(page);
  await page.getByRole("button", { name: "Start recording" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
  await expect(page.getByTestId("take-review")).toBeVisible({ timeout: 10_000 }); // nobody pressed Stop
  await expect(page.getByTestId("take-review")).toContainText("The time for this recording is up.");
  await expect(page.getByTestId("recorder-status")).toHaveText("Recording stopped. 2 seconds recorded. You can watch it now.");
});

test("the link's size limit stops the take before it is reached, and the take is still accepted", async ({ page }) => {
  test.setTimeout(60_000);
  await query(`UPDATE intake_links SET max_file_bytes = 400000 WHERE slug = 'demo'`);
  try {
    await openRecorder(page);
    await page.getByRole("button", { name: "Start recording" }).click();
    await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible({ timeout: 6000 });
    await expect(page.getByTestId("take-review")).toBeVisible({ timeout: 30_000 }); // nobody pressed Stop
    await expect(page.getByTestId("take-review")).toContainText("The recording stopped before reaching this link's size limit.");
    await page.getByRole("button", { name: "Use this recording" }).click();
    const row = page.getByTestId("file-item");
    await expect(row).toHaveCount(1);
    await expect(row).not.toContainText("this link takes files up to");
    await expect(page.getByTestId("details-while-uploading")).toBeVisible(); // under the limit: it went up
  } finally {
    await query(`UPDATE intake_links SET max_file_bytes = NULL WHERE slug = 'demo'`);
  }
});
