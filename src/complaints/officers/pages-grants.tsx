import type { Grant } from '../../admin/officer-grants.js'
import type { View } from '../../console/layout.js'
import { defineMessages } from '../../core/messages.js'

// The banner on the officers' pages: every grant of the complaint-officer role in the last 30
// days, who granted it and when, so an account made to get round the two-officer rules is seen.

const grantWords = defineMessages({
  title: [
    'แจ้งเตือน: การให้สิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียนในช่วง 30 วันที่ผ่านมา',
    'Notice: complaint-officer role granted in the last 30 days',
  ],
  by: ['ให้สิทธิ์โดย', 'granted by'],
  at: ['เมื่อ', 'on'],
  cli: ['คำสั่ง admin:create (CLI)', 'the admin:create command (CLI)'],
  note: [
    'เจ้าหน้าที่ใหม่จะอนุมัติการเปิดเผยตัวตนผู้ร้องเรียน และเปิดเรื่องที่มีการกันเจ้าหน้าที่ออก ได้เมื่อครบกำหนดวันเท่านั้น หากไม่ทราบการให้สิทธิ์นี้ โปรดตรวจสอบ และพิจารณากันบัญชีนั้นออกจากเรื่องที่เกี่ยวข้อง',
    'A new officer can approve an identity reveal, or open a case an officer was excluded from, only after the waiting period. If you did not know of a grant, check it and consider excluding that account from the cases concerned.',
  ],
})

export function GrantsBanner(props: { v: View; grants: readonly Grant[] }) {
  const { v, grants } = props
  if (grants.length === 0) return null
  const t = grantWords(v.lang)
  return (
    <section id="officer-grants" class="msg error" role="status">
      <strong>{t('title')}</strong>
      <ul>
        {grants.map((g) => (
          <li class="officer-grant">
            {g.email} — {t('by')} {g.grantedBy === 'cli' ? t('cli') : g.grantedBy} {t('at')}{' '}
            {v.date(g.grantedAt)}
          </li>
        ))}
      </ul>
      <small>{t('note')}</small>
    </section>
  )
}
