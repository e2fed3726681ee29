import { pyradiomicsCase } from '../testing/reference';
import { parseNrrd } from './nrrd';
import { parseVolume } from './parse-volume';

const encoder = new TextEncoder();

function nrrd(header: string[], payload: Uint8Array): Uint8Array {
  const head = encoder.encode(`NRRD0004\n${header.join('\n')}\n\n`);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const LPS_HEADER = [
  'type: short',
  'dimension: 3',
  'space: left-posterior-superior',
  'sizes: 2 2 1',
  'space directions: (0.5,0,0) (0,-0.5,0) (0,0,3)',
  'space origin: (10,20,30)',
  'endian: little',
];
const SAMPLES = Int16Array.from([1, -2, 300, -32768]);

test('raw little-endian shorts with LPS geometry', async () => {
  const volume = await parseNrrd(nrrd([...LPS_HEADER, 'encoding: raw'], new Uint8Array(SAMPLES.buffer)));
  expect(volume.data).toEqual(SAMPLES);
  expect(volume.size).toEqual([2, 2, 1]);
  expect(volume.spacing).toEqual([0.5, 0.5, 3]);
  expect(volume.origin).toEqual([10, 20, 30]);
  expect(volume.direction).toEqual([1, 0, 0, -0, -1, 0, 0, -0, 1].map((v) => v + 0));
});

test('gzip encoding, big-endian samples and a RAS space converted to LPS', async () => {
  const bigEndian = new Uint8Array(SAMPLES.length * 2);
  SAMPLES.forEach((v, i) => new DataView(bigEndian.buffer).setInt16(2 * i, v, false));
  const header = LPS_HEADER.map((line) =>
    line.startsWith('space:') ? 'space: right-anterior-superior' : line.startsWith('endian') ? 'endian: big' : line,
  );
  const volume = await parseNrrd(nrrd([...header, 'encoding: gzip'], await gzip(bigEndian)));
  expect(volume.data).toEqual(SAMPLES);
  expect(volume.origin).toEqual([-10, -20, 30]);
  expect(volume.direction.slice(0, 5)).toEqual([-1, -0, -0, -0, 1]);
});

test.each([
  ['uchar', Uint8Array],
  ['signed char', Int8Array],
  ['ushort', Uint16Array],
  ['int', Int32Array],
  ['uint', Uint32Array],
  ['float', Float32Array],
  ['double', Float64Array],
] as const)('type %s', async (type, Kind) => {
  const samples = Kind.from([1, 2, 3, 4]);
  const header = LPS_HEADER.map((line) => (line.startsWith('type') ? `type: ${type}` : line));
  const volume = await parseNrrd(nrrd([...header, 'encoding: raw'], new Uint8Array(samples.buffer)));
  expect(volume.data).toBeInstanceOf(Kind);
  expect([...volume.data]).toEqual([1, 2, 3, 4]);
});

test('64-bit integers become float64, ascii encoding is read', async () => {
  const header = LPS_HEADER.map((line) => (line.startsWith('type') ? 'type: int64' : line));
  const volume = await parseNrrd(nrrd([...header, 'encoding: ascii'], encoder.encode('5 6\n7 8\n')));
  expect(volume.data).toEqual(Float64Array.from([5, 6, 7, 8]));
});

test('the reference breast1 image: int16, gzip, geometry from the header', async () => {
  const [image, mask] = await pyradiomicsCase('breast1');
  expect(image.data).toBeInstanceOf(Int16Array);
  expect(image.size).toEqual([45, 120, 21]);
  expect(image.spacing).toEqual([0.664062, 0.664062, 2.1]);
  expect(image.origin).toEqual([-116.54304, -48.14465400000001, 9.4500000000000295]);
  expect(mask.data).toBeInstanceOf(Int16Array);
});

describe('bad files are errors that say what is wrong', () => {
  test('truncated raw data', async () => {
    await expect(parseNrrd(nrrd([...LPS_HEADER, 'encoding: raw'], new Uint8Array(5)))).rejects.toThrow(
      /truncated: 8 bytes needed, 5 present/,
    );
  });
  test('corrupt or truncated gzip data', async () => {
    const zipped = await gzip(new Uint8Array(SAMPLES.buffer));
    await expect(parseNrrd(nrrd([...LPS_HEADER, 'encoding: gzip'], zipped.subarray(0, 12)))).rejects.toThrow(
      /gzip data is corrupt or truncated/,
    );
  });
  test('a header without its blank line', async () => {
    await expect(parseNrrd(encoder.encode('NRRD0004\ntype: short\n'))).rejects.toThrow(/not terminated/);
  });
  test('unsupported type, dimension, encoding, detached data', async () => {
    const swap = (name: string, value: string) => LPS_HEADER.map((l) => (l.startsWith(name) ? `${name}: ${value}` : l));
    const empty = new Uint8Array(8);
    await expect(parseNrrd(nrrd([...swap('type', 'block'), 'encoding: raw'], empty))).rejects.toThrow(/type "block"/);
    await expect(parseNrrd(nrrd([...swap('dimension', '4'), 'encoding: raw'], empty))).rejects.toThrow(/dimension 4/);
    await expect(parseNrrd(nrrd([...LPS_HEADER, 'encoding: bzip2'], empty))).rejects.toThrow(/encoding "bzip2"/);
    await expect(parseNrrd(nrrd([...LPS_HEADER, 'data file: x.raw'], empty))).rejects.toThrow(/detached/);
  });
  test('not a volume file at all', async () => {
    await expect(parseVolume(encoder.encode('hello'), 'notes.txt')).rejects.toThrow(
      'notes.txt: not a NRRD or NIfTI file',
    );
    await expect(parseVolume(new Uint8Array(0), 'empty.nrrd')).rejects.toThrow('empty.nrrd: the file is empty');
  });
});
