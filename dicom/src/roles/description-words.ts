import { type DicomJson, text } from '../core/dicom-json';
import { Tag } from '../core/dicom-tags';

/**
 * The lower-case words of SeriesDescription and ProtocolName. Operators and vendors join words with
 * spaces, underscores, slashes and dots ("t1_fl3d_tra_dyn", "Ph1/ax 3d dyn", "T2W_TSE"), so every
 * non-alphanumeric character separates words. Descriptions are free text typed by people: they are hints
 * that support header evidence, never the only evidence when the header says otherwise.
 */
export function descriptionWords(ds: DicomJson): string[] {
  const raw = [text(ds, Tag.SeriesDescription), text(ds, Tag.ProtocolName)].filter((s): s is string => !!s).join(' ');
  return raw
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Whether any word matches: a string matches exactly, a RegExp is tested against each word. */
export function hasWord(words: readonly string[], ...patterns: (string | RegExp)[]): boolean {
  return words.some((w) => patterns.some((p) => (typeof p === 'string' ? w === p : p.test(w))));
}
