import { isIP } from "node:net";

// Which address a sign-in came from, for throttling. Next adds x-forwarded-for only when the client
// sent none, and each reverse proxy appends the address it saw; so only the entries added by our
// own proxies can be believed, and the client is the one `trustedHops` from the right. Anything
// further left was written by the client and may be forged.

/** Where the address cannot be read; such attempts share one counter. */
export const UNKNOWN_ADDRESS = "unknown";

export function clientAddress(forwardedFor: unknown, trustedHops: number): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  if (typeof header !== "string") return UNKNOWN_ADDRESS;
  const entries = header.split(",").map((e) => e.trim()).filter(Boolean);
  // A shorter chain than configured did not pass all our proxies: its first entry is the nearest we have.
  const entry = entries[Math.max(entries.length - trustedHops, 0)];
  return entry ? addressKey(entry) : UNKNOWN_ADDRESS;
}

/** An IPv4 address as is; an IPv6 one by its /64 network, which one subscriber usually holds whole. */
function addressKey(raw: string): string {
  // Some load balancers send "1.2.3.4:5678" or "[2001:db8::1]:443": the port is not the client.
  const address = raw
    .replace(/^\[([^\]]+)\](?::\d+)?$/, "$1")
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1")
    .replace(/%.*$/, "")
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  const family = isIP(address);
  if (family === 4 || address === "::1") return address;
  if (family !== 6) return UNKNOWN_ADDRESS;
  const [head, tail] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = tail === undefined ? front : [...front, ...Array(Math.max(8 - front.length - back.length, 0)).fill("0"), ...back];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
