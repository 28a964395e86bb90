"use client";
// Staff switch a contributor's private link off (their uploads and agreement stay).
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";
import { revokeReceiptAction } from "@/lib/contributor/actions";

export function RevokeReceipt({ receiptId, uploadId }: { receiptId: string; uploadId: string }) {
  const [state, action, pending] = useActionState(revokeReceiptAction, initialState);
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="receiptId" value={receiptId} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <Button type="submit" variant="dangerGhost" size="sm" disabled={pending}>
        Revoke the contributor&apos;s private link
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
