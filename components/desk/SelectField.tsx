/** A labelled choice from a fixed list, for the desk's forms and filters; `withAll` adds 全部 (no filter) first. */
export function SelectField({ label, name, value, options, withAll = false }: { label: string; name: string; value?: string; options: [string, string][]; withAll?: boolean }) {
  return (
    <label className="block">
      <span className="label">{label}</span>
      <select name={name} defaultValue={value ?? (withAll ? "" : options[0]?.[0])} className="input">
        {withAll && <option value="">全部</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </label>
  );
}
