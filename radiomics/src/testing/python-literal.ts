// Parses the Python literals PyRadiomics writes into its baseline tables (dicts, lists, tuples, strings, numbers,
// None/True/False) into plain JavaScript values.

export function parsePythonLiteral(text: string): unknown {
  let pos = 0;
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const expect = (ch: string): void => {
    skip();
    if (text[pos] !== ch) throw new Error(`python literal: expected "${ch}" at ${pos} in ${text}`);
    pos++;
  };
  const value = (): unknown => {
    skip();
    const ch = text[pos];
    if (ch === '{') return sequence('{', '}', true);
    if (ch === '[') return sequence('[', ']', false);
    if (ch === '(') return sequence('(', ')', false);
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, pos + 1);
      const s = text.slice(pos + 1, end);
      pos = end + 1;
      return s;
    }
    const match = /^(None|True|False|[-+0-9.eEinfa]+)/.exec(text.slice(pos));
    if (!match) throw new Error(`python literal: unexpected "${ch}" at ${pos} in ${text}`);
    pos += match[0].length;
    if (match[0] === 'None') return null;
    if (match[0] === 'True') return true;
    if (match[0] === 'False') return false;
    return Number(match[0]);
  };
  const sequence = (open: string, close: string, isDict: boolean): unknown => {
    expect(open);
    const items: unknown[] = [];
    const dict: Record<string, unknown> = {};
    skip();
    while (text[pos] !== close) {
      const key = value();
      if (isDict) {
        expect(':');
        dict[String(key)] = value();
      } else {
        items.push(key);
      }
      skip();
      if (text[pos] === ',') pos++;
      skip();
    }
    pos++;
    return isDict ? dict : items;
  };
  const result = value();
  return result;
}
