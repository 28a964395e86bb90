import { XMLBuilder } from "fast-xml-parser";

/** Response-shaping parameters, taken from the request (query or body). */
export interface FormatOpts {
  format?: string;
  raw?: boolean;
  varname?: string;
  callback?: string;
}

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** The legacy API returns every scalar as a string. */
export function stringify(v: Json): Json {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(stringify);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringify(x)]));
  return v;
}

const JS_IDENT = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export interface Rendered {
  contentType: string;
  body: string;
}

export function render(body: Record<string, Json>, f: FormatOpts): Rendered {
  const data = stringify(body) as Record<string, Json>;
  const json = JSON.stringify(data, null, 1);
  if (f.format === "json" || f.raw || f.callback) {
    if (f.raw) return { contentType: "application/json; charset=utf-8", body: json };
    // Unsafe names would turn JSONP into script injection; fall back to the default wrapper.
    if (f.callback && JS_IDENT.test(f.callback)) return { contentType: "text/javascript; charset=utf-8", body: `${f.callback}(${json});` };
    const name = f.varname && JS_IDENT.test(f.varname) ? f.varname : "visual";
    return { contentType: "text/javascript; charset=utf-8", body: `var ${name} = ${json};` };
  }
  return { contentType: "text/xml; charset=utf-8", body: toXml(data) };
}

const ATTRS = new Set(["status", "permission_level", "message", "cached", "code"]);
// Objects whose fields appear directly under <response> in the documented XML example.
const FLATTEN = new Set(["uploadtoken", "replacetoken"]);

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });

function singular(k: string): string {
  return k.endsWith("s") ? k.slice(0, -1) : k;
}

function toXml(data: Record<string, Json>): string {
  const resp: Record<string, unknown> = {};
  const put = (k: string, v: Json) => {
    if (Array.isArray(v)) resp[singular(k)] = v;
    else resp[k] = v;
  };
  for (const [k, v] of Object.entries(data)) {
    if (ATTRS.has(k) && typeof v === "string") resp["@_" + k] = v;
    else if (FLATTEN.has(k) && v && typeof v === "object" && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) put(k2, v2);
    else put(k, v);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ response: resp });
}
