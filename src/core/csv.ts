// The one CSV writer for every download (evidence reports, No Gift Policy register, complaint
// statistics): RFC 4180 with a BOM so Excel shows Thai. A cell a spreadsheet would run as a
// formula (titles, labels and names are written by admins or come from flows/) gets a leading
// apostrophe; a negative number stays a number.

const FORMULA = /^[=+@\t\r]|^-[^\d]/

export function csvText(rows: readonly (readonly string[])[]): string {
  const quote = (raw: string) => {
    const s = FORMULA.test(raw) ? `'${raw}` : raw
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`
}
