// The review page's contributor side (issue #17): a clear "withdrawn" notice with the override,
// the consent version agreed to, the private link, and the replacements.
import { Card } from "@/components/ui/card";
import { contributorAdminInfo } from "@/lib/contributor/admin";
import { formatWhen } from "@/lib/format";
import { OverrideForm } from "./override-form";
import { RevokeReceipt } from "./revoke-receipt";

export async function ContributorAdminCards({ uploadId }: { uploadId: string }) {
  const info = await contributorAdminInfo(uploadId);
  if (!info) return null;
  const { token } = info;
  const v = token.consentVersion;
  return (
    <>
      {info.withdrawnAt ? (
        <Card title="Consent withdrawn">
          <p className="font-semibold text-red-900" data-testid="withdrawn-notice">
            The contributor withdrew consent on {formatWhen(info.withdrawnAt)}.
          </p>
          {info.withdrawnReason ? <p className="mt-1 text-sm text-slate-700">Their reason: {info.withdrawnReason}</p> : null}
          <p className="mt-1 text-sm text-slate-700">Their link cannot undo this. Publishing it again is an override that needs a reason.</p>
          <OverrideForm uploadId={info.id} />
        </Card>
      ) : null}
      <Card title="Consent">
        {token.consentAt ? (
          <div data-testid="consent-version">
            <blockquote className="border-l-4 border-slate-300 pl-3 whitespace-pre-wrap">{v?.text ?? token.consentText}</blockquote>
            <p className="mt-2 text-sm break-words text-slate-700 [overflow-wrap:anywhere]">
              Agreed {formatWhen(token.consentAt)}
              {token.consentIp ? ` from ${token.consentIp}` : ""}.
              {v ? ` Version ${v.version} of this link's text (SHA-256 ${v.sha256}), written ${formatWhen(v.createdAt)}.` : ""}
            </p>
          </div>
        ) : (
          <p className="text-slate-700">This link asked for no consent statement.</p>
        )}
      </Card>
      <Card title="Contributor's page">
        {token.receipt ? (
          <>
            <p className="text-sm text-slate-700" data-testid="receipt-status">
              {token.receipt.revokedAt
                ? `Private link revoked ${formatWhen(token.receipt.revokedAt)}.`
                : `Private link sent ${formatWhen(token.receipt.createdAt)}, valid until ${formatWhen(token.receipt.expiresAt)}.`}
            </p>
            {token.receipt.revokedAt ? null : <RevokeReceipt receiptId={token.receipt.id} uploadId={info.id} />}
          </>
        ) : (
          <p className="text-sm text-slate-700">
            {token.contributorEmail
              ? "No private link yet (sent once TwentyThree confirms the upload)."
              : "No e-mail address was given, so no private link was sent."}
          </p>
        )}
        {info.replacements.length ? (
          <ul className="mt-3 space-y-1 text-sm" data-testid="replacement-history">
            {info.replacements.map((r) => (
              <li key={r.id}>
                Replacement started {formatWhen(r.createdAt)}: {r.status === "done" ? `new file uploaded ${formatWhen(r.completedAt)}` : r.status}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </>
  );
}
