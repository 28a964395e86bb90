// The uploader's own sentences about files (checks, the picker, Upload) by catalogue key
// ("uploader" in messages/*.json). The component passes its translator; the English default is
// for the pure functions' unit tests and reads like messages/en.json.
export type UploaderWordKey =
  | "notMedia"
  | "empty"
  | "tooBig"
  | "tooLong"
  | "stillChecking"
  | "noneSendable"
  | "chooseFile"
  | "tooManyFiles"
  | "recordingUnsendable"
  | "recordFirst"
  | "earlyFailed"
  | "retrying"
  | "sendFailed";
export type UploaderWords = (key: UploaderWordKey, values?: Record<string, string | number>) => string;

const ENGLISH: Record<UploaderWordKey, (v: Record<string, string | number>) => string> = {
  notMedia: () => "This is not a video or photo file. Please choose a video or a photo.",
  empty: () => "This file is empty. Please choose another one.",
  tooBig: (v) => `This file is ${v.size}; this link takes files up to ${v.max}.`,
  tooLong: (v) => `This video is ${v.length} long; this link takes videos up to ${v.max}.`,
  stillChecking: () => "Still checking your files — press Upload again in a moment.",
  noneSendable: () => "None of the chosen files can be sent. Please choose another one.",
  chooseFile: () => "Please choose a video or photo to upload.",
  recordingUnsendable: () => "This recording cannot be sent. Please record again.",
  recordFirst: () => "Please record a video first.",
  earlyFailed: () => "Your recording could not start uploading yet.",
  retrying: () => "Connection trouble — trying again…",
  sendFailed: () => "Something went wrong while sending this file. Please try again.",
  tooManyFiles: (v) => `This link takes up to ${v.max} file${v.max === 1 ? "" : "s"} at a time; the extra ones were left out.`,
};

export const englishUploaderWords: UploaderWords = (key, values = {}) => ENGLISH[key](values);
