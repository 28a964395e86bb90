"use client";
// The link's invitation funnel and invitees, refreshed every few seconds (React Query), with
// Resend and Revoke per row.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { QueryProvider } from "@/components/ui/query-provider";
import type { ActionState } from "@/lib/auth/action-state";
import { formatWhen } from "@/lib/format";
import { resendInvitationAction, revokeInvitationAction } from "@/lib/invitations/actions";
import type { InvitationsView } from "@/lib/invitations/types";

export const FUNNEL_POLL_MS = 3_000;
const STEPS = [
  ["invited", "Invited"],
  ["sent", "Sent"],
  ["delivered", "Delivered"],
  ["opened", "Opened"],
  ["started", "Started"],
  ["uploaded", "Uploaded"],
  ["verified", "Verified"],
  ["bounced", "Bounced"],
  ["unsubscribed", "Unsubscribed"],
] as const;

async function fetchView(linkId: string): Promise<InvitationsView> {
  const res = await fetch(`/api/admin/links/${linkId}/invitations`, { cache: "no-store" });
  if (!res.ok) throw new Error("The invitations could not be refreshed.");
  return res.json();
}

export function InvitationFunnel(props: { linkId: string; initial: InvitationsView }) {
  return (
    <QueryProvider>
      <Funnel {...props} />
    </QueryProvider>
  );
}

function Funnel({ linkId, initial }: { linkId: string; initial: InvitationsView }) {
  const qc = useQueryClient();
  const [state, setState] = useState<ActionState>({ ok: false });
  const [busy, setBusy] = useState<string>();
  const { data, error } = useQuery({
    queryKey: ["invitations", linkId],
    queryFn: () => fetchView(linkId),
    initialData: initial,
    initialDataUpdatedAt: Date.now(),
    refetchInterval: FUNNEL_POLL_MS,
  });
  const act = async (id: string, run: typeof resendInvitationAction, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(id);
    setState(await run(linkId, id));
    setBusy(undefined);
    await qc.invalidateQueries({ queryKey: ["invitations", linkId] });
  };
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-9" aria-label="Invitation funnel" data-testid="funnel">
        {STEPS.map(([k, label]) => (
          <div key={k} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200" data-testid={`funnel-${k}`}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold">{data.funnel[k]}</dd>
          </div>
        ))}
      </dl>
      {error ? <p className="text-sm text-red-800">{(error as Error).message}</p> : null}
      <FormMessage state={state} />
      {data.rows.length ? (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th className="py-2 pr-3 font-medium">Name</th>
              <th className="py-2 pr-3 font-medium">E-mail</th>
              <th className="py-2 pr-3 font-medium">Status</th>
              <th className="py-2 pr-3 font-medium">Sent</th>
              <th className="py-2 pr-3 font-medium">Reminders</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100" data-testid="invitation-row" data-email={r.email}>
                <td className="py-2 pr-3">{r.name}</td>
                <td className="py-2 pr-3 break-all">{r.email}</td>
                <td className="py-2 pr-3" data-testid="invitation-status">
                  {r.status}
                </td>
                <td className="py-2 pr-3">{r.sentAt ? formatWhen(r.sentAt) : "–"}</td>
                <td className="py-2 pr-3">{r.remindersSent}</td>
                <td className="flex gap-2 py-2">
                  {r.canResend ? (
                    <Button size="sm" variant="secondary" disabled={busy === r.id} onClick={() => act(r.id, resendInvitationAction)}>
                      Resend<span className="sr-only"> to {r.email}</span>
                    </Button>
                  ) : null}
                  {r.canRevoke ? (
                    <Button
                      size="sm"
                      variant="dangerGhost"
                      disabled={busy === r.id}
                      onClick={() => act(r.id, revokeInvitationAction, `Revoke the invitation of ${r.email}? Their personal link stops working.`)}
                    >
                      Revoke<span className="sr-only"> the invitation of {r.email}</span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-slate-600">Nobody is invited yet.</p>
      )}
    </div>
  );
}
