import type { Role } from "@/lib/core/roles";

// Demo accounts, listed in the README. One shared demo password; change it for real use.
export const DEMO_PASSWORD = "jiping-2026";

export const DEMO_ACCOUNTS: { username: string; name: string; role: Role; affiliation: string; bylineTitle: string }[] = [
  { username: "admin", name: "周立", role: "ADMIN", affiliation: "吉平日报社技术部", bylineTitle: "本报" },
  { username: "zongbian", name: "孙正", role: "CHIEF_EDITOR", affiliation: "吉平日报社总编室", bylineTitle: "本报记者" },
  { username: "zhuren", name: "吴岚", role: "DESK_HEAD", affiliation: "吉平日报社要闻部", bylineTitle: "本报记者" },
  { username: "jiaodui", name: "韩冰", role: "PROOFREADER", affiliation: "吉平日报社校对科", bylineTitle: "本报" },
  { username: "caiwu", name: "钱悦", role: "FINANCE", affiliation: "吉平日报社财务科", bylineTitle: "本报" },
  { username: "bianji", name: "刘明", role: "EDITOR", affiliation: "吉平日报社要闻部", bylineTitle: "本报记者" },
  { username: "bianji2", name: "陈静", role: "EDITOR", affiliation: "吉平日报社县区新闻部", bylineTitle: "本报记者" },
  { username: "zhanghan", name: "张晗", role: "CORRESPONDENT", affiliation: "伊通满族自治县融媒体中心", bylineTitle: "本报通讯员" },
  { username: "wangyu", name: "王雨", role: "CORRESPONDENT", affiliation: "双辽市委宣传部", bylineTitle: "本报通讯员" },
  { username: "lixue", name: "李雪", role: "CORRESPONDENT", affiliation: "吉平日报社", bylineTitle: "本报记者" },
  { username: "zhaochen", name: "赵晨", role: "CORRESPONDENT", affiliation: "吉平日报社摄影部", bylineTitle: "本报摄影记者" },
  { username: "duwen", name: "杜雯", role: "CORRESPONDENT", affiliation: "铁西区委宣传部", bylineTitle: "本报通讯员" },
];
