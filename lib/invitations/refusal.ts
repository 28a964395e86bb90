// Why this request's invite was refused, for app/u/[slug]/forbidden.tsx: the page calls forbidden()
// (HTTP 403) and the boundary, rendered in the same request, reads the reason from React's
// per-request cache to say which of the three it was.
import { cache } from "react";
import type { InviteRefusal } from "./access";

const slot = cache((): { reason?: InviteRefusal } => ({}));
export const setInviteRefusal = (reason: InviteRefusal) => {
  slot().reason = reason;
};
export const inviteRefusal = (): InviteRefusal | undefined => slot().reason;
