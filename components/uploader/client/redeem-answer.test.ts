import { describe, expect, it } from "vitest";
import { parseRedeemAnswer } from "./redeem-answer";

describe("parseRedeemAnswer", () => {
  it("reads the background ok line", () => {
    expect(parseRedeemAnswer("ok localhost:4023 1 60433001 AbCdEf0123456789 http://portal/api/twentythree/callback?x=1\n")).toEqual({
      kind: "ok",
      domain: "localhost:4023",
      treeId: "1",
      photoId: "60433001",
    });
  });
  it("reads an error line", () => {
    expect(parseRedeemAnswer("error The file type isn't supported")).toEqual({ kind: "error", message: "The file type isn't supported" });
  });
  it("treats anything else as unknown (e.g. a bare ok without a redirect)", () => {
    expect(parseRedeemAnswer("ok")).toEqual({ kind: "unknown" });
    expect(parseRedeemAnswer("<html>")).toEqual({ kind: "unknown" });
    expect(parseRedeemAnswer("ok d x 1 t u")).toEqual({ kind: "unknown" });
  });
});
