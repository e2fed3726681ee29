// The id prefix of the kinetic colour map's segmentation: an overlay, never the reader's outline.
export const KINETIC_MAP_ID_PREFIX = 'heron-kinetic-map-';
