// Property-based bad input against the public server action, over HTTP as a browser without
// JavaScript sends it: hostile details get field messages (never a 500 or a stack trace), and no
// token is minted unless the details were valid.
import { test, expect } from "@playwright/test";
import fc from "fast-check";
import { query } from "./db";

test.use({ javaScriptEnabled: false });

test("the details form's server action answers hostile input with messages, not errors", async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto("/u/demo");
  // React renders the progressive-enhancement form with the action's id in a hidden field.
  const actionField = await page.locator("form input[type=hidden][name^='$ACTION_ID_']").first().getAttribute("name");
  expect(actionField).toBeTruthy();
  const nasty = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom("' OR 1=1 --", "<img src=x onerror=alert(1)>", "a".repeat(20_000), "\u0000", "𝕏🎥\u202e", "=HYPERLINK(\"x\")", "ada@example.com"),
  );
  const [before] = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens`);
  let redirects = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.record({ name: nasty, email: nasty, title: nasty, description: nasty, consent: fc.oneof(nasty, fc.constant("on")), slug: fc.oneof(fc.constant("demo"), nasty) }, { requiredKeys: [] }),
      async (fields) => {
        const multipart: Record<string, string> = { [actionField!]: "" };
        for (const [k, v] of Object.entries(fields)) multipart[k] = v;
        const res = await request.post("/u/demo", { multipart, maxRedirects: 0 });
        expect(res.status(), JSON.stringify(fields).slice(0, 200)).toBeLessThan(500);
        if (res.status() === 303) redirects++;
        const body = await res.text();
        expect(body).not.toMatch(/at .*\.(ts|js):\d+:\d+|PrismaClient|Unhandled/);
      },
    ),
    { numRuns: 60 },
  );
  const [after] = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens`);
  // Only submissions that passed validation (and were redirected to the upload step) minted.
  expect(Number(after!.n) - Number(before!.n)).toBe(redirects);
});
