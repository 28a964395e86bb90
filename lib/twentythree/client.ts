// Typed TwentyThree API client: the only code in the portal that talks to TwentyThree.
// Over 200 lines: one small method per TwentyThree endpoint the portal calls, all on one transport and one envelope check.
import type { z } from "zod";
import { TwentyThreeBadResponseError, TwentyThreeError } from "./errors";
import type { Envelope } from "./response";
import {
  albumListSchema,
  permissionLevelSchema,
  photoListSchema,
  photoSchema,
  replaceTokenSchema,
  siteSchema,
  transcodingProgressSchema,
  uploadTokenSchema,
} from "./schemas";
import { UPLOAD_TOKEN_PARAMS } from "./params";
import { sectionMethods } from "./sections";
import { createTransport, type Params, type TwentyThreeConfig } from "./transport";
import type {
  AlbumList,
  ListPhotosParams,
  Photo,
  PhotoList,
  ReplaceToken,
  ReplaceTokenParams,
  Site,
  UpdatePhotoParams,
  UploadToken,
  UploadTokenParams,
} from "./types";

export type { TwentyThreeConfig } from "./transport";

function parseWith<S extends z.ZodType>(schema: S, data: unknown, method: string): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const where = first?.path.length ? first.path.join(".") : "body";
  throw new TwentyThreeBadResponseError(`unexpected shape at ${where}: ${first?.message ?? "invalid"}`, { method });
}

// Parameter names the client sets itself; custom variables / extras may not override them.
const RESERVED = new Set<string>(UPLOAD_TOKEN_PARAMS);

function uploadTokenParams(p: UploadTokenParams): Params {
  const out: Params = {};
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  // Extras last: the caller's own parameters (the portal's signed state) win over custom variables.
  for (const [k, v] of [...Object.entries(p.customVariables ?? {}), ...Object.entries(p.extra ?? {})]) {
    if (RESERVED.has(k) || k.startsWith("oauth_")) throw new TwentyThreeError("client_input", `Parameter name "${k}" is reserved`);
    out[k] = v;
  }
  set("return_url", p.returnUrl);
  set("background_return_p", p.backgroundReturn === undefined ? undefined : p.backgroundReturn ? "1" : "0");
  set("user_id", p.userId);
  set("album_id", p.albumIds?.join(","));
  set("title", p.title);
  set("description", p.description);
  set("tags", p.tags?.join(" "));
  set("publish", p.publish === undefined ? undefined : p.publish ? "1" : "0");
  set("absolute_url", p.absoluteUrl);
  set("valid_minutes", p.validMinutes?.toString());
  set("max_uploads", p.maxUploads?.toString());
  return out;
}

/** The token object: `uploadtoken` in the documented answer; tolerate other spellings or flat fields. */
function tokenObject(env: Envelope): unknown {
  for (const key of ["uploadtoken", "uploadToken", "upload_token"]) {
    const v = env[key];
    if (v !== null && typeof v === "object" && !Array.isArray(v)) return v;
  }
  return env;
}

function toUploadToken(env: Envelope, method: string, nowMs: number): UploadToken {
  const t = parseWith(uploadTokenSchema, tokenObject(env), method);
  const validMinutes = t.valid_minutes ?? 180;
  return {
    uploadToken: t.upload_token,
    validMinutes,
    validUntil: new Date(t.valid_until !== null ? t.valid_until * 1000 : nowMs + validMinutes * 60_000),
    maxUploads: t.max_uploads ?? 1,
    title: t.title,
    description: t.description,
    tags: t.tags,
    publish: t.publish,
    albumId: t.album_id,
    returnUrl: t.return_url,
    userId: t.user_id,
  };
}

function toPhoto(p: z.output<typeof photoSchema>): Photo {
  const photo: Photo = {
    photoId: p.photo_id,
    token: p.token,
    treeId: p.tree_id,
    title: p.title,
    content: p.content,
    tags: p.tags,
    publishedP: p.published_p,
    albumId: p.album_id,
    one: p.one,
    videoP: p.video_p,
    videoLength: p.video_length,
    videoEncoded: p.video_encoded_p,
    originalSize: p.original_size,
    raw: { ...p },
  };
  if (p.small_download) photo.smallDownload = p.small_download;
  if (p.original_download) photo.originalDownload = p.original_download;
  if (p.absolute_url) photo.absoluteUrl = p.absolute_url;
  if (p.publish_date_ansi) photo.publishDate = p.publish_date_ansi;
  if (p.creation_date_ansi) photo.creationDate = p.creation_date_ansi;
  return photo;
}

function paging(page?: number, size?: number): Params {
  const out: Params = {};
  if (page !== undefined) out.p = String(page);
  if (size !== undefined) out.size = String(size);
  return out;
}

export function createTwentyThreeClient(cfg: TwentyThreeConfig) {
  const call = createTransport(cfg);
  const now = cfg.now ?? (() => Date.now()); // read at each call: a client may be kept (lib/connections.ts) across a test's fake clock
  const write = (method: string, params: Params) => call(method, params, { idempotent: false });
  const read = (method: string, params: Params) => call(method, params, { idempotent: true });

  return {
    ...sectionMethods(read, write),

    /** Pre-authorises a browser upload (`write`; `userId` needs `super`). Never retried. */
    async getUploadToken(p: UploadTokenParams = {}): Promise<UploadToken> {
      const method = "/api/photo/get-upload-token";
      return toUploadToken(await write(method, uploadTokenParams(p)), method, now());
    },

    /** Pre-authorises a browser upload that replaces `photoId`'s file, keeping its id and embeds (`write`). Never retried. */
    async getReplaceToken(p: ReplaceTokenParams): Promise<ReplaceToken> {
      const method = "/api/photo/get-replace-token";
      const params: Params = { photo_id: p.photoId, return_url: p.returnUrl, background_return_p: p.backgroundReturn ? "1" : "0" };
      if (p.validMinutes !== undefined) params.valid_minutes = String(p.validMinutes);
      for (const [k, v] of Object.entries(p.extra ?? {})) {
        if (RESERVED.has(k) || k === "photo_id" || k.startsWith("oauth_")) throw new TwentyThreeError("client_input", `Parameter name "${k}" is reserved`);
        params[k] = v;
      }
      const env = await write(method, params);
      const obj = env.replacetoken !== null && typeof env.replacetoken === "object" ? env.replacetoken : env;
      const t = parseWith(replaceTokenSchema, obj, method);
      const validMinutes = t.valid_minutes ?? 180;
      return {
        replaceToken: t.replace_token,
        photoId: t.photo_id,
        validUntil: new Date(t.valid_until !== null ? t.valid_until * 1000 : now() + validMinutes * 60_000),
        maxUploads: t.max_uploads ?? 1,
      };
    },

    /** Changes an upload token's metadata or limits. Never retried. */
    async updateUploadToken(p: UploadTokenParams & { uploadToken: string }): Promise<UploadToken> {
      const method = "/api/photo/update-upload-token";
      const env = await write(method, { ...uploadTokenParams(p), upload_token: p.uploadToken });
      return toUploadToken(env, method, now());
    },

    async listPhotos(p: ListPhotosParams = {}): Promise<PhotoList> {
      const method = "/api/photo/list";
      const params: Params = paging(p.page, p.size);
      if (p.photoId !== undefined) params.photo_id = p.photoId;
      if (p.token !== undefined) params.token = p.token;
      if (p.uploadToken !== undefined) params.upload_token = p.uploadToken;
      if (p.albumId !== undefined) params.album_id = p.albumId;
      if (p.includeUnpublished !== undefined) params.include_unpublished_p = p.includeUnpublished ? "1" : "0";
      const l = parseWith(photoListSchema, await read(method, params), method);
      const photos = l.photos.map(toPhoto);
      return { photos, totalCount: l.total_count ?? photos.length, page: l.p ?? p.page ?? 1, size: l.size ?? p.size ?? 20 };
    },

    /** Only the given fields are sent. Never retried. */
    async updatePhoto(p: UpdatePhotoParams): Promise<void> {
      const params: Params = { photo_id: p.photoId };
      if (p.title !== undefined) params.title = p.title;
      if (p.description !== undefined) params.description = p.description;
      if (p.tags !== undefined) params.tags = p.tags.join(" ");
      if (p.albumId !== undefined) params.album_id = p.albumId;
      if (p.published !== undefined) params.published_p = p.published ? "1" : "0";
      await write("/api/photo/update", params);
    },

    /** Never retried. */
    async deletePhoto(p: { photoId: string }): Promise<void> {
      await write("/api/photo/delete", { photo_id: p.photoId });
    },

    async listAlbums(p: { page?: number; size?: number } = {}): Promise<AlbumList> {
      const method = "/api/album/list";
      const l = parseWith(albumListSchema, await read(method, paging(p.page, p.size)), method);
      const albums = l.albums.map((a) => ({ albumId: a.album_id, title: a.title }));
      return { albums, totalCount: l.total_count ?? albums.length, page: l.p ?? p.page ?? 1, size: l.size ?? p.size ?? 20 };
    },

    /** How far transcoding is, 0..1 over every format (`read`). */
    async getTranscodingProgress(p: { photoId: string }): Promise<{ all: number }> {
      const method = "/api/photo/get-transcoding-progress";
      const t = parseWith(transcodingProgressSchema, await read(method, { photo_id: p.photoId }), method);
      return { all: Math.min(1, Math.max(0, t.progress.all ?? 0)) };
    },

    /** Cheap signed call: tests credentials and learns the site and permission level. */
    async getSite(): Promise<Site> {
      const method = "/api/site/get";
      const env = await read(method, {});
      const s = parseWith(siteSchema, env.site !== null && typeof env.site === "object" ? env.site : env, method);
      return { domain: s.domain, siteId: s.site_id, siteName: s.site_name, permissionLevel: parseWith(permissionLevelSchema, env.permission_level, method) };
    },
  };
}

export type TwentyThreeClient = ReturnType<typeof createTwentyThreeClient>;
