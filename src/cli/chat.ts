import { appendFileSync, mkdirSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { parseArgs } from 'node:util'
import { parseConfig } from '../config.js'
import { createLogger } from '../core/logger.js'
import { createNodeApp } from '../runtime/node-app.js'
import { type EntryView, SimulatorClient } from '../simulator/client.js'
import { sizeLabel, tooLargeMessage } from '../simulator/contents.js'
import { type FlatAction, flattenMessages } from '../simulator/flatten.js'
import type { ChatSummary } from '../simulator/model.js'

// `npm run chat`: the LINE simulator in a terminal. Talks to a running server's /dev/chat/api,
// or boots the app in-process when none answers (logs then go to a file, not into the chat).

const HELP = `คำสั่ง / Commands
  ข้อความใด ๆ            ส่งข้อความ / send a message (in a group start with "@bot" to mention the bot)
  <ตัวเลข>              กดปุ่มหรือตอบด่วนหมายเลขนั้น / tap that numbered button or quick reply
  /user <ชื่อ>           แชต 1:1 ในฐานะบุคคลนี้ / 1:1 chat as this person
  /group <ชื่อ>[: ก, ข]   ไปยังกลุ่ม หรือสร้างพร้อมสมาชิก / switch to a group, or create it with members
  /as <สมาชิก>          เลือกผู้พูดในกลุ่ม / speak as this group member
  /add <ชื่อ>  /remove <ชื่อ>   เพิ่ม/นำสมาชิกออก / add or remove a group member
  /join  /leave          เชิญบอตเข้ากลุ่ม / นำบอตออก / add the bot to the group, remove it
  /photo <ไฟล์>  /file <ไฟล์>   ส่งรูป (JPEG, PNG) หรือไฟล์จากเครื่อง / send a photo or a file from disk
  /unsend                ยกเลิกข้อความล่าสุด / unsend your last message
  /block  /unblock       บล็อก/เลิกบล็อกบอต (1:1) / block or unblock the bot
  /chats                 รายการแชต / list chats
  /help  /quit`

const tty = process.stdout.isTTY === true
const paint = (code: number, s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s)

interface Connection {
  client: SimulatorClient
  where: string
  close(): Promise<void>
}

async function probe(base: string): Promise<'simulator' | 'other' | 'none'> {
  try {
    const res = await fetch(`${base}/dev/chat/api/chats`, { signal: AbortSignal.timeout(1500) })
    await res.body?.cancel()
    return res.ok ? 'simulator' : 'other'
  } catch {
    return 'none'
  }
}

async function connect(url: string | undefined): Promise<Connection> {
  const parsed = parseConfig(process.env)
  if (!parsed.ok) throw new Error(`Configuration error / ตั้งค่าไม่ถูกต้อง:\n  ${parsed.errors.join('\n  ')}`)
  const config = parsed.config
  const base = (url ?? `http://localhost:${config.env.PORT}`).replace(/\/+$/, '')
  const found = await probe(base)
  if (found === 'simulator')
    return { client: new SimulatorClient(fetch, base), where: base, close: async () => {} }
  if (found === 'other')
    throw new Error(`${base} answers but has no simulator: is it running with LINE credentials?`)
  if (url) throw new Error(`nothing answers at ${base}`)
  if (config.line.kind !== 'local') {
    throw new Error('LINE credentials are set: the simulator only runs without them (local mode).')
  }
  mkdirSync(config.env.DATA_DIR, { recursive: true })
  const logFile = join(config.env.DATA_DIR, 'chat.log')
  const log = createLogger({ level: config.env.LOG_LEVEL, write: (l) => appendFileSync(logFile, `${l}\n`) })
  const node = await createNodeApp(config, log)
  // The server's minute tick does this; here the inbox's retries after backoff need it too.
  const tick = setInterval(() => node.deps.inbox.kick(), 5_000)
  node.deps.inbox.kick()
  return {
    client: new SimulatorClient(async (req) => node.app.fetch(req), 'http://in-process'),
    where: `in-process (logs: ${logFile})`,
    async close() {
      clearInterval(tick)
      await node.close()
    },
  }
}

class ChatSession {
  chat: ChatSummary | null = null
  speaker: string | undefined
  person = 'สมชาย ใจดี'
  private lastSeq = 0
  private readonly own = new Set<number>()
  private actions: FlatAction[] = []
  private botName = 'bot'
  private busy = false
  /** Seq of the newest bot message printed, and of the last action that expects an answer. */
  lastBotSeq = 0
  expecting: number | null = null

  constructor(
    private readonly client: SimulatorClient,
    private readonly rl: Interface,
  ) {}

  print(lines: string[]): void {
    if (tty) process.stdout.write('\r\u001b[2K')
    process.stdout.write(`${lines.join('\n')}\n`)
    if (tty) this.rl.prompt(true)
  }

  prompt(): string {
    const c = this.chat
    if (!c) return '> '
    const who = c.kind === 'group' ? (c.members?.find((m) => m.userId === this.speaker)?.name ?? '?') : c.name
    return `${paint(2, c.kind === 'group' ? `[${c.name} · ${who}]` : `[${who} · 1:1]`)} > `
  }

  private show(e: EntryView): string[] {
    if (this.own.has(e.seq)) return []
    switch (e.kind) {
      case 'user':
        return [`${paint(33, e.from.name)}: ${e.unsent ? '(ยกเลิกแล้ว / unsent)' : e.text}`]
      case 'postback':
        return [`${paint(33, e.from.name)} ↪ ${e.displayText ?? 'postback'}`]
      case 'media': {
        const what = e.media === 'image' ? '📷 รูปภาพ / photo' : `📄 ${e.fileName ?? ''}`
        return [
          `${paint(33, e.from.name)}: ${e.unsent ? '(ยกเลิกแล้ว / unsent)' : `${what} (${sizeLabel(e.size)})`}`,
        ]
      }
      case 'bot': {
        const flat = flattenMessages(e.messages)
        this.actions = flat.actions
        this.lastBotSeq = e.seq
        return [paint(36, `🤖 ${this.botName} (${e.via})`), ...flat.lines.map((l) => `   ${l}`)]
      }
      case 'typing':
        return [paint(2, `🤖 … กำลังพิมพ์ / typing`)]
      case 'unsend':
        return [paint(2, `· ${e.from.name} ยกเลิกข้อความ / unsent a message`)]
      case 'system':
        return [paint(e.level === 'error' ? 31 : 2, `· ${e.text}`)]
    }
  }

  /** Prints what is new in the current chat. */
  async poll(): Promise<void> {
    if (!this.chat || this.busy) return
    const chatId = this.chat.id
    const r = await this.client.transcript(chatId, this.lastSeq)
    if (this.chat?.id !== chatId) return
    this.chat = r.chat
    // Filtered after the await: a concurrent poll may have printed some of these already.
    for (const e of r.entries.filter((x) => x.seq > this.lastSeq)) {
      this.lastSeq = e.seq
      const lines = this.show(e)
      if (lines.length > 0) this.print(lines)
    }
  }

  /** Runs an action without the poller printing its own entry back, then marks it as ours. */
  async act(action: () => Promise<{ seq: number } | ChatSummary>): Promise<void> {
    this.busy = true
    try {
      const result = await action()
      if ('seq' in result) this.own.add(result.seq)
      else this.chat = result
      this.expecting = Math.max(this.lastSeq, this.lastBotSeq)
    } finally {
      this.busy = false
    }
  }

  /** Without a terminal, waits (up to 5 s) for the bot to answer the last action. */
  async waitForBot(): Promise<void> {
    const after = this.expecting
    if (after === null) return
    for (let i = 0; i < 25 && this.lastBotSeq <= after; i++) {
      await this.poll()
      if (this.lastBotSeq <= after) await new Promise((r) => setTimeout(r, 200))
    }
    this.expecting = null
  }

  async switchTo(chat: ChatSummary): Promise<void> {
    this.chat = chat
    this.lastSeq = 0
    this.actions = []
    if (chat.kind === 'group')
      this.speaker = chat.members?.find((m) => m.name === this.person)?.userId ?? chat.members?.[0]?.userId
    else this.person = chat.name
    this.botName = (await this.client.chats()).bot.name
    this.expecting = this.lastBotSeq
    this.print([paint(1, `── ${chat.name} ──`)])
    this.rl.setPrompt(this.prompt())
    await this.poll()
  }

  private requireChat(kind?: 'group'): ChatSummary {
    const c = this.chat
    if (!c || (kind && c.kind !== kind))
      throw new Error(kind ? 'ใช้ในกลุ่มเท่านั้น / only in a group' : 'no chat yet')
    return c
  }

  private async tap(n: number): Promise<void> {
    const found = this.actions.find((a) => a.n === n)
    if (!found) throw new Error(`ไม่มีปุ่มหมายเลข ${n} / no button ${n}`)
    const a = found.action
    const chat = this.requireChat()
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined)
    if (a.type === 'message')
      return this.act(() => this.client.say(chat.id, this.speaker, text(a.text) ?? found.label))
    if (a.type === 'postback') {
      const displayText = text(a.displayText)
      return this.act(() =>
        this.client.postback(chat.id, this.speaker, { data: text(a.data) ?? '', displayText }),
      )
    }
    if (a.type === 'datetimepicker') {
      const mode = a.mode === 'date' || a.mode === 'time' ? a.mode : 'datetime'
      const format = { date: 'YYYY-MM-DD', time: 'HH:mm', datetime: 'YYYY-MM-DDTHH:mm' }[mode]
      const value = await new Promise<string>((resolve) =>
        this.rl.question(`${found.label} (${format}): `, resolve),
      )
      return this.act(() =>
        this.client.postback(chat.id, this.speaker, {
          data: text(a.data) ?? '',
          params: { [mode]: value.trim() },
        }),
      )
    }
    if (a.type === 'uri') return this.print([`เปิดลิงก์ / open: ${text(a.uri) ?? ''}`])
    if (a.type === 'clipboard') return this.print([`คัดลอก / copy: ${text(a.clipboardText) ?? ''}`])
    this.print([`(${String(a.type)}: ใช้ไม่ได้ในโปรแกรมจำลอง / not available in the simulator)`])
  }

  private member(name: string): string {
    const c = this.requireChat('group')
    const m = c.members?.find((x) => x.name === name) ?? c.members?.find((x) => x.name.startsWith(name))
    if (!m) throw new Error(`${name} ไม่ได้อยู่ในกลุ่ม / is not in this group`)
    return m.userId
  }

  async handle(line: string): Promise<void> {
    const input = line.trim()
    if (!input) return
    if (/^\d{1,3}$/.test(input)) return this.tap(Number(input))
    if (!input.startsWith('/'))
      return this.act(() => this.client.say(this.requireChat().id, this.speaker, line))
    const [, cmd = '', rest = ''] = /^\/(\S+)\s*(.*)$/.exec(input) ?? []
    const c = this.chat
    switch (cmd) {
      case 'help':
      case 'h':
        return this.print([HELP])
      case 'user':
        return this.switchTo(await this.client.open(rest || this.person))
      case 'group': {
        const [name = '', list] = rest.split(':')
        const existing = (await this.client.chats()).chats.find(
          (x) => x.kind === 'group' && x.name === name.trim(),
        )
        const members = list
          ? list
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [this.person]
        return this.switchTo(existing ?? (await this.client.createGroup(name, members)))
      }
      case 'as':
        this.speaker = this.member(rest)
        this.rl.setPrompt(this.prompt())
        return
      case 'add':
        return this.act(() => this.client.addMember(this.requireChat('group').id, rest))
      case 'remove':
        return this.act(() => this.client.removeMember(this.requireChat('group').id, this.member(rest)))
      case 'join':
        return this.act(() => this.client.addBot(this.requireChat('group').id))
      case 'leave':
        return this.act(() => this.client.removeBot(this.requireChat('group').id))
      case 'photo':
      case 'file': {
        const path = rest.replace(/^(['"])(.*)\1$/, '$2')
        if (!path) throw new Error(`ระบุไฟล์ / give a path: /${cmd} <path>`)
        const chat = this.requireChat()
        const kind = cmd === 'photo' ? 'image' : 'file'
        // Checked before reading: a video of a gigabyte is refused without loading it.
        const { limits } = await this.client.chats()
        const max = Math.min(kind === 'image' ? limits.imageBytes : limits.fileBytes, limits.totalBytes)
        if ((await stat(path)).size > max) throw new Error(tooLargeMessage(kind, max))
        const bytes = new Uint8Array(await readFile(path))
        return this.act(() => this.client.send(kind, chat.id, this.speaker, { name: basename(path), bytes }))
      }
      case 'unsend':
        return this.act(() => this.client.unsend(this.requireChat().id, this.speaker))
      case 'block':
      case 'unblock':
        return this.act(() => this.client.follow(this.requireChat().id, cmd === 'unblock'))
      case 'chats': {
        const { chats } = await this.client.chats()
        return this.print(
          chats.map((x) => `${x.id === c?.id ? '*' : ' '} ${x.kind === 'group' ? 'กลุ่ม' : '1:1 '} ${x.name}`),
        )
      }
      case 'quit':
      case 'exit':
        return void this.rl.close()
      default:
        throw new Error(`ไม่รู้จักคำสั่ง / unknown command: /${cmd} (/help)`)
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, as: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    console.log(`npm run chat [-- --url http://localhost:3000] [--as "ชื่อ"]\n\n${HELP}`)
    return
  }
  const conn = await connect(values.url)
  console.log(
    `แชตกับบอตในโหมดจำลอง / Chatting with the bot in local mode: ${conn.where}\n/help = คำสั่ง / commands`,
  )
  const first = await conn.client.open(values.as ?? 'สมชาย ใจดี')
  // Listeners go on right after the interface exists: piped lines are read at once and would be lost.
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty })
  const session = new ChatSession(conn.client, rl)
  const timer = setInterval(() => session.poll().catch(() => {}), 500)

  // Lines run one after another; without a terminal (piped input) each waits for the bot's answer,
  // so a script such as "เมนู\n1" taps a button of the reply it was meant for.
  let queue = session.switchTo(first).then(() => (tty ? undefined : session.waitForBot()))
  rl.on('line', (line) => {
    queue = queue
      .then(() => (tty ? undefined : session.print([paint(2, `> ${line}`)])))
      .then(() => session.handle(line))
      .then(() => (tty ? undefined : session.waitForBot()))
      .catch((err: unknown) =>
        session.print([paint(31, `! ${err instanceof Error ? err.message : String(err)}`)]),
      )
      .finally(() => {
        rl.setPrompt(session.prompt())
        if (tty) rl.prompt()
      })
  })
  rl.on('close', () => {
    void queue
      .then(() => session.poll())
      .finally(async () => {
        clearInterval(timer)
        await conn.close()
        process.exit(0)
      })
  })
  await queue
  rl.setPrompt(session.prompt())
  if (tty) rl.prompt()
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
