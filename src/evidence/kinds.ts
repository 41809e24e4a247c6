// Which engagement kinds the report counts as what. One list, so the report, the overview and
// the rollup queries agree on what "delivered", "acknowledged" and "viewed" mean.

/** A broadcast message LINE accepted for one chat (a group, a person, or all followers). */
export const DELIVERED = 'message.sent'
export const FAILED = 'message.failed'
/** Acknowledgments: "รับทราบและร่วมปฏิบัติ" under a No Gift reminder (once per person and broadcast). */
export const ACK_KINDS: readonly string[] = ['pledge']
/** Someone opened what the measure offers: a guide, the budget card, the declaration, a FAQ answer. */
export const VIEW_KINDS: readonly string[] = [
  'guide.viewed',
  'budget.viewed',
  'declaration.viewed',
  'faq.answered',
]
/** A quiz answered to the end; data carries score and total. */
export const QUIZ_DONE = 'quiz.completed'
export const QUESTION = 'question.asked'
export const GIFT = 'gift.reported'
export const PLEDGE = 'pledge'

/** Kinds whose distinct people the report shows. */
export const PEOPLE_KINDS: readonly string[] = [...ACK_KINDS, QUIZ_DONE, ...VIEW_KINDS]
/** Kinds counted month by month. */
export const MONTH_KINDS: readonly string[] = [DELIVERED, ...ACK_KINDS]
/** Kinds the years overview adds up. */
export const OVERVIEW_KINDS: readonly string[] = [DELIVERED, ...ACK_KINDS]
