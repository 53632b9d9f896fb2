// Bylines as people: the printed byline line is made from a list of credits, and old byline
// strings are read back into such a list. Pure functions, table-tested (tests/unit/byline.test.ts).
import { splitRunTogetherNames } from "@/lib/contributors/person-names";
import type { ContributorRole as StoredContributorRole } from "@/lib/generated/prisma/enums";
import type { ListsEvery } from "@/lib/core/stored-enums";

export const CONTRIBUTOR_ROLES = ["REPORTER", "CORRESPONDENT", "INTERN", "SPECIAL", "PHOTOGRAPHER", "WRITER"] as const satisfies readonly StoredContributorRole[];
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number];
true satisfies ListsEvery<StoredContributorRole, ContributorRole>;

/** How each role is named in the form. */
export const CONTRIBUTOR_ROLE_LABELS: Record<ContributorRole, string> = {
  REPORTER: "本报记者",
  CORRESPONDENT: "本报通讯员",
  INTERN: "实习记者",
  SPECIAL: "特约记者",
  PHOTOGRAPHER: "摄影",
  WRITER: "作者（不加称谓）",
};

export type Credit = { name: string; role: ContributorRole };

// The title printed before a group of names; "本报" is printed once, on the first group that has it.
const TITLES: Record<Exclude<ContributorRole, "PHOTOGRAPHER" | "WRITER">, string> = {
  REPORTER: "记者",
  CORRESPONDENT: "通讯员",
  INTERN: "实习记者",
  SPECIAL: "特约记者",
};

/**
 * The byline line as the paper prints it: 本报记者 骆晓飞 通讯员 孙桢怡; photographers close the line
 * (… 赵晨 摄); names without a title (评论的作者) stand alone.
 */
export function composeByline(credits: readonly Credit[]): string {
  const groups: { role: ContributorRole; names: string[] }[] = [];
  for (const c of credits) {
    const name = c.name.trim();
    if (!name) continue;
    const group = groups.find((g) => g.role === c.role);
    if (group) {
      if (!group.names.includes(name)) group.names.push(name);
    } else groups.push({ role: c.role, names: [name] });
  }
  const parts: string[] = [];
  let staffNamed = false;
  for (const g of groups) {
    if (g.role === "PHOTOGRAPHER" || g.role === "WRITER") continue;
    const title = TITLES[g.role];
    // 特约记者 is not the paper's own staff, so it never takes 本报.
    const prefix = !staffNamed && g.role !== "SPECIAL" ? "本报" : "";
    if (g.role !== "SPECIAL") staffNamed = true;
    parts.push(`${prefix}${title} ${g.names.join(" ")}`);
  }
  const writers = groups.find((g) => g.role === "WRITER");
  if (writers) parts.push(writers.names.join(" "));
  const photographers = groups.find((g) => g.role === "PHOTOGRAPHER");
  // After a writing credit, 文 marks where the photographers' names begin, so the line reads back.
  if (photographers) parts.push(`${parts.length > 0 ? "文 " : ""}${photographers.names.join(" ")} 摄`);
  return parts.join(" ");
}

// Words that set the role of the names after them, longest first so 本报实习记者 is not read as 记者.
const ROLE_WORDS: [string, ContributorRole][] = [
  ["本报摄影记者", "PHOTOGRAPHER"],
  ["本报实习记者", "INTERN"],
  ["本报特约记者", "SPECIAL"],
  ["本报通讯员", "CORRESPONDENT"],
  ["本报记者", "REPORTER"],
  ["摄影记者", "PHOTOGRAPHER"],
  ["实习记者", "INTERN"],
  ["特约记者", "SPECIAL"],
  ["特约通讯员", "CORRESPONDENT"],
  ["通讯员", "CORRESPONDENT"],
  ["记者", "REPORTER"],
  ["摄影", "PHOTOGRAPHER"],
  ["图/", "PHOTOGRAPHER"],
  ["文/", "WRITER"],
];

// The frame of a 电头-style byline: 本报讯（记者 张三）, 新华社北京11月27日电（记者 李四）.
const DATELINE_FRAME = /^[^（(]*[讯电]\s*[（(](.*)[）)]\s*$/u;

/**
 * Reads a printed byline into credits: 本报讯（记者 XX 通讯员 XX）, 本报通讯员 XX, XX XX 摄, 实习记者 XX,
 * 文/XX 图/XX. A name is a run of characters between spaces or 、，; a trailing 摄 makes the names since
 * the last title photographers. What it cannot read is left out rather than guessed.
 */
export function parseByline(line: string): Credit[] {
  let text = line.normalize("NFKC").trim();
  const framed = DATELINE_FRAME.exec(text);
  if (framed) text = framed[1];
  text = text.replace(/[（）()]/gu, " ");
  const tokens = text.split(/[\s、，,;；]+/u).filter(Boolean);

  const credits: Credit[] = [];
  let role: ContributorRole = "WRITER";
  let sinceTitle: Credit[] = [];
  const addName = (written: string) => {
    // Names written together (刘洋陈思) are two people.
    for (const name of splitRunTogetherNames(written).names) {
      if (!isName(name)) continue;
      const credit = { name, role };
      credits.push(credit);
      sinceTitle.push(credit);
    }
  };
  for (const raw of tokens) {
    let token = raw;
    // 摄 closes a group: 赵晨摄 or 赵晨 摄.
    const photo = token === "摄" || token === "摄影" && sinceTitle.length > 0 ? "" : token.endsWith("摄") && token.length > 1 ? token.slice(0, -1) : null;
    if (photo !== null) {
      if (photo) addName(photo);
      for (const c of sinceTitle) c.role = "PHOTOGRAPHER";
      sinceTitle = [];
      continue;
    }
    // Supplied pictures credit no person: what was read since the last title is dropped.
    if (SUPPLIED.has(token)) {
      for (const c of sinceTitle) credits.splice(credits.indexOf(c), 1);
      sinceTitle = [];
      continue;
    }
    // 文 closes the writers' names: 记者 张三 文 李四 摄.
    if (token === "文") {
      sinceTitle = [];
      role = "WRITER";
      continue;
    }
    // A title, possibly glued to the first name: 记者张三.
    const word = ROLE_WORDS.find(([w]) => token.startsWith(w));
    if (word) {
      role = word[1];
      sinceTitle = [];
      token = token.slice(word[0].length);
      if (!token) continue;
    }
    addName(token);
  }
  // One person, one credit per role.
  const seen = new Set<string>();
  return credits.filter((c) => {
    const key = `${c.role}:${c.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// A name: Chinese (with · for names of minority or foreign origin) or Latin letters, 2–20 long;
// leftover words such as 本报 or 报道 are not names.
// A Chinese personal name is 2–4 characters (欧阳修明); longer runs are bodies (县委宣传部, 新华社发)
// unless joined by · (阿依古丽·买买提).
const NOT_NAMES = new Set(["本报", "报道", "综合", "整理", "来源", "本报讯", "本报综合", "综合报道", "本报评论员", "评论员", "新华社", "新华社发", "中新社发", "人民网"]);
function isName(s: string): boolean {
  if (NOT_NAMES.has(s) || !/^[\p{Script=Han}·A-Za-z][\p{Script=Han}·A-Za-z .'-]{0,19}$/u.test(s)) return false;
  const length = Array.from(s).length;
  const hanOnly = /^\p{Script=Han}+$/u.test(s);
  return length >= 2 && (!hanOnly || length <= 4);
}

// Words saying a picture was supplied by a body, not taken by a person: 县委宣传部 提供, 资料图片.
const SUPPLIED = new Set(["提供", "供图", "资料图片", "资料图", "发"]);

/** What an account's byline title (本报通讯员, 本报摄影记者 …) makes of it in a credit list. */
export function roleOfTitle(bylineTitle: string): ContributorRole {
  const title = bylineTitle.trim();
  return ROLE_WORDS.find(([w]) => title === w || title.endsWith(w))?.[1] ?? "WRITER";
}

/**
 * The filer as a credit, as their account's title says. A new story does not start with it (the
 * person filing is often not the author); the form offers it for the filer to take ("署我的名字").
 */
export function accountCredit(user: { bylineTitle: string; name: string }): Credit {
  return { name: user.name, role: roleOfTitle(user.bylineTitle) };
}

/** Who a desk list names for a story: its printed byline, or for a 组图 without one its photographers. */
export function creditedLine(byline: string, credits: readonly { role: ContributorRole; contributor: { name: string } }[]): string {
  return byline || composeByline(credits.map((c) => ({ name: c.contributor.name, role: c.role })));
}
