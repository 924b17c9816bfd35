import type { AppContext } from '../context.js';
import { loadSettings, updateSettings as writeSettings, type MemberSettings, type SettingsPatch } from '../db/repositories/settings.js';

/** Changes some of a member's settings (who may invite them, auto-withdraw, mail); answers them all. */
export async function updateSettings(ctx: AppContext, memberId: number, patch: SettingsPatch): Promise<MemberSettings> {
  await writeSettings(ctx.db, memberId, patch);
  return loadSettings(ctx.db, memberId);
}
