// Part of `npm run bench:desk` (not a test): releaseNow (见报, the whole transaction) on realistic
// issues. Each issue is made through the app's own functions, as the desk makes one: photos uploaded
// (real JPEGs through the ingest, files in a temporary folder), stories of about 1,500 characters
// (paragraphs, subheads, photos with captions and credits, a byline list of reporter and
// correspondent) filed, approved and placed on the board, then every page signed. Prints:
//   release-issue pages=1 stories=1 ms=<n>                       (baseline: what any release costs)
//   release-issue pages=8 stories=60 photos=<n> body_chars=<n> ms=<n>
// The issues, stories and photos made here are removed afterwards (the accounts stay: the audit log
// names them, and refuses deletes).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { SessionUser } from "@/lib/core/session";
import type { StoryDraft } from "@/lib/stories/schema";
import type { BodyBlock } from "@/lib/stories/body";

const RELEASE_RUNS = Number(process.env.BENCH_RELEASE_RUNS ?? 7);

// Copy written for this benchmark, in the manner of a county daily's local news: each story takes
// sixteen or seventeen of these paragraphs (about 1,500 characters with its subheads and captions).
const PARAGRAPHS = [
  "入冬以来，县里把农村人居环境整治作为一项民生实事来抓，组织各乡镇对照清单逐村排查，垃圾收运、厕所改造和村屯绿化同步推进。截至目前，全县二百一十个行政村已有一百八十多个通过了县级验收，村容村貌明显改观。",
  "在河东镇杨树村，记者看到，村道两旁的柴草垛已经全部挪进了院子，新栽的樟子松排列整齐，每隔一段就有一个分类垃圾箱。村党支部书记告诉记者，过去一到冬天，村里到处是散落的秸秆和塑料布，现在有了保洁员每天巡查，大伙儿也养成了不乱扔的习惯。",
  "为了让整治成果长久保持，县里推行“门前三包”责任制，把保洁、绿化、秩序落实到每家每户，每月评选一次“美丽庭院”，评上的农户在村务公开栏张榜表扬，并可在村里的爱心超市兑换米面油等生活用品。",
  "资金从哪里来？县财政今年安排专项资金三千余万元，同时整合涉农项目资金，采取以奖代补的办法，村里干得好、群众满意度高的，奖补资金就多拨一些。不少村还发动在外工作的乡亲捐资出力，修起了文化广场和路灯。",
  "县农业农村局负责同志介绍，下一步将把整治重点从“干净”转向“美丽”，因村制宜打造一批特色村屯，把整治和发展乡村旅游、庭院经济结合起来，让好环境变成农民增收的好资源。",
  "走进城南社区的新时代文明实践站，二十多名老人正在跟着志愿者学用智能手机挂号、缴费。社区工作人员说，每周二、周四下午固定开课，从开机、连网教起，手把手教会为止，很受老人们欢迎。",
  "今年以来，全县组建各类志愿服务队伍一百二十余支，注册志愿者超过三万人，围绕助老助残、政策宣讲、文明交通等开展活动两千多场次。志愿服务的时长可以积分，积分能在社区兑换理发、家电维修等服务。",
  "在县经济开发区，一家食品企业的新厂房里，工人们正在调试刚运到的自动化包装线。企业负责人介绍，新生产线投产后，日加工玉米能力可以提高一倍，还能新增就业岗位八十多个，优先招收附近村屯的富余劳动力。",
  "为了让项目早落地、早投产，开发区推行“拿地即开工”，组建专班提供代办服务，把环评、施工许可等手续办理时间压缩了一半以上。今年前十个月，全县新签约亿元以上项目十九个，实际到位资金同比增长两成。",
  "县医院的远程会诊中心里，医生正通过视频为一名乡镇卫生院送来的患者会诊。县卫生健康局介绍，全县十六个乡镇卫生院已全部接入远程诊疗平台，群众在家门口就能请县里和省里的专家看片子、开方子。",
  "眼下正值冬季供暖期，县住建局组织热力公司对全县供热管网进行全面巡检，设立二十四小时服务热线，对居民反映的室温不达标问题做到当天受理、当天上门。截至目前，已解决群众反映的供热问题三百余件。",
  "据了解，县里还将继续加大老旧管网改造力度，明年计划改造供热管网四十公里，力争用三年时间把城区运行超过二十年的老旧管网全部换新，让群众温暖过冬。",
  "不少群众表示，这几年家门口的变化看得见、摸得着，路宽了、灯亮了、看病方便了，日子越过越有奔头。一位在村里住了六十多年的老人说：“以前想都不敢想，现在城里有的，咱村里也慢慢都有了。”",
  "记者从县统计局获悉，前三季度全县地区生产总值同比增长百分之六点二，农村居民人均可支配收入增长百分之七点一，主要经济指标增速均高于全市平均水平。",
  "在西岭乡的一处温室大棚里，种植户正忙着给刚上架的黄瓜秧绑蔓。乡里的农技员每周来一次，从温度、湿度讲到病虫害防治，碰上解决不了的难题，就拍成视频发给县农技推广中心的专家，一般当天就能得到回复。",
  "今年，县里把冬季大棚作为“菜篮子”工程的重点，对新建和改造的温室给予每平方米二十元补贴，全县冬季设施蔬菜面积达到一万二千亩，比去年增加三成，县城超市里本地产的新鲜蔬菜多了起来。",
  "县公安局交警大队结合冬季道路特点，在国道、县道的急弯、陡坡路段增设了警示标志和防滑砂箱，并组织民警、辅警和护路员在雪天上路巡逻，及时清理路面积雪，帮助过往车辆安全通行。",
  "县教育局介绍，今年全县新建、改扩建中小学校舍五处，新增学位一千二百个，农村学校全部配齐了多媒体教室。寒假期间，各校还将组织教师开展家访，把安全提示和学习建议送到每个学生家里。",
];
const SUBHEADS = ["整治有章法 村屯换新颜", "小积分换来大文明", "项目建设跑出加速度", "家门口看上好医生", "供热服务不打烊"];
const HEADLINES = ["全县农村人居环境整治见实效", "志愿服务让社区更有温度", "开发区新签约项目十九个", "远程诊疗平台覆盖全部乡镇", "冬季供暖服务热线全天候", "前三季度主要经济指标稳中有进"];
const CAPTIONS = ["河东镇杨树村保洁员在清理村道积雪。", "志愿者在城南社区教老人使用智能手机。", "工人在开发区一家食品企业调试包装生产线。", "县医院医生通过远程诊疗平台为乡镇患者会诊。"];
const REPORTERS = ["周楠", "孟凡", "高远", "韩冰"];
const CORRESPONDENTS = ["于海涛", "郑思远", "宋佳", "邵雨田", "冯晓东"];
const PHOTOGRAPHER = "邱岩";

type Percentile = (sorted: number[], p: number) => number;

/**
 * The people of a release (chief editor, editor, reporter) and a maker of realistic issues ready for
 * release; `cleanup` removes the issues, stories and photos it made.
 */
export async function realisticDesk() {
  // Uploaded files go to a folder of this run's own, removed by cleanup.
  const photoDir = mkdtempSync(path.join(os.tmpdir(), "newsroom-bench-release-"));
  process.env.PHOTO_DIR = photoDir;
  const { db } = await import("@/lib/platform/db");
  const { installJobQueues } = await import("@/lib/platform/jobs");
  const { ALL_QUEUES } = await import("@/lib/jobs/queues");
  const { createIssue } = await import("@/lib/issues/mutations");
  const { addPageTo, pageAtNow, placeOnPage } = await import("@/lib/issues/commands");
  const { changeStory, createStory } = await import("@/lib/desk/story-commands");
  const { uploadPhoto } = await import("@/lib/photos/mutations");
  // A release sends its reader purge as a job in its own transaction: the queue must exist.
  await installJobQueues(ALL_QUEUES);

  const stamp = Date.now().toString(36);
  const person = (role: SessionUser["role"], name: string, bylineTitle: string): Promise<SessionUser> =>
    db().user.create({
      data: { username: `bench_rel_${role.toLowerCase()}_${stamp}`, name, role, passwordHash: "x", bylineTitle },
      select: { id: true, username: true, name: true, role: true, affiliation: true, bylineTitle: true },
    });
  const [chief, editor, author] = [
    await person("CHIEF_EDITOR", "值班总编", "本报记者"),
    await person("EDITOR", "基准编辑", "本报记者"),
    await person("CORRESPONDENT", REPORTERS[0], "本报记者"),
  ];
  // Dates no real issue has: after the last one.
  const last = await db().issue.aggregate({ _max: { date: true } });
  let nextDay = (last._max.date?.getTime() ?? Date.UTC(2030, 0, 1)) + 800 * 86400_000;

  const photo = async (n: number): Promise<BodyBlock> => {
    const colour = { r: 60 + ((n * 37) % 160), g: 90 + ((n * 53) % 120), b: 70 + ((n * 29) % 140) };
    const jpeg = await sharp({ create: { width: 960, height: 640, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();
    const caption = CAPTIONS[n % CAPTIONS.length];
    const credit = `本报记者 ${PHOTOGRAPHER} 摄`;
    const uploaded = await uploadPhoto(author, jpeg, { caption, credit, place: "县城", event: "冬季民生" });
    return { type: "photo", photoId: uploaded.id, caption, credit, altText: caption.replace(/。$/, "") };
  };
  const draft = async (n: number, lead: boolean): Promise<StoryDraft> => {
    const paragraphs = Array.from({ length: 16 + (n % 2) }, (_, i) => PARAGRAPHS[(n + i) % PARAGRAPHS.length]);
    const body: BodyBlock[] = paragraphs.map((text) => ({ type: "paragraph", text }));
    body.splice(4, 0, { type: "subhead", text: SUBHEADS[n % SUBHEADS.length] });
    body.splice(9, 0, { type: "subhead", text: SUBHEADS[(n + 1) % SUBHEADS.length] });
    // The page leads carry two photos, one story in three one.
    if (lead || n % 3 === 0) body.splice(1, 0, await photo(n));
    if (lead) body.splice(8, 0, await photo(n + 1));
    const reporter = REPORTERS[n % REPORTERS.length];
    const correspondent = CORRESPONDENTS[n % CORRESPONDENTS.length];
    return {
      kind: lead ? "FEATURE" : "NEWS_BRIEF",
      kicker: lead ? "冬季民生一线行" : "",
      headline: `${HEADLINES[n % HEADLINES.length]}（${n}）`,
      subheadline: lead ? "——来自基层的一组报道" : "",
      byline: "",
      contributors: [
        { name: reporter, role: "REPORTER" },
        { name: correspondent, role: "CORRESPONDENT" },
      ],
      bylineEdited: false,
      dateline: lead ? "" : `本报讯（记者 ${reporter} 通讯员 ${correspondent}）`,
      body,
      tags: [
        { name: "民生", kind: "TOPIC" },
        { name: ["河东镇", "城南社区", "经济开发区"][n % 3], kind: "PLACE" },
      ],
    };
  };

  const issueIds: string[] = [];
  /** An issue of `pages` signed pages carrying `stories` stories, made as the desk makes it. */
  const releasableIssue = async (pages: number, stories: number): Promise<{ issueId: string; chars: number; photos: number }> => {
    const date = new Date((nextDay += 86400_000)).toISOString().slice(0, 10);
    const issue = await createIssue(editor, { date });
    issueIds.push(issue.id);
    for (let n = 5; n <= pages; n++) await addPageTo(editor, issue.id, { number: String(n), name: `第${n}版` });
    await db().page.deleteMany({ where: { issueId: issue.id, number: { gt: pages } } });
    const pageIds = (await db().page.findMany({ where: { issueId: issue.id }, orderBy: { number: "asc" }, select: { id: true } })).map((p) => p.id);
    for (let i = 0; i < stories; i++) {
      const filed = await createStory(author, await draft(i, i < pages), { submit: true });
      await changeStory(editor, { action: "approve", storyId: filed.id, baseVersion: filed.version });
      await placeOnPage(editor, { storyId: filed.id, to: await pageAtNow(pageIds[i % pages]), index: 999 });
    }
    // Signing is the chief editor's command on each page, timed elsewhere: here the pages are signed directly.
    await db().page.updateMany({ where: { issueId: issue.id }, data: { status: "SIGNED", signedAt: new Date(), signedById: chief.id } });
    const onIssue = { placement: { page: { issueId: issue.id } } };
    const counted = await db().story.aggregate({ where: onIssue, _avg: { charCount: true } });
    const photos = await db().storyPhoto.count({ where: { story: onIssue } });
    return { issueId: issue.id, chars: Math.round(counted._avg.charCount ?? 0), photos };
  };
  const cleanup = async () => {
    // The benchmark's own issues only: their print records go first (records are never changed, but
    // a benchmark's throwaway issue may be deleted whole).
    const records = { issueId: { in: issueIds } };
    await db().printPhoto.deleteMany({ where: { record: records } });
    await db().printCredit.deleteMany({ where: { record: records } });
    await db().printRecord.deleteMany({ where: records });
    await db().pageRender.deleteMany({ where: records });
    await db().releasedPage.deleteMany({ where: records });
    await db().issue.deleteMany({ where: { id: { in: issueIds } } });
    await db().reviewRecord.deleteMany({ where: { story: { authorId: author.id } } });
    await db().story.deleteMany({ where: { authorId: author.id } });
    await db().photo.deleteMany({ where: { uploaderId: author.id } });
    rmSync(photoDir, { recursive: true, force: true });
  };
  return { chief, releasableIssue, cleanup };
}

export async function benchRelease(percentile: Percentile): Promise<void> {
  const { releaseNow } = await import("@/lib/issues/release");
  const { chief, releasableIssue, cleanup } = await realisticDesk();
  const time = async (pages: number, stories: number) => {
    const { issueId, chars, photos } = await releasableIssue(pages, stories);
    const t = performance.now();
    const { storyIds } = await releaseNow(chief, issueId);
    const ms = performance.now() - t;
    if (storyIds.length !== stories) throw new Error(`released ${storyIds.length} stories, expected ${stories}`);
    return { ms, chars, photos };
  };

  try {
    await time(1, 1); // warm-up: the first transaction also opens connections and plans queries
    const baseline: number[] = [];
    const full: number[] = [];
    let made = { chars: 0, photos: 0 };
    for (let i = 0; i < RELEASE_RUNS; i++) {
      baseline.push((await time(1, 1)).ms);
      const run = await time(8, 60);
      full.push(run.ms);
      made = run;
    }
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50).toFixed(0);
    console.log(`  runs=${RELEASE_RUNS} full issue each run_ms=${full.map((x) => x.toFixed(0)).join(",")} baseline each run_ms=${baseline.map((x) => x.toFixed(0)).join(",")}`);
    console.log(`release-issue pages=1 stories=1 ms=${median(baseline)}`);
    console.log(`release-issue pages=8 stories=60 photos=${made.photos} body_chars=${made.chars} ms=${median(full)}`);
  } finally {
    await cleanup();
  }
}
