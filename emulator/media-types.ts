// What the emulator learns from an uploaded file's container, shared by the readers (media-info.ts
// for WebM and images, mp4-info.ts for MP4/MOV) without either importing the other for it.

/** `length` null = unknown. */
export interface MediaInfo {
  length: number | null;
  width: number;
  height: number;
}

export const NO_INFO: MediaInfo = { length: null, width: 0, height: 0 };
