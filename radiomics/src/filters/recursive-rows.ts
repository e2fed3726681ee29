// The WebAssembly form of the recursive Gaussian passes (recursive-rows.wat): the same arithmetic as filterLines
// (lines along y or z) and filterContiguousLines (lines along x), two lines per SIMD instruction. Its buffers live in the module's own memory, laid out once per LoG
// computation by a RowsArena (kept for the next one on the thread); where WebAssembly SIMD is missing, rowsArena returns undefined and the TypeScript pass
// is used.
import { RECURSIVE_ROWS_WASM } from './recursive-rows-wasm';
import type { LineLayout, RecursiveCoefficients } from './recursive-gaussian';

type LinesFunction = (
  coef: number,
  input: number,
  length: number,
  width: number,
  inLine: number,
  output: number,
  outLine: number,
  first: number,
  last: number,
  causal: number,
) => void;

type RowsFunction = (
  coef: number,
  input: number,
  inStep: number,
  length: number,
  width: number,
  output: number,
  outStep: number,
  first: number,
  last: number,
  causal: number,
  ring: number,
) => void;

/** Bytes after every buffer: the odd last lane may read one float32 and write one float64 past a row. */
const SLACK = 16;
const PAGE = 65536;
/** Offsets stay below 2 GiB, where the module's 32-bit address arithmetic is safe. */
const MAX_BYTES = 2 ** 31 - PAGE;

/**
 * The part of the WebAssembly JS API used here, typed locally: the engine is type-checked with the ES library only,
 * which does not declare it (and the host may lack it: then the TypeScript pass runs).
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}
type WasmModule = { readonly wasmModule: unique symbol };
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const WASM = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;
/**
 * The last arena is kept for the next LoG on this thread (one at a time per thread: the engine is synchronous),
 * up to this size: fresh memory costs a page fault per 4 KiB, a third of a small LoG's time.
 */
const KEEP_BYTES = 512 * 2 ** 20;
let cached: RowsArena | undefined;

function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      if (!WASM) throw new Error('no WebAssembly');
      compiled = new WASM.Module(Uint8Array.from(atob(RECURSIVE_ROWS_WASM), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Bytes a pass needs besides its input and output: causal rows and the ring along y or z (`width` lines advancing
 * together), one pair of causal lines along x; and the coefficients.
 */
export function passScratchBytes(axis: number, length: number, width: number): number {
  const rowBytes = axis === 0 ? 16 : ((width + 1) & ~1) * 8;
  return (length + 4) * rowBytes + 20 * 8 + 3 * SLACK;
}

/** Bytes of a float32 buffer of `count` samples in the arena. */
export function samplesBytes(count: number): number {
  return align(count * 4 + SLACK);
}

function align(bytes: number): number {
  return (bytes + 15) & ~15;
}

export class RowsArena {
  private readonly memory: WasmMemory;
  private readonly rows: RowsFunction;
  private readonly lines: LinesFunction;
  private top = 0;

  private constructor(module: WasmModule, bytes: number) {
    this.memory = new WASM!.Memory({ initial: Math.ceil(bytes / PAGE) });
    const { exports } = new WASM!.Instance(module, { env: { memory: this.memory } });
    this.rows = exports.rows as RowsFunction;
    this.lines = exports.lines as LinesFunction;
  }

  /** An arena of `bytes`, or undefined without WebAssembly SIMD or beyond what 32-bit offsets address safely. */
  static create(bytes: number): RowsArena | undefined {
    const module = wasmModule();
    if (!module || bytes > MAX_BYTES) return undefined;
    if (cached && cached.memory.buffer.byteLength >= bytes) {
      cached.top = 0;
      return cached;
    }
    const arena = new RowsArena(module, bytes);
    cached = bytes <= KEEP_BYTES ? arena : undefined;
    return arena;
  }

  /** Where the next allocation goes; `release(mark)` frees everything allocated after it. */
  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  samples(count: number): Float32Array {
    const view = new Float32Array(this.memory.buffer, this.take(samplesBytes(count)), count);
    return view;
  }

  /** True when `view` lies in this arena (so the WebAssembly pass can read it). */
  holds(view: Float32Array | Float64Array): boolean {
    return view instanceof Float32Array && view.buffer === this.memory.buffer;
  }

  /** filterLines for lines along y or z (samples of neighbouring lines adjacent: wStride 1 in and out). */
  filterRows(
    c: RecursiveCoefficients,
    input: Float32Array,
    from: LineLayout,
    length: number,
    width: number,
    output: Float32Array,
    to: LineLayout,
    first: number,
    last: number,
  ): void {
    if (from.wStride !== 1 || to.wStride !== 1) throw new Error('filterRows: lines must be adjacent in memory');
    const mark = this.top;
    const rowBytes = ((width + 1) & ~1) * 8;
    const coef = this.coefficients(c);
    const causal = this.take(length * rowBytes + SLACK);
    const ring = this.take(4 * rowBytes + SLACK);
    this.rows(
      coef,
      input.byteOffset + from.base * 4,
      from.step * 4,
      length,
      width,
      output.byteOffset + to.base * 4,
      to.step * 4,
      first,
      last,
      causal,
      ring,
    );
    this.top = mark;
  }

  /** filterContiguousLines: lines along x (samples adjacent, step 1 in and out). */
  filterLines(
    c: RecursiveCoefficients,
    input: Float32Array,
    from: LineLayout,
    length: number,
    width: number,
    output: Float32Array,
    to: LineLayout,
    first: number,
    last: number,
  ): void {
    if (from.step !== 1 || to.step !== 1) throw new Error('filterLines: samples must be adjacent in memory');
    const mark = this.top;
    const coef = this.coefficients(c);
    const causal = this.take(length * 16 + SLACK);
    this.lines(
      coef,
      input.byteOffset + from.base * 4,
      length,
      width,
      from.wStride * 4,
      output.byteOffset + to.base * 4,
      to.wStride * 4,
      first,
      last,
      causal,
    );
    this.top = mark;
  }

  private coefficients(c: RecursiveCoefficients): number {
    const at = this.take(20 * 8);
    new Float64Array(this.memory.buffer, at, 20).set([...c.n, ...c.d, ...c.m, ...c.bn, ...c.bm]);
    return at;
  }

  private take(bytes: number): number {
    const at = this.top;
    const size = align(bytes);
    if (at + size > this.memory.buffer.byteLength) throw new Error('RowsArena: out of reserved memory');
    this.top = at + size;
    return at;
  }
}
