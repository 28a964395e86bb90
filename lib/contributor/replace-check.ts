// Was the video really replaced? A replace callback carries nothing a contributor cannot write:
// the signed state and replace token can be read off a failed redeem's redirect (without following
// it) and the photo_id is public. So before the portal believes a callback, it asks TwentyThree
// (photo/list by photo_id, protocol §7) whether the object changed since the token was minted:
// another original file (size, name, type, frame) or transcoding again after it had finished.
import type { Connection } from "@/generated/prisma/client";
import { clientFor } from "@/lib/connections";
import type { Photo } from "@/lib/twentythree";

export type ObjectPrint = { size: string; name: string; type: string; width: string; height: string; encoded: boolean };

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The facts of the object's original file that a replacement changes. */
export function printOf(p: Photo): ObjectPrint {
  return {
    size: text(p.originalSize),
    name: text(p.raw.original_filename),
    type: text(p.raw.original_content_type),
    width: text(p.raw.original_width),
    height: text(p.raw.original_height),
    encoded: p.videoEncoded,
  };
}

export function isPrint(v: unknown): v is ObjectPrint {
  return typeof v === "object" && v !== null && typeof (v as ObjectPrint).size === "string" && typeof (v as ObjectPrint).encoded === "boolean";
}

/** True when `now` shows another file than `before`, or transcoding restarted after it had ended. */
export function replacedSince(before: ObjectPrint, now: ObjectPrint): boolean {
  const fileChanged = (["size", "name", "type", "width", "height"] as const).some((k) => before[k] !== now[k]);
  return fileChanged || (before.encoded && !now.encoded);
}

/** TwentyThree's current view of one object (unpublished ones too), or null when it is gone. */
export async function readObject(connection: Pick<Connection, "apiUrl" | "credentialsEnc">, photoId: string, timeoutMs = 10_000): Promise<ObjectPrint | null> {
  const list = await clientFor(connection, { timeoutMs }).listPhotos({ photoId, includeUnpublished: true, size: 1 });
  const p = list.photos.find((x) => x.photoId === photoId);
  return p ? printOf(p) : null;
}
