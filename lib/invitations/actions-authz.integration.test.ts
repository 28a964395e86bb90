// The invitation actions are for admins: anonymous and member callers (a real session cookie in a
// request scope, test/session.ts) are refused and nothing is stored or queued; an admin's call
// does store and queue (so the refusals are not vacuous).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startPortal, type Portal } from "@/test/integration";
import { asRequestFrom, authzFixture, formData as form } from "@/test/session";

// Framework, not ours: revalidatePath needs Next's render-time cache, absent outside a server.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const SECRET = "invite-authz-secret-0123456789abcdef012345";
let portal: Portal;
let client: PrismaClient;
let actions: typeof import("@/lib/invitations/actions");
let memberId: string;
let adminId: string;
let linkId: string;
let invitationId: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3993", authSecret: SECRET, logLevel: "error", seed: false });
  const db = (client = portal.db);
  actions = await import("@/lib/invitations/actions");
  ({ memberId, adminId, linkId } = await authzFixture(db));
  invitationId = (
    await db.invitation.create({ data: { linkId, name: "Ann", email: "ann@example.com", tokenHash: "x", expiresAt: new Date(Date.now() + 86_400_000) } })
  ).id;
});
afterAll(async () => {
  await portal?.close();
});

const snapshot = async () =>
  JSON.stringify([await client.invitation.findMany({ orderBy: { id: "asc" } }), await client.mailMessage.count(), await client.intakeLink.findMany()]);

const calls = () =>
  [
    ["invite", () => actions.inviteAction({ ok: false }, form({ linkId, intent: "send", csv: "Eve,eve@example.com" }))],
    [
      "template",
      () =>
        actions.saveInviteTemplate(
          { ok: false },
          form({ linkId, inviteSubject: "Evil", inviteBody: "Evil", inviteValidDays: "365", reminderCount: "5", reminderIntervalHours: "1" }),
        ),
    ],
    ["resend", () => actions.resendInvitationAction(linkId, invitationId)],
    ["revoke", () => actions.revokeInvitationAction(linkId, invitationId)],
  ] as const;

describe("invitation actions refuse anyone but an admin", () => {
  for (const who of ["anonymous", "member"] as const) {
    it(`${who}: every action is refused and nothing changes`, async () => {
      const before = await snapshot();
      for (const [name, call] of calls()) {
        const state = await asRequestFrom(who === "member" ? memberId : null, SECRET, call);
        expect(state, name).toEqual({ ok: false, message: who === "member" ? "Only admins can do that." : "Your session has ended. Sign in again." });
      }
      expect(await snapshot()).toBe(before);
    });
  }

  it("admin: the same calls do invite, queue the mail and revoke", async () => {
    const [, invite] = calls()[0];
    expect(await asRequestFrom(adminId, SECRET, invite)).toMatchObject({ ok: true, message: "1 invitation sent." });
    expect(await client.mailMessage.count({ where: { to: "eve@example.com", kind: "invite" } })).toBe(1);
    expect(await asRequestFrom(adminId, SECRET, () => actions.revokeInvitationAction(linkId, invitationId))).toMatchObject({ ok: true });
  });
});
