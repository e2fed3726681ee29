/** @jsxRuntime automatic */
// (The pragma lets the unit tests' tsx loader, which reads the root tsconfig without `jsx`, compile this file the way
// the extension's tsconfig does.)
import { type CSSProperties, useState } from 'react';
import type { AnalysisResult, SignoffState } from '@heron/server/contract';
import { explanationSentence, formatProbability, formatTimestamp, readableWarning } from '../result-text';
import { rs } from './result-styles';
import { KineticCurveChart } from './KineticCurveChart';
import { ShapWaterfall } from './ShapWaterfall';
import { SurvivalSummary } from './SurvivalSummary';
import { s } from './styles';

const SHORT_SHA = 12;

export interface ResultCardProps {
  result: AnalysisResult;
  onAccept: () => void;
  onReject: (reason: string) => void;
  /** While the panel stores the reader's decision: both buttons are disabled. */
  busy?: boolean;
  /** Stores again a result whose store failed (POST /api/analyses/:id/store). */
  onRetryStore?: () => void;
}

/**
 * Why the result cannot be signed yet, or null when it can: nothing is signed before its SEG, SR and PDF are in the
 * study (the server refuses it too). A result from before the store followed the result is stored or not by `stored`.
 */
export function unsignableReason(result: AnalysisResult): string | null {
  const state = result.storage?.state ?? (result.stored ? 'stored' : 'failed');
  if (state === 'storing') return 'You can sign the result once it is stored in the study.';
  if (state === 'failed') return 'The result is not stored in the study; store it (Retry) before signing it.';
  return null;
}

/** A classifier's answer: the probability against the decision threshold, the predicted class and the gauge. */
function ClassifierSummary({ result }: { result: AnalysisResult }) {
  return (
    <>
      <div style={rs.probabilityRow}>
        <span style={rs.probability} data-testid="heron-probability">
          {formatProbability(result.probability)}
        </span>
        <span style={rs.probabilityDetail}>
          Predicted:{' '}
          <span style={rs.predicted} data-testid="heron-predicted-class">
            {result.predictedClass}
          </span>
          <br />
          decision threshold {formatProbability(result.threshold)}
        </span>
      </div>
      <Gauge probability={result.probability} threshold={result.threshold} />
    </>
  );
}

/**
 * One analysis result: what question the model answers, its answer (a classifier's probability against the decision
 * threshold, or a survival package's risk group, score and S(t)), the reasons in a sentence and a SHAP waterfall, the warnings, the model and its intended use, and the reader's decision.
 */
export function ResultCard({ result, onAccept, onReject, busy = false, onRetryStore }: ResultCardProps) {
  const { model } = result;
  return (
    <section style={rs.card} data-testid="heron-result-card" aria-label="Analysis result">
      {/* The server words each task's question for the reader ("Probability that the tumour is HER2-positive
          (rather than HER2-negative)", server/src/analysis/question-text.ts), so the card does not word it again. */}
      <h3 style={rs.question} data-testid="heron-question">
        {result.question.text}
      </h3>
      {result.survival ? <SurvivalSummary survival={result.survival} /> : <ClassifierSummary result={result} />}
      {result.warnings.length > 0 && (
        <div data-testid="heron-result-warnings">
          {result.warnings.map((w, i) => (
            <div key={i} style={s.warning} title={w}>
              ⚠ {readableWarning(w)}
            </div>
          ))}
        </div>
      )}
      <div style={s.sectionTitle}>Why</div>
      <p style={rs.sentence} data-testid="heron-explanation-sentence">
        {explanationSentence(result)}
      </p>
      <ShapWaterfall explanation={result.explanation} />
      {result.kinetics && <KineticCurveChart kinetics={result.kinetics} />}
      <div style={rs.model} data-testid="heron-model">
        {model.name} {model.version} · sha256 <span title={model.sha256}>{model.sha256.slice(0, SHORT_SHA)}</span> ·
        analysed {formatTimestamp(result.createdAt)}
        {!result.storage && <> · {result.stored ? 'saved to the study (SEG and SR)' : 'not saved to the study'}</>}
      </div>
      {result.storage && <StorageLine result={result} busy={busy} onRetry={onRetryStore} />}
      <div style={rs.intendedUse} data-testid="heron-result-intended-use">
        {model.syntheticTraining && (
          <div style={rs.synthetic} data-testid="heron-synthetic-training">
            Trained on synthetic data — not for clinical use.
          </div>
        )}
        {/* Heron's own statement stands on every result, whatever a site's model card says. */}
        <div>For research use only. This result is not a diagnosis.</div>
        <div>{model.intendedUse}</div>
      </div>
      {result.verification.state === 'UNVERIFIED' ? (
        // Keyed by the analysis so that a half-typed reason never carries over to the next result.
        <Decision
          key={result.analysisId}
          busy={busy}
          onAccept={onAccept}
          onReject={onReject}
          waitFor={unsignableReason(result)}
        />
      ) : (
        <VerificationNote verification={result.verification} />
      )}
    </section>
  );
}

/** Where the SEG, SR and PDF are: being stored, stored (the SR's UID on hover), or failed with what failed and Retry. */
function StorageLine({ result, busy, onRetry }: { result: AnalysisResult; busy: boolean; onRetry?: () => void }) {
  const storage = result.storage;
  if (!storage) return null;
  if (storage.state === 'storing')
    return (
      <div style={rs.model} data-testid="heron-storage" data-storage="storing">
        storing the SEG, the SR and the report PDF in the study…
      </div>
    );
  if (storage.state === 'stored')
    return (
      <div
        style={rs.model}
        data-testid="heron-storage"
        data-storage="stored"
        title={`Report (SR) ${storage.srSopInstanceUID}`}
      >
        stored in the study (SEG, SR and report PDF)
      </div>
    );
  return (
    <div style={s.error} role="alert" data-testid="heron-storage" data-storage="failed">
      {storage.message ?? 'The result could not be stored in the study.'}
      {onRetry && (
        <div style={rs.actions}>
          <button
            type="button"
            style={buttonStyle(rs.accept, busy)}
            disabled={busy}
            onClick={onRetry}
            data-testid="heron-retry-store"
          >
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

function Gauge({ probability, threshold }: { probability: number; threshold: number }) {
  return (
    <div style={rs.gauge} aria-hidden="true">
      <div style={{ ...rs.gaugeFill, width: `${probability * 100}%` }} />
      <div style={{ ...rs.gaugeThreshold, left: `calc(${threshold * 100}% - 1px)` }} />
    </div>
  );
}

/** Accept, or Reject with a reason: the reader's decision on a result. */
export function Decision({
  busy,
  onAccept,
  onReject,
  waitFor = null,
}: {
  busy: boolean;
  onAccept: () => void;
  onReject: (reason: string) => void;
  /** Why the reader cannot decide yet (the result is not stored): both buttons are disabled and this is shown. */
  waitFor?: string | null;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  if (rejecting) {
    return (
      <RejectForm
        reason={reason}
        busy={busy}
        onReason={setReason}
        onConfirm={() => onReject(reason.trim())}
        onCancel={() => {
          setRejecting(false);
          setReason('');
        }}
      />
    );
  }
  return (
    <>
      <div style={rs.actions}>
        <button
          type="button"
          style={buttonStyle(rs.accept, busy || waitFor !== null)}
          disabled={busy || waitFor !== null}
          onClick={onAccept}
          data-testid="heron-accept"
        >
          Accept
        </button>
        <button
          type="button"
          style={buttonStyle(rs.reject, busy || waitFor !== null)}
          disabled={busy || waitFor !== null}
          onClick={() => setRejecting(true)}
          data-testid="heron-reject"
        >
          Reject
        </button>
      </div>
      <div style={rs.probabilityDetail} data-testid={waitFor ? 'heron-signoff-wait' : undefined}>
        {waitFor ?? 'Accept marks the stored report as verified in your name; Reject records why.'}
      </div>
    </>
  );
}

function buttonStyle(base: CSSProperties, disabled: boolean): CSSProperties {
  return disabled ? { ...base, ...rs.disabled } : base;
}

export interface RejectFormProps {
  reason: string;
  busy: boolean;
  onReason: (reason: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The inline form a Reject opens: a rejection is only recorded with a reason. */
export function RejectForm({ reason, busy, onReason, onConfirm, onCancel }: RejectFormProps) {
  const canConfirm = !busy && reason.trim() !== '';
  return (
    <div>
      <textarea
        style={rs.reason}
        rows={2}
        value={reason}
        placeholder="Why is this result wrong or not usable?"
        aria-label="Reason for rejecting the result"
        disabled={busy}
        onChange={(e) => onReason(e.target.value)}
        data-testid="heron-reject-reason"
      />
      <div style={rs.actions}>
        <button
          type="button"
          style={buttonStyle(rs.reject, !canConfirm)}
          disabled={!canConfirm}
          onClick={onConfirm}
          data-testid="heron-reject-confirm"
        >
          Reject with this reason
        </button>
        <button
          type="button"
          style={buttonStyle(rs.reject, busy)}
          disabled={busy}
          onClick={onCancel}
          data-testid="heron-reject-cancel"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

function VerificationNote({ verification }: { verification: Exclude<SignoffState, { state: 'UNVERIFIED' }> }) {
  return (
    <div style={rs.verification} data-testid="heron-verification" data-state={verification.state}>
      {verification.state === 'VERIFIED' ? (
        <>
          Accepted by <strong>{verification.reader}</strong> on {formatTimestamp(verification.at)}.
        </>
      ) : (
        <>
          Rejected by <strong>{verification.reader}</strong> on {formatTimestamp(verification.at)}: “
          {verification.reason}”
        </>
      )}
    </div>
  );
}
