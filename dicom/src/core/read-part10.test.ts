// Every file of pydicom's test_files folder (Debian's python3-pydicom) is either read or refused with one sentence
// that names the file and says why in words, never a parser's internals ("Offset is outside the bounds of the
// DataView"); truncated copies of a real MR file likewise.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { arrayBufferOf } from './dcmjs';
import { readPart10 } from './read-part10';

const TEST_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files/';
const REAL_MR = fileURLToPath(
  new URL('../../../../shared/reference/real-dicom/ibsi-sts-mr/STS_001/image/000010.dcm', import.meta.url),
);

describe('reading a Part 10 file', () => {
  it("reads or refuses in one sentence every file of pydicom's test files", async () => {
    const files = (await readdir(TEST_FILES, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    expect(files.length).toBeGreaterThan(50);
    const outcomes: Record<string, string> = {};
    for (const f of files) {
      const bytes = await readFile(TEST_FILES + f);
      if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') continue;
      try {
        readPart10(arrayBufferOf(bytes), f);
        outcomes[f] = 'read';
      } catch (err) {
        outcomes[f] = (err as Error).message;
      }
    }
    const refused = Object.entries(outcomes).filter(([, o]) => o !== 'read');
    for (const [f, message] of refused) {
      expect(message.startsWith(`${f} cannot be read: `)).toBe(true);
      expect(message).not.toMatch(/DataView|undefined|TypeError|\n/);
    }
    expect(Object.values(outcomes).filter((o) => o === 'read').length).toBeGreaterThan(refused.length);
  });

  // dcmjs reads what is there of a data set cut short without a word; a cut in the file meta information, and pixel
  // data shorter than the frames need (../codecs), are what can be told.
  it('says a file cut within its file meta information is truncated', async () => {
    const whole = await readFile(REAL_MR);
    for (const at of [150, 200]) {
      const cut = arrayBufferOf(whole.subarray(0, at));
      expect(() => readPart10(cut, 'cut.dcm')).toThrow(
        /^cut\.dcm cannot be read: the file ends in the middle of a data element: it is truncated or damaged$/,
      );
    }
  });
});
