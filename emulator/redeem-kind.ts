// redeem-upload-token and redeem-replace-token differ only in the token's field name and kind.
// Its own module because both the plain redeem (redeem.ts) and the chunked one (chunked.ts) need
// it, and redeem.ts dispatches to chunked.ts.
import type { TokenKind } from "./store.ts";

export interface RedeemKind {
  kind: TokenKind;
  field: "upload_token" | "replace_token";
}
export const UPLOAD: RedeemKind = { kind: "upload", field: "upload_token" };
export const REPLACE: RedeemKind = { kind: "replace", field: "replace_token" };
