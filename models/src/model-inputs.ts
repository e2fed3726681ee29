// A model's input vector: the manifest lists its inputs by name, in order; each is a feature measured on a region of
// a sequence (`<sequence>/<region>/<feature>`) or a clinical value (`clinical/<name>`).
import type { RegionFeatures } from './case-features';
import { KINETIC_INPUT_PREFIX } from './kinetic-inputs';
import type { Manifest } from './manifest';

export type InputSource =
  | { kind: 'feature'; sequence: string; region: string; feature: string }
  | { kind: 'clinical'; name: string }
  | { kind: 'kinetics'; name: string };

/** Where a model input comes from, read from its name (the manifest schema checks the names' form). */
export function inputSource(name: string): InputSource {
  const parts = name.split('/');
  if (parts.length === 2 && parts[0] === 'clinical') return { kind: 'clinical', name: parts[1] };
  if (name.startsWith(KINETIC_INPUT_PREFIX)) return { kind: 'kinetics', name: name.slice(KINETIC_INPUT_PREFIX.length) };
  if (parts.length !== 3)
    throw new Error(`model input '${name}' is not '<sequence>/<region>/<feature>' or 'clinical/<name>'`);
  const [sequence, region, feature] = parts;
  return { kind: 'feature', sequence, region, feature };
}

/**
 * The model's input vector, in the manifest's order. A missing or non-finite value is an error that names every such
 * input, in words the reader can act on.
 */
export function modelInputs(
  manifest: Pick<Manifest, 'inputs'>,
  features: RegionFeatures,
  clinical: Record<string, number> = {},
  kinetics: { values: Partial<Record<string, number>> } | { reason: string } = { values: {} },
): Float64Array {
  const missingFeatures: string[] = [];
  const missingClinical: string[] = [];
  const missingKinetics: string[] = [];
  const kineticValues = 'values' in kinetics ? kinetics.values : {};
  const x = Float64Array.from(manifest.inputs, ({ name }) => {
    const source = inputSource(name);
    const v =
      source.kind === 'clinical'
        ? clinical[source.name]
        : source.kind === 'kinetics'
          ? kineticValues[source.name]
          : features.get(source.sequence)?.get(source.region)?.get(source.feature);
    if (v !== undefined && Number.isFinite(v)) return v;
    if (source.kind === 'clinical') missingClinical.push(source.name);
    else if (source.kind === 'kinetics') missingKinetics.push(name);
    else missingFeatures.push(name);
    return NaN;
  });
  if (missingClinical.length) throw new Error(`The model needs these clinical inputs: ${missingClinical.join(', ')}.`);
  if (missingKinetics.length) {
    const why = 'reason' in kinetics ? ` (${kinetics.reason})` : '';
    throw new Error(
      `The model needs kinetic inputs this study's DCE does not give${why}: ${missingKinetics.join(', ')}.`,
    );
  }
  if (missingFeatures.length)
    throw new Error(`These model inputs could not be computed on this outline: ${missingFeatures.join(', ')}.`);
  return x;
}
