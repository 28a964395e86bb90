// Branding against the real database, through the real admin action (a signed-in admin's
// session) and the real logo route and proxy CSP code: what a bad logo does, what a good one
// gives visitors, and which sites may frame which link.
// It lives under app/ because it calls the logo route handler (lib/ may not import app/).
import { readFileSync } from "node:fs";
import path from "node:path";
// First: it puts AsyncLocalStorage where Next's modules (next/server below) expect it.
import { asRequestFrom } from "@/test/session";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startPortal, type Portal } from "@/test/integration";

// Framework, not ours: revalidatePath needs Next's render-time cache, absent outside a server.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const SECRET = "branding-test-secret-0123456789abcdef0123456";
let portal: Portal;
let client: PrismaClient;
let actions: typeof import("@/lib/branding/actions");
let adminId: string;
let linkId: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3994", authSecret: SECRET, logLevel: "error", seed: false });
  client = portal.db;
  actions = await import("@/lib/branding/actions");
  adminId = (await client.user.create({ data: { email: "admin@example.com", role: "ADMIN" } })).id;
  const connectionId = (await client.connection.create({ data: { name: "c", apiUrl: "http://127.0.0.1:9", consumerKey: "k", credentialsEnc: "x" } })).id;
  linkId = (await client.intakeLink.create({ data: { slug: "framed", title: "Framed", connectionId } })).id;
  await client.intakeLink.create({ data: { slug: "plain", title: "Plain", connectionId } });
});
afterAll(async () => {
  await portal?.close();
});

function form(fields: Record<string, string>, logo?: { bytes: Buffer; name: string; type: string }) {
  const f = new FormData();
  for (const [k, v] of Object.entries({ scope: linkId, color: "", welcome: "", thanks: "", afterUrl: "", embedOrigins: "", ...fields })) f.append(k, v);
  if (logo) f.append("logo", new File([new Uint8Array(logo.bytes)], logo.name, { type: logo.type }));
  return f;
}
const save = (f: FormData) => asRequestFrom(adminId, SECRET, () => actions.saveBrandingAction({ ok: false }, f));
const jpeg = readFileSync(path.join(process.cwd(), "test/fixtures/photo.jpg"));

describe("logo upload", () => {
  it("refuses a text file dressed up as a PNG, an SVG with a script, and an oversized image; nothing is stored", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
    const big = Buffer.concat([jpeg, Buffer.alloc(220 * 1024, 1)]);
    const cases = [
      [{ bytes: Buffer.from("just some text, not a picture"), name: "logo.png", type: "image/png" }, /PNG, JPEG or WebP/],
      [{ bytes: svg, name: "logo.svg", type: "image/svg+xml" }, /SVG logos are not accepted/],
      [{ bytes: big, name: "huge.jpg", type: "image/jpeg" }, /up to 200 KB/],
    ] as const;
    for (const [logo, message] of cases) {
      const r = await save(form({ color: "#1d4ed8" }, logo));
      expect(r.ok, logo.name).toBe(false);
      expect(r.fieldErrors?.logo?.[0], logo.name).toMatch(message);
    }
    expect(await client.brandLogo.count()).toBe(0);
    expect(await client.branding.count()).toBe(0);
  });

  it("stores a real JPEG by its hash and serves it with long cache headers and its sniffed type", async () => {
    const r = await save(form({ color: "#1d4ed8", welcome: "Hi **there**" }, { bytes: jpeg, name: "logo.png", type: "image/png" }));
    expect(r).toMatchObject({ ok: true });
    const row = await client.branding.findUniqueOrThrow({ where: { scope: linkId } });
    expect(row.logoHash).toMatch(/^[0-9a-f]{64}$/);
    const { GET } = await import("@/app/api/brand/logo/[hash]/route");
    const res = await GET(new NextRequest(`http://localhost/api/brand/logo/${row.logoHash}`), { params: Promise.resolve({ hash: row.logoHash! }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer()).equals(jpeg)).toBe(true);
    const missing = await GET(new NextRequest("http://localhost/api/brand/logo/nope"), { params: Promise.resolve({ hash: "nope" }) });
    expect(missing.status).toBe(404);
  });

  it("a failing colour is refused with the reason and a suggestion, and the stored branding is kept", async () => {
    const r = await save(form({ color: "#ffdd55" }));
    expect(r.ok).toBe(false);
    expect(r.fieldErrors?.color?.[0]).toMatch(/too light.*Try #[0-9a-f]{6}/);
    expect(r.values?.color).toBe("#ffdd55");
    expect((await client.branding.findUniqueOrThrow({ where: { scope: linkId } })).color).toBe("#1d4ed8");
  });
});

describe("CSP frame-ancestors per link", () => {
  const cspFor = async (pathname: string) => {
    const { withCsp } = await import("@/lib/security/gate");
    const res = await withCsp(new NextRequest(`http://localhost${pathname}`), false);
    return res.headers.get("content-security-policy") ?? "";
  };

  it("only the origins listed for a link may frame its pages; other links and admin pages stay unframeable", async () => {
    expect(await save(form({ embedOrigins: "https://www.customer.example\nhttp://127.0.0.1:5000" }))).toMatchObject({ ok: true });
    for (const p of ["/u/framed", "/u/framed/done", "/u/framed/upload"]) {
      expect(await cspFor(p), p).toContain("frame-ancestors 'self' https://www.customer.example http://127.0.0.1:5000");
    }
    expect(await cspFor("/u/plain")).toMatch(/frame-ancestors 'self'$/);
    expect(await cspFor("/admin/links")).toContain("frame-ancestors 'none'");
    expect(await cspFor("/login")).toContain("frame-ancestors 'none'");
  });

  it("a list that tries to inject directives is refused and the header keeps the last good list", async () => {
    const r = await save(form({ embedOrigins: "https://a.example; script-src *" }));
    expect(r.ok).toBe(false);
    expect(r.fieldErrors?.embedOrigins?.[0]).toBeTruthy();
    expect(await cspFor("/u/framed")).toContain("frame-ancestors 'self' https://www.customer.example http://127.0.0.1:5000");
    expect(await cspFor("/u/framed")).not.toContain("script-src *");
  });
});
