import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/admin/copy-button";
import { LinkActions } from "@/components/admin/link-actions";
import { LinkBranding } from "@/components/admin/link-branding";
import { LinkCountsList } from "@/components/admin/link-counts";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { linkById, linkCounts } from "@/lib/links/queries";
import { publicUrlFor, qrSvg } from "@/lib/links/qr";

export const metadata: Metadata = { title: "Intake link" };

const modeText = { OFF: "not asked", OPTIONAL: "optional", REQUIRED: "required" } as const;

export default async function LinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string }>;
}) {
  const { id } = await params;
  await requireAdmin(`/admin/links/${id}`);
  const flags = await searchParams;
  const link = await linkById(id);
  if (!link) notFound();
  const counts = await linkCounts(link.id);
  const url = publicUrlFor(link.slug);
  const svg = await qrSvg(url);
  const vars = Object.entries((link.customVariables ?? {}) as Record<string, unknown>);
  return (
    <div className="space-y-6">
      {flags.created || flags.saved ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
          {flags.created ? "Link created. Share the address or the QR code below." : "Changes saved."}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{link.title}</h1>
          <p className="text-slate-600">
            {link.active ? "Active" : "Inactive"} · {link.membersOnly ? "team members only" : "public"} · {link.connection.name}
          </p>
        </div>
        <div className="flex gap-2">
          <ButtonLink href={`/admin/links/${link.id}/invitations`} variant="secondary">
            Invitations
          </ButtonLink>
          <ButtonLink href={`/admin/links/${link.id}/edit`}>Edit</ButtonLink>
        </div>
      </div>
      <Card title="Share">
        <div className="flex flex-col gap-4 sm:flex-row">
          <div className="min-w-0 flex-1 space-y-3">
            <p className="text-sm text-slate-600">Public address</p>
            <p className="break-all font-mono text-base" data-testid="public-url">
              {url}
            </p>
            <CopyButton text={url} />
            <p>
              <a className="text-sm font-semibold text-blue-800 underline" href={`/admin/links/${link.id}/qr.svg`} download={`${link.slug}-qr.svg`}>
                Download the QR code (SVG)
              </a>
            </p>
          </div>
          {/* qrcode's own SVG output for our URL: no user-controlled markup. */}
          <div role="img" aria-label={`QR code for ${url}`} className="h-40 w-40 shrink-0" dangerouslySetInnerHTML={{ __html: svg }} />
        </div>
      </Card>
      <LinkBranding link={link} publicUrl={url} />
      <Card title="Activity">
        <LinkCountsList counts={counts} />
      </Card>
      <Card title="Settings">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Row label="Albums" value={link.albumIds.length ? link.albumIds.join(", ") : "none"} />
          <Row label="Tags" value={link.tags.length ? link.tags.join(", ") : "none"} />
          <Row label="Publish" value={link.publish ? "right away" : "after review"} />
          <Row label="Custom variables" value={vars.length ? vars.map(([k, v]) => `${k}=${String(v)}`).join(", ") : "none"} />
          <Row label="Name / email" value={link.membersOnly ? "skipped (members only)" : `${modeText[link.nameField]} / ${modeText[link.emailField]}`} />
          <Row label="Title / description" value={`${modeText[link.titleField]} / ${modeText[link.descriptionField]}`} />
          <Row label="Upload window" value={`${link.validMinutes} minutes, ${link.maxUploads} file(s) per visit`} />
          <Row label="Closes" value={link.expiresAt ? link.expiresAt.toUTCString() : "never"} />
        </dl>
      </Card>
      <LinkActions id={link.id} active={link.active} hasActivity={counts.tokens + counts.received > 0} />
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-2">
      <dt className="font-medium text-slate-700">{label}:</dt>
      <dd className="min-w-0 break-words">{value}</dd>
    </div>
  );
}
