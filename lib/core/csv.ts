// CSV files for the offices' spreadsheets: UTF-8 with a byte-order mark (so Excel reads the Chinese
// right), CRLF lines, every cell quoted. Text someone typed that a spreadsheet would take for a
// formula (=, +, -, @ first) is kept as text with a leading apostrophe; numbers stay numbers.

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/u.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvFile(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
