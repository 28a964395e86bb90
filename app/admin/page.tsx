import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guard";
import { UploadCountsSection } from "@/components/uploads/upload-counts";
import { uploadCounts, weekOverview } from "@/lib/uploads/counts";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminOverview({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const actor = await requireUser("/admin");
  const { denied } = await searchParams;
  const [{ links, uploadsWeek, failedWeek, testedConnections }, counts] = await Promise.all([weekOverview(), uploadCounts()]);
  const isAdmin = actor.role === "ADMIN";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Overview</h1>
      {denied ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          That page is for admins. Ask an admin if you need access.
        </p>
      ) : null}
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat label="Active intake links" value={links} />
        <Stat label="Uploads in the last 7 days" value={uploadsWeek} />
        <Stat label="Failed uploads in the last 7 days" value={failedWeek} />
      </dl>
      <UploadCountsSection counts={counts} />
      {isAdmin ? (
        <Card title="Next steps">
          <ol className="list-decimal space-y-2 pl-5 text-slate-800">
            <li className={testedConnections ? "text-slate-500" : ""}>
              {testedConnections ? "TwentyThree is connected." : "Connect TwentyThree and test the connection in Settings."}
            </li>
            <li className={links ? "text-slate-500" : ""}>Create an intake link and share its URL or QR code.</li>
            <li>Invite your team in Members so they can review uploads.</li>
          </ol>
          <div className="mt-4 flex flex-wrap gap-2">
            <ButtonLink href="/admin/links/new">New intake link</ButtonLink>
            <ButtonLink href="/admin/settings" variant="secondary">
              Settings
            </ButtonLink>
          </div>
        </Card>
      ) : (
        <Card title="Review uploads">
          <p>As a team member you can review and moderate what arrives.</p>
          <ButtonLink className="mt-4" href="/admin/uploads">
            Open uploads
          </ButtonLink>
        </Card>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold">{value}</dd>
    </div>
  );
}
