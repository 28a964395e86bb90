// Why recording cannot start, in words a visitor understands, decided from what the browser
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

export const unavailableText: Record<Unavailable, { title: string; body: string }> = {
  insecure: {
    title: "Recording needs a secure page",
    body: "Your browser only allows the camera on pages opened with https://. You can still send a video you already have.",
  },
  unsupported: {
    title: "This browser cannot record here",
    body: "Your browser does not support recording video on a web page. Please use a recent Chrome, Edge, Firefox or Safari, or send a video you already have.",
  },
  denied: {
    title: "Camera or microphone access was blocked",
    body: "To record, allow the camera and microphone for this site in your browser's address bar or settings, then try again. Or send a video you already have.",
  },
  "no-camera": {
    title: "No camera or microphone found",
    body: "We could not find a camera and microphone on this device. Connect one and try again, or send a video you already have.",
  },
  busy: {
    title: "The camera is in use",
    body: "Another app or tab may be using your camera or microphone. Close it and try again, or send a video you already have.",
  },
  failed: {
    title: "The camera could not start",
    body: "Something went wrong while starting the camera. Try again, or send a video you already have.",
  },
};
