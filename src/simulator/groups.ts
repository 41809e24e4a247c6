import type { Delivery } from './delivery.js'
import { SimulatorError } from './errors.js'
import { newGroupId } from './ids.js'
import type { ChatSummary, SimGroup, SimUser, TranscriptEntry } from './model.js'
import type { SimState } from './state.js'
import { events } from './webhook-events.js'

export interface GroupActions {
  /** A new group of people; the bot is not in it until `addBot` (or `withBot`). */
  createGroup(name: string, memberNames: string[], opts?: { withBot?: boolean }): Promise<ChatSummary>
  addMember(groupId: string, name: string): Promise<ChatSummary>
  /** `member` is a user id or a display name. */
  removeMember(groupId: string, member: string): Promise<ChatSummary>
  /** Invites the bot: LINE sends `join`. */
  addBot(groupId: string): Promise<ChatSummary>
  /** Removes the bot: LINE sends `leave`, and nothing said afterwards reaches it. */
  removeBot(groupId: string): Promise<ChatSummary>
}

interface GroupDeps {
  state: SimState
  delivery: Delivery
  person(name: string): Promise<SimUser>
  summary(id: string): ChatSummary
  note(chatId: string, text: string): TranscriptEntry
}

export function createGroupActions({ state, delivery, person, summary, note }: GroupDeps): GroupActions {
  const now = () => state.clock.now()
  const group = (id: string): SimGroup => {
    const g = state.groups.get(id)
    if (!g) throw new SimulatorError('unknown group / ไม่พบกลุ่มนี้')
    return g
  }

  const actions: GroupActions = {
    async createGroup(name, memberNames, opts = {}) {
      const clean = name.trim()
      if (clean.length === 0 || clean.length > 50)
        throw new SimulatorError('group name must be 1–50 characters / ชื่อกลุ่ม 1–50 ตัวอักษร')
      if (memberNames.length === 0)
        throw new SimulatorError('a group needs at least one member / กลุ่มต้องมีสมาชิกอย่างน้อยหนึ่งคน')
      const members = await Promise.all(memberNames.map(person))
      const g: SimGroup = {
        groupId: newGroupId(),
        name: clean,
        memberIds: [...new Set(members.map((m) => m.userId))],
        botIn: false,
      }
      state.groups.set(g.groupId, g)
      note(g.groupId, `สร้างกลุ่ม "${g.name}" / group created: ${members.map((m) => m.name).join(', ')}`)
      return opts.withBot ? actions.addBot(g.groupId) : summary(g.groupId)
    },

    async addMember(groupId, name) {
      const g = group(groupId)
      const user = await person(name)
      if (g.memberIds.includes(user.userId)) throw new SimulatorError('already a member / เป็นสมาชิกอยู่แล้ว')
      g.memberIds.push(user.userId)
      note(groupId, `${user.name} เข้าร่วมกลุ่ม / joined the group`)
      if (g.botIn) {
        const token = state.issueReplyToken(groupId)
        await delivery.deliver(groupId, [events.memberJoined(groupId, [user.userId], now(), token)])
      }
      return summary(groupId)
    },

    async removeMember(groupId, member) {
      const g = group(groupId)
      const userId = g.memberIds.find((id) => id === member || state.users.get(id)?.name === member.trim())
      if (userId === undefined) throw new SimulatorError('not a member of this group / ไม่ได้เป็นสมาชิกกลุ่มนี้')
      g.memberIds = g.memberIds.filter((id) => id !== userId)
      note(groupId, `${state.users.get(userId)?.name ?? ''} ออกจากกลุ่ม / left the group`)
      if (g.botIn) await delivery.deliver(groupId, [events.memberLeft(groupId, [userId], now())])
      return summary(groupId)
    },

    async addBot(groupId) {
      const g = group(groupId)
      if (g.botIn) throw new SimulatorError('the bot is already in this group / บอตอยู่ในกลุ่มแล้ว')
      g.botIn = true
      note(groupId, `เชิญ ${state.botName} เข้ากลุ่ม / the bot joined the group`)
      await delivery.deliver(groupId, [events.join(groupId, now(), state.issueReplyToken(groupId))])
      return summary(groupId)
    },

    async removeBot(groupId) {
      const g = group(groupId)
      if (!g.botIn) throw new SimulatorError('the bot is not in this group / บอตไม่ได้อยู่ในกลุ่ม')
      g.botIn = false
      note(groupId, `นำ ${state.botName} ออกจากกลุ่ม / the bot was removed from the group`)
      await delivery.deliver(groupId, [events.leave(groupId, now())])
      return summary(groupId)
    },
  }
  return actions
}
