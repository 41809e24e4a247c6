import { describe, expect, it } from 'vitest'
import { createPush } from '../../src/broadcasts/send-push.js'
import type { DeliveryRow, RunRow } from '../../src/broadcasts/tables.js'
import { silentLogger } from '../../src/core/logger.js'
import type { LinePort } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { groupId, text } from './harness.js'

// A push's pacing reads the database. Its failure is the pass's (the row is retried by the
// next), never the recipient's: it must not be written down as LINE refusing the message.

const run = {
  id: 'run-1',
  org_id: 'default',
  broadcast_id: 'b-1',
  messages: text('ข่าว'),
} as unknown as RunRow
const delivery = {
  run_id: 'run-1',
  recipient: groupId(1),
  recipient_type: 'group',
  retry_key: '00000000-0000-4000-8000-000000000001',
} as unknown as DeliveryRow

describe('a push whose pacing fails', () => {
  it('throws the database error after LINE refused the aggregation unit, instead of a refusal', async () => {
    const line: LinePort = new MemoryLine()
    let pushes = 0
    line.push = async () => {
      pushes++
      return { kind: 'rejected', status: 400, detail: 'The property, customAggregationUnits, is invalid' }
    }
    let paced = 0
    const pace = async () => {
      if (++paced === 2) throw new Error('pace reservation: connection lost')
    }
    await expect(createPush(pace, silentLogger)(line, delivery, run)).rejects.toThrow('connection lost')
    expect(pushes).toBe(1)
  })

  it('still answers a limit check that throws in the adapter as a refusal of that message', async () => {
    const line: LinePort = new MemoryLine()
    line.push = async () => {
      throw new Error('messages[0].text: over 5000 characters')
    }
    const r = await createPush(async () => {}, silentLogger)(line, delivery, run)
    expect(r).toEqual({ kind: 'rejected', status: 400, detail: 'messages[0].text: over 5000 characters' })
  })
})
