// The uploader's English defaults (used by the pure functions' unit tests) must say what the
// English catalogue says: otherwise a unit test would pass on words no visitor ever reads.
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import { englishNotes, type NoteKey } from "./words";

describe("englishNotes", () => {
  it("reads exactly like messages/en.json's uploaderNotes, placeholders filled", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "uploaderNotes" });
    const values = { file: "clip.mp4", problem: "too big", percent: 50, message: "no", stored: 2, total: 5 };
    for (const key of Object.keys(en.uploaderNotes) as NoteKey[]) expect(englishNotes(key, values), key).toBe(t(key, values));
  });
});
