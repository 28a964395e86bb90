// The members page's rows: each account, whether it is locked out, and which one is the viewer.
import "server-only";
import { lockedAccountIds } from "@/lib/auth/login";
import { listMembers } from "@/lib/members/data";

export async function memberRows(viewerId: string) {
  const [locked, members] = await Promise.all([lockedAccountIds(), listMembers()]);
  return members.map((m) => ({
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    disabled: m.disabled,
    // Locked out from at least one address (lib/auth/login.ts).
    locked: locked.has(m.id),
    isSelf: m.id === viewerId,
  }));
}
