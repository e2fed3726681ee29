// Names in every character set DICOM defines, read from pydicom's character set test files (real files written by
// several vendors' software, shipped by Debian's python3-pydicom), against the names pydicom's own tests expect.
import { readFile } from 'node:fs/promises';
import { characterSets, decodeText } from './character-sets';
import { arrayBufferOf } from './dcmjs';
import { readPart10 } from './read-part10';

const CHARSETS = '/usr/lib/python3/dist-packages/pydicom/data/charset_files/';

const patientName = async (file: string): Promise<string> => {
  const ds = readPart10(arrayBufferOf(await readFile(CHARSETS + file)), file).dict;
  const pn = (ds['00100010'].Value as Record<string, string>[])[0];
  return [pn.Alphabetic, pn.Ideographic, pn.Phonetic].filter((c) => c !== undefined).join('=');
};

describe('character sets', () => {
  it.each([
    ['chrArab.dcm', 'قباني^لنزار'],
    ['chrFren.dcm', 'Buc^Jérôme'],
    ['chrFrenMulti.dcm', 'Buc^Jérôme'],
    ['chrGerm.dcm', 'Äneas^Rüdiger'],
    ['chrGreek.dcm', 'Διονυσιος'],
    ['chrHbrw.dcm', 'שרון^דבורה'],
    ['chrRuss.dcm', 'Люкceмбypг'],
    ['chrH31.dcm', 'Yamada^Tarou=山田^太郎=やまだ^たろう'],
    ['chrH32.dcm', 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう'],
    ['chrJapMulti.dcm', 'やまだ^たろう'],
    ['chrJapMultiExplicitIR6.dcm', 'やまだ^たろう'],
    ['chrI2.dcm', 'Hong^Gildong=洪^吉洞=홍^길동'],
    ['chrKoreanMulti.dcm', '김희중'],
    ['chrX1.dcm', 'Wang^XiaoDong=王^小東'],
    ['chrX2.dcm', 'Wang^XiaoDong=王^小东'],
  ])('%s: the patient is %s', async (file, name) => {
    expect(await patientName(file)).toBe(name);
  });

  it('returns to the first character set at a delimiter, and drops escapes DICOM does not define', () => {
    const labels = characterSets(['', 'ISO 2022 IR 149']);
    // ESC $ ) C, then KS X 1001 bytes, then '^' (back to ASCII), then plain ASCII.
    const bytes = Uint8Array.from([0x1b, 0x24, 0x29, 0x43, 0xb1, 0xe8, 0x5e, 0x41, 0x1b, 0x7a, 0x42]);
    expect(decodeText(bytes, labels)).toBe('김^AB');
  });

  it('refuses a character set DICOM does not define, naming it', () => {
    expect(() => characterSets(['ISO_IR 999'])).toThrow(/value 1 'ISO_IR 999' is not a character set DICOM defines/);
  });

  it('says so when a sequence item declares its own ISO 2022 sets, instead of a parser message', async () => {
    await expect(patientName('chrSQEncoding.dcm')).rejects.toThrow(
      /^chrSQEncoding\.dcm cannot be read: an item of one of its sequences declares character sets of its own/,
    );
  });
});
