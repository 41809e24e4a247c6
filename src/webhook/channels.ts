import type { Signer } from './signature.js'

export interface Channel {
  orgId: string
  signer: Signer
}

/** Finds the LINE channel a webhook path belongs to (`/webhook` is the default organization). */
export type ChannelResolver = (orgSlug: string) => Promise<Channel | null>

export const DEFAULT_ORG = 'default'

/** One channel from the environment: a single-agency install needs nothing more. */
export function singleChannel(signer: Signer): ChannelResolver {
  return async (slug) => (slug === DEFAULT_ORG ? { orgId: DEFAULT_ORG, signer } : null)
}
