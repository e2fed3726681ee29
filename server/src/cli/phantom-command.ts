// `heron phantom`: writes one synthetic breast MRI study (DICOM + ground-truth mask + parameters) to a folder.
import {
  generatePhantom,
  writePhantomStudy,
  type DceLayout,
  type Her2Status,
  type PhantomSize,
  type VendorStyle,
} from '@heron/phantom';
import { type Command, parseOptions, UsageError } from './command';

const CHOICES = {
  her2: ['positive', 'negative'],
  'dce-layout': ['series-per-phase', 'single-series'],
  size: ['standard', 'compact'],
  vendor: ['siemens', 'ge', 'philips'],
} as const;

function choice<K extends keyof typeof CHOICES>(
  name: K,
  value: string | undefined,
): (typeof CHOICES)[K][number] | undefined {
  if (value === undefined) return undefined;
  const allowed: readonly string[] = CHOICES[name];
  if (!allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as (typeof CHOICES)[K][number];
}

function parse(argv: string[]) {
  return parseOptions(argv, {
    out: { type: 'string' },
    seed: { type: 'string' },
    her2: { type: 'string' },
    'dce-layout': { type: 'string' },
    size: { type: 'string' },
    vendor: { type: 'string' },
    'patient-id': { type: 'string' },
    enhanced: { type: 'boolean' },
  });
}

export const phantomCommand: Command = {
  name: 'phantom',
  summary: 'write a synthetic breast MRI study (DCE, T2, DWI, ADC) with its ground-truth tumour mask',
  usage:
    'heron phantom --out DIR --seed N [--her2 positive|negative] [--dce-layout series-per-phase|single-series] ' +
    '[--size standard|compact] [--vendor siemens|ge|philips] [--patient-id ID] [--enhanced]\n' +
    '  --enhanced: each series as one Enhanced MR Image instance (multi-frame, functional groups)',
  async run(argv) {
    const values = parse(argv);
    if (!values.out) throw new UsageError('--out DIR is required');
    if (values.seed === undefined) throw new UsageError('--seed N is required');
    if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(Number(values.seed))) {
      throw new UsageError(`--seed must be a non-negative integer, got '${values.seed}'`);
    }
    const seed = Number(values.seed);
    const her2: Her2Status | undefined = choice('her2', values.her2);
    const dceLayout: DceLayout | undefined = choice('dce-layout', values['dce-layout']);
    const size: PhantomSize | undefined = choice('size', values.size);
    const vendor: VendorStyle | undefined = choice('vendor', values.vendor);

    const started = performance.now();
    const study = generatePhantom({ seed, her2, dceLayout, size });
    const generated = performance.now();
    const written = await writePhantomStudy(study, values.out, {
      vendor,
      patientId: values['patient-id'],
      enhanced: values.enhanced === true,
    });
    const finished = performance.now();

    const t = study.tumour;
    console.log(
      `Synthetic breast MRI study, seed ${seed} (${study.size}, ${vendor ?? 'siemens'} style), written to ${values.out}`,
    );
    console.log(`  StudyInstanceUID ${written.studyInstanceUID}`);
    console.log(
      `  tumour: HER2-${t.her2}, ${t.diameterMm} mm ${t.shape} ${t.margin}, ${t.location.side} breast ${t.location.clockFace.toFixed(1)} o'clock, ` +
        `${t.enhancementPattern} enhancement, ${t.kinetics.curveType} curve, ADC ${t.adc}`,
    );
    for (const s of written.series)
      console.log(
        `  series ${String(s.seriesNumber).padStart(2)}  ${s.role.padEnd(3)}  ${String(s.files.length).padStart(4)} files  ${s.description}`,
      );
    console.log(`  mask (NRRD, DCE grid): ${written.maskFile}`);
    console.log(`  parameters: ${written.paramsFile}`);
    console.log(
      `  ${written.files.length} files; generated in ${((generated - started) / 1000).toFixed(1)} s, written in ${((finished - generated) / 1000).toFixed(1)} s`,
    );
    return 0;
  },
};
