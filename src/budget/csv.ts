// RFC 4180 CSV as Excel writes it ("CSV UTF-8"): quoted fields may hold commas, doubled quotes
// and line breaks. Each record keeps the file line it starts on, which the validation report
// quotes. Small enough to own: a library would not give the line of a multi-line record.

export interface CsvRecord {
  line: number
  cells: string[]
}
export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number }

/** The separator of the first line: Excel writes ';' or a tab in some locales. */
function separatorOf(text: string): string {
  const first = text.slice(0, text.search(/\r|\n|$/))
  const count = (s: string) => first.split(s).length - 1
  const candidates = [',', ';', '\t'].sort((a, b) => count(b) - count(a))
  return candidates[0] ?? ','
}

export function parseCsv(text: string): CsvResult {
  const sep = separatorOf(text)
  const records: CsvRecord[] = []
  let cells: string[] = []
  let field = ''
  let line = 1
  let start = 1
  let quoted = false
  let quoteLine = 0
  const endField = () => {
    cells.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push({ line: start, cells })
    cells = []
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
        field += ch
      }
    } else if (ch === '"' && field === '') {
      quoted = true
      quoteLine = line
    } else if (ch === sep) {
      endField()
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else {
      field += ch
    }
  }
  // A quote never closed swallows the rest of the file: say where it opened.
  if (quoted) return { ok: false, line: quoteLine }
  if (field !== '' || cells.length > 0) endRecord()
  return { ok: true, records }
}
