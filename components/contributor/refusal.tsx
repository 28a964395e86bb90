// What a visitor sees for a receipt link that does not work: one clear sentence per case, and
// nothing about anybody's uploads.
import { Notice } from "@/components/ui/notice";

const TEXT = {
  invalid: { title: "This link does not work", body: "The address is not a valid private link. Check that you copied the whole link from your e-mail." },
  expired: { title: "This link has expired", body: "Private links only work for a limited time. Ask the team that collected your video for help." },
  revoked: { title: "This link was switched off", body: "The team switched this private link off. Ask them if you need anything about your video." },
} as const;

export function ReceiptRefusal({ reason }: { reason: keyof typeof TEXT }) {
  return (
    <div data-testid="receipt-refused">
      <Notice tone="error" title={TEXT[reason].title}>
        {TEXT[reason].body}
      </Notice>
    </div>
  );
}
