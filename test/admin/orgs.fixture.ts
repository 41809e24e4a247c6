import type { TestApp } from '../helpers/app.js'
import { Client, PASSWORD_A } from './helpers.js'

export const SOUTH = {
  slug: 'south',
  nameTh: 'สำนักงานภาคใต้',
  nameEn: 'Southern Office',
  channelSecret: '0123456789abcdef0123456789abcdef',
  accessToken: 'south-access-token/AbC+123=',
  ownerEmail: '',
}

/** The owner of the default organization, signed in, on the organizations page. */
export async function hostClient(t: TestApp) {
  const host = new Client(t)
  await host.login('owner-a@agency.go.th', PASSWORD_A)
  await host.get('/admin/orgs')
  return host
}
