import type { DbKind } from '../helpers/db.js'
import { Client, PASSWORD_A, twoOrgs } from './helpers.js'

/** Two organizations; the default one's owner signed in, on the API tokens page. */
export async function tokenApp(kind: DbKind) {
  const orgs = await twoOrgs(kind)
  const owner = new Client(orgs.t)
  await owner.login('owner-a@agency.go.th', PASSWORD_A)
  await owner.get('/admin/api-tokens')
  return { ...orgs, owner }
}

export const tokenCount = async (made: Awaited<ReturnType<typeof tokenApp>>) =>
  (await made.t.deps.db.selectFrom('api_tokens').select('id').execute()).length
