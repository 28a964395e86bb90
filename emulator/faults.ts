/** Test-only switches that make the emulator misbehave on purpose. All off by default. */
export interface Faults {
  dropCallbacks: boolean;
  delayMs: number;
  apiFailure: null | "500" | "503" | "timeout" | "html";
  failProcessing: boolean;
  slowUploadBytesPerSec: number;
  corsDisabled: boolean;
  failChunksAfter: number | null;
  /** Videos whose transcoding starts while this is on never finish (progress stays 0). */
  stallTranscoding: boolean;
}

export const DEFAULT_FAULTS: Faults = {
  dropCallbacks: false,
  delayMs: 0,
  apiFailure: null,
  failProcessing: false,
  slowUploadBytesPerSec: 0,
  corsDisabled: false,
  failChunksAfter: null,
  stallTranscoding: false,
};

export class FaultState {
  current: Faults = { ...DEFAULT_FAULTS };
  /** Chunks accepted since failChunksAfter was last set. */
  chunksAccepted = 0;

  merge(input: unknown): string | null {
    if (!input || typeof input !== "object" || Array.isArray(input)) return "body must be a JSON object";
    const next: Faults = { ...this.current };
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      switch (k) {
        case "dropCallbacks":
        case "failProcessing":
        case "corsDisabled":
        case "stallTranscoding":
          if (typeof v !== "boolean") return `${k} must be a boolean`;
          next[k] = v;
          break;
        case "delayMs":
        case "slowUploadBytesPerSec":
          if (typeof v !== "number" || !(v >= 0)) return `${k} must be a number >= 0`;
          next[k] = v;
          break;
        case "apiFailure":
          if (v !== null && !["500", "503", "timeout", "html"].includes(String(v))) return 'apiFailure must be null, "500", "503", "timeout" or "html"';
          next.apiFailure = v === null ? null : (String(v) as Faults["apiFailure"]);
          break;
        case "failChunksAfter":
          if (v !== null && (typeof v !== "number" || !(v >= 0))) return "failChunksAfter must be null or a number >= 0";
          next.failChunksAfter = v as number | null;
          this.chunksAccepted = 0;
          break;
        default:
          return `unknown switch: ${k}`;
      }
    }
    this.current = next;
    return null;
  }

  reset(): void {
    this.current = { ...DEFAULT_FAULTS };
    this.chunksAccepted = 0;
  }

  chunksBlocked(): boolean {
    const n = this.current.failChunksAfter;
    return n !== null && this.chunksAccepted >= n;
  }
}
