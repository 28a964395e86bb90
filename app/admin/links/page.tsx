import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/admin/copy-button";
import { LinkCountsList } from "@/components/admin/link-counts";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { linksOverview } from "@/lib/links/queries";
import { publicUrlFor } from "@/lib/links/qr";

export const metadata: Metadata = { title: "Intake links" };

const deletedText: Record<string, string> = {
  deleted: "The link was deleted.",
  archived: "The link had uploads, so it was archived: its page is closed and the uploads keep their history.",
};

export default async function LinksPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireAdmin("/admin/links");
  const { deleted } = await searchParams;
  const { links, hasConnection } = await linksOverview();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Intake links</h1>
        <ButtonLink href="/admin/links/new">New link</ButtonLink>
      </div>
      {deleted && deletedText[deleted] ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
          {deletedText[deleted]}
        </p>
      ) : null}
      {links.length === 0 ? (
        <EmptyState title="No intake links yet">
          {hasConnection ? (
            <>
              An intake link is a page where people upload video straight to TwentyThree.{" "}
              <Link className="font-semibold text-blue-800 underline" href="/admin/links/new">
                Create your first link
              </Link>
              .
            </>
          ) : (
            <>
              First{" "}
              <Link className="font-semibold text-blue-800 underline" href="/admin/settings">
                connect TwentyThree in Settings
              </Link>
              , then create a link.
            </>
          )}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {links.map((l) => (
            <li key={l.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="text-lg font-semibold">
                    <Link className="text-blue-800 underline" href={`/admin/links/${l.id}`}>
                      {l.title}
                    </Link>
                  </h2>
                  <p className="break-all text-sm text-slate-600">/u/{l.slug}</p>
                  <p className="mt-1 flex flex-wrap gap-1 text-xs">
                    <Badge tone={l.active ? "green" : "slate"}>{l.active ? "Active" : "Inactive"}</Badge>
                    {l.membersOnly ? <Badge tone="blue">Members only</Badge> : null}
                    <Badge tone="slate">{l.connection.name}</Badge>
                  </p>
                </div>
                <CopyButton text={publicUrlFor(l.slug)} label="Copy URL" />
              </div>
              <div className="mt-3">
                <LinkCountsList counts={l.counts} compact />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Badge({ tone, children }: { tone: "green" | "slate" | "blue"; children: React.ReactNode }) {
  const tones = { green: "bg-green-100 text-green-900", slate: "bg-slate-100 text-slate-800", blue: "bg-blue-100 text-blue-900" };
  return <span className={`rounded px-1.5 py-0.5 font-medium ${tones[tone]}`}>{children}</span>;
}
