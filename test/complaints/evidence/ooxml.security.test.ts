import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { accepted } from './fixtures/inspect.js'

// Office packages built here part by part, each with one kind of identifying data that Office
// keeps out of sight: custom XML from document-management systems, Word's editing-session ids
// and document variables, comment and revision authors. The input is first shown to hold it;
// the output must not, must keep the document's text, and must still be a package Office
// opens: well-formed parts and no relationship pointing at a part that is gone.

const limits = { maxBytes: DEFAULT_MAX_BYTES }
const PERSON = 'Somchai Sentinel'
const INITIALS = 'SSx'
const BODY_TEXT = 'หลักฐานการจัดซื้อ'
const OXML = 'http://schemas.openxmlformats.org'
const R = `${OXML}/officeDocument/2006/relationships`
const W = `xmlns:w="${OXML}/wordprocessingml/2006/main"`
const W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
const CT = 'application/vnd.openxmlformats-officedocument'

const rels = (...r: [id: string, type: string, target: string][]) =>
  `${DECL}<Relationships xmlns="${OXML}/package/2006/relationships">${r
    .map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`)
    .join('')}</Relationships>`

const types = (...overrides: [part: string, type: string][]) =>
  `${DECL}<Types xmlns="${OXML}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides
    .map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`)
    .join('')}</Types>`

function zip(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])))
}

/** A Word document: the main part, its relationships, and any other parts given. */
function docx(parts: Record<string, string>, body: string, documentRels: string): Uint8Array {
  return zip({
    '[Content_Types].xml': types(
      ['/word/document.xml', `${CT}.wordprocessingml.document.main+xml`],
      ['/word/settings.xml', `${CT}.wordprocessingml.settings+xml`],
      ['/word/comments.xml', `${CT}.wordprocessingml.comments+xml`],
      ['/customXml/itemProps1.xml', `${CT}.customXmlProperties+xml`],
    ),
    '_rels/.rels': rels(['rId1', `${R}/officeDocument`, 'word/document.xml']),
    'word/document.xml': `${DECL}<w:document ${W} ${W14}><w:body>${body}</w:body></w:document>`,
    'word/_rels/document.xml.rels': documentRels,
    ...parts,
  })
}

const para = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`

function unzipText(b: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(b)).map(([k, v]) => [k, strFromU8(v)]))
}

async function clean(input: Uint8Array, needles: string[]): Promise<Record<string, string>> {
  const before = JSON.stringify(unzipText(input))
  for (const n of needles) expect(before, `the fixture lacks ${n}`).toContain(n)
  const out = unzipText(accepted(await sanitizeEvidence(input, {}, limits)).bytes)
  const after = JSON.stringify(out)
  for (const n of needles) expect(after, `the output holds ${n}`).not.toContain(n)
  expectOpens(out)
  return out
}

/** Every XML part well-formed, every internal relationship pointing at a part that exists. */
function expectOpens(parts: Record<string, string>): void {
  const names = new Set(Object.keys(parts))
  for (const [name, xml] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue
    expect(unbalanced(xml), `${name} is not well-formed`).toEqual([])
    if (!name.endsWith('.rels')) continue
    const base = name.replace(/(?:^|\/)_rels\/[^/]*$/, '')
    for (const m of xml.matchAll(/<Relationship\b[^>]*\bTarget="([^"]*)"[^>]*\/>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue
      const target = new URL(m[1] ?? '', `file:///${base ? `${base}/` : ''}`).pathname.slice(1)
      expect(names, `${name} points at missing ${target}`).toContain(target)
    }
  }
}

/** Opening tags without their closing tag, or the other way round, in order. */
function unbalanced(xml: string): string[] {
  const stack: string[] = []
  const body = xml.replace(/<\?[^>]*\?>/g, '').replace(/<!--[\s\S]*?-->/g, '')
  for (const [tag, close, name, empty] of body.matchAll(/<(\/?)([\w.:-]+)(?:\s[^>]*?)?(\/?)>/g)) {
    if (empty) continue
    if (!close) stack.push(name ?? tag)
    else if (stack.pop() !== name) return [`unexpected ${tag}`]
  }
  return stack
}

describe('Office files carry no custom XML', () => {
  test('customXml/ parts, their relationships and content types go; the document and its styles stay', async () => {
    const input = docx(
      {
        'customXml/item1.xml': `${DECL}<dms><owner>${PERSON}</owner><path>C:\\Users\\somchai</path></dms>`,
        'customXml/itemProps1.xml': `${DECL}<ds:datastoreItem ds:itemID="{A1}" xmlns:ds="${OXML}/officeDocument/2006/customXml"/>`,
        'customXml/_rels/item1.xml.rels': rels(['rId1', `${R}/customXmlProps`, 'itemProps1.xml']),
        'word/styles.xml': `${DECL}<w:styles ${W}/>`,
      },
      para(BODY_TEXT),
      rels(['rId1', `${R}/customXml`, '../customXml/item1.xml'], ['rId2', `${R}/styles`, 'styles.xml']),
    )
    const out = await clean(input, ['customXml', PERSON, 'somchai'])
    expect(Object.keys(out).filter((n) => /customxml/i.test(n))).toEqual([])
    expect(out['word/document.xml']).toContain(BODY_TEXT)
    expect(out['word/_rels/document.xml.rels']).toContain('Target="styles.xml"')
    expect(out['[Content_Types].xml']).toContain('/word/document.xml')
  })
})

describe('Word files do not link a complaint to the complainant’s other documents', () => {
  test('document variables, editing-session ids (w:rsid*) and document ids are gone; settings and text stay', async () => {
    const rsids = [
      '00A1B2C3',
      '00D4E5F6',
      '00778899',
      '00112233',
      '00445566',
      '00AABBCC',
      '00DDEEFF',
      '00998877',
    ]
    const [r, rPr, rDefault, p, del, sect, tr, root] = rsids
    const body = [
      `<w:p w:rsidR="${r}" w:rsidRDefault="${rDefault}" w:rsidP="${p}"><w:r w:rsidRPr="${rPr}"><w:t>${BODY_TEXT}</w:t></w:r></w:p>`,
      `<w:tbl><w:tr w:rsidR="${r}" w:rsidTr="${tr}"><w:tc><w:p><w:del w:id="1" w:author="${PERSON}"><w:r w:rsidDel="${del}"><w:delText>old</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>`,
      `<w:sectPr w:rsidR="${r}" w:rsidSect="${sect}"><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`,
    ].join('')
    const settings = `${DECL}<w:settings ${W} ${W14} xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w:zoom w:percent="100"/><w:docVars><w:docVar w:name="DMS_Owner" w:val="${PERSON}"/><w:docVar w:name="Dept" w:val="กองคลัง"/></w:docVars><w:rsids><w:rsidRoot w:val="${root}"/>${rsids.map((v) => `<w:rsid w:val="${v}"/>`).join('')}</w:rsids><w14:docId w14:val="1A2B3C4D"/><w15:docId w15:val="{5E6F7A8B-0000-4000-8000-000000000001}"/><w:defaultTabStop w:val="720"/></w:settings>`
    const input = docx(
      { 'word/settings.xml': settings },
      body,
      rels(['rId1', `${R}/settings`, 'settings.xml']),
    )
    const out = await clean(input, [
      ...rsids,
      'rsid',
      'docVar',
      'DMS_Owner',
      'กองคลัง',
      'docId',
      '1A2B3C4D',
      '5E6F7A8B',
      PERSON,
    ])
    expect(out['word/settings.xml']).toContain('<w:zoom w:percent="100"/>')
    expect(out['word/settings.xml']).toContain('<w:defaultTabStop w:val="720"/>')
    expect(out['word/document.xml']).toContain(BODY_TEXT)
    expect(out['word/document.xml']).toContain('<w:delText>old</w:delText>')
    expect(out['word/document.xml']).toContain('<w:pgSz w:w="11906" w:h="16838"/>')
  })

  test('comment authors and initials, and tracked-change authors, are gone; the comment stays', async () => {
    const comments = `${DECL}<w:comments ${W}><w:comment w:id="0" w:author="${PERSON}" w:date="2026-01-02T03:04:05Z" w:initials="${INITIALS}"><w:p><w:r><w:t>โปรดตรวจสอบ</w:t></w:r></w:p></w:comment></w:comments>`
    const body = `<w:p><w:ins w:id="1" w:author="${PERSON}" w:date="2026-01-02T03:04:05Z"><w:r><w:t>${BODY_TEXT}</w:t></w:r></w:ins></w:p>`
    const input = docx(
      { 'word/comments.xml': comments },
      body,
      rels(['rId1', `${R}/comments`, 'comments.xml']),
    )
    const out = await clean(input, [PERSON, INITIALS, '2026-01-02'])
    expect(out['word/comments.xml']).toContain('โปรดตรวจสอบ')
    expect(out['word/document.xml']).toContain(BODY_TEXT)
  })
})

describe('Excel and PowerPoint comments name no one', () => {
  test('xlsx: the comment authors list is emptied, the comment stays', async () => {
    const input = zip({
      '[Content_Types].xml': types(['/xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`]),
      '_rels/.rels': rels(['rId1', `${R}/officeDocument`, 'xl/workbook.xml']),
      'xl/workbook.xml': `${DECL}<workbook xmlns="${OXML}/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>`,
      'xl/comments1.xml': `${DECL}<comments xmlns="${OXML}/spreadsheetml/2006/main"><authors><author>${PERSON}</author><author>Sentinel Editor</author></authors><commentList><comment ref="A1" authorId="0"><text><t>ยอดไม่ตรง</t></text></comment></commentList></comments>`,
    })
    const out = await clean(input, [PERSON, 'Sentinel Editor'])
    expect(out['xl/comments1.xml']).toContain('ยอดไม่ตรง')
    expect(out['xl/workbook.xml']).toContain('<sheet name="Sheet1"')
  })

  test('pptx: comment authors lose their names and initials, the slide stays', async () => {
    const P = `xmlns:p="${OXML}/presentationml/2006/main"`
    const input = zip({
      '[Content_Types].xml': types(['/ppt/presentation.xml', `${CT}.presentationml.presentation.main+xml`]),
      '_rels/.rels': rels(['rId1', `${R}/officeDocument`, 'ppt/presentation.xml']),
      'ppt/presentation.xml': `${DECL}<p:presentation ${P}><p:sldIdLst/></p:presentation>`,
      'ppt/_rels/presentation.xml.rels': rels(['rId1', `${R}/commentAuthors`, 'commentAuthors.xml']),
      'ppt/commentAuthors.xml': `${DECL}<p:cmAuthorLst ${P}><p:cmAuthor id="0" name="${PERSON}" initials="${INITIALS}" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>`,
    })
    const out = await clean(input, [PERSON, INITIALS])
    expect(out['ppt/commentAuthors.xml']).toContain('<p:cmAuthor id="0"')
    expect(out['ppt/presentation.xml']).toContain('<p:sldIdLst/>')
  })
})

describe('a customXml relationship that is the only one', () => {
  test('the document’s relationships part is left empty and valid, and the document opens', async () => {
    const input = docx(
      { 'customXml/item1.xml': `${DECL}<owner>${PERSON}</owner>` },
      para(BODY_TEXT),
      rels(['rId1', `${R}/customXml`, '../customXml/item1.xml']),
    )
    const out = await clean(input, [PERSON, 'customXml'])
    expect(out['word/_rels/document.xml.rels']).not.toContain('<Relationship ')
    expect(out['word/_rels/document.xml.rels']).toContain('<Relationships ')
    expect(out['word/document.xml']).toContain(BODY_TEXT)
  })
})
