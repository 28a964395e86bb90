"use server";
// The invitation actions (issue #17), declared through lib/server/action.ts: admins edit the
// template, check and send a list, resend and revoke; anyone holding a signed token unsubscribes.
import { revalidatePath } from "next/cache";
import { fieldErrorsOf } from "@/lib/field-errors";
import type { ActionState } from "@/lib/auth/action-state";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { defineAction, field, formAction } from "@/lib/server/action";
import { unsubscribe } from "./access";
import { parseInvitees, type RowError } from "./csv";
import { invitationText } from "./mail";
import { invitationRowSchema, inviteSchema, templateSchema, unsubscribeSchema } from "./schema";
import { createInvitations, revokeInvitation, sendInvitation } from "./sending";

export const saveInviteTemplate = formAction({
  name: "saveInviteTemplate",
  who: "admin",
  schema: templateSchema,
  read: (f) =>
    Object.fromEntries(["linkId", "inviteSubject", "inviteBody", "inviteValidDays", "reminderCount", "reminderIntervalHours"].map((k) => [k, field(f, k)])),
  invalid: (error) => ({ ok: false, fieldErrors: fieldErrorsOf(error), message: "Please correct the marked fields." }),
  run: async ({ linkId, ...data }, actor) => {
    const r = await db().intakeLink.updateMany({ where: { id: linkId, deletedAt: null }, data });
    if (!r.count) return { ok: false, message: "That link no longer exists." };
    log.info("invitation template saved", { linkId, userId: actor.id });
    revalidatePath(`/admin/links/${linkId}/invitations`);
    return { ok: true, message: "Invitation e-mail and reminders saved." };
  },
});

export type InviteState = ActionState & {
  errors?: RowError[];
  /** After "check": who would be invited, and the first one's e-mail as it will be sent. */
  preview?: { people: Array<{ name: string; email: string }>; subject: string; body: string };
  csv?: string;
};

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const inviteAction = formAction<"admin", typeof inviteSchema, InviteState>({
  name: "invitePeople",
  who: "admin",
  schema: inviteSchema,
  // One person (name + email fields) is a one-line list, so both go through the same checks.
  read: (f) => ({
    linkId: field(f, "linkId"),
    intent: field(f, "intent"),
    csv: field(f, "email") ? `name,email\n${quote(field(f, "name"))},${quote(field(f, "email"))}` : field(f, "csv"),
  }),
  invalid: (error, f) => ({ ok: false, message: error.issues[0]?.message ?? "Please check the list.", csv: field(f, "csv") }),
  run: async ({ linkId, intent, csv }, actor) => {
    const parsed = parseInvitees(csv);
    if (parsed.errors.length) return { ok: false, errors: parsed.errors, csv, message: `Nobody was invited: ${parsed.errors.length} line(s) need fixing.` };
    const link = await db().intakeLink.findFirst({
      where: { id: linkId, deletedAt: null },
      select: { slug: true, title: true, inviteSubject: true, inviteBody: true, inviteValidDays: true },
    });
    if (!link) return { ok: false, message: "That link no longer exists." };
    if (intent === "check") {
      const taken = await db().invitation.findMany({ where: { linkId, email: { in: parsed.rows.map((r) => r.email) } }, select: { email: true } });
      const errors = parsed.rows
        .filter((r) => taken.some((t) => t.email === r.email))
        .map((r) => ({ line: r.line, message: `${r.email} is already invited to this link.` }));
      if (errors.length) return { ok: false, errors, csv, message: `Nobody was invited: ${errors.length} line(s) need fixing.` };
      const first = parsed.rows[0]!;
      const sample = { id: "", ...first, expiresAt: new Date(Date.now() + link.inviteValidDays * 86_400_000), link };
      const text = invitationText(sample, "(their personal link)");
      return { ok: true, csv, preview: { people: parsed.rows.map((r) => ({ name: r.name, email: r.email })), ...text } };
    }
    const created = await createInvitations(linkId, parsed.rows, actor.id);
    if (!created.ok) return { ok: false, errors: created.errors, csv, message: `Nobody was invited: ${created.errors.length} line(s) need fixing.` };
    for (const id of created.ids) await sendInvitation(id);
    log.info("invitations sent", { linkId, count: created.ids.length, userId: actor.id });
    revalidatePath(`/admin/links/${linkId}/invitations`);
    return { ok: true, message: `${created.ids.length} ${created.ids.length === 1 ? "invitation" : "invitations"} sent.` };
  },
});

const rowAction = (name: string, run: (linkId: string, invitationId: string) => Promise<ActionState>) =>
  defineAction({
    name,
    who: "admin",
    schema: invitationRowSchema,
    invalid: () => ({ ok: false, message: "Unknown invitation." }),
    run: (i) => run(i.linkId, i.invitationId),
  });

const resend = rowAction("resendInvitation", async (linkId, invitationId) => {
  const inv = await db().invitation.findFirst({ where: { id: invitationId, linkId }, select: { email: true, uploadedAt: true } });
  if (!inv) return { ok: false, message: "Unknown invitation." };
  if (inv.uploadedAt) return { ok: false, message: `${inv.email} has already uploaded.` };
  const r = await sendInvitation(invitationId);
  return r.ok ? { ok: true, message: `Invitation sent again to ${inv.email}.` } : { ok: false, message: r.message };
});
const revoke = rowAction("revokeInvitation", async (linkId, invitationId) =>
  (await revokeInvitation(linkId, invitationId))
    ? { ok: true, message: "Invitation revoked: its link no longer works and no reminders go out." }
    : { ok: false, message: "This invitation was already revoked." },
);

export async function resendInvitationAction(linkId: string, invitationId: string): Promise<ActionState> {
  return resend({ linkId, invitationId }, undefined);
}
export async function revokeInvitationAction(linkId: string, invitationId: string): Promise<ActionState> {
  return revoke({ linkId, invitationId }, undefined);
}

export type UnsubscribeState = { ok: boolean; message?: string };

export const unsubscribeAction = formAction<"anyone", typeof unsubscribeSchema, UnsubscribeState>({
  name: "unsubscribeInvitation",
  who: "anyone",
  schema: unsubscribeSchema,
  read: (f) => ({ token: field(f, "token") }),
  invalid: (error) => ({ ok: false, message: error.issues[0]?.message ?? "This unsubscribe link is not valid." }),
  run: async ({ token }) => {
    const r = await unsubscribe(token);
    if (!r.ok) return { ok: false, message: "This unsubscribe link is not valid. Open it from the e-mail again." };
    return { ok: true, message: `Done: you will get no more e-mails about “${r.linkTitle}”.` };
  },
});
