// Node preload for the clock-skew drill: `node --import ./scripts/drills/skew-clock.mjs …` puts
// this process's wall clock DRILL_CLOCK_SKEW_MS ahead (Date, Date.now, performance.timeOrigin);
// other processes, the database and the fake LINE keep the real time.
const skew = Number(process.env.DRILL_CLOCK_SKEW_MS ?? 0)
const RealDate = Date
const now = () => RealDate.now() + skew
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) =>
    Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
  apply: () => new RealDate(now()).toString(),
  get: (target, prop, receiver) => (prop === 'now' ? now : Reflect.get(target, prop, receiver)),
})
Object.defineProperty(performance, 'timeOrigin', { value: performance.timeOrigin + skew, configurable: true })
