/** Refusals that close connecting for good, leaving Follow as the only way to keep up with a member. */
const FOLLOW_ONLY = new Set(['companies_cannot_connect', 'connection_limit_reached']);

/**
 * The button a profile shows first: none on your own profile or a connection's; Follow when the
 * member asked for it or connecting is closed for good (a company, a member at the connection
 * limit); Connect otherwise.
 */
export function primaryActionFor(state: { self: boolean; connected: boolean; followPrimary: boolean; refusal: string | undefined }): 'connect' | 'follow' | null {
  if (state.self || state.connected) return null;
  if (state.followPrimary || (state.refusal !== undefined && FOLLOW_ONLY.has(state.refusal))) return 'follow';
  return 'connect';
}
