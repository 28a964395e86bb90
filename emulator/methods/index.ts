import type { Method } from "../context.ts";
import { uploadTokenMethods } from "./upload-token.ts";
import { photoMethods } from "./photos.ts";
import { siteMethods } from "./site.ts";
import { mediaMethods } from "./media.ts";
import { sectionMethods } from "./sections.ts";
import { replaceMethods } from "./replace.ts";

export const METHODS: Record<string, Method> = {
  ...uploadTokenMethods,
  ...photoMethods,
  ...siteMethods,
  ...mediaMethods,
  ...sectionMethods,
  ...replaceMethods,
};
