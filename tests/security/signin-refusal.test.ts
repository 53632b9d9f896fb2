import { describe, expect, it } from "vitest";
import { signInRefusalMessage, throttledCode } from "@/lib/auth/signin-refusal";

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
