// @heron/models: model packages, ONNX authoring and inference, SHAP, training and evaluation statistics. Pure code
// (runs in Node and in a Web Worker); file access is in ./node.
export { auc, aucWithCi, delongTest, delongCovariance, placements } from './stats/delong';
export type { AucEstimate, DelongTest } from './stats/delong';
export { mannWhitney } from './stats/mann-whitney';
export { calibration } from './stats/calibration';
export type { Calibration } from './stats/calibration';
export { decisionCurve } from './stats/decision-curve';
export { youdenThreshold, metricsAt } from './stats/threshold';
export { generalizationDecay } from './stats/generalization';
export { icc } from './stats/icc';
export { fClassif } from './stats/f-classif';
export type { FClassif } from './stats/f-classif';
export { minMax } from './stats/min-max';
export type { MinMax } from './stats/min-max';
export { fDistributionP, incompleteBeta } from './stats/f-distribution';
export type { Icc } from './stats/icc';
export { chiSquareP } from './stats/chi-square';
export { standardise } from './stats/standardise';
export { survivalData } from './survival/survival-data';
export type { SurvivalData } from './survival/survival-data';
export { centred, fitCox, partialLikelihood } from './survival/cox';
export type { CoxFit, Ties } from './survival/cox';
export { concordance } from './survival/concordance';
export type { Concordance } from './survival/concordance';
export { kaplanMeier, survivalAt } from './survival/kaplan-meier';
export type { KaplanMeier } from './survival/kaplan-meier';
export { logRank } from './survival/log-rank';
export type { LogRank } from './survival/log-rank';
export { fitLassoCox } from './survival/lasso-cox';
export type { LassoCoxFit } from './survival/lasso-cox';
export { timeDependentAuc } from './survival/time-auc';
export type { TimeAuc } from './survival/time-auc';
export { lausenSchumacherP, logRankScores, maxSelectedLogRank, riskGroups } from './survival/risk-groups';
export type { MaxSelected, RiskGroups } from './survival/risk-groups';
export { kmChart } from './report/km-chart';
export { survivalReport } from './report/survival-report';
export type { SurvivalReport, SurvivalReportInput } from './report/survival-report';
export { niceTicks, nomogram, pointsOf } from './stats/nomogram';
export type { Nomogram, NomogramInput } from './stats/nomogram';
export { nomogramSvg } from './report/nomogram-svg';
export { bootstrapCalibration } from './stats/bootstrap-calibration';
export { interpolate, lowess } from './stats/lowess';
export type { LowessOptions, Smooth } from './stats/lowess';
export type { BootstrapCalibration } from './stats/bootstrap-calibration';
export { fitLassoLogistic } from './train/lasso-logistic';
export type { LassoLogisticFit } from './train/lasso-logistic';
export { fitLasso, kktViolation } from './train/lasso';
export { lassoCv } from './train/lasso-cv';
export { trainGbdt } from './train/gbdt';
export { gbdtImportance } from './train/gbdt-importance';
export type { GbdtImportance } from './train/gbdt-importance';
export { parseIccVerdicts, applyIccVerdicts } from './train/icc-filter';
export type { IccVerdicts } from './train/icc-filter';
export { trainModel, MIN_CASES_PER_CLASS } from './train/train-model';
export type { LabelledSet, Pipeline, Selection, TrainOptions, TrainedModel } from './train/train-model';
export { compareAlgorithms, COMPARED_ALGORITHMS } from './train/compare';
export type { Comparison, ComparedSet } from './train/compare';
export { buildComparisonReport } from './report/comparison';
export {
  ALGORITHM_NAMES,
  ALGORITHM_LABELS,
  trainAlgorithm,
  predictProbability,
  algorithmOnnx,
  explanationFor,
} from './algorithms/algorithm';
export type { AlgorithmModel, AlgorithmName } from './algorithms/algorithm';
export { samplingShap } from './shap/sampling';
export { gaussian, mulberry32 } from './train/random';
export { parseTable, labelsById, labelsFor, readCsv, readCsvCells, numericColumns } from './train/table';
export type { Table } from './train/table';
export { logisticOnnx } from './onnx/logistic-graph';
export { treeEnsembleOnnx } from './onnx/tree-graph';
export { checkModel, decodeModel, readMetadata, readLinearModel, readTreeEnsemble } from './onnx/inspect';
export { createPredictor } from './inference';
export type { OrtModule, Predictor, Prediction } from './inference';
export { linearShap } from './shap/linear';
export { treeShap } from './shap/tree';
export { exactShap, MAX_EXACT_INPUTS } from './shap/exact';
export type { ShapExplanation, ShapSpace, Background } from './shap/space';
export { efficiencyError } from './shap/space';
export { explainCase, explainPrediction, predictCase } from './explain';
export type { CaseExplanation, CasePrediction, RangeWarning } from './explain';
export { parseExtractionSettings, parseManifest, manifestSchema, QUESTIONS, sequenceSourceSchema } from './manifest';
export type { Manifest, SequenceSource, TaskCoding } from './manifest';
export { loadModelPackage, sha256Hex } from './model-package';
export type { ModelPackage } from './model-package';
export { buildPackage } from './build-package';
export type { PackageInfo, PackageFiles } from './build-package';
export {
  caseFeatures,
  formatCohortCsv,
  outlineOnGrid,
  regionFeatures,
  regionMask,
  sequenceRegions,
} from './case-features';
export type { ExtractionSettings, RegionFeatures, RegionInput, SequenceRegions } from './case-features';
export { inputSource, modelInputs } from './model-inputs';
export type { InputSource } from './model-inputs';
export { KINETIC_INPUTS, KINETIC_INPUT_PREFIX, kineticInputValues, type KineticInput } from './kinetic-inputs';
export { DEMO_SETTINGS } from './demo-settings';
export { ALL_QUESTIONS, QUESTION_INFO, SURVIVAL_QUESTIONS } from './questions';
export type { ClassificationQuestion, Question, QuestionInfo, SurvivalQuestion } from './questions';
export { parseSurvivalManifest, survivalManifestSchema } from './survival-manifest';
export type { SurvivalManifest } from './survival-manifest';
export { coxOnnx } from './onnx/cox-graph';
export type { CoxLinearPredictor } from './onnx/cox-graph';
export { breslowBaseline, explainRiskScore, riskScore, survivalPrediction } from './survival-model';
export type { RiskScoreExplanation, SurvivalPrediction } from './survival-model';
export { createRiskScorer } from './survival-inference';
export type { RiskScorer } from './survival-inference';
export { buildSurvivalPackage } from './survival-package';
export type { SurvivalPackageFiles, SurvivalPackageInfo, SurvivalSet } from './survival-package';
export { readCoxModel } from './onnx/inspect';
export { rangeWarnings } from './range-warnings';
export { analyseSurvivalCase, cutoffMethod, cutoffNote, eventThreshold, survivalPackage } from './survival-case';
export type { CutoffMethod, SurvivalCase, SurvivalPackage } from './survival-case';
