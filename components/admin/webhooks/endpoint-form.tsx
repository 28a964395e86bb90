"use client";
import { useActionState } from "react";
import { addEndpoint } from "@/lib/webhooks/actions";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormMessage } from "@/components/ui/form-message";
import { initialState } from "@/lib/auth/action-state";

export const EVENTS = ["upload.received", "upload.verified", "upload.ready", "upload.failed", "upload.moderated", "upload.deleted"] as const;

export function EndpointForm({ connections }: { connections: { id: string; name: string }[] }) {
  const [state, action] = useActionState(addEndpoint, initialState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <SelectField label="Connection" name="connectionId" defaultValue={connections[0]?.id}>
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        defaultValue={state.values?.url ?? ""}
        hint="A Slack incoming-webhook URL (hooks.slack.com) gets a readable message; anything else gets the signed JSON event."
      />
      <SelectField label="Message format" name="format" defaultValue="auto" hint="Choose Slack message for a Slack-compatible receiver on another address.">
        <option value="auto">Automatic (Slack message for hooks.slack.com)</option>
        <option value="json">Signed JSON event</option>
        <option value="slack">Slack message</option>
      </SelectField>
      <fieldset className="space-y-1">
        <legend className="font-medium">Events</legend>
        {EVENTS.map((e) => (
          <CheckboxField key={e} label={e} name="events" value={e} defaultChecked={e === "upload.verified" || e === "upload.ready"} />
        ))}
      </fieldset>
      <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
    </form>
  );
}
