import { describe, expect, it } from "vitest";
import { dateBounds, decodeCursor, encodeCursor, filterToSearchParams, parseUploadFilter } from "@/lib/uploads/filters";
import { likePattern } from "@/lib/uploads/query";

const id = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("upload filters", () => {
  it("keeps valid values and drops malformed ones instead of failing the page", () => {
    const f = parseUploadFilter(new URLSearchParams({ link: id, state: "PUBLISHED", from: "2026-11-01", to: "nope", q: "  ada  " }));
    expect(f).toEqual({ link: id, state: "PUBLISHED", from: "2026-11-01", q: "ada" });
    expect(parseUploadFilter({ link: "x", state: "BOGUS", q: "" })).toEqual({});
    expect(parseUploadFilter({ state: "WAITING" })).toEqual({ state: "WAITING" });
  });

  it("turns a day range into a half-open UTC interval", () => {
    expect(dateBounds({ from: "2026-11-01", to: "2026-11-02" })).toEqual({
      gte: new Date("2026-11-01T00:00:00.000Z"),
      lt: new Date("2026-11-03T00:00:00.000Z"),
    });
  });

  it("round-trips a cursor and rejects tampered ones", () => {
    const c = { createdAt: new Date("2026-11-27T10:11:12.345Z"), id };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("not-base64-json")).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify({ t: "x", id })).toString("base64url"))).toBeUndefined();
    expect(decodeCursor(Buffer.from(JSON.stringify({ t: c.createdAt.toISOString(), id: "1 OR 1=1" })).toString("base64url"))).toBeUndefined();
  });

  it("serialises back to a query string without empty values", () => {
    expect(filterToSearchParams({ state: "VERIFIED", q: "a b" }).toString()).toBe("state=VERIFIED&q=a+b");
  });

  it("escapes LIKE wildcards typed by a user", () => {
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
