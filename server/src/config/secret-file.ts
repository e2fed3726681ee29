import { readFileSync } from 'node:fs';

/** A secret's file, one line; a missing, unreadable or empty file becomes a problem saying how to fix it. */
export function readSecretFile(file: string, what: string, problems: string[], read: string[]): string | undefined {
  read.push(file);
  try {
    const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    if (value === '') problems.push(`${what}: the file ${file} is empty — write the password in it.`);
    return value || undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(
      code === 'ENOENT'
        ? `${what}: the file ${file} does not exist — create it, or correct the path.`
        : `${what}: cannot read ${file} (${code ?? String(err)}) — let the Heron service user read it.`,
    );
    return undefined;
  }
}
