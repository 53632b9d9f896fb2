import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyList } from "@/lib/auth/client-address";
import { LOOPBACK_PROXIES, parseEnv } from "@/lib/platform/env";

// The address sign-in throttling counts, from x-forwarded-for as the app receives it. Next writes the
// socket's address there only when the request carried none; nginx ($proxy_add_x_forwarded_for) and
// Varnish (by itself, before vcl_recv) each append the address they were reached from.
// e2e/signin-throttle.spec.ts sends the same through real Varnish to the real app.

const onThisMachine = trustedProxyList(LOOPBACK_PROXIES);
const elsewhere = trustedProxyList(parseEnv({ ...settings(), TRUSTED_PROXIES: "10.0.0.5, 10.0.1.0/29" }).TRUSTED_PROXIES!);

function settings(extra: Record<string, string> = {}) {
  return { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x", NEXTAUTH_SECRET: "a-secret-of-enough-length", ...extra };
}

describe("the client address used for throttling", () => {
  it.each([
    // [what happened, x-forwarded-for as the app gets it, address counted]
    ["reached directly, no header: Next wrote the socket's address", "203.0.113.7", "203.0.113.7"],
    ["through nginx on this machine", "203.0.113.7", "203.0.113.7"],
    ["through nginx, a forged entry before the one nginx appended", "1.2.3.4, 203.0.113.7", "203.0.113.7"],
    // The default of one hop counted everyone as 127.0.0.1 here: 20 failures anywhere locked everybody.
    ["through nginx and then Varnish on this machine", "203.0.113.7, 127.0.0.1", "203.0.113.7"],
    ["through nginx and Varnish, forged", "1.2.3.4, 203.0.113.7, 127.0.0.1", "203.0.113.7"],
    ["through nginx and Varnish, forged as one of our proxies", "127.0.0.1, 203.0.113.7, 127.0.0.1", "203.0.113.7"],
    ["a browser on the server itself, through both", "127.0.0.1, 127.0.0.1", "127.0.0.1"],
    ["a browser on the server, straight to the app on a dual-stack socket", "::ffff:127.0.0.1", "127.0.0.1"],
    ["a proxy on this machine reached over IPv6", "2001:db8:aa:bb:1:2:3:4, ::1", "2001:db8:aa:bb::/64"],
    ["one subscriber's whole IPv6 network", "2001:db8::5", "2001:db8:0:0::/64"],
    ["a zone", "fe80::1%eth0", "fe80:0:0:0::/64"],
    ["a load balancer that adds the client's port", "203.0.113.7:51234", "203.0.113.7"],
    ["the same in IPv6", "[2001:db8::5]:443", "2001:db8:0:0::/64"],
    ["a client's junk before the proxy's entry", "not an address, 203.0.113.7", "203.0.113.7"],
    ["junk past our proxy: the proxy's own address is the last one known", "not an address, 127.0.0.1", "127.0.0.1"],
    ["a proxy that wrote no address", "unknown", "unknown"],
    ["an empty header", "", "unknown"],
    ["no header (a request that did not come through Next)", undefined, "unknown"],
  ])("%s: %s counts as %s", (_, header, expected) => {
    expect(clientAddress(header, onThisMachine)).toBe(expected);
  });

  it.each([
    ["nginx on 10.0.0.5 straight to the app", "203.0.113.7", "203.0.113.7"],
    ["nginx on 10.0.0.5, then Varnish on 10.0.1.2", "203.0.113.7, 10.0.0.5", "203.0.113.7"],
    ["forged through both", "198.51.100.1, 203.0.113.7, 10.0.0.5", "203.0.113.7"],
    // Loopback is not trusted unless listed: a local process is then a client like any other.
    ["a proxy not named in TRUSTED_PROXIES counts as the client", "203.0.113.7, 10.0.0.9", "10.0.0.9"],
    ["an entry claiming loopback is the client's", "203.0.113.7, 127.0.0.1", "127.0.0.1"],
  ])("with TRUSTED_PROXIES=10.0.0.5,10.0.1.0/29, %s: %s counts as %s", (_, header, expected) => {
    expect(clientAddress(header, elsewhere)).toBe(expected);
  });

  it("reads a header sent more than once as one chain", () => {
    expect(clientAddress(["1.2.3.4", "203.0.113.7"], onThisMachine)).toBe("203.0.113.7");
  });
});

describe("the settings that say who may name a client's address", () => {
  it("trusts proxies on this machine when TRUSTED_PROXIES is unset, and reads addresses and networks", () => {
    expect(parseEnv(settings()).TRUSTED_PROXIES).toBeUndefined();
    expect(parseEnv(settings({ TRUSTED_PROXIES: "10.0.0.5,  10.0.1.0/29 2001:db8::/64" })).TRUSTED_PROXIES).toEqual([
      { address: "10.0.0.5", prefix: 32, family: 4 },
      { address: "10.0.1.0", prefix: 29, family: 4 },
      { address: "2001:db8::", prefix: 64, family: 6 },
    ]);
  });

  it.each(["nginx.internal", "10.0.0.0/33", "10.0.0.0/0", "::/0", "10.0.0.1/8/2", "10.0.0.0/abc"])("refuses TRUSTED_PROXIES=%s, naming it", (entry) => {
    expect(() => parseEnv(settings({ TRUSTED_PROXIES: `127.0.0.1, ${entry}` }))).toThrow(`TRUSTED_PROXIES: “${entry}”不是反向代理的地址或网段`);
  });

  it("refuses the old hop count, which read the wrong entry behind nginx and Varnish", () => {
    expect(() => parseEnv(settings({ TRUSTED_PROXY_HOPS: "1" }))).toThrow("TRUSTED_PROXY_HOPS: 已不再使用：请删去它，改用 TRUSTED_PROXIES");
  });

  it("refuses an app other machines can reach until its proxies are named", () => {
    for (const host of ["0.0.0.0", "::", "10.0.0.11"]) {
      expect(() => parseEnv(settings({ HOST: host }))).toThrow(`TRUSTED_PROXIES: HOST=${host} 让其他机器也能连到本应用`);
      expect(() => parseEnv(settings({ HOST: host, TRUSTED_PROXIES: "" }))).toThrow("请用 TRUSTED_PROXIES 列出");
      expect(parseEnv(settings({ HOST: host, TRUSTED_PROXIES: "10.0.0.5" })).TRUSTED_PROXIES).toHaveLength(1);
    }
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(() => parseEnv(settings({ HOST: host }))).not.toThrow();
  });
});
