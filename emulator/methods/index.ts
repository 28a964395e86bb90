import type { Method } from "../context.ts";
import { uploadTokenMethods } from "./upload-token.ts";
import { photoMethods } from "./photos.ts";
import { siteMethods } from "./site.ts";

export const METHODS: Record<string, Method> = { ...uploadTokenMethods, ...photoMethods, ...siteMethods };
