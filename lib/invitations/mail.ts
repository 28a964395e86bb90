// Invitation and reminder e-mails in the team's outbox (lib/mail/outbox.ts): the message row
// names the invitation in its dedupe key (`invite:<id>:<send n>`, `reminder:<id>:<n>`), and its
// content is built when it is sent, so a revoke, an unsubscribe or an upload in between stops it.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/messages";
import type { MailContent } from "@/lib/mail/templates";
import { renderInviteMail } from "./mail-template";
import { signInvite, signUnsubscribe } from "./signing";
import { DEFAULT_INVITE_BODY, DEFAULT_INVITE_SUBJECT, fillTemplate, formatExpiry } from "./template";

export const INVITATION_MAIL_KINDS = ["invite", "reminder"] as const;
export const isInvitationMail = (kind: string) => (INVITATION_MAIL_KINDS as readonly string[]).includes(kind);
const invitationIdOf = (dedupeKey: string) => dedupeKey.split(":")[1] ?? "";

export function invitationUrls(slug: string, invitationId: string) {
  const base = env().appUrl;
  const t = encodeURIComponent(signUnsubscribe(invitationId));
  return {
    personal: `${base}/u/${slug}?i=${encodeURIComponent(signInvite(invitationId))}`,
    /** The link in the text: a page with one button (a mail scanner fetching it unsubscribes nobody). */
    unsubscribePage: `${base}/invite/unsubscribe?t=${t}`,
    /** RFC 8058 one-click: mail clients POST here (List-Unsubscribe-Post). */
    unsubscribeOneClick: `${base}/api/invitations/unsubscribe?t=${t}`,
  };
}

type InvitationForMail = {
  id: string;
  name: string;
  email: string;
  fields: unknown;
  expiresAt: Date;
  link: { slug: string; title: string; inviteSubject: string | null; inviteBody: string | null };
};

/** Issue #18: the default subject and text in the link's language, when the admin wrote none
 * (an untouched English default, as the admin form pre-fills it, counts as none). */
type Defaults = { subject: (v: { name: string; title: string }) => string; body: (v: { name: string; title: string; expires: Date }) => string };

/** The subject and text of an invitee's e-mail: the link's template (or the default), filled in. */
export function invitationText(inv: InvitationForMail, personalUrl: string, defaults?: Defaults): { subject: string; body: string } {
  const custom = inv.fields && typeof inv.fields === "object" && !Array.isArray(inv.fields) ? (inv.fields as Record<string, string>) : {};
  const values = { ...custom, name: inv.name, email: inv.email, title: inv.link.title, link: personalUrl, expires: formatExpiry(inv.expiresAt) };
  const own = (v: string | null, english: string) => (v && v !== english ? v : null);
  const subject = own(inv.link.inviteSubject, DEFAULT_INVITE_SUBJECT);
  const body = own(inv.link.inviteBody, DEFAULT_INVITE_BODY);
  return {
    subject: (subject === null && defaults
      ? defaults.subject({ name: inv.name, title: inv.link.title })
      : fillTemplate(subject ?? DEFAULT_INVITE_SUBJECT, values)
    )
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 250),
    body:
      body === null && defaults
        ? defaults.body({ name: inv.name, title: inv.link.title, expires: inv.expiresAt })
        : fillTemplate(body ?? DEFAULT_INVITE_BODY, values),
  };
}

/** The content of an invitation or reminder message, or null when it must no longer go out. */
export async function invitationMail(kind: string, dedupeKey: string, now = new Date()): Promise<MailContent | null> {
  const inv = await db().invitation.findUnique({
    where: { id: invitationIdOf(dedupeKey) },
    include: { link: { select: { slug: true, title: true, inviteSubject: true, inviteBody: true, deletedAt: true, language: true } } },
  });
  if (!inv || inv.revokedAt || inv.unsubscribedAt || inv.expiresAt <= now || inv.link.deletedAt) return null;
  if (kind === "reminder" && inv.uploadedAt) return null;
  const urls = invitationUrls(inv.link.slug, inv.id);
  const { locale, t } = await translatorFor(inv.link.language, "invite");
  const text = invitationText(inv, urls.personal, { subject: (v) => t("subject", v), body: (v) => t("body", v) });
  const words = {
    lang: locale,
    preview: t("preview"),
    reminderNote: t("reminderNote"),
    cta: t("cta"),
    orOpen: t("orOpen", { url: urls.personal }),
    personal: t("personal"),
    unsubscribe: t("unsubscribe"),
  };
  const content = await renderInviteMail(kind === "reminder" ? t("reminderSubject", { subject: text.subject }) : text.subject, {
    words,
    body: text.body,
    reminder: kind === "reminder",
    personalUrl: urls.personal,
    unsubscribeUrl: urls.unsubscribePage,
  });
  return { ...content, headers: { "List-Unsubscribe": `<${urls.unsubscribeOneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

/** What SMTP said about an invitation's message: accepted ("delivered" as far as we can know) or refused for good (5xx). */
export async function noteInvitationMail(kind: string, dedupeKey: string, outcome: { delivered: true } | { bounced: string }, now = new Date()): Promise<void> {
  if (!isInvitationMail(kind)) return;
  const id = invitationIdOf(dedupeKey);
  if ("delivered" in outcome) await db().invitation.updateMany({ where: { id }, data: { deliveredAt: now, bouncedAt: null, bounceReason: null } });
  else await db().invitation.updateMany({ where: { id }, data: { bouncedAt: now, bounceReason: outcome.bounced.slice(0, 300), nextReminderAt: null } });
}
