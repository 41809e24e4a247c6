import { startFakeLine } from '../../test/fakes/fake-line-server.js'
import { bodies, drive } from './load.js'
import { startServer } from './servers.js'
const fake = await startFakeLine()
const url = process.env.U ?? ''
const s = await startServer('src/main.node.ts', 4201, { DATABASE_URL: url, LINE_CHANNEL_SECRET: 'b'.repeat(32), LINE_CHANNEL_ACCESS_TOKEN: fake.token, LINE_API_BASE_URL: fake.url, LINE_DATA_API_BASE_URL: fake.url, APP_SECRET: 'a'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'), LOG_LEVEL: 'warn', NODE_OPTIONS: process.env.NO ?? '' })
const src = bodies('b'.repeat(32), (u) => fake.issueReplyToken(u, { ttlMs: 600000 }))
const p = drive(s.url, src, { seconds: 8, connections: 32 })

console.log(await p)
await s.stop(); await fake.close()
