"use client";
import { useActionState } from "react";
import { resendMail } from "@/lib/uploads/actions";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";

export function MailResend({ messageId }: { messageId: string }) {
  const [state, action, pending] = useActionState(resendMail, initialState);
  return (
    <form action={action} className="mt-1">
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        Send again
      </button>
      <FormMessage state={state} />
    </form>
  );
}
