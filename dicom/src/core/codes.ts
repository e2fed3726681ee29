/**
 * Codes for the segments Heron writes (PS3.3 C.8.20.4 Segment Description Macro). Tumour: SNOMED CT
 * "Morphologically abnormal structure" / "Mass" (CID 7150/7151, as dcmqi and OHIF use them). No standard code
 * exists for a peritumoral shell, so it gets a private property type in the 99HER2AI scheme, declared in the
 * CodingSchemeIdentificationSequence (PS3.3 C.12.1.1.4) of every object that uses it.
 */
export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export function code(CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code {
  // CodeValue is SH: 16 characters at most (PS3.5 6.2); dciodvfy rejects longer ones.
  if (CodeValue.length === 0 || CodeValue.length > 16)
    throw new Error(`Code value '${CodeValue}' must have 1 to 16 characters`);
  return { CodeValue, CodingSchemeDesignator, CodeMeaning };
}

export const HERON_SCHEME = {
  CodingSchemeDesignator: '99HER2AI',
  CodingSchemeName: 'Heron HER2 decision support private codes',
  CodingSchemeResponsibleOrganization: 'Heron project',
  CodingSchemeVersion: '1',
};

export const BREAST = code('76752008', 'SCT', 'Breast');
export const LEFT = code('7771000', 'SCT', 'Left');
export const RIGHT = code('24028007', 'SCT', 'Right');
export const MASS = code('4147007', 'SCT', 'Mass');
export const ABNORMAL_STRUCTURE = code('49755003', 'SCT', 'Morphologically Abnormal Structure');
export const TISSUE = code('85756007', 'SCT', 'Tissue');

/** The property type of a peritumoral shell of the given width, e.g. (PERI3MM, 99HER2AI, "Peritumoral shell 3 mm"). */
export function shellCode(widthMm: number): Code {
  if (!(widthMm > 0) || widthMm > 100)
    throw new Error(`A peritumoral shell width must be between 0 and 100 mm, got ${widthMm}`);
  const w = String(Number(widthMm.toFixed(1)));
  return code(`PERI${w.replace('.', 'P')}MM`, HERON_SCHEME.CodingSchemeDesignator, `Peritumoral shell ${w} mm`);
}
