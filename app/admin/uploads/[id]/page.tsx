import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ContributorAdminCards } from "@/components/contributor/admin-cards";
import { WithdrawnBadge } from "@/components/contributor/withdrawn-badge";
import { Card } from "@/components/ui/card";
import { formatBytes, formatLength, formatWhen } from "@/lib/format";
import { ProcessingBadge } from "@/components/uploads/processing-badge";
import { ProcessingRetry } from "@/components/uploads/processing-retry";
import { MailLog } from "@/components/uploads/mail-log";
import { mailsForUpload } from "@/lib/mail/queries";
import { CallbackHistory, ModerationHistory } from "@/components/uploads/history";
import { ModerationPanel } from "@/components/uploads/moderation-panel";
import { StateBadge } from "@/components/uploads/state-badge";
import { RecordingPanel } from "@/components/uploads/recording-panel";
import { recordingView } from "@/lib/recording/queries";
import { requireUser } from "@/lib/auth/guard";
import { remotePhoto, uploadDetail } from "@/lib/uploads/detail";
import { unconfirmedReason } from "@/lib/uploads/moderation";

export const metadata: Metadata = { title: "Review upload" };
export const dynamic = "force-dynamic";

export default async function UploadDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/admin/uploads/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const detail = await uploadDetail(id);
  if (!detail) notFound();
  const { upload, callbacks, player } = detail;
  const { token } = upload;
  const remote = await remotePhoto(detail);
  const title = remote.photo?.title || upload.title || "Untitled upload";

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/uploads" className="text-sm text-blue-800 underline">
          ← All uploads
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold break-words">{title}</h1>
        <StateBadge state={upload.state} testId="upload-state" />
        <WithdrawnBadge at={upload.withdrawnAt} />
        <ProcessingBadge processing={upload.processing} percent={upload.processingPercent} />
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Video">
          <RecordingPanel player={player} title={title} recording={await recordingView(upload.id)} />
          {player ? null : (
            <p className="text-slate-700">
              {upload.state === "DELETED" && !unconfirmedReason(upload)
                ? "Deleted from TwentyThree."
                : upload.photoId
                  ? "Not shown: TwentyThree has not confirmed that this upload made the video its callback named."
                  : "No video on TwentyThree for this upload."}
            </p>
          )}
          {remote.photo ? (
            <p className="mt-2 text-sm text-slate-700">
              On TwentyThree: {remote.photo.publishedP ? "published" : "not published"}
              {remote.photo.tags.length ? `, tags ${remote.photo.tags.join(", ")}` : ""}.
            </p>
          ) : remote.error ? (
            <p className="mt-2 text-sm text-amber-900">{remote.error}</p>
          ) : null}
          {upload.processingError ? <p className="mt-2 text-sm text-red-800">{upload.processingError}</p> : null}
          {upload.processing === "FAILED" || upload.processing === "TIMED_OUT" ? <ProcessingRetry uploadId={upload.id} /> : null}
        </Card>

        <Card title="Moderation">
          <ModerationPanel
            uploadId={upload.id}
            state={upload.state}
            hasVideo={Boolean(upload.photoId)}
            unconfirmed={unconfirmedReason(upload)}
            edit={{
              title: remote.photo?.title ?? upload.title ?? "",
              description: remote.photo?.content ?? token.description ?? "",
              tags: remote.photo?.tags.join(", ") ?? "",
            }}
          />
        </Card>
      </div>

      <Card title="Contributor">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <Row label="Name">{upload.contributorName ?? token.contributorName ?? "—"}</Row>
          <Row label="Email">{upload.contributorEmail ?? token.contributorEmail ?? "—"}</Row>
          <Row label="Title they gave">{token.title ?? "—"}</Row>
          <Row label="Description they gave">{token.description ? <span className="whitespace-pre-wrap">{token.description}</span> : "—"}</Row>
          <Row label="Link">
            {upload.link.title} (/u/{upload.link.slug})
          </Row>
          <Row label="Received">{formatWhen(upload.createdAt)}</Row>
          <Row label="Verified">{formatWhen(upload.verifiedAt)}</Row>
          <Row label="Size">{formatBytes(upload.sizeBytes)}</Row>
          <Row label="Length">{formatLength(upload.videoLength)}</Row>
          <Row label="Thumbnail">
            {/* On TwentyThree's domain, shown only for confirmed rows (as the player is). */}
            {player && upload.thumbnailUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- TwentyThree's own URL: nothing to optimise or proxy
              <img src={upload.thumbnailUrl} alt={`Thumbnail of ${title}`} width={200} height={150} className="rounded" data-testid="thumbnail" />
            ) : (
              "—"
            )}
          </Row>
          <Row label="Ready to watch">{formatWhen(upload.readyAt)}</Row>
          <Row label="TwentyThree object">{upload.photoId ? `photo_id ${upload.photoId}` : "—"}</Row>
          <Row label="Connection">{upload.connection.name}</Row>
          {upload.errorMessage ? <Row label="Error">{upload.errorMessage}</Row> : null}
        </dl>
      </Card>

      <Card title="Team e-mail">
        <MailLog mails={await mailsForUpload(upload.id)} />
      </Card>

      {token.detailsDeferred && !token.detailsAppliedAt ? (
        <Card title="Details">
          {/* Issue #15: a recording uploads before its details; until they arrive nothing was agreed. */}
          <p className="text-amber-900">The visitor has not sent their details yet, so they have not agreed to any consent statement.</p>
        </Card>
      ) : null}
      <ContributorAdminCards uploadId={upload.id} />

      <Card title="Upload token">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <Row label="Status">{token.status.toLowerCase()}</Row>
          <Row label="Minted">{formatWhen(token.createdAt)}</Row>
          <Row label="Valid until">{formatWhen(token.validUntil)}</Row>
          <Row label="Uploads allowed">{token.maxUploads}</Row>
          {token.errorMessage ? <Row label="Error">{token.errorMessage}</Row> : null}
        </dl>
        <h3 className="mt-4 font-semibold">Parameters sent to TwentyThree</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap break-all">{JSON.stringify(token.params, null, 2)}</pre>
      </Card>

      <Card title="Callback history">
        <CallbackHistory events={callbacks} />
      </Card>

      <Card title="Moderation history">
        <ModerationHistory actions={upload.moderation} />
      </Card>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="break-words">{children}</dd>
    </>
  );
}
