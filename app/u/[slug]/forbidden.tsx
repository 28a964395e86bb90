import { PublicShell } from "@/components/public/shell";
import { INVITE_REFUSALS } from "@/lib/invitations/access";
import { inviteRefusal } from "@/lib/invitations/refusal";

// A refused personal invitation (403): which of guessed/altered, revoked or expired it was.
export default function InviteRefused() {
  const m = INVITE_REFUSALS[inviteRefusal() ?? "invalid"];
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">{m.title}</h1>
      <p className="mt-3 text-slate-700">{m.body}</p>
    </PublicShell>
  );
}
