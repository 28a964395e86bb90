// Issue #17 security: an invite that is guessed, altered, another link's, expired or revoked is
// refused with its reason, and the refusal changes nothing (no "opened", no token, no mail).
// The same attacks over HTTP (403 page, refused mint) are in e2e/invitations.spec.ts.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let access: typeof import("@/lib/invitations/access");
let sending: typeof import("@/lib/invitations/sending");
let signing: typeof import("@/lib/invitations/signing");
let linkId: string;
let otherLinkId: string;
let mine: string; // the attacker's own invitation on the demo link
let victim: string;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3997", authSecret: "invite-security-secret-0123456789abcdef01", logLevel: "error" });
  access = await import("@/lib/invitations/access");
  sending = await import("@/lib/invitations/sending");
  signing = await import("@/lib/invitations/signing");
  const demo = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  linkId = demo.id;
  const { id: _id, slug: _s, createdAt: _c, updatedAt: _u, customVariables, questions, ...rest } = demo;
  otherLinkId = (
    await portal.db.intakeLink.create({
      data: { ...rest, customVariables: customVariables ?? {}, questions: questions ?? [], slug: "other-link", maxFileBytes: null },
    })
  ).id;
  const created = await sending.createInvitations(
    linkId,
    [
      { line: 1, name: "Mallory", email: "mallory@example.com", fields: {} },
      { line: 2, name: "Victim", email: "victim@example.com", fields: {} },
    ],
    null,
  );
  if (!created.ok) throw new Error("setup");
  [mine, victim] = created.ids as [string, string];
});
afterAll(async () => {
  await portal?.close();
});

/** Everything a refused invite must leave alone. */
const snapshot = async () => ({
  invitations: await portal.db.invitation.findMany({ orderBy: { email: "asc" } }),
  tokens: await portal.db.uploadToken.count(),
  mail: await portal.db.mailMessage.count(),
});

describe("a personal link that is not ours to use", () => {
  it("guessed, altered or moved to another invitation or link: 'not valid', and nothing changes", async () => {
    const before = await snapshot();
    const own = signing.signInvite(mine);
    const sig = own.split(".")[1]!;
    const attempts = [
      `${randomUUID()}.${randomBytes(32).toString("base64url")}`, // guessed
      `${mine}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, // altered signature
      `${victim}.${sig}`, // own signature on someone else's id
      `${victim}`, // no signature at all
      `${own}.extra`,
      "x".repeat(5000),
    ];
    for (const invite of attempts) {
      expect(await access.openInvite(linkId, invite)).toEqual({ ok: false, reason: "invalid" });
      expect(await access.inviteForMint(linkId, invite)).toMatchObject({ ok: false, reason: "invalid" });
    }
    // A real invite, but for another link: the same answer, nothing revealed.
    expect(await access.openInvite(otherLinkId, own)).toEqual({ ok: false, reason: "invalid" });
    expect(await snapshot()).toEqual(before);
  });

  it("expired: refused as expired, and nothing changes", async () => {
    const before = await snapshot();
    const later = new Date(Date.now() + 31 * 86_400_000); // the demo link's invites last 30 days
    expect(await access.openInvite(linkId, signing.signInvite(victim), later)).toEqual({ ok: false, reason: "expired" });
    expect(await snapshot()).toEqual(before);
  });

  it("revoked by the admin: refused as withdrawn, the mint is refused, no reminder or resend goes out", async () => {
    await sending.sendInvitation(victim);
    expect(await sending.revokeInvitation(linkId, victim)).toBe(true);
    const before = await snapshot();
    const invite = signing.signInvite(victim);
    expect(await access.openInvite(linkId, invite)).toEqual({ ok: false, reason: "revoked" });
    expect(await access.inviteForMint(linkId, invite)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await sending.sendInvitation(victim)).toMatchObject({ ok: false });
    expect((await sending.sendDueReminder(victim, new Date(Date.now() + 365 * 86_400_000))).sent).toBe(false);
    expect(await snapshot()).toEqual(before);
    // Revoking from another link's page does nothing either.
    expect(await sending.revokeInvitation(otherLinkId, mine)).toBe(false);
  });

  it("the attacker's own valid invite opens only their own invitation", async () => {
    const r = await access.openInvite(linkId, signing.signInvite(mine));
    expect(r).toMatchObject({ ok: true, name: "Mallory", email: "mallory@example.com" });
    const rows = await portal.db.invitation.findMany({ where: { openedAt: { not: null } }, select: { id: true } });
    expect(rows.map((x) => x.id)).toEqual([mine]);
  });

  it("an unsubscribe token cannot stand in for an invite, nor the reverse", async () => {
    expect(await access.openInvite(linkId, signing.signUnsubscribe(mine))).toEqual({ ok: false, reason: "invalid" });
    expect(await access.unsubscribe(signing.signInvite(mine))).toEqual({ ok: false });
    expect((await portal.db.invitation.findUniqueOrThrow({ where: { id: mine } })).unsubscribedAt).toBeNull();
  });
});
