// Placeholder flows until the flows/ loader lands.
import type { Flows } from './types.js'

export function placeholderFlows(): Flows {
  const text = (t: string) => [{ type: 'text' as const, text: t }]
  const messages: Record<string, string> = {
    help: 'เมนู / Menu',
    fallback: 'ขออภัย ไม่เข้าใจข้อความ พิมพ์ "เมนู" เพื่อดูสิ่งที่ทำได้ / Type "menu".',
    'greeting.follow': 'สวัสดีครับ / Hello',
    'greeting.join': 'สวัสดีทุกท่าน / Hello everyone',
    'greeting.memberJoined': 'ยินดีต้อนรับ / Welcome',
    'group.pointer': 'กรุณาทักแชต 1:1 / Please use 1:1 chat',
  }
  return {
    intents: [{ id: 'help', keywords: { th: ['เมนู', 'ช่วยเหลือ'], en: ['help', 'menu'] } }],
    has: (k) => k in messages,
    render: (k) => text(messages[k] ?? k),
    richMenu: { name: 'main', chatBarText: 'เมนู', size: { width: 2500, height: 843 }, areas: [] },
  }
}
