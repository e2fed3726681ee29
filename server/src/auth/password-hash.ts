import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt at one of the equivalent costs the OWASP Password Storage Cheat Sheet lists (N=2^15, r=8, p=3): the same work
// as its N=2^17, p=1, in 32 MiB instead of 128 MiB, so that the few checks libuv runs at once cannot exhaust a small
// server's memory. Measured here: 0.4-0.6 s per check on the shared 2-core test machine. The parameters are stored
// with each hash, so changing them later leaves existing hashes verifiable.
const N = 2 ** 15;
const R = 8;
const P = 3;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes or Node refuses the cost.
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (salt and hash in base64url): what the users file stores instead of a password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export function isPasswordHash(value: string): boolean {
  return HASH.test(value);
}

/** Whether `password` is the one `stored` was made from; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH.exec(stored);
  if (!m) return false;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const expected = Buffer.from(m[5], 'base64url');
  const key = await derive(password, Buffer.from(m[4], 'base64url'), n, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Why a password is too weak for a Heron account, or null when it will do. The rules follow NIST SP 800-63B 5.1.1:
 * length rather than composition, and no password that is the account's own name or a run of one few characters.
 */
export function weakPassword(password: string, login: string): string | null {
  if (password.length === 0) return 'The password is empty.';
  if (password.length < 12) return `The password has ${password.length} characters; use at least 12.`;
  if (password.length > 1024) return 'The password is longer than 1024 characters.';
  if (password.toLowerCase().includes(login.toLowerCase()))
    return 'The password contains the account name; choose one that does not.';
  if (new Set(password).size < 5) return 'The password repeats too few characters (fewer than 5 different ones).';
  if (/^(?:0123456789|1234567890|abcdefghijkl|qwertyuiop|password)/i.test(password))
    return 'The password starts with a well-known sequence; choose a less guessable one.';
  return null;
}
