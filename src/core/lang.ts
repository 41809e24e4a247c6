/** The two languages the bot, the console and the web pages speak: Thai first. */
export type Lang = 'th' | 'en'

/** A text written once in each language: [Thai, English]. */
export type Bilingual<T = string> = readonly [th: T, en: T]

/** The one of a [Thai, English] pair that `lang` reads. */
export const inLang = <T>(text: Bilingual<T>, lang: Lang): T => text[lang === 'th' ? 0 : 1]
