// The image and mask `heron extract` computes features on. The image is a DICOM series folder or an NRRD/NIfTI
// file; the mask an RTSTRUCT or SEG (placed on the series it references, which must be in the image folder) or an
// NRRD/NIfTI label map. This is what PyRadiomics users do with dcmqi or plastimatch before extracting, done here
// with the readers the server's outline import uses, so both give the same mask.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { arrayBufferOf, type DicomJson, readPart10, Tag, text } from '@heron/dicom/core';
import { FolderDicomweb } from '@heron/dicom/dicomweb';
import { outlineObjectKind } from '@heron/dicom/rtstruct';
import { loadVolume } from '@heron/dicom/volumes';
import { parseVolume, sameGrid, type Volume } from '@heron/radiomics';
import { existingOutlineMask } from '../outline/existing-outline';
import { UsageError } from './command';

export interface ExtractRequest {
  /** A DICOM series folder, or an NRRD / NIfTI file. */
  image: string;
  /** An RTSTRUCT or SEG file, or an NRRD / NIfTI label map. */
  mask: string;
  /** RTSTRUCT ROI name (or SEG segment label). */
  roi?: string;
  /** SEG segment number, RTSTRUCT ROI number, or the label value of a label map. */
  segment?: number;
  /** The image series when the folder holds several and the mask does not say which. */
  series?: string;
}

export interface ExtractInputs {
  image: Volume;
  /** A binary mask (1 inside) for DICOM outlines; the label map as read for NRRD / NIfTI masks. */
  mask: Volume;
  /** The label value of the region in `mask`; undefined lets the parameter file's `label` decide. */
  label?: number;
  /** One line saying what was read, for the command's report. */
  summary: string;
}

/** Modalities of objects in a study folder that are not images a volume is made of. */
const NOT_IMAGES = new Set(['RTSTRUCT', 'SEG', 'SR', 'KO', 'PR', 'DOC', 'REG']);

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the image ${path}: ${code === 'ENOENT' ? 'no such file or folder' : String(err)}`);
  }
}

/** DICOM Part 10: 'DICM' after the 128-byte preamble (PS3.10 7.1). */
const isPart10 = (b: Uint8Array): boolean =>
  b.length > 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;

const seriesName = (ds: DicomJson): string => {
  const number = text(ds, Tag.SeriesNumber);
  const description = text(ds, Tag.SeriesDescription);
  return `series ${number ?? '?'}${description ? ` "${description}"` : ''} (${text(ds, Tag.SeriesInstanceUID)})`;
};

/** The image series of a folder: the one named by `wanted`, else the only one. */
async function imageSeries(client: FolderDicomweb, wanted: string | undefined): Promise<string> {
  const all = await client.searchForSeries({ studyInstanceUID: client.studyInstanceUID });
  const images = all.filter((s) => !NOT_IMAGES.has(text(s, Tag.Modality) ?? ''));
  if (wanted !== undefined) {
    if (!all.some((s) => text(s, Tag.SeriesInstanceUID) === wanted))
      throw new Error(`${client.dir} has no series ${wanted}; its image series: ${images.map(seriesName).join(', ')}.`);
    return wanted;
  }
  if (images.length === 1) return text(images[0], Tag.SeriesInstanceUID) as string;
  if (images.length === 0) throw new Error(`${client.dir} holds no image series.`);
  throw new Error(
    `${client.dir} holds ${images.length} image series (${images.map(seriesName).join(', ')}); choose one with --series UID.`,
  );
}

async function dicomFolderVolume(dir: string, series: string | undefined): Promise<{ volume: Volume; label: string }> {
  const client = await FolderDicomweb.open(dir);
  const uid = await imageSeries(client, series);
  const loaded = await loadVolume(client, { studyInstanceUID: client.studyInstanceUID, seriesInstanceUID: uid });
  return { volume: loaded.volume, label: loaded.label };
}

/** An RTSTRUCT ROI or SEG segment on the series of `dir` it was drawn on, with that series' voxels. */
async function dicomOutline(request: ExtractRequest, bytes: Uint8Array): Promise<ExtractInputs> {
  const name = basename(request.mask);
  const header = readPart10(arrayBufferOf(bytes), name).dict;
  const kind = outlineObjectKind(header, name);
  if (request.series !== undefined)
    throw new UsageError('--series is for a label-map mask: an RTSTRUCT or SEG names the series it was drawn on');
  const study = text(header, Tag.StudyInstanceUID);
  let client: FolderDicomweb;
  try {
    client = await FolderDicomweb.open(request.image, study ? { studyInstanceUID: study } : {});
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Say it from the mask's side: it was drawn on images of another study than the folder holds.
    if (study && message.includes(`does not hold study ${study}`))
      throw new Error(
        `${name} was drawn on images of study ${study}, and ${message.replace(/ does not hold study [^;]*; it/, ' does not hold them: it')}`,
      );
    throw err;
  }
  const object = client.add(arrayBufferOf(bytes), name);
  const outline = await existingOutlineMask(
    client,
    client.studyInstanceUID,
    object,
    { roi: request.roi, segment: request.segment },
    name,
  );
  const what = `${kind === 'seg' ? 'segment' : 'ROI'} "${outline.name}" of ${name}`;
  const voxels = outline.mask.reduce((s, x) => s + x, 0);
  if (voxels === 0) throw new Error(`The ${what} covers no voxel of its series.`);
  const source = await loadVolume(client, {
    studyInstanceUID: client.studyInstanceUID,
    seriesInstanceUID: outline.seriesInstanceUID,
    select: { sopInstanceUIDs: [...new Set(outline.sopInstanceUIDs)] },
  });
  // Both grids come from the same images; a difference would mean the outline's frames were chosen differently.
  if (!sameGrid(source.volume, outline.grid))
    throw new Error(`The ${what} was placed on another grid than the images of ${source.label} read for it.`);
  return {
    image: source.volume,
    mask: { ...source.volume, data: outline.mask },
    label: 1,
    summary: `${kind === 'seg' ? 'SEG' : 'RTSTRUCT'} ${what}: ${voxels} voxels on ${source.label}`,
  };
}

/** Reads the image and the mask; every failure is a sentence naming the file at fault. */
export async function extractInputs(request: ExtractRequest): Promise<ExtractInputs> {
  const imageIsFolder = await isDirectory(request.image);
  const maskBytes = await readBytes(request.mask, 'mask');
  if (isPart10(maskBytes)) {
    if (!imageIsFolder)
      throw new UsageError(
        'an RTSTRUCT or SEG mask is placed on the DICOM series it was drawn on: give that series folder as --image',
      );
    return dicomOutline(request, maskBytes);
  }
  if (request.roi !== undefined)
    throw new UsageError('--roi names an RTSTRUCT ROI; for an NRRD or NIfTI mask give the label value as --segment N');
  const maskName = basename(request.mask);
  const mask = await parseVolume(maskBytes, maskName);
  let image: Volume;
  let imageLabel: string;
  if (imageIsFolder) {
    ({ volume: image, label: imageLabel } = await dicomFolderVolume(request.image, request.series));
  } else {
    if (request.series !== undefined) throw new UsageError('--series is for a DICOM folder given as --image');
    const imageBytes = await readBytes(request.image, 'image');
    if (isPart10(imageBytes))
      throw new UsageError('give a DICOM image as the folder of its series (--image DIR), not one of its files');
    image = await parseVolume(imageBytes, basename(request.image));
    imageLabel = basename(request.image);
  }
  const label = request.segment;
  if (label !== undefined && !mask.data.some((v) => v === label)) {
    const present = [...new Set(Array.from(mask.data as ArrayLike<number>).filter((v) => v !== 0))].sort(
      (a, b) => a - b,
    );
    throw new Error(
      `${maskName} has no voxel labelled ${label} (segment ${label}); its labels: ${present.join(', ') || '(none)'}.`,
    );
  }
  return {
    image,
    mask,
    label,
    summary: `mask ${maskName}${label !== undefined ? ` label ${label}` : ''} on ${imageLabel}`,
  };
}
