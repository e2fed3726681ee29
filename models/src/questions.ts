// The questions Heron's model packages answer, with what a reader must know before reading an answer: the question
// in words, the population it applies to (a model trained among HER2-negative tumours says nothing about a
// HER2-positive one), and whether the answer is a class probability or a survival prediction.
import type { QUESTIONS } from './manifest';

export const SURVIVAL_QUESTIONS = ['disease-free-survival'] as const;
export type ClassificationQuestion = (typeof QUESTIONS)[number];
export type SurvivalQuestion = (typeof SURVIVAL_QUESTIONS)[number];
export type Question = ClassificationQuestion | SurvivalQuestion;

export interface QuestionInfo {
  kind: 'classification' | 'survival';
  /** The question as the reader reads it next to the answer. */
  text: string;
  /** Who the model applies to; the panel and the report state it with every answer. */
  population: string;
  /** The seed study whose method the question follows. */
  seed: string;
  /** Classification only: the negative class (label 0), then the positive class whose probability is given. */
  classes?: [string, string];
}

export const QUESTION_INFO: Record<Question, QuestionInfo> = {
  'her2-positive-vs-negative': {
    kind: 'classification',
    text: 'Is the tumour HER2-positive (IHC 3+, or IHC 2+ with FISH amplification) rather than HER2-negative?',
    population: 'invasive breast cancer before treatment',
    seed: '002 (first stage)',
    classes: ['HER2-negative', 'HER2-positive'],
  },
  'her2-low-vs-zero': {
    kind: 'classification',
    text: 'Is a HER2-negative tumour HER2-low (IHC 1+, or IHC 2+ without FISH amplification) rather than HER2-zero (IHC 0)?',
    population: 'among HER2-negative tumours',
    seed: '002 (second stage)',
    classes: ['HER2-zero', 'HER2-low'],
  },
  'fish-status-ihc2plus': {
    kind: 'classification',
    text: 'Is an IHC 2+ tumour FISH-amplified (HER2-positive) rather than not amplified?',
    population: 'among IHC 2+ (equivocal) tumours',
    seed: '001',
    classes: ['FISH not amplified', 'FISH amplified'],
  },
  'pcr-after-neoadjuvant': {
    kind: 'classification',
    text: 'Will the tumour reach a pathological complete response after neoadjuvant therapy?',
    population: 'among HER2-positive tumours, on the MRI before neoadjuvant therapy',
    seed: '004',
    classes: ['residual invasive disease', 'pathological complete response'],
  },
  'disease-free-survival': {
    kind: 'survival',
    text: 'How high is the risk of recurrence or death (disease-free survival) after surgery?',
    population: 'invasive breast cancer, on the pre-operative MRI',
    seed: '003',
  },
};

export const ALL_QUESTIONS = Object.keys(QUESTION_INFO) as Question[];
