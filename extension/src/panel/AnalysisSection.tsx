import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnalysisResult, ModelSummary, ProgressEvent, SeriesRole, StoredResult } from '@heron/server/contract';
import type { ApiClient } from '../api-client';
import { OutlineError } from '../outline/outline';
import { formatProbability, formatRiskScore, formatTimestamp } from '../result-text';
import type { ViewerActions } from '../viewer-actions';
import { ProgressBar } from './ProgressBar';
import { Decision, ResultCard } from './ResultCard';
import { StratifiedCard, type Step } from './StratifiedCard';
import { STRATIFIED_CHOICE, STRATIFIED_LABEL, stratifiedChoice } from './stratified-choice';
import { s } from './styles';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; event: ProgressEvent }
  | { kind: 'done'; result: AnalysisResult; jobId?: string }
  | { kind: 'failed'; message: string };

export interface AnalysisSectionProps {
  api: ApiClient;
  viewer: ViewerActions;
  studyUid: string;
  /** The reader's series reassignments, which the analysis must use too. */
  overrides: Record<string, SeriesRole>;
  /** From GET /api/me: a board member or an administrator reads the stored results but neither analyses nor signs. */
  canAnalyse: boolean;
  canSignOff: boolean;
}

/** A fresh key per Analyze click. crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function verificationText(r: StoredResult): string {
  if (r.supersededBy) return 'replaced by the signed report';
  const who = (name: string) => name.replace(/\^/g, ' ').trim();
  switch (r.signoff.state) {
    case 'VERIFIED':
      return `accepted by ${who(r.signoff.reader)}`;
    case 'REJECTED':
      return `rejected by ${who(r.signoff.reader)}: “${r.signoff.reason}”`;
    default:
      return 'not yet signed';
  }
}

/** The model, Analyze, progress, the result card, and the results already stored in this study. */
export function AnalysisSection({ api, viewer, studyUid, overrides, canAnalyse, canSignOff }: AnalysisSectionProps) {
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [modelId, setModelId] = useState<string>('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [earlier, setEarlier] = useState<StoredResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stopFollowing = useRef<(() => void) | null>(null);

  useEffect(() => {
    api
      .models()
      .then((list) => {
        setModels(list);
        if (list[0]) setModelId((id) => id || list[0].id);
      })
      .catch((err: unknown) => setProblem(message(err)));
  }, [api]);

  // The study's images for the chosen model are read into the server's cache while the reader outlines, so that
  // Analyze starts from memory; asked again when the reader picks another question.
  useEffect(() => {
    if (canAnalyse && studyUid && modelId) void api.prefetch(studyUid, modelId);
  }, [api, studyUid, modelId, canAnalyse]);

  const refreshEarlier = useCallback(() => {
    api
      .results(studyUid)
      .then(setEarlier)
      .catch((err: unknown) => setProblem(message(err)));
  }, [api, studyUid]);

  useEffect(refreshEarlier, [refreshEarlier]);
  useEffect(() => () => stopFollowing.current?.(), []);

  /**
   * Once the result is published, and again at each step of its store: the job's state, with the result (shown as
   * soon as it is computed, then marked stored, or failed with Retry) or the reason it failed.
   */
  const finish = useCallback(
    async (jobId: string) => {
      try {
        const final = await api.analysis(jobId);
        if (final.state === 'succeeded' && final.result) {
          const result = final.result;
          // A decision already shown (signed meanwhile) is kept; the store's progress only changes the storage line.
          setPhase((p) => {
            if (p.kind !== 'done' || p.result.analysisId !== result.analysisId) return { kind: 'done', jobId, result };
            // Answers may cross: a stored result never goes back to storing.
            if (p.result.storage?.state === 'stored' && result.storage?.state === 'storing') return p;
            return { kind: 'done', jobId, result: { ...result, verification: p.result.verification } };
          });
          if (result.storage?.state !== 'storing') refreshEarlier();
        } else {
          setPhase({ kind: 'failed', message: final.error ?? 'The analysis failed.' });
        }
      } catch (err) {
        setPhase({ kind: 'failed', message: message(err) });
      }
    },
    [api, refreshEarlier],
  );

  const retryStore = useCallback(
    async (jobId: string) => {
      setBusy(true);
      setProblem(null);
      try {
        const job = await api.retryStore(jobId);
        if (job.result) setPhase({ kind: 'done', jobId, result: job.result });
        refreshEarlier();
      } catch (err) {
        setProblem(message(err));
      } finally {
        setBusy(false);
      }
    },
    [api, refreshEarlier],
  );

  const analyze = useCallback(async () => {
    setProblem(null);
    let outline;
    try {
      outline = viewer.getOutline();
    } catch (err) {
      if (err instanceof OutlineError) {
        setPhase({ kind: 'failed', message: err.message });
        return;
      }
      throw err;
    }
    if (!outline) {
      setPhase({
        kind: 'failed',
        message: 'Outline the tumour with the brush on the DCE phase first (Segmentation tab).',
      });
      return;
    }
    try {
      const stratified = modelId === STRATIFIED_CHOICE ? stratifiedChoice(models ?? []) : null;
      const job = await api.startAnalysis(
        stratified
          ? { studyInstanceUID: studyUid, modelId: stratified.first.id, flow: 'her2-stratified', overrides, outline }
          : { studyInstanceUID: studyUid, modelId, overrides, outline },
        idempotencyKey(),
      );
      const last = job.events[job.events.length - 1];
      if (last) setPhase({ kind: 'running', event: last });
      stopFollowing.current?.();
      let shown = false;
      stopFollowing.current = api.followAnalysis(job.id, (e) => {
        if (e.state === 'succeeded' || e.state === 'failed') {
          shown = e.state === 'succeeded';
          void finish(job.id);
        } else if (!shown) {
          // After the result is shown, a run that finishes its store (another worker) does not hide it again.
          setPhase({ kind: 'running', event: e });
        }
      });
    } catch (err) {
      setPhase({ kind: 'failed', message: message(err) });
    }
  }, [api, viewer, studyUid, modelId, models, overrides, finish]);

  /** Stores the reader's decision on a report; returns who signed it, as the server names them. */
  const sign = useCallback(
    async (sr: string, decision: { accept: true } | { accept: false; reason: string }): Promise<string | null> => {
      setBusy(true);
      setProblem(null);
      try {
        const r = decision.accept ? await api.accept(studyUid, sr) : await api.reject(studyUid, sr, decision.reason);
        refreshEarlier();
        return r.reader;
      } catch (err) {
        setProblem(message(err));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [api, studyUid, refreshEarlier],
  );

  /** Signs one result: the analysis', or a step of a stratified reading (each step has its own report). */
  const decide = useCallback(
    async (result: AnalysisResult, decision: { accept: true } | { accept: false; reason: string }, step?: Step) => {
      const target = step === 'second' ? result.stratified?.second : result;
      if (!target?.stored) return;
      const reader = await sign(target.stored.srSopInstanceUID, decision);
      if (reader === null) return;
      const at = new Date().toISOString();
      const verification: AnalysisResult['verification'] = decision.accept
        ? { state: 'VERIFIED', reader, at }
        : { state: 'REJECTED', reader, reason: decision.reason, at };
      setPhase({
        kind: 'done',
        result:
          step === 'second' && result.stratified?.second
            ? { ...result, stratified: { ...result.stratified, second: { ...result.stratified.second, verification } } }
            : { ...result, verification },
      });
    },
    [sign],
  );

  const stratifiedModels = models ? stratifiedChoice(models) : null;
  const chosenStratified = modelId === STRATIFIED_CHOICE ? stratifiedModels : null;
  const model = chosenStratified ? chosenStratified.first : models?.find((m) => m.id === modelId);
  const running = phase.kind === 'running';
  return (
    <div data-testid="heron-analysis">
      <div style={s.sectionTitle}>Analysis</div>
      {canAnalyse && (
        <>
          {models && models.length === 0 && <div style={s.warning}>No model is installed on this Heron server.</div>}
          {models && models.length > 1 && (
            <select
              style={s.select}
              aria-label="Question"
              data-testid="heron-question-select"
              value={modelId}
              onChange={(e) => setModelId(e.target.value)}
            >
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.description} ({m.population}) · {m.name} {m.version}
                </option>
              ))}
              {stratifiedModels && <option value={STRATIFIED_CHOICE}>{STRATIFIED_LABEL}</option>}
            </select>
          )}
          {chosenStratified && (
            <div style={s.modelFacts} data-testid="heron-model-info">
              <div>{STRATIFIED_LABEL}</div>
              <div style={s.muted}>
                Step 1: {chosenStratified.first.description} ({chosenStratified.first.name}{' '}
                {chosenStratified.first.version}). Step 2, only if step 1 says HER2-negative:{' '}
                {chosenStratified.second.description} ({chosenStratified.second.name} {chosenStratified.second.version}
                ).
              </div>
              {(chosenStratified.first.syntheticTraining || chosenStratified.second.syntheticTraining) && (
                <div style={s.muted}>Trained on synthetic data, not for clinical use.</div>
              )}
            </div>
          )}
          {model && !chosenStratified && (
            <div style={s.modelFacts} data-testid="heron-model-info">
              <div>{model.description}</div>
              <div style={s.muted}>
                Applies {model.population.startsWith('among') ? '' : 'to '}
                {model.population}.
              </div>
              <div style={s.muted}>
                {model.name} · version {model.version}
                {model.syntheticTraining ? ' · trained on synthetic data, not for clinical use' : ''}
              </div>
            </div>
          )}
          <button
            type="button"
            style={s.primaryButton}
            disabled={!model || running}
            onClick={() => void analyze()}
            data-testid="heron-analyze"
          >
            {running ? 'Analyzing…' : 'Analyze'}
          </button>
        </>
      )}
      {phase.kind === 'running' && (
        <ProgressBar stage={phase.event.stage} fraction={phase.event.fraction} message={phase.event.message} />
      )}
      {phase.kind === 'failed' && (
        <div style={s.error} role="alert" data-testid="heron-analysis-error">
          {phase.message}
        </div>
      )}
      {problem && (
        <div style={s.error} role="alert">
          {problem}
        </div>
      )}
      {phase.kind === 'done' && phase.result.stratified && (
        <StratifiedCard
          result={{ ...phase.result, stratified: phase.result.stratified }}
          busy={busy}
          onAccept={(step) => void decide(phase.result, { accept: true }, step)}
          onReject={(step, reason) => void decide(phase.result, { accept: false, reason }, step)}
        />
      )}
      {phase.kind === 'done' && !phase.result.stratified && (
        <ResultCard
          result={phase.result}
          busy={busy}
          onAccept={() => void decide(phase.result, { accept: true })}
          onReject={(reason) => void decide(phase.result, { accept: false, reason })}
          {...(phase.jobId ? { onRetryStore: () => void retryStore(phase.jobId as string) } : {})}
        />
      )}
      {earlier && earlier.length > 0 && (
        <>
          <div style={s.sectionTitle}>Results stored in this study</div>
          <div data-testid="heron-earlier-results">
            {earlier.map((r) => (
              <div
                key={r.srSopInstanceUID}
                style={s.storedResult}
                data-testid="heron-earlier-result"
                data-signoff={r.signoff.state}
              >
                <div style={s.row}>
                  <span style={s.roleTag}>
                    {r.survival
                      ? `${r.survival.groupName} · ${formatRiskScore(r.survival.riskScore)}`
                      : formatProbability(r.probability)}
                  </span>
                  <span style={s.detail} title={r.condition ? `${r.question}. ${r.condition}` : r.question}>
                    {r.createdAt ? formatTimestamp(r.createdAt) : 'undated'} · {r.algorithm.name} {r.algorithm.version}{' '}
                    · {verificationText(r)}
                  </span>
                </div>
                {canSignOff && r.signoff.state === 'UNVERIFIED' && !r.supersededBy && phase.kind !== 'done' && (
                  <Decision
                    busy={busy}
                    onAccept={() => void sign(r.srSopInstanceUID, { accept: true })}
                    onReject={(reason) => void sign(r.srSopInstanceUID, { accept: false, reason })}
                  />
                )}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
