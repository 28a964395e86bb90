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

// The uploader's notes and screen-reader announcements about a file's journey, and the failures
// the upload client names by code ("uploaderNotes" in messages/*.json): the reducer and the client
// take these words, the English default reads like messages/en.json (for their unit tests).
export type NoteKey =
  | "yourFile"
  | "fallbackNote"
  | "fallbackOneAtATime"
  | "sayCannotSend"
  | "sayUploadingKeepOpen"
  | "sayUploading"
  | "sayPercent"
  | "saySent100"
  | "sentUnconfirmed"
  | "saySent"
  | "librarySaid"
  | "sayNotAccepted"
  | "sayNotSent"
  | "sayCancelled"
  | "resuming"
  | "failIncomplete"
  | "failLost"
  | "failRestart"
  | "failRefused";
export type NoteWords = (key: NoteKey, values?: Record<string, string | number>) => string;

const ENGLISH_NOTES: Record<NoteKey, string> = {
  yourFile: "Your file",
  fallbackNote: "Sending with your browser's own upload: this page moves on by itself when the file has arrived.",
  fallbackOneAtATime: "This video library only takes one file at a time from this browser: send the others after this one.",
  sayCannotSend: "{file} cannot be sent: {problem}",
  sayUploadingKeepOpen: "Uploading {file}. Keep this page open.",
  sayUploading: "Uploading {file}.",
  sayPercent: "{file}: {percent} percent sent.",
  saySent100: "{file}: 100 percent sent. Waiting for the video library to confirm.",
  sentUnconfirmed: "Sent — the team will confirm it shortly",
  saySent: "{file} sent.",
  librarySaid: "The video library said: {message}",
  sayNotAccepted: "{file} was not accepted. {message}",
  sayNotSent: "{file} could not be sent. {message}",
  sayCancelled: "Upload of {file} cancelled.",
  resuming: "Resuming: {stored} of {total} parts were already sent.",
  failIncomplete: "The upload could not be completed. Check your connection and try again.",
  failLost: "The connection to the video library was lost. What was sent is kept: choose the same file again to continue where it stopped.",
  failRestart: "The video library no longer takes this upload. Please start again.",
  failRefused: "The video library refused the upload.",
};

export const englishNotes: NoteWords = (key, values = {}) => ENGLISH_NOTES[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
