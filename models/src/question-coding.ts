// The coding of each question Heron's models answer, written into a package's manifest when it is built (the SR
// writer then reads it from the manifest). Standard codes where SNOMED CT has them; Heron's private scheme (99HER2AI,
// declared in every report) where it has none.
import type { QUESTIONS, TaskCoding } from './manifest';

const H = '99HER2AI';
const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string) => ({
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
});

export const QUESTION_CODING: Record<(typeof QUESTIONS)[number], TaskCoding> = {
  'her2-positive-vs-negative': {
    subject: 'HER2',
    probability: code('HER2PROB', H, 'Probability of HER2-positive status'),
    prediction: code('HER2PRED', H, 'Predicted HER2 status'),
    classes: [
      code('431396003', 'SCT', 'Human epidermal growth factor 2 negative carcinoma of breast'),
      code('427685000', 'SCT', 'Human epidermal growth factor 2 positive carcinoma of breast'),
    ],
  },
  'her2-low-vs-zero': {
    subject: 'HER2-low',
    probability: code('HER2LOWPROB', H, 'Probability of HER2-low status'),
    prediction: code('HER2LOWPRED', H, 'Predicted HER2-low status'),
    classes: [code('HER2ZERO', H, 'HER2-zero'), code('HER2LOW', H, 'HER2-low')],
  },
  'fish-status-ihc2plus': {
    subject: 'FISH',
    probability: code('FISHPROB', H, 'Probability of FISH amplification'),
    prediction: code('FISHPRED', H, 'Predicted FISH status'),
    classes: [code('FISHNOTAMP', H, 'FISH not amplified'), code('FISHAMP', H, 'FISH amplified')],
  },
  'pcr-after-neoadjuvant': {
    subject: 'pCR',
    probability: code('PCRPROB', H, 'Probability of pathological complete response'),
    prediction: code('PCRPRED', H, 'Predicted response to neoadjuvant therapy'),
    classes: [code('RESIDUAL', H, 'Residual invasive disease'), code('PCR', H, 'Pathological complete response')],
  },
};
