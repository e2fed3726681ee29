/**
 * A DS value (PS3.5 6.2: at most 16 characters) for a number. dcmjs cuts longer strings silently, which can
 * change a value by orders of magnitude (docs/dicom-sr-seg.md §6), so numbers are formatted here with as many
 * significant digits as fit.
 */
export function decimalString(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`${v} cannot be written as a DICOM decimal string`);
  for (let digits = 15; digits > 1; digits--) {
    const s = String(Number(v.toPrecision(digits)));
    if (s.length <= 16) return s;
  }
  return v.toExponential(8);
}
