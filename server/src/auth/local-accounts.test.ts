import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountBook } from './account-book';
import { AccountError, addAccount, readAccounts, removeAccount, writeAccounts } from './local-accounts';
import { hashPassword, verifyPassword, weakPassword } from './password-hash';

describe('local accounts', () => {
  it('stores a salted scrypt hash that verifies the password and nothing else', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not a hash')).toBe(false);
  });

  it('refuses empty, short and guessable passwords with the reason', () => {
    expect(weakPassword('', 'ann')).toMatch(/empty/);
    expect(weakPassword('short', 'ann')).toMatch(/at least 12/);
    expect(weakPassword('ann-is-my-password', 'ann')).toMatch(/account name/);
    expect(weakPassword('aaaaaaaaaaaaaaaa', 'ann')).toMatch(/too few/);
    expect(weakPassword('123456789012345', 'ann')).toMatch(/well-known/);
    expect(weakPassword('violet tram 42 lantern', 'ann')).toBeNull();
  });

  it('refuses duplicate and malformed names, writes the file 0600 and reads it back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'heron-users-')), 'users.json');
    const hash = await hashPassword('violet tram 42 lantern');
    let users = addAccount([], { login: 'ann', displayName: 'Doe^Ann', roles: ['reader'], passwordHash: hash });
    expect(() => addAccount(users, { ...users[0], login: 'ANN' })).toThrow(/already an account 'ANN'/);
    expect(() => addAccount(users, { ...users[0], login: 'a b' })).toThrow(AccountError);
    users = addAccount(users, { login: 'bob', displayName: 'bob', roles: ['board'], passwordHash: hash });
    writeAccounts(file, users);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readAccounts(file).map((u) => u.login)).toEqual(['ann', 'bob']);
    expect(() => removeAccount(users, 'carl')).toThrow(/no account 'carl'/);

    const book = new AccountBook(file, { legacy: 'legacy-password-1' });
    expect(await book.check('ann', 'violet tram 42 lantern')).toEqual({
      login: 'ann',
      displayName: 'Doe^Ann',
      roles: ['reader'],
      source: 'local',
    });
    expect(await book.check('ann', 'wrong')).toBeNull();
    expect(await book.check('legacy', 'legacy-password-1')).toMatchObject({ roles: ['reader'] });
    // A removed account is refused at once: the book re-reads the changed file.
    writeAccounts(file, removeAccount(users, 'ann'));
    expect(await book.check('ann', 'violet tram 42 lantern')).toBeNull();
  });
});
