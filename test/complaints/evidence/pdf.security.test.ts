import {
  decodePDFRawStream,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
  StandardFonts,
} from '@cantoo/pdf-lib'
import { describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { accepted } from './fixtures/inspect.js'
import { contains } from './fixtures/sentinels.js'

// Each PDF is built here, object by object, with one kind of active content, and saved with
// compressed object streams (how current software writes), so a byte search of the input
// alone would see nothing. The input is first shown to hold the thing when parsed; the output
// must not hold it parsed, decoded, or as raw bytes, and must still show its page.

const limits = { maxBytes: DEFAULT_MAX_BYTES }
const N = PDFName.of
const PAGE_TEXT = 'Evidence survives'
const SCRIPT = 'app.alert("script-sentinel")'
const FILE_BODY = 'embedded-file-sentinel'
/** Names that only active content uses: none may remain anywhere in the output. */
const ACTIVE_NAMES = ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/AF', '/AA']
const ACTIONS = ['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'GoToE', 'GoToR', 'RichMediaExecute']

type Plant = (ctx: PDFContext, catalog: PDFDict, page: PDFDict) => void

async function craft(plant: Plant): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([300, 200])
  page.drawText(PAGE_TEXT, { x: 20, y: 150, size: 14, font })
  plant(doc.context, doc.catalog, page.node)
  return doc.save({ useObjectStreams: true, updateFieldAppearances: false })
}

const js = (ctx: PDFContext) => ctx.obj({ S: 'JavaScript', JS: PDFString.of(SCRIPT) })
const embeddedFile = (ctx: PDFContext) =>
  ctx.obj({
    Type: 'Filespec',
    F: PDFString.of('payload.exe'),
    UF: PDFString.of('payload.exe'),
    EF: { F: ctx.register(ctx.stream(FILE_BODY, { Type: 'EmbeddedFile' })) },
  })
const annots = (ctx: PDFContext, page: PDFDict, ...a: PDFDict[]) =>
  page.set(N('Annots'), ctx.obj(a.map((x) => ctx.register(x))))
const link = (ctx: PDFContext, action: PDFObject) =>
  ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 50, 50], A: action })

/** Every object of a parsed PDF as PDF syntax, and every stream decoded: what a reader sees. */
async function parsed(b: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(b, { updateMetadata: false })
  const out: string[] = []
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    out.push(obj.toString())
    if (obj instanceof PDFRawStream) {
      try {
        out.push(new TextDecoder('latin1').decode(decodePDFRawStream(obj).decode()))
      } catch {
        out.push(new TextDecoder('latin1').decode(obj.contents))
      }
    }
  }
  return out.join('\n')
}

/** The page is still there, with the text drawn on it. */
async function expectPageSurvives(out: Uint8Array): Promise<void> {
  const doc = await PDFDocument.load(out, { updateMetadata: false })
  expect(doc.getPageCount()).toBe(1)
  const hex = Array.from(PAGE_TEXT, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')
  const contents = doc.getPage(0).node.Contents()
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents]
  const drawn = streams
    .map((r) => (r instanceof PDFRef ? doc.context.lookup(r) : r))
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => new TextDecoder('latin1').decode(decodePDFRawStream(s).decode()).toLowerCase())
  expect(drawn.join('')).toContain(hex)
}

async function clean(input: Uint8Array, needles: string[]): Promise<Uint8Array> {
  const before = await parsed(input)
  for (const n of needles) expect(before, `the fixture lacks ${n}`).toContain(n)
  const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
  const after = await parsed(out)
  for (const n of [...needles, ...ACTIVE_NAMES, SCRIPT, FILE_BODY]) {
    expect(after, `parsed output holds ${n}`).not.toContain(n)
    expect(contains(out, n), `output bytes hold ${n}`).toBe(false)
  }
  await expectPageSurvives(out)
  return out
}

describe('a PDF runs nothing and carries no files', () => {
  test('document JavaScript in the Names tree is gone', async () => {
    const input = await craft((ctx, catalog) => {
      catalog.set(
        N('Names'),
        ctx.obj({ JavaScript: { Names: [PDFString.of('init'), ctx.register(js(ctx))] } }),
      )
    })
    await clean(input, ['/JavaScript', SCRIPT])
  })

  test.each([
    ['JavaScript', (ctx: PDFContext) => js(ctx)],
    ['Launch', (ctx: PDFContext) => ctx.obj({ S: 'Launch', Win: { F: PDFString.of('cmd.exe') } })],
  ])('an open action that is %s is gone', async (kind, action) => {
    const input = await craft((ctx, catalog) => catalog.set(N('OpenAction'), ctx.register(action(ctx))))
    await clean(input, ['/OpenAction', `/${kind}`])
  })

  test('additional actions (/AA) on the catalog, the page, an annotation and a form field are gone', async () => {
    const input = await craft((ctx, catalog, page) => {
      catalog.set(N('AA'), ctx.obj({ WC: js(ctx), DP: js(ctx) }))
      page.set(N('AA'), ctx.obj({ O: ctx.register(js(ctx)) }))
      const widget = ctx.register(
        ctx.obj({
          Type: 'Annot',
          Subtype: 'Widget',
          FT: 'Tx',
          T: PDFString.of('field1'),
          Rect: [60, 60, 160, 80],
          AA: { K: js(ctx), F: js(ctx), Fo: js(ctx) },
          A: js(ctx),
        }),
      )
      page.set(N('Annots'), ctx.obj([widget]))
      catalog.set(N('AcroForm'), ctx.obj({ Fields: [widget], XFA: ctx.register(ctx.stream('<xdp/>')) }))
    })
    const out = await clean(input, ['/AA', '/XFA'])
    expect(await parsed(out)).not.toContain('/XFA')
    // The field itself stays: only what it would run is gone.
    const doc = await PDFDocument.load(out, { updateMetadata: false })
    expect(
      doc
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(['field1'])
  })

  test.each(ACTIONS)('a link whose action is %s loses the action and keeps the page', async (kind) => {
    const input = await craft((ctx, _catalog, page) => {
      // Each type on its own, without a /JS beside it: the type alone must be enough.
      const action =
        kind === 'JavaScript' ? js(ctx) : ctx.obj({ S: kind, F: PDFString.of('other.pdf'), D: [0, 'Fit'] })
      annots(ctx, page, link(ctx, ctx.register(action)))
    })
    await clean(input, [`/S /${kind}`])
  })

  test('an active action hidden behind a harmless one (/Next) or in an outline item is gone', async () => {
    const input = await craft((ctx, catalog, page) => {
      const pageRef = ctx.getObjectRef(page) ?? page
      const next = ctx.obj({ S: 'GoTo', D: [pageRef, 'Fit'], Next: [ctx.register(js(ctx))] })
      annots(ctx, page, link(ctx, next))
      const outlines = ctx.nextRef()
      const item = ctx.register(
        ctx.obj({ Title: PDFString.of('Open me'), Parent: outlines, A: js(ctx), Next: js(ctx) }),
      )
      ctx.assign(outlines, ctx.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 }))
      catalog.set(N('Outlines'), outlines)
    })
    expect(await parsed(input)).toContain('/Next')
    const out = await clean(input, [SCRIPT])
    // The harmless part of the chain is kept: the link still goes to the page.
    expect(await parsed(out)).toContain('/S /GoTo')
  })

  test('javascript: links are gone; an ordinary web link stays', async () => {
    const input = await craft((ctx, _catalog, page) => {
      annots(
        ctx,
        page,
        link(ctx, ctx.obj({ S: 'URI', URI: PDFString.of(`javascript:${SCRIPT}`) })),
        link(ctx, ctx.obj({ S: 'URI', URI: PDFString.of('https://www.example.go.th/') })),
      )
    })
    const out = await clean(input, ['javascript:'])
    expect(await parsed(out)).toContain('https://www.example.go.th/')
  })

  test('embedded files in the Names tree and in attachment annotations are gone', async () => {
    const input = await craft((ctx, catalog, page) => {
      catalog.set(
        N('Names'),
        ctx.obj({ EmbeddedFiles: { Names: [PDFString.of('payload.exe'), ctx.register(embeddedFile(ctx))] } }),
      )
      annots(
        ctx,
        page,
        ctx.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [0, 0, 20, 20], FS: embeddedFile(ctx) }),
      )
    })
    await clean(input, ['/EmbeddedFiles', '/FileAttachment', 'payload.exe', FILE_BODY])
  })

  test('associated files (/AF) on the catalog, the page and an XObject are gone', async () => {
    const input = await craft((ctx, catalog, page) => {
      catalog.set(N('AF'), ctx.obj([ctx.register(embeddedFile(ctx))]))
      page.set(N('AF'), ctx.obj([ctx.register(embeddedFile(ctx))]))
      const form = ctx.register(
        ctx.stream('0 0 m 1 1 l S', {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 1, 1],
          AF: [ctx.register(embeddedFile(ctx))],
        }),
      )
      const resources = page.lookup(N('Resources'), PDFDict)
      resources.set(N('XObject'), ctx.obj({ Extra: form }))
    })
    await clean(input, ['/AF', 'payload.exe', FILE_BODY])
  })
})
