import type { Metadata } from "next";
import Link from "next/link";
import { LinkForm } from "@/components/admin/link-form";
import { EmptyState } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { defaultsFor, formContext } from "@/lib/links/form-context";

export const metadata: Metadata = { title: "New intake link" };

export default async function NewLinkPage() {
  await requireAdmin("/admin/links/new");
  const ctx = await formContext();
  const first = ctx.connections[0];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">New intake link</h1>
      {first ? (
        <LinkForm defaults={defaultsFor(null, first.id)} {...ctx} />
      ) : (
        <EmptyState title="Connect TwentyThree first">
          Links upload to a TwentyThree site.{" "}
          <Link className="font-semibold text-blue-800 underline" href="/admin/settings">
            Add a connection in Settings
          </Link>
          , then come back.
        </EmptyState>
      )}
    </div>
  );
}
