// Property-based bad input against the callback endpoint's logic and the visitor-details parser:
// malformed, oversized, repeated, unicode and injection-shaped values get a 4xx answer (or field
// messages), never a 500 or an exception, and change nothing that was stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let dbm: typeof import("@/lib/db");
let receive: typeof import("@/lib/intake/receive");
let details: typeof import("@/lib/intake/details");
let links: typeof import("@/lib/intake/links");
let signing: typeof import("@/lib/intake/signing");

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3997", authSecret: "property-test-secret-0123456789abcdef0", settings: { EMULATOR_PORT: "1" } });
  dbm = await import("@/lib/db");
  receive = await import("@/lib/intake/receive");
  details = await import("@/lib/intake/details");
  links = await import("@/lib/intake/links");
  signing = await import("@/lib/intake/signing");
});
afterAll(async () => {
  await portal?.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "${7*7}",
    "=cmd|' /C calc'!A0",
    "𝕏🎥\u202e",
    "a".repeat(5000),
  ),
  fc.integer().map(String),
);
const keys = fc.constantFrom("upload_token", "photo_id", "tree_id", "token", "domain", "state", "error_message", "extra", "__proto__", "constructor");

describe("callback endpoint under bad input", () => {
  it("answers 4xx and stores no upload, whatever the parameters", async () => {
    const uploadsBefore = await dbm.db().upload.count();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 200 })), nasty, { maxKeys: 80 }),
        fc.constantFrom("GET", "POST"),
        async (params, method) => {
          const res = await receive.receiveCallback(method, params);
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          const body = await res.text();
          expect(body).not.toMatch(/at .*\.ts:\d+|Prisma|stack/i);
        },
      ),
      { numRuns: 150 },
    );
    expect(await dbm.db().upload.count()).toBe(uploadsBefore);
  }, 120_000);

  it("refuses a correctly signed state for a token that does not exist", async () => {
    const state = signing.signState("00000000-0000-4000-8000-000000000000", "nonce");
    // From its own client: the property run above used up the shared no-address budget (429s).
    const res = await receive.receiveCallback("GET", { state, upload_token: "x", photo_id: "1", tree_id: "1", token: "abcdefghij" }, "198.51.100.7");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("We could not match this upload");
  });
});

describe("visitor details and link lookup under bad input", () => {
  it("parseDetails never throws: it accepts or names the fields to fix", async () => {
    const link = await dbm.db().intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("name", "email", "title", "description", "consent", "other"), nasty), (input) => {
        const r = details.parseDetails(link, input);
        if (r.ok) {
          expect(r.details.consent).toBe(true);
          expect(typeof r.details.email).toBe("string");
        } else {
          expect(Object.keys(r.fieldErrors).length).toBeGreaterThan(0);
          for (const m of Object.values(r.fieldErrors).flat()) expect(m).toMatch(/^[A-Z]/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("lookupLink answers 'unknown' for any malformed slug and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (slug) => {
        const r = await links.lookupLink(slug);
        if (slug !== "demo") expect(r.kind).toBe("unknown");
      }),
      { numRuns: 100 },
    );
  });
});
