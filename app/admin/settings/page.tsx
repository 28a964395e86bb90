import type { Metadata } from "next";
import { ConnectionForm, EditConnection } from "@/components/admin/connection-form";
import { ConnectionTest } from "@/components/admin/connection-test";
import { SiteBranding } from "@/components/admin/link-branding";
import { Card, EmptyState } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { listConnections } from "@/lib/settings/data";
import type { ConnectionView } from "@/lib/settings/schema";

export const metadata: Metadata = { title: "Settings" };

const statusText: Record<string, string> = {
  ok: "Working",
  bad_credentials: "Credentials rejected",
  insufficient_permission: "Permission too low",
  unreachable: "Unreachable",
  error: "Error",
};

export default async function SettingsPage() {
  await requireAdmin("/admin/settings");
  const connections = await listConnections();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Settings</h1>
        <p className="mt-1 text-slate-700">TwentyThree connections: the sites intake links upload to.</p>
        <p className="mt-1">
          <a href="/admin/settings/webhooks" className="font-semibold text-blue-800 underline">
            Webhooks
          </a>{" "}
          — signed events for Slack, Zapier or a CRM.
        </p>
        <p className="mt-1">
          <a href="/admin/settings/mail" className="font-semibold text-blue-800 underline">
            E-mail
          </a>{" "}
          — team e-mails and digests that failed or are waiting, with “Send again”.
        </p>
      </div>
      <section aria-labelledby="connections-heading" className="space-y-4">
        <h2 id="connections-heading" className="text-lg font-semibold">
          Connections
        </h2>
        {connections.length === 0 ? (
          <EmptyState title="No TwentyThree connection yet">Add one below with the API credentials from your TwentyThree site, then test it.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {connections.map((c) => (
              <li key={c.id}>
                <ConnectionCard connection={c} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Card title="Add a connection">
        <ConnectionForm />
      </Card>
      <SiteBranding />
    </div>
  );
}

function ConnectionCard({ connection: c }: { connection: ConnectionView }) {
  return (
    <article aria-label={c.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">
            {c.name}{" "}
            {c.isDefault ? (
              <span className="ml-1 rounded bg-blue-100 px-1.5 py-0.5 text-xs font-medium text-blue-900">
                Default{c.fromSettings ? " · from settings" : ""}
              </span>
            ) : null}
          </h3>
          <p className="break-all text-sm text-slate-600">{c.apiUrl}</p>
          <p className="mt-1 text-sm">
            {c.lastCheckStatus ? (
              <>
                <span className={c.lastCheckStatus === "ok" ? "text-green-800" : "text-red-800"}>{statusText[c.lastCheckStatus] ?? c.lastCheckStatus}</span>
                {c.siteName ? ` · ${c.siteName}` : ""}
                {c.permissionLevel ? ` · permission ${c.permissionLevel}` : ""}
              </>
            ) : (
              <span className="text-slate-600">Not tested yet</span>
            )}
          </p>
          {c.isDefault ? <p className="mt-1 text-sm text-slate-600">Managed by the server settings (TWENTYTHREE_*); edit it there.</p> : null}
        </div>
        <ConnectionTest id={c.id} name={c.name} />
      </div>
      {c.isDefault ? null : <EditConnection connection={c} />}
    </article>
  );
}
