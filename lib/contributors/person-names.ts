// Chinese personal names written together without a separator (实习记者 刘洋陈思), as PDF extraction
// and hurried typing leave them: read back into names. Pure; table-tested in tests/unit/person-names.test.ts.

// The common single-character surnames, most frequent first (the order breaks ties: 张晓燕刘洋 is
// 张晓燕 + 刘洋 rather than 张晓 + 燕刘洋, 刘 being far more common a surname than 燕).
const SURNAMES = Array.from(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝",
);
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "司徒", "申屠", "澹台", "呼延"];

const rank = (ch: string) => SURNAMES.indexOf(ch);

/** How likely a run is one name: the rank of its surname (lower is likelier), or -1 when it cannot be one. */
function nameCost(part: string): number {
  const chars = Array.from(part);
  const compound = COMPOUND_SURNAMES.some((s) => part.startsWith(s));
  if (compound) return chars.length >= 3 && chars.length <= 4 ? 0 : -1;
  if (chars.length < 2 || chars.length > 3) return -1;
  return rank(chars[0]);
}

export type NameRun = { names: string[]; certain: boolean };

/**
 * A run of Han characters read as the names in it: 刘洋陈思 → 刘洋 陈思, 高宇郭丽娜 → 高宇 郭丽娜.
 * A run of two or three characters is one name; so is one of four that opens with a compound surname
 * (欧阳修明) or that cannot be split into names that each open with a common surname (阿依古丽).
 * `certain` is false when more than one reading was possible, so the desk asks.
 */
export function splitRunTogetherNames(run: string): NameRun {
  const chars = Array.from(run);
  if (chars.length <= 3 || !/^\p{Script=Han}+$/u.test(run)) return { names: [run], certain: true };
  const readings: { names: string[]; cost: number }[] = [];
  const walk = (at: number, names: string[], cost: number) => {
    if (at === chars.length) {
      readings.push({ names, cost });
      return;
    }
    for (const length of [2, 3, 4]) {
      if (at + length > chars.length) break;
      const part = chars.slice(at, at + length).join("");
      const c = nameCost(part);
      if (c >= 0) walk(at + length, [...names, part], cost + c);
    }
  };
  walk(0, [], 0);
  const split = readings.filter((r) => r.names.length > 1).sort((a, b) => a.cost - b.cost);
  // A four-character run that reads as one name (compound surname) is one person.
  if (chars.length === 4 && (split.length === 0 || COMPOUND_SURNAMES.some((s) => run.startsWith(s)))) return { names: [run], certain: split.length === 0 };
  if (split.length === 0) return { names: [run], certain: false };
  return { names: split[0].names, certain: split.length === 1 };
}
