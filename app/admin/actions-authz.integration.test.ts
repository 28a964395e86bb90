// Every admin server action, called anonymously and as a member, answers with a refusal and
// leaves the database as it was (the e2e matrix replays the same actions over HTTP). Real database,
// real sessions (a next-auth JWT cookie in a request scope, test/session.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startPortal, type Portal } from "@/test/integration";
import { asRequestFrom, authzFixture, formData as form } from "@/test/session";

// Framework, not ours: revalidatePath needs Next's render-time cache, absent outside a server.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const SECRET = "authz-test-secret-0123456789abcdef01234567";
let portal: Portal;
let client: PrismaClient;
let links: typeof import("@/lib/links/actions");
let settings: typeof import("@/lib/settings/actions");
let members: typeof import("@/lib/members/actions");
let branding: typeof import("@/lib/branding/actions");
let memberId: string;
let linkId: string;
let connectionId: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3994", authSecret: SECRET, logLevel: "error", seed: false });
  const db = (client = portal.db);
  links = await import("@/lib/links/actions");
  settings = await import("@/lib/settings/actions");
  members = await import("@/lib/members/actions");
  branding = await import("@/lib/branding/actions");
  ({ memberId, connectionId, linkId } = await authzFixture(db));
});
afterAll(async () => {
  await portal?.close();
});

async function snapshot() {
  const db = client;
  return JSON.stringify(
    [
      await db.user.findMany({ orderBy: { id: "asc" } }),
      await db.connection.findMany({ orderBy: { id: "asc" } }),
      await db.intakeLink.findMany({ orderBy: { id: "asc" } }),
      await db.branding.findMany({ orderBy: { scope: "asc" } }),
    ],
    (_k, v) => (typeof v === "bigint" ? String(v) : v),
  );
}

const cases = () => {
  const link = {
    id: linkId,
    slug: "new-one",
    title: "X",
    connectionId,
    nameField: "OFF",
    emailField: "OFF",
    titleField: "OFF",
    descriptionField: "OFF",
    validMinutes: "60",
    maxUploads: "1",
    active: "on",
  };
  return [
    ["createLink", links.createLinkAction, form(link)],
    ["updateLink", links.updateLinkAction, form(link)],
    ["duplicateLink", links.duplicateLinkAction, form({ id: linkId })],
    ["setActive", links.setActiveAction, form({ id: linkId, active: "false" })],
    ["deleteLink", links.deleteLinkAction, form({ id: linkId })],
    [
      "saveConnection",
      settings.saveConnection,
      form({ name: "Evil", apiUrl: "https://evil.example", consumerKey: "k", consumerSecret: "s", accessToken: "t", accessTokenSecret: "u" }),
    ],
    ["testConnection", settings.testConnection, form({ id: connectionId })],
    ["addMember", members.addMemberAction, form({ email: "x@example.com", role: "ADMIN", password: "long-enough-password" })],
    ["setDisabled", members.setDisabledAction, form({ id: memberId, disabled: "true" })],
    ["setRole", members.setRoleAction, form({ id: memberId, role: "ADMIN" })],
    ["removeMember", members.removeMemberAction, form({ id: memberId })],
    ["resetPassword", members.resetPasswordAction, form({ id: memberId, password: "attacker-password" })],
    [
      "saveBranding",
      branding.saveBrandingAction,
      form({ scope: linkId, color: "#000000", welcome: "Hijacked", thanks: "", afterUrl: "https://evil.example", embedOrigins: "https://evil.example" }),
    ],
  ] as const;
};

describe("admin actions refuse anyone but an admin", () => {
  for (const who of ["anonymous", "member"] as const) {
    it(`${who}: every action is refused and nothing changes`, async () => {
      const before = await snapshot();
      for (const [name, action, data] of cases()) {
        const state = await asRequestFrom(who === "member" ? memberId : null, SECRET, () => action({ ok: false }, data));
        expect(state, name).toEqual({ ok: false, message: who === "member" ? "Only admins can do that." : "Your session has ended. Sign in again." });
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("the live preview's Markdown answers admins only, sanitised as on the public page", async () => {
    const text = "**Hi** <script>alert(1)</script>";
    expect(await asRequestFrom(null, SECRET, () => branding.previewBrandText(text, ""))).toEqual({
      ok: false,
      message: "Your session has ended. Sign in again.",
    });
    expect(await asRequestFrom(memberId, SECRET, () => branding.previewBrandText(text, ""))).toEqual({ ok: false, message: "Only admins can do that." });
    const adminId = (await client.user.findUniqueOrThrow({ where: { email: "a@example.com" } })).id;
    const r = await asRequestFrom(adminId, SECRET, () => branding.previewBrandText(text, ""));
    expect(r).toMatchObject({ ok: true, thanksHtml: "" });
    expect(r.welcomeHtml).toContain("<strong>Hi</strong>");
    expect(r.welcomeHtml).not.toContain("script");
  });

  it("admin: the same harness does change things (the refusals above are not vacuous)", async () => {
    const adminId = (await client.user.findUniqueOrThrow({ where: { email: "a@example.com" } })).id;
    expect(await asRequestFrom(adminId, SECRET, () => links.setActiveAction({ ok: false }, form({ id: linkId, active: "false" })))).toMatchObject({ ok: true });
    expect(await client.intakeLink.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({ active: false });
  });
});
