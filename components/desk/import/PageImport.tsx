"use client";

import { DateField } from "@/components/DateField";
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { IMPORT_MAX_STORIES, cardsOfPage, mergeWithNext, readFolio, splitAtLine, storyOfCard, type ImportAnswer, type ImportCard, type ImportedCopy, type PageFolio } from "@/lib/import/page-import";
import { SourceView } from "@/components/desk/import/SourceView";
import { ImportCardEditor } from "@/components/desk/import/ImportCardEditor";
import { FieldError } from "@/components/desk/FormMessage";

type Destination = "desk" | "backIssue";
type Work = { source: string; cards: ImportCard[] | null; destination: Destination; folio: PageFolio };

// Work in progress stays in this browser until it is imported: a page corrected for half an hour is
// not lost to a closed tab. Kept per person: newsroom computers are shared.
const backupKey = (userId: string) => `newsroom:page-import:${userId}`;
const emptyWork = (): Work => ({ source: "", cards: null, destination: "desk", folio: { date: "", pageNumber: "", pageName: "", issueNumber: "" } });

function readBackup(userId: string): Work | null {
  try {
    const raw = window.localStorage.getItem(backupKey(userId));
    const work = raw ? (JSON.parse(raw) as Work) : null;
    return work && typeof work.source === "string" && work.source ? work : null;
  } catch {
    return null;
  }
}

/** The page import desk: paste a page, correct the stories read from it, file them. */
export function PageImport({
  userId,
  canPublishBackIssue,
  lastBackIssueDay,
  fileAsDrafts,
  publishBackIssue,
}: {
  userId: string;
  canPublishBackIssue: boolean;
  /** The day before the paper's day (Beijing): the latest a back issue may be. */
  lastBackIssueDay: string;
  fileAsDrafts: (stories: ImportedCopy[]) => Promise<ImportAnswer>;
  publishBackIssue: (page: PageFolio, stories: ImportedCopy[]) => Promise<ImportAnswer>;
}) {
  const [work, setWork] = useState<Work>(emptyWork);
  const [restored, setRestored] = useState(false);
  const [focused, setFocused] = useState<number | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [pending, startTransition] = useTransition();
  const answerRef = useRef<HTMLDivElement>(null);
  const loaded = useRef(false);

  useEffect(() => {
    const backup = readBackup(userId);
    if (backup) {
      setWork(backup);
      setRestored(true);
    }
    loaded.current = true;
  }, []);
  useEffect(() => {
    if (!loaded.current) return;
    if (work.source) window.localStorage.setItem(backupKey(userId), JSON.stringify(work));
    else window.localStorage.removeItem(backupKey(userId));
  }, [work, userId]);
  useEffect(() => {
    if (answer) answerRef.current?.focus();
  }, [answer]);

  const { source, cards, folio } = work;
  // Only a chief editor publishes back issues, whatever a restored copy of the work says.
  const destination = canPublishBackIssue ? work.destination : "desk";
  const update = (patch: Partial<Work>) => setWork((w) => ({ ...w, ...patch }));
  const setCards = (next: ImportCard[]) => update({ cards: next });
  const chosen = cards?.filter((c) => c.include) ?? [];

  function split() {
    const found = cardsOfPage(source);
    const read = readFolio(source);
    // What the editor already typed in the back-issue form wins over what the page prints.
    const merged = Object.fromEntries(Object.entries(read).map(([k, v]) => [k, folio[k as keyof PageFolio] || v])) as PageFolio;
    update({ cards: found, folio: merged });
    setAnswer(found.length ? null : { ok: false, message: "没有从这段文字里读出稿件，请确认粘贴的是报纸版面的文字", fieldErrors: {} });
  }

  function startOver() {
    if (cards && !window.confirm("放弃对这些稿件的修改，回到粘贴的原文？")) return;
    update({ cards: null });
    setAnswer(null);
  }

  function clearAll() {
    if (!window.confirm("清空粘贴的原文和所有修改？")) return;
    setWork(emptyWork());
    setRestored(false);
    setAnswer(null);
  }

  function submit() {
    const stories = chosen.map(storyOfCard);
    startTransition(async () => {
      try {
        const result = destination === "backIssue" ? await publishBackIssue({ ...folio }, stories) : await fileAsDrafts(stories);
        setAnswer(result);
        if (result.ok) {
          setWork(emptyWork());
          setRestored(false);
        }
      } catch {
        setAnswer({ ok: false, message: "没能连上服务器，稿件没有导入；你的修改仍在页面上，请稍后再试", fieldErrors: {} });
      }
    });
  }

  const errors = answer && !answer.ok ? answer.fieldErrors : {};
  // The answer stands where the button was pressed: by the import button once there are cards.
  const answerBox = answer && (
    <div ref={answerRef} tabIndex={-1} role={answer.ok ? "status" : "alert"} data-testid="import-answer" className={`rounded border p-3 text-sm ${answer.ok ? "border-green-600 bg-green-50 text-green-900" : "border-red-600 bg-red-50 text-red-900"}`}>
      {answer.message}
      {answer.ok && <Link href={answer.href} className="ml-3 underline">{answer.linkText}</Link>}
    </div>
  );
  return (
    <div className="space-y-4">
      {restored && (
        <div role="status" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          已恢复这台电脑上未完成的导入。
          <button type="button" className="ml-2 underline" onClick={clearAll}>清空重来</button>
        </div>
      )}

      {cards === null && answerBox}

      {cards === null ? (
        <div className="space-y-3">
          <label className="block">
            <span className="label">整版文字</span>
            <textarea className="input min-h-80 font-serif text-sm leading-6" value={source} onChange={(e) => update({ source: e.target.value })} placeholder="在这里粘贴一整版的文字：版头、标题、署名、正文、图片说明，按原样粘贴即可" />
          </label>
          <button type="button" className="btn-primary" onClick={split} disabled={!source.trim()}>
            拆分稿件
          </button>
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-semibold" data-testid="import-summary">共读出 {cards.length} 篇稿件，将导入 {chosen.length} 篇</p>
            {chosen.length > IMPORT_MAX_STORIES && (
              <p role="alert" className="text-sm text-red-800">一次最多导入 {IMPORT_MAX_STORIES} 篇：请取消勾选一些，或把原文分成几版分别导入</p>
            )}
            <button type="button" className="btn btn-sm" onClick={startOver}>回到原文重新拆分</button>
            <button type="button" className="btn btn-sm" onClick={clearAll}>清空</button>
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="lg:sticky lg:top-2 lg:self-start">
              <SourceView source={source} cards={cards} focused={focused} onPick={(i) => document.getElementById(`import-card-${i + 1}`)?.scrollIntoView({ behavior: "smooth", block: "start" })} />
            </div>
            <div className="space-y-3">
              {cards.map((card, i) => (
                <ImportCardEditor
                  key={card.key}
                  card={card}
                  index={i}
                  isLast={i === cards.length - 1}
                  onFocus={() => setFocused(i)}
                  onChange={(c) => setCards(cards.map((x, j) => (j === i ? c : x)))}
                  onMergeNext={() => setCards(mergeWithNext(cards, i))}
                  onSplit={(line) => setCards(splitAtLine(cards, i, line, source))}
                />
              ))}
            </div>
          </div>

          <fieldset className="space-y-3 rounded border border-stone-300 bg-white p-4">
            <legend className="px-1 font-semibold">导入为</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="destination" checked={destination === "desk"} onChange={() => update({ destination: "desk" })} />
              待审稿件：以你的名义代作者提交，进入待审稿件，由编辑部继续处理
            </label>
            {canPublishBackIssue && (
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name="destination" checked={destination === "backIssue"} onChange={() => update({ destination: "backIssue" })} />
                过刊版面：作为往期报纸的一个版面直接见报（补录报纸档案）
              </label>
            )}
            {destination === "backIssue" && canPublishBackIssue && (
              <div className="grid gap-3 sm:grid-cols-4">
                <label className="block">
                  <span className="label">出版日期</span>
                  <DateField label="出版日期" max={lastBackIssueDay} value={folio.date} onValue={(date) => update({ folio: { ...folio, date } })} describedBy="date-error" />
                  <FieldError id="date" errors={errors.date} />
                </label>
                <label className="block">
                  <span className="label">总第几期（新的一期必填）</span>
                  <input inputMode="numeric" className="input" value={folio.issueNumber} onChange={(e) => update({ folio: { ...folio, issueNumber: e.target.value } })} aria-describedby="issueNumber-error" />
                  <FieldError id="issueNumber" errors={errors.issueNumber} />
                </label>
                <label className="block">
                  <span className="label">版次</span>
                  <input inputMode="numeric" className="input" value={folio.pageNumber} onChange={(e) => update({ folio: { ...folio, pageNumber: e.target.value } })} aria-describedby="pageNumber-error" />
                  <FieldError id="pageNumber" errors={errors.pageNumber} />
                </label>
                <label className="block">
                  <span className="label">版名</span>
                  <input className="input" value={folio.pageName} onChange={(e) => update({ folio: { ...folio, pageName: e.target.value } })} aria-describedby="pageName-error" />
                  <FieldError id="pageName" errors={errors.pageName} />
                </label>
              </div>
            )}
            {answerBox}
            <button type="button" className="btn-primary" onClick={submit} disabled={pending || chosen.length === 0 || chosen.length > IMPORT_MAX_STORIES}>
              {pending ? "正在导入…" : `导入 ${chosen.length} 篇`}
            </button>
          </fieldset>
        </>
      )}
    </div>
  );
}
