/**
 * Explicit VR Big Endian pixel data to little endian. Words of OW pixel data are stored most significant byte first
 * (PS3.5 §7.3 and Annex A.3), so each sample's bytes are reversed; 8-bit samples in OB need nothing, but 8-bit
 * samples in OW were stored as swapped 16-bit words and are swapped back in pairs.
 */
export function swapToLittleEndian(bytes: Uint8Array, bitsAllocated: number, vr: string): Uint8Array {
  const unit = bitsAllocated >= 16 ? bitsAllocated / 8 : vr === 'OW' ? 2 : 1;
  const out = new Uint8Array(bytes.length);
  if (unit === 1) {
    out.set(bytes);
    return out;
  }
  const whole = bytes.length - (bytes.length % unit);
  for (let i = 0; i < whole; i += unit) for (let b = 0; b < unit; b++) out[i + b] = bytes[i + unit - 1 - b];
  return out;
}
