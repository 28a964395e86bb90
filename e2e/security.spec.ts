// Security headers and closed-link statuses, as a browser sees them (the intake rate limit:
// e2e/client-ip.spec.ts).
import { test, expect } from "./test";
import { emulatorUrl, query } from "./db";

test("pages carry a CSP that allows TwentyThree only where uploads and the player need it", async ({ request }) => {
  const res = await request.get("/u/demo");
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(new RegExp(`form-action 'self' [^;]*${emulatorUrl}`));
  expect(csp).toMatch(new RegExp(`connect-src 'self' [^;]*${emulatorUrl}`));
  expect(csp).toMatch(new RegExp(`frame-src [^;]*${emulatorUrl}`));
  // An intake page may be framed by the portal itself (the admin's preview) and by the sites its
  // link lists (none for the demo link, e2e/branding-embed.spec.ts covers a listed one).
  expect(csp).toMatch(/frame-ancestors 'self'$/);
  expect((await request.get("/login")).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
});

test("the public page still works under its CSP (scripts carry the nonce)", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/u/demo");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("inactive and expired links answer 410 with a clear page", async ({ request }) => {
  const [conn] = await query<{ id: string }>(`SELECT id FROM connections WHERE is_default LIMIT 1`);
  await query(
    `INSERT INTO intake_links (id, slug, title, connection_id, active, expires_at, updated_at) VALUES
     (gen_random_uuid(), 'closed-link', 'Closed', $1, false, NULL, now()),
     (gen_random_uuid(), 'expired-link', 'Expired', $1, true, now() - interval '1 day', now())
     ON CONFLICT (slug) DO NOTHING`,
    [conn!.id],
  );
  const closed = await request.get("/u/closed-link");
  expect(closed.status()).toBe(410);
  expect(await closed.text()).toContain("This upload link is closed");
  const expired = await request.get("/u/expired-link");
  expect(expired.status()).toBe(410);
  expect(await expired.text()).toContain("This upload link has expired");
});
