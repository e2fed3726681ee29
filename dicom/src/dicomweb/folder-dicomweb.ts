/**
 * A DicomwebClient over a folder of DICOM Part 10 files, for analysing a study offline (`heron analyze`): the
 * pipeline written against Orthanc's DICOMweb runs unchanged on files. Metadata is the DICOM JSON model as dcmjs
 * reads it (the accessors of dicom-json.ts read its variants and Orthanc's alike) without the pixel data, which
 * WADO-RS never puts in metadata either, and with the file's transfer syntax as Available Transfer Syntax UID, as
 * WADO-RS metadata may carry it (PS3.18 10.4.1.2.3). Frames are answered decoded to native little endian whatever
 * syntax the file uses (../codecs), as Orthanc answers them when asked for Explicit VR Little Endian. What the
 * pipeline stores is kept in memory and joins the study, as in a PACS.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { arrayBufferOf } from '../core/dcmjs';
import { readPart10 } from '../core/read-part10';
import { type DicomJson, numberOf, text } from '../core/dicom-json';
import { part10Frames } from '../codecs/part10-frames';
import { Tag } from '../core/dicom-tags';
import type { DicomwebClient } from './dicomweb';

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';
const TRANSFER_SYNTAX_UID = '00020010';
const AVAILABLE_TRANSFER_SYNTAX_UID = '00083002';

/** The study and series attributes a QIDO-RS series query answers with (PS3.18 10.6.3.3.1 and Orthanc's defaults). */
const SERIES_LEVEL = [
  '00080005',
  '00080020',
  '00080030',
  '00080050',
  '00080060',
  '00080090',
  '00081030',
  '0008103E',
  '00100010',
  '00100020',
  '00100030',
  '00100040',
  '0020000D',
  '0020000E',
  '00200010',
  '00200011',
];
const NUMBER_OF_SERIES_RELATED_INSTANCES = '00201209';
const REFERENCED_SOP_SEQUENCE = '00081199';
const REFERENCED_SOP_CLASS_UID = '00081150';
const REFERENCED_SOP_INSTANCE_UID = '00081155';

interface Instance {
  /** The file it came from, or undefined for an object stored through storeInstances. */
  file?: string;
  /** The Part 10 bytes of a stored object (files are read again when their frames are asked for). */
  bytes?: ArrayBuffer;
  metadata: DicomJson;
  transferSyntaxUID: string;
}

interface Study {
  studyInstanceUID: string;
  /** Series UID -> SOP Instance UID -> instance. */
  series: Map<string, Map<string, Instance>>;
}

/** An object the pipeline stored, as it was sent. */
export interface StoredObject {
  sopClassUID: string;
  sopInstanceUID: string;
  bytes: ArrayBuffer;
}

export interface FolderScan {
  /** Files that are not DICOM Part 10 (no 'DICM' after the preamble) or are a DICOMDIR. */
  ignored: number;
  /** Files holding an instance already read from another file. */
  duplicates: number;
  /**
   * DICOM files that could not be read, each with the reason in a sentence: one damaged file among hundreds does not
   * stop the study from being read, and the reader is told which one was left out and why.
   */
  unreadable: { file: string; reason: string }[];
}

function isPart10(bytes: Uint8Array): boolean {
  return bytes.length > 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function readHeader(bytes: ArrayBuffer, name: string): { metadata: DicomJson; transferSyntaxUID: string } {
  const read = readPart10(bytes, name);
  const metadata = read.dict;
  const sop = text(metadata, Tag.SOPInstanceUID);
  // As in WADO-RS metadata, pixel data is a reference to bulk data, not the bytes: a series' metadata stays small,
  // and frames are read from the file when asked for.
  for (const tag of [Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData]) {
    if (metadata[tag]) metadata[tag] = { vr: metadata[tag].vr, BulkDataURI: `instances/${sop}/bulk/${tag}` };
  }
  const transferSyntaxUID = text(read.meta, TRANSFER_SYNTAX_UID) ?? '';
  if (transferSyntaxUID) metadata[AVAILABLE_TRANSFER_SYNTAX_UID] = { vr: 'UI', Value: [transferSyntaxUID] };
  return { metadata, transferSyntaxUID };
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    throw new Error(`Cannot read the folder ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const seriesNumber = (instances: Map<string, Instance>): number =>
  numberOf([...instances.values()][0].metadata, Tag.SeriesNumber) ?? Infinity;
const instanceNumber = (i: Instance): number => numberOf(i.metadata, Tag.InstanceNumber) ?? Infinity;

function describeStudy(s: Study): string {
  const first = [...s.series.values()][0].values().next().value as Instance;
  const patient = text(first.metadata, '00100020') ?? 'no patient ID';
  const date = text(first.metadata, '00080020') ?? 'no date';
  return `${s.studyInstanceUID} (patient ${patient}, ${date}, ${s.series.size} series)`;
}

export class FolderDicomweb implements DicomwebClient {
  /** Everything storeInstances received, in order. */
  readonly stored: StoredObject[] = [];

  private constructor(
    readonly dir: string,
    private readonly study: Study,
    readonly scan: FolderScan,
  ) {}

  get studyInstanceUID(): string {
    return this.study.studyInstanceUID;
  }

  /**
   * Reads every file under `dir`. A folder must hold one study; with several, `studyInstanceUID` picks one and
   * without it the error names them all.
   */
  static async open(dir: string, options: { studyInstanceUID?: string } = {}): Promise<FolderDicomweb> {
    const studies = new Map<string, Study>();
    const scan: FolderScan = { ignored: 0, duplicates: 0, unreadable: [] };
    for (const file of await filesUnder(dir)) {
      const bytes = await readFile(file);
      if (!isPart10(bytes)) {
        scan.ignored++;
        continue;
      }
      const name = relative(dir, file) || file;
      try {
        const { metadata, transferSyntaxUID } = readHeader(arrayBufferOf(bytes), name);
        if (text(metadata, Tag.SOPClassUID) === MEDIA_STORAGE_DIRECTORY) {
          scan.ignored++;
          continue;
        }
        const added = addInstance(studies, { file, metadata, transferSyntaxUID }, name);
        if (!added) scan.duplicates++;
      } catch (err) {
        scan.unreadable.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    if (studies.size === 0) {
      const why =
        scan.unreadable.length > 0 ? `; ${scan.unreadable.length} unreadable, e.g. ${scan.unreadable[0].reason}` : '';
      throw new Error(`${dir} holds no readable DICOM files (${scan.ignored} other files${why}).`);
    }
    const wanted = options.studyInstanceUID;
    if (wanted !== undefined) {
      const study = studies.get(wanted);
      if (!study)
        throw new Error(
          `${dir} does not hold study ${wanted}; it holds ${[...studies.values()].map(describeStudy).join(', ')}.`,
        );
      return new FolderDicomweb(dir, study, scan);
    }
    if (studies.size > 1) {
      throw new Error(
        `${dir} holds ${studies.size} studies: ${[...studies.values()].map(describeStudy).join(', ')}. Pick one with --study UID.`,
      );
    }
    return new FolderDicomweb(dir, [...studies.values()][0], scan);
  }

  /** Adds a Part 10 object (e.g. a SEG given on the command line) to the study, as if it had been stored before. */
  add(bytes: ArrayBuffer, name: string): DicomJson {
    const { metadata, transferSyntaxUID } = readHeader(bytes, name);
    const study = text(metadata, Tag.StudyInstanceUID);
    if (study !== this.studyInstanceUID)
      throw new Error(`${name} belongs to study ${study ?? '(none)'}, not to ${this.studyInstanceUID} in ${this.dir}.`);
    addInstance(new Map([[this.studyInstanceUID, this.study]]), { bytes, metadata, transferSyntaxUID }, name);
    return metadata;
  }

  async searchForSeries(o: { studyInstanceUID?: string }): Promise<DicomJson[]> {
    // A folder holds one study: asking across studies is asking for its series.
    if (o.studyInstanceUID !== undefined && o.studyInstanceUID !== this.studyInstanceUID) return [];
    return [...this.study.series.values()]
      .sort((a, b) => seriesNumber(a) - seriesNumber(b))
      .map((instances) => {
        const first = [...instances.values()][0].metadata;
        const out: DicomJson = {};
        for (const tag of SERIES_LEVEL) if (first[tag]) out[tag] = first[tag];
        out[NUMBER_OF_SERIES_RELATED_INSTANCES] = { vr: 'IS', Value: [instances.size] };
        return out;
      });
  }

  async searchForInstances(o: {
    studyInstanceUID: string;
    seriesInstanceUID?: string;
    queryParams?: Record<string, string>;
  }): Promise<DicomJson[]> {
    if (o.studyInstanceUID !== this.studyInstanceUID) return [];
    const filters = Object.entries(o.queryParams ?? {}).map(([key, value]) => {
      const tag = /^[0-9A-Fa-f]{8}$/.test(key) ? key.toUpperCase() : (Tag as Record<string, string>)[key];
      if (!tag)
        throw new Error(
          `searchForInstances: cannot match on '${key}' in a folder (give a tag or one of ${Object.keys(Tag).join(', ')})`,
        );
      return (ds: DicomJson) => text(ds, tag) === value;
    });
    const series =
      o.seriesInstanceUID === undefined
        ? [...this.study.series.values()]
        : [this.study.series.get(o.seriesInstanceUID) ?? new Map()];
    return series.flatMap((s) => [...s.values()].map((i) => i.metadata)).filter((ds) => filters.every((f) => f(ds)));
  }

  async retrieveSeriesMetadata(o: { studyInstanceUID: string; seriesInstanceUID: string }): Promise<DicomJson[]> {
    return this.instancesOf(o).map((i) => i.metadata);
  }

  async retrieveInstanceFrames(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    frameNumbers: number[];
  }): Promise<ArrayBuffer[]> {
    const instance = this.instance(o);
    const name = this.nameOf(instance, o.sopInstanceUID);
    return (await part10Frames(await this.bytesOf(instance), o.frameNumbers, name)).frames;
  }

  async retrieveInstance(o: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
  }): Promise<ArrayBuffer> {
    return this.bytesOf(this.instance(o));
  }

  /** Keeps the objects and adds them to the study; answers as a STOW-RS response that accepted each of them. */
  async storeInstances(o: { datasets: ArrayBuffer[] }): Promise<DicomJson> {
    const accepted = o.datasets.map((bytes, k) => {
      const metadata = this.add(bytes, `stored object ${k + 1}`);
      const stored = {
        sopClassUID: text(metadata, Tag.SOPClassUID) ?? '',
        sopInstanceUID: text(metadata, Tag.SOPInstanceUID) ?? '',
        bytes,
      };
      this.stored.push(stored);
      return {
        [REFERENCED_SOP_CLASS_UID]: { vr: 'UI', Value: [stored.sopClassUID] },
        [REFERENCED_SOP_INSTANCE_UID]: { vr: 'UI', Value: [stored.sopInstanceUID] },
      };
    });
    return { [REFERENCED_SOP_SEQUENCE]: { vr: 'SQ', Value: accepted } };
  }

  private instancesOf(o: { studyInstanceUID: string; seriesInstanceUID: string }): Instance[] {
    const series =
      o.studyInstanceUID === this.studyInstanceUID ? this.study.series.get(o.seriesInstanceUID) : undefined;
    if (!series) throw new Error(`Series ${o.seriesInstanceUID} of study ${o.studyInstanceUID} is not in ${this.dir}`);
    return [...series.values()].sort((a, b) => instanceNumber(a) - instanceNumber(b));
  }

  private instance(o: { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }): Instance {
    const found = this.instancesOf(o).find((i) => text(i.metadata, Tag.SOPInstanceUID) === o.sopInstanceUID);
    if (!found) throw new Error(`Instance ${o.sopInstanceUID} is not in series ${o.seriesInstanceUID} in ${this.dir}`);
    return found;
  }

  private nameOf(instance: Instance, sopInstanceUID: string): string {
    return instance.file
      ? `${relative(this.dir, instance.file)} (instance ${sopInstanceUID})`
      : `instance ${sopInstanceUID}`;
  }

  private async bytesOf(instance: Instance): Promise<ArrayBuffer> {
    return instance.bytes ?? arrayBufferOf(await readFile(instance.file as string));
  }
}

/** Files an instance under its study and series; false when an instance with its SOP Instance UID is already there. */
function addInstance(studies: Map<string, Study>, instance: Instance, name: string): boolean {
  const uids = [Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID].map((t) => text(instance.metadata, t));
  const [study, series, sop] = uids;
  if (!study || !series || !sop) throw new Error(`${name} lacks its Study, Series or SOP Instance UID`);
  let s = studies.get(study);
  if (!s) studies.set(study, (s = { studyInstanceUID: study, series: new Map() }));
  let instances = s.series.get(series);
  if (!instances) s.series.set(series, (instances = new Map()));
  if (instances.has(sop)) return false;
  instances.set(sop, instance);
  return true;
}
