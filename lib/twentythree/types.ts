// Public types of the TwentyThree client (camelCase; parsed from the legacy snake_case strings).

export interface UploadTokenParams {
  /** Where TwentyThree sends the browser (or calls, with backgroundReturn) after the upload. */
  returnUrl?: string;
  backgroundReturn?: boolean;
  /** Upload as this user: needs `super` credentials. */
  userId?: string;
  albumIds?: string[];
  title?: string;
  description?: string;
  tags?: string[];
  publish?: boolean;
  absoluteUrl?: string;
  /** 15..1440, default 180 on the service. */
  validMinutes?: number;
  /** 1..100, default 1 on the service. */
  maxUploads?: number;
  /** Custom variables configured for photo objects on the site (e.g. customer_id). */
  customVariables?: Record<string, string>;
  /** Extra parameters TwentyThree repeats verbatim in the callback to returnUrl. */
  extra?: Record<string, string>;
}

export interface UploadToken {
  uploadToken: string;
  validMinutes: number;
  validUntil: Date;
  maxUploads: number;
  title: string;
  description: string;
  tags: string[];
  publish: boolean;
  albumId: string;
  returnUrl: string;
  userId: string;
}

export interface ListPhotosParams {
  photoId?: string;
  token?: string;
  /** Objects uploaded with this upload token. */
  uploadToken?: string;
  albumId?: string;
  /** Needs `read`. */
  includeUnpublished?: boolean;
  page?: number;
  /** Max 100. */
  size?: number;
}

export interface Photo {
  photoId: string;
  token: string;
  treeId: string;
  title: string;
  /** The description. */
  content: string;
  tags: string[];
  publishedP: boolean;
  albumId: string;
  /** Relative URL of the object's page, e.g. /video/60433. */
  one: string;
  videoP: boolean;
  /** Seconds, or null when unknown. */
  videoLength: number | null;
  /** False while TwentyThree is still transcoding the video. */
  videoEncoded: boolean;
  /** Bytes of the uploaded file, when sent. */
  originalSize: number | null;
  /** Thumbnail path (200×150) on the site's domain, e.g. /1/604/abc/small. */
  smallDownload?: string;
  originalDownload?: string;
  absoluteUrl?: string;
  publishDate?: string;
  creationDate?: string;
  /** Every field as TwentyThree sent it (custom variables, fields we do not map, …). */
  raw: Record<string, unknown>;
}

export interface PhotoList {
  photos: Photo[];
  totalCount: number;
  page: number;
  size: number;
}

export interface UpdatePhotoParams {
  photoId: string;
  title?: string;
  description?: string;
  tags?: string[];
  albumId?: string;
  published?: boolean;
}

export interface Album {
  albumId: string;
  title: string;
}

export interface AlbumList {
  albums: Album[];
  totalCount: number;
  page: number;
  size: number;
}

export interface Site {
  domain: string;
  siteId: string;
  siteName: string;
  /** Permission level of these credentials: none < anonymous < read < write < admin < super. */
  permissionLevel: string;
}

export interface ReplaceTokenParams {
  photoId: string;
  /** Where TwentyThree sends the browser after the replacing upload (the callback carries replace_token). */
  returnUrl: string;
  backgroundReturn?: boolean;
  /** 15..1440, default 180 on the service. */
  validMinutes?: number;
  /** Extra parameters TwentyThree repeats verbatim in the callback. */
  extra?: Record<string, string>;
}

export interface ReplaceToken {
  replaceToken: string;
  photoId: string;
  validUntil: Date;
  maxUploads: number;
}
