declare module "oauth-sign" {
  export function rfc3986(s: string): string;
  export function hmacsign(method: string, baseUri: string, params: Record<string, string | string[]>, consumerSecret: string, tokenSecret?: string): string;
}
