// The container's health check (Dockerfile HEALTHCHECK, compose.yaml): exit 0 when the bot's
// /healthz answers 200 within 4 s, else 1. Node's fetch, since the slim image has no curl.
// /healthz is 503 only when the database is unreachable (README "How it works").
const port = process.env.PORT || '3000'
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) })
  process.exit(res.status === 200 ? 0 : 1)
} catch {
  process.exit(1)
}
