import { BlockList, isIP } from "node:net";
import type { TrustedProxy } from "@/lib/platform/env";

// Which address a sign-in came from, for throttling. The app never sees its socket's address: Next
// writes it into x-forwarded-for only when the request carried no such header, and hands route
// handlers nothing else. Each proxy appends the address it was reached from, so the header is read
// from the right: an entry naming one of our proxies was written by the proxy before it, and the
// first entry that names no proxy of ours is the client, as our nearest trusted proxy saw it.
// Anything further left was written by the client itself and may be forged.

/** Where the address cannot be read; such attempts share one counter. */
export const UNKNOWN_ADDRESS = "unknown";

/** A matcher for the reverse proxies of ours (TRUSTED_PROXIES). */
export function trustedProxyList(proxies: readonly TrustedProxy[]): BlockList {
  const list = new BlockList();
  for (const { address, prefix, family } of proxies) list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  return list;
}

export function clientAddress(forwardedFor: unknown, trusted: BlockList): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  if (typeof header !== "string") return UNKNOWN_ADDRESS;
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  let nearest: string | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const address = plainAddress(entries[i]);
    // Not an address: nothing further left can be read, so the last address read stands.
    if (!address) break;
    nearest = address;
    // When every entry is ours, the leftmost is a machine of ours signing in itself.
    if (!trusted.check(address, isIP(address) === 4 ? "ipv4" : "ipv6")) break;
  }
  return nearest ? addressKey(nearest) : UNKNOWN_ADDRESS;
}

/** The address alone: without a port some load balancers add, a zone, or the IPv6 form of an IPv4 address. */
function plainAddress(raw: string): string | null {
  const address = raw
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
    .replace(/%.*$/, "")
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  return isIP(address) ? address : null;
}

/** An IPv4 address as is; an IPv6 one by its /64 network, which one subscriber usually holds whole. */
function addressKey(address: string): string {
  if (isIP(address) === 4 || address === "::1") return address;
  const [head, tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(8 - front.length - back.length, 0)).fill("0"), ...back];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
