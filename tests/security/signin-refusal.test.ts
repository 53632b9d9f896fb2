import { describe, expect, it } from "vitest";
import { signInRefusalMessage, throttledCode } from "@/lib/auth/signin-refusal";

describe("what the sign-in form says", () => {
  const now = new Date("2026-11-26T06:00:00Z"); // 14:00 in Beijing

  it("names the Beijing time at which a throttled sign-in may try again, rounded up to the minute", () => {
    const code = throttledCode(new Date("2026-11-26T06:14:30Z"), { knownBrowserPasses: false });
    expect(code).toMatch(/^throttled:\d+$/);
    expect(signInRefusalMessage(code, now)).toBe("登录尝试过多，请于 14:15（北京时间）后再试");
  });

  it("tells a browser the account does not know that the owner's usual browser still signs in", () => {
    const code = throttledCode(new Date("2026-11-26T06:14:30Z"), { knownBrowserPasses: true });
    expect(signInRefusalMessage(code, now)).toBe("登录尝试过多，请于 14:15（北京时间）后再试。在您以前登录过的浏览器上不受此限；急需时请联系管理员解除锁定");
  });

  it("names the day as well when the lock ends on another Beijing day", () => {
    const code = throttledCode(new Date("2026-11-26T16:30:00Z"), { knownBrowserPasses: false });
    expect(signInRefusalMessage(code, now)).toBe("登录尝试过多，请于 11月27日 00:30（北京时间）后再试");
  });

  it("keeps the one generic answer for a wrong password or an unknown account", () => {
    expect(signInRefusalMessage("CredentialsSignin", now)).toBe("用户名或密码不正确，或账号已停用");
    expect(signInRefusalMessage("throttled:soon", now)).toBe("用户名或密码不正确，或账号已停用");
    expect(signInRefusalMessage(undefined, now)).toBe("用户名或密码不正确，或账号已停用");
  });
});
