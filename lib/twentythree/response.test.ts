import { describe, expect, it } from "vitest";
import {
  TwentyThreeApiError,
  TwentyThreeBadResponseError,
  TwentyThreeErrorProcessingUploadError,
  TwentyThreeHttpError,
  TwentyThreeInvalidAlbumError,
  TwentyThreeInvalidInputError,
  TwentyThreeInvalidPhotoTokenError,
  TwentyThreeInvalidSignatureError,
  TwentyThreeNoFileError,
  TwentyThreeNoSuchAlbumError,
  TwentyThreeNoSuchPhotoError,
  TwentyThreeNoSuchUserError,
  TwentyThreePermissionDeniedError,
  TwentyThreeTokenRequiredError,
} from "./errors";
import { clipServerText, parseEnvelope, unwrapJson } from "./response";

const M = "/api/photo/list";
const ok = (body: string, status = 200, contentType = "application/json") => parseEnvelope({ status, body, contentType }, M);
const fail = (body: string, status = 200, contentType = "application/json") => {
  try {
    ok(body, status, contentType);
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
};

describe("parseEnvelope", () => {
  const env = { status: "ok", message: "fine", permission_level: "write", p: "1", size: "1" };

  it("accepts bare JSON (format=json&raw=1)", () => {
    expect(ok(JSON.stringify(env))).toEqual(env);
  });

  it("unwraps `var visual = {...};` and a renamed varname", () => {
    expect(ok(`var visual = ${JSON.stringify(env)};`)).toEqual(env);
    expect(ok(`var x=${JSON.stringify(env)}`)).toEqual(env);
    expect(ok(`\n var visual = ${JSON.stringify(env, null, 2)} ;\n`)).toEqual(env);
  });

  it("unwraps JSONP `fn({...});`", () => {
    expect(ok(`fn(${JSON.stringify(env)});`)).toEqual(env);
    expect(ok(`window.cb_1 ( ${JSON.stringify(env)} )`)).toEqual(env);
  });

  it("tolerates a BOM and an envelope without status", () => {
    expect(ok(`\uFEFF{"site":{"domain":"x"}}`)).toEqual({ site: { domain: "x" } });
  });

  it("turns an HTML page into TwentyThreeBadResponseError", () => {
    const e = fail("<!DOCTYPE html><html><body>Maintenance</body></html>", 200, "text/html");
    expect(e).toBeInstanceOf(TwentyThreeBadResponseError);
    expect((e as TwentyThreeBadResponseError).detail).toBe("an HTML page instead of JSON");
    expect((e as Error).message).toContain(M);
    expect((e as TwentyThreeBadResponseError).code).toBe("bad_response");
  });

  it("turns XML (format not honoured) into TwentyThreeBadResponseError", () => {
    const e = fail('<?xml version="1.0"?><response status="ok"/>', 200, "text/xml");
    expect((e as TwentyThreeBadResponseError).detail).toMatch(/XML/);
  });

  it("turns truncated JSON and a truncated var wrapper into TwentyThreeBadResponseError", () => {
    for (const body of ['{"status":"ok","photos":[{"photo_id":"1"', 'var visual = {"status":"ok",', '{"status":"ok"']) {
      const e = fail(body);
      expect(e).toBeInstanceOf(TwentyThreeBadResponseError);
      expect((e as TwentyThreeBadResponseError).detail).toBe("truncated or malformed JSON");
    }
  });

  it("rejects empty bodies, plain text, arrays and unknown statuses", () => {
    expect((fail("") as TwentyThreeBadResponseError).detail).toBe("empty body");
    expect((fail("Service unavailable") as TwentyThreeBadResponseError).detail).toBe("a body that is not JSON");
    expect(fail("[1,2]")).toBeInstanceOf(TwentyThreeBadResponseError);
    expect(fail('{"status":"maybe"}')).toBeInstanceOf(TwentyThreeBadResponseError);
  });

  it("turns non-2xx answers into TwentyThreeHttpError with the status", () => {
    for (const status of [301, 400, 404, 500, 502, 503]) {
      const e = fail("<html>oops</html>", status, "text/html");
      expect(e).toBeInstanceOf(TwentyThreeHttpError);
      expect((e as TwentyThreeHttpError).status).toBe(status);
      expect((e as Error).message).toBe(`TwentyThree answered ${M} with HTTP ${status}`);
    }
    expect((fail('{"status":"ok"}', 500) as TwentyThreeHttpError).status).toBe(500);
  });

  const codes: [string, new (...a: never[]) => TwentyThreeApiError][] = [
    ["invalid_signature", TwentyThreeInvalidSignatureError],
    ["permission_denied", TwentyThreePermissionDeniedError],
    ["invalid_input", TwentyThreeInvalidInputError],
    ["invalid_album", TwentyThreeInvalidAlbumError],
    ["no_file", TwentyThreeNoFileError],
    ["error_processing_upload", TwentyThreeErrorProcessingUploadError],
    ["no_such_photo", TwentyThreeNoSuchPhotoError],
    ["invalid_photo_token", TwentyThreeInvalidPhotoTokenError],
    ["token_required", TwentyThreeTokenRequiredError],
    ["no_such_album", TwentyThreeNoSuchAlbumError],
    ["no_such_user", TwentyThreeNoSuchUserError],
  ];
  it.each(codes)("maps the error envelope %s (HTTP 200) to its class", (code, Cls) => {
    const body = JSON.stringify({ status: "error", code, message: `Something about ${code}`, permission_level: "write", endpoint: M });
    const e = fail(body);
    expect(e).toBeInstanceOf(Cls);
    expect(e).toBeInstanceOf(TwentyThreeApiError);
    const err = e as TwentyThreeApiError;
    expect(err.code).toBe(code);
    expect(err.method).toBe(M);
    expect(err.serverMessage).toBe(`Something about ${code}`);
    expect(err.message).toBe(`TwentyThree refused ${M}: Something about ${code} (${code})`);
    expect(err.httpStatus).toBeUndefined();
  });

  it("keeps unknown codes as TwentyThreeApiError and handles an envelope on a non-2xx status", () => {
    const e = fail(JSON.stringify({ status: "error", code: "rate_limited", message: "slow down" }), 429) as TwentyThreeApiError;
    expect(e.constructor).toBe(TwentyThreeApiError);
    expect(e.code).toBe("rate_limited");
    expect(e.httpStatus).toBe(429);
    expect((fail('var visual = {"status":"error"};') as TwentyThreeApiError).code).toBe("unknown_error");
  });

  it("parses the required level out of permission_denied", () => {
    const msg = (m: string) =>
      (fail(JSON.stringify({ status: "error", code: "permission_denied", message: m })) as TwentyThreePermissionDeniedError).requiredLevel;
    expect(msg("You don't have permission to access this resource (required level: 'write')")).toBe("write");
    expect(msg("Permission denied (required level: 'super')")).toBe("super");
    expect(msg('denied (required level: "read")')).toBe("read");
    expect(msg("Permission denied")).toBeUndefined();
  });

  it("redacts server text with the given redactor", () => {
    const run = () =>
      parseEnvelope(
        { status: 200, contentType: "", body: JSON.stringify({ status: "error", code: "invalid_signature", message: "base string had SECRET1 in it" }) },
        M,
        (s) => s.replaceAll("SECRET1", "[redacted]"),
      );
    expect(run).toThrow("TwentyThree refused /api/photo/list: base string had [redacted] in it (invalid_signature)");
  });
});

describe("unwrapJson", () => {
  it("returns undefined for non-JSON", () => {
    expect(unwrapJson("<html>")).toBeUndefined();
    expect(unwrapJson("var visual = {")).toBeUndefined();
    expect(unwrapJson("fn({)")).toBeUndefined();
  });
});

describe("error text shown to admins", () => {
  it("is one short line: an internal service's long body and odd code are not echoed", () => {
    const internal = `Internal config dump:\n${"DB_PASSWORD=hunter2 ".repeat(40)}\r\nend`;
    let err: unknown;
    try {
      parseEnvelope(
        { status: 200, body: JSON.stringify({ status: "error", code: "<script>alert(1)</script>", message: internal }), contentType: "application/json" },
        "/api/site/get",
      );
    } catch (e) {
      err = e;
    }
    const message = (err as Error).message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).not.toContain("<script>");
    expect(message).toContain("(unknown_error)");
    expect(message.length).toBeLessThan(260);
    expect(clipServerText("a".repeat(500))).toHaveLength(160);
  });
});
