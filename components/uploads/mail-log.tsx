// The team e-mails about one upload: who, what, and whether it went (failures with the server's
// reason, so staff can see a broken SMTP setting; FAILED ones can be sent again).
import { formatWhen } from "@/lib/format";
import { MailResend } from "@/components/uploads/mail-resend";

type Mail = { id: string; kind: string; to: string; status: string; attempts: number; lastError: string | null; sentAt: Date | null; createdAt: Date };
const KIND: Record<string, string> = {
  new_upload: "New upload",
  ready: "Ready to watch",
  digest: "Digest",
  receipt: "Contributor's receipt",
  withdrawn: "Consent withdrawn",
  replaced: "Video replaced",
};

export function MailLog({ mails }: { mails: Mail[] }) {
  if (mails.length === 0) return <p className="text-slate-700">No e-mail about this upload (the link notifies nobody, or sends a daily digest).</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="mail-log">
      {mails.map((m) => (
        <li key={m.id} className="py-2">
          <span className="font-medium">{KIND[m.kind] ?? m.kind}</span> to {m.to}:{" "}
          {m.status === "SENT" ? (
            <span className="text-green-800">sent {formatWhen(m.sentAt)}</span>
          ) : m.status === "FAILED" ? (
            <span className="text-red-800">failed after {m.attempts} attempts</span>
          ) : (
            <span className="text-amber-900">{m.attempts ? `retrying (attempt ${m.attempts} failed)` : "queued"}</span>
          )}
          {m.lastError ? <div className="text-xs text-red-800">{m.lastError}</div> : null}
          {m.status === "FAILED" ? <MailResend messageId={m.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
