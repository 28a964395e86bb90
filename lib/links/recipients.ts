// A link's e-mail recipients (issue #16). The form sends one list of addresses (members ticked
// and addresses typed); addresses that belong to a member are stored as that member's user id,
// so mail follows the member when their address changes. Every other address stays as typed.
import type { IntakeLink } from "@/generated/prisma/client";
import { db } from "@/lib/db";

/** The stored form of the list the form sent: member ids and the remaining addresses. */
export async function recipientColumns(addresses: string[]): Promise<{ notifyEmails: string[]; notifyMemberIds: string[] }> {
  if (!addresses.length) return { notifyEmails: [], notifyMemberIds: [] };
  const members = await db().user.findMany({ where: { email: { in: addresses, mode: "insensitive" } }, select: { id: true, email: true } });
  const taken = new Set(members.map((m) => m.email.toLowerCase()));
  return { notifyEmails: addresses.filter((a) => !taken.has(a.toLowerCase())), notifyMemberIds: members.map((m) => m.id) };
}

/** Where a link's mail goes now: its members' current addresses (active members only) and the typed ones. */
export async function recipientAddresses(link: Pick<IntakeLink, "notifyEmails" | "notifyMemberIds">): Promise<string[]> {
  const members = link.notifyMemberIds.length
    ? await db().user.findMany({ where: { id: { in: link.notifyMemberIds }, disabled: false }, select: { email: true }, orderBy: { email: "asc" } })
    : [];
  const seen = new Set<string>();
  return [...members.map((m) => m.email), ...link.notifyEmails].filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}
