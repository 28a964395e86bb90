// Team accounts. Guard rails: nobody disables, demotes or removes themselves, and the last
// enabled admin stays, so the portal can never be left without someone to run it.
import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { clearAccountLocks } from "@/lib/auth/login";
import { hashPassword } from "@/lib/passwords";

export type MemberResult = { ok: true } | { ok: false; message: string; field?: string };

export function listMembers() {
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lockedUntil: true, createdAt: true },
  });
}

export async function addMember(input: { email: string; name: string; role: "ADMIN" | "MEMBER"; password: string }): Promise<MemberResult> {
  try {
    await db().user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) } });
    return { ok: true };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "email", message: "Someone with this email is already a member." };
    throw err;
  }
}

async function wouldLeaveNoAdmin(targetId: string): Promise<boolean> {
  const target = await db().user.findUnique({ where: { id: targetId } });
  if (!target || target.role !== "ADMIN" || target.disabled) return false;
  return (await db().user.count({ where: { role: "ADMIN", disabled: false } })) <= 1;
}

export async function setDisabled(actorId: string, id: string, disabled: boolean): Promise<MemberResult> {
  if (id === actorId) return { ok: false, message: "You cannot disable your own account." };
  if (disabled && (await wouldLeaveNoAdmin(id))) return { ok: false, message: "This is the last enabled admin; make someone else an admin first." };
  const r = await db().user.updateMany({ where: { id }, data: { disabled, ...(disabled ? {} : { failedLogins: 0, lockedUntil: null }) } });
  if (r.count && !disabled) await clearAccountLocks(id);
  return r.count ? { ok: true } : { ok: false, message: "That member no longer exists." };
}

export async function setRole(actorId: string, id: string, role: "ADMIN" | "MEMBER"): Promise<MemberResult> {
  if (id === actorId) return { ok: false, message: "You cannot change your own role." };
  if (role === "MEMBER" && (await wouldLeaveNoAdmin(id))) return { ok: false, message: "This is the last enabled admin." };
  const r = await db().user.updateMany({ where: { id }, data: { role } });
  return r.count ? { ok: true } : { ok: false, message: "That member no longer exists." };
}

export async function removeMember(actorId: string, id: string): Promise<MemberResult> {
  if (id === actorId) return { ok: false, message: "You cannot remove your own account." };
  if (await wouldLeaveNoAdmin(id)) return { ok: false, message: "This is the last enabled admin; make someone else an admin first." };
  // Links, tokens and moderation history keep their rows; their user reference becomes empty.
  const r = await db().user.deleteMany({ where: { id } });
  return r.count ? { ok: true } : { ok: false, message: "That member no longer exists." };
}

export async function resetPassword(id: string, password: string): Promise<MemberResult> {
  const r = await db().user.updateMany({ where: { id }, data: { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null } });
  if (r.count) await clearAccountLocks(id);
  return r.count ? { ok: true } : { ok: false, message: "That member no longer exists." };
}
