// Over 200 lines: one table of cases for the one link schema every link form and action shares.
import { describe, expect, it } from "vitest";
import { linkFormInput, linkSchema, RESERVED_SLUGS, slugify, slugSchema } from "@/lib/links/schema";

const valid = {
  slug: "spring-stories",
  title: "Spring stories",
  instructions: "",
  connectionId: "6f1c1d0e-2b7a-4c1e-9a53-1f0d8b0c9e11",
  nameField: "REQUIRED",
  emailField: "OPTIONAL",
  titleField: "OFF",
  descriptionField: "OPTIONAL",
  consentText: "",
  albumIds: ["1001"],
  tags: ["a"],
  publish: false,
  customVariables: [{ key: "campaign", value: "spring" }],
  validMinutes: "180",
  maxUploads: "1",
  maxFileMegabytes: "",
  maxDurationSeconds: "",
  uploadQuota: "",
  membersOnly: false,
  active: true,
  expiresAt: "",
};

describe("slug rules", () => {
  it.each(["abc", "a-b-c", "team-media-2026", "x".repeat(64), "123"])("accepts %s", (s) => {
    expect(slugSchema.safeParse(s).success).toBe(true);
  });
  it.each([
    ["ab", "at least 3"],
    ["x".repeat(65), "at most 64"],
    ["Upper", "lowercase"],
    ["with space", "lowercase"],
    ["-lead", "lowercase"],
    ["trail-", "lowercase"],
    ["dou--ble", "lowercase"],
    ["ünï", "lowercase"],
    ["admin", "reserved"],
    ["login", "reserved"],
    ["api", "reserved"],
  ])("refuses %s", (s, why) => {
    const r = slugSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(why);
  });
  it("reserves every route word under the app root", () => {
    for (const w of ["admin", "api", "login", "setup", "u"]) expect(RESERVED_SLUGS.has(w)).toBe(true);
  });
  it("suggests slugs from titles", () => {
    expect(slugify("Share your story, café-style!")).toBe("share-your-story-cafe-style");
    expect(slugify("  --  ")).toBe("");
    expect(slugify("a".repeat(70)).length).toBe(64);
  });
});

describe("link schema", () => {
  it("parses a full form and turns variables into an object", () => {
    const r = linkSchema.parse(valid);
    expect(r.customVariables).toEqual({ campaign: "spring" });
    expect(r.validMinutes).toBe(180);
    expect(r.maxFileMegabytes).toBeUndefined();
    expect(r.consentText).toBeNull();
    expect(r.expiresAt).toBeNull();
  });
  it("refuses bad field modes, album ids, variable names and duplicates", () => {
    const r = linkSchema.safeParse({
      ...valid,
      nameField: "SOMETIMES",
      albumIds: ["12a"],
      customVariables: [
        { key: "1bad", value: "" },
        { key: "ok", value: "1" },
        { key: "ok", value: "2" },
      ],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["nameField", "albumIds", "customVariables"]));
    expect(r.error!.issues.filter((i) => i.path[0] === "customVariables")).toHaveLength(2);
  });
  it("bounds the numbers with readable messages", () => {
    const r = linkSchema.safeParse({ ...valid, validMinutes: "1", maxUploads: "0", maxFileMegabytes: "1.5" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["At least 5 minutes.", "At least 1.", "Maximum file size must be a whole number."]),
    );
  });
  it("reads FormData: checkboxes, repeated albums, comma tags, variable rows", () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ slug: "abc", title: "T", tags: " a, b ,,a ", publish: "on", varKey: "campaign", varValue: "x" })) f.append(k, v);
    f.append("albumIds", "1001");
    f.append("albumIds", "1001");
    f.append("albumIds", "1002");
    f.append("varKey", "");
    f.append("varValue", " ");
    const input = linkFormInput(f);
    expect(input).toMatchObject({
      tags: ["a", "b"],
      albumIds: ["1001", "1002"],
      publish: true,
      membersOnly: false,
      active: false,
      customVariables: [{ key: "campaign", value: "x" }],
    });
  });
  it("e-mail recipients: ticked members and typed addresses become one list; a bad address is named", () => {
    const f = new FormData();
    f.append("notifyMembers", "admin@example.com");
    f.append("notifyMembers", "editor@example.com");
    f.append("notifyEmails", "Press@Example.com\nadmin@example.com, partner@example.org");
    f.append("notifyMode", "DIGEST");
    const input = linkFormInput(f);
    expect(input).toMatchObject({
      notifyEmails: ["admin@example.com", "editor@example.com", "press@example.com", "partner@example.org"],
      notifyMode: "DIGEST",
      notifyReady: false,
    });
    const bad = linkSchema.shape.notifyEmails.safeParse(["ok@example.com", "not an address"]);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe("“not an address” is not an e-mail address.");
    expect(linkSchema.shape.notifyMode.safeParse(undefined).data).toBe("EACH");
  });
});

describe("reserved custom variable names", () => {
  it("the link form refuses `state`, OAuth and protocol names with a field message", () => {
    const shape = linkSchema.shape.customVariables;
    for (const key of ["state", "oauth_nonce", "Photo_ID", "upload_token", "domain", "return_url"]) {
      const r = shape.safeParse([{ key, value: "x" }]);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(`“${key}” is reserved for the upload itself (TwentyThree or this portal uses that name); choose another name.`);
    }
    expect(shape.safeParse([{ key: "campaign", value: "spring" }]).success).toBe(true);
  });
});

describe("recording settings (issue #15)", () => {
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of [...Object.entries(valid).filter(([, v]) => typeof v === "string"), ...entries]) f.append(k, v as string);
    return linkSchema.safeParse(linkFormInput(f));
  };
  const qs = JSON.stringify([
    { id: "q1", text: "Who are you?" },
    { id: "q2", text: "What changed?", note: "One example is enough", limitSeconds: 30 },
  ]);
  it("a link saved without them takes files only, as before", () => {
    const r = linkSchema.safeParse(valid);
    expect(r.success && r.data.recording).toMatchObject({ allowRecord: false, allowUpload: true, questions: [] });
  });
  it("reads who may record, the mode, the ordered questions and the cap", () => {
    const r = form([
      ["visitorsMay", "both"],
      ["recordMode", "CLIPS"],
      ["questions", qs],
      ["maxRecordSeconds", "300"],
      ["allowScreen", "on"],
    ]);
    expect(r.success && r.data.recording).toEqual({
      allowRecord: true,
      allowUpload: true,
      allowScreen: true,
      recordMode: "CLIPS",
      questions: JSON.parse(qs),
      maxRecordSeconds: 300,
    });
  });
  it.each([
    [
      "clips without questions",
      [
        ["visitorsMay", "record"],
        ["recordMode", "CLIPS"],
        ["questions", "[]"],
      ],
      /at least one question/,
    ],
    [
      "unreadable questions",
      [
        ["visitorsMay", "record"],
        ["questions", "{oops"],
      ],
      /could not be read/,
    ],
    [
      "a question twice",
      [
        ["visitorsMay", "record"],
        [
          "questions",
          JSON.stringify([
            { id: "a", text: "x" },
            { id: "a", text: "y" },
          ]),
        ],
      ],
      /once/,
    ],
    [
      "a cap of 5 seconds",
      [
        ["visitorsMay", "record"],
        ["maxRecordSeconds", "5"],
      ],
      /at least 10/,
    ],
    [
      "an unknown mode",
      [
        ["visitorsMay", "record"],
        ["recordMode", "LIVE"],
      ],
      /how answers/,
    ],
  ] as [string, [string, string][], RegExp][])("refuses %s with a sentence under the recording settings", (_n, entries, message) => {
    const r = form(entries);
    expect(r.success).toBe(false);
    const issue = !r.success ? r.error.issues[0] : undefined;
    expect(issue?.path[0]).toBe("recording");
    expect(issue?.message).toMatch(message);
  });
  it("screen recording is off when visitors cannot record", () => {
    const r = form([
      ["visitorsMay", "upload"],
      ["allowScreen", "on"],
    ]);
    expect(r.success && r.data.recording).toMatchObject({ allowRecord: false, allowScreen: false });
  });
});
