import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { deadlineTimes, errorRateLimit, pageFormats, paperProfile } from "@/lib/issues/paper-profile";
import { feeTableSetting, scoreRulesSetting } from "@/lib/fees/rules-settings";
import { ActionForm } from "@/components/desk/ActionForm";
import { FeeTableForm, ScoreRulesForm } from "@/components/desk/PaperRulesForms";
import { updateFeeTableAction, updateScoreRulesAction } from "./actions";

import { updateDeadlinesAction, updateErrorRateLimitAction, updatePageFormatAction, updatePaperProfileAction, updateProofRoundsAction, updateReviewChainAction } from "../actions";
import { proofRoundsSetting } from "@/lib/proofing/rounds";
import { BODY_SIZES, TYPE_SIZES } from "@/lib/issues/page-geometry";
import { paperChain } from "@/lib/stories/reviews";
import { CHAIN_LABELS, chainName, REVIEW_CHAINS, type ReviewChainName } from "@/lib/stories/review-chain";

export const metadata: Metadata = { title: "报社设置" };

// What the masthead prints, when an issue normally goes out, how much a page of each format holds,
// and the paper's rules for 稿酬 and for scoring 采用.
export default async function PaperSettingsPage() {
  await requireCapability("account:manage");
  const [profile, formats, limit, deadlines, chain, rounds, fees, scoring] = await Promise.all([
    paperProfile(),
    pageFormats(),
    errorRateLimit(),
    deadlineTimes(),
    paperChain(),
    proofRoundsSetting(),
    feeTableSetting(),
    scoreRulesSetting(),
  ]);
  const field = (name: keyof typeof profile, label: string, hint?: string) => (
    <label className="block">
      <span className="label">{label}</span>
      <input name={name} defaultValue={profile[name]} className="input" />
      {hint && <span className="text-xs text-stone-500">{hint}</span>}
    </label>
  );
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">报社设置</h1>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="masthead-title">
        <h2 id="masthead-title" className="mb-3 font-bold">报头与见报时间</h2>
        <ActionForm action={updatePaperProfileAction} hidden={{}} className="grid max-w-2xl gap-3 sm:grid-cols-2">
          {field("name", "报名")}
          {field("cnNumber", "国内统一连续出版物号", "例如 CN 22-0001")}
          {field("postalCode", "邮发代号", "例如 12-34")}
          {field("publisher", "主管主办、出版单位")}
          <label className="block">
            <span className="label">定时见报时间（北京时间）</span>
            <input name="releaseTime" type="time" defaultValue={profile.releaseTime} className="input" />
            <span className="text-xs text-stone-500">每期默认在出版日期当天的这个时间见报</span>
          </label>
          <div className="flex items-end">
            <button type="submit" className="btn-primary">保存报头</button>
          </div>
        </ActionForm>
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="deadlines-title">
        <h2 id="deadlines-title" className="mb-1 font-bold">截稿与签版</h2>
        <p className="mb-3 text-sm text-stone-600">
          每一版的截稿和签版时间（北京时间）。晚于见报时间的，算在出版日期前一天晚上；早于见报时间的，算在出版日期当天。版面编排在到点前提醒，超时标红。
        </p>
        <ActionForm action={updateDeadlinesAction} hidden={{}} className="flex flex-wrap items-end gap-3">
          <label>
            <span className="label">截稿时间</span>
            <input name="copyDeadline" defaultValue={deadlines.copy} className="input w-28" placeholder="20:00" />
          </label>
          <label>
            <span className="label">签版时间</span>
            <input name="signDeadline" defaultValue={deadlines.sign} className="input w-28" placeholder="23:00" />
          </label>
          <label>
            <span className="label">提前提醒（分钟）</span>
            <input name="deadlineWarnMinutes" inputMode="numeric" defaultValue={deadlines.warnMinutes} className="input w-28" />
          </label>
          <button type="submit" className="btn">保存时间</button>
        </ActionForm>
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="quality-title">
        <h2 id="quality-title" className="mb-1 font-bold">质量</h2>
        <p className="mb-3 text-sm text-stone-600">见报后的差错按每万字计算差错率，超过上限的期、版和责任编辑在差错统计里标出（报纸质量管理规定为万分之三）。</p>
        <ActionForm action={updateErrorRateLimitAction} hidden={{}} className="flex flex-wrap items-end gap-3">
          <label>
            <span className="label">差错率上限（每万字差错数）</span>
            <input name="errorRateLimit" inputMode="decimal" defaultValue={limit} className="input w-32" />
          </label>
          <button type="submit" className="btn">保存上限</button>
        </ActionForm>
        <ActionForm action={updateReviewChainAction} hidden={{}} className="mt-4 flex flex-wrap items-end gap-3">
          <label>
            <span className="label">审稿流程</span>
            <select name="reviewChain" defaultValue={chainName(chain)} className="input">
              {(Object.keys(REVIEW_CHAINS) as ReviewChainName[]).map((name) => (
                <option key={name} value={name}>{CHAIN_LABELS[name]}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn">保存审稿流程</button>
          <span className="w-full text-xs text-stone-500">三审须由三位不同的人承担，作者和署名者不能审自己的稿件；签版前版上每篇稿件都须终审通过。</span>
        </ActionForm>
        <ActionForm action={updateProofRoundsAction} hidden={{}} className="mt-4 flex flex-wrap items-end gap-3">
          <label>
            <span className="label">每版校对轮数（校次）</span>
            <input name="proofRounds" type="number" min={1} max={5} defaultValue={rounds} className="input w-24" />
          </label>
          <button type="submit" className="btn">保存校次</button>
          <span className="w-full text-xs text-stone-500">签版前每版须完成这些轮校对，每处标记都已处理，核红没有漏改。</span>
        </ActionForm>
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="fees-title">
        <h2 id="fees-title" className="mb-1 font-bold">稿酬标准</h2>
        <p className="mb-2 text-sm text-stone-600">见报稿件按这个标准计算稿酬；已结算的月份保留结算时的标准，不受修改影响。现行标准：</p>
        <ul className="mb-4 list-disc space-y-1 pl-6 text-sm" data-testid="fee-table-words">
          {fees.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <FeeTableForm action={updateFeeTableAction} values={fees.values} basedOn={fees.basedOn} tierRows={fees.tierRows} />
      </section>
      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="scoring-title">
        <h2 id="scoring-title" className="mb-1 font-bold">采用计分办法</h2>
        <p className="mb-2 text-sm text-stone-600">采用统计和优秀通讯员评选按这个办法给见报稿件计分。现行办法：</p>
        <ul className="mb-4 list-disc space-y-1 pl-6 text-sm" data-testid="score-rules-words">
          {scoring.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <ScoreRulesForm action={updateScoreRulesAction} values={scoring.values} basedOn={scoring.basedOn} />
      </section>
      <section className="rounded border border-stone-300 bg-white p-4" aria-labelledby="formats-title">
        <h2 id="formats-title" className="mb-1 font-bold">版式</h2>
        <p className="mb-3 text-sm text-stone-600">
          按报纸实际尺寸填写：成品和版心（毫米）、栏数、栏间距、正文字号和行距。每行字数、每栏行数和整版容量由它们算出，大样、读者版面和版面编排的“已排”都按这个版面格子计算。
        </p>
        <div className="space-y-4">
          {formats.map((f) => {
            const g = f.geometry;
            const mm = (name: string, label: string, value: number) => (
              <label>
                <span className="label">{label}</span>
                <input name={name} inputMode="decimal" defaultValue={value} className="input w-24" />
              </label>
            );
            return (
              <ActionForm key={f.code} action={updatePageFormatAction} hidden={{ code: f.code }} className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-3 first:border-t-0 first:pt-0">
                <span className="w-16 font-medium">{f.name}</span>
                {mm("paperWidthMm", "成品宽（毫米）", g.paperWidthMm)}
                {mm("paperHeightMm", "成品高（毫米）", g.paperHeightMm)}
                {mm("typeAreaWidthMm", "版心宽（毫米）", g.typeAreaWidthMm)}
                {mm("typeAreaHeightMm", "版心高（毫米）", g.typeAreaHeightMm)}
                <label>
                  <span className="label">栏数</span>
                  <input name="columns" type="number" defaultValue={g.columns} className="input w-20" />
                </label>
                {mm("gutterMm", "栏间距（毫米）", g.gutterMm)}
                <label>
                  <span className="label">正文字号</span>
                  <select name="bodySize" defaultValue={g.bodySize} className="input w-24">
                    {BODY_SIZES.map((size) => (
                      <option key={size} value={size}>{size}（{TYPE_SIZES[size]} 磅）</option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className="label">行距（字）</span>
                  <input name="lineGap" inputMode="decimal" defaultValue={g.lineGap} className="input w-20" />
                </label>
                <button type="submit" className="btn">保存{f.name}</button>
                <p className="w-full text-sm text-stone-700" data-testid={`format-grid-${f.code}`}>
                  每栏宽 {f.grid.columnWidthMm.toFixed(1)} 毫米 · 每行字数 {f.grid.charsPerLine} · 每栏行数 {f.grid.linesPerColumn} · 整版容量 {f.grid.capacity.toLocaleString("zh-CN")} 字
                </p>
              </ActionForm>
            );
          })}
        </div>
      </section>
    </>
  );
}
