// The exact consent text a contributor agreed to, with its version, fingerprint and time.
import type { ContributorView } from "@/lib/contributor/view";

export function ConsentRecord({ consent }: { consent: ContributorView["consent"] }) {
  if (!consent) return <p className="text-sm text-slate-600">No consent text was asked for when you uploaded.</p>;
  return (
    <div className="space-y-2" data-testid="consent-record">
      <blockquote className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200">{consent.text}</blockquote>
      <p className="text-xs text-slate-600 [overflow-wrap:anywhere]">
        You agreed on {consent.agreedAt.toUTCString()}
        {consent.ip ? ` from ${consent.ip}` : ""}
        {consent.version ? ` · version ${consent.version}` : ""}
        {consent.sha256 ? ` · SHA-256 ${consent.sha256}` : ""}
      </p>
    </div>
  );
}
