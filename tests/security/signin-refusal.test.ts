import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { signInRefusalMessage, throttledCode } from "@/lib/auth/signin-refusal";

describe("the client address used for throttling", () => {
  it.each([
    // [x-forwarded-for, trusted proxy hops, address counted]
    ["203.0.113.7", 1, "203.0.113.7"], // reached directly: Next wrote the socket's address
    ["1.2.3.4, 203.0.113.7", 1, "203.0.113.7"], // a forged entry before the one our proxy appended
    ["1.2.3.4, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"], // two proxies of ours
    ["203.0.113.7", 2, "203.0.113.7"], // a chain shorter than configured
    ["::ffff:127.0.0.1", 1, "127.0.0.1"],
    ["::1", 1, "::1"],
    ["2001:db8:aa:bb:1:2:3:4", 1, "2001:db8:aa:bb::/64"], // one subscriber's whole IPv6 network
    ["2001:db8::5", 1, "2001:db8:0:0::/64"],
    ["fe80::1%eth0", 1, "fe80:0:0:0::/64"],
    ["203.0.113.7:51234", 1, "203.0.113.7"], // a load balancer that adds the client's port
    ["[2001:db8::5]:443", 1, "2001:db8:0:0::/64"],
    ["not an address", 1, "unknown"],
    ["", 1, "unknown"],
    [undefined, 1, "unknown"],
  ])("%s with %i hop(s) counts as %s", (header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });

  it("reads a header sent more than once as one chain", () => {
    expect(clientAddress(["1.2.3.4", "203.0.113.7"], 1)).toBe("203.0.113.7");
  });
});

describe("what the sign-in form says", () => {
  const now = new Date("2026-11-26T06:00:00Z"); // 14:00 in Beijing

  it("names the Beijing time at which a throttled sign-in may try again, rounded up to the minute", () => {
    const code = throttledCode(new Date("2026-11-26T06:14:30Z"));
    expect(code).toMatch(/^throttled:\d+$/);
    expect(signInRefusalMessage(code, now)).toBe("登录尝试过多，请于 14:15（北京时间）后再试");
  });

  it("names the day as well when the lock ends on another Beijing day", () => {
    const code = throttledCode(new Date("2026-11-26T16:30:00Z"));
    expect(signInRefusalMessage(code, now)).toBe("登录尝试过多，请于 11月27日 00:30（北京时间）后再试");
  });

  it("keeps the one generic answer for a wrong password or an unknown account", () => {
    expect(signInRefusalMessage("CredentialsSignin", now)).toBe("用户名或密码不正确，或账号已停用");
    expect(signInRefusalMessage("throttled:soon", now)).toBe("用户名或密码不正确，或账号已停用");
    expect(signInRefusalMessage(undefined, now)).toBe("用户名或密码不正确，或账号已停用");
  });
});
