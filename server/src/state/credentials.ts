import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const Credentials = z.object({
  reader: z.object({ user: z.string().min(1), password: z.string().min(12) }),
  orthanc: z.object({ user: z.string().min(1), password: z.string().min(12) }),
});
export type Credentials = z.infer<typeof Credentials>;

function secret(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The demo's logins, generated on first start and kept (owner-readable only) in the state folder so
 * that a restart keeps working with the same Orthanc store and the same browser login.
 */
export function loadOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) {
    const parsed = Credentials.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `${file} is not a valid Heron credentials file (${parsed.error.issues[0]?.message}); delete it to generate new logins.`,
      );
    }
    return parsed.data;
  }
  const creds: Credentials = {
    reader: { user: 'reader', password: secret() },
    orthanc: { user: 'heron-svc', password: secret() },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return creds;
}
