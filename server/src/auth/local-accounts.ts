import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isPasswordHash } from './password-hash';
import { personName, ROLES } from './identity';

/** A login Basic can carry and a log can show: no ':' (Basic's separator), no space or control character. */
export const LOGIN = /^[A-Za-z0-9._@-]{1,64}$/;

const Account = z.strictObject({
  login: z.string().regex(LOGIN, 'a login is 1-64 letters, digits or . _ @ -'),
  displayName: z.string().min(1).max(320),
  roles: z.array(z.enum(ROLES)).min(1),
  passwordHash: z.string().refine(isPasswordHash, 'is not a Heron password hash (scrypt$…)'),
});
export type LocalAccount = z.infer<typeof Account>;

const UsersFile = z.strictObject({ version: z.literal(1), users: z.array(Account) });

/** A problem with the users file or a change to it, worded for the administrator. */
export class AccountError extends Error {}

/**
 * The local accounts (`heron user add|list|remove`): a JSON file in the state folder holding each person's login,
 * DICOM name, roles and scrypt password hash, never a password. Readable by Heron's user only (0600).
 */
export function readAccounts(file: string): LocalAccount[] {
  if (!existsSync(file)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AccountError(`${file} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  const r = UsersFile.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AccountError(`${file} is not a Heron users file: ${issue?.path.join('.')} ${issue?.message}.`);
  }
  return r.data.users;
}

/** Writes the accounts through a temporary file and a rename, so a crash never leaves half a users file. */
export function writeAccounts(file: string, users: readonly LocalAccount[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, users }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function addAccount(users: readonly LocalAccount[], account: LocalAccount): LocalAccount[] {
  if (!LOGIN.test(account.login))
    throw new AccountError(`'${account.login}' cannot be a login: use 1-64 letters, digits or . _ @ - (no spaces).`);
  if (users.some((u) => u.login.toLowerCase() === account.login.toLowerCase()))
    throw new AccountError(`There is already an account '${account.login}'; remove it first to replace it.`);
  return [...users, { ...account, displayName: personName(account.displayName) }];
}

export function removeAccount(users: readonly LocalAccount[], login: string): LocalAccount[] {
  const kept = users.filter((u) => u.login !== login);
  if (kept.length === users.length) throw new AccountError(`There is no account '${login}'.`);
  return kept;
}
