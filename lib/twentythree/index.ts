export { createTwentyThreeClient, type TwentyThreeClient, type TwentyThreeConfig } from "./client";
export * from "./errors";
export * from "./types";
export { checkConnection, hasPermission, PERMISSION_LEVELS, type ConnectionCheck, type PermissionLevel } from "./check";
export { fileUrl, frameUrl, originOf, playerUrl, redeemUrl, type Where } from "./embed";
export { normaliseBaseUrl, signRequest, type SignInput, type SignedRequest } from "./sign";
export { BlockedTargetError, blockedHostReason, guardedDispatcher } from "./address-guard";
export type { Section } from "./sections";
