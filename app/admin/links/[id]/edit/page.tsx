import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkForm } from "@/components/admin/link-form";
import { requireAdmin } from "@/lib/auth/guard";
import { linkById } from "@/lib/links/queries";
import { defaultsFor, formContext } from "@/lib/links/form-context";

export const metadata: Metadata = { title: "Edit intake link" };

export default async function EditLinkPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ copied?: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/links/${id}/edit`);
  const { copied } = await searchParams;
  const link = await linkById(id);
  if (!link) notFound();
  const ctx = await formContext();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Edit “{link.title}”</h1>
      {copied ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
          This is a copy and is not active yet. Adjust it, tick “Active” and save.
        </p>
      ) : null}
      <LinkForm defaults={defaultsFor(link, link.connectionId, ctx.members)} {...ctx} />
    </div>
  );
}
