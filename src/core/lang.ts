/** The two languages the bot, the console and the web pages speak: Thai first. */
export type Lang = 'th' | 'en'
