// The typed result every server action returns to useActionState (safe for client components).
import type { FieldErrors } from "@/lib/field-errors";

export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** Echo of what was typed (never secrets), so a refused form keeps its values. */
  values?: Record<string, string>;
};

export const initialState: ActionState = { ok: false };
