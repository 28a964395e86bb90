import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InvitationFunnel } from "@/components/admin/invitations/funnel";
import { InviteForm } from "@/components/admin/invitations/invite-form";
import { InviteTemplateForm } from "@/components/admin/invitations/template-form";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/guard";
import { invitationSettings, invitationsView } from "@/lib/invitations/queries";
import { DEFAULT_INVITE_BODY, DEFAULT_INVITE_SUBJECT } from "@/lib/invitations/template";
import { publicUrlFor } from "@/lib/links/qr";

export const metadata: Metadata = { title: "Invitations" };
export const dynamic = "force-dynamic";

export default async function InvitationsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/links/${id}/invitations`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const link = await invitationSettings(id);
  if (!link) notFound();
  const view = await invitationsView(link.id);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">Invitations: {link.title}</h1>
          <p className="text-slate-600">Each person gets a personal link to this intake page, greeting them by name, with their details filled in.</p>
        </div>
        <ButtonLink href={`/admin/links/${link.id}`} variant="secondary">
          Back to the link
        </ButtonLink>
      </div>
      <Card title="Funnel">
        <InvitationFunnel linkId={link.id} initial={view} />
      </Card>
      <Card title="Invite people">
        <InviteForm linkId={link.id} />
      </Card>
      <Card title="Invitation e-mail and reminders">
        <InviteTemplateForm
          s={{
            id: link.id,
            title: link.title,
            subject: link.inviteSubject ?? DEFAULT_INVITE_SUBJECT,
            body: link.inviteBody ?? DEFAULT_INVITE_BODY,
            validDays: link.inviteValidDays,
            reminderCount: link.reminderCount,
            intervalHours: link.reminderIntervalHours,
            sampleUrl: `${publicUrlFor(link.slug)}?i=…`,
          }}
        />
      </Card>
    </div>
  );
}
