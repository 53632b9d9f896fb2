// The demo's 单位 (units correspondents file for) and who belongs to which, and the people the demo's
// back year credits besides the demo accounts. Data only: every unit name of a county body, school,
// hospital or company here is made up for the demo (the counties and districts are real places
// used as settings, as in demo-content.ts), and so is every person.

export type DemoUnitKind = "OWN" | "PROPAGANDA" | "MEDIA_CENTER" | "GOVERNMENT" | "SCHOOL" | "COMPANY" | "OTHER";

export type DemoUnit = { key: string; name: string; kind: DemoUnitKind; region: string };

export const demoUnits: DemoUnit[] = [
  { key: "own", name: "吉平日报社", kind: "OWN", region: "吉平市" },
  { key: "yitongMedia", name: "伊通满族自治县融媒体中心", kind: "MEDIA_CENTER", region: "伊通满族自治县" },
  { key: "lishuMedia", name: "梨树县融媒体中心", kind: "MEDIA_CENTER", region: "梨树县" },
  { key: "shuangliaoPropaganda", name: "双辽市委宣传部", kind: "PROPAGANDA", region: "双辽市" },
  { key: "tiexiPropaganda", name: "铁西区委宣传部", kind: "PROPAGANDA", region: "铁西区" },
  { key: "tiedongPropaganda", name: "铁东区委宣传部", kind: "PROPAGANDA", region: "铁东区" },
  { key: "lamadianTown", name: "梨树县喇嘛甸镇党委宣传办", kind: "PROPAGANDA", region: "梨树县" },
  { key: "maolinTown", name: "双辽市茂林镇党委宣传办", kind: "PROPAGANDA", region: "双辽市" },
  { key: "lishuEducation", name: "梨树县教育局", kind: "GOVERNMENT", region: "梨树县" },
  { key: "shuangliaoAgriculture", name: "双辽市农业农村局", kind: "GOVERNMENT", region: "双辽市" },
  { key: "tiedongPolice", name: "吉平市公安局铁东分局", kind: "GOVERNMENT", region: "铁东区" },
  { key: "yitongSchool", name: "伊通满族自治县第一中学", kind: "SCHOOL", region: "伊通满族自治县" },
  { key: "shuangliaoHospital", name: "双辽市人民医院", kind: "OTHER", region: "双辽市" },
  { key: "fengheRice", name: "吉平丰禾米业有限公司", kind: "COMPANY", region: "梨树县" },
  { key: "writers", name: "吉平市作家协会", kind: "OTHER", region: "吉平市" },
];

/** The unit of each demo account (accounts.ts): staff in the paper's own, correspondents in theirs. */
export const accountUnits: Record<string, string> = {
  admin: "own",
  zongbian: "own",
  zhuren: "own",
  jiaodui: "own",
  caiwu: "own",
  bianji: "own",
  bianji2: "own",
  lixue: "own",
  zhaochen: "own",
  zhanghan: "yitongMedia",
  wangyu: "shuangliaoPropaganda",
  duwen: "tiexiPropaganda",
};

/** People the demo issues credit who have no account (demo-content.ts), by name. */
export const creditedUnits: Record<string, string> = {
  韩秋实: "lishuMedia",
  钟宛宁: "lishuMedia",
  孟繁星: "lamadianTown",
};

/**
 * How a person of the back year is credited: REPORTER 本报记者, CORRESPONDENT 本报通讯员,
 * PHOTOGRAPHER for the paper's photographers, WRITER a 副刊 author or a signed commentary.
 */
export type BackYearRole = "REPORTER" | "CORRESPONDENT" | "PHOTOGRAPHER" | "WRITER";

/**
 * The people of the back year: the demo accounts that write (by username) and people without
 * accounts (by name). `weight` is how much they file relative to the others of their kind: a few
 * prolific correspondents and a long tail, as a county paper's rankings look. `shoots`: how often
 * they file pictures (0 never).
 */
export type BackYearPerson = {
  name: string;
  username?: string;
  unit: string;
  role: BackYearRole;
  weight: number;
  shoots?: number;
  /** Writes commentary (评论) under their own name. */
  comments?: number;
};

export const backYearPeople: BackYearPerson[] = [
  // 本报记者 and the paper's photographers.
  { name: "李雪", username: "lixue", unit: "own", role: "REPORTER", weight: 3 },
  { name: "宋佳宁", unit: "own", role: "REPORTER", weight: 3 },
  { name: "程立新", unit: "own", role: "REPORTER", weight: 2.5 },
  { name: "田慧敏", unit: "own", role: "REPORTER", weight: 2.5 },
  { name: "尹浩", unit: "own", role: "REPORTER", weight: 2 },
  { name: "姜雪松", unit: "own", role: "REPORTER", weight: 1.5 },
  { name: "赵晨", username: "zhaochen", unit: "own", role: "PHOTOGRAPHER", weight: 0, shoots: 4 },
  { name: "邢涛", unit: "own", role: "PHOTOGRAPHER", weight: 0, shoots: 3 },
  // Editors who sign commentary.
  { name: "吴岚", username: "zhuren", unit: "own", role: "WRITER", weight: 0, comments: 3 },
  { name: "刘明", username: "bianji", unit: "own", role: "WRITER", weight: 0, comments: 2 },
  { name: "孙正", username: "zongbian", unit: "own", role: "WRITER", weight: 0, comments: 1 },
  { name: "陈静", username: "bianji2", unit: "own", role: "WRITER", weight: 0, comments: 1.5 },
  // 本报通讯员: the demo's three accounts first, then the long tail.
  { name: "张晗", username: "zhanghan", unit: "yitongMedia", role: "CORRESPONDENT", weight: 6.5, shoots: 1 },
  { name: "王雨", username: "wangyu", unit: "shuangliaoPropaganda", role: "CORRESPONDENT", weight: 6, shoots: 1 },
  { name: "杜雯", username: "duwen", unit: "tiexiPropaganda", role: "CORRESPONDENT", weight: 5, shoots: 0.5 },
  { name: "付晓光", unit: "yitongMedia", role: "CORRESPONDENT", weight: 4.5, shoots: 1.5 },
  { name: "贾成林", unit: "lishuMedia", role: "CORRESPONDENT", weight: 3.5 },
  { name: "曲志刚", unit: "shuangliaoPropaganda", role: "CORRESPONDENT", weight: 3, shoots: 0.5 },
  { name: "卢鹏", unit: "tiedongPropaganda", role: "CORRESPONDENT", weight: 2.5 },
  { name: "潘宏宇", unit: "tiexiPropaganda", role: "CORRESPONDENT", weight: 2.2 },
  { name: "关雅丽", unit: "yitongMedia", role: "CORRESPONDENT", weight: 2 },
  { name: "董思远", unit: "lishuMedia", role: "CORRESPONDENT", weight: 1.6, comments: 0.5 },
  { name: "崔永利", unit: "lamadianTown", role: "CORRESPONDENT", weight: 1.2 },
  { name: "汪晓丹", unit: "tiedongPropaganda", role: "CORRESPONDENT", weight: 1.2 },
  { name: "石建军", unit: "shuangliaoAgriculture", role: "CORRESPONDENT", weight: 1 },
  { name: "范凯", unit: "tiedongPolice", role: "CORRESPONDENT", weight: 1 },
  { name: "赫英杰", unit: "maolinTown", role: "CORRESPONDENT", weight: 0.7 },
  { name: "那佳琪", unit: "yitongMedia", role: "CORRESPONDENT", weight: 0.6 },
  { name: "乔丽萍", unit: "shuangliaoHospital", role: "CORRESPONDENT", weight: 0.6 },
  { name: "秦月", unit: "lishuMedia", role: "CORRESPONDENT", weight: 0.4, shoots: 2 },
  { name: "谭蕊", unit: "lishuEducation", role: "CORRESPONDENT", weight: 0.5, comments: 0.4 },
  { name: "鲍志远", unit: "tiexiPropaganda", role: "CORRESPONDENT", weight: 0.4 },
  { name: "邱楠", unit: "tiedongPropaganda", role: "CORRESPONDENT", weight: 0.35 },
  { name: "苗新华", unit: "yitongSchool", role: "CORRESPONDENT", weight: 0.3 },
  { name: "庞旭东", unit: "fengheRice", role: "CORRESPONDENT", weight: 0.3 },
  { name: "白玉洁", unit: "shuangliaoPropaganda", role: "CORRESPONDENT", weight: 0.25 },
  // 副刊 authors.
  { name: "温若溪", unit: "writers", role: "WRITER", weight: 3 },
  { name: "郝春来", unit: "writers", role: "WRITER", weight: 2 },
  { name: "包丽娟", unit: "writers", role: "WRITER", weight: 1.5 },
];
