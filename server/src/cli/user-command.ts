// `heron user add|list|remove`: the local accounts of a Heron server (the demo, small sites, scripts), kept as scrypt
// hashes in <state folder>/users.json. A running server re-reads the file when it changes.
import { join } from 'node:path';
import { AccountError, addAccount, readAccounts, removeAccount, writeAccounts } from '../auth/local-accounts';
import { isRole, ROLES, type Role } from '../auth/identity';
import { hashPassword, weakPassword } from '../auth/password-hash';
import { type Command, UsageError } from './command';
import { parseArgs } from 'node:util';
import { repoRoot } from './serve-command';

const USAGE = [
  'heron user add NAME --role reader|board|admin [--role …] [--display-name "Family^Given"] [--state-dir DIR]',
  '         (the password is read from standard input: printf %s "$PASSWORD" | heron user add …)',
  '       heron user list [--state-dir DIR]',
  '       heron user remove NAME [--state-dir DIR]',
  "  DIR: the server's state folder (stateDir; HERON_STATE_DIR; the demo's .heron when neither is given)",
].join('\n');

/** The users file of the state folder the command names, the environment names, or the demo's. */
function usersFile(stateDir: string | undefined): string {
  return join(stateDir || process.env.HERON_STATE_DIR || join(repoRoot, '.heron'), 'users.json');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      'the password is read from standard input, not typed on the terminal (where it would show): read -rs P && printf %s "$P" | heron user add …',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // One trailing line end is the shell's, not the password's.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const userCommand: Command = {
  name: 'user',
  summary: 'add, list or remove the local accounts (reader, board, admin) of a Heron server',
  usage: USAGE,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: {
          role: { type: 'string', multiple: true },
          'display-name': { type: 'string' },
          'state-dir': { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const { values, positionals } = parsed;
    const [action, name, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
    const file = usersFile(values['state-dir']);
    try {
      if (action === 'list') {
        if (name) throw new UsageError('list takes no name');
        const users = readAccounts(file);
        if (users.length === 0) console.log(`No local accounts in ${file}.`);
        for (const u of users) console.log(`${u.login}\t${u.roles.join(',')}\t${u.displayName}`);
        return 0;
      }
      if (action === 'remove') {
        if (!name) throw new UsageError('remove needs the NAME of the account');
        writeAccounts(file, removeAccount(readAccounts(file), name));
        console.log(`Removed '${name}' from ${file}. A running server refuses the login from its next request.`);
        return 0;
      }
      if (action === 'add') {
        if (!name) throw new UsageError('add needs the NAME of the account');
        const roles = values.role ?? [];
        if (roles.length === 0) throw new UsageError(`add needs --role (${ROLES.join(', ')})`);
        const unknown = roles.filter((r) => !isRole(r));
        if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}: use ${ROLES.join(', ')}`);
        const users = readAccounts(file);
        // The name is checked before the password is read, so a duplicate is refused without typing it.
        addAccount(users, { login: name, displayName: 'x', roles: ['reader'], passwordHash: 'scrypt$1$1$1$x$x' });
        const password = await readStdin();
        const weak = weakPassword(password, name);
        if (weak) {
          console.error(`heron user: ${weak} Nothing was changed.`);
          return 1;
        }
        const account = {
          login: name,
          displayName: values['display-name'] ?? name,
          roles: [...new Set(roles as Role[])],
          passwordHash: await hashPassword(password),
        };
        const next = addAccount(users, account);
        writeAccounts(file, next);
        const added = next[next.length - 1];
        console.log(`Added '${name}' (${added.roles.join(', ')}; signs as ${added.displayName}) to ${file}.`);
        return 0;
      }
    } catch (err) {
      if (err instanceof AccountError) {
        console.error(`heron user: ${err.message}`);
        return 1;
      }
      throw err;
    }
    throw new UsageError(action ? `unknown action '${action}': use add, list or remove` : 'say add, list or remove');
  },
};
