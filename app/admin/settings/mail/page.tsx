import type { Metadata } from "next";
import { MailAttention } from "@/components/admin/mail-attention";
import { requireAdmin } from "@/lib/auth/guard";
import { mailNeedingAttention } from "@/lib/mail/queries";

export const metadata: Metadata = { title: "E-mail" };
export const dynamic = "force-dynamic";

export default async function MailPage() {
  await requireAdmin("/admin/settings/mail");
  const mails = await mailNeedingAttention();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">E-mail</h1>
        <p className="mt-1 text-slate-700">
          Team e-mails that failed or are still being retried, including daily digests. Each is tried 10 times with growing pauses before it is marked failed.
        </p>
      </div>
      <MailAttention mails={mails} />
    </div>
  );
}
