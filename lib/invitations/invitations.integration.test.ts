// Issue #17 invitations against real parts: a fresh Postgres, the emulator over HTTP, the mail
// catcher over SMTP. CSV import (all or nothing), sending with one-click unsubscribe headers,
// reminders and their stop conditions, and an invitee's upload moving the funnel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailCatcher } from "@/mailcatcher/catcher";
import type { TestEmulator } from "@/test/emulator";
import { readFixture } from "@/test/fixtures";
import { startPortalWithMail, type PortalWithMail } from "@/test/integration";

const HOUR_SECONDS = 2; // a reminder "hour" lasts 2 s here (INVITE_REMINDER_HOUR_SECONDS)
let portal: PortalWithMail;
let emu: TestEmulator;
let catcher: MailCatcher;
let dbm: typeof import("@/lib/db");
let outbox: typeof import("@/lib/mail/outbox");
let sending: typeof import("@/lib/invitations/sending");
let access: typeof import("@/lib/invitations/access");
let csv: typeof import("@/lib/invitations/csv");
let linkId: string;

beforeAll(async () => {
  portal = await startPortalWithMail({
    appUrl: "http://localhost:3996",
    authSecret: "invite-test-secret-0123456789abcdef012345",
    logLevel: "error",
    emulator: { transcodeSeconds: 0 },
    settings: { INVITE_REMINDER_HOUR_SECONDS: String(HOUR_SECONDS) },
  });
  ({ emu, catcher } = portal);
  dbm = await import("@/lib/db");
  outbox = await import("@/lib/mail/outbox");
  sending = await import("@/lib/invitations/sending");
  access = await import("@/lib/invitations/access");
  csv = await import("@/lib/invitations/csv");
  const link = await dbm.db().intakeLink.update({
    where: { slug: "demo" },
    data: { reminderCount: 2, reminderIntervalHours: 10, inviteSubject: "{{name}}, a video for {{company}}?", notifyEmails: [] },
  });
  linkId = link.id;
});
afterAll(async () => {
  await portal?.close();
});

const db = () => dbm.db();
/** Send whatever the outbox holds (the mail job's work), then read the catcher. */
async function flushMail(): Promise<void> {
  const pending = await db().mailMessage.findMany({ where: { status: "PENDING" }, select: { id: true } });
  for (const m of pending) await outbox.deliverMail(m.id).catch(() => undefined);
}
const mailTo = (to: string) => catcher.messages.filter((m) => m.to.includes(to));

async function invite(list: string, now = new Date()): Promise<string[]> {
  const parsed = csv.parseInvitees(list);
  expect(parsed.errors).toEqual([]);
  const r = await sending.createInvitations(linkId, parsed.rows, null, now);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  for (const id of r.ids) await sending.sendInvitation(id, now);
  return r.ids;
}

describe("CSV import", () => {
  it("a list with bad rows stores nobody and names every bad line; the fixed list invites all, each by their own e-mail", async () => {
    const bad = "name,email,company\nAda,ada@example.com,ACME\nBob,not-an-address,ACME\n,carol@example.com,ACME\nDee,ada@example.com,ACME\n";
    const parsed = csv.parseInvitees(bad);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(await db().invitation.count()).toBe(0);

    const ids = await invite('name,email,company\nAda,ada@example.com,ACME\n"Lee, Bob",bob@example.com,Initech\n');
    expect(ids).toHaveLength(2);
    await flushMail();
    const [ada] = mailTo("ada@example.com");
    expect(ada?.subject).toBe("Ada, a video for ACME?");
    expect(mailTo("bob@example.com")[0]?.subject).toBe("Lee, Bob, a video for Initech?");
    // The personal link, and one-click unsubscribe for mail clients (RFC 8058).
    expect(ada?.text).toMatch(/http:\/\/localhost:3996\/u\/demo\?i=[0-9a-f-]{36}\.[\w-]{43}/);
    expect(ada?.headers["list-unsubscribe"]).toMatch(/^<http:\/\/localhost:3996\/api\/invitations\/unsubscribe\?t=/);
    expect(ada?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const row = await db().invitation.findFirstOrThrow({ where: { email: "ada@example.com" } });
    expect(row.sentAt).not.toBeNull();
    expect(row.deliveredAt).not.toBeNull();

    // Inviting Ada again is a row error and, again, stores nobody (not even the new person).
    const again = await sending.createInvitations(linkId, csv.parseInvitees("Eve,eve@example.com\nAda,ada@example.com").rows, null);
    expect(again.ok).toBe(false);
    expect(await db().invitation.count({ where: { email: "eve@example.com" } })).toBe(0);
  });

  it("an address the SMTP server refuses for good is shown as bounced, and gets no reminders", async () => {
    const [id] = await invite("Gone,gone@bounce.invalid");
    await flushMail();
    const row = await db().invitation.findUniqueOrThrow({ where: { id } });
    expect(row.bouncedAt).not.toBeNull();
    expect(row.bounceReason).toContain("550");
    expect(row.nextReminderAt).toBeNull();
  });
});

describe("reminders", () => {
  it("sends up to N reminders at the interval, then stops", async () => {
    const t0 = new Date();
    const [id] = await invite("Rita,rita@example.com", t0);
    const at = (hours: number) => new Date(t0.getTime() + hours * HOUR_SECONDS * 1000);
    expect((await sending.sendDueReminder(id!, at(9))).sent).toBe(false); // not due yet
    const first = await sending.sendDueReminder(id!, at(10));
    expect(first.sent).toBe(true);
    expect(first.nextAt?.getTime()).toBe(at(20).getTime());
    expect((await sending.sendDueReminder(id!, at(10))).sent).toBe(false); // a repeated job sends nothing more
    expect((await sending.sendDueReminder(id!, at(20))).sent).toBe(true);
    expect((await sending.sendDueReminder(id!, at(40))).sent).toBe(false); // N = 2
    await flushMail();
    expect(mailTo("rita@example.com").map((m) => m.subject)).toEqual(["Rita, a video for ?", "Reminder: Rita, a video for ?", "Reminder: Rita, a video for ?"]);
    expect((await db().invitation.findUniqueOrThrow({ where: { id } })).nextReminderAt).toBeNull();
  });

  it("stops once the invitee uploads: no reminder is counted, and one already queued is not sent", async () => {
    const t0 = new Date();
    const [id] = await invite("Uma,uma@example.com", t0);
    await flushMail();
    const due = new Date(t0.getTime() + 10 * HOUR_SECONDS * 1000);
    expect((await sending.sendDueReminder(id!, due)).sent).toBe(true); // queued, not yet sent
    const uploadId = await uploadWithInvite(id!);
    await access.recordInvitationUpload("upload.received", uploadId);
    await flushMail();
    expect(mailTo("uma@example.com").map((m) => m.subject)).toHaveLength(1); // the invitation only
    expect((await sending.sendDueReminder(id!, new Date(due.getTime() + 3_600_000))).sent).toBe(false);
  });

  it("stops on unsubscribe, which needs no sign-in but a correct signature", async () => {
    const t0 = new Date();
    const [id] = await invite("Otto,otto@example.com", t0);
    await flushMail();
    const link = /\/invite\/unsubscribe\?t=([^\s"&]+)/.exec(mailTo("otto@example.com")[0]!.text)![1]!;
    const token = decodeURIComponent(link);
    const altered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    expect(await access.unsubscribe(altered)).toEqual({ ok: false });
    expect((await db().invitation.findUniqueOrThrow({ where: { id } })).unsubscribedAt).toBeNull();
    expect((await access.unsubscribe(token)).ok).toBe(true);
    expect((await sending.sendDueReminder(id!, new Date(t0.getTime() + 100 * HOUR_SECONDS * 1000))).sent).toBe(false);
    expect(await sending.sendInvitation(id!)).toMatchObject({ ok: false });
    await flushMail();
    expect(mailTo("otto@example.com")).toHaveLength(1);
  });
});

const clip = readFixture("clip.mp4");
/** What the intake page does with an invite: check it, mint with it, upload, call back. */
async function uploadWithInvite(invitationId: string): Promise<string> {
  const { signInvite } = await import("@/lib/invitations/signing");
  const mint = await import("@/lib/intake/mint");
  const cb = await import("@/lib/intake/callback");
  const checked = await access.inviteForMint(linkId, signInvite(invitationId));
  if (!checked.ok) throw new Error(`invite refused: ${checked.reason}`);
  const link = await db().intakeLink.findUniqueOrThrow({ where: { id: linkId } });
  const minted = await mint.mintToken({
    link,
    details: { name: "Invitee", email: undefined, title: undefined, description: undefined, consent: true },
    invitationId: checked.invitationId,
  });
  if (!minted.ok) throw new Error(minted.message);
  await access.markStarted(invitationId);
  const form = new FormData();
  form.set("upload_token", minted.uploadToken);
  form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "clip.mp4");
  const res = await fetch(`${emu.url}/api/photo/redeem-upload-token`, { method: "POST", body: form, redirect: "manual" });
  const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
  const outcome = await cb.handleCallback({ method: "GET", params, ip: "198.51.100.9" });
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome.uploadId;
}

describe("the funnel", () => {
  it("opened, started, uploaded and verified follow the invitee's own steps", async () => {
    const { signInvite } = await import("@/lib/invitations/signing");
    const verify = await import("@/lib/intake/verify");
    const [id] = await invite("Vera,vera@example.com");
    expect(await access.openInvite(linkId, signInvite(id!))).toMatchObject({ ok: true, name: "Vera", email: "vera@example.com" });
    const uploadId = await uploadWithInvite(id!);
    await access.recordInvitationUpload("upload.received", uploadId);
    let row = await db().invitation.findUniqueOrThrow({ where: { id } });
    expect([row.openedAt, row.startedAt, row.uploadedAt].every(Boolean)).toBe(true);
    expect(row.verifiedAt).toBeNull();
    expect(await verify.verifyUpload(uploadId)).toBe("verified");
    await access.recordInvitationUpload("upload.verified", uploadId);
    row = await db().invitation.findUniqueOrThrow({ where: { id } });
    expect(row.verifiedAt).not.toBeNull();
    const { invitationsView } = await import("@/lib/invitations/queries");
    const view = await invitationsView(linkId);
    expect(view.rows.find((r) => r.email === "vera@example.com")?.status).toBe("verified");
    expect(view.funnel.verified).toBeGreaterThanOrEqual(1);
  });
});
