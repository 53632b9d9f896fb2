import type { Metadata } from "next";
import { requireCapability } from "@/lib/core/session";
import { contributorsForUnits, CONTRIBUTOR_LIST_MAX, listUnits } from "@/lib/adoption/units";
import { UNIT_KIND_LABELS, UNIT_KINDS } from "@/lib/adoption/unit-kinds";
import { filterText } from "@/lib/validation/text";
import { readFlash } from "@/lib/core/flash";
import { ActionForm } from "@/components/desk/ActionForm";
import { Flash } from "@/components/desk/Flash";
import { createUnitAction, setContributorUnitAction, updateUnitAction } from "./actions";

export const metadata: Metadata = { title: "通讯员单位" };

const UNIT_ROW = "grid grid-cols-[minmax(10rem,2fr)_minmax(7rem,1fr)_minmax(6rem,1fr)_3rem_auto] items-center gap-2";

type Query = { q?: string | string[]; done?: string | string[]; seal?: string | string[] };

function KindSelect({ value, label }: { value?: string; label: string }) {
  return (
    <select name="kind" defaultValue={value ?? ""} className="input" aria-label={label}>
      {!value && <option value="">请选择</option>}
      {UNIT_KINDS.map((kind) => (
        <option key={kind} value={kind}>{UNIT_KIND_LABELS[kind]}</option>
      ))}
    </select>
  );
}

// The units correspondents file for, and which unit each credited person belongs to: what their
// 采用 counts towards in the statistics, and whether they are staff (本报) for 稿酬.
export default async function UnitsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireCapability("account:manage");
  const { q: typed, done, seal } = await searchParams;
  const q = filterText(20).parse(typeof typed === "string" ? typed : undefined) ?? "";
  const [units, people] = await Promise.all([listUnits(), contributorsForUnits(user, q)]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">通讯员单位</h1>
      <Flash message={readFlash({ done, seal })} />
      <p className="mb-4 text-sm text-stone-600">
        采用统计按单位汇总；单位类别为“本报”的作者算本报人员，不参加通讯员排名，稿酬按稿酬标准决定是否照付。
      </p>

      <section className="mb-8 rounded border border-stone-300 bg-white p-4" aria-labelledby="units-title">
        <h2 id="units-title" className="mb-3 font-bold">单位</h2>
        {units.length === 0 ? (
          <p className="mb-4 text-sm text-stone-600">还没有单位，请在下面新建。</p>
        ) : (
          // A grid rather than a table: each row is one form, and a form cannot span a table's cells.
          <div className="mb-4 text-sm">
            <div className={`${UNIT_ROW} bg-stone-100 px-3 py-2 text-stone-600`} aria-hidden="true">
              <span>名称</span>
              <span>类别</span>
              <span>地区</span>
              <span className="text-right">人数</span>
              <span />
            </div>
            {units.map((unit) => (
              <ActionForm key={unit.id} action={updateUnitAction} hidden={{ unitId: unit.id }} className={`${UNIT_ROW} border-t border-stone-200 px-3 py-2`}>
                <input name="name" defaultValue={unit.name} maxLength={40} className="input" aria-label={`${unit.name}的名称`} />
                <KindSelect value={unit.kind} label={`${unit.name}的类别`} />
                <input name="region" defaultValue={unit.region} maxLength={20} className="input" aria-label={`${unit.name}的地区`} />
                <span className="text-right tabular-nums">{unit.people}</span>
                <button type="submit" className="btn btn-sm" aria-label={`保存单位 ${unit.name}`}>保存</button>
              </ActionForm>
            ))}
          </div>
        )}
        {/* Keyed by the count, so the form is empty again once its unit has joined the table. */}
        <ActionForm key={units.length} action={createUnitAction} hidden={{}} className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-4">
          <label>
            <span className="label">单位名称</span>
            <input name="name" maxLength={40} className="input w-64" placeholder="例如 某县委宣传部" />
          </label>
          <label>
            <span className="label">类别</span>
            <KindSelect label="类别" />
          </label>
          <label>
            <span className="label">地区</span>
            <input name="region" maxLength={20} className="input w-32" placeholder="县、区" />
          </label>
          <button type="submit" className="btn-primary">新建单位</button>
        </ActionForm>
      </section>

      <section className="rounded border border-stone-300 bg-white p-4" aria-labelledby="people-title">
        <h2 id="people-title" className="mb-1 font-bold">作者所属单位</h2>
        <p className="mb-3 text-sm text-stone-600">稿件上署名的作者（有账号的和没有账号的）。没设单位的排在前面。</p>
        <form method="get" className="mb-3 flex flex-wrap items-end gap-2" role="search">
          <label>
            <span className="label">按姓名或填写的单位查找</span>
            <input name="q" defaultValue={q} maxLength={20} className="input w-64" />
          </label>
          <button type="submit" className="btn">查找</button>
          {q && <a href="/desk/admin/units" className="text-sm text-masthead underline">显示全部</a>}
        </form>
        {people.length === 0 ? (
          <p className="text-sm text-stone-600">{q ? `没有姓名或单位含“${q}”的作者。` : "还没有署名的作者。"}</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2">姓名</th>
                <th scope="col" className="px-3 py-2">填写的单位</th>
                <th scope="col" className="px-3 py-2">账号</th>
                <th scope="col" className="px-3 py-2">所属单位</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} className="border-t border-stone-200" data-testid="contributor-row">
                  <td className="px-3 py-2">{person.name}</td>
                  <td className="px-3 py-2">{person.affiliation || "—"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{person.username ?? "（无账号）"}</td>
                  <td className="px-3 py-2">
                    <ActionForm action={setContributorUnitAction} hidden={{ contributorId: person.id }} className="flex flex-wrap items-center gap-2">
                      <select name="unitId" defaultValue={person.unitId ?? ""} className="input w-56" aria-label={`${person.name}的所属单位`}>
                        <option value="">（未设单位）</option>
                        {units.map((unit) => (
                          <option key={unit.id} value={unit.id}>{unit.name}</option>
                        ))}
                      </select>
                      <button type="submit" className="btn btn-sm" aria-label={`保存${person.name}的所属单位`}>保存</button>
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {people.length === CONTRIBUTOR_LIST_MAX && <p className="mt-2 text-xs text-stone-500">最多显示 {CONTRIBUTOR_LIST_MAX} 位，请用查找缩小范围。</p>}
      </section>
    </>
  );
}
