// Property-based bad input against the public server action, over HTTP as a browser without
// JavaScript sends it: hostile details get field messages (never a 500 or a stack trace), and no
// token is minted unless the details were valid.
import { test, expect } from "./test";
import fc from "fast-check";
import { query } from "./db";
import { httpFrom, multipart } from "./net";

// Its own client address: 61 POSTs spend most of one address's intake budget (60 per 10
// minutes), which must not fall on the address the rest of the suite's browser uses.
const FROM = "127.0.0.20";
const post = async (fields: Record<string, string>, origin: string) => {
  const { body, contentType } = await multipart(fields);
  return httpFrom(FROM, { method: "POST", path: "/u/demo", headers: { "content-type": contentType, origin }, body });
};

test.use({ javaScriptEnabled: false });

test("the details form's server action answers hostile input with messages, not errors", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await page.goto("/u/demo");
  // React renders the progressive-enhancement form with hidden $ACTION… fields that name the
  // action (and its bound state); send them exactly as the browser would, with hostile details.
  const hidden = await page
    .locator("form input[type=hidden]")
    .evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as [string, string]));
  const actionFields = Object.fromEntries(hidden.filter(([name]) => name.startsWith("$ACTION")));
  expect(Object.keys(actionFields).length).toBeGreaterThan(0);
  const nasty = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.constantFrom("' OR 1=1 --", "<img src=x onerror=alert(1)>", "a".repeat(20_000), "\u0000", "𝕏🎥\u202e", '=HYPERLINK("x")', "ada@example.com"),
  );
  const [before] = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens`);
  // The replayed fields really reach the action: valid details mint and redirect to the upload step.
  const valid = await post({ ...actionFields, slug: "demo", name: "Ada", email: "ada@example.com", consent: "on" }, baseURL!);
  expect(valid.status).toBe(303);
  expect(valid.headers["location"]).toMatch(/\/u\/demo\/upload\?ticket=/);
  let redirects = 1;
  await fc.assert(
    fc.asyncProperty(
      fc.record(
        {
          name: nasty,
          email: nasty,
          title: nasty,
          description: nasty,
          consent: fc.oneof(nasty, fc.constant("on")),
          slug: fc.oneof(fc.constant("demo"), nasty),
        },
        { requiredKeys: [] },
      ),
      async (fields) => {
        const multipart: Record<string, string> = { ...actionFields };
        for (const [k, v] of Object.entries(fields)) multipart[k] = v;
        const res = await post(multipart, baseURL!);
        expect(res.status, JSON.stringify(fields).slice(0, 200)).toBeLessThan(500);
        if (res.status === 303) redirects++;
        const body = res.text;
        expect(body).not.toMatch(/at .*\.(ts|js):\d+:\d+|PrismaClient|Unhandled/);
      },
    ),
    { numRuns: 60 },
  );
  const [after] = await query<{ n: string }>(`SELECT count(*) AS n FROM upload_tokens`);
  // Only submissions that passed validation (and were redirected to the upload step) minted.
  expect(Number(after!.n) - Number(before!.n)).toBe(redirects);
});
