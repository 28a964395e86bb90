// Why recording cannot start (its words are in the catalogues, messages/*.json), decided from what the browser
// reports (pure, so each case is unit-tested). Every case offers the file picker instead.
export type Unavailable = "insecure" | "unsupported" | "denied" | "no-camera" | "busy" | "failed";

type Env = { isSecureContext: boolean; hasGetUserMedia: boolean; hasMediaRecorder: boolean; hasFormat: boolean };

/** Before asking for the camera: can this page record at all? */
export function checkSupport(env: Env): Unavailable | null {
  if (!env.isSecureContext) return "insecure";
  if (!env.hasGetUserMedia || !env.hasMediaRecorder || !env.hasFormat) return "unsupported";
  return null;
}

/** After getUserMedia refused: which of the reasons (DOMException names per the spec). */
export function classifyMediaError(err: unknown): Unavailable {
  const name = err instanceof Error || (typeof err === "object" && err !== null && "name" in err) ? String((err as { name: unknown }).name) : "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "no-camera";
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") return "busy";
  return "failed";
}

/** Each reason's words in the catalogue (messages/*.json "recorder": <key>Title, <key>Body). */
export const unavailableKey: Record<Unavailable, "insecure" | "unsupported" | "denied" | "noCamera" | "busy" | "failed"> = {
  insecure: "insecure",
  unsupported: "unsupported",
  denied: "denied",
  "no-camera": "noCamera",
  busy: "busy",
  failed: "failed",
};
