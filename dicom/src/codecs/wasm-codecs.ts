/**
 * The WebAssembly decoders of JPEG-LS (CharLS), JPEG 2000 (OpenJPEG) and 8-bit JPEG (libjpeg-turbo), as the
 * Cornerstone project builds them for Node and browsers. Each module is instantiated once, on first use; a decoder
 * object lives in WebAssembly memory, so it is deleted after each frame.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  delete(): void;
}

type DecoderModule = Record<string, new () => WasmDecoder>;

/** Which package holds each decoder and the class its module exports. */
const CODECS = {
  'jpeg-ls': { module: '@cornerstonejs/codec-charls/decodewasmjs', decoder: 'JpegLSDecoder', name: 'CharLS' },
  'jpeg-2000': { module: '@cornerstonejs/codec-openjpeg/decodewasmjs', decoder: 'J2KDecoder', name: 'OpenJPEG' },
  'jpeg-baseline': {
    module: '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
    decoder: 'JPEGDecoder',
    name: 'libjpeg-turbo',
  },
} as const;

export type WasmCodec = keyof typeof CODECS;

const loaded = new Map<WasmCodec, Promise<DecoderModule>>();

/**
 * What the codec printed while decoding the current frame. OpenJPEG reports progress on stdout and its reasons for
 * failing on stderr; both are kept out of the console and the reasons go into the error message instead.
 */
let printed: string[] = [];
const keep = (line: string): void => {
  if (!line.startsWith('[INFO]')) printed.push(line.replace(/^\[ERROR\]\s*/, '').trim());
};

function load(codec: WasmCodec): Promise<DecoderModule> {
  let module = loaded.get(codec);
  if (!module) {
    const factory = require(CODECS[codec].module) as (o: object) => Promise<DecoderModule>;
    module = factory({ print: keep, printErr: keep });
    loaded.set(codec, module);
  }
  return module;
}

/** Decodes one compressed frame; the pixels come back as the codec writes them (little endian, interleaved). */
export async function decodeWithWasm(
  codec: WasmCodec,
  frame: Uint8Array,
  name: string,
): Promise<{ pixels: Uint8Array; info: FrameInfo }> {
  const module = await load(codec);
  const decoder = new module[CODECS[codec].decoder]();
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    // Decoding is synchronous, so no other frame's messages mix in between here and the check below.
    printed = [];
    let failure: unknown;
    try {
      decoder.decode();
    } catch (err) {
      failure = err;
    }
    const info = decoder.getFrameInfo();
    if (failure !== undefined || printed.length > 0 || info.width === 0) {
      // Emscripten throws bare numbers (a pointer to the C++ exception), which mean nothing to a reader.
      const why = [failure instanceof Error ? failure.message : '', ...printed].filter(Boolean).join('; ');
      throw new Error(
        `${name}: ${CODECS[codec].name} could not decode the frame, so the pixel data is damaged or not what its ` +
          `transfer syntax says${why ? ` (${why})` : ''}`,
      );
    }
    // The decoded buffer is a view into WebAssembly memory, reused by the next decode: copy it out.
    return { pixels: decoder.getDecodedBuffer().slice(), info };
  } finally {
    decoder.delete();
  }
}
