import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { call, start } from "./helpers.ts";

describe("response formats", () => {
  let emu: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  const text = async (params: Record<string, string>, endpoint = "/api/photo/get-upload-token") => {
    const r = await call(emu, endpoint, { title: "T", ...params });
    expect(r.status).toBe(200);
    return { body: await r.text(), type: r.headers.get("content-type") ?? "" };
  };

  it("XML by default, with envelope attributes and token fields as children of <response>", async () => {
    const { body, type } = await text({});
    expect(type).toMatch(/xml/);
    const x = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false }).parse(body);
    expect(x.response["@status"]).toBe("ok");
    expect(x.response["@permission_level"]).toBe("write");
    expect(x.response["@message"]).toBe("The upload token is ready to use");
    expect(x.response["@cached"]).toBe("0");
    expect(x.response.upload_token).toMatch(/^[0-9a-f]{40}$/);
    expect(x.response.title).toBe("T");
    expect(x.response.site.site_name).toBe("Emulated TwentyThree");
    expect(x.response.endpoint).toBe("/api/photo/get-upload-token");
  });

  it("XML errors carry code and message", async () => {
    const { body } = await text({ valid_minutes: "5" });
    expect(body).toMatch(/<response[^>]*status="error"/);
    expect(body).toMatch(/code="invalid_input"/);
  });

  it("format=json gives `var visual = {...};`", async () => {
    const { body, type } = await text({ format: "json" });
    expect(type).toMatch(/javascript/);
    expect(body.startsWith("var visual = {")).toBe(true);
    expect(body.trimEnd().endsWith("};")).toBe(true);
    const j = JSON.parse(body.slice("var visual = ".length, body.trimEnd().length - 1));
    expect(j.status).toBe("ok");
  });

  it("varname renames the variable", async () => {
    const { body } = await text({ format: "json", varname: "myvar" });
    expect(body.startsWith("var myvar = {")).toBe(true);
  });

  it("callback gives JSONP", async () => {
    const { body } = await text({ format: "json", callback: "handle23" });
    expect(body.startsWith("handle23({")).toBe(true);
    expect(body.trimEnd().endsWith("});")).toBe(true);
  });

  it("raw (even empty) gives bare JSON with every value a string", async () => {
    for (const raw of ["", "1"]) {
      const { body, type } = await text({ format: "json", raw, max_uploads: "3" });
      expect(type).toMatch(/application\/json/);
      const j = JSON.parse(body);
      expect(j).toMatchObject({
        status: "ok",
        message: "The upload token is ready to use",
        permission_level: "write",
        cached: "0",
        p: "1",
        size: "1",
        endpoint: "/api/photo/get-upload-token",
      });
      expect(j.site).toMatchObject({ domain: emu.domain, site_id: "1", site_name: "Emulated TwentyThree" });
      expect(typeof j.site.product_key).toBe("string");
      const t = j.uploadtoken;
      for (const k of [
        "upload_token",
        "valid_minutes",
        "valid_until",
        "max_uploads",
        "title",
        "description",
        "tags",
        "publish",
        "album_id",
        "return_url",
        "user_id",
      ])
        expect(typeof t[k], k).toBe("string");
      expect(t.max_uploads).toBe("3");
      expect(t.valid_minutes).toBe("180");
      expect(t.publish).toBe("1");
      expect(t.user_id).toBe("17488");
      expect(Number(t.valid_until) - Math.floor(Date.now() / 1000)).toBeGreaterThan(180 * 60 - 10);
    }
  });

  it("errors are HTTP 200 with the legacy error object", async () => {
    const r = await call(emu, "/api/photo/get-upload-token", { format: "json", raw: "1", max_uploads: "0" });
    expect(r.status).toBe(200);
    const j = await r.json();
    expect(Object.keys(j).sort()).toEqual(["code", "endpoint", "message", "permission_level", "status"]);
    expect(j).toMatchObject({ status: "error", code: "invalid_input", permission_level: "write", endpoint: "/api/photo/get-upload-token" });
  });

  it("unknown methods are an API error", async () => {
    const j = await (await call(emu, "/api/photo/nope", { format: "json", raw: "1" })).json();
    expect(j.status).toBe("error");
  });
});
