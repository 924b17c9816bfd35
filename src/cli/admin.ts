import type { Command } from 'commander';
import type { Config } from '../config.js';
import { systemClock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { databaseOptionsFor, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { findMemberByEmail, findMemberById } from '../db/repositories/members.js';
import type { MemberRow } from '../db/schema.js';
import { inmailCreditsFor } from '../domain/messaging.js';
import { monthlyLimitFor } from '../domain/quota.js';
import { setMemberTier } from '../use-cases/set-member-tier.js';
import { closeAccount } from '../use-cases/close-account.js';
import { createContext } from '../service.js';
import { grantAllotment, liftRestrictionAsAdmin } from '../use-cases/standing.js';
import type { AppContext } from '../context.js';

async function withContext(config: Config, work: (ctx: AppContext) => Promise<string>): Promise<void> {
  const database = await openDatabase(databaseOptionsFor(config));
  try {
    await migrateToLatest(database.db);
    const ctx = await createContext(config, database, systemClock);
    process.stdout.write(`${await work(ctx)}\n`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`rapport: ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** A member by email address or by id (digits only), as an operator types it. */
async function memberByEmailOrId(ctx: AppContext, emailOrId: string): Promise<MemberRow> {
  const member = /^[1-9][0-9]{0,14}$/.test(emailOrId) ? await findMemberById(ctx.db, Number(emailOrId)) : await findMemberByEmail(ctx.db, emailOrId);
  if (!member) throw new DomainError('not_found', `No member with the ${emailOrId.includes('@') ? 'email' : 'id'} ${emailOrId}.`);
  return member;
}

async function memberId(ctx: AppContext, email: string): Promise<number> {
  const member = await findMemberByEmail(ctx.db, email);
  if (!member) throw new DomainError('not_found', `No member with the email ${email}.`);
  return member.id;
}

/** `rapport admin …`: operator actions from the shell, for when nobody can sign in as admin yet. */
export function registerAdminCommands(program: Command, config: () => Config): void {
  const admin = program.command('admin').description('operator actions on members');
  admin
    .command('promote <email>')
    .description('give a member the admin role')
    .action((email: string) =>
      withContext(config(), async (ctx) => {
        await ctx.db.updateTable('members').set({ role: 'admin' }).where('id', '=', await memberId(ctx, email)).execute();
        return `${email} is now an admin`;
      }),
    );
  admin
    .command('lift <email>')
    .description("lift a member's restriction")
    .action((email: string) =>
      withContext(config(), async (ctx) => {
        const id = await memberId(ctx, email);
        await liftRestrictionAsAdmin(ctx, id, id);
        return `lifted the restriction of ${email}`;
      }),
    );
  admin
    .command('grant <email> <count>')
    .description("add invitations to a member's lifetime allotment")
    .action((email: string, count: string) =>
      withContext(config(), async (ctx) => {
        const id = await memberId(ctx, email);
        const n = Number(count);
        if (!Number.isInteger(n) || n < 1) throw new DomainError('validation_failed', 'count must be a positive whole number.');
        const result = await grantAllotment(ctx, id, id, n);
        return `granted ${result.granted} invitations to ${email} (${result.remainingThisMonth} more may be granted this month)`;
      }),
    );
  admin
    .command('tier <email-or-id> <tier>')
    .description("set a member's tier: free or premium (premium raises the monthly invitation limit and gives InMail credits)")
    .addHelpText(
      'after',
      `
There is no payment provider: operators grant premium. The member is told in the app.

Examples:
  $ rapport admin tier ada@example.com premium
  $ rapport admin tier 42 free`,
    )
    .action((emailOrId: string, tier: string) =>
      withContext(config(), async (ctx) => {
        if (tier !== 'free' && tier !== 'premium') throw new DomainError('validation_failed', `The tier must be free or premium, not ${tier}.`);
        const member = await memberByEmailOrId(ctx, emailOrId);
        const change = await setMemberTier(ctx, null, member.id, tier);
        const limits = `${monthlyLimitFor(tier, ctx.policy)} invitations a month, ${inmailCreditsFor(tier, ctx.policy)} InMail credits a month`;
        return change.changed ? `${member.email} is now ${tier} (was ${change.previousTier}): ${limits}` : `${member.email} is already ${tier}: ${limits}`;
      }),
    );
  admin
    .command('close <email-or-id>')
    .description('close a member\'s account for them (they asked by other means): hidden at once, erased after closeGraceDays')
    .addHelpText(
      'after',
      `
The same closure as the member's own: open invitations withdrawn or declined silently, connections,
follows, blocks, contacts and sessions removed, a mail telling them how to reopen. Signing in before
the erase date reopens the account. See docs/operations.md for what is kept.

Examples:
  $ rapport admin close ada@example.com
  $ rapport admin close 42`,
    )
    .action((emailOrId: string) =>
      withContext(config(), async (ctx) => {
        const member = await memberByEmailOrId(ctx, emailOrId);
        const closed = await closeAccount(ctx, member.id, 'admin');
        return `${member.email} is closed; it is erased after ${closed.eraseAfter.toISOString()} unless they sign in before then`;
      }),
    );
}
