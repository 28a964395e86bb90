// An upload's states and the one map of what each is called: the word staff see (badge, filter)
// and the sentence a visitor sees about their own file (uploader, thank-you page). Visitors are
// not told about moderation: rejected or deleted files still read "Received".
export const UPLOAD_STATES = ["RECEIVED", "VERIFIED", "FAILED", "PUBLISHED", "REJECTED", "DELETED", "DISOWNED"] as const;
export type UploadStateName = (typeof UPLOAD_STATES)[number];

export const STATE_TEXT: Record<UploadStateName, { staff: string; visitor: string }> = {
  RECEIVED: { staff: "Received", visitor: "Received — being confirmed with the video library" },
  VERIFIED: { staff: "Verified", visitor: "Received and confirmed" },
  FAILED: { staff: "Failed", visitor: "Failed" },
  PUBLISHED: { staff: "Published", visitor: "Received, confirmed and published" },
  REJECTED: { staff: "Rejected", visitor: "Received" },
  DELETED: { staff: "Deleted", visitor: "Received" },
  DISOWNED: { staff: "Not made here", visitor: "Not confirmed by the video library" },
};

const isState = (s: string): s is UploadStateName => (UPLOAD_STATES as readonly string[]).includes(s);

/** The catalogue key (messages/*.json "states") of the visitor's sentence; unknown reads "Received". */
export function visitorStateKey(state: string): UploadStateName {
  return isState(state) ? state : "REJECTED";
}

/** The visitor's sentence for a state read from the status API (a plain string there). */
export function visitorStateText(state: string): string {
  return isState(state) ? STATE_TEXT[state].visitor : "Received";
}

/** What the visitor reads about TwentyThree's processing once the upload is confirmed. */
export function processingText(p: string, percent: number | null): string {
  if (p === "READY") return "Ready to watch";
  if (p === "PROCESSING") return `Being processed by the video library${percent ? ` — ${percent} %` : ""}`;
  return "The video library could not finish processing it; the team will look into it";
}
