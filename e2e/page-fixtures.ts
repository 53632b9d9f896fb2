import { randomBytes } from "node:crypto";
import { query } from "./support";

// Issues made for a test, written straight into the e2e database: pages with sizes, jumps, planned
// slots, reserved areas and credits that the demo seed does not have. A test that changes what a
// reader page shows makes its own issue, on a date no other test reads, so no cached page of an
// earlier test hides the change.

type Size = "BANNER" | "LEAD" | "DOUBLE" | "SINGLE";
export type FixtureStory = {
  headline: string;
  kicker?: string;
  kind?: "NEWS_BRIEF" | "FEATURE" | "COMMENTARY";
  byline?: string;
  dateline?: string;
  paragraphs: string[];
  author: string;
  size?: Size;
  isLead?: boolean;
  /** 转版: the story continues on this page number of the same issue. */
  continuesOn?: number;
  /** A photo after the text: one the seed published, with this caption. */
  photoCaption?: string;
};
export type FixtureSlot = { topic: string; assignee: string; targetLength: number; deadline: string; size?: Size };
export type FixturePage = {
  number: number;
  name: string;
  credits?: { editor: string; designer: string; proofreader: string };
  reserved?: { kind: "AD" | "FILLER" | "HOLD"; label: string; share: number }[];
  items: (FixtureStory | FixtureSlot)[];
};
export type FixtureIssue = { id: string; date: string; number: number; pageIds: Record<number, string>; storyIds: Record<string, string> };

const newId = (what: string) => `e2e${what}${randomBytes(6).toString("hex")}`;
const isSlot = (item: FixtureStory | FixtureSlot): item is FixtureSlot => "topic" in item;

export async function makeIssue({ date, number, published, pages }: { date: string; number: number; published: boolean; pages: FixturePage[] }): Promise<FixtureIssue> {
  // Once per run: Playwright runs a file's beforeAll again in a new worker after a failed test.
  const made = await madeBefore(date);
  if (made) return made;
  const users = new Map((await query<{ id: string; username: string }>(`SELECT id, username FROM "User"`)).map((u) => [u.username, u.id]));
  const user = (username: string) => users.get(username) ?? fail(`no account ${username}`);
  const issueId = newId("issue");
  await query(
    `INSERT INTO "Issue" (id, date, number, status, "publishedAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`,
    [issueId, date, number, published ? "PUBLISHED" : "PLANNING", published ? `${date}T05:30:00+08:00` : null],
  );
  const pageIds: Record<number, string> = {};
  for (const page of pages) {
    pageIds[page.number] = newId("page");
    const credits = page.credits ?? { editor: "", designer: "", proofreader: "" };
    await query(
      `INSERT INTO "Page" (id, "issueId", number, name, "editorCredit", "designerCredit", "proofreaderCredit", reserved) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [pageIds[page.number], issueId, page.number, page.name, credits.editor, credits.designer, credits.proofreader, JSON.stringify(page.reserved ?? [])],
    );
  }
  const storyIds: Record<string, string> = {};
  for (const page of pages) {
    for (const [position, item] of page.items.entries()) {
      const placementId = newId("pl");
      if (isSlot(item)) {
        await query(
          `INSERT INTO "Placement" (id, "pageId", position, size, "slotTopic", "assigneeId", "targetLength", deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [placementId, pageIds[page.number], position, item.size ?? "DOUBLE", item.topic, user(item.assignee), item.targetLength, item.deadline],
        );
        continue;
      }
      const storyId = newId("story");
      storyIds[item.headline] = storyId;
      const photo = item.photoCaption ? await publishedPhoto() : null;
      const body = [
        ...item.paragraphs.map((text) => ({ type: "paragraph", text })),
        ...(photo ? [{ type: "photo", photoId: photo, caption: item.photoCaption, credit: "本报记者 赵晨 摄", altText: "" }] : []),
      ];
      await query(
        `INSERT INTO "Story" (id, kind, status, kicker, headline, byline, dateline, body, "charCount", "searchText", "authorId", "publishedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
        [
          storyId, item.kind ?? "NEWS_BRIEF", published ? "PUBLISHED" : "PLACED", item.kicker ?? "", item.headline, item.byline ?? "", item.dateline ?? "",
          JSON.stringify(body), item.paragraphs.join("").length, [item.kicker ?? "", item.headline, ...item.paragraphs].join("\n"), user(item.author),
          published ? `${date}T05:30:00+08:00` : null,
        ],
      );
      if (photo) await query(`INSERT INTO "StoryPhoto" ("storyId", "photoId") VALUES ($1, $2)`, [storyId, photo]);
      await query(
        `INSERT INTO "Placement" (id, "pageId", "storyId", position, "isLead", size, "continuesOnId") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [placementId, pageIds[page.number], storyId, position, item.isLead ?? false, item.size ?? "SINGLE", item.continuesOn ? pageIds[item.continuesOn] : null],
      );
    }
  }
  return { id: issueId, date, number, pageIds, storyIds };
}

/** A photo of a story the seed published: readers may already see it. */
async function publishedPhoto(): Promise<string> {
  const [row] = await query<{ photoId: string }>(
    `SELECT sp."photoId" FROM "StoryPhoto" sp JOIN "Story" s ON s.id = sp."storyId" WHERE s.status = 'PUBLISHED' ORDER BY sp."photoId" LIMIT 1`,
  );
  return row?.photoId ?? fail("the seed published no photo");
}

async function madeBefore(date: string): Promise<FixtureIssue | null> {
  const [issue] = await query<{ id: string; number: number }>(`SELECT id, number FROM "Issue" WHERE date = $1 AND id LIKE 'e2eissue%'`, [date]);
  if (!issue) return null;
  const pages = await query<{ id: string; number: number }>(`SELECT id, number FROM "Page" WHERE "issueId" = $1`, [issue.id]);
  const stories = await query<{ id: string; headline: string }>(
    `SELECT s.id, s.headline FROM "Story" s JOIN "Placement" pl ON pl."storyId" = s.id JOIN "Page" p ON p.id = pl."pageId" WHERE p."issueId" = $1`,
    [issue.id],
  );
  return {
    id: issue.id,
    date,
    number: issue.number,
    pageIds: Object.fromEntries(pages.map((p) => [p.number, p.id])),
    storyIds: Object.fromEntries(stories.map((s) => [s.headline, s.id])),
  };
}

/** The paper profile the masthead prints (one row; the seed leaves it empty). */
export async function setPaperProfile(profile: { name: string; cnNumber: string; postalCode: string; publisher: string }) {
  await query(
    `INSERT INTO "PaperProfile" (id, name, "cnNumber", "postalCode", publisher, "updatedAt") VALUES ('paper', $1, $2, $3, $4, now())
     ON CONFLICT (id) DO UPDATE SET name = $1, "cnNumber" = $2, "postalCode" = $3, publisher = $4, "updatedAt" = now()`,
    [profile.name, profile.cnNumber, profile.postalCode, profile.publisher],
  );
}

function fail(message: string): never {
  throw new Error(message);
}

// Copy for these issues, written for the tests.
const BUS_LINES = [
  "入冬以来，梨树县新开通的五条城乡公交线路运行平稳。记者在县客运站看到，印有线路图的新车整齐停放，不少村民拎着年货排队上车。县交通运输局负责人介绍，新线路覆盖全县二十一个乡镇，沿线设置停靠站点二百余个。",
  "过去，郭家店镇一些村屯到县城要先走到国道边拦车，遇上雨雪天气更是难上加难。“现在车就停在村口，票价两元，赶集看病都方便了。”村民刘大姐一边说，一边向记者展示能查看车辆位置的小程序。",
  "为让线路开得通、留得住，县里采取政府购买服务的方式，按里程给予运营补贴，同时统一车辆标准和服务规范。每辆车都装有定位和视频监控设备，驾驶员上岗前须经过安全培训和考核。",
  "线路规划前，县交通运输局组织人员走村入户征求意见，按照学生上下学、村民赶集和就医的时间安排班次。早晚高峰加密发车，平峰时段按需调度，既方便群众出行，也控制运营成本。",
  "客运站还开辟了农村物流代办点，公交车在运送乘客的同时捎带快递包裹，村里的小卖部就是取件点。一些农户把鲜食玉米、黏豆包通过公交车发往县城，销路比以往更宽了。",
  "县交通运输局表示，下一步将根据客流变化优化站点布局，适时增开夜间班次，并在有条件的乡镇建设候车亭，让城乡公交成为群众身边的“暖心车”。",
];
const LIBRARY = [
  "近日，铁东区图书馆在十二个社区设立的“城市书房”全部投入使用。书房实行刷卡进出、自助借还，每天开放到晚上九点，居民下班后也能就近读书。",
  "每个书房配备图书三千余册，并与区图书馆通借通还。区图书馆每月根据借阅数据调换书目，少儿读物和养生保健类图书最受欢迎。",
  "开放以来，城市书房已接待读者两万余人次。区文化部门还将在书房定期举办读书分享会和少儿绘本课，让书香飘进更多家庭。",
];
const HEATING = [
  "连日来，铁西区供热部门对辖区老旧小区供热管网开展排查，更换破损阀门一百二十余个，确保居民室温达标。",
  "区住建部门开通供热服务热线，安排专人二十四小时值守，接到报修后两小时内上门处理。",
];
const RECYCLING = [
  "伊通满族自治县在城区试点废旧物品回收积分制，居民把分好类的纸箱、塑料瓶送到回收点，可换取积分兑换日用品。试点一个月，回收点已收集可回收物八吨多。",
  "县里计划明年在各乡镇推广这一做法，并与再生资源企业合作，让废品回收形成完整链条。",
];

// One long paragraph, as copy pasted from a PDF often arrives: figures in every sentence, so a break
// inside a number would show.
const STOPS = ["东兴村", "柳河屯", "三道岗", "北沟村", "榆树屯", "前进村", "双井子", "杨家店", "新立屯", "红光村", "大泉眼", "后营子"];
const CHANGES = ["建成候车亭", "开通早班车", "设了快递代办点", "增开周末班次"];
export const BUS_STOPS_PARAGRAPH = Array.from(
  { length: 64 },
  (_, i) => `${STOPS[i % STOPS.length]}${CHANGES[i % CHANGES.length]}后，第${i + 1}批${20 + i * 7}位村民试乘，${1 + (i % 9)}.${i % 10}公里的路十来分钟就到。`,
).join("");

const LIBRARY_LEAD: FixtureStory = { headline: "十二个“城市书房”全部开放", kicker: "家门口的阅读空间", kind: "COMMENTARY", byline: "本报记者 李雪", paragraphs: LIBRARY, author: "lixue", size: "LEAD", isLead: true };
const RECYCLING_PAGE: FixturePage = { number: 2, name: "综合", items: [{ headline: "废旧物品回收可换积分", paragraphs: RECYCLING, author: "zhanghan", size: "DOUBLE", isLead: true }] };

/**
 * A released issue whose page 1 carries credits and a story continued on page 2 (下转/上接): longer
 * than its two columns' share of page 1, it breaks inside its long sixth paragraph.
 */
export function makeJumpIssue(date: string, number: number) {
  const bus: FixtureStory = { headline: "城乡公交通到家门口", kicker: "百姓出行更便利", byline: "本报记者 李雪", paragraphs: [...BUS_LINES.slice(0, 5), BUS_STOPS_PARAGRAPH, ...BUS_LINES.slice(5)], author: "lixue", size: "DOUBLE", continuesOn: 2 };
  const heating: FixtureStory = { headline: "老旧小区供热管网完成排查", dateline: "本报讯（通讯员 杜雯）", paragraphs: HEATING, author: "duwen", size: "SINGLE" };
  const front: FixturePage = { number: 1, name: "要闻", credits: { editor: "刘明", designer: "王芳", proofreader: "李静" }, items: [LIBRARY_LEAD, bus, heating] };
  return makeIssue({ date, number, published: true, pages: [front, RECYCLING_PAGE] });
}

/**
 * A released issue whose page 1 carries a two-column story of one long paragraph and a photo, set
 * to continue on page 3 (the story a newsroom trial saw print whole on page 1 and as a photo alone on page 3).
 */
export function makeLongJumpIssue(date: string, number: number) {
  const bus: FixtureStory = { headline: "十二个站点通上城乡公交", kicker: "村村通客车", byline: "本报记者 李雪", paragraphs: [BUS_STOPS_PARAGRAPH], photoCaption: "村民在新建的候车亭等车", author: "lixue", size: "DOUBLE", continuesOn: 3 };
  const heating: FixtureStory = { headline: "老旧小区供热管网完成排查", dateline: "本报讯（通讯员 杜雯）", paragraphs: HEATING, author: "duwen", size: "DOUBLE", isLead: true };
  const pages: FixturePage[] = [{ number: 1, name: "要闻", items: [LIBRARY_LEAD, bus] }, RECYCLING_PAGE, { number: 3, name: "县区新闻", items: [heating] }];
  return makeIssue({ date, number, published: true, pages });
}

/**
 * An issue being made: page 1 with lixue's lead, wangyu's brief, a slot planned for duwen and a
 * quarter-page ad; page 2 with zhanghan's story alone.
 */
export function makeProofIssue(date: string, number: number) {
  return makeIssue({
    date,
    number,
    published: false,
    pages: [
      {
        number: 1,
        name: "要闻",
        credits: { editor: "陈静", designer: "", proofreader: "李静" },
        reserved: [{ kind: "AD", label: "商业广告", share: 25 }],
        items: [
          { headline: "城乡公交通到家门口", kicker: "百姓出行更便利", byline: "本报记者 李雪", paragraphs: BUS_LINES, author: "lixue", size: "LEAD", isLead: true },
          { headline: "老旧小区供热管网完成排查", dateline: "本报讯（通讯员 王雨）", paragraphs: HEATING, author: "wangyu", size: "DOUBLE" },
          { topic: "冬季供暖保障调度会", assignee: "duwen", targetLength: 1200, deadline: `${date}T10:00:00Z`, size: "DOUBLE" },
        ],
      },
      { number: 2, name: "综合", items: [{ headline: "废旧物品回收可换积分", paragraphs: RECYCLING, author: "zhanghan", size: "DOUBLE", isLead: true }] },
    ],
  });
}
