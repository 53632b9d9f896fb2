import { describe, expect, it } from "vitest";
import { composeByline, parseByline, roleOfTitle, type Credit } from "@/lib/contributors/byline";

// Byline forms as county and city papers print them, and the credits each stands for.
const READ: [string, Credit[]][] = [
  ["本报记者 骆晓飞 通讯员 孙桢怡", [{ name: "骆晓飞", role: "REPORTER" }, { name: "孙桢怡", role: "CORRESPONDENT" }]],
  ["本报讯（记者 何文涛 通讯员 陈秀英）", [{ name: "何文涛", role: "REPORTER" }, { name: "陈秀英", role: "CORRESPONDENT" }]],
  ["本报讯(记者 何文涛)", [{ name: "何文涛", role: "REPORTER" }]],
  ["本报通讯员 张晗", [{ name: "张晗", role: "CORRESPONDENT" }]],
  ["易跃跃 李清 摄", [{ name: "易跃跃", role: "PHOTOGRAPHER" }, { name: "李清", role: "PHOTOGRAPHER" }]],
  ["本报记者 赵晨 摄", [{ name: "赵晨", role: "PHOTOGRAPHER" }]],
  ["易跃跃摄", [{ name: "易跃跃", role: "PHOTOGRAPHER" }]],
  ["实习记者 王一鸣", [{ name: "王一鸣", role: "INTERN" }]],
  ["本报实习记者 王一鸣 记者 刘洋", [{ name: "王一鸣", role: "INTERN" }, { name: "刘洋", role: "REPORTER" }]],
  ["特约记者 马丽", [{ name: "马丽", role: "SPECIAL" }]],
  ["本报讯（实习记者 刘洋陈思）", [{ name: "刘洋", role: "INTERN" }, { name: "陈思", role: "INTERN" }]],
  ["本报讯（记者 孟凡 通讯员 高宇郭丽娜）", [{ name: "孟凡", role: "REPORTER" }, { name: "高宇", role: "CORRESPONDENT" }, { name: "郭丽娜", role: "CORRESPONDENT" }]],
  ["本报记者 张三、李四", [{ name: "张三", role: "REPORTER" }, { name: "李四", role: "REPORTER" }]],
  ["记者张三 通讯员李四", [{ name: "张三", role: "REPORTER" }, { name: "李四", role: "CORRESPONDENT" }]],
  ["文/周敏 图/郑凯", [{ name: "周敏", role: "WRITER" }, { name: "郑凯", role: "PHOTOGRAPHER" }]],
  ["本报记者 骆晓飞 通讯员 孙桢怡 文 易跃跃 摄", [
    { name: "骆晓飞", role: "REPORTER" }, { name: "孙桢怡", role: "CORRESPONDENT" }, { name: "易跃跃", role: "PHOTOGRAPHER" },
  ]],
  ["新华社北京11月27日电（记者 阿依古丽·买买提）", [{ name: "阿依古丽·买买提", role: "REPORTER" }]],
  ["周敏", [{ name: "周敏", role: "WRITER" }]],
  ["本报综合", []],
  ["县委宣传部 提供", []],
  ["新华社发", []],
  ["资料图片", []],
  ["通讯员 李明 提供", []],
  ["欧阳修明 摄", [{ name: "欧阳修明", role: "PHOTOGRAPHER" }]],
  ["", []],
];

describe("parseByline", () => {
  it.each(READ)("%s", (line, credits) => {
    expect(parseByline(line)).toEqual(credits);
  });
});

const WRITE: [Credit[], string][] = [
  [[{ name: "骆晓飞", role: "REPORTER" }, { name: "孙桢怡", role: "CORRESPONDENT" }], "本报记者 骆晓飞 通讯员 孙桢怡"],
  [[{ name: "张晗", role: "CORRESPONDENT" }], "本报通讯员 张晗"],
  [[{ name: "张晗", role: "CORRESPONDENT" }, { name: "王雨", role: "CORRESPONDENT" }], "本报通讯员 张晗 王雨"],
  [[{ name: "易跃跃", role: "PHOTOGRAPHER" }, { name: "刘洋", role: "REPORTER" }], "本报记者 刘洋 文 易跃跃 摄"],
  [[{ name: "马丽", role: "SPECIAL" }, { name: "刘洋", role: "REPORTER" }], "特约记者 马丽 本报记者 刘洋"],
  [[{ name: "周敏", role: "WRITER" }], "周敏"],
  [[{ name: "  ", role: "REPORTER" }], ""],
];

describe("composeByline", () => {
  it.each(WRITE)("%j → %s", (credits, line) => {
    expect(composeByline(credits)).toBe(line);
  });

  it("reads back what it writes", () => {
    for (const [credits, line] of WRITE) {
      const parsed = parseByline(line);
      expect(composeByline(parsed)).toBe(line);
      expect(new Set(parsed.map((c) => c.name))).toEqual(new Set(credits.filter((c) => c.name.trim()).map((c) => c.name)));
    }
  });
});

describe("roleOfTitle", () => {
  it.each([
    ["本报通讯员", "CORRESPONDENT"],
    ["本报记者", "REPORTER"],
    ["本报摄影记者", "PHOTOGRAPHER"],
    ["本报实习记者", "INTERN"],
    ["本报", "WRITER"],
  ])("%s → %s", (title, role) => expect(roleOfTitle(title)).toBe(role));
});
