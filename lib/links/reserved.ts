// Parameter names a link's custom variables may not use: TwentyThree's own get-upload-token,
// redeem and callback parameters, OAuth's, and ours (`state`, the signed link between a
// callback and its token). A custom variable travels as a get-upload-token parameter and comes
// back in the callback, so any of these names would override or shadow the real value.
import { UPLOAD_TOKEN_PARAMS } from "@/lib/twentythree/params";

export const RESERVED_VARIABLES = new Set<string>([
  // ours
  "state",
  "ticket",
  // get-upload-token (protocol §2) and response envelope, as the client sets them
  ...UPLOAD_TOKEN_PARAMS,
  "p",
  "size",
  // redeem and callback (§3), including resumable uploads
  "file",
  "photo_id",
  "tree_id",
  "token",
  "domain",
  "error_message",
  "replace_token",
  "published_p",
  "include_unpublished_p",
  "resumablechunknumber",
  "resumablechunksize",
  "resumabletotalsize",
  "resumableidentifier",
  "resumablefilename",
  "resumabletotalchunks",
  "resumablerelativepath",
  "resumablecurrentchunksize",
  "resumabletype",
]);

/** Case-insensitive: a server may treat `State` as `state`. Every `oauth_*` name is OAuth's. */
export function isReservedVariable(name: string): boolean {
  const n = name.toLowerCase();
  return RESERVED_VARIABLES.has(n) || n.startsWith("oauth_");
}
