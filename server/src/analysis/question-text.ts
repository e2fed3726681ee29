/** The clinical question of each task, as a reader reads it next to the probability. */
export const QUESTION_TEXT: Record<string, string> = {
  'her2-positive-vs-negative': 'Probability that the tumour is HER2-positive (rather than HER2-negative)',
  'her2-low-vs-zero': 'Probability that a HER2-negative tumour is HER2-low (rather than HER2-zero)',
  'fish-status-ihc2plus': 'Probability that an IHC 2+ tumour is FISH-amplified',
  'pcr-after-neoadjuvant': 'Probability of a pathological complete response after neoadjuvant therapy',
};
