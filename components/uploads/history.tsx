// The audit trail of one upload: callbacks TwentyThree made, and every moderation attempt.
import { TableHead } from "@/components/ui/table";
import type { UploadDetail } from "@/lib/uploads/detail";
import { formatWhen } from "@/lib/format";

// Callback parameters that would let someone reuse a token or forge a state stay out of the page.
import { HIDDEN_PARAMS } from "@/lib/intake/callback-audit";

export function showParams(params: unknown): string {
  if (!params || typeof params !== "object") return "{}";
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) out[k] = HIDDEN_PARAMS.has(k) ? "(hidden)" : v;
  return JSON.stringify(out, null, 2);
}

const cell = "px-3 py-2 align-top";

export function CallbackHistory({ events }: { events: UploadDetail["callbacks"] }) {
  if (events.length === 0) return <p className="text-slate-700">No callbacks recorded.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Callbacks received for this upload or its token, newest first</caption>
        <TableHead cellClassName={cell} columns={["Received", "How", "Outcome", "Parameters"]} />
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={e.receivedAt.toISOString()}>{formatWhen(e.receivedAt)}</time>
              </td>
              <td className={cell}>
                {e.method}
                {e.background ? " (background)" : ""}
              </td>
              <td className={cell}>
                {e.outcome}
                {e.reason ? <div className="text-xs text-slate-600">{e.reason}</div> : null}
              </td>
              <td className={cell}>
                <details>
                  <summary className="cursor-pointer text-blue-800 underline">Show</summary>
                  <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">
                    {e.params ? showParams(e.params) : `${e.excerpt ?? ""}\nSHA-256 ${e.paramsSha256 ?? "—"}`}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ACTION_LABELS: Record<string, string> = {
  approve: "Approve and publish",
  unpublish: "Unpublish",
  reject: "Reject",
  delete: "Delete",
  edit: "Edit",
  withdraw: "Consent withdrawn",
  replace: "Video replaced",
};

/** Withdrawals and replacements are the contributor's own (issue #17); overrides carry a reason. */
const noteOf = (detail: unknown): string | null => {
  const d = (detail ?? {}) as { reason?: string | null; override?: string };
  if (d.override) return `Override: ${d.override}`;
  return d.reason ? `Reason: ${d.reason}` : null;
};

export function ModerationHistory({ actions }: { actions: UploadDetail["upload"]["moderation"] }) {
  if (actions.length === 0) return <p className="text-slate-700">Nobody has moderated this upload yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Moderation attempts, newest first</caption>
        <TableHead cellClassName={cell} columns={["When", "Who", "Action", "Result"]} />
        <tbody className="divide-y divide-slate-100">
          {actions.map((a) => (
            <tr key={a.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={a.createdAt.toISOString()}>{formatWhen(a.createdAt)}</time>
              </td>
              <td className={cell}>
                {a.user ? a.user.name || a.user.email : (a.detail as { by?: string })?.by === "contributor" ? "The contributor" : "(removed user)"}
              </td>
              <td className={cell}>
                {ACTION_LABELS[a.action] ?? a.action}
                {noteOf(a.detail) ? <span className="block text-xs text-slate-600">{noteOf(a.detail)}</span> : null}
              </td>
              <td className={cell}>{a.ok ? "Done" : <span className="text-red-800">Failed: {a.error}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
