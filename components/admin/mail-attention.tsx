// The team e-mails that need someone to look (issue #16), on Settings → E-mail: failed ones with
// the mail server's reason and "Send again", and ones still being retried or waiting.
import { MailResend } from "@/components/uploads/mail-resend";
import { EmptyState } from "@/components/ui/card";
import { formatWhen } from "@/lib/format";

type Mail = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  uploadId: string | null;
  linkTitle: string;
};
const KIND: Record<string, string> = { new_upload: "New upload", ready: "Ready to watch", digest: "Daily digest" };

export function MailAttention({ mails }: { mails: Mail[] }) {
  if (mails.length === 0) return <EmptyState title="Nothing waiting">Every team e-mail went out.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="mail-attention">
      {mails.map((m) => (
        <li key={m.id} className="p-3" aria-label={`${KIND[m.kind] ?? m.kind} to ${m.to}`}>
          <div>
            <span className="font-medium">{KIND[m.kind] ?? m.kind}</span> to {m.to} · “{m.subject}” · link “{m.linkTitle}” · queued {formatWhen(m.createdAt)}
            {m.uploadId ? (
              <>
                {" · "}
                <a href={`/admin/uploads/${m.uploadId}`} className="text-blue-800 underline">
                  the upload
                </a>
              </>
            ) : null}
          </div>
          <div>
            {m.status === "FAILED" ? (
              <span className="text-red-800">Failed after {m.attempts} attempts</span>
            ) : (
              <span className="text-amber-900">{m.attempts ? `Retrying (attempt ${m.attempts} failed)` : "Waiting to be sent"}</span>
            )}
          </div>
          {m.lastError ? <div className="text-xs text-red-800">{m.lastError}</div> : null}
          {m.status === "FAILED" ? <MailResend messageId={m.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
