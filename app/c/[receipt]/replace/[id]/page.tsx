import type { Metadata } from "next";
import { ReceiptRefusal } from "@/components/contributor/refusal";
import { PublicShell } from "@/components/public/shell";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { loadReplacement } from "@/lib/contributor/queries";
import { redeemReplaceUrl } from "@/lib/twentythree";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Replace your video", robots: { index: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ receipt: string; id: string }> };

/** The new file goes straight from the browser to TwentyThree (redeem-replace-token), which then
 * sends the browser to the replace callback and back to the contributor's page. */
export default async function ReplacePage({ params }: Props) {
  const { receipt, id } = await params;
  const r = await loadReplacement(receipt, id);
  if (!r) {
    return (
      <PublicShell>
        <h1 className="mb-4 text-2xl font-bold">Replace your video</h1>
        <ReceiptRefusal reason="invalid" />
        <ButtonLink href={`/c/${receipt}`} variant="secondary" className="mt-4">
          Back to your page
        </ButtonLink>
      </PublicShell>
    );
  }
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">Replace “{r.upload.title || "your video"}”</h1>
      <p className="mt-2 text-slate-700">The new file takes the old one&apos;s place: the same video, everywhere it is shown.</p>
      <form action={redeemReplaceUrl(r.upload.connection.apiUrl)} method="post" encType="multipart/form-data" className="mt-6 space-y-4">
        <input type="hidden" name="replace_token" value={r.replaceToken} />
        <TextField
          id="file"
          label="Choose the new video"
          name="file"
          type="file"
          required
          accept="video/*"
          hint={`This form works until ${r.validUntil.toUTCString()}.`}
        />
        <Button type="submit" size="lg" className="w-full">
          Upload the new file
        </Button>
        <p className="text-xs text-slate-500">Large files can take a while: keep this page open until you are back on your page.</p>
      </form>
    </PublicShell>
  );
}
