/**
 * The transfer syntaxes Heron reads (PS3.5 §10 and Annex A, PS3.6 Annex A) and what each means for the pixel data:
 * how it is stored, whether it may have lost information, and a name a reader recognises.
 */

/** How the pixel data of a syntax is stored, i.e. which decoder turns it into native little-endian frames. */
export type PixelEncoding =
  'native' | 'big-endian' | 'rle' | 'jpeg-baseline' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000';

export interface TransferSyntax {
  uid: string;
  name: string;
  encoding: PixelEncoding;
  /**
   * True when the syntax can discard information. JPEG 2000 (.91) may be reversible too; the syntax does not say,
   * so it is treated as lossy unless the image says otherwise (LossyImageCompression, PS3.3 C.7.6.1.1.5).
   */
  lossy: boolean;
}

const SYNTAXES: TransferSyntax[] = [
  { uid: '1.2.840.10008.1.2', name: 'Implicit VR Little Endian', encoding: 'native', lossy: false },
  { uid: '1.2.840.10008.1.2.1', name: 'Explicit VR Little Endian', encoding: 'native', lossy: false },
  // dcmjs inflates the whole data set on reading, so its pixel data is native once read.
  { uid: '1.2.840.10008.1.2.1.99', name: 'Deflated Explicit VR Little Endian', encoding: 'native', lossy: false },
  { uid: '1.2.840.10008.1.2.2', name: 'Explicit VR Big Endian', encoding: 'big-endian', lossy: false },
  { uid: '1.2.840.10008.1.2.5', name: 'RLE Lossless', encoding: 'rle', lossy: false },
  { uid: '1.2.840.10008.1.2.4.50', name: 'JPEG Baseline', encoding: 'jpeg-baseline', lossy: true },
  { uid: '1.2.840.10008.1.2.4.51', name: 'JPEG Extended', encoding: 'jpeg-baseline', lossy: true },
  { uid: '1.2.840.10008.1.2.4.57', name: 'JPEG Lossless', encoding: 'jpeg-lossless', lossy: false },
  { uid: '1.2.840.10008.1.2.4.70', name: 'JPEG Lossless SV1', encoding: 'jpeg-lossless', lossy: false },
  { uid: '1.2.840.10008.1.2.4.80', name: 'JPEG-LS Lossless', encoding: 'jpeg-ls', lossy: false },
  { uid: '1.2.840.10008.1.2.4.81', name: 'JPEG-LS Near-Lossless', encoding: 'jpeg-ls', lossy: true },
  { uid: '1.2.840.10008.1.2.4.90', name: 'JPEG 2000 Lossless', encoding: 'jpeg-2000', lossy: false },
  { uid: '1.2.840.10008.1.2.4.91', name: 'JPEG 2000', encoding: 'jpeg-2000', lossy: true },
];

const BY_UID = new Map(SYNTAXES.map((s) => [s.uid, s]));

/** Names the syntaxes Heron reads, for messages that refuse another. */
export const READABLE_SYNTAXES = SYNTAXES.map((s) => s.name);

/** The syntax of a UID, or undefined for one Heron does not decode (e.g. JPEG-XL, HTJ2K, MPEG video). */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid.trim());
}

/** A message for a syntax Heron does not decode, naming the file or image. */
export function unsupportedSyntax(uid: string, name: string): string {
  const what = uid ? `transfer syntax ${uid}` : 'no transfer syntax';
  return (
    `${name} is stored with ${what}, which Heron does not decode ` +
    `(it reads ${READABLE_SYNTAXES.slice(0, -1).join(', ')} and ${READABLE_SYNTAXES.at(-1)})`
  );
}
