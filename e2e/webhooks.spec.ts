// Issue #16: an admin adds a webhook endpoint (a receiver this test starts), copies the secret
// shown once, sends a test event, and a visitor's upload reaches the receiver as signed events in
// order — received, verified, ready — each verified with the Standard Webhooks library.
import { test, expect } from "./test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { ADMIN_STATE, uploadAsVisitor } from "./admin-helpers";

test.use({ storageState: ADMIN_STATE });

test("a webhook receiver gets the upload's signed events in order", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portal-events`;
  try {
    await page.goto("/admin/settings/webhooks");
    await page.getByLabel("Connection").selectOption({ label: "Local emulator (demo)" }); // the demo link's
    await page.getByLabel("Endpoint URL").fill(url);
    for (const e of ["upload.received", "upload.verified", "upload.ready"]) await page.getByLabel(e, { exact: true }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const note = page.getByRole("status").filter({ hasText: "Signing secret" });
    await expect(note).toBeVisible();
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec((await note.textContent()) ?? "")?.[0];
    expect(secret).toBeTruthy();
    const wh = new Webhook(secret!);
    const verified = (g: (typeof got)[number]) =>
      wh.verify(g.body, {
        "webhook-id": String(g.headers["webhook-id"]),
        "webhook-timestamp": String(g.headers["webhook-timestamp"]),
        "webhook-signature": String(g.headers["webhook-signature"]),
      }) as { type: string; data: { contributor: { name: string } } };

    const card = page.getByRole("article", { name: `Webhook ${url}` });
    await card.getByRole("button", { name: "Send test event" }).click();
    // Other uploads' events may arrive too (earlier tests' videos finishing): count the test's own.
    await expect.poll(() => got.map((g) => verified(g).type).filter((t) => t === "webhook.test")).toEqual(["webhook.test"]);

    await uploadAsVisitor(browser, "Mary Jackson");
    await expect
      .poll(
        () =>
          got
            .map(verified)
            .filter((p) => p.data.contributor?.name === "Mary Jackson")
            .map((p) => p.type),
        { timeout: 75_000 },
      )
      .toEqual(["upload.received", "upload.verified", "upload.ready"]);
    // The delivery log shows them, with status and latency.
    await page.reload();
    await expect(card.getByTestId("deliveries")).toContainText("upload.ready");
    await expect(card.getByTestId("deliveries")).toContainText("204");
    await expect(card.getByTestId("deliveries")).toContainText(/\d+ ms/);
  } finally {
    receiver.close();
  }
});
