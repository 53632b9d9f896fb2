// The demo's back year: units for the correspondents, and about a year of released issues before the
// demo's three days, so the 采用 statistics, the 稿酬 months and the reader's archive have something
// to show. Thousands of stories through the domain functions one by one would take minutes, so the
// year is written as a released issue leaves it, in bulk: issues and signed pages, published
// stories with their credits, tags, photos and one revision each, and the release records
// (PrintRecord, PrintCredit, PrintPhoto) that 采用 and 稿酬 read, as lib/print-record/records.ts
// writes them. Then one 稿酬 month, the oldest, is closed through the fee ledger itself.
//
// What the e2e specs find in the demo stays as it was (they pick demo stories by kind, date and
// byline): the year's 通讯 carry no photos, its front pages at most four pieces, its bylines
// none of the people the demo credits without accounts, its stories were created after the demo's
// (as the archive import leaves them) and last changed when they ran, and its issue numbers run
// below the demo's, past the ones e2e fixtures give their issues.
import { randomBytes, randomUUID } from "node:crypto";
import { Solar } from "lunar-javascript";
import { db } from "@/lib/platform/db";
import type { SessionUser } from "@/lib/core/session";
import { issueDateFromString, monthAfter, paperDay } from "@/lib/core/dates";
import { composeByline, type ContributorRole } from "@/lib/contributors/byline";
import { photoCreditsOf } from "@/lib/contributors/credits";
import { countCharacters, searchTextOf, type BodyBlock } from "@/lib/stories/body";
import { settleByline, storyDraft, type StoryDraft } from "@/lib/stories/schema";
import { uploadPhoto } from "@/lib/photos/mutations";
import { closeFeeMonth } from "@/lib/fees/ledger";
import type { Prisma } from "@/lib/generated/prisma/client";
import { placeholderPhoto } from "./placeholder-photo";
import { demoCredits, demoProfile, demoTags } from "./demo-content";
import { accountUnits, backYearPeople, creditedUnits, demoUnits, type BackYearPerson } from "./units";
import { DEMO_ACCOUNTS } from "./accounts";
import {
  between, commentary, counties, domains, domainsOfUnit, essay, featureBody, featureHead, makeCtx, newsBody, newsHead, ownSubjects,
  photoSet, photoWords, pick, relatedSubjects, seededRandom, shuffled, weighted, type County, type Domain, type Head, type Rng,
} from "./back-year-copy";

/** Running numbers and days e2e fixtures give their own issues (e2e/*.spec.ts): the back year leaves them free. */
const FIXTURE_NUMBERS = new Set([8801, 8815, 8816, 8851]);
const FIXTURE_DAYS = new Set(["2025-01-29", "2025-02-11", "2025-02-12", "2025-03-16"]);
/** The demo's back year ends this many days before today (the demo's own issues are today-2 … today). */
const LAST_DAY_AGO = 4;
const BATCH = 1000;

type Person = BackYearPerson & { contributorId: string; userId: string | null; unitKey: string; county: County | null };
type Credit = { person: Person; role: ContributorRole };
type Kind = "NEWS_BRIEF" | "FEATURE" | "PHOTO_NEWS" | "PHOTO_STORY" | "COMMENTARY";
type Size = "BANNER" | "LEAD" | "DOUBLE" | "SINGLE";

type Piece = {
  id: string;
  kind: Kind;
  draft: StoryDraft;
  charCount: number;
  credits: { contributorId: string; name: string; role: ContributorRole; fromPhotoCredit: boolean }[];
  photoIds: string[];
  authorId: string;
  domain: string;
};
type Placed = Piece & { page: number; position: number; isLead: boolean; size: Size };
type BackIssue = { id: string; date: string; number: number; at: Date; pages: { id: string; number: number; name: string; pieces: Placed[] }[] };

// ───────────────────────────── the calendar ─────────────────────────────

const FESTIVAL_DAYS = new Set(["正月初一", "正月初二", "正月初三", "正月初四", "正月初五", "正月初六", "五月初五", "八月十五"]);

function lunarDay(y: number, m: number, d: number): string {
  const l = Solar.fromYmd(y, m, d).getLunar();
  return `${l.getMonthInChinese()}月${l.getDayInChinese()}`;
}

/** Days the paper does not come out: 元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋, 国庆. */
function isHoliday(date: string): boolean {
  const md = date.slice(5);
  if (md === "01-01" || md === "04-05" || (md >= "05-01" && md <= "05-03") || (md >= "10-01" && md <= "10-07")) return true;
  const [y, m, d] = date.split("-").map(Number);
  if (FESTIVAL_DAYS.has(lunarDay(y, m, d))) return true;
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return lunarDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) === "正月初一";
}

/**
 * The back year's issue days: Monday to Friday except holidays (a county paper's week), from the
 * first of the month a year before this one to LAST_DAY_AGO days ago, each with its running number
 * counting down from the demo's first.
 */
export function backYearDays(firstDemoNumber: number): { date: string; number: number }[] {
  const first = `${monthAfter(paperDay().slice(0, 7), -12)}-01`;
  const last = paperDay(-LAST_DAY_AGO);
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && !isHoliday(date) && !FIXTURE_DAYS.has(date)) days.push(date);
  }
  let number = firstDemoNumber;
  return days.reverse().map((date) => {
    do number--;
    while (FIXTURE_NUMBERS.has(number));
    return { date, number };
  }).reverse();
}

// ───────────────────────────── units and people ─────────────────────────────

async function seedPeople(users: Map<string, SessionUser>): Promise<Map<string, Person>> {
  await db().unit.createMany({ data: demoUnits.map(({ key: _key, ...unit }) => unit) });
  const rows = await db().unit.findMany({ select: { id: true, name: true } });
  const unit = new Map(demoUnits.map((u) => [u.key, { ...u, id: rows.find((r) => r.name === u.name)!.id }]));
  const unitOf = (key: string) => unit.get(key) ?? fail(`unknown unit ${key}`);

  // The demo's accounts, grouped by unit; the people the demo credits without an account, by name.
  const byUnit = new Map<string, string[]>();
  for (const [username, key] of Object.entries(accountUnits)) {
    const user = users.get(username);
    if (user) byUnit.set(key, [...(byUnit.get(key) ?? []), user.id]);
  }
  for (const [key, userIds] of byUnit) await db().contributor.updateMany({ where: { userId: { in: userIds } }, data: { unitId: unitOf(key).id } });
  for (const [name, key] of Object.entries(creditedUnits)) {
    await db().contributor.updateMany({ where: { name, userId: null }, data: { unitId: unitOf(key).id, affiliation: unitOf(key).name } });
  }
  const invented = backYearPeople.filter((p) => !p.username);
  await db().contributor.createMany({
    data: invented.map((p) => ({ name: p.name, slug: `p-${randomBytes(5).toString("hex")}`, affiliation: unitOf(p.unit).name, unitId: unitOf(p.unit).id })),
  });
  const contributors = await db().contributor.findMany({ select: { id: true, name: true, userId: true } });
  const people = new Map<string, Person>();
  for (const p of backYearPeople) {
    const userId = p.username ? (users.get(p.username)?.id ?? fail(`no account ${p.username}`)) : null;
    const row = contributors.find((c) => c.name === p.name && (userId ? c.userId === userId : c.userId === null)) ?? fail(`no contributor ${p.name}`);
    people.set(p.name, { ...p, contributorId: row.id, userId, unitKey: p.unit, county: counties.find((c) => c.name === unitOf(p.unit).region) ?? null });
  }
  return people;
}

// ───────────────────────────── writing the pieces ─────────────────────────────

const EXTRA_TAGS = ["春耕生产", "秋收", "项目建设", "就业", "文明实践", "冬季供暖", "民生实事", "防汛", "教育", "医疗卫生", "平安建设", "文化旅游", "冰雪经济", "特色产业", "企业发展"];
const LIVELIHOOD = ["community", "health", "education", "safety", "jobs", "volunteers", "heating"];
const ESSAYISTS: [string, number][] = [["温若溪", 3], ["郝春来", 2], ["包丽娟", 1.5], ["苗新华", 0.6], ["谭蕊", 0.5], ["董思远", 0.4]];
const SPIKE_REASONS = [
  "内容与近期已刊发稿件重复，未采用。",
  "时效性不强，未采用。",
  "稿件缺少具体数据和事例，建议补充采访后另行投稿。",
  "新闻要素不全，核实后可再报。",
  "同题材稿件本周已安排，未采用。",
];

class Writer {
  private readonly headlines = new Set<string>();
  /** Whether the last headline written had been used before (fresh found none unused). */
  private repeated = false;
  private readonly reporters: Person[];
  private readonly correspondents: Person[];
  private readonly photographers: Person[];
  private readonly commentators: Person[];
  private readonly avoidNames: Set<string>;

  constructor(
    private readonly rng: Rng,
    private readonly people: Map<string, Person>,
    private readonly photos: string[],
  ) {
    const all = [...people.values()];
    this.reporters = all.filter((p) => p.role === "REPORTER");
    this.correspondents = all.filter((p) => p.role === "CORRESPONDENT" && p.weight > 0);
    this.photographers = all.filter((p) => (p.shoots ?? 0) > 0);
    this.commentators = all.filter((p) => (p.comments ?? 0) > 0);
    // People quoted in the text never share a name with anyone credited or with an account.
    this.avoidNames = new Set([...all.map((p) => p.name), ...Object.keys(creditedUnits), ...DEMO_ACCOUNTS.map((a) => a.name)]);
  }

  private person(name: string): Person {
    return this.people.get(name) ?? fail(`no person ${name}`);
  }
  reporter = () => weighted(this.rng, this.reporters, (p) => p.weight);
  correspondent = (among = this.correspondents) => weighted(this.rng, among, (p) => p.weight);
  photographer = () => weighted(this.rng, this.photographers, (p) => p.shoots ?? 0);

  /** Who writes a piece: staff alone, staff with a correspondent, or correspondents (two of one unit now and then). */
  credits(staff: number, joint: number): Credit[] {
    const r = this.rng();
    if (r < staff) {
      const first = this.reporter();
      const second = this.rng() < 0.15 ? this.reporter() : null;
      return [first, ...(second && second !== first ? [second] : [])].map((person) => ({ person, role: "REPORTER" as const }));
    }
    const correspondent = this.correspondent();
    if (r < staff + joint) return [{ person: this.reporter(), role: "REPORTER" }, { person: correspondent, role: "CORRESPONDENT" }];
    const colleagues = this.correspondents.filter((p) => p.unitKey === correspondent.unitKey && p !== correspondent);
    const second = colleagues.length > 0 && this.rng() < 0.12 ? this.correspondent(colleagues) : null;
    return [correspondent, ...(second ? [second] : [])].map((person) => ({ person, role: "CORRESPONDENT" as const }));
  }

  /** The county a piece is about: its correspondent's, else any (a staff piece may be about the whole city). */
  private placeOf(credits: Credit[]): { county: County; cityWide: boolean } {
    const own = credits.map((c) => c.person.county).find((c): c is County => c !== null && c !== undefined);
    if (own) return { county: own, cityWide: false };
    return { county: pick(this.rng, counties), cityWide: this.rng() < 0.3 };
  }

  private domainFor(credits: Credit[], month: number, county: County, only?: string[]): Domain {
    const unitKey = credits.find((c) => domainsOfUnit[c.person.unitKey])?.person.unitKey;
    const allowed = unitKey ? domainsOfUnit[unitKey] : null;
    const fits = (d: Domain, season: boolean) =>
      (allowed ? allowed.includes(d.key) : !ownSubjects.has(d.key)) && (!d.rural || county.rural) && (!season || !d.months || d.months.includes(month));
    for (const narrowed of [only, undefined]) {
      const list = domains.filter((d) => fits(d, true) && (!narrowed || allowed || narrowed.includes(d.key)));
      if (list.length > 0) return weighted(this.rng, list, (d) => d.weight * (d.months ? 1.5 : 1));
    }
    return pick(this.rng, domains.filter((d) => fits(d, false)));
  }

  private orgOf(d: Domain, credits: Credit[], county: County): string {
    const own = credits.find((c) => domainsOfUnit[c.person.unitKey]?.includes(d.key));
    if (own) return demoUnits.find((u) => u.key === own.person.unitKey)!.name;
    if (d.key === "education") return `${county.name}第二实验小学`;
    if (d.key === "health") return `${county.name}中医院`;
    if (d.key === "safety") return county.lvl === "区" ? `吉平市公安局${county.short}分局` : `${county.name}公安局`;
    return "";
  }

  /**
   * A headline not used before this year: another of the subject's, else the same one led by the
   * place, as a county page heads its round-ups (梨树：……), else what it has.
   */
  private fresh(make: () => Head, places: string[] = []): Head {
    let head = make();
    for (let i = 0; i < 10 && this.headlines.has(head.headline); i++) head = make();
    // A headline that names its place already (梨树县开展……) is not led by another.
    const named = ["我市", ...counties.flatMap((c) => [c.short, ...c.towns])].some((p) => head.headline.includes(p));
    const led = named ? [] : places.map((p) => `${p}：${head.headline}`);
    const unused = [head.headline, ...led].find((h) => !this.headlines.has(h));
    this.repeated = unused === undefined;
    const headline = unused ?? head.headline;
    this.headlines.add(headline);
    return { ...head, headline };
  }

  private finish(kind: Kind, head: Head, byline: string, body: BodyBlock[], tags: string[], domain: string, opts: { dateline?: string; desk: string; id: string }): Piece {
    const tagKind = new Map([...demoTags.map((t) => [t.name, t.kind] as const), ...EXTRA_TAGS.map((t) => [t, "TOPIC"] as const)]);
    const draft = settleByline(
      storyDraft.parse({
        kind,
        kicker: head.kicker ?? "",
        headline: head.headline,
        subheadline: head.subheadline ?? "",
        byline,
        contributors: [],
        bylineEdited: false,
        dateline: opts.dateline ?? "",
        body,
        tags: [...new Set(tags)].map((name) => ({ name, kind: tagKind.get(name) ?? "TOPIC" })),
      }),
    );
    // The credits as writeCredits (lib/contributors/credits.ts) keeps them: the byline list, then the photo credits.
    const credits: Piece["credits"] = [];
    const wanted = [...draft.contributors.map((c) => ({ ...c, fromPhotoCredit: false })), ...photoCreditsOf(draft.body).map((c) => ({ ...c, fromPhotoCredit: true }))];
    for (const w of wanted) {
      const person = this.person(w.name);
      if (credits.some((c) => c.contributorId === person.contributorId && c.role === w.role)) continue;
      credits.push({ contributorId: person.contributorId, name: person.name, role: w.role, fromPhotoCredit: w.fromPhotoCredit });
    }
    if (credits.length === 0) fail(`no credits read from ${byline}`);
    const filer = credits.map((c) => this.person(c.name).userId).find(Boolean) ?? opts.desk;
    const photoIds = [...new Set(draft.body.flatMap((b) => (b.type === "photo" ? [b.photoId] : [])))];
    return { id: opts.id, kind, draft, charCount: countCharacters(draft.body), credits, photoIds, authorId: filer, domain };
  }

  private photoBlock(caption: string, credit: string, photoId = pick(this.rng, this.photos)): BodyBlock {
    return { type: "photo", photoId, caption, credit, altText: caption.replace(/。$/u, "") };
  }

  private photoCredit(p: Person): string {
    return `${p.role === "CORRESPONDENT" ? "本报通讯员" : "本报记者"} ${p.name} 摄`;
  }

  /** A 消息 or a 通讯 of about `target` characters by these people; a 消息 sometimes with a picture. */
  text(kind: "NEWS_BRIEF" | "FEATURE", credits: Credit[], target: number, month: number, opts: { id: string; desk: string; only?: string[]; picture?: boolean }): Piece {
    const place = this.placeOf(credits);
    const { county } = place;
    const d = this.domainFor(credits, month, county, opts.only);
    const write = (cityWide: boolean) => {
      const c = makeCtx(this.rng, county, cityWide, this.orgOf(d, credits, county), month, this.avoidNames);
      return { c, head: this.fresh(() => (kind === "FEATURE" ? featureHead(c, d) : newsHead(c, d)), cityWide ? [] : [county.short, c.town]) };
    };
    // A headline the whole city's copy has used already is written again about the county.
    let cityWide = place.cityWide;
    let { c, head } = write(cityWide);
    if (cityWide && this.repeated) ({ c, head } = write((cityWide = false)));
    // A correspondent of a school or a hospital writes about their own subject only.
    const related = credits.some((x) => domainsOfUnit[x.person.unitKey]) ? [] : relatedSubjects(d, month, county.rural);
    const body: BodyBlock[] = kind === "FEATURE" ? featureBody(c, d, head, target, related) : newsBody(c, d, head, target);
    const names = credits.map((x) => ({ name: x.person.name, role: x.role }));
    const byline = composeByline(names);
    if (opts.picture) {
      const shooter = credits.find((x) => (x.person.shoots ?? 0) > 0)?.person ?? this.photographer();
      body.push(this.photoBlock(photoWords(c, d).caption, this.photoCredit(shooter)));
    }
    const dateline = kind === "NEWS_BRIEF" ? `本报讯（${byline.replace(/^本报/u, "")}）` : undefined;
    const tags = [...(cityWide ? [] : [county.name]), ...d.tags.slice(0, between(this.rng, 1, d.tags.length))];
    return this.finish(kind, head, byline, body, tags, d.key, { dateline, desk: opts.desk, id: opts.id });
  }

  /** A 图片新闻: a picture, its caption and a few lines. */
  photoNews(month: number, opts: { id: string; desk: string }): Piece {
    const shooter = this.photographer();
    const credits: Credit[] = [{ person: shooter, role: "PHOTOGRAPHER" }];
    const { county, cityWide } = this.placeOf(shooter.role === "CORRESPONDENT" ? credits : []);
    const d = this.domainFor([], month, county);
    const c = makeCtx(this.rng, county, cityWide, this.orgOf(d, [], county), month, this.avoidNames);
    const words = photoWords(c, d);
    const credit = this.photoCredit(shooter);
    const head = this.fresh(() => ({ headline: pick(this.rng, d.photoHeads) }), cityWide ? [] : [county.short, c.town]);
    const body: BodyBlock[] = [this.photoBlock(words.caption, credit), { type: "paragraph", text: words.text }];
    return this.finish("PHOTO_NEWS", head, credit, body, [...(cityWide ? [] : [county.name]), d.tags[0]], d.key, opts);
  }

  /** A 组图 of three or four pictures, by one photographer or two. */
  photoStory(month: number, opts: { id: string; desk: string }): Piece {
    const first = this.photographer();
    const other = this.photographer();
    const shooters = other !== first && this.rng() < 0.3 ? [first, other] : [first];
    const correspondent = shooters.find((s) => s.role === "CORRESPONDENT");
    const { county, cityWide } = this.placeOf(correspondent ? [{ person: correspondent, role: "PHOTOGRAPHER" }] : []);
    // A subject with pictures enough for a set.
    const d = this.domainFor([], month, county, domains.filter((x) => x.captions.length >= 3).map((x) => x.key));
    const c = makeCtx(this.rng, county, cityWide, this.orgOf(d, [], county), month, this.avoidNames);
    const count = between(this.rng, 3, 4);
    const set = photoSet(c, d, count);
    const photoIds = shuffled(this.rng, this.photos).slice(0, set.captions.length);
    const head = this.fresh(() => ({ ...set.head, headline: pick(this.rng, d.photoHeads) }), cityWide ? [] : [county.short, c.town]);
    const body: BodyBlock[] = [
      { type: "paragraph", text: set.intro },
      ...set.captions.map((caption, i) => this.photoBlock(caption, this.photoCredit(shooters[i % shooters.length]), photoIds[i])),
    ];
    const byline = shooters.length === 1 ? this.photoCredit(first) : `${shooters.map((s) => s.name).join(" ")} 摄`;
    return this.finish("PHOTO_STORY", head, byline, body, [...(cityWide ? [] : [county.name]), d.tags[0]], d.key, opts);
  }

  /** A signed 评论 on a subject of the season. */
  comment(month: number, opts: { id: string; desk: string }): Piece {
    const author = weighted(this.rng, this.commentators, (p) => p.comments ?? 0);
    const county = pick(this.rng, counties);
    const d = this.domainFor([], month, county);
    const c = makeCtx(this.rng, county, true, "", month, this.avoidNames);
    let written = commentary(c, d);
    const head = this.fresh(() => (written = commentary(c, d)).head);
    return this.finish("COMMENTARY", head, author.name, written.body, d.tags.slice(0, 1), d.key, opts);
  }

  /** A 副刊 essay of about `target` characters. */
  essay(month: number, target: number, opts: { id: string; desk: string }): Piece {
    const author = this.person(weighted(this.rng, ESSAYISTS, ([, w]) => w)[0]);
    // Essays remember a village: a county with towns and villages.
    const c = makeCtx(this.rng, pick(this.rng, counties.filter((x) => x.rural)), false, "", month, this.avoidNames);
    let written = essay(c, target);
    const head = this.fresh(() => (written = essay(c, target)).head);
    return this.finish("FEATURE", head, author.name, written.body, [], "essay", opts);
  }
}

/** The pieces of one issue, page by page, as a county paper's four pages carry them. */
function writeIssue(w: Writer, rng: Rng, issue: { date: string }, desk: { front: string; counties: string }): { name: string; pieces: Piece[] }[] {
  const month = Number(issue.date.slice(5, 7));
  const weekday = new Date(`${issue.date}T00:00:00Z`).getUTCDay();
  const id = (page: number, n: number) => `s${issue.date.replace(/-/gu, "")}p${page}n${n}`;
  const chance = (p: number) => rng() < p;
  const range = (a: number, b: number) => between(rng, a, b);

  // 第一版 要闻: a 头条 (通讯 or 消息, mostly the paper's own), a few 消息, often a picture. At most four pieces.
  const front: Piece[] = [];
  const leadFeature = chance(0.45);
  front.push(w.text(leadFeature ? "FEATURE" : "NEWS_BRIEF", w.credits(0.6, 0.3), leadFeature ? range(1500, 3000) : range(800, 1500), month, { id: id(1, 0), desk: desk.front }));
  const frontCount = chance(0.6) ? 4 : 3;
  const frontPicture = chance(0.5);
  for (let n = 1; n < frontCount; n++) {
    front.push(frontPicture && n === frontCount - 1 ? w.photoNews(month, { id: id(1, n), desk: desk.front }) : w.text("NEWS_BRIEF", w.credits(0.65, 0.15), range(400, 1000), month, { id: id(1, n), desk: desk.front }));
  }

  // 第二版 综合: 消息 and now and then a 通讯, a 评论 most days.
  const second: Piece[] = [];
  const secondCount = range(4, 5);
  const withComment = chance(0.6);
  for (let n = 0; n < secondCount; n++) {
    if (withComment && n === 1) second.push(w.comment(month, { id: id(2, n), desk: desk.front }));
    else if (n === 0 && chance(0.3)) second.push(w.text("FEATURE", w.credits(0.5, 0.2), range(1000, 2000), month, { id: id(2, n), desk: desk.front }));
    else second.push(w.text("NEWS_BRIEF", w.credits(0.6, 0.1), n === 0 ? range(600, 1400) : range(300, 900), month, { id: id(2, n), desk: desk.front, picture: n > 0 && chance(0.08) }));
  }

  // 第三版 县区新闻: the correspondents' page, with 简讯, and a 组图 about once a week.
  const third: Piece[] = [];
  const thirdCount = range(4, 6);
  const picture = weekday === 3 && chance(0.8) ? "set" : chance(0.35) ? "single" : null;
  for (let n = 0; n < thirdCount; n++) {
    if (picture && n === 1) third.push(picture === "set" ? w.photoStory(month, { id: id(3, n), desk: desk.counties }) : w.photoNews(month, { id: id(3, n), desk: desk.counties }));
    else if (n === 0) {
      const feature = chance(0.25);
      third.push(w.text(feature ? "FEATURE" : "NEWS_BRIEF", w.credits(0.2, 0.2), feature ? range(1000, 2000) : range(600, 1200), month, { id: id(3, n), desk: desk.counties }));
    } else third.push(w.text("NEWS_BRIEF", w.credits(0.3, 0.05), chance(0.4) ? range(160, 300) : range(300, 800), month, { id: id(3, n), desk: desk.counties, picture: chance(0.06) }));
  }

  // 第四版: 副刊 on Tuesdays and Thursdays (essays, a picture), 民生 the other days.
  const fourth: Piece[] = [];
  const supplement = weekday === 2 || weekday === 4;
  if (supplement) {
    const essays = range(2, 3);
    for (let n = 0; n < essays; n++) fourth.push(w.essay(month, n === 0 ? range(900, 1400) : range(400, 800), { id: id(4, n), desk: desk.counties }));
    if (chance(0.5)) fourth.push(w.photoNews(month, { id: id(4, essays), desk: desk.counties }));
  } else {
    const count = range(3, 4);
    for (let n = 0; n < count; n++) {
      if (n === count - 1 && chance(0.3)) fourth.push(w.photoNews(month, { id: id(4, n), desk: desk.counties }));
      else fourth.push(w.text("NEWS_BRIEF", w.credits(0.65, 0.1), n === 0 ? range(600, 1200) : range(300, 700), month, { id: id(4, n), desk: desk.counties, only: LIVELIHOOD }));
    }
  }
  return [
    { name: "要闻", pieces: front },
    { name: "综合", pieces: second },
    { name: "县区新闻", pieces: third },
    { name: supplement ? "副刊" : "民生", pieces: fourth },
  ];
}

function sizeOf(piece: Piece, position: number): Size {
  if (position === 0) return "LEAD";
  return piece.kind === "PHOTO_NEWS" || piece.kind === "PHOTO_STORY" || piece.kind === "FEATURE" || piece.charCount > 700 ? "DOUBLE" : "SINGLE";
}

// ───────────────────────────── writing it all ─────────────────────────────

/**
 * Rows into a table, a thousand to a statement, read by Postgres from JSON by the table's own row
 * type (Prisma's createMany spends seconds in the client on thousands of stories' bodies). The
 * columns are the rows' keys; the table's defaults fill the rest. Typed as Prisma's createMany input.
 */
async function insertRows<Row extends object>(table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += BATCH) {
    await db().$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`,
      JSON.stringify(rows.slice(i, i + BATCH)),
    );
  }
}

const newId = () => randomUUID().replace(/-/gu, "");

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const hoursBefore = (moment: Date, hours: number) => new Date(moment.getTime() - hours * 3600_000);

export type BackYearSummary = { units: number; people: number; issues: number; pieces: number; spiked: number; ratings: number; closed: { month: string; lines: number; totalFen: number } };

/**
 * Units, the back year's people and issues, ratings of about a tenth of its pieces, and the oldest
 * month's 稿酬 closed by the demo's 财务. `users` are the demo accounts by username.
 */
export async function seedBackYear(users: Map<string, SessionUser>, firstDemoNumber: number): Promise<BackYearSummary> {
  const user = (username: string) => users.get(username) ?? fail(`no account ${username}`);
  const chief = user("zongbian");
  const people = await seedPeople(users);
  await db().tag.createMany({ data: EXTRA_TAGS.map((name) => ({ name, kind: "TOPIC" as const })), skipDuplicates: true });
  const tagIds = new Map((await db().tag.findMany({ select: { id: true, name: true } })).map((t) => [t.name, t.id]));

  // A handful of placeholder pictures, used again and again by the year's photo pieces.
  const photos: string[] = [];
  const scenes = ["田野远景", "秋日山丘", "春天的原野", "河畔晨光", "冬日远山", "城郊风光", "傍晚的田垄", "晴空下的村庄", "雨后的坡地", "远处的林带", "初雪", "夏日的山岗"];
  for (const [i, caption] of scenes.entries()) {
    const hue = (i * 137 + 20) % 360;
    const photo = await uploadPhoto(user("zhaochen"), await placeholderPhoto(hue, 960, 640), { caption: `资料图片：${caption}（演示用示意图）`, altText: `示意图：蓝天下起伏的山丘（${caption}）` });
    photos.push(photo.id);
  }

  const rng = seededRandom(9120);
  const writer = new Writer(rng, people, photos);
  const issues: BackIssue[] = backYearDays(firstDemoNumber).map(({ date, number }) => {
    const compact = date.replace(/-/gu, "");
    const pages = writeIssue(writer, rng, { date }, { front: user("bianji").id, counties: user("bianji2").id });
    return {
      id: `si${compact}`,
      date,
      number,
      at: at(date, demoProfile.releaseTime),
      pages: pages.map(({ name, pieces }, p) => ({
        id: `sp${compact}p${p + 1}`,
        number: p + 1,
        name,
        pieces: pieces.map((piece, position) => ({ ...piece, page: p + 1, position, isLead: position === 0, size: sizeOf(piece, position) })),
      })),
    };
  });
  const pieces = issues.flatMap((issue) => issue.pages.flatMap((page) => page.pieces.map((piece) => ({ issue, page, piece }))));

  // Copy the desk turned down (退稿): filed by correspondents, never ran, each with its 审稿单.
  const spiked: { piece: Piece; filedAt: Date; rejectedAt: Date; reason: string }[] = [];
  for (let n = 0; n < Math.round(pieces.length * 0.05); n++) {
    const { issue } = pick(rng, pieces);
    const month = Number(issue.date.slice(5, 7));
    const piece = writer.text("NEWS_BRIEF", writer.credits(0, 0), between(rng, 300, 800), month, { id: `s${issue.date.replace(/-/gu, "")}x${n}`, desk: user("bianji2").id });
    const filedAt = hoursBefore(issue.at, 30 + between(rng, 0, 48));
    spiked.push({ piece, filedAt, rejectedAt: new Date(filedAt.getTime() + between(rng, 4, 30) * 3600_000), reason: pick(rng, SPIKE_REASONS) });
  }

  // The desk's ratings, the morning after: about a tenth of the pieces, the front page's most; a few
  // 副刊 essays reprinted from elsewhere (转载).
  const rater = user("zhuren");
  const ratings: Prisma.StoryRatingCreateManyInput[] = [];
  for (const { issue, page, piece } of pieces) {
    const ratedAt = new Date(issue.at.getTime() + 5 * 3600_000);
    if (piece.domain === "essay" && piece.position > 0 && ratings.filter((r) => r.reprint).length < 3 && rng() < 0.05) {
      ratings.push({ storyId: piece.id, grade: null, keyPiece: false, reprint: true, ratedById: rater.id, ratedAt });
      continue;
    }
    const odds = piece.isLead ? (page.number === 1 ? 0.45 : 0.15) : page.number === 1 ? 0.12 : piece.kind === "FEATURE" || piece.kind === "PHOTO_STORY" ? 0.1 : 0.04;
    if (rng() >= odds) continue;
    const grade = rng() < 0.3 ? ("A" as const) : ("B" as const);
    const keyPiece = piece.isLead && page.number === 1 ? rng() < 0.6 : grade === "A" && rng() < 0.3;
    ratings.push({ storyId: piece.id, grade, keyPiece, reprint: false, ratedById: rater.id, ratedAt });
  }

  await insertRows<Prisma.IssueCreateManyInput>(
    "Issue",
    issues.map((i) => ({ id: i.id, date: i.date, number: i.number, status: "PUBLISHED", publishedAt: i.at, createdAt: hoursBefore(i.at, 30), updatedAt: i.at })),
  );
  await insertRows<Prisma.PageCreateManyInput>(
    "Page",
    issues.flatMap((i) =>
      i.pages.map((p) => {
        const credits = demoCredits[p.number] ?? demoCredits[1];
        return { id: p.id, issueId: i.id, number: p.number, name: p.name, status: "SIGNED", signedAt: hoursBefore(i.at, 6.5), signedById: chief.id, ...credits };
      }),
    ),
  );
  const storyRow = (piece: Piece, times: { submittedAt: Date; approvedAt: Date | null; publishedAt: Date | null; updatedAt: Date }, status: "PUBLISHED" | "SPIKED"): Prisma.StoryCreateManyInput => ({
    id: piece.id,
    kind: piece.kind,
    status,
    kicker: piece.draft.kicker,
    headline: piece.draft.headline,
    subheadline: piece.draft.subheadline,
    byline: piece.draft.byline,
    bylineEdited: piece.draft.bylineEdited,
    dateline: piece.draft.dateline,
    body: piece.draft.body,
    charCount: piece.charCount,
    searchText: searchTextOf(piece.draft),
    authorId: piece.authorId,
    ...times,
  });
  await insertRows<Prisma.StoryCreateManyInput>("Story", [
    ...pieces.map(({ issue, piece }) => storyRow(piece, { submittedAt: hoursBefore(issue.at, 20 + (piece.charCount % 50)), approvedAt: hoursBefore(issue.at, 9), publishedAt: issue.at, updatedAt: issue.at }, "PUBLISHED")),
    ...spiked.map(({ piece, filedAt, rejectedAt }) => storyRow(piece, { submittedAt: filedAt, approvedAt: null, publishedAt: null, updatedAt: rejectedAt }, "SPIKED")),
  ]);
  await insertRows<Prisma.PlacementCreateManyInput>(
    "Placement",
    pieces.map(({ page, piece }) => ({ id: `sl${piece.id.slice(1)}`, pageId: page.id, storyId: piece.id, position: piece.position, isLead: piece.isLead, size: piece.size })),
  );
  await insertRows<Prisma.StoryContributorCreateManyInput>(
    "StoryContributor",
    [...pieces.map((p) => p.piece), ...spiked.map((s) => s.piece)].flatMap((piece) =>
      piece.credits.map((c, position) => ({ id: newId(), storyId: piece.id, contributorId: c.contributorId, role: c.role, position, fromPhotoCredit: c.fromPhotoCredit })),
    ),
  );
  const tagged = [...pieces.map((p) => p.piece), ...spiked.map((s) => s.piece)].flatMap((piece) => piece.draft.tags.map((t) => ({ A: piece.id, B: tagIds.get(t.name) ?? fail(`no tag ${t.name}`) })));
  await insertRows("_StoryToTag", tagged);
  await insertRows<Prisma.StoryPhotoCreateManyInput>("StoryPhoto", pieces.flatMap(({ piece }) => piece.photoIds.map((photoId) => ({ storyId: piece.id, photoId }))));
  await db().photo.updateMany({ where: { id: { in: photos } }, data: { hasRun: true } });
  await insertRows<Prisma.StoryRevisionCreateManyInput>("StoryRevision", [
    ...pieces.map(({ issue, piece }) => ({ id: newId(), storyId: piece.id, version: 1, status: "PUBLISHED" as const, action: "publish", actorId: chief.id, content: piece.draft, createdAt: issue.at })),
    ...spiked.map(({ piece, filedAt }) => ({ id: newId(), storyId: piece.id, version: 1, status: "SUBMITTED" as const, action: "submit", actorId: piece.authorId, content: piece.draft, createdAt: filedAt })),
  ]);
  await insertRows<Prisma.ReviewRecordCreateManyInput>(
    "ReviewRecord",
    spiked.map(({ piece, rejectedAt, reason }) => ({ id: newId(), storyId: piece.id, step: "FIRST", decision: "REJECT", opinion: reason, version: 1, reviewerId: user("bianji2").id, createdAt: rejectedAt })),
  );

  // What ran, as a release records it (lib/print-record/records.ts recordWhatRan).
  const records = pieces.map((p) => ({ ...p, recordId: newId() }));
  await insertRows<Prisma.PrintRecordCreateManyInput>(
    "PrintRecord",
    records.map(({ issue, page, piece, recordId }) => ({
      id: recordId,
      event: "RELEASED",
      recordedAt: issue.at,
      issueId: issue.id,
      issueDate: issue.date,
      issueNumber: issue.number,
      pageNumber: page.number,
      pageName: page.name,
      storyId: piece.id,
      position: piece.position,
      isLead: piece.isLead,
      size: piece.size,
      continuedOnPage: null,
      kind: piece.kind,
      kicker: piece.draft.kicker,
      headline: piece.draft.headline,
      byline: piece.draft.byline,
      characters: piece.charCount,
    })),
  );
  await insertRows<Prisma.PrintCreditCreateManyInput>(
    "PrintCredit",
    records.flatMap(({ piece, recordId }) => piece.credits.map((c, position) => ({ id: newId(), recordId, contributorId: c.contributorId, name: c.name, role: c.role, position }))),
  );
  await insertRows<Prisma.PrintPhotoCreateManyInput>(
    "PrintPhoto",
    records.flatMap(({ piece, recordId }) =>
      piece.draft.body.flatMap((b) => (b.type === "photo" ? [b] : [])).map((b, position) => ({ id: newId(), recordId, photoId: b.photoId, position, caption: b.caption, credit: b.credit })),
    ),
  );
  await insertRows<Prisma.StoryRatingCreateManyInput>("StoryRating", ratings);

  // One month closed by finance (the oldest: the first close may be any month); the ones after stay open to close.
  const month = issues[0].date.slice(0, 7);
  const closed = await closeFeeMonth(user("caiwu"), month);
  return { units: demoUnits.length, people: people.size, issues: issues.length, pieces: pieces.length, spiked: spiked.length, ratings: ratings.length, closed: { month, ...closed } };
}

function fail(message: string): never {
  throw new Error(`seed back year: ${message}`);
}
