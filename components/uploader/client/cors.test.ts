import { describe, expect, it } from "vitest";
import { canUploadCrossOrigin } from "./cors";

describe("canUploadCrossOrigin", () => {
  it("is true when the redeem URL answers, whatever the status", async () => {
    expect(await canUploadCrossOrigin("http://t23/redeem", (async () => new Response("Use POST", { status: 405 })) as typeof fetch)).toBe(true);
  });
  it("is false when the browser blocks the request (TypeError)", async () => {
    expect(
      await canUploadCrossOrigin("http://t23/redeem", (async () => {
        throw new TypeError("Failed to fetch");
      }) as typeof fetch),
    ).toBe(false);
  });
});
