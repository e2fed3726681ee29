// The features IBSI defines identically on every "level × size" count matrix (GLRLM §3.7 runs, GLSZM §3.8 zones,
// GLDZM §3.9 zone distances, NGLDM §3.11 dependence counts): with m_ij the count of level i and size j, N_s = Σ m_ij,
// N_v the voxels, p_ij = m_ij/N_s: emphases Σ m·w(i, j)/N_s, non-uniformities Σ_i(Σ_j m)²/N_s (and /N_s²),
// percentage N_s/N_v, variances and entropy of p, and (NGLDM) energy Σ p².
import { entropy } from './aggregation';

export interface SizeMatrix {
  /** [level, size, count] for the non-zero entries. */
  entries: [number, number, number][];
  /** N_s, the number of runs / zones / voxels counted. */
  count: number;
  /** N_v, the voxels the matrix was built from. */
  voxels: number;
  ng: number;
}

/**
 * SE, LE, LGE, HGE, SLGE, SHGE, LLGE, LHGE, GLNU, GLNUn, SNU, SNUn, percentage, GL variance, size variance,
 * entropy, energy.
 */
export function sizeMatrixFeatures(m: SizeMatrix): number[] {
  const n = m.count;
  const byLevel = new Map<number, number>();
  const bySize = new Map<number, number>();
  const f = [0, 0, 0, 0, 0, 0, 0, 0];
  let muI = 0;
  let muJ = 0;
  for (const [i, j, c] of m.entries) {
    byLevel.set(i, (byLevel.get(i) ?? 0) + c);
    bySize.set(j, (bySize.get(j) ?? 0) + c);
    const [i2, j2] = [i * i, j * j];
    f[0] += c / j2;
    f[1] += c * j2;
    f[2] += c / i2;
    f[3] += c * i2;
    f[4] += c / (i2 * j2);
    f[5] += (c * i2) / j2;
    f[6] += (c * j2) / i2;
    f[7] += c * i2 * j2;
    muI += (i * c) / n;
    muJ += (j * c) / n;
  }
  const glnu = [...byLevel.values()].reduce((s, c) => s + c * c, 0);
  const snu = [...bySize.values()].reduce((s, c) => s + c * c, 0);
  const p = m.entries.map(([, , c]) => c / n);
  return [
    ...f.map((v) => v / n),
    glnu / n,
    glnu / (n * n),
    snu / n,
    snu / (n * n),
    n / m.voxels,
    m.entries.reduce((s, [i, , c]) => s + (i - muI) ** 2 * (c / n), 0),
    m.entries.reduce((s, [, j, c]) => s + (j - muJ) ** 2 * (c / n), 0),
    entropy(p),
    p.reduce((s, v) => s + v * v, 0),
  ];
}
