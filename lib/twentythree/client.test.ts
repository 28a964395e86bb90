// The TwentyThree client against scripted replies (no network): signing, envelopes, every error
// class, retries and redaction. Over 200 lines because it is one table of cases for one module.
import { afterEach, describe, expect, it } from "vitest";
import { rejection } from "@/test/rejection";
import { createTwentyThreeClient } from "./client";
import {
  TwentyThreeBadResponseError,
  TwentyThreeError,
  TwentyThreeHttpError,
  TwentyThreeNoSuchPhotoError,
  TwentyThreePermissionDeniedError,
  TwentyThreeTimeoutError,
  TwentyThreeUnreachableError,
} from "./errors";
import { signRequest } from "./sign";
import { captureLogs, fakeFetch, hang, json, refused, type Reply } from "@/test/fake-fetch";

const creds = {
  consumerKey: "ck-public-1",
  consumerSecret: "cs-SECRET-consumer-9f8e7d",
  accessToken: "at-ACCESS-token-1a2b3c",
  accessTokenSecret: "ats-SECRET-token-4d5e6f",
};

function client(reply: Reply | Reply[], extra: { timeoutMs?: number; retries?: number; apiUrl?: string } = {}) {
  const f = fakeFetch(reply);
  const c = createTwentyThreeClient({ apiUrl: "https://video.example.com", ...creds, retryBaseMs: 1, ...extra, fetch: f.fetch });
  return { c, calls: f.calls };
}

const caught = (p: Promise<unknown>) => rejection(p, TwentyThreeError);

const tokenAnswer = {
  status: "ok",
  message: "The upload token is ready to use",
  permission_level: "write",
  cached: "0",
  uploadtoken: {
    valid_minutes: "180",
    description: "... and a prelimiary description",
    upload_token: "022fe6e3fb42758d6147c539727c5358af3524b1",
    max_uploads: "1",
    album_id: "",
    return_url: "",
    title: "A title for the new upload",
    valid_until: "1266713254",
    publish: "1",
    tags: "product:1234 testemonial",
    user_id: "17488",
  },
  p: "1",
  size: "1",
  site: { domain: "video.example.com", site_id: "1", site_name: "Ex", product_key: "x" },
  endpoint: "/api/photo/get-upload-token",
};

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.restore());

describe("requests", () => {
  it("sends a signed form POST with format=json&raw=1, every parameter mapped, no query string", async () => {
    const { c, calls } = client(json(tokenAnswer));
    await c.getUploadToken({
      returnUrl: "https://portal.test/cb?x=1",
      backgroundReturn: false,
      userId: "17488",
      albumIds: ["1001", "1002"],
      title: "Tïtle & more",
      description: "<b>hi</b>",
      tags: ["a", "b:c"],
      publish: false,
      absoluteUrl: "https://portal.test/v/1",
      validMinutes: 30,
      maxUploads: 3,
      customVariables: { customer_id: "c-42" },
      extra: { intake: "in_9" },
    });
    expect(calls).toHaveLength(1);
    const r = calls[0]!;
    expect(r.url).toBe("https://video.example.com/api/photo/get-upload-token");
    expect(r.method).toBe("POST");
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(r.body)).toEqual({
      format: "json",
      raw: "1",
      return_url: "https://portal.test/cb?x=1",
      background_return_p: "0",
      user_id: "17488",
      album_id: "1001,1002",
      title: "Tïtle & more",
      description: "<b>hi</b>",
      tags: "a b:c",
      publish: "0",
      absolute_url: "https://portal.test/v/1",
      valid_minutes: "30",
      max_uploads: "3",
      customer_id: "c-42",
      intake: "in_9",
    });
    // The signature covers the body: recompute it as a server would from header + body.
    const auth = r.headers.authorization!;
    expect(auth).toMatch(/^OAuth /);
    const h = Object.fromEntries([...auth.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], decodeURIComponent(m[2]!)]));
    expect(h.oauth_token).toBe(creds.accessToken);
    expect(h.oauth_signature_method).toBe("HMAC-SHA1");
    const again = signRequest({
      method: "POST",
      url: r.url,
      params: Object.fromEntries(r.body),
      consumerKey: creds.consumerKey,
      consumerSecret: creds.consumerSecret,
      token: creds.accessToken,
      tokenSecret: creds.accessTokenSecret,
      nonce: h.oauth_nonce,
      timestamp: Number(h.oauth_timestamp),
    });
    expect(h.oauth_signature).toBe(again.signature);
  });

  it("keeps a path prefix of the API URL and drops :443 from the signed URL", async () => {
    const { c, calls } = client(json({ status: "ok", site: { domain: "d", site_id: "1", site_name: "n" } }), { apiUrl: "https://video.example.com:443/sub/" });
    await c.getSite();
    expect(calls[0]!.url).toBe("https://video.example.com/sub/api/site/get");
  });

  it("refuses custom variables or extras that would override reserved parameters", async () => {
    const { c, calls } = client(json(tokenAnswer));
    await expect(c.getUploadToken({ extra: { format: "xml" } })).rejects.toMatchObject({ code: "client_input" });
    await expect(c.getUploadToken({ customVariables: { oauth_token: "x" } })).rejects.toMatchObject({ code: "client_input" });
    expect(calls).toHaveLength(0);
  });

  it("maps listPhotos, updatePhoto, deletePhoto, listAlbums, updateUploadToken parameters", async () => {
    const { c, calls } = client([
      json({ status: "ok", photos: [], total_count: "0" }),
      json({ status: "ok" }),
      json({ status: "ok" }),
      json({ status: "ok", albums: [] }),
      json(tokenAnswer),
    ]);
    await c.listPhotos({ photoId: "1", token: "t", uploadToken: "u", albumId: "1001", includeUnpublished: true, page: 2, size: 50 });
    await c.updatePhoto({ photoId: "7", title: "T", tags: ["x", "y"], published: false });
    await c.deletePhoto({ photoId: "7" });
    await c.listAlbums({ page: 1, size: 100 });
    await c.updateUploadToken({ uploadToken: "abc", title: "New" });
    const bodies = calls.map((r) => [new URL(r.url).pathname, Object.fromEntries(r.body)]);
    expect(bodies).toEqual([
      [
        "/api/photo/list",
        { p: "2", size: "50", photo_id: "1", token: "t", upload_token: "u", album_id: "1001", include_unpublished_p: "1", format: "json", raw: "1" },
      ],
      ["/api/photo/update", { photo_id: "7", title: "T", tags: "x y", published_p: "0", format: "json", raw: "1" }],
      ["/api/photo/delete", { photo_id: "7", format: "json", raw: "1" }],
      ["/api/album/list", { p: "1", size: "100", format: "json", raw: "1" }],
      ["/api/photo/update-upload-token", { title: "New", upload_token: "abc", format: "json", raw: "1" }],
    ]);
  });
});

describe("parsing results", () => {
  it("turns the documented string values into a typed UploadToken", async () => {
    const { c } = client(json(tokenAnswer));
    expect(await c.getUploadToken({})).toEqual({
      uploadToken: "022fe6e3fb42758d6147c539727c5358af3524b1",
      validMinutes: 180,
      validUntil: new Date(1266713254 * 1000),
      maxUploads: 1,
      title: "A title for the new upload",
      description: "... and a prelimiary description",
      tags: ["product:1234", "testemonial"],
      publish: true,
      albumId: "",
      returnUrl: "",
      userId: "17488",
    });
  });

  it("accepts numbers/booleans, extra fields and a flat token object", async () => {
    const flat = {
      status: "ok",
      upload_token: "abc123",
      valid_minutes: 15,
      valid_until: 1700000000,
      max_uploads: 5,
      publish: false,
      tags: ["x"],
      brand_new: { a: 1 },
    };
    const { c } = client(json(flat));
    const t = await c.getUploadToken();
    expect(t).toMatchObject({ uploadToken: "abc123", validMinutes: 15, maxUploads: 5, publish: false, tags: ["x"], title: "", userId: "" });
    expect(t.validUntil.getTime()).toBe(1700000000 * 1000);
  });

  it("types photo lists from string values", async () => {
    const photo = {
      photo_id: "60433",
      token: "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56",
      tree_id: "1",
      title: "Clip",
      content: "<p>d</p>",
      tags: "a b",
      published_p: "0",
      album_id: "1001",
      one: "/video/60433",
      video_p: "1",
      video_length: "12.5",
      original_download: "/1/60433/x/original",
      customer_id: "c-42",
    };
    const { c } = client(
      json({
        status: "ok",
        photos: [photo, { ...photo, photo_id: 60434, video_p: true, video_length: "", published_p: 1 }],
        total_count: "2",
        p: "1",
        size: "20",
      }),
    );
    const list = await c.listPhotos();
    expect(list.totalCount).toBe(2);
    expect(list.page).toBe(1);
    expect(list.size).toBe(20);
    expect(list.photos[0]).toMatchObject({
      photoId: "60433",
      treeId: "1",
      tags: ["a", "b"],
      publishedP: false,
      videoP: true,
      videoLength: 12.5,
      originalDownload: "/1/60433/x/original",
      one: "/video/60433",
    });
    expect(list.photos[0]!.raw.customer_id).toBe("c-42");
    expect(list.photos[1]).toMatchObject({ photoId: "60434", publishedP: true, videoLength: null });
  });

  it("types albums and the site with its permission level", async () => {
    const { c } = client([
      json({
        status: "ok",
        albums: [
          { album_id: "1001", title: "Inbox", extra: "1" },
          { album_id: 1002, title: "Two" },
        ],
        total_count: "2",
      }),
      json({ status: "ok", permission_level: "Write", site: { domain: "video.example.com", site_id: 12, site_name: "Example", product_key: "k" } }),
    ]);
    expect(await c.listAlbums()).toEqual({
      albums: [
        { albumId: "1001", title: "Inbox" },
        { albumId: "1002", title: "Two" },
      ],
      totalCount: 2,
      page: 1,
      size: 20,
    });
    expect(await c.getSite()).toEqual({ domain: "video.example.com", siteId: "12", siteName: "Example", permissionLevel: "write" });
  });

  it("reports an unexpected shape as TwentyThreeBadResponseError", async () => {
    const { c } = client([
      json({ status: "ok", photos: [{ title: "no id" }] }),
      json({ status: "ok", message: "no token" }),
      json({ status: "ok", photos: [{ photo_id: "1", video_p: "maybe" }] }),
    ]);
    const e = await caught(c.listPhotos());
    expect(e).toBeInstanceOf(TwentyThreeBadResponseError);
    expect(e.message).toContain("photos.0.photo_id");
    expect(await caught(c.getUploadToken())).toBeInstanceOf(TwentyThreeBadResponseError);
    expect((await caught(c.listPhotos())).message).toContain("video_p");
  });

  it("unwraps var visual and JSONP answers", async () => {
    const { c } = client([
      { body: `var visual = ${JSON.stringify(tokenAnswer)};`, contentType: "text/javascript" },
      { body: `cb(${JSON.stringify(tokenAnswer)});`, contentType: "text/javascript" },
    ]);
    expect((await c.getUploadToken()).uploadToken).toBe(tokenAnswer.uploadtoken.upload_token);
    expect((await c.getUploadToken()).maxUploads).toBe(1);
  });

  it("throws the specific class for an error envelope (HTTP 200)", async () => {
    const { c } = client([
      json({
        status: "error",
        code: "permission_denied",
        message: "You need more (required level: 'super')",
        permission_level: "write",
        endpoint: "/api/photo/get-upload-token",
      }),
      json({ status: "error", code: "no_such_photo", message: "No such photo" }),
    ]);
    const e = await caught(c.getUploadToken({ userId: "1" }));
    expect(e).toBeInstanceOf(TwentyThreePermissionDeniedError);
    expect((e as TwentyThreePermissionDeniedError).requiredLevel).toBe("super");
    expect(await caught(c.deletePhoto({ photoId: "1" }))).toBeInstanceOf(TwentyThreeNoSuchPhotoError);
  });
});

describe("failures, retries and timeouts", () => {
  it("retries reads on 5xx with backoff, then succeeds", async () => {
    const { c, calls } = client([
      { status: 503, body: "<html>busy</html>", contentType: "text/html" },
      { status: 500, body: "" },
      json({ status: "ok", albums: [] }),
    ]);
    expect((await c.listAlbums()).albums).toEqual([]);
    expect(calls).toHaveLength(3);
    // a fresh nonce per attempt
    expect(new Set(calls.map((r) => /oauth_nonce="([^"]+)"/.exec(r.headers.authorization!)?.[1])).size).toBe(3);
  });

  it("gives up on reads after `retries` extra attempts with TwentyThreeHttpError", async () => {
    const { c, calls } = client({ status: 502, body: "bad gateway", contentType: "text/plain" }, { retries: 1 });
    const e = await caught(c.getSite());
    expect(e).toBeInstanceOf(TwentyThreeHttpError);
    expect((e as TwentyThreeHttpError).status).toBe(502);
    expect(calls).toHaveLength(2);
  });

  it("never retries writes", async () => {
    const { c, calls } = client({ status: 503, body: "" });
    expect(await caught(c.getUploadToken())).toBeInstanceOf(TwentyThreeHttpError);
    expect(await caught(c.updateUploadToken({ uploadToken: "x" }))).toBeInstanceOf(TwentyThreeHttpError);
    expect(await caught(c.updatePhoto({ photoId: "1" }))).toBeInstanceOf(TwentyThreeHttpError);
    expect(await caught(c.deletePhoto({ photoId: "1" }))).toBeInstanceOf(TwentyThreeHttpError);
    expect(calls).toHaveLength(4);
  });

  it("does not retry API error envelopes, bad bodies or 4xx", async () => {
    const { c, calls } = client([json({ status: "error", code: "invalid_signature", message: "bad" }), { body: "<html></html>" }, { status: 404, body: "" }]);
    await caught(c.getSite());
    await caught(c.getSite());
    await caught(c.getSite());
    expect(calls).toHaveLength(3);
  });

  it("does not follow redirects (they would change the signed URL)", async () => {
    const { c, calls } = client({ status: 301, body: "" });
    expect(await caught(c.getUploadToken())).toMatchObject({ status: 301 });
    expect(calls).toHaveLength(1);
  });

  it("aborts after timeoutMs with TwentyThreeTimeoutError, retrying reads only", async () => {
    const read = client(hang, { timeoutMs: 30, retries: 1 });
    const e = await caught(read.c.listPhotos());
    expect(e).toBeInstanceOf(TwentyThreeTimeoutError);
    expect(e.message).toBe("TwentyThree did not answer /api/photo/list within 30 ms");
    expect(read.calls).toHaveLength(2);
    const write = client(hang, { timeoutMs: 30, retries: 3 });
    expect(await caught(write.c.getUploadToken())).toBeInstanceOf(TwentyThreeTimeoutError);
    expect(write.calls).toHaveLength(1);
  });

  it("times out a body that stalls after the headers", async () => {
    const stalled: Reply = async (signal) => {
      const body = new ReadableStream({
        start(ctl) {
          ctl.enqueue(new TextEncoder().encode('{"status":'));
          signal?.addEventListener("abort", () => ctl.error(new DOMException("aborted", "AbortError")));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { c } = client(stalled, { timeoutMs: 30, retries: 0 });
    expect(await caught(c.getSite())).toBeInstanceOf(TwentyThreeTimeoutError);
  });

  it("reports a refused connection as TwentyThreeUnreachableError with the reason", async () => {
    const { c, calls } = client(refused(), { retries: 2 });
    const e = await caught(c.getSite());
    expect(e).toBeInstanceOf(TwentyThreeUnreachableError);
    expect((e as TwentyThreeUnreachableError).reason).toBe("ECONNREFUSED");
    expect(e.message).toBe("Could not reach TwentyThree at video.example.com (ECONNREFUSED)");
    expect(calls).toHaveLength(3);
  });

  it("reports a real refused connection (closed local port) as unreachable", async () => {
    const { createServer } = await import("node:net");
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const c = createTwentyThreeClient({ apiUrl: `http://127.0.0.1:${port}`, ...creds, retries: 0 });
    const e = await caught(c.getSite());
    expect(e).toBeInstanceOf(TwentyThreeUnreachableError);
    expect((e as TwentyThreeUnreachableError).reason).toBe("ECONNREFUSED");
  });
});

describe("logs", () => {
  it("writes one line per attempt with method, outcome and duration", async () => {
    logs = captureLogs();
    const { c } = client([{ status: 503, body: "" }, json({ status: "ok", albums: [] }), json({ status: "error", code: "no_such_photo", message: "x" })]);
    await c.listAlbums();
    await caught(c.deletePhoto({ photoId: "1" }));
    const lines = logs.parsed();
    expect(lines.map((l) => [l.level, l.method, l.outcome, l.attempt])).toEqual([
      ["warn", "/api/album/list", "http_503", 1],
      ["info", "/api/album/list", "ok", 2],
      ["warn", "/api/photo/delete", "no_such_photo", 1],
    ]);
    expect(lines[0]).toMatchObject({ msg: "twentythree call", httpStatus: 503, willRetry: true });
    for (const l of lines) expect(typeof l.durationMs).toBe("number");
  });
});
