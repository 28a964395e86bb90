import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicShell } from "@/components/public/shell";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { brandingForLink } from "@/lib/branding/queries";
import { loadTicket } from "@/lib/intake/tickets";
import { redeemUrl } from "@/lib/twentythree";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Upload your video", robots: { index: false } };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ ticket?: string }> };

/** Step two without JavaScript: a plain form that posts the file straight to TwentyThree. */
export default async function UploadStep({ params, searchParams }: Props) {
  const { slug } = await params;
  const { ticket } = await searchParams;
  const token = await loadTicket(slug, ticket);
  if (!token) notFound();
  const expired = token.validUntil.getTime() <= Date.now();
  const used = token.status === "USED";
  const brand = await brandingForLink(token.link.id);
  return (
    <PublicShell brand={brand}>
      <h1 className="text-2xl font-bold leading-tight">{token.link.title}</h1>
      {expired || used ? (
        <div className="mt-6 space-y-4">
          <Notice tone="error" title={expired ? "This upload form has expired" : "This upload form has already been used"}>
            {expired
              ? "Upload forms are only valid for a limited time, to keep them safe. Start again to get a fresh one; your details take a moment to re-enter."
              : "Every file you were allowed to send has arrived. Start again to send another."}
          </Notice>
          <ButtonLink href={`/u/${slug}`} size="lg">
            Start again
          </ButtonLink>
        </div>
      ) : (
        <form action={redeemUrl(token.connection.apiUrl)} method="post" encType="multipart/form-data" className="mt-6 space-y-4">
          <input type="hidden" name="upload_token" value={token.uploadToken} />
          <TextField
            id="file"
            label="Choose your video"
            name="file"
            type="file"
            required
            accept="video/*,image/*"
            hint={`Video or photo. This form is valid until ${token.validUntil.toUTCString()}.`}
          />
          <Button type="submit" size="lg" className="w-full">
            Upload
          </Button>
          <p className="text-xs text-slate-500">Large files can take a while: keep this page open until you see the thank-you page.</p>
        </form>
      )}
    </PublicShell>
  );
}
