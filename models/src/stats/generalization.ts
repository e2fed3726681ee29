// Generalization decay index of seed 002 (HER2 intratumoral/peritumoral DCE-MRI radiomics): the relative decline of
// the AUC from the training to the test set, GDI = (AUC_train - AUC_test) / AUC_train, read as a safe zone
// (GDI <= 15 %), a warning zone (15-20 %) or a high-risk zone (>= 20 %).

export type GdiZone = 'safe' | 'warning' | 'high-risk';

export interface Gdi {
  gdi: number;
  zone: GdiZone;
}

export function generalizationDecay(aucTrain: number, aucTest: number): Gdi {
  if (!(aucTrain > 0 && aucTrain <= 1) || !(aucTest >= 0 && aucTest <= 1)) {
    throw new Error(`AUCs must lie in (0, 1], got training ${aucTrain} and test ${aucTest}`);
  }
  const gdi = (aucTrain - aucTest) / aucTrain;
  // Rounded to 1e-12 so that a decline of exactly 15 % or 20 % in decimal lands in the zone the paper assigns.
  const r = Math.round(gdi * 1e12) / 1e12;
  return { gdi, zone: r <= 0.15 ? 'safe' : r < 0.2 ? 'warning' : 'high-risk' };
}
