import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/webhooks/action-button";
import { EndpointForm } from "@/components/admin/webhooks/endpoint-form";
import { Card } from "@/components/ui/card";
import { formatWhen } from "@/lib/format";
import { requireAdmin } from "@/lib/auth/guard";
import { webhooksOverview } from "@/lib/webhooks/queries";
import { deleteEndpoint, redeliverWebhook, rotateEndpointSecret, sendTestEvent } from "@/lib/webhooks/actions";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  await requireAdmin("/admin/settings/webhooks");
  const { connections, endpoints } = await webhooksOverview();
  const connName = new Map(connections.map((c) => [c.id, c.name]));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Webhooks</h1>
        <p className="mt-1 text-slate-700">
          Signed events (Standard Webhooks) for other systems: Slack, Zapier, a CRM. Failed deliveries are retried for more than a day.
        </p>
      </div>
      {endpoints.map((e) => (
        <article key={e.id} aria-label={`Webhook ${e.url}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="break-all font-semibold">{e.url}</h2>
          <p className="text-sm text-slate-700">
            {connName.get(e.connectionId) ?? "?"} · {e.slack ? "Slack message" : "signed JSON"} · {e.events.join(", ")}
          </p>
          <div className="flex flex-wrap gap-2">
            <ActionButton action={sendTestEvent} fields={{ endpointId: e.id }} label="Send test event" />
            <ActionButton action={rotateEndpointSecret} fields={{ endpointId: e.id }} label="Rotate secret" />
            <ActionButton action={deleteEndpoint} fields={{ endpointId: e.id }} label="Remove" tone="danger" />
          </div>
          {e.deliveries.length ? (
            <table className="min-w-full text-sm" data-testid="deliveries">
              <caption className="text-left font-medium">Recent deliveries</caption>
              <thead className="text-left text-slate-700">
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last answer</th>
                  <th scope="col">Latency</th>
                  <th scope="col">When</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {e.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{d.type}</td>
                    <td>
                      {d.status}
                      {d.status === "pending" && d.nextAttemptAt ? ` (next ${formatWhen(d.nextAttemptAt)})` : ""}
                    </td>
                    <td>{d.attempts}</td>
                    <td>{d.lastStatus ?? d.lastError ?? "—"}</td>
                    <td>{d.lastLatencyMs !== null ? `${d.lastLatencyMs} ms` : "—"}</td>
                    <td>{formatWhen(d.createdAt)}</td>
                    <td>{d.status !== "pending" ? <ActionButton action={redeliverWebhook} fields={{ deliveryId: d.id }} label="Redeliver" /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-700">No deliveries yet.</p>
          )}
        </article>
      ))}
      <Card title="Add an endpoint">
        <EndpointForm connections={connections} />
      </Card>
    </div>
  );
}
