// Where the portal may send signed calls. An admin types the API URL, so a URL (or a DNS name that
// later changes its answer) could point the portal's signed requests at the cloud metadata
// service or another link-local endpoint and have its answers shown back. Those addresses are
// refused unless ALLOW_PRIVATE_TARGETS says otherwise; loopback and private LAN addresses stay
// allowed (the emulator, an on-premises proxy).
//
// The check runs where the socket is opened (undici's connect lookup), on the address actually
// dialled, so a DNS name cannot pass the check with one answer and connect with another.
import dns from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent } from "undici";

/** Names cloud providers serve their metadata under (refused before any lookup). */
const METADATA_HOSTS = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
  "metadata.tencentyun.com",
]);
/** Metadata addresses outside the link-local ranges (AWS IPv6, Alibaba Cloud). */
const METADATA_ADDRESSES = new Set(["fd00:ec2::254", "100.100.100.200"].map((a) => ipaddr.process(a).toNormalizedString()));

/** Why an address may not be dialled, or undefined when it may. */
export function blockedAddressReason(address: string): string | undefined {
  const text = address.replace(/^\[|\]$/g, "");
  // Most hosts are names, and ipaddr.js tries every IPv4 and IPv6 spelling on them (throwing
  // inside), which cost more than the rest of a call's checks (issue #20). A text without ":" that
  // has a character no IPv4 spelling has (decimal, octal or hex parts: 0-9, a-f, x, dots) is a
  // name; anything else, including 0x7f.1 and 2130706433, is still ipaddr.js's to decide.
  if (isIP(text) === 0 && !text.includes(":") && /[^0-9a-fx.]/i.test(text)) return undefined;
  if (!ipaddr.isValid(text)) return undefined;
  const ip = ipaddr.process(text); // ::ffff:169.254.169.254 counts as the IPv4 address
  if (METADATA_ADDRESSES.has(ip.toNormalizedString())) return "a cloud metadata address";
  if (ip.range() === "linkLocal") return "a link-local address"; // 169.254.0.0/16, fe80::/10
  return undefined;
}

/** Why a URL's host may not be called (a metadata name or a refused literal address). */
export function blockedHostReason(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (METADATA_HOSTS.has(host)) return "a cloud metadata host name";
  return blockedAddressReason(host);
}

export class BlockedTargetError extends Error {
  readonly code = "EBLOCKEDTARGET";
  constructor(readonly reason: string) {
    super(`refused: ${reason}`);
    this.name = "BlockedTargetError";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

type Resolve = (hostname: string, options: dns.LookupAllOptions, cb: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/** A dns.lookup that fails for refused addresses; node:net calls it with and without `all`. */
export const guardedLookupWith =
  (resolve: Resolve) =>
  (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : "");
      for (const a of addresses) {
        const reason = blockedAddressReason(a.address);
        if (reason) return callback(new BlockedTargetError(`${hostname} resolves to ${reason}`) as unknown as NodeJS.ErrnoException, options.all ? [] : "");
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "");
      callback(null, first.address, first.family);
    });
  };

let agent: Agent | undefined;
/** One shared dispatcher for guarded calls (keep-alive pooling as with the default one). */
export function guardedDispatcher(): Agent {
  agent ??= new Agent({ connect: { lookup: guardedLookupWith(dns.lookup) as never } });
  return agent;
}
