// Issue #15: a recorded take starts uploading as soon as the visitor keeps it, while they fill the
// details form. It is minted with deferDetails (the personal invitation, if any, still goes with
// the mint, so the upload stays tied to it); pressing Upload then sends the details to each early
// take's ticket with applyDetails, checked on the server exactly like a mint. Without CORS, or
// when the early mint is refused, the take waits for Upload and goes with the details like a file.
import type { Dispatch } from "react";
import { canUploadCrossOrigin } from "@/components/uploader/client/cors";
import type { GetToken, UploadTokenInfo } from "@/components/uploader/client/upload-file";
import { needsDetails, tokenUsable, type BatchAction } from "./batch-state";
import type { ApplyDetails, ApplyResult, Item, Prepare } from "./types";
import type { UploaderWords } from "./words";

/** Per page: the ticket each early take is going up with, and its first mint to wait for. */
export type EarlyState = { tickets: Map<string, string>; firstMint: Map<string, Promise<void>> };
export const newEarlyState = (): EarlyState => ({ tickets: new Map(), firstMint: new Map() });

type Deps = {
  slug: string;
  redeemUrl: string;
  prepare: Prepare;
  applyDetails: ApplyDetails;
  readValues: () => Record<string, string>;
  dispatch: Dispatch<BatchAction>;
  sendOne: (item: Item, getToken: GetToken, onSent: () => void) => Promise<void>;
  /** The visitor's words (the "uploader" catalogue). */
  words: UploaderWords;
};
type Refusal = Extract<ApplyResult, { ok: false }>;

export function earlyTakes(st: EarlyState, d: Deps) {
  const send = async (item: Item) => {
    const recording = item.recording;
    if (!recording) return;
    st.tickets.delete(item.id); // a retry mints anew
    d.dispatch({ type: "early", id: item.id });
    let token: UploadTokenInfo | null = null;
    const getToken: GetToken = async (o) => {
      if (token && !o.fresh && tokenUsable(token, 1, Date.now())) return token;
      const invite = d.readValues().invite;
      const r = await d.prepare(d.slug, invite ? { invite } : {}, { fileCount: 1, background: true, recording, deferDetails: true });
      if (!r.ok) throw Object.assign(new Error(r.message), { refusal: r });
      st.tickets.set(item.id, r.token.ticket); // a re-mint (expired token) moves the details to the new ticket
      return (token = r.token);
    };
    const minted = (async () => {
      if (!(await canUploadCrossOrigin(d.redeemUrl))) return d.dispatch({ type: "earlyFailed", id: item.id });
      try {
        await getToken({ fresh: false });
      } catch (err) {
        const refused = (err as { refusal?: Refusal }).refusal;
        d.dispatch({
          type: "earlyFailed",
          id: item.id,
          notice: { text: refused?.message ?? d.words("earlyFailed"), retryable: true },
        });
      }
    })();
    st.firstMint.set(item.id, minted);
    await minted;
    if (st.tickets.has(item.id)) await d.sendOne(item, getToken, () => undefined);
  };

  /** The details for every early take still waiting for them; the first refusal stops (field errors shown). */
  const applyPending = async (items: Item[], values: Record<string, string>): Promise<Refusal | null> => {
    for (const item of items.filter(needsDetails)) {
      await st.firstMint.get(item.id);
      const ticket = st.tickets.get(item.id);
      if (!ticket) continue; // not minted early: goes with the details like a file
      const r = await d.applyDetails(ticket, values);
      if (!r.ok) return r;
      d.dispatch({ type: "detailsApplied", id: item.id });
    }
    return null;
  };

  return { send, applyPending };
}
